"""Word tokenisation shared by the lexicon builder and its users.

The build and the look-ups must cut text the same way, or counts learnt from
the corpus would not match the words asked about; hence one small module.
"""

from __future__ import annotations

import re

__all__ = ["ABBREV_RE", "NUM", "WORD_RE", "is_cyrillic", "is_number", "tokenize_words"]

#: Placeholder that stands for any number during alignment (numbers are handled apart).
NUM = "<num>"

# Numbers with separators, dotted Latin abbreviations (U.S., U.N.), or letters (any script)
# joined by inner hyphens/apostrophes.
WORD_RE = re.compile(r"\d+(?:[.,:]\d+)*|(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
ABBREV_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z]{2,4}")
_CYR_RE = re.compile(r"[а-яё]", re.IGNORECASE)
_EN_CLITICS = ("'s", "’s", "'ll", "'re", "'ve", "'d", "'m", "n't", "’ll", "’re", "’ve", "’d", "’m", "n’t")


def is_cyrillic(word: str) -> bool:
    """True if the word contains a Cyrillic letter (used to guess the language)."""
    return bool(_CYR_RE.search(word))


def is_number(token: str) -> bool:
    """True for digit tokens such as 2021, 3.5 or 10:30."""
    return bool(token) and token[0].isdigit()


def tokenize_words(text: str, lang: str = "ru") -> list[str]:
    """Split text into word and number tokens, case kept, punctuation dropped.

    English clitics ("Stalin's", "don't") are split off so that the stem is
    looked up; Russian hyphenated words ("экс-главы", "из-за") stay whole.
    """
    tokens = WORD_RE.findall(text)
    if lang != "en":
        return tokens
    out: list[str] = []
    for tok in tokens:
        low = tok.lower()
        for clitic in _EN_CLITICS:
            if low.endswith(clitic) and len(tok) > len(clitic):
                stem = tok[: -len(clitic)]
                out.extend([stem, tok[-len(clitic) :]])
                break
        else:
            out.append(tok)
    return out
