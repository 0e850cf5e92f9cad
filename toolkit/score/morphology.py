"""The little morphology scoring needs of its own: Russian names, lemmas and tense (pymorphy3), cached.

The analyses come from the lexicon's cache (`ru_analysis`), so each word form is analysed once however
many questions are asked about it.
"""

from __future__ import annotations

from functools import lru_cache

from toolkit.lexicon.morph import ru_analysis
from toolkit.lexicon.morph import ru_is_name as _lexicon_ru_is_name


@lru_cache(maxsize=200_000)
def ru_lemma(word: str) -> str:
    return ru_analysis(word.lower())[0][0].replace("ё", "е")


def ru_is_name(word: str) -> bool:
    """pymorphy3's best parse is a personal, geographic or organisation name."""
    return _lexicon_ru_is_name(word)


@lru_cache(maxsize=200_000)
def ru_is_future(word: str) -> bool:
    """A future-tense verb form: perfective non-past ("сделает") or a form of "будет"."""
    return "futr" in ru_analysis(word)[1]
