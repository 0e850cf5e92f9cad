"""Stream line-aligned files through a chunk function and write its output in input order.

The driver behind `tct score --src/--hyp/--ref` on big corpora: read lazily, compute on any engine,
write as results arrive (to a temporary file renamed only on success), show progress on a terminal.
"""

from __future__ import annotations

import contextlib
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from toolkit.engine.lines import chunked, count_lines, iter_parallel_lines
from toolkit.engine.runner import IN_PROCESS, Workers, run_ordered
from toolkit.errors import TctError
from toolkit.inputs import is_stdin
from toolkit.textio import atomic_output

ChunkFunction = Callable[[list[tuple[int | str, ...]]], str]


def stream_lines(
    func: ChunkFunction,
    paths: Sequence[str | Path],
    output: str | Path | None = None,
    *,
    chunk_size: int = 1000,
    workers: Workers = IN_PROCESS,
    progress: bool | None = None,
    unit: str = "pairs",
    notice: Callable[[str], None] | None = None,
) -> int:
    """Run `func` over chunks of rows (one tuple of lines per line number) and write the text it returns.

    `func` gets a list of up to `chunk_size` rows, each (line number from 1, line of each file), and returns
    the output for exactly those rows (e.g. one JSON line each). Output goes to `output` through a temporary file renamed at the end, so a failure
    leaves no half-written file; with `output` None or "-" it goes to standard output as it is computed.
    `progress` None shows a progress bar only when standard error is a terminal. Returns the row count.
    """
    if chunk_size < 1:
        raise TctError(f"--chunk-size must be at least 1, got {chunk_size}")
    workers.check()
    paths = [Path(p) for p in paths]
    rows = ((number, *row) for number, row in enumerate(iter_parallel_lines(paths, notice), 1))
    sizes: deque[int] = deque()

    def chunks() -> Iterator[list[tuple[str, ...]]]:
        for chunk in chunked(rows, chunk_size):
            sizes.append(len(chunk))
            yield chunk

    if progress is None:
        progress = sys.stderr.isatty()
    total = _safe_count(paths[0]) if progress and not is_stdin(paths[0]) else None
    blocks = run_ordered(func, chunks(), workers)
    with contextlib.closing(blocks), progress_bar(progress, total, unit) as advance:
        done = 0

        def counted() -> Iterator[str]:
            nonlocal done
            for block in blocks:
                size = sizes.popleft()
                yield block
                done += size
                advance(size)

        write_blocks(counted(), output, lambda: done)
    return done


def _safe_count(path: Path) -> int | None:
    try:
        return count_lines(path)
    except OSError:
        return None  # the reader will report the problem with its own message


def write_blocks(blocks: Iterable[str], output: str | Path | None, written: Callable[[], int]) -> None:
    """Write text blocks to `output` atomically, or to standard output; say what was written on failure."""
    if output is None or str(output) == "-":
        try:
            for block in blocks:
                sys.stdout.write(block)
            sys.stdout.flush()
        except TctError as exc:
            sys.stdout.flush()
            done = written()
            already = f"results for the first {done} lines were" if done else "nothing was"
            raise TctError(
                f"{exc.problem} ({already} written to standard output)",
                exc.path,
                exc.exit_code,
            ) from None
        return
    output = Path(output)
    try:
        with atomic_output(output) as handle:
            _write_all(handle, blocks)
    except TctError as exc:
        if exc.path == str(output):
            raise
        raise TctError(f"{exc.problem} (nothing written to {output})", exc.path, exc.exit_code) from None


def _write_all(handle: IO[str], blocks: Iterable[str]) -> None:
    for block in blocks:
        handle.write(block)


@contextlib.contextmanager
def progress_bar(show: bool, total: int | None, unit: str) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on standard error with rate and ETA, or a no-op."""
    if not show:
        yield lambda size: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} {unit}/s" if speed else f"? {unit}/s")

    columns = [
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(unit, total=total)
        yield lambda size: bar.advance(task, size)
