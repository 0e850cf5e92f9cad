"""The public face: `from toolkit import ...` works, its examples run as written, and importing it is cheap."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys

import toolkit


def test_public_names() -> None:
    for name in ("load_corpus", "align", "score_pair", "score_quote", "diff_renderings", "locate"):
        assert callable(getattr(toolkit, name)), name


def test_docstring_examples_run() -> None:
    # `toolkit.locate` is the function once toolkit is imported (the package shares its name): by module path.
    for module in (toolkit, *map(importlib.import_module, ("toolkit.score.pair", "toolkit.locate.finder"))):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_import_loads_no_heavy_module() -> None:
    heavy = [
        "numpy",
        "scipy",
        "pymorphy3",
        "sentencepiece",
        "translate",
        "lxml",
        "dask",
        "lemminflect",
        "pysbd",
    ]
    code = f"import sys, toolkit; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
