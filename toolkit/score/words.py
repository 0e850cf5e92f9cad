"""Words of a segment with their character spans and roles (number, name, content, function, foreign).

Scoring needs to know *where* a word is (to quote the span a flag is about, to tell a bracketed aside
from the running text) and *what* it is (a name or a number weighs more than "the").
"""

from __future__ import annotations

import re
from functools import lru_cache

from toolkit.lexicon.morph import en_dictionary_lemmas
from toolkit.lexicon.tokens import WORD_RE  # the lexicon's tokeniser: words cut as the lexicon was built
from toolkit.score.morphology import ru_common_word, ru_is_name
from toolkit.score.numbers import _form_value
from toolkit.score.stoplists import (
    EN_FUNCTION,
    EN_LIGHT,
    EN_NEGATORS,
    EN_PRONOUNS,
    RU_FUNCTION,
    RU_LIGHT,
    RU_NEGATORS,
    RU_PRONOUNS,
)
from toolkit.score.wordtypes import CONTENT_ROLES, ROLE_WEIGHTS, Word

__all__ = ["CONTENT_ROLES", "ROLE_WEIGHTS", "Word", "norm", "words"]

_EN_CLITICS = ("n't", "n’t", "'s", "’s", "'ll", "’ll", "'re", "’re", "'ve", "’ve", "'d", "’d", "'m", "’m")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")
# Digit groups written with spaces (Russian thousands: "1 000 000", also with no-break spaces).
_SPACED_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
# After these a capital letter proves nothing (a sentence starts); quotes and brackets are looked through.
_SENTENCE_ENDS = set(".!?…:")
_OPENERS = set("\"«»“”„'‘’([—–-")

_YEAR_WORDS = frozenset("год года году годом годе годах годов годам г гг".split())
_CLOCK_WORDS = frozenset("час часа часов минута минуты минут".split())  # "в 17 часов" is "at 5 p.m."
# Capitalised in English but not names: months, weekdays, titles, clock and broadcast abbreviations.
_EN_CAPITALISED_COMMON = frozenset(
    "january february march april may june july august september october november december monday tuesday"
    " wednesday thursday friday saturday sunday am pm st mr mrs ms dr tv".split()
)
# Russian acronyms of common nouns (ДТП is "accident", ПО "software"), not names of anything.
_RU_COMMON_ACRONYMS = frozenset(
    "по ос дтп ввп сми чп жкх нко ип ооо оао зао пао ао тц трц аэс гэс тэц вуз егэ огэ чс ии пк бпла пво".split()
)


def norm(word: str) -> str:
    return word.lower().replace("ё", "е").replace("’", "'")


def _script(word: str) -> str:
    if word[0].isdigit():
        return "digit"
    if _CYRILLIC.search(word):
        return "cyrillic"
    if _LATIN.search(word):
        return "latin"
    return "other"


def _en_known(key: str) -> bool:
    """An English dictionary word (lemminflect knows it), as opposed to a name (asked once per form and
    sentence position: the class tables below keep the answer)."""
    return bool(en_dictionary_lemmas(key))


def _starts_sentence(before: str) -> bool:
    before = before.rstrip()
    while before and before[-1] in _OPENERS:
        before = before[:-1].rstrip()
    return not before or before[-1] in _SENTENCE_ENDS


def _role(word: str, key: str, lang: str, sentence_start: bool, script: str) -> str:
    if script == "digit":
        return "number"
    function, pronouns = (RU_FUNCTION, RU_PRONOUNS) if lang == "ru" else (EN_FUNCTION, EN_PRONOUNS)
    if (
        len(word) >= 2
        and word.replace(".", "").isupper()
        and not (sentence_start and len(word) == 2 and key in function)
        and key not in _RU_COMMON_ACRONYMS
        and key not in _EN_CAPITALISED_COMMON
    ):
        return "name"  # acronyms: ОАЭ, USSR, US (not the pronoun "us")
    if key in pronouns:
        return "pronoun"
    if key in (RU_LIGHT if lang == "ru" else EN_LIGHT):
        return "light"
    if key in function or key in (RU_NEGATORS if lang == "ru" else EN_NEGATORS):
        return "function"  # negators are counted by the negation check, not matched word for word
    if len(word) >= 2 and word.isupper() and key not in _RU_COMMON_ACRONYMS:
        return "name"  # acronyms: ОАЭ, USSR
    if word[0].isupper() and key not in _EN_CAPITALISED_COMMON:
        if not sentence_start:
            if lang == "ru" and script == "cyrillic" and ru_common_word(word):
                return "content"  # «Устава», «Пленума»: a capitalised common noun
            return "name"
        if lang == "ru" and script == "cyrillic" and ru_is_name(word):
            return "name"
        if lang == "en" and script == "latin" and not _en_known(key):
            return "name"
    return "content"


