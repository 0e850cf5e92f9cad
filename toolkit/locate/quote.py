"""A quote as it is given: sentences, elisions ("...", "[…]") and the quoter's bracketed insertions.

The quote is cut into *units*: its sentences, and a sentence with an elision inside becomes two units
with a gap between them (the original may skip anything there). Bracketed insertions ("[Stalin]") are
the quoter's words, not the author's: they are kept in the text but never searched for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from toolkit.locate.keys import Keyer, Token
from toolkit.segment import split_sentences

# "...", "…", ". . .", and the same in brackets or parentheses: text left out by the quoter.
ELISION = re.compile(r"[\[(]\s*(?:\.\s?){2,}\.?\s*[\])]|[\[(]\s*…\s*[\])]|(?:\.\s?){2}\.|…")
# A bracketed insertion that is not an elision: "[Stalin]", "[In May of 1941 ...]".
INSERTION = re.compile(r"\[[^\[\]]*\]")
# A quote in Russian meets the original word for word: its own lemmas, numbers and word starts, not the
# English translations its words share with other Russian words (хороший and добрый both give "good").
DIRECT_KEYS = ("@", "#", "~")


@dataclass(frozen=True)
class Unit:
    """A piece of the quote between elisions and sentence ends, with the tokens that are searched."""

    number: int
    start: int  # character span in the quote
    end: int
    text: str
    tokens: tuple[Token, ...]  # content tokens only, insertions left out
    gap_before: bool  # an elision separates it from the unit before (or, for the first, it opens the quote)
    gap_after: bool

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(k for token in self.tokens for k in token.keys)


@dataclass(frozen=True)
class ParsedQuote:
    text: str
    units: tuple[Unit, ...]
    lang: str = "en"  # "ru": a quote in the original's language, matched directly

    @property
    def cut_before(self) -> bool:
        """The quote opens with an elision: the quoter says something precedes."""
        return bool(self.units) and self.units[0].gap_before

    @property
    def cut_after(self) -> bool:
        """The quote ends with an elision ("...in his hands..."): the original goes on."""
        return bool(self.units) and self.units[-1].gap_after


def _masked(text: str) -> str:
    """The quote with insertions blanked out (same length, so spans stay valid)."""
    out = ELISION.sub(lambda m: "\x00" * len(m.group()), text)  # keep elisions from INSERTION below
    out = INSERTION.sub(lambda m: " " * len(m.group()), out)
    return "".join(ch if ch != "\x00" else orig for ch, orig in zip(out, text, strict=True))


def _direct(token: Token) -> Token:
    keys = frozenset(key for key in token.keys if key.startswith(DIRECT_KEYS))
    return replace(token, keys=keys, ordered=tuple(sorted(keys)))


def parse_quote(text: str, keyer: Keyer, lang: str = "en") -> ParsedQuote:
    """Cut the quote (English, or Russian: `lang` "ru") into units and key their content words."""
    masked = _masked(text)
    pieces: list[tuple[int, int, bool, bool]] = []  # start, end, gap before, gap after
    for sentence in split_sentences(text, lang):
        cursor = sentence.start
        gap = False
        for elision in ELISION.finditer(text, sentence.start, sentence.end):
            if text[cursor : elision.start()].strip(" \t,;:—–-\"'«»“”()[]"):
                pieces.append((cursor, elision.start(), gap, True))
            elif pieces:
                pieces[-1] = (*pieces[-1][:3], True)
            gap = True
            cursor = elision.end()
        if text[cursor : sentence.end].strip(" \t.,;:—–-\"'«»“”()[]"):
            pieces.append((cursor, sentence.end, gap, False))
        elif gap and pieces:
            pieces[-1] = (*pieces[-1][:3], True)
    units = []
    for start, end, gap_before, gap_after in pieces:
        if units and units[-1].gap_after:
            gap_before = True
        tokens = tuple(t for t in keyer.tokens(masked[start:end], lang, start) if t.content and t.keys)
        if lang == "ru":
            tokens = tuple(t for t in map(_direct, tokens) if t.keys)
        units.append(Unit(len(units), start, end, text[start:end].strip(), tokens, gap_before, gap_after))
    return ParsedQuote(text, tuple(units), lang)
