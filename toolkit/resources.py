"""The lexicon and everything remembered about it, in one object shared by the aligner and the scorer.

What a word translates as, which English lemmas a form has, how two names compare: scoring and aligning
remember such answers per word, and every one of them depends on the lexicon they came from. They all
live in a `Resources` object, beside its lexicon, so that two lexicons never share an answer and
replacing the lexicon (`set_lexicon`) forgets everything drawn from the old one, the aligner's lexicon
keys included.

The public calls take it as an argument (`score_pair(..., resources=r)`, `align(..., resources=r)`);
without one they use `default_resources()`, built on the shipped lexicon, which loads on first use.
Inside a call the object is the active one (`using(r)`, a context variable: threads and nested calls
each see their own), which is how the rule code reaches the right caches without a parameter on every
function. Caches of answers that do not depend on the lexicon (pymorphy3's analyses, transliterations,
tokenisations) stay with the functions that make them: they are the same whatever the lexicon.

>>> from toolkit.resources import Resources
>>> Resources(lexicon=None).lexicon is None
True
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import wraps
from typing import Any

from toolkit.lexicon import load_lexicon
from toolkit.lexicon.morph import warm_up as warm_up_morphology
from toolkit.lexicon.wordnet import WordNetDataMissing, load_wordnet

__all__ = ["SHIPPED", "Resources", "current", "default_resources", "memoized", "uses_resources", "using"]

#: A cache table is emptied when it grows past this many entries (a bound on memory, not on speed).
TABLE_LIMIT = 200_000


class _Shipped:
    def __repr__(self) -> str:
        return "SHIPPED"


#: `Resources(lexicon=SHIPPED)` (the default): the lexicon that ships with tct, loaded on first use.
SHIPPED: Any = _Shipped()


class Resources:
    """One lexicon (the shipped one by default, any object with its methods, or None to score without)
    and every cache built from it: named tables (`table`) for the scorer and the aligner's lexicon keys.

    Not copied into worker processes: each process builds its own from the same lexicon file."""

    def __init__(self, lexicon: Any = SHIPPED):
        self._lexicon: Any = None
        self._loaded = False
        self._given = False
        self.error = ""  # why the lexicon could not be loaded ("" if it was, "disabled" if None was given)
        self.tables: dict[str, Any] = {}
        self._lock = threading.Lock()  # Dask's threads share one object: load the lexicon once, seen whole
        if lexicon is not SHIPPED:
            self.set_lexicon(lexicon)

    @property
    def lexicon(self) -> Any | None:
        """The lexicon, or None (with the reason in `error`) when the shipped one cannot be loaded."""
        if not self._loaded:
            with self._lock:  # `_loaded` is set after the lexicon: a thread never sees a half-loaded state
                if not self._loaded:
                    try:
                        self._lexicon = load_lexicon()
                    except (RuntimeError, OSError, ValueError) as exc:  # missing or damaged: say so, score on
                        self._lexicon = None
                        self.error = f"{type(exc).__name__}: {exc}"
                    self._loaded = True
        return self._lexicon

    def set_lexicon(self, lexicon: Any | None) -> None:
        """Use another lexicon (None: none at all) and forget every answer drawn from the old one."""
        self._lexicon, self._loaded, self._given = lexicon, True, True
        self.error = "" if lexicon is not None else "disabled"
        self.clear()

    def clear(self) -> None:
        """Forget every cached answer (the lexicon stays)."""
        self.tables.clear()

    def table(self, name: str) -> dict:
        """The cache table `name` of this object (a plain dict, emptied when it grows past TABLE_LIMIT)."""
        found = self.tables.get(name)
        if found is None or len(found) > TABLE_LIMIT:
            found = self.tables[name] = {}
        return found

    def strict_lexicon(self) -> Any | None:
        """The lexicon for the aligner: the one given, or the shipped one, whose damaged data file is an
        error here (`LexiconDataMissing`), not a quietly weaker alignment."""
        return self._lexicon if self._given else load_lexicon()

    def warm_up(self) -> None:
        """Load the lexicon and every model scoring uses now (start-up cost, paid before the first segment)."""
        lexicon = self.lexicon
        if lexicon is not None and hasattr(lexicon, "warm_up"):
            lexicon.warm_up()
        else:
            warm_up_morphology()  # (lemminflect included: the English name test in words.py needs it)
        with contextlib.suppress(WordNetDataMissing):
            load_wordnet().warm_up()  # near-synonyms and antonyms: read once, before the first segment

    def __repr__(self) -> str:
        state = "not loaded" if not self._loaded else ("none" if self._lexicon is None else "loaded")
        return f"Resources(lexicon {state}, {sum(len(t) for t in self.tables.values() if hasattr(t, '__len__'))} cached)"


_DEFAULT = Resources()
_ACTIVE: ContextVar[Resources] = ContextVar("tct_resources", default=_DEFAULT)


def default_resources() -> Resources:
    """The process's default Resources (the shipped lexicon), used when a call is given none."""
    return _DEFAULT


def current() -> Resources:
    """The Resources of the call in progress (`using`), else the default."""
    return _ACTIVE.get()


@contextlib.contextmanager
def using(resources: Resources | None) -> Iterator[Resources]:
    """Make `resources` the active object for the duration of a call (None: keep the active one)."""
    if resources is None:
        yield _ACTIVE.get()
        return
    token = _ACTIVE.set(resources)
    try:
        yield resources
    finally:
        _ACTIVE.reset(token)


def uses_resources(function: Callable) -> Callable:
    """Run `function` with its keyword argument `resources` (when given) as the active Resources: how a
    public call hands its Resources to every function below it."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        resources = kwargs.get("resources")
        if resources is None:
            return function(*args, **kwargs)
        token = _ACTIVE.set(resources)
        try:
            return function(*args, **kwargs)
        finally:
            _ACTIVE.reset(token)

    return wrapper


_MISSING = object()


def memoized(function: Callable) -> Callable:
    """Cache a function of the lexicon per Resources (the active one's table named after it), where an
    lru_cache would keep one answer for every lexicon. Positional arguments only, all hashable."""
    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def wrapper(*args: Any) -> Any:
        table = _ACTIVE.get().table(name)
        key = args[0] if len(args) == 1 else args
        value = table.get(key, _MISSING)
        if value is _MISSING:
            value = table[key] = function(*args)
        return value

    wrapper.cache_table_name = name  # type: ignore[attr-defined]
    return wrapper
