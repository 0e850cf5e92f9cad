"""The little morphology scoring needs of its own: Russian names and lemmas (pymorphy3), cached."""

from __future__ import annotations

from functools import lru_cache

_NAME_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn")


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def ru_lemma(word: str) -> str:
    return _analyzer().parse(word.lower())[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=200_000)
def ru_is_name(word: str) -> bool:
    """pymorphy3's best parse is a personal, geographic or organisation name."""
    parse = _analyzer().parse(word)[0]
    return any(tag in parse.tag for tag in _NAME_TAGS)


@lru_cache(maxsize=200_000)
def ru_is_future(word: str) -> bool:
    """A future-tense verb form: perfective non-past ("сделает") or a form of "будет"."""
    return any("futr" in parse.tag for parse in _analyzer().parse(word)[:1])
