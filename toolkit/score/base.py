"""One interface for every metric, modelled on sacrebleu's `metrics/base.py`.

A metric scores one segment (`sentence_score`) or a whole document (`corpus_score`) and states its
`signature`: every setting that changes the number, so a printed score can be reproduced.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Score:
    """A number with the name and signature of the metric that produced it."""

    name: str
    score: float | None
    signature: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "score": self.score, "signature": self.signature}
        if self.extra:
            data["extra"] = self.extra
        return data

    def format(self, width: int = 2) -> str:
        value = "n/a" if self.score is None else f"{self.score:.{width}f}"
        return f"{self.name} = {value}  [{self.signature}]"


class Metric(ABC):
    """Reference-based metrics use `references`; source-based ones (fidelity) use `source`."""

    name: str = "metric"
    needs_references: bool = False
    needs_source: bool = False

    @abstractmethod
    def sentence_score(
        self, hypothesis: str, references: Sequence[str] | None = None, source: str | None = None
    ) -> Score:
        """Score one segment."""

    @abstractmethod
    def corpus_score(
        self,
        hypotheses: Sequence[str],
        references: Sequence[Sequence[str]] | None = None,
        sources: Sequence[str] | None = None,
    ) -> Score:
        """Score a document; `references` is a list of reference streams, each as long as `hypotheses`."""

    @abstractmethod
    def signature(self) -> str:
        """Every setting that changes the number, as `key:value|key:value`."""
