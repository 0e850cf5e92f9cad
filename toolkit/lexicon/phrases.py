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
    """The two tables: phrases (tuples of Russian lemmas -> English lemmas that render them whole), indexed
    by their first lemma; and per Russian lemma, the share of the corpus's renderings that give it no
    counterpart (its `drop_rate`), for the lemmas met often enough to say."""

    def __init__(self, phrases: dict[tuple[str, ...], str], drop_rates: dict[str, float]):
        # English renderings are kept as written (space-separated) and split when an expression is met:
        # of 28,000 expressions a text meets a handful.
        self.phrases = phrases
        self.drop_rates = drop_rates
        # Indexed by their first two lemmas (a preposition opens thousands of expressions), longest first.
        by_start: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        single: dict[str, str] = {}
        for key in phrases:
            if len(key) >= 2:
                bucket = by_start.get(key[:2])
                if bucket is None:
                    by_start[key[:2]] = [key]
                else:
                    bucket.append(key)
            else:
                single[key[0]] = phrases[key]
        for bucket in by_start.values():
            if len(bucket) > 1:
                bucket.sort(key=lambda k: (-len(k), k))
        self.by_start = by_start
        self._single = single
        self._english: dict[str, frozenset[str]] = {}

    def english(self, key: tuple[str, ...]) -> frozenset[str]:
        """The English lemmas that render an expression of the table."""
        return self._split(self.phrases[key])

    def single(self, lemma: str) -> frozenset[str]:
        """The English function words that render one Russian word the lexicon leaves them out of."""
        raw = self._single.get(lemma)
        return self._split(raw) if raw else frozenset()

    def _split(self, raw: str) -> frozenset[str]:
        found = self._english.get(raw)
        if found is None:
            found = self._english[raw] = frozenset(raw.split(" "))
        return found

    @classmethod
    def from_file(cls, path: Path = PHRASES_PATH) -> Phrases:
        _header, (phrase_text, drop_text) = read_sections(
            path, FORMAT_LINE, ("phrases", "drop"), "phrase table", _SCRIPT
        )
        phrases: dict[tuple[str, ...], str] = {}
        for line in phrase_text.splitlines():
            if line:
                russian, english, _origin = line.split("\t", 2)
                phrases[tuple(russian.split(" "))] = english
        drop_rates: dict[str, float] = {}
        for line in drop_text.splitlines():
            if line:
                lemma, rate, _lines = line.split("\t", 2)
                drop_rates[lemma] = float(rate)
        return cls(phrases, drop_rates)

    def drop_rate(self, lemma: str) -> float | None:
        """How often the corpus's translations leave this lemma with no counterpart (None: too rare to say)."""
        return self.drop_rates.get(lemma)


@lru_cache(maxsize=4)
def load_phrases(path: Path = PHRASES_PATH) -> Phrases | None:
    """The shipped tables, or None when the file is missing (scoring then reads words one by one)."""
    try:
        return Phrases.from_file(path)
    except LexiconDataMissing:
        return None
