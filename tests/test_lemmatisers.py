"""The lemmatisers started without their heavy costs (numpy, the entry-point scan) give the same answers."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from lemminflect import getAllLemmasOOV

from toolkit.lexicon import oov

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "wmt21-ru-en"
ODD = [
    "",
    "x",
    "Khabarovsk",
    "KHABAROVSK",
    "Putins",
    "tweeting",
    "hello-worlds",
    "naïve",
    "İstanbul",
    "o'neills",
]


def _words(limit: int = 1500) -> list[str]:
    words = set(ODD)
    if (DATA / "ref.A.en").is_file():
        text = (DATA / "ref.A.en").read_text(encoding="utf-8")
        words.update(re.findall(r"[A-Za-z][A-Za-z'-]*", text)[:limit])
    return sorted(words)


def test_the_same_lemmas_as_lemminflect() -> None:
    decided = 0
    for word in _words():
        for upos in ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX"):
            mine = oov.oov_lemmas(word, upos)
            if mine is not None:
                assert mine == getAllLemmasOOV(word, upos), (word, upos)
                decided += 1
    assert decided > 1000


def test_a_part_of_speech_lemminflect_refuses_is_left_to_it() -> None:
    assert oov.oov_lemmas("blorks", "PUNCT") is None


def test_a_model_file_from_another_lemminflect_is_not_used(monkeypatch, tmp_path: Path) -> None:
    record = oov.MODEL.read_text(encoding="utf-8").replace('"source_sha256": "', '"source_sha256": "0')
    (tmp_path / "model.json").write_text(record, encoding="utf-8")
    monkeypatch.setattr(oov, "MODEL", tmp_path / "model.json")
    oov._network.cache_clear()
    try:
        assert oov.oov_lemmas("blorks", "NOUN") is None
    finally:
        oov._network.cache_clear()


@pytest.mark.skipif(importlib.util.find_spec("numpy") is None, reason="the build reads lemminflect's pickle")
def test_the_shipped_model_is_a_fresh_build() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_oov_model", oov.MODEL.parents[2] / "scripts" / "build_oov_model.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == oov.MODEL.read_text(encoding="utf-8")


def test_pymorphy3_gets_the_dictionary_its_entry_point_names(monkeypatch) -> None:
    from pymorphy3.analyzer import lang_dict_path

    from toolkit.lexicon import morph

    assert morph._dictionary_path() == lang_dict_path("ru")
    monkeypatch.setenv("PYMORPHY3_DICT_PATH", "/somewhere/else")
    assert morph._dictionary_path() is None  # pymorphy3 then reads its variable itself


def test_unknown_words_past_the_copy_budget_get_the_same_lemmas(monkeypatch) -> None:
    from toolkit.lexicon import morph

    words = ["blorks", "zindles", "frumped", "quaxing", "snorbiest"]
    monkeypatch.setattr(morph, "_oov_copy_used", [0])
    monkeypatch.setattr(morph, "OOV_COPY_WORDS", len(words))
    copied = [morph._oov_noun_lemmas(w) for w in words]
    assert morph._oov_copy_used[0] == len(words)
    handed_on = [morph._oov_noun_lemmas(w) for w in words]  # budget spent: lemminflect answers
    assert morph._oov_copy_used[0] == len(words)
    assert copied == handed_on
