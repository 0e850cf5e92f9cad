"""Heavy third-party modules imported on first use, so `tct --help` does not pay for numpy and scipy.

`numpy = lazy_module("numpy")` at the top of a module reads like an import and costs nothing until an
attribute is used. Unlike importlib.util.LazyLoader (and the lazy_loader package built on it), a dotted
name such as "scipy.special" does not import its parent package up front, and nothing is put in
sys.modules, so other code importing the real module is not affected.
"""

from __future__ import annotations

import importlib
import types
from typing import Any


class _LazyModule(types.ModuleType):
    """Stands for a module until its first attribute is read; then imports it and keeps its contents."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__dict__["_lazy_target"] = name

    def __getattr__(self, attribute: str) -> Any:
        module = importlib.import_module(self.__dict__["_lazy_target"])
        self.__dict__.update(module.__dict__)
        return getattr(module, attribute)


def lazy_module(name: str) -> Any:
    """The module `name`, imported when one of its attributes is first used (an ImportError shows then)."""
    return _LazyModule(name)
