"""Reference-based metrics (BLEU, chrF, chrF++, TER) through sacrebleu itself, plus paired significance.

The numbers are sacrebleu's own (0-100); the wrappers only give them our interface and signature.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from toolkit.errors import UsageError
from toolkit.score.base import Metric, Score, Streams

REFERENCE_METRICS = ("bleu", "chrf", "chrf++", "ter")


def _make(name: str):
    from sacrebleu.metrics import BLEU, CHRF, TER

    if name == "bleu":
        # effective_order: sentence BLEU without it is 0 for any short segment without a 4-gram match.
        return BLEU(effective_order=True), BLEU()
    if name == "chrf":
        metric = CHRF()
        return metric, metric
    if name == "chrf++":
        metric = CHRF(word_order=2)
        return metric, metric
    if name == "ter":
        metric = TER()
        return metric, metric
    raise UsageError(f"unknown reference metric {name!r} (known: {', '.join(REFERENCE_METRICS)})")


class ReferenceMetric(Metric):
    """A sacrebleu metric; sentence and corpus objects kept apart where sacrebleu's defaults differ."""

    needs_references = True

    def __init__(self, name: str) -> None:
        self.name = name
        self._sentence, self._corpus = _make(name)

    def signature(self, nrefs: int = 1) -> str:
        return _signature(self._corpus, nrefs)

    def sentence_signature(self, nrefs: int = 1) -> str:
        return _signature(self._sentence, nrefs)

    def _segment_score(self, hypothesis: str, references: Sequence[str], source: object) -> Score:
        result = self._sentence.sentence_score(hypothesis, list(references))
        return Score(self.name, round(float(result.score), 4), self.sentence_signature(len(references)))

    def _corpus_score(self, hypotheses: Sequence[str], references: Streams, sources: object) -> Score:
        result = self._corpus.corpus_score(list(hypotheses), [list(r) for r in references])
        return Score(self.name, round(float(result.score), 4), self.signature(len(references)))


def _signature(metric, nrefs: int) -> str:
    """sacrebleu only knows the number of references after scoring; we know it before."""
    if getattr(metric, "num_refs", None) is None:
        metric.num_refs = nrefs
    return str(metric.get_signature())


def reference_metrics(names: Sequence[str] = ("bleu", "chrf", "ter")) -> dict[str, ReferenceMetric]:
    return {name: ReferenceMetric(name) for name in names}


def paired_significance(
    systems: Sequence[tuple[str, Sequence[str]]],
    references: Sequence[Sequence[str]],
    metric_names: Sequence[str] = ("bleu", "chrf"),
    test_type: str = "bs",
    n_samples: int = 0,
) -> dict[str, list[dict]]:
    """sacrebleu's paired bootstrap ('bs') or approximate randomisation ('ar'); the first system is the baseline.

    Returns per metric one row per system: score, p-value against the baseline, and the test's signature.
    The seed is sacrebleu's (SACREBLEU_SEED, default 12345), so the same input gives the same p-values.
    """
    from sacrebleu.metrics import BLEU, CHRF, TER
    from sacrebleu.significance import PairedTest

    if len(systems) < 2:
        raise UsageError("paired significance needs at least two systems")
    makers = {"bleu": BLEU, "chrf": CHRF, "chrf++": lambda: CHRF(word_order=2), "ter": TER}
    metrics = {}
    for name in metric_names:
        if name not in makers:
            raise UsageError(f"unknown reference metric {name!r}")
        metrics[name] = makers[name]()
    os.environ.setdefault("SACREBLEU_SEED", "12345")
    test = PairedTest(
        [(name, list(hyps)) for name, hyps in systems],
        metrics,
        [list(r) for r in references],
        test_type=test_type,
        n_samples=n_samples,
    )
    signatures, scores = test()
    out: dict[str, list[dict]] = {}
    names = scores.pop("System")
    for metric_name, results in scores.items():
        signature = str(signatures.get(metric_name, ""))
        rows = []
        for system, result in zip(names, results, strict=False):
            rows.append(
                {
                    "system": system,
                    "score": round(float(result.score), 4),
                    "p_value": None if result.p_value is None else round(float(result.p_value), 4),
                    "signature": signature,
                }
            )
        out[metric_name] = rows
    return out
