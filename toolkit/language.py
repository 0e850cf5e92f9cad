"""Is this text in the language the user said? A script count plus a few very common words, no model.

tct reads Russian originals and English renderings; the mistake to catch is a file given on the wrong side
(an English file as the original, a Russian one as the rendering, two files swapped). Which alphabet the
letters are in settles that, and the commonest words tell English from other Latin-script languages and
Russian from Ukrainian or Belarusian. A statistical detector (lingua, fastText) would also tell apart
languages of one script, at the cost of a large model loaded at start-up; tct only needs the script and
ru / en, so this stays a few microseconds per text and needs no data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.errors import TctError

LANGUAGE_NAMES = {
    "ru": "Russian",
    "en": "English",
    "uk": "Ukrainian",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "mk": "Macedonian",
    "kk": "Kazakh",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pl": "Polish",
    "cs": "Czech",
}
CYRILLIC_LANGUAGES = frozenset(
    "ru uk be bg sr mk kk ky tg mn tt ba cv os ab ce av rus ukr bel bul srp kaz".split()
)
LATIN_LANGUAGES = frozenset(
    """en de fr es it pt nl pl cs sk sl hr bs sv no nb nn da fi et lv lt hu ro tr az uz id ms vi ca eu gl
    ga cy is mt sq la eng deu ger fra fre spa ita por nld dut pol ces cze hun fin swe nor dan tur lat hrv
    lit lav est ron rum aze uzb""".split()
)
#: Below this many letters a text is too short to judge (a title, a number, a name).
MIN_LETTERS = 12
#: Share of letters that must be in the expected script.
SCRIPT_SHARE = 0.5

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
ENGLISH_WORDS = frozenset(
    "the of and to a in is that it was for on with as be by he his at this are not from or have an they "
    "which but we had you were their has been all one will would there what who its".split()
)
RUSSIAN_WORDS = frozenset(
    "и в не на что с он как по это к но из у за от то же так вы для о мы его она бы они только было был "
    "все ее уже или при если был была нет ни до да".split()
)
UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
BELARUSIAN_LETTERS = frozenset("ўЎ")


@dataclass(frozen=True)
class LanguageGuess:
    """What the text looks like: a language code when the common words say so, else only the script."""

    script: str  # "Cyrillic", "Latin", "other" or "unknown" (too few letters)
    share: float  # share of the letters in that script
    lang: str | None  # "ru", "en", "uk", "be", or None when the script alone is known

    def describe(self) -> str:
        if self.lang:
            return f"{LANGUAGE_NAMES.get(self.lang, self.lang)} ({self.share:.0%} {self.script} letters)"
        return f"{self.script}-script text ({self.share:.0%} of its letters)"


def script_of(lang: str) -> str | None:
    """The script a language is written in, where tct knows it."""
    if lang in CYRILLIC_LANGUAGES:
        return "Cyrillic"
    if lang in LATIN_LANGUAGES:
        return "Latin"
    return None


def guess_language(text: str, sample: int = 20000) -> LanguageGuess:
    """Script of the letters of `text` (its first `sample` characters) and, where clear, the language."""
    head = text[:sample]
    letters = _LETTER.findall(head)
    if len(letters) < MIN_LETTERS:
        return LanguageGuess("unknown", 0.0, None)
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters)
    if cyrillic >= latin:
        script, count = "Cyrillic", cyrillic
    else:
        script, count = "Latin", latin
    if count / len(letters) < SCRIPT_SHARE:
        return LanguageGuess("other", 1 - (cyrillic + latin) / len(letters), None)
    share = count / len(letters)
    lowered = [w.lower() for w in _WORD.findall(head)]
    lang: str | None = None
    if script == "Latin":
        common = sum(w in ENGLISH_WORDS for w in lowered)
        lang = "en" if common >= max(1, len(lowered) * 0.08) else None
    else:
        if any(c in UKRAINIAN_LETTERS for c in head) and not any(c in "ыэъЫЭЪ" for c in head):
            lang = "uk"
        elif any(c in BELARUSIAN_LETTERS for c in head):
            lang = "be"
        else:
            common = sum(w in RUSSIAN_WORDS for w in lowered)
            lang = "ru" if common >= max(1, len(lowered) * 0.05) else None
    return LanguageGuess(script, share, lang)


def language_problem(text: str, expected: str) -> str | None:
    """Why `text` does not look like `expected` (None when it does, is too short to tell, or tct cannot
    judge that language)."""
    want = script_of(expected)
    if want is None:
        return None
    guess = guess_language(text)
    if guess.script == "unknown":
        return None
    name = LANGUAGE_NAMES.get(expected, expected)
    if guess.script != want:
        return f"expected {name} ({expected}) but the text is {guess.describe()}"
    if expected in ("ru", "rus") and guess.lang in ("uk", "be"):
        return f"expected {name} ({expected}) but the text looks {guess.describe()}"
    return None


def check_language(name: str, text: str, expected: str, force: bool = False) -> None:
    """Refuse a text that is not in the `expected` language: one line naming the input and what was found.

    `name` is the file (or option) shown in the message; `force` (the CLI's --force-lang) skips the check.
    Not to be confused with toolkit.segment.check_language, which checks a language *code*.
    """
    if force:
        return
    problem = language_problem(text, expected)
    if problem:
        raise TctError(f"{problem}; check the order of the files, or pass --force-lang", name)
