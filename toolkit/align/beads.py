"""A bead pairs a run of source sentences with a run of target sentences (either run may be empty)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bead:
    """`source` and `target` are consecutive sentence indices; `confidence` is in [0, 1]."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """The bead's shape, e.g. "1-2" or "0-1"."""
        return f"{len(self.source)}-{len(self.target)}"


def coverage_problems(beads: list[Bead], n_source: int, n_target: int) -> list[str]:
    """Why `beads` do not cover every sentence of both sides exactly once and in order (empty if they do)."""
    problems: list[str] = []
    for side, expected in (("source", n_source), ("target", n_target)):
        indices = [i for bead in beads for i in getattr(bead, side)]
        if indices != list(range(expected)):
            problems.append(
                f"{side} sentences covered {_describe(indices)}, expected 0..{expected - 1} once each in order"
                if expected
                else f"{side} has no sentences but beads name {_describe(indices)}"
            )
    for number, bead in enumerate(beads):
        if not bead.source and not bead.target:
            problems.append(f"bead {number} is empty")
        if not 0.0 <= bead.confidence <= 1.0:
            problems.append(f"bead {number} has confidence {bead.confidence} outside [0, 1]")
    return problems


def _describe(indices: list[int]) -> str:
    if not indices:
        return "none"
    shown = ",".join(map(str, indices[:12]))
    return f"[{shown}{',...' if len(indices) > 12 else ''}] ({len(indices)} in all)"
