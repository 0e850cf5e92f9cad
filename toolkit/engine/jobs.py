"""The work units the engine ships to workers: score a chunk of line-aligned rows, align one document pair.

Top-level functions only, so worker processes and Dask workers can unpickle them by name.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from toolkit.score.files import score_lines
from toolkit.score.lexical import get_lexicon


def load_resources() -> None:
    """Worker initializer: load the lexicon once per process (scoring runs without it if it is missing:
    `get_lexicon` keeps the reason, which the CLI has already told the user in the main process)."""
    get_lexicon()


@dataclass(frozen=True)
class ChunkJob:
    """What every chunk of one run is scored with, the same for every chunk scorer (this module's and
    --neural's): whether the rows carry a source, the line scorer's `options`, and `formatter` (a top-level
    function turning a record into its output line, so workers can import it; None: sorted JSON)."""

    has_source: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    formatter: Callable[[dict[str, Any]], str] | None = None


WITH_SOURCE = ChunkJob()


def score_chunk(rows: list[tuple[Any, ...]], job: ChunkJob = WITH_SOURCE) -> str:
    """Score rows of (line number, source?, hypothesis, reference...) and return one output line per row.
    The line numbers (from `stream_lines`) become the rows' segment numbers.

    Serialising here, in the worker, keeps the parent light and makes the bytes identical on every engine.
    """
    if not rows:
        return ""
    first_segment, src, hyp, refs = chunk_columns(rows, job.has_source)
    records = score_lines(src, hyp, refs, first_segment=first_segment, **job.options)
    return output_lines(records, job.formatter)


def chunk_columns(
    rows: list[tuple[Any, ...]], has_source: bool
) -> tuple[int, list[str] | None, list[str], list[list[str]]]:
    """The engine's rows (line number, source?, hypothesis, reference...) as columns: (the first row's line
    number, sources or None, hypotheses, reference streams). `rows` is not empty."""
    columns = list(zip(*(row[1:] for row in rows), strict=True))
    offset = 1 if has_source else 0
    src = list(columns[0]) if has_source else None
    return int(rows[0][0]), src, list(columns[offset]), [list(column) for column in columns[offset + 1 :]]


def output_lines(records: Iterable[dict[str, Any]], formatter: Callable[[dict[str, Any]], str] | None) -> str:
    """One output line per record: `formatter(record)`, or its JSON object with sorted keys (the same bytes
    on every engine)."""
    if formatter is not None:
        return "".join(formatter(record) + "\n" for record in records)
    return "".join(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n" for record in records)
