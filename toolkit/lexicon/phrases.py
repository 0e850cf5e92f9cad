"""Russian multi-word expressions and their English renderings, and how often translators leave a Russian
word with no counterpart at all: what the word-by-word lexicon cannot see.

«во время» is "during", «в ходе» "during" or "in", «провести встречу» "meet", «против» "against": a
rendering that says so has rendered every word of the expression, although no English word translates
«время» or «ходе» on its own. And «составит» ("will be"), «оказалась» ("was"), «напомним» (nothing) are
rendered by an auxiliary or by nothing in most faithful translations: such a word left without a
counterpart is no evidence that anything was dropped. Both tables are built by `scripts/build_lexicon.py`
(Mueller's multi-word translations, and what the parallel corpus the lexicon trains on shows) and ship as
`toolkit/data/phrases_ru_en.tsv.gz`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from toolkit.lexicon.datafile import read_sections
from toolkit.lexicon.errors import LexiconDataMissing

__all__ = ["PHRASES_PATH", "Phrases", "load_phrases", "phrase_lemma"]

PHRASES_PATH = Path(__file__).resolve().parent.parent / "data" / "phrases_ru_en.tsv.gz"
FORMAT_LINE = "#tct-phrases v1"
_SCRIPT = "scripts/build_lexicon.py --phrases-only"

# Prepositions' vowel-final twins (pymorphy3 keeps «во» as its own lemma): one key for both.
_PREPOSITION_TWINS = {"во": "в", "со": "с", "ко": "к", "обо": "о", "об": "о", "изо": "из", "подо": "под"}


def phrase_lemma(lemma: str) -> str:
    """The key a Russian lemma has inside a phrase (the build and the look-ups must agree)."""
    return _PREPOSITION_TWINS.get(lemma, lemma)


class Phrases:
    """The two tables: phrases (tuples of Russian lemmas -> English lemmas that render them whole), looked
    up by their first two lemmas; and per Russian lemma, the share of the corpus's renderings that give it
    no counterpart (its `drop_rate`), for the lemmas met often enough to say.

    The expressions stay lines of text, sorted, until a text asks for the ones opening with a pair of
    lemmas: of 28,000 a text meets a handful, and parsing them all was most of a short run's start-up."""

    def __init__(self, lines: list[str], single: dict[str, str], drop_rates: dict[str, float]):
        self._lines = lines  # "RU LEMMAS<TAB>EN LEMMAS<TAB>ORIGIN", sorted as strings
        self._single = single  # one-word expressions: lemma -> English, as written
        self.drop_rates = drop_rates
        self._buckets: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
        self._raw: dict[tuple[str, ...], str] = {}
        self._english: dict[str, frozenset[str]] = {}

    def starting(self, first: str, second: str) -> tuple[tuple[str, ...], ...]:
        """The expressions of two words or more opening with these two lemmas, longest first."""
        pair = (first, second)
        found = self._buckets.get(pair)
        if found is not None:
            return found
        prefix = f"{first} {second}"
        lines = self._lines
        keys = []
        for k in range(bisect_left(lines, prefix), len(lines)):
            line = lines[k]
            if not line.startswith(prefix):
                break
            if line[len(prefix)] not in "\t ":
                continue  # another second lemma that starts with this one
            russian, english, _origin = line.split("\t", 2)
            key = tuple(russian.split(" "))
            self._raw[key] = english
            keys.append(key)
        keys.sort(key=lambda k: (-len(k), k))
        found = self._buckets[pair] = tuple(keys)
        return found

    def english(self, key: tuple[str, ...]) -> frozenset[str]:
        """The English lemmas that render an expression of the table."""
        if len(key) == 1:
            return self.single(key[0])
        if key not in self._raw:
            self.starting(key[0], key[1])
        return self._split(self._raw[key])

    def single(self, lemma: str) -> frozenset[str]:
        """The English function words that render one Russian word the lexicon leaves them out of."""
        raw = self._single.get(lemma)
        return self._split(raw) if raw else frozenset()

    def _split(self, raw: str) -> frozenset[str]:
        found = self._english.get(raw)
        if found is None:
            found = self._english[raw] = frozenset(raw.split(" "))
        return found

    def __len__(self) -> int:
        return len(self._lines)

    @classmethod
    def from_file(cls, path: Path = PHRASES_PATH) -> Phrases:
        _header, (phrase_text, drop_text) = read_sections(
            path, FORMAT_LINE, ("phrases", "drop"), "phrase table", _SCRIPT
        )
        lines = [line for line in phrase_text.splitlines() if line]
        lines.sort()
        single = {m.group(1): m.group(2) for m in _ONE_WORD.finditer(phrase_text)}
        drop_rates: dict[str, float] = {}
        for line in drop_text.splitlines():
            if line:
                lemma, rate, _lines = line.split("\t", 2)
                drop_rates[lemma] = float(rate)
        return cls(lines, single, drop_rates)

    def drop_rate(self, lemma: str) -> float | None:
        """How often the corpus's translations leave this lemma with no counterpart (None: too rare to say)."""
        return self.drop_rates.get(lemma)


_ONE_WORD = re.compile(r"^([^ \t\n]+)\t([^\t\n]+)\t", re.MULTILINE)


@lru_cache(maxsize=4)
def load_phrases(path: Path = PHRASES_PATH) -> Phrases | None:
    """The shipped tables, or None when the file is missing (scoring then reads words one by one)."""
    try:
        return Phrases.from_file(path)
    except LexiconDataMissing:
        return None
