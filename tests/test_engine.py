"""The scale engine: same results in the same order on every engine, lazy reading, clear errors."""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path

import pytest

from toolkit.engine import Workers, chunked, count_lines, iter_parallel_lines, run_ordered, stream_lines
from toolkit.engine.jobs import ChunkJob, score_chunk
from toolkit.errors import TctError, UsageError
from toolkit.textio import read_text

SOURCE = ["Кошка спит.", "Собака лает 3 раза.", "", "Москва — столица России.", "Он не пришёл."]
HYPOTHESIS = ["The cat sleeps.", "The dog barks twice.", "", "Moscow is the capital.", "He came."]
REFERENCE = [
    "The cat is asleep.",
    "The dog barks 3 times.",
    "",
    "Moscow is Russia's capital.",
    "He did not come.",
]


@pytest.fixture(scope="module")
def dask_scheduler():
    """An in-process Dask cluster shared by the tests of this module, closed at the end."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0", silence_logs=40
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def parallel_files(tmp_path: Path) -> list[Path]:
    """Three line-aligned files of 60 lines each (the five pairs repeated with a line number)."""
    columns = []
    for name, lines in (("src.ru", SOURCE), ("hyp.en", HYPOTHESIS), ("ref.en", REFERENCE)):
        path = tmp_path / name
        path.write_text("".join(f"{lines[i % 5]} {i}\n" for i in range(60)), encoding="utf-8")
        columns.append(path)
    return columns


def test_run_ordered_keeps_order_on_every_engine(dask_scheduler: str) -> None:
    chunks = [[i, i * i] for i in range(40)]
    expected = [sum(c) for c in chunks]
    assert list(run_ordered(sum, chunks, Workers(jobs=1))) == expected
    assert list(run_ordered(sum, chunks, Workers(jobs=2), max_in_flight=3)) == expected
    assert list(run_ordered(sum, chunks, Workers(engine="dask", scheduler=dask_scheduler))) == expected


def test_dask_local_cluster_started_and_closed() -> None:
    pytest.importorskip("distributed")
    options = {"processes": False}
    assert list(run_ordered(sum, [[1, 2], [3]], Workers(2, "dask", cluster_options=options))) == [3, 3]


def test_output_is_byte_identical_across_engines(
    parallel_files: list[Path], tmp_path: Path, dask_scheduler: str
) -> None:
    digests = {}
    for label, options in {
        "serial": {"jobs": 1},
        "processes": {"jobs": 2},
        "dask": {"engine": "dask", "scheduler": dask_scheduler},
    }.items():
        out = tmp_path / f"{label}.jsonl"
        # A partial with options: what the CLI sends, and it must pickle for processes and Dask.
        work = partial(score_chunk, job=ChunkJob(options={"evidence": True}))
        count = stream_lines(
            work, parallel_files, out, chunk_size=7, workers=Workers(**options), progress=False
        )
        assert count == 60
        digests[label] = hashlib.sha256(out.read_bytes()).hexdigest()
        assert len(out.read_text(encoding="utf-8").splitlines()) == 60
        assert '"evidence"' in out.read_text(encoding="utf-8")  # the options reached the scorer
    assert len(set(digests.values())) == 1, digests


def test_chunk_size_does_not_change_output(parallel_files: list[Path], tmp_path: Path) -> None:
    outputs = []
    for size in (1, 13, 1000):
        out = tmp_path / f"{size}.jsonl"
        stream_lines(score_chunk, parallel_files, out, chunk_size=size, progress=False)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_mismatched_line_counts_name_the_shorter_file(parallel_files: list[Path], tmp_path: Path) -> None:
    short = parallel_files[1]
    short.write_text(
        "".join(short.read_text(encoding="utf-8").splitlines(keepends=True)[:41]), encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    with pytest.raises(TctError) as caught:
        stream_lines(score_chunk, parallel_files, out, chunk_size=10, progress=False)
    assert caught.value.path == str(short)
    assert "41 lines" in caught.value.problem and "nothing written" in caught.value.problem
    assert not out.exists()
    assert not list(tmp_path.glob(".out.jsonl.*"))  # the temporary file is gone too


def test_lines_are_read_lazily(tmp_path: Path) -> None:
    pulled = []

    def rows():
        for i in range(1000):
            pulled.append(i)
            yield [i]

    results = run_ordered(sum, rows(), Workers(jobs=1))
    assert next(results) == 0
    assert len(pulled) == 1
    assert [next(results) for _ in range(5)] == [1, 2, 3, 4, 5]
    assert len(pulled) == 6

    chunks = chunked(iter(pulled.copy() + list(range(10**6))), 4)
    assert next(chunks) == [0, 1, 2, 3]

    # A file whose tail is not UTF-8: an eager reader would fail before yielding the first row.
    big = tmp_path / "a.txt"
    big.write_bytes(b"x\n" * 100_000 + b"\xff\n")
    reader = iter_parallel_lines([big, big])
    assert next(reader) == ("x", "x")
    reader.close()


def test_bounded_in_flight_with_processes() -> None:
    pulled = []

    def rows():
        for i in range(500):
            pulled.append(i)
            yield [i]

    results = run_ordered(sum, rows(), Workers(jobs=2), max_in_flight=4)
    assert next(results) == 0
    assert len(pulled) <= 5
    results.close()


def test_worker_errors_keep_their_file_name(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    for options in ({"jobs": 1}, {"jobs": 2}):
        with pytest.raises(TctError) as caught:
            list(run_ordered(read_text, [missing], Workers(**options)))
        assert caught.value.path == str(missing)


def test_bad_options_are_usage_errors() -> None:
    with pytest.raises(UsageError):
        list(run_ordered(sum, [[1]], Workers(engine="spark")))
    with pytest.raises(UsageError):
        list(run_ordered(sum, [[1]], Workers(jobs=-1)))
    with pytest.raises(UsageError):
        list(run_ordered(sum, [[1]], Workers(scheduler="tcp://127.0.0.1:1")))


def test_no_progress_bar_when_not_a_terminal(
    parallel_files: list[Path], capsys: pytest.CaptureFixture
) -> None:
    stream_lines(score_chunk, parallel_files, None, chunk_size=10)
    captured = capsys.readouterr()
    assert captured.err == ""
    assert len(captured.out.splitlines()) == 60


def test_progress_bar_when_asked(
    parallel_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    stream_lines(score_chunk, parallel_files, tmp_path / "o.jsonl", chunk_size=10, progress=True)
    assert "60/60" in capsys.readouterr().err


def test_invalid_utf8_names_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("привет\n".encode("cp1251"))
    with pytest.raises(TctError) as caught:
        list(iter_parallel_lines([bad]))
    assert caught.value.path == str(bad)


def test_count_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("a\nb\nc", encoding="utf-8")
    assert count_lines(path) == 3
    assert count_lines(path) == len(list(iter_parallel_lines([path])))


def test_score_chunk_without_source() -> None:
    text = score_chunk([(1, "a b c", "a b c"), (2, "x", "y")], ChunkJob(has_source=False))
    assert len(text.splitlines()) == 2


def _record_pid() -> None:
    """Initializer for the test below: append this process's id to the file named by the environment."""
    import os

    with open(os.environ["TCT_TEST_INIT_LOG"], "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")


def _pid_of_worker(chunk: list[int]) -> int:
    import os

    return os.getpid()


def test_initializer_runs_once_per_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "init.log"
    monkeypatch.setenv("TCT_TEST_INIT_LOG", str(log))
    pids = set(
        run_ordered(_pid_of_worker, [[i] for i in range(30)], Workers(jobs=2, initializer=_record_pid))
    )
    initialised = log.read_text(encoding="utf-8").split()
    assert len(initialised) == len(set(initialised)) <= 2
    assert pids <= {int(p) for p in initialised}
