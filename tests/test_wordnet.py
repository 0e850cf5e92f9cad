"""The shipped English WordNet relations: synonyms, links, antonyms, the rebuild, the lazy load."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from paths import REPO

from toolkit.lexicon.wordnet import (
    WORDNET_PATH,
    WordNet,
    WordNetDataMissing,
    antonyms,
    are_related,
    load_wordnet,
    related,
    synonyms,
)


@pytest.mark.parametrize(
    ("word", "synonym"),
    [("immense", "vast"), ("immense", "huge"), ("cautiously", "carefully"), ("increase", "growth")],
)
def test_synonyms_share_a_synset(word: str, synonym: str) -> None:
    assert synonym in synonyms(word)
    assert word in synonyms(synonym)


@pytest.mark.parametrize(
    ("word", "linked"),
    [
        ("caution", "cautious"),  # derivationally related
        ("cautiously", "cautious"),  # adverb derived from adjective
        ("immense", "large"),  # similar-to head of a satellite adjective
        ("unlimited", "infinite"),  # similar-to, through the sense "inexhaustible"
        ("chinese", "china"),  # pertainym
        ("russian", "russia"),
    ],
)
def test_links_are_related_both_ways(word: str, linked: str) -> None:
    assert linked in related(word)
    assert are_related(word, linked) and are_related(linked, word)


def test_related_contains_the_synonyms_and_never_the_word_or_an_antonym() -> None:
    for word in ("immense", "caution", "increase", "capable", "base"):
        assert synonyms(word) <= related(word)
        assert word not in related(word) and word not in synonyms(word) and word not in antonyms(word)
        assert not related(word) & antonyms(word)


@pytest.mark.parametrize(
    ("word", "opposite"),
    [
        ("increase", "decrease"),  # on the lemma
        ("capable", "incapable"),
        ("unlimited", "limited"),
        ("immense", "small"),  # through the head "large" of the satellite "immense"
        ("cautiously", "incautiously"),
    ],
)
def test_antonyms(word: str, opposite: str) -> None:
    assert opposite in antonyms(word)
    assert not are_related(word, opposite)


def test_inflected_forms_are_read_through_their_lemmas() -> None:
    assert "consider" in synonyms("thinking") and "consider" in synonyms("think")
    assert "free" in synonyms("relieved")  # relieve (verb) as well as the adjective
    assert are_related("Immense", "VAST")


def test_unknown_and_empty_words_have_no_relations() -> None:
    for word in ("", "  ", "xqzzyv", "Навальный"):
        assert (
            synonyms(word) == frozenset() and related(word) == frozenset() and antonyms(word) == frozenset()
        )
    assert not are_related("", "vast") and not are_related("xqzzyv", "vast")


def test_answers_are_frozensets_and_cached() -> None:
    assert isinstance(related("immense"), frozenset)
    assert load_wordnet() is load_wordnet()
    assert len(load_wordnet()) > 50_000


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WordNetDataMissing, match="build_wordnet"):
        WordNet.from_file(tmp_path / "none.tsv.gz")
    bad = tmp_path / "bad.tsv.gz"
    for content in (b"", b"not gzip at all", gzip.compress("\xff".encode("latin-1"))):
        bad.write_bytes(content)
        with pytest.raises(WordNetDataMissing):
            WordNet.from_file(bad)


def test_the_shipped_file_carries_the_wordnet_licence() -> None:
    with gzip.open(WORDNET_PATH, "rt", encoding="utf-8") as fh:
        head = fh.read(4000)
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in head
    assert 'PROVIDED "AS IS"' in head


def test_help_does_not_load_wordnet() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from toolkit.cli import app; "
        "CliRunner().invoke(app, ['--help']); "
        "import toolkit.lexicon.wordnet as w; print(w._load.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_rebuild_is_byte_identical(shared: Path, tmp_path: Path) -> None:
    if not (shared / "data" / "wordnet-3.0" / "data.noun").is_file():
        pytest.skip("WordNet 3.0 is not in ../shared/data")
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_wordnet.py"), "--data", str(shared / "data"),
         "--out", str(tmp_path)],
        check=True, capture_output=True,
    )  # fmt: skip
    built = hashlib.sha256((tmp_path / WORDNET_PATH.name).read_bytes()).hexdigest()
    assert built == hashlib.sha256(WORDNET_PATH.read_bytes()).hexdigest()


def test_senses_keeps_the_most_frequent_senses() -> None:
    assert len(related("take", senses=3)) < len(related("take")) / 2
    assert related("take", senses=1) <= related("take", senses=3) <= related("take")
    assert "capable" in related("able", senses=1)  # the first sense of "able" is the common one
    assert related("immense", senses=1) == related("immense")  # one sense only
    assert synonyms("take", senses=0) == frozenset()
    assert are_related("able", "capable", senses=1)
