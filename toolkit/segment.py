"""Sentence segmentation: paragraphs (one per line) split into sentences, as character spans."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text, by its character span in that text (so it can be found again)."""

    start: int
    end: int
    text: str


def split_sentences(text: str, lang: str) -> list[Sentence]:
    """Split `text` into sentences; a line break always ends a sentence (one paragraph per line)."""
    from razdel import sentenize

    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for piece in sentenize(line):
                sentences.append(Sentence(offset + piece.start, offset + piece.stop, piece.text))
        offset += len(line) + 1
    return sentences
