"""How strongly a Russian word and an English word translate each other, from whatever evidence exists.

The lexicon (`toolkit.lexicon`) gives translation probabilities over lemmas; names are compared by
transliteration; digits must be equal. When the lexicon is missing, scoring still runs on names,
numbers and cognates, and the signature says `lex:none`.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, NamedTuple

from toolkit.score.words import Word

# A lexicon probability at or above FULL_PROB counts as a sure translation; below FLOOR_PROB as noise.
FULL_PROB = 0.08
FLOOR_PROB = 0.002
NAME_MIN = 0.72  # name_similarity below this is not the same name
COGNATE_MIN = 0.8  # transliteration similarity for ordinary words (партия ~ party)

_state: dict[str, Any] = {"lexicon": None, "loaded": False, "error": ""}


def get_lexicon() -> Any | None:
    """The shared lexicon, or None (with the reason kept in `lexicon_error()`) when it cannot be loaded."""
    if not _state["loaded"]:
        _state["loaded"] = True
        try:
            from toolkit.lexicon import load_lexicon

            _state["lexicon"] = load_lexicon()
        except (ImportError, RuntimeError, OSError, ValueError) as exc:
            _state["lexicon"] = None
            _state["error"] = f"{type(exc).__name__}: {exc}"
    return _state["lexicon"]


def set_lexicon(lexicon: Any | None) -> None:
    """Use another lexicon (tests, experiments); clears every cached strength."""
    _state.update(lexicon=lexicon, loaded=True, error="" if lexicon is not None else "disabled")
    _strength.cache_clear()


def lexicon_error() -> str:
    get_lexicon()
    return _state["error"]


def lexicon_id() -> str:
    """Short identity of the lexicon for signatures."""
    lexicon = get_lexicon()
    if lexicon is None:
        return "none"
    for attribute in ("signature", "version", "name", "id"):
        value = getattr(lexicon, attribute, None)
        if isinstance(value, str) and value:
            return value.replace("|", "/")
    return "tct"


class _Side(NamedTuple):
    key: str
    role: str
    script: str


def _name_similarity(ru: str, en: str) -> float:
    try:
        from toolkit.lexicon.translit import name_similarity
    except ImportError:  # pragma: no cover - lexicon package missing
        return 1.0 if ru.lower() == en.lower() else 0.0
    return name_similarity(ru, en)


def prob_strength(prob: float) -> float:
    """Map a translation probability to a match strength in [0, 1] (square-root ramp to FULL_PROB)."""
    if prob < FLOOR_PROB:
        return 0.0
    return min(1.0, math.sqrt(prob / FULL_PROB))


def pair_strength(source: Word, target: Word) -> tuple[float, str]:
    """(strength, how) that `target` renders `source`: how is exact|number|lexicon|name|cognate|''."""
    return _strength(source.key, source.role, source.script, target.key, target.role, target.script)


@lru_cache(maxsize=1_000_000)
def _strength(
    source_key: str,
    source_role: str,
    source_script: str,
    target_key: str,
    target_role: str,
    target_script: str,
) -> tuple[float, str]:
    source = _Side(source_key, source_role, source_script)
    target = _Side(target_key, target_role, target_script)
    # A digit against a number word is left to the lexicon; the number check compares values.
    if source.script == target.script == "digit":
        from toolkit.score.numbers import _digits_value

        same = _digits_value(source.key, "ru") == _digits_value(target.key, "en")
        return (1.0, "number") if same else (0.0, "")
    if source.script != "cyrillic" and source.key == target.key:
        return 1.0, "exact"  # Latin words, e.g. "YouTube", carried over as they are
    best, how = 0.0, ""
    lexicon = get_lexicon()
    if lexicon is not None and source.script == "cyrillic" and target.script in ("latin", "digit"):
        strength = prob_strength(lexicon.prob(source.key, target.key))
        if strength > best:
            best, how = strength, "lexicon"
    if best < 1.0 and source.script == "cyrillic" and target.script == "latin":
        if (source.role == "name" or target.role == "name") and min(len(source.key), len(target.key)) >= 3:
            similarity = _name_similarity(source.key, target.key)
            if similarity >= NAME_MIN and similarity > best:
                best, how = similarity, "name"
        elif source.role == "content" and target.role == "content" and len(source.key) >= 5 and best < 0.5:
            similarity = _name_similarity(source.key, target.key)
            if similarity >= COGNATE_MIN:
                best, how = max(best, 0.8 * similarity), "cognate"
    return best, how
