"""Reader for V. K. Mueller's English-Russian dictionary in dictd format.

Only headword -> Russian translation pairs are wanted.  An article mixes them
with transcriptions, grammar labels, sense numbers and usage examples
("to go by train ехать поездом"); the rule used here is that a translation
is a purely Cyrillic item at the start of a sense, and anything after an
English phrase belongs to that phrase, not to the headword.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

__all__ = ["cross_reference", "dictd_number", "iter_articles", "parse_article"]

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_TRANSCRIPTION = re.compile(r"\[[^\]]*\]")
_PARENS = re.compile(r"\([^()]*\)")
_BRACES = re.compile(r"\{[^{}]*\}")
_LABEL = re.compile(r"_[^\s.]+\.?")
# "1." (part of speech block), "1)" (sense), "а)" (sub-sense) - kept by the split.
_MARKER = re.compile(r"(?:(?<=\s)|^)(\d+\.|\d+\)|[абвгдежзиклмн]\))")
_LATIN = re.compile(r"[A-Za-z]")
_RU_ITEM = re.compile(r"^[а-яё]+(?:-[а-яё]+)*(?: [а-яё]+(?:-[а-яё]+)*){0,2}$")


def dictd_number(code: str) -> int:
    """Decode a dictd base64 offset/length field."""
    value = 0
    for ch in code:
        value = value * 64 + _B64.index(ch)
    return value


def iter_articles(folder: Path) -> Iterator[tuple[str, str]]:
    """Yield (headword, article text) in index order."""
    with gzip.open(folder / "mueller7.dict.dz") as fh:
        data = fh.read()
    with open(folder / "mueller7.index", encoding="utf-8") as index:
        for line in index:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            head, off, length = parts
            start = dictd_number(off)
            yield head, data[start : start + dictd_number(length)].decode("utf-8", "replace")


def _clean(text: str) -> str:
    text = _TRANSCRIPTION.sub(" ", text)
    text = _BRACES.sub(" ", text)
    for _ in range(3):  # nested parentheses
        text = _PARENS.sub(" ", text)
    text = _LABEL.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def _items(clause: str) -> Iterator[str]:
    for raw in clause.split(","):
        item = raw.strip(" .!?:\"'").lower()
        if not item or item.startswith(("от ", "см ", "см.")):
            continue
        if _RU_ITEM.match(item):
            yield item


_XREF = re.compile(r"^=\s*([a-z][a-z' -]*?)(?:\s+\d+)?\s*$")


def cross_reference(head: str, article: str) -> str | None:
    """The headword an article only points to ("aluminum = aluminium"), else None.

    >>> cross_reference("aluminum", "aluminum\\n   [x] = aluminium\\n")
    'aluminium'
    """
    lines = article.split("\n")
    if lines and lines[0].strip() == head:
        lines = lines[1:]
    match = _XREF.match(_clean(" ".join(lines)))
    return match.group(1) if match else None


def parse_article(head: str, article: str) -> list[list[str]]:
    """Russian translation items of one article, grouped by clause, in the order given.

    >>> parse_article("immense", "immense\\n   [x] _a.\\n   1) огромный, безмерный\\n   2) необъятный")
    [['огромный', 'безмерный'], ['необъятный']]
    """
    lines = article.split("\n")
    if lines and lines[0].strip() == head:
        lines = lines[1:]
    body = _clean(" ".join(lines))
    if "=" in body.split(" ", 3)[:2]:  # "= because": a cross-reference, not a translation
        return []
    pieces = _MARKER.split(body)
    out: list[list[str]] = []
    in_phrase = False  # sub-senses (а), б)) that follow an English phrase belong to it
    prev_tail_latin = False
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if _MARKER.fullmatch(piece):
            if piece[0].isdigit():
                in_phrase = False
            elif prev_tail_latin:
                in_phrase = True
            continue
        clauses = [c.strip() for c in piece.split(";")]
        prev_tail_latin = bool(_LATIN.search(clauses[-1])) if clauses else False
        if in_phrase:
            continue
        for clause in clauses:
            if _LATIN.search(clause) or "=" in clause:
                break  # examples start here; the rest of this sense is about them
            items = list(_items(clause))
            if items:
                out.append(items)
    return out
