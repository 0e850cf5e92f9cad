"""Align many document pairs listed in a TSV file (SRC<TAB>TGT<TAB>OUT per line) on any engine.

Each worker reads its two texts and writes its output file itself, so only file names and a short summary
travel between processes or machines (on a cluster the files must be on storage every worker sees). A
document that fails (missing file, bad encoding, empty text) is reported in its summary and the batch
goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from toolkit.align import align_texts
from toolkit.align.formats import FORMATS, render
from toolkit.engine.lines import iter_lines
from toolkit.engine.runner import Workers, run_ordered
from toolkit.errors import TctError, UsageError
from toolkit.segment import check_language
from toolkit.textio import read_text, write_text_atomic


@dataclass(frozen=True)
class BatchItem:
    """One line of the batch list: where the texts are and where their alignment goes."""

    line: int
    source: str
    target: str
    output: str


def read_batch_list(path: str | Path) -> Iterator[BatchItem]:
    """The items of a batch list, lazily. Relative paths are taken from the current folder and made
    absolute (workers may run elsewhere); blank lines and lines starting with # are skipped."""
    base = Path.cwd()
    for number, line in enumerate(iter_lines(path), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not all(field.strip() for field in fields):
            raise TctError(
                f"line {number}: expected SRC<TAB>TGT<TAB>OUT, got {len(fields)} tab-separated field(s)", path
            )
        source, target, output = (str(base / field.strip()) for field in fields)
        yield BatchItem(number, source, target, output)


def count_batch_items(path: str | Path) -> int:
    """How many pairs a batch list names (for the progress bar's total)."""
    return sum(1 for line in iter_lines(path) if line.strip() and not line.startswith("#"))


def align_item(
    item: BatchItem, source_lang: str, target_lang: str, output_format: str, presplit: bool = False
) -> dict[str, Any]:
    """Align one document pair and write its output; return a summary (with `error` when it failed)."""
    summary: dict[str, Any] = {
        "line": item.line,
        "source": item.source,
        "target": item.target,
        "output": item.output,
    }
    notes: list[str] = []
    try:
        source_text = read_text(item.source, notes.append, allow_empty=False)
        target_text = read_text(item.target, notes.append, allow_empty=False)
        aligned = align_texts(source_text, target_text, source_lang, target_lang, presplit=presplit)
        write_text_atomic(item.output, render(aligned, output_format))
    except TctError as exc:
        summary["error"] = str(exc)
        return summary
    beads = aligned.beads
    summary.update(
        beads=len(beads),
        source_sentences=len(aligned.source_sentences),
        target_sentences=len(aligned.target_sentences),
        mean_confidence=round(sum(b.confidence for b in beads) / len(beads), 4) if beads else None,
        notes=notes + list(getattr(aligned, "notes", [])),
    )
    return summary


def align_batch(
    list_path: str | Path,
    source_lang: str = "ru",
    target_lang: str = "en",
    output_format: str = "vecalign",
    *,
    presplit: bool = False,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    initializer: Callable[[], Any] | None = None,
    cluster_options: dict[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """Align every pair of the list; yield one summary per pair, in list order, as they are done.

    The output files are the same bytes whatever `jobs` and `engine` are.
    """
    if output_format not in FORMATS:
        raise UsageError(f"unknown --format {output_format!r}; choose one of {', '.join(FORMATS)}")
    check_language(source_lang)
    check_language(target_lang)
    workers = Workers(jobs, engine, scheduler, initializer, cluster_options)
    workers.check()
    work = partial(
        align_item,
        source_lang=source_lang,
        target_lang=target_lang,
        output_format=output_format,
        presplit=presplit,
    )
    yield from run_ordered(work, read_batch_list(list_path), workers)
