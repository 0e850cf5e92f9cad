"""Align many document pairs listed in a TSV file (SRC<TAB>TGT<TAB>OUT per line) on any engine.

Each worker reads its two texts and writes its output file itself, so only file names and a short summary
travel between processes or machines. A document that fails (missing file, bad encoding) is reported in
its summary and the batch goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from toolkit.engine.lines import iter_lines
from toolkit.engine.runner import check_engine_options, run_ordered
from toolkit.errors import TctError

#: Output formats of one aligned document pair.
BATCH_FORMATS = ("json", "tsv", "ladder")


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


def align_item(item: BatchItem, source_lang: str, target_lang: str, output_format: str) -> dict[str, Any]:
    """Align one document pair and write its output; return a summary (with `error` when it failed)."""
    summary: dict[str, Any] = {
        "line": item.line,
        "source": item.source,
        "target": item.target,
        "output": item.output,
    }
    try:
        from toolkit.align import align_texts
        from toolkit.textio import read_text, write_text_atomic

        aligned = align_texts(read_text(item.source), read_text(item.target), source_lang, target_lang)
        write_text_atomic(item.output, render_alignment(aligned, output_format))
    except TctError as exc:
        summary["error"] = str(exc)
        return summary
    beads = aligned.beads
    summary.update(
        beads=len(beads),
        source_sentences=len(aligned.source_sentences),
        target_sentences=len(aligned.target_sentences),
        mean_confidence=round(sum(b.confidence for b in beads) / len(beads), 4) if beads else None,
    )
    return summary


def render_alignment(aligned: Any, output_format: str) -> str:
    """An AlignedText as text: `json` (its `to_dict()`: sentences with spans, beads, aligner signature),
    `tsv` (source, target, confidence: one bead per line), `ladder` (vecalign's `[0]:[0,1]:confidence`)."""
    src = [s.text for s in aligned.source_sentences]
    tgt = [s.text for s in aligned.target_sentences]
    if output_format == "json":
        return json.dumps(aligned.to_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    if output_format == "tsv":
        rows = (
            f"{' '.join(src[i] for i in b.source)}\t{' '.join(tgt[j] for j in b.target)}\t{b.confidence:.4f}"
            for b in aligned.beads
        )
        return "".join(row.replace("\n", " ") + "\n" for row in rows)
    if output_format == "ladder":
        return "".join(
            f"[{','.join(map(str, b.source))}]:[{','.join(map(str, b.target))}]:{b.confidence:.4f}\n"
            for b in aligned.beads
        )
    raise TctError(f"unknown format {output_format!r}; choose one of {', '.join(BATCH_FORMATS)}")


def align_batch(
    list_path: str | Path,
    source_lang: str = "ru",
    target_lang: str = "en",
    output_format: str = "json",
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    initializer: Callable[[], Any] | None = None,
    cluster_options: dict[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """Align every pair of the list; yield one summary per pair, in list order, as they are done."""
    if output_format not in BATCH_FORMATS:
        raise TctError(f"unknown format {output_format!r}; choose one of {', '.join(BATCH_FORMATS)}")
    check_engine_options(jobs, engine, scheduler)
    work = partial(align_item, source_lang=source_lang, target_lang=target_lang, output_format=output_format)
    yield from run_ordered(
        work,
        read_batch_list(list_path),
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        initializer=initializer,
        cluster_options=cluster_options,
    )
