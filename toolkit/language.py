"""Is this text in the language the user said? A script count plus very common words, no model.

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
    "pt": "Portuguese",
    "nl": "Dutch",
    "hu": "Hungarian",
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
#: The commonest function words of the Latin-script languages a rendering is most often given in by mistake,
#: less every word that is also English or common in English text ("die", "also", "son", "plus", "a",
#: "in", "on", "come", "per", "un" for UN, "est" for EST...): a word here is evidence for its language only.
FOREIGN_WORDS = {
    "de": frozenset(
        "der das und ist nicht ein eine einen einem einer zu von sich auf für im auch es werden aus dass daß "
        "sie nach wird bei noch wie über zum haben nur oder aber vor zur mehr durch sein wurde sind ich wir "
        "ihr uns kann können wenn schon sehr unter zwischen gegen ohne diese dieser dieses jedoch sowie "
        "wieder seine seiner ihre ihren dann dort hier immer jetzt keine kein nichts würde die den dem des "
        "mit als vom beim ins wurden worden unsere unserer eines keinen wo".split()
    ),
    "fr": frozenset(
        "le les des du une que qui dans pas au aux il elle ne sur par avec ses sont mais ou nous vous ils "
        "elles leur leurs été être cette ces comme tout fait aussi où très peut entre sans deux même ont "
        "était avait lui je y mes notre nos votre dont cela ça donc encore depuis la de et un à l qu j est en "
        "non".split()
    ),
    "es": frozenset(
        "el los las del que y en una es por con para se su lo como más pero sus ya este porque esta entre "
        "cuando muy sobre también hasta hay donde quien desde todo nos durante todos uno les ni contra otros "
        "ese eso ellos esto antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada "
        "muchos cual poco ella estar estas algunas algo nosotros fue está de la un al".split()
    ),
    "it": frozenset(
        "il di che è una sono lo ci questo gli anche più ne sul tra fra suo sua loro questa quando molto "
        "perché essere stato hanno così ancora già poi tutti ogni cui della del dei delle nel nella alla "
        "degli dalla dal sulla erano aveva la le un con non".split()
    ),
    "pt": frozenset(
        "os que não em uma para por mais como mas foi ao ele das tem à seu sua ou ser quando muito há nos já "
        "está também só pelo pela até isso ela entre depois sem mesmo aos ter seus quem nas esse eles estão "
        "você tinha foram essa num nem suas meu às minha têm numa pelos elas de da dos ".split()
    ),
    "nl": frozenset(
        "het een en niet zijn dat te voor ook maar hij aan nog ze bij zo uit wel naar worden wordt kan heeft "
        "deze dit wij zij jullie geen hun haar hebben waren werd nu toen zoals tegen tussen onder alleen de".split()
    ),
    "hu": frozenset(
        "az és hogy nem egy csak már még azt ezt vagy mert amely pedig kell lehet után szerint között nagyon "
        "lesz így akkor sem ahol amikor mindig minden ami aki azonban".split()
    ),
}
#: English function words that are also a function word of that language ("a" is Hungarian's article and a
#: Romance preposition): not counted as English evidence against it.
SHARED_WITH_ENGLISH = {
    "hu": frozenset(["a"]),
    "es": frozenset(["a"]),
    "it": frozenset(["a"]),
    "pt": frozenset(["a"]),
}
#: A Latin-script text of at least this many words is judged by its function words; shorter ones (a
#: title, a name list, a line of a table) are left undecided, never refused.
MIN_WORDS = 8
#: Share of a text's words that must be function words of one other language, and how many times as many
#: as the English ones, for it to be that language.
FOREIGN_SHARE = 0.15
FOREIGN_OVER_ENGLISH = 3
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
        foreign = _foreign_language(lowered)
        if foreign is not None:
            lang = foreign
    else:
        if any(c in UKRAINIAN_LETTERS for c in head) and not any(c in "ыэъЫЭЪ" for c in head):
            lang = "uk"
        elif any(c in BELARUSIAN_LETTERS for c in head):
            lang = "be"
        else:
            common = sum(w in RUSSIAN_WORDS for w in lowered)
            lang = "ru" if common >= max(1, len(lowered) * 0.05) else None
    return LanguageGuess(script, share, lang)


def _foreign_language(words: list[str]) -> str | None:
    """The other Latin-script language whose function words make up much of `words` and far outnumber
    English ones, or None (too few words, English, or no clear sign)."""
    if len(words) < MIN_WORDS:
        return None
    counts = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in FOREIGN_WORDS.items()}
    lang = max(counts, key=lambda code: (counts[code], code))
    found = counts[lang]
    shared = SHARED_WITH_ENGLISH.get(lang, frozenset())
    english = sum(w in ENGLISH_WORDS and w not in shared for w in words)
    if found >= FOREIGN_SHARE * len(words) and found >= FOREIGN_OVER_ENGLISH * max(english, 1):
        return lang
    return None


def _diagnose(text: str, expected: str) -> tuple[str, bool] | None:
    """Why `text` is not in `expected`, and whether it is in another script (a likely swap of the files)."""
    want = script_of(expected)
    if want is None:
        return None
    guess = guess_language(text)
    if guess.script == "unknown":
        return None
    name = LANGUAGE_NAMES.get(expected, expected)
    if guess.script != want:
        return f"expected {name} ({expected}) but the text is {guess.describe()}", True
    if expected in ("en", "eng") and guess.lang in FOREIGN_WORDS:
        return f"looks like {LANGUAGE_NAMES.get(guess.lang, guess.lang)}, not {name}", False
    if expected in ("ru", "rus") and guess.lang in ("uk", "be"):
        return f"expected {name} ({expected}) but the text looks {guess.describe()}", True
    return None


def language_problem(text: str, expected: str) -> str | None:
    """Why `text` does not look like `expected` (None when it does, is too short to tell, or tct cannot
    judge that language)."""
    found = _diagnose(text, expected)
    return found[0] if found else None


def check_language(name: str, text: str, expected: str, force: bool = False) -> None:
    """Refuse a text that is not in the `expected` language: one line naming the input and what was found.

    `name` is the file (or option) shown in the message; `force` (the CLI's --force-lang) skips the check.
    Not to be confused with toolkit.segment.check_language, which checks a language *code*.
    """
    if force:
        return
    found = _diagnose(text, expected)
    if found is None:
        return
    problem, maybe_swapped = found
    advice = (
        "check the order of the files, or pass --force-lang"
        if maybe_swapped
        else "pass --force-lang to use it anyway"
    )
    raise TctError(f"{problem}; {advice}", name)
