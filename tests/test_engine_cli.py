"""`tct score --segments` on the scale engine: the same bytes for any --jobs/--engine, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app

runner = CliRunner()

SOURCE = ["Кошка спит.", "Собака лает 3 раза.", "Он не пришёл.", "Москва — столица России."]
RENDERING = ["The cat sleeps.", "The dog barks twice.", "He came.", "Moscow is the capital."]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    src, hyp = tmp_path / "src.ru", tmp_path / "hyp.en"
    src.write_text("".join(f"{SOURCE[i % 4]}\n" for i in range(24)), encoding="utf-8")
    hyp.write_text("".join(f"{RENDERING[i % 4]}\n" for i in range(24)), encoding="utf-8")
    return src, hyp


def _score(src: Path, hyp: Path, out: Path, *extra: str):
    args = ["score", "--src", str(src), "--hyp", str(hyp), "--segments", "--json", "-o", str(out), *extra]
    return runner.invoke(app, args)


@pytest.fixture
def scheduler():
    """A quick in-process Dask cluster; `--scheduler ADDRESS` reaches it as it would a remote one."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0", silence_logs=40
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_jobs_and_dask_write_the_same_bytes(files: tuple[Path, Path], tmp_path: Path, scheduler: str) -> None:
    src, hyp = files
    outputs = []
    for label, extra in (
        ("serial", ()),
        ("processes", ("--jobs", "2", "--chunk-size", "5")),
        ("dask", ("--engine", "dask", "--scheduler", scheduler, "--chunk-size", "7")),
    ):
        out = tmp_path / f"{label}.jsonl"
        result = _score(src, hyp, out, *extra)
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert len(outputs[0].splitlines()) == 24
    assert outputs[0] == outputs[1] == outputs[2]


def test_mismatched_line_counts_exit_1_naming_the_shorter_file(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    src, hyp = files
    hyp.write_text("".join(f"{RENDERING[i % 4]}\n" for i in range(20)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _score(src, hyp, out, "--chunk-size", "3")
    assert result.exit_code == 1
    assert str(hyp) in result.output and "20 lines" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_no_progress_bar_when_not_a_terminal(files: tuple[Path, Path]) -> None:
    src, hyp = files
    result = runner.invoke(app, ["score", "--src", str(src), "--hyp", str(hyp), "--segments", "--json"])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if not line.startswith("tct: note:")]
    assert len(lines) == 24 and all(line.startswith("{") for line in lines)  # nothing but the rows


def test_scale_options_need_segments(files: tuple[Path, Path]) -> None:
    src, hyp = files
    result = runner.invoke(app, ["score", "--src", str(src), "--hyp", str(hyp), "--jobs", "2"])
    assert result.exit_code == 2 and "--segments" in result.output
    result = runner.invoke(
        app, ["score", "--src", str(src), "--hyp", str(hyp), "--segments", "--engine", "x"]
    )
    assert result.exit_code == 2 and "unknown engine" in result.output


def test_align_batch_writes_every_output_and_reports_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.ru").write_text("Кошка спит. Собака лает.\nПришла весна.\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("The cat sleeps. The dog barks.\nSpring has come.\n", encoding="utf-8")
    listing = tmp_path / "list.tsv"
    listing.write_text("a.ru\ta.en\tout/a.vec\na.ru\tnone.en\tout/b.vec\n", encoding="utf-8")
    result = runner.invoke(app, ["align", "--batch", str(listing), "--json"])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [row["line"] for row in rows] == [1, 2]
    assert "error" not in rows[0] and "none.en" in rows[1]["error"]
    assert (tmp_path / "out" / "a.vec").read_text(encoding="utf-8").startswith("[0]:[0]")
    assert not (tmp_path / "out" / "b.vec").exists()
    result = runner.invoke(app, ["align", "a.ru", "a.en", "--jobs", "2"])
    assert result.exit_code == 2 and "--batch" in result.output
