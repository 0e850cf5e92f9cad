"""Resources: one object owns the lexicon and every cache drawn from it, shared by aligner and scorer."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from toolkit import align, score_pair
from toolkit.align import aligner
from toolkit.lexicon.lexicon import Lexicon
from toolkit.resources import Resources, current, default_resources, using
from toolkit.score import lexical


def _tiny_lexicon(tmp_path: Path, house: str) -> Lexicon:
    """A two-word lexicon in the shipped file format: дом -> `house`, сказать -> say."""
    text = (
        "#tct-lexicon v2 pairs=2\n@ru\n"
        f"дом\t{house} 0.9 0.9 d\nсказать\tsay 0.9 0.9 d\n"
        f"@en\n{house}\tдом 0.9 0.9 d\nsay\tсказать 0.9 0.9 d\n"
    )
    path = tmp_path / f"{house}.tsv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return Lexicon.from_file(path)


def test_two_resources_with_different_lexicons_share_no_cache(tmp_path: Path) -> None:
    castle = Resources(lexicon=_tiny_lexicon(tmp_path, "castle"))
    house = Resources(lexicon=_tiny_lexicon(tmp_path, "house"))
    source = "Он сказал: дом."
    in_castle = score_pair(source, "He said: castle.", resources=castle)
    in_house = score_pair(source, "He said: castle.", resources=house)
    assert in_castle.fidelity > in_house.fidelity  # "castle" renders дом only in the first lexicon
    # Asked again, each answers from its own tables, not from the other's.
    assert score_pair(source, "He said: castle.", resources=house).fidelity == in_house.fidelity
    assert score_pair(source, "He said: castle.", resources=castle).fidelity == in_castle.fidelity
    assert castle.tables and house.tables
    for name in set(castle.tables) & set(house.tables):
        assert castle.tables[name] is not house.tables[name], name
    with using(castle):
        assert lexical.lexicon_id().startswith("tct-2-")  # the signature names the lexicon in use
    assert lexical.lexicon_id().startswith("tct-132877-")


def test_a_call_with_resources_leaves_the_default_untouched(tmp_path: Path) -> None:
    own = Resources(lexicon=_tiny_lexicon(tmp_path, "castle"))
    before = {
        name: len(table) for name, table in default_resources().tables.items() if hasattr(table, "__len__")
    }
    score_pair("Абракадабрище сказал: дом.", "Abracadabra said: castle.", resources=own)
    after = {
        name: len(table) for name, table in default_resources().tables.items() if hasattr(table, "__len__")
    }
    assert before == after
    assert current() is default_resources()  # the call's Resources is active only during the call


def test_set_lexicon_reaches_the_aligner(tmp_path: Path) -> None:
    resources = Resources()
    with using(resources):
        shipped = aligner._lexicon_keys("ru", "en")
        assert shipped is not None and "lexicon=yes" in aligner.signature("ru", "en")
        assert aligner.uses_lexicon("ru", "en")
        tiny = _tiny_lexicon(tmp_path, "castle")
        lexical.set_lexicon(tiny)  # the active Resources' lexicon
        keys = aligner._lexicon_keys("ru", "en")
        assert keys is not shipped and keys.lexicon is tiny
        lexical.set_lexicon(None)
        assert not aligner.uses_lexicon("ru", "en")
        assert "lexicon=no" in aligner.signature("ru", "en")
    assert aligner.uses_lexicon("ru", "en")  # the default Resources kept the shipped lexicon


def test_aligner_and_scorer_share_one_resources(tmp_path: Path) -> None:
    resources = Resources(lexicon=None)
    aligned = align("Он пришёл. Он ушёл.", "He came. He left.", "ru", "en", resources=resources)
    assert len(aligned.beads) == 2
    assert "align:lexicon-keys" in resources.tables and resources.tables["align:lexicon-keys"] == {
        ("ru", "en"): None
    }
    assert score_pair("Он пришёл.", "He came.", resources=resources).fidelity is not None


def test_resources_without_a_lexicon_say_so() -> None:
    resources = Resources(lexicon=None)
    assert resources.lexicon is None and resources.error == "disabled"
    with using(resources):
        assert lexical.get_lexicon() is None
        assert lexical.lexicon_id() == "none"
        assert lexical.lexicon_error() == "disabled"
    assert lexical.lexicon_id().startswith("tct-")


def test_using_nests_and_restores() -> None:
    outer, inner = Resources(lexicon=None), Resources(lexicon=None)
    with using(outer):
        with using(inner):
            assert current() is inner
        assert current() is outer
        with pytest.raises(ValueError), using(inner):
            raise ValueError
        assert current() is outer
    assert current() is default_resources()
