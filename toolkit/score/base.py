"""One interface for every metric, modelled on sacrebleu's `metrics/base.py`.

A metric scores one segment (`sentence_score`) or a whole document (`corpus_score`) and states its
`signature`: every setting that changes the number, so a printed score can be reproduced.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from toolkit.errors import UsageError

#: Reference streams: each a list of references as long as the hypotheses.
Streams = Sequence[Sequence[str]]


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
    """Reference-based metrics use `references`; source-based ones (fidelity) use `source`.

    As in sacrebleu, the public methods live here and decide once what a metric lacking its input gives
    (`_missing`); a metric implements `_segment_score` and `_corpus_score`, which get what they need.
    """

    name: str = "metric"
    needs_references: bool = False
    needs_source: bool = False

    def sentence_score(
        self, hypothesis: str, references: Sequence[str] | None = None, source: str | None = None
    ) -> Score:
        """Score one segment."""
        return self._missing(references, source) or self._segment_score(hypothesis, references, source)

    def corpus_score(
        self,
        hypotheses: Sequence[str],
        references: Streams | None = None,
        sources: Sequence[str] | None = None,
    ) -> Score:
        """Score a document; `references` is a list of reference streams, each as long as `hypotheses`."""
        return self._missing(references, sources) or self._corpus_score(hypotheses, references, sources)

    def _missing(self, references: Sequence[Any] | None, source: Any) -> Score | None:
        """Without references a reference-based metric has no number: a usage error. Without its source,
        fidelity has none either, and says so with a score of None (n/a)."""
        if self.needs_references and not references:
            raise UsageError(f"{self.name} needs at least one reference")
        if self.needs_source and source is None:
            return Score(self.name, None, self.signature())
        return None

    @abstractmethod
    def _segment_score(self, hypothesis: str, references: Any, source: Any) -> Score:
        """One segment's score, with the inputs the metric needs present."""

    @abstractmethod
    def _corpus_score(self, hypotheses: Sequence[str], references: Any, sources: Any) -> Score:
        """A document's score, with the inputs the metric needs present."""

    @abstractmethod
    def signature(self) -> str:
        """Every setting that changes the number, as `key:value|key:value`."""
