"""Score line-aligned files of any size: the streaming path behind `tct score --src/--hyp/--ref`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from toolkit.engine.jobs import ChunkJob, load_resources, score_chunk
from toolkit.engine.runner import Workers
from toolkit.engine.stream import stream_lines


def score_files(
    hyp: str | Path,
    src: str | Path | None = None,
    refs: Sequence[str | Path] = (),
    output: str | Path | None = None,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = 1000,
    progress: bool | None = None,
    options: dict[str, Any] | None = None,
    formatter: Callable[[dict[str, Any]], str] | None = None,
    cluster_options: dict[str, Any] | None = None,
    notice: Callable[[str], None] | None = None,
    chunk_scorer: Callable[..., str] = score_chunk,
    initializer: Callable[[], Any] = load_resources,
) -> int:
    """Write one JSON object per input line (JSON Lines, in input order) scoring `hyp` against `src`/`refs`.

    Reads the files lazily, so memory does not grow with their length; the bytes written are the same for
    every `jobs`, `engine` and `chunk_size`. `options` are passed to the line scorer; `formatter` (a
    top-level function) turns a row into its output line instead of JSON; "-" reads standard input and
    `notice` hears of converted encodings. `chunk_scorer` / `initializer` (top-level functions, for the
    workers): another scorer of the same rows, as `--neural` has. Returns the line count.
    """
    paths = ([src] if src is not None else []) + [hyp, *refs]
    work = partial(chunk_scorer, job=ChunkJob(src is not None, options or {}, formatter))
    workers = Workers(jobs, engine, scheduler, initializer, cluster_options)
    return stream_lines(
        work, paths, output, chunk_size=chunk_size, workers=workers, progress=progress, notice=notice
    )
