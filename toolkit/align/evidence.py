"""What two sentences share regardless of language: numbers, names and cognates, and lexicon translations.

Each sentence becomes a bag of *keys*; a source and a target sentence that share keys are likely
translations of each other. Keys are built so that equal keys mean evidence:
- `#1926`: a number, one key per group of digits ("4.45 Uhr" and "4 h 45", "1,000" and "1 000", "9. und
  10." and "9/10" share theirs: separators differ between languages, the groups survive);
- `~stal`: the start of a word longer than three letters after transliteration to Latin, a cheap
  cognate and name detector that works for any pair of alphabetic languages (Сталин ~ Stalin);
- `=power`: an English lemma the Russian-English lexicon gives as a translation (Russian side) or the
  lemma of an English word (English side); only used when the lexicon is installed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from toolkit.lexicon import load_lexicon

DIGITS = re.compile(r"\d+")
WORD = re.compile(r"\d+(?:[.,:/-]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*")

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "і": "i", "ї": "i", "є": "e", "ґ": "g",
}  # fmt: skip
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)
# Spelling variants that make transliterations and Western spellings differ (Trotsky / Trotskii).
_FOLD = (
    ("shch", "sh"),
    ("kh", "h"),
    ("ts", "c"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
)
COGNATE_PREFIX = 4


@lru_cache(maxsize=200_000)
def latin_fold(word: str) -> str:
    """Lower-case, transliterate Cyrillic, strip accents and fold common spelling variants."""
    out = word.lower().translate(_CYRILLIC_TABLE)
    if not out.isascii():
        out = unicodedata.normalize("NFKD", out)
        out = "".join(ch for ch in out if not unicodedata.combining(ch))
        out = out.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
    for old, new in _FOLD:
        out = out.replace(old, new)
    return out


def words(text: str) -> list[str]:
    return WORD.findall(text)


def number_key(token: str) -> str:
    return "#" + re.sub(r"\D", "", token)


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str | None:
    """The number or cognate key of one token (None for short or non-Latin-foldable words)."""
    if token[0].isdigit():
        return number_key(token)
    folded = latin_fold(token)
    if len(folded) >= COGNATE_PREFIX and folded.isascii():
        return "~" + folded[:COGNATE_PREFIX]
    return None


def surface_keys(text: str) -> list[str]:
    """Number and cognate keys of a sentence (each word once per occurrence)."""
    keys = []
    for token in words(text):
        if token[0].isdigit():
            keys.extend("#" + group for group in DIGITS.findall(token))
        else:
            key = token_key(token)
            if key is not None:
                keys.append(key)
    return keys


class LexiconKeys:
    """Translation keys from the Russian-English lexicon, cached per word form.

    A Russian word yields `=lemma` for its likeliest English translations; an English word yields
    `=lemma` for its own lemmas, so a translated pair shares a key.
    """

    def __init__(self, lexicon: object, limit: int = 6, min_prob: float = 0.02) -> None:
        self.lexicon = lexicon
        self.limit = limit
        self.min_prob = min_prob
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def word_keys(self, word: str, lang: str) -> tuple[str, ...]:
        cache_key = (word, lang)
        hit = self._cache.get(cache_key)
        if hit is not None:
            return hit
        keys: tuple[str, ...] = ()
        if not self.lexicon.is_content_word(word, lang):  # type: ignore[attr-defined]
            keys = ()
        elif lang == "ru":
            found = self.lexicon.translations(word, source_lang="ru", limit=self.limit)  # type: ignore[attr-defined]
            keys = tuple(sorted({"=" + t.translation.lower() for t in found if t.prob >= self.min_prob}))
        else:
            lemmas = self.lexicon.lemmas(word, lang) or [word.lower()]  # type: ignore[attr-defined]
            keys = tuple(sorted({"=" + lemma.lower() for lemma in lemmas}))
        self._cache[cache_key] = keys
        return keys

    def keys(self, text: str, lang: str) -> list[str]:
        out: list[str] = []
        for token in words(text):
            if not token[0].isdigit():
                out.extend(self.word_keys(token, lang))
        return out


def load_lexicon_keys(
    source_lang: str, target_lang: str, lexicon: Callable[[], Any | None] = load_lexicon
) -> LexiconKeys | None:
    """Lexicon keys for a Russian-English pair from `lexicon()` (the shipped lexicon by default), else
    None. A damaged lexicon is an error, not a quietly weaker alignment."""
    if {source_lang, target_lang} != {"ru", "en"}:
        return None
    found = lexicon()
    return LexiconKeys(found) if found is not None else None


def sentence_keys(
    texts: Iterable[str], lang: str, extra: Callable[[str, str], list[str]] | None = None
) -> list[list[str]]:
    """The keys of every sentence (surface keys, plus `extra(text, lang)` keys when given)."""
    out = []
    for text in texts:
        keys = surface_keys(text)
        if extra is not None:
            keys.extend(extra(text, lang))
        out.append(keys)
    return out
