"""The shape of a word as scoring sees it (its own module, so numbers and words both use it without
importing each other)."""

from __future__ import annotations

from typing import NamedTuple

ROLE_WEIGHTS = {"number": 2.0, "name": 1.5, "content": 1.0, "light": 0.5, "pronoun": 0.3, "function": 0.0}
# Roles of the words a rendering must account for (`Word.is_content`; loops over many words test the role).
CONTENT_ROLES = frozenset(("number", "name", "content", "light"))


class Word(NamedTuple):
    """A word of a segment (a named tuple: made tens of thousands of times per corpus, so cheaply)."""

    text: str
    start: int
    end: int
    key: str  # lower-case, ё -> е: the form looked up
    role: str  # number | name | content | light | pronoun | function
    weight: float
    script: str  # cyrillic | latin | digit | other
    bracketed: bool = False  # inside [...] or (...)

    @property
    def is_content(self) -> bool:
        return self.role in CONTENT_ROLES
