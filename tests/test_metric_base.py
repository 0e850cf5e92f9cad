"""The metric interface (toolkit.score.base): what a metric lacking its input gives is decided in one place."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from toolkit.errors import UsageError
from toolkit.score.base import Metric, Score
from toolkit.score.reference import ReferenceMetric


class _Length(Metric):
    """A toy source-based metric: rendering length over source length."""

    name = "length"
    needs_source = True

    def signature(self) -> str:
        return "length|v1"

    def _segment_score(self, hypothesis: str, references: object, source: str) -> Score:
        return Score(self.name, len(hypothesis) / len(source), self.signature())

    def _corpus_score(self, hypotheses: Sequence[str], references: object, sources: Sequence[str]) -> Score:
        return Score(self.name, sum(map(len, hypotheses)) / sum(map(len, sources)), self.signature())


def test_a_source_based_metric_without_its_source_has_no_number() -> None:
    metric = _Length()
    assert metric.sentence_score("abcd", source="ab").score == 2.0
    assert metric.corpus_score(["ab", "cd"], sources=["a", "b"]).score == 2.0
    assert metric.sentence_score("abcd").score is None
    assert metric.corpus_score(["abcd"]).score is None


@pytest.mark.parametrize("references", [None, []])
def test_a_reference_metric_without_references_is_a_usage_error(references) -> None:
    chrf = ReferenceMetric("chrf")
    with pytest.raises(UsageError, match="chrf needs at least one reference"):
        chrf.sentence_score("He came.", references)
    with pytest.raises(UsageError, match="chrf needs at least one reference"):
        chrf.corpus_score(["He came."], references)
    assert chrf.sentence_score("He came.", ["He came."]).score == 100.0
