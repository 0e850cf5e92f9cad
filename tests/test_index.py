"""The look-up file (toolkit/data/lookup.sqlite) answers exactly what the files it was built from answer."""

from __future__ import annotations

import gzip
import random
import shutil

import pytest

from toolkit.lexicon import index as index_module
from toolkit.lexicon import morph
from toolkit.lexicon.index import INDEX_PATH, LazyTable, open_index
from toolkit.lexicon.lexicon import LEXICON_PATH, Lexicon
from toolkit.lexicon.wordnet import WORDNET_PATH, WordNet

pytestmark = pytest.mark.skipif(open_index() is None, reason="no look-up file (scripts/build_index.py)")


def _sample(keys, n: int = 300) -> list:
    keys = sorted(keys)
    return random.Random(7).sample(keys, min(n, len(keys)))


def test_the_shipped_index_is_built_from_the_shipped_files() -> None:
    """If this fails, run `python scripts/build_index.py` after rebuilding the lexicon or WordNet."""
    lexicon, wordnet = Lexicon.from_file(LEXICON_PATH), WordNet.from_file(WORDNET_PATH)
    assert isinstance(lexicon._raw("ru"), LazyTable) and isinstance(wordnet._word_lines, LazyTable)
    assert morph._en_lemma_index() is not None


def test_lexicon_rows_and_answers_equal_the_files() -> None:
    indexed, read = Lexicon.from_file(LEXICON_PATH), Lexicon.read_file(LEXICON_PATH)
    assert len(indexed) == len(read)
    for lang in ("ru", "en"):
        for word in _sample(read._raw(lang)):
            assert indexed._raw(lang).get(word) == read._raw(lang)[word]
            assert indexed.translations(word, lang) == read.translations(word, lang), word
    assert "несуществующееслово" not in indexed._raw("ru")
    assert indexed.prob("партии", "party") == read.prob("партии", "party") > 0


def test_wordnet_answers_equal_the_file() -> None:
    indexed, read = WordNet.from_file(WORDNET_PATH), WordNet.read_file(WORDNET_PATH)
    assert len(indexed) == len(read)
    for word in [*_sample(read._word_lines, 200), "immense", "increase", "nosuchword"]:
        assert indexed.related(word) == read.related(word), word
        assert indexed.antonyms(word) == read.antonyms(word), word


def test_english_lemmas_from_the_index_equal_lemminflects() -> None:
    from lemminflect import getAllLemmas

    words = ["went", "better", "saw", "Left", "US", "leaves", "'s", "", "Khabarovsk", "running", "Better"]
    for word in words + _sample(morph._en_lemma_index().full(), 300):
        assert morph.en_dictionary_lemmas(word) == getAllLemmas(word), word


def test_a_table_is_read_whole_after_many_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "PROMOTE_AFTER", 3)
    lexicon = Lexicon.from_file(LEXICON_PATH)
    table = lexicon._raw("ru")
    answers = [table.get(word) for word in ("партия", "дом", "нет", "год", "идти")]
    assert table.promoted is not None and lexicon._raw("ru") is table.promoted  # handed to the lexicon
    assert answers == [
        Lexicon.read_file(LEXICON_PATH)._raw("ru").get(w) for w in ("партия", "дом", "нет", "год", "идти")
    ]


def test_a_stale_index_is_not_used(tmp_path) -> None:
    """A lexicon file that is not the one the index was built from is read from the file itself."""
    same = tmp_path / "same.tsv.gz"
    shutil.copyfile(LEXICON_PATH, same)
    assert isinstance(Lexicon.from_file(same)._raw("ru"), LazyTable)
    other = tmp_path / "other.tsv.gz"  # the same rows in other bytes: the digest differs
    other.write_bytes(gzip.compress(gzip.decompress(LEXICON_PATH.read_bytes()), mtime=1))
    lexicon = Lexicon.from_file(other)
    assert isinstance(lexicon._raw("ru"), dict)
    assert lexicon.translations("партии") == Lexicon.from_file(same).translations("партии")


def test_the_index_opens_read_only(tmp_path) -> None:
    copy = tmp_path / "lookup.sqlite"
    shutil.copyfile(INDEX_PATH, copy)
    copy.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        opened = index_module.Index(copy)
        assert opened.table("lexicon_ru").get("партия")
    finally:
        tmp_path.chmod(0o755)
