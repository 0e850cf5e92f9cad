"""Alignment file formats: vecalign (`[0]:[0,1]`), hunalign ladders (`i j` rungs), TSV and JSON.

Writers take an AlignedText; readers return beads and check that they cover both sides once, in order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from toolkit.align.aligner import AlignedText
from toolkit.align.beads import Bead, coverage_problems
from toolkit.errors import TctError
from toolkit.textio import read_text

FORMATS = ("vecalign", "ladder", "tsv", "json")

_VECALIGN_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*(\S+))?\s*$")


def _indices(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.replace(" ", "").split(",") if part)


def to_vecalign(beads: list[Bead]) -> str:
    """One bead per line, `[source]:[target]`, as vecalign writes and its score.py reads."""
    return "".join(
        f"[{','.join(map(str, bead.source))}]:[{','.join(map(str, bead.target))}]\n" for bead in beads
    )


def parse_vecalign(text: str, path: str | Path = "<vecalign>") -> list[Bead]:
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _VECALIGN_LINE.match(line)
        if not match:
            raise TctError(f"line {number} is not a vecalign bead like [0]:[0,1]: {line[:60]!r}", path)
        source, target = _indices(match.group(1)), _indices(match.group(2))
        if source or target:
            beads.append(Bead(source, target, 1.0))
    return beads


def to_ladder(beads: list[Bead], n_source: int, n_target: int) -> str:
    """hunalign's ladder: the rung (i, j) where each bead starts, then the final rung (n, m).

    A third column gives the confidence of the bead that starts at the rung (hunalign puts its own
    quality score there); the last rung has none.
    """
    lines = []
    i = j = 0
    for bead in beads:
        lines.append(f"{i}\t{j}\t{bead.confidence:.4f}")
        i += len(bead.source)
        j += len(bead.target)
    lines.append(f"{n_source}\t{n_target}")
    return "\n".join(lines) + "\n"


def parse_ladder(text: str, path: str | Path = "<ladder>") -> list[Bead]:
    """Beads between consecutive rungs (rung k covers sentences [i_k, i_k+1) and [j_k, j_k+1))."""
    rungs: list[tuple[int, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        try:
            rung = (int(fields[0]), int(fields[1]))
        except (ValueError, IndexError):
            raise TctError(
                f"line {number} is not a ladder rung 'source target': {line[:60]!r}", path
            ) from None
        if rungs and (rung[0] < rungs[-1][0] or rung[1] < rungs[-1][1]):
            raise TctError(f"line {number}: rung {rung} goes back from {rungs[-1]}", path)
        rungs.append(rung)
    if rungs and rungs[0] != (0, 0):
        rungs.insert(0, (0, 0))
    beads = []
    for (i0, j0), (i1, j1) in zip(rungs, rungs[1:], strict=False):
        if (i0, j0) != (i1, j1):
            beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), 1.0))
    return beads


def _cell(text: str) -> str:
    return " ".join(text.split())


def to_tsv(aligned: AlignedText) -> str:
    """source text, target text, confidence; one bead per line (tabs and newlines become spaces)."""
    lines = []
    for bead in aligned.beads:
        source, target = aligned.bead_texts(bead)
        lines.append(f"{_cell(source)}\t{_cell(target)}\t{bead.confidence:.4f}")
    return "\n".join(lines) + ("\n" if lines else "")


def render(aligned: AlignedText, fmt: str) -> str:
    """The alignment in one of FORMATS."""
    if fmt == "vecalign":
        return to_vecalign(aligned.beads)
    if fmt == "ladder":
        return to_ladder(aligned.beads, len(aligned.source_sentences), len(aligned.target_sentences))
    if fmt == "tsv":
        return to_tsv(aligned)
    if fmt == "json":
        return json.dumps(aligned.to_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    raise ValueError(f"unknown alignment format {fmt!r}")


def read_beads(path: str | Path, n_source: int | None = None, n_target: int | None = None) -> list[Bead]:
    """Read a vecalign or ladder file (told apart by its first line) and check its coverage if sizes are given."""
    text = read_text(path)
    first = next((line for line in text.splitlines() if line.strip()), "")
    beads = parse_vecalign(text, path) if first.lstrip().startswith("[") else parse_ladder(text, path)
    if n_source is not None and n_target is not None:
        problems = coverage_problems(beads, n_source, n_target)
        if problems:
            raise TctError(problems[0], path)
    return beads
