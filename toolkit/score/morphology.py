"""The little morphology scoring needs of its own: Russian names, lemmas and tense (pymorphy3), cached.

The analyses come from the lexicon's cache (`ru_analysis`), so each word form is analysed once however
many questions are asked about it.
"""

from __future__ import annotations

from functools import lru_cache

from toolkit.lexicon.morph import ru_analysis, ru_parses
from toolkit.lexicon.morph import ru_is_name as _lexicon_ru_is_name

_NAME_TAGS = frozenset(("Name", "Surn", "Patr", "Geox", "Orgn"))


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


@lru_cache(maxsize=50_000)
def ru_common_word(word: str) -> bool:
    """Every pymorphy3 reading of the form is a dictionary word with no name tag: a capitalised «Устава»
    or «Пленума» is the Charter or the Plenum, not a name (a reading as a surname, «Салтыков», or a
    word pymorphy3 only guesses at, «Зальцбергер», keeps it a name)."""
    parses = ru_parses(word)
    if not parses:
        return False
    for parse in parses:
        if _NAME_TAGS & set(parse[1].grammemes):
            return False
        if type(parse[4][0][0]).__name__ != "DictionaryAnalyzer":
            return False
    return True
