"""Reader for V. K. Mueller's English-Russian dictionary in dictd format.

Only headword -> Russian translation pairs are wanted.  An article mixes them
with transcriptions, grammar labels, sense numbers and usage examples
("to go by train ехать поездом"); the rule used here is that a translation
is a purely Cyrillic item at the start of a sense, and anything after an
English phrase belongs to that phrase, not to the headword.  A phrase whose
only content word is the headword itself ("think over обдумать", "without a
trace бесследно", "to base oneself upon smth. опираться на что-л.") still
translates the headword: `parse_phrases` reads those.  An article that only
points elsewhere ("aluminum = aluminium", "biz см. business") names its
target through `cross_reference`.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

__all__ = ["cross_reference", "dictd_number", "iter_articles", "parse_article", "parse_phrases"]

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_TRANSCRIPTION = re.compile(r"\[[^\]]*\]")
_PARENS = re.compile(r"\([^()]*\)")
_BRACES = re.compile(r"\{[^{}]*\}")
_LABEL = re.compile(r"_[^\s.]+\.?")
# "1." (part of speech block), "1)" (sense), "а)" (sub-sense) - kept by the split.
_MARKER = re.compile(r"(?:(?<=\s)|^)(\d+\.|\d+\)|[абвгдежзиклмн]\))")
_LATIN = re.compile(r"[A-Za-z]")
_RU_ITEM = re.compile(r"^[а-яё]+(?:-[а-яё]+)*(?: [а-яё]+(?:-[а-яё]+)*){0,2}$")
# Editorial notes inside a sense, not translations ("1) употр. как глагол-связка делаться, становиться").
_NOTE = re.compile(
    r"(?:(?<=\s)|^)(?:употр\. как глагол-связка|употр\.|тж\.|особ\.|преим\.|обыкн\.|распр\.)\s"
)
_EN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Placeholders and function words of a phrase: "to base oneself upon smth." has one content word, "base".
_PHRASE_LIGHT = frozenset(
    """a an the to of in on at by for with without from into upon up down out off over away back about
    through along round around one one's oneself smb smb's smth smth's sb sth it its be is am are was
    were been being do does did have has had not no as so all any""".split()
)


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
    text = _NOTE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def _body(head: str, article: str) -> str:
    """The cleaned article without its headword line (headwords are indexed lowercase: "China")."""
    lines = article.split("\n")
    if lines and lines[0].strip().lower() == head.lower():
        lines = lines[1:]
    return _clean(" ".join(lines))


def _items(clause: str) -> Iterator[str]:
    for raw in clause.split(","):
        item = raw.strip(" .!?:\"'").lower()
        if not item or item.startswith(("от ", "см ", "см.")):
            continue
        if _RU_ITEM.match(item):
            yield item


_XREF = re.compile(r"^=\s*([a-z][a-z' -]*?)(?:\s+\d+)?\s*$")
_SEE = re.compile(
    r"^(?:[а-яё]+\.\s+)*см\.\s+([a-z][a-z'-]*)(?:\s+(?:\d+|[IV]+)(?:\s*,\s*\d+)?)?(?:\s+и\s+[IV]+)?\s*$"
)


def cross_reference(head: str, article: str) -> str | None:
    """The headword an article only points to ("aluminum = aluminium", "biz см. business"), else None.

    >>> cross_reference("aluminum", "aluminum\\n   [x] = aluminium\\n")
    'aluminium'
    >>> cross_reference("comfy", "comfy\\n   [x] _разг. см. comfortable 1\\n")
    'comfortable'
    """
    body = _body(head, article)
    match = _XREF.match(body) or _SEE.match(body)
    return match.group(1) if match else None


def parse_article(head: str, article: str) -> list[list[str]]:
    """Russian translation items of one article, grouped by clause, in the order given.

    >>> parse_article("immense", "immense\\n   [x] _a.\\n   1) огромный, безмерный\\n   2) необъятный")
    [['огромный', 'безмерный'], ['необъятный']]
    """
    body = _body(head, article)
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


def _phrase_of_head(english: str, head_forms: frozenset[str]) -> bool:
    """True if the English part of a phrase has no content word but the headword ("think over")."""
    words = _EN_WORD.findall(english.lower())
    return (
        bool(words)
        and any(w in head_forms for w in words)
        and all(w in head_forms or w in _PHRASE_LIGHT for w in words)
    )


def parse_phrases(head: str, article: str, head_forms: frozenset[str] = frozenset()) -> list[list[str]]:
    """Russian translations of the article's phrases made of the headword and function words only,
    grouped by phrase, in order (`head_forms`: the headword's inflected forms, besides itself).

    >>> parse_phrases("think", "think\\n _v. 1) думать; think over обсудить, обдумать; think much of ценить")
    [['обсудить', 'обдумать']]
    """
    forms = head_forms | {head.lower()}
    out: list[list[str]] = []
    for piece in _MARKER.split(_body(head, article)):
        for clause in piece.split(";"):
            clause = clause.strip()
            cut = re.search(r"[а-яё]", clause, re.IGNORECASE)
            if not cut or not _LATIN.search(clause[: cut.start()]):
                continue
            english, russian = clause[: cut.start()], clause[cut.start() :]
            if _LATIN.search(russian) or not _phrase_of_head(english, forms):
                continue
            items = list(_items(russian))
            if items:
                out.append(items)
    return out
