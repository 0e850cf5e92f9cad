"""Russian -> Latin transliteration and a spelling-tolerant name similarity.

Names are the words a lexicon can never list in full, yet a faithful English
rendering must carry them over.  Comparing a transliteration of the Russian
with the English spelling on a coarse phonetic key lets "Сталина" match
"Stalin" and "Троцкий" match "Trotsky" without any name list.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["name_similarity", "phonetic_key", "transliterate"]

_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip
_VOWELS = set("аеёиоуыэюя")
_HUSHING = set("жчшщц")

# Russian case and adjective endings tried off a name before comparing (Сталина -> Сталин).
_RU_ENDINGS = sorted(
    "а у ом ым е ой ою ей ы и ов ев ам ям ами ями ах ях ого его ому ему ая ую ых их им ими".split(),
    key=len,
    reverse=True,
)
# Adjective-like surnames decline differently: Троцкого -> Троцкий.
_RU_REWRITES = (("ого", "ий"), ("его", "ий"), ("ому", "ий"), ("ему", "ий"), ("ым", "ый"), ("им", "ий"))

# Ordered rewrites for the phonetic key: digraphs first, then the y/i/j and c/k families.
_KEY_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "6"), ("sch", "6"), ("tch", "4"), ("ch", "4"), ("sh", "6"), ("zh", "3"),
    ("kh", "h"), ("tz", "9"), ("ts", "9"), ("ck", "k"), ("ph", "f"), ("x", "ks"),
    ("q", "k"), ("c", "k"), ("w", "v"), ("j", "i"), ("y", "i"), ("ie", "e"), ("ii", "i"),
)  # fmt: skip
_NON_LETTER = re.compile(r"[^a-z0-9]")


def _translit_char(ch: str, prev: str, nxt: str, at_end: bool) -> str:
    low = ch.lower()
    if low not in _BASE:
        return ch
    if low in "ьъ":
        out = "i" if low == "ь" and nxt in "её" else ""
    elif low == "й" and prev == "и" and at_end:
        out = ""  # -ий -> -y is handled on the и below
    elif low == "и" and at_end and nxt == "й":
        out = "y"  # Троцкий -> trotsky
    elif low == "ы" and nxt == "й" and at_end:
        out = "y"
    elif low == "й" and prev == "ы":
        out = ""
    elif low == "е" and (not prev or prev in _VOWELS or prev == "ъ"):
        out = "ye"  # Ельцин -> yeltsin, Андреев -> andreyev, подъезд -> podyezd
    elif low == "ё":
        out = "e" if prev in _HUSHING else "yo"  # Хрущёв -> khrushchev, Пётр -> pyotr
    else:
        out = _BASE[low]
    if ch.isupper() and out:
        out = out[0].upper() + out[1:]
    return out


# Letters whose spelling depends on their neighbours (-ий, -ый, ье, a vowel before е, ж before ё); every
# other letter has one spelling whatever surrounds it, and str.translate writes those all at once.
_CONTEXT_LETTERS = re.compile("[ьйиеёЬЙИЕЁ]")
_PLAIN_LETTERS = str.maketrans(
    {**_BASE, **{letter.upper(): spelling[:1].upper() + spelling[1:] for letter, spelling in _BASE.items()}}
)


def transliterate(text: str) -> str:
    """Transliterate Russian Cyrillic into a practical English-style Latin spelling.

    Свердлов -> Sverdlov, Жуков -> Zhukov, Троцкий -> Trotsky, Зиновьев -> Zinoviev,
    Хрущёв -> Khrushchev.  Non-Cyrillic characters pass through unchanged.
    """
    n = len(text)

    def in_context(match: re.Match[str]) -> str:
        i = match.start()
        ch = match.group()
        prev = text[i - 1].lower() if i > 0 else ""
        nxt = text[i + 1].lower() if i + 1 < n else ""
        # "word end" for -ий/-ый: the й is the last letter of the word
        after = text[i + 2] if i + 2 < n else ""
        if ch.lower() == "й":
            at_end = not (text[i + 1].isalpha() if i + 1 < n else False)
        else:
            at_end = not after.isalpha()
        if prev and not text[i - 1].isalpha():
            prev = ""
        return _translit_char(ch, prev, nxt, at_end)

    # The context letters are spelt first (reading their neighbours in `text`), then the rest.
    return _CONTEXT_LETTERS.sub(in_context, text).translate(_PLAIN_LETTERS)


_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def phonetic_key(latin: str) -> str:
    """Coarse spelling key: lowercase, digraphs folded, y/i/j merged, doubled letters collapsed."""
    key = _NON_LETTER.sub("", latin.lower())
    for old, new in _KEY_RULES:
        if old in key:
            key = key.replace(old, new)
    return _DOUBLED.sub(r"\1", key) if _DOUBLED.search(key) else key


def levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance (insertions, deletions, substitutions of one character each).

    With `limit`, any distance above it is returned as limit + 1, and the table stops being filled as
    soon as a whole row exceeds it (every path passes through every row, never getting cheaper), or is
    not filled at all when the letters one side lacks already need more edits than that."""
    if len(a) < len(b):
        a, b = b, a
    if limit is not None:
        if len(a) - len(b) > limit:
            return limit + 1
        # Each letter found on one side only costs an edit of its own (a substitution serves one
        # such letter of each side): a lower bound that spares most hopeless tables.
        only_a, only_b = set(a), set(b)
        if max(len(only_a - only_b), len(only_b - only_a)) > limit:
            return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
        if limit is not None and min(cur) > limit:
            return limit + 1
    return prev[-1] if limit is None or prev[-1] <= limit else limit + 1


def _ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return 1.0 - levenshtein(a, b) / max(len(a), len(b))


def _en_variants(en: str) -> list[str]:
    low = en.lower().strip()
    low = re.sub(r"['’]s$", "", low)
    return [low]


def name_stems(ru_low: str) -> list[str]:
    """A lower-case Russian word, then its stems with case endings tried off (Сталину -> сталин)."""
    stems = [ru_low]
    for ending in _RU_ENDINGS:
        if ru_low.endswith(ending) and len(ru_low) - len(ending) >= 3:
            stems.append(ru_low[: -len(ending)])
    for ending, base in _RU_REWRITES:
        if ru_low.endswith(ending) and len(ru_low) - len(ending) >= 3:
            stems.append(ru_low[: -len(ending)] + base)
    return stems


@lru_cache(maxsize=65536)
def name_similarity(ru: str, en: str) -> float:
    """Similarity in [0, 1] of a Russian name (any case form) and an English spelling.

    Normalised edit distance between phonetic keys of the transliterated Russian
    and the English word; Russian case endings are tried off the name, so
    Сталину ~ Stalin scores 1.0 and Свердлов ~ Molotov scores low.
    """
    ru_low = ru.lower().strip()
    if not ru_low or not en.strip():
        return 0.0
    stems = name_stems(ru_low)
    best = 0.0
    for en_form in _en_variants(en):
        en_key = phonetic_key(en_form)
        for k, stem in enumerate(stems):
            score = _ratio(phonetic_key(transliterate(stem)), en_key)
            if k:
                score *= 0.98  # a stripped ending is a guess: prefer the whole word on ties
            best = max(best, score)
    return round(best, 4)