def _bracket_depths(text: str) -> list[int]:
    """For each character, how many brackets ([ or () enclose it."""
    depths = [0] * len(text)
    depth = 0
    for i, ch in enumerate(text):
        if ch in "[(":
            depth += 1
        depths[i] = depth
        if ch in "])" and depth:
            depth -= 1
    return depths


def words(text: str, lang: str, cached: bool = True) -> list[Word]:
    """The words of `text` in order, with roles and weights; English clitics ("n't", "'s") split off.

    Cached per text: the same original is often scored against several renderings (`cached=False` for
    a text that will not come back, such as a rendering being scored: caching it would only give the
    garbage collector more to do). The cache keeps plain tuples, made Words on the way out: Python's
    collector never stops watching a tuple subclass, so thousands of cached Words would be walked at
    every full collection."""
    rows = _words(text, lang) if cached else _tokenize(text, lang)
    return [_make_word(Word, row) for row in rows]


def _classify(piece: str, lang: str, sentence_start: bool) -> tuple[str, str, float, str]:
    """(key, role, weight, script) of a word as it stands: everything a Word has besides its position
    (kept in the class tables below, not cached here)."""
    key = norm(piece)
    script = _script(piece)
    role = _role(piece, key, lang, sentence_start, script)
    return key, role, ROLE_WEIGHTS[role], script


# `_classify` answers by (language, sentence start) and form: plain dicts, one look-up per token (the
# tokeniser's hottest line), emptied if one ever grows past 200,000 forms. (Lower-case names: the
# settings digest of the fidelity signature reads this module's upper-case dicts.)
_class_tables: dict[tuple[str, bool], dict[str, tuple[str, str, float, str]]] = {}


def _class_table(lang: str, sentence_start: bool) -> dict[str, tuple[str, str, float, str]]:
    table = _class_tables.get((lang, sentence_start))
    if table is None or len(table) > 200_000:
        table = _class_tables[(lang, sentence_start)] = {}
    return table


_make_word = tuple.__new__  # Word(...) without the keyword handling: tens of thousands per corpus


def _tokenize(text: str, lang: str) -> tuple[tuple, ...]:
    """`words` as plain tuples in Word's field order (what the cache keeps)."""
    out: list[tuple] = []
    depths = _bracket_depths(text) if "[" in text or "(" in text else None
    spaced = {m.start(): m.end() for m in _SPACED_NUMBER.finditer(text)}
    english = lang == "en"
    inside, starting = _class_table(lang, False), _class_table(lang, True)
    position = 0
    for match in WORD_RE.finditer(text):
        start, end = match.span()
        if start < position:
            continue  # swallowed by a spaced number
        if spaced and start in spaced:
            end = spaced[start]
        position = end
        surface = text[start:end]
        # Only a capitalised word's role depends on where the sentence starts.
        sentence_start = surface[0].isupper() and (
            _starts_sentence(text[max(0, start - 12) : start]) if start else True
        )
        if english and ("'" in surface or "’" in surface):
            pieces = [(surface, start)]
            low = surface.lower()
            for clitic in _EN_CLITICS:
                if low.endswith(clitic) and len(surface) > len(clitic):
                    cut = len(surface) - len(clitic)
                    pieces = [(surface[:cut], start), (surface[cut:], start + cut)]
                    break
        else:
            table = starting if sentence_start else inside
            found = table.get(surface)
            if found is None:
                found = table[surface] = _classify(surface, lang, sentence_start)
            key, role, weight, script = found  # (unpacked: cheaper than a starred tuple display)
            out.append((surface, start, end, key, role, weight, script, bool(depths and depths[start])))
            continue
        for number, (piece, piece_start) in enumerate(pieces):
            table = starting if sentence_start and number == 0 else inside
            found = table.get(piece)
            if found is None:
                found = table[piece] = _classify(piece, lang, sentence_start and number == 0)
            key, role, weight, script = found
            bracketed = bool(depths and depths[piece_start])
            piece_end = piece_start + len(piece)
            out.append((piece, piece_start, piece_end, key, role, weight, script, bracketed))
    # "в 1918 году" is "in 1918": the year word after a year carries nothing English keeps; and the scale
    # of "13,3 тысячи" / "13.3 thousand" is part of the number ("13,300"), matched as one.
    for k in range(1, len(out)):
        previous, word = out[k - 1], out[k]
        if previous[6] != "digit":  # script
            continue
        key = word[3]
        year = lang == "ru" and key in _YEAR_WORDS and len(previous[3]) == 4
        if year or (lang == "ru" and key in _CLOCK_WORDS) or _is_scale(key, word[0], lang, word[6]):
            out[k] = (*word[:4], "function", 0.0, *word[6:])  # role, weight
    return tuple(out)


_words = lru_cache(maxsize=4096)(_tokenize)


def _is_scale(key: str, text: str, lang: str, script: str) -> bool:
    """A scale word (тысяча, млн, thousand, million), from the number module's table of forms."""
    found = _form_value(key, text, lang, script)
    return found is not None and found[0] == "scale" and found[1] >= 1000
