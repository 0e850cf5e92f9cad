"""`align --batch` machinery: many document pairs, same files on every engine, bad items reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.engine.batch import align_batch, read_batch_list
from toolkit.errors import TctError

pytest.importorskip("toolkit.align", reason="the aligner is not installed")

RU = "Кошка спит на диване. Собака лает во дворе.\nПришла весна. Снег тает.\n"
EN = "The cat sleeps on the sofa. The dog barks in the yard.\nSpring has come. The snow is melting.\n"


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    lines = []
    for number in range(4):
        (tmp_path / f"d{number}.ru").write_text(RU * (number + 1), encoding="utf-8")
        (tmp_path / f"d{number}.en").write_text(EN * (number + 1), encoding="utf-8")
        lines.append(f"d{number}.ru\td{number}.en\tout/d{number}.json")
    listing = tmp_path / "list.tsv"
    listing.write_text("# source\ttarget\toutput\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return listing


def test_batch_aligns_every_pair_in_order(batch: Path) -> None:
    summaries = list(align_batch(batch, "ru", "en", "json"))
    assert [s["line"] for s in summaries] == [2, 3, 4, 5]
    assert all("error" not in s for s in summaries)
    first = json.loads((batch.parent / "out" / "d0.json").read_text(encoding="utf-8"))
    assert len(first["beads"]) == summaries[0]["beads"] >= 2


def test_batch_output_identical_with_two_jobs(batch: Path) -> None:
    out = batch.parent / "out"
    list(align_batch(batch, "ru", "en", "vecalign", jobs=1))
    serial = {p.name: p.read_bytes() for p in out.iterdir()}
    for path in out.iterdir():
        path.unlink()
    summaries = list(align_batch(batch, "ru", "en", "vecalign", jobs=2))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == serial
    assert [s["line"] for s in summaries] == [2, 3, 4, 5]


def test_missing_document_is_reported_and_batch_goes_on(batch: Path) -> None:
    (batch.parent / "d1.en").unlink()
    summaries = list(align_batch(batch, "ru", "en", "tsv"))
    assert "no such file" in summaries[1]["error"] and "d1.en" in summaries[1]["error"]
    assert [("error" in s) for s in summaries] == [False, True, False, False]


def test_malformed_list_line_names_the_list(tmp_path: Path) -> None:
    listing = tmp_path / "list.tsv"
    listing.write_text("a.ru\tb.en\n", encoding="utf-8")
    with pytest.raises(TctError) as caught:
        list(read_batch_list(listing))
    assert caught.value.path == str(listing) and "line 1" in caught.value.problem
