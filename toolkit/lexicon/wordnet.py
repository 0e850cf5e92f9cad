"""English WordNet 3.0 relations: which English words may stand for one another, and which are opposites.

The lexicon says what a Russian word translates as; a faithful rendering often uses a synonym or a
derivative of that translation (необъятный -> "immense", rendered "vast"; осторожно -> "carefully",
rendered "cautiously"), and a bent one an antonym ("increase" rendered "decrease"). The data is
toolkit/data/wordnet_en.tsv.gz, built by scripts/build_wordnet.py from Princeton WordNet 3.0 (see
toolkit/data/PROVENANCE.md); it is read on first use, once per process.

>>> from toolkit.lexicon.wordnet import antonyms, are_related, synonyms
>>> "vast" in synonyms("immense")
True
>>> are_related("caution", "cautious")
True
>>> "decrease" in antonyms("increase")
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from toolkit.lexicon.datafile import read_sections
from toolkit.lexicon.errors import DATA_DIR, LexiconDataMissing
from toolkit.lexicon.index import LazyTable, file_digest, open_index
from toolkit.lexicon.morph import en_lemmas, norm

__all__ = [
    "WORDNET_PATH",
    "WordNet",
    "WordNetDataMissing",
    "antonyms",
    "are_related",
    "load_wordnet",
    "related",
    "synonyms",
]

WORDNET_PATH = DATA_DIR / "wordnet_en.tsv.gz"


class WordNetDataMissing(LexiconDataMissing):
    """The WordNet data file is not installed; rebuild it with scripts/build_wordnet.py."""


class WordNet:
    """Synonym sets and links between single English words, looked up by lemma (lowercase).

    A word given in another form than its lemma ("relieved", "thinking") is read as itself and as
    each of its lemmas, so a caller may pass what it has. Answers never contain the word itself.
    `senses=k` keeps the word's k most frequent senses in each part of speech (WordNet's own order):
    "take" has 42 verb senses, and all of them together relate it to nearly anything.
    """

    def __init__(self, synset_lines: list[str] | LazyTable, word_lines: dict[str, str] | LazyTable):
        # Both as read from the file, or LazyTables of the look-up file (`toolkit.lexicon.index`).
        self._synset_lines = synset_lines  # synset number -> "word word...[\tlinked numbers]"
        self._word_lines = word_lines  # word -> "synset numbers\tlinked words\tantonyms", unparsed
        self.synonyms = lru_cache(maxsize=100_000)(self._synonyms)
        self.related = lru_cache(maxsize=100_000)(self._related)
        self.antonyms = lru_cache(maxsize=100_000)(self._antonyms)

    @classmethod
    def from_file(cls, path: Path) -> WordNet:
        """The relations of the file written by scripts/build_wordnet.py: looked up one word at a time in
        the look-up file when that was built from this very file, else read from the file."""
        index = open_index()
        if index is not None and path.is_file() and index.matches("wordnet", file_digest(path)):
            wordnet = cls([], {})
            wordnet._synset_lines = index.table("wordnet_synsets", wordnet._keep("_synset_lines"))
            wordnet._word_lines = index.table("wordnet_words", wordnet._keep("_word_lines"))
            return wordnet
        return cls.read_file(path)

    def _keep(self, attribute: str):
        """The callback by which a LazyTable read whole hands its dict to this object."""

        def keep(table: dict) -> None:
            setattr(self, attribute, table)

        return keep

    def warm_up(self) -> WordNet:
        """Read both tables whole now (a long run asks for most of them)."""
        for table in (self._synset_lines, self._word_lines):
            if isinstance(table, LazyTable):
                table.full()
        return self

    @classmethod
    def read_file(cls, path: Path) -> WordNet:
        """Read the file itself (word lines are parsed when asked for; what the look-up file is built from)."""
        _, (synset_block, word_block) = read_sections(
            path,
            "#tct-wordnet v1",
            ("synsets", "words"),
            "WordNet",
            "scripts/build_wordnet.py",
            WordNetDataMissing,
        )
        words = dict(line.split("\t", 1) for line in word_block.split("\n") if line)
        return cls(synset_block.split("\n"), words)

    # ------------------------------------------------------------------ parsing
    def _fields(self, word: str, senses: int | None = None) -> tuple[list[str], list[str], list[str]]:
        """(synset numbers of its first `senses` senses in each part of speech, or all; linked words;
        antonyms) of one WordNet word; empty lists if unknown."""
        line = self._word_lines.get(word)
        if line is None:
            return [], [], []
        own, links, opposite = line.split("\t")
        ranks = own.split(",")
        if senses is not None:
            ranks = ranks[: max(0, senses)]
        return " ".join(ranks).split(), links.split(), opposite.split()

    def _synset(self, number: str) -> tuple[list[str], list[str]]:
        """(words, linked synset numbers) of one synset."""
        words, _, links = self._synset_lines[int(number)].partition("\t")
        return words.split(), links.split()

    def _keys(self, lemma: str) -> tuple[str, ...]:
        """The word and its English lemmas, those WordNet knows."""
        low = norm(lemma.strip())
        if not low:
            return ()
        keys = [low] + [other for other in en_lemmas(low) if other != low]
        return tuple(key for key in keys if key in self._word_lines)

    # ------------------------------------------------------------------ relations
    def _synonyms(self, lemma: str, senses: int | None = None) -> frozenset[str]:
        keys = self._keys(lemma)
        found: set[str] = set()
        for key in keys:
            for number in self._fields(key, senses)[0]:
                found.update(self._synset(number)[0])
        return frozenset(found.difference(keys, {norm(lemma.strip())}))

    def _related(self, lemma: str, senses: int | None = None) -> frozenset[str]:
        keys = self._keys(lemma)
        found: set[str] = set(self._synonyms(lemma, senses))
        for key in keys:
            own, links, _ = self._fields(key, senses)
            found.update(links)
            for number in own:
                for linked in self._synset(number)[1]:
                    found.update(self._synset(linked)[0])
        found -= self._antonyms(lemma)  # a word of two senses, one of them opposite, is not offered
        return frozenset(found.difference(keys, {norm(lemma.strip())}))

    def _antonyms(self, lemma: str) -> frozenset[str]:
        keys = self._keys(lemma)
        found: set[str] = set()
        for key in keys:
            found.update(self._fields(key)[2])
        return frozenset(found.difference(keys, {norm(lemma.strip())}))

    def are_related(self, a: str, b: str, senses: int | None = None) -> bool:
        """True if either word is a synonym of, or linked to, the other (never for antonyms)."""
        low_b, low_a = norm(b.strip()), norm(a.strip())
        if not low_a or not low_b:
            return False
        related_a = self.related(a, senses)
        return (
            low_b in related_a
            or low_a in self.related(b, senses)
            or any(k in related_a for k in self._keys(b))
        )

    def __len__(self) -> int:
        """Number of words with at least one relation."""
        return len(self._word_lines)


@lru_cache(maxsize=4)
def _load(path: Path) -> WordNet:
    return WordNet.from_file(path)


def load_wordnet(path: str | Path | None = None) -> WordNet:
    """The shipped WordNet relations, loaded once and cached; raises WordNetDataMissing if absent."""
    return _load(Path(path) if path is not None else WORDNET_PATH)


def synonyms(lemma: str, senses: int | None = None) -> frozenset[str]:
    """Words sharing a synset with `lemma` ("immense" -> huge, vast, ...), over its first `senses`
    senses per part of speech (all by default)."""
    return load_wordnet().synonyms(lemma, senses)


def related(lemma: str, senses: int | None = None) -> frozenset[str]:
    """Synonyms plus similar-to, verb-group, also-see, derivational and pertainym links, one step
    ("caution" -> cautious, "cautiously" -> carefully, cautious); antonyms are left out."""
    return load_wordnet().related(lemma, senses)


def antonyms(lemma: str) -> frozenset[str]:
    """Antonyms of the word, with their synset mates, and for a satellite adjective those of its
    head ("immense" -> small, little)."""
    return load_wordnet().antonyms(lemma)


def are_related(a: str, b: str, senses: int | None = None) -> bool:
    """True if `b` is among `related(a)` or `a` among `related(b)`."""
    return load_wordnet().are_related(a, b, senses)
