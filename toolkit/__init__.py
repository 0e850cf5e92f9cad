"""tct, the translation comparison toolkit: how faithful is a rendering to its original?

The five things a Python user wants, each usable without the command line:

>>> from toolkit import load_corpus, align, score_pair, score_quote, diff_renderings, locate
>>> corpus = load_corpus()                                   # the bundled corpus, or ./parallel, or a folder
>>> quote = corpus.quote("lenin-letter-to-congress")
>>> [r.name for r in score_quote(quote)]                     # fidelity, flags and evidence per rendering
['post', 'published']
>>> score_pair("Я не уверен.", "I am sure.").flags[0].type    # one sentence and its rendering
'negation'
>>> [(b.source, b.target) for b in align("Он пришёл. Он ушёл.", "He came. He left.", "ru", "en").beads]
[((0,), (0,)), ((1,), (1,))]
>>> diff_renderings(quote, "post", "published").rows[0].a[:15]   # two renderings through the original
'Comrade. Stalin'
>>> locate("Stalin concentrated immense power in his hands.", quote.original.text)[0].start
0
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

# Heavy third-party modules (numpy, scipy, pymorphy3, the lexicon) load on first use, not here: importing
# toolkit stays cheap (`python -X importtime -c "import toolkit"`). The public names below are imported on
# first use too (PEP 562): every `python -m toolkit` / `tct` run imports this package first, and the
# aligner, locator and scorer it would pull in are what `tct --help` and `tct score` should not pay for.
_PUBLIC = {
    "align": ("toolkit.align", "align_texts"),
    "Corpus": ("toolkit.corpus", "Corpus"),
    "resolve_corpus_dir": ("toolkit.corpus", "resolve_corpus_dir"),
    "diff_renderings": ("toolkit.diff", "compare_renderings"),
    "locate": ("toolkit.locate", "locate"),
    "score_pair": ("toolkit.score", "score_pair"),
    "score_quote": ("toolkit.score", "score_quote"),
}

if TYPE_CHECKING:
    from toolkit.align import align_texts as align
    from toolkit.corpus import Corpus
    from toolkit.diff import compare_renderings as diff_renderings
    from toolkit.locate import locate
    from toolkit.score import score_pair, score_quote


def __getattr__(name: str) -> Any:
    """`toolkit.score_pair` and friends, imported when first asked for (then kept as attributes)."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    module, attribute = _PUBLIC[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """`toolkit.align` and `toolkit.locate` stay the functions, as when they were imported eagerly: importing
    the subpackages of those names (which binds each on its package) does not replace the functions."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _PUBLIC and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def load_corpus(folder: str | None = None) -> Corpus:
    """The corpus at `folder`, else ./parallel when it exists, else your own corpus over the bundled one
    (as the command line chooses: `tct corpus list`)."""
    corpus = importlib.import_module("toolkit.corpus")
    return corpus.Corpus(corpus.resolve_corpus_dir(folder))


__all__ = ["__version__", "align", "diff_renderings", "load_corpus", "locate", "score_pair", "score_quote"]
