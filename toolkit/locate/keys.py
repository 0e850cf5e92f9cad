"""Word keys shared by a Russian original and an English quote, so that a translated word pair shares one.

A Russian word gets `=lemma` for its likeliest English translations (the lexicon's ru->en side); an
English word gets `=lemma` for its own lemmas; both get `^repor`, the first five letters of each such English lemma, so that derived forms meet
(reportedly ~ report, filmmaker ~ film is not: five letters); both get the aligner's surface keys: `#1926` for a number
and `~stal` for the first letters of a transliterated word (names and cognates: Сталин ~ Stalin). The
keys are those of `toolkit.align.evidence`, so locating and aligning read a sentence the same way.
A Russian content word also gets `@lemma`, its own pymorphy3 lemmas (two at most: «стали» is стать or
сталь), which only a quote in Russian shares: it is matched to the original directly, word for word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.align.evidence import COGNATE_PREFIX, WORD, LexiconKeys, latin_fold, token_key
from toolkit.score.numbers import WEAK_VALUES, _form_value

STEM = 5  # letters of an English lemma that make its stem key
SAME_LANGUAGE_LEMMAS = 2  # `@` keys of a Russian word: its likeliest lemmas
_POSSESSIVE = ("'s", "’s")


def _undoubled(word: str) -> str:
    """The word without doubled letters (Perry ~ Пери, Anna ~ Ана: transliterations often drop one)."""
    return "".join(ch for k, ch in enumerate(word) if k == 0 or ch != word[k - 1])


def extra_keys(form: str, lang: str) -> set[str]:
    """Keys the aligner's surface keys leave out: a number written as a word («сорок» ~ 40, «Пятый
    канал» ~ "Channel 5", the scorer's table of number forms; one and a half are left out, they are
    mostly no number) and the cognate key of a name without its doubled letters."""
    out = set()
    value = _form_value(form.lower(), form, lang, "cyrillic" if lang == "ru" else "latin")
    if value is not None and value[1] not in WEAK_VALUES:
        number = value[1]
        out.add("#" + (str(int(number)) if number == int(number) else str(number).replace(".", "")))
    folded = _undoubled(latin_fold(form))
    if len(folded) >= COGNATE_PREFIX and folded.isascii() and folded.isalpha():
        out.add("~" + folded[:COGNATE_PREFIX])
    return out


@dataclass(frozen=True)
class Token:
    """One word of a text: its span, its keys, and whether it carries content (function words weigh 0)."""

    start: int
    end: int
    keys: frozenset[str]
    content: bool
    # the keys sorted: '#' number, '=' lexicon, '@' lemma, '^' stem, '~' cognate
    ordered: tuple[str, ...] = ()


class Keyer:
    """Tokens with keys, cached per word form (a book repeats its forms: the lexicon is asked once each)."""

    def __init__(self, lexicon: Any | None) -> None:
        self._lexicon_keys = LexiconKeys(lexicon) if lexicon is not None else None
        self._lexicon = lexicon
        self._cache: dict[tuple[str, str], tuple[frozenset[str], bool]] = {}
        self._ordered: dict[frozenset[str], tuple[str, ...]] = {}

    def word(self, form: str, lang: str) -> tuple[frozenset[str], bool]:
        """(keys, is a content word) of one word form."""
        cache_key = (form, lang)
        hit = self._cache.get(cache_key)
        if hit is not None:
            return hit
        surface = token_key(form)
        if form[0].isdigit():
            result = (frozenset([surface]) if surface else frozenset(), True)
        else:
            if lang == "en" and form.endswith(_POSSESSIVE) and len(form) > 3:
                form = form[:-2]  # "navy's" is "navy" (the lexicon would make it "navy'")
                surface = token_key(form)
            lexical = self._lexicon_keys.word_keys(form, lang) if self._lexicon_keys is not None else ()
            content = bool(lexical) if self._lexicon is not None else len(form) > 3
            if (
                not content
                and self._lexicon is not None
                and form[:1].isupper()
                and surface
                and self._lexicon.is_content_word(form, lang)  # "They", "When" opening a sentence are not
            ):
                content = True  # a name the lexicon does not know: its cognate key is the evidence
            keys = set(lexical)
            keys.update("^" + key[1 : 1 + STEM] for key in lexical if len(key) > STEM and key[1:].isalpha())
            extra = extra_keys(form, lang)
            if any(key[0] == "#" for key in extra):
                content = True
            if surface and content:
                keys.add(surface)
                keys.update(extra)
            else:
                keys.update(key for key in extra if key[0] == "#")
            if content and lang == "ru" and self._lexicon is not None:
                keys.update("@" + lemma for lemma in self._lexicon.lemmas(form, "ru")[:SAME_LANGUAGE_LEMMAS])
            result = (frozenset(keys), content)
        self._cache[cache_key] = result
        return result

    def tokens(self, text: str, lang: str, offset: int = 0) -> list[Token]:
        """Every word of `text` with its keys; spans are shifted by `offset` (a sentence inside a book)."""
        out = []
        for found in WORD.finditer(text):
            keys, content = self.word(found.group(), lang)
            ordered = self._ordered.get(keys)
            if ordered is None:
                ordered = self._ordered[keys] = tuple(sorted(keys))
            out.append(Token(offset + found.start(), offset + found.end(), keys, content, ordered))
        return out

    def sentence_keys(self, text: str, lang: str) -> tuple[frozenset[str], int]:
        """The key set of a sentence and its number of content words (what the index stores)."""
        keys: set[str] = set()
        content = 0
        for found in WORD.finditer(text):
            word_keys, is_content = self.word(found.group(), lang)
            if is_content:
                content += 1
                keys.update(word_keys)
        return frozenset(keys), content
