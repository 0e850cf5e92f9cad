"""The combined fidelity under `--neural`: a logistic model over the lexical score's own evidence and the
encoder's leave-one-out gains, fitted by scripts/fit_neural.py and shipped as toolkit/data/neural_model.json.

No input of its own measures length: fitted on drops, any length term learns "shorter means omission" and
then prefers renderings padded with additions (DEMETR's addition items). Every weight is bound to the sign
its input can only mean. The output is the geometric mean of the submodels' probabilities that the pair
is faithful. The lexical checks' penalties (numbers, names, negation, untranslated text...) and the word-order
factor reach it through the offset, the lexical fidelity's logit, which already includes them: they are not
applied a second time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.digest import short_digest
from toolkit.errors import TctError
from toolkit.neural.similarity import PairGains, gains_features, match_features, uncovered_gain_features
from toolkit.score.results import SegmentScore

MODEL_FILE = "neural_model.json"
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / MODEL_FILE
_EPSILON = 1e-4
COMBINE = "geometric_mean"  # how the submodels' probabilities make the score (in the model file: its digest)


def _logit(p: float) -> float:
    p = min(1.0 - _EPSILON, max(_EPSILON, p))
    return math.log(p / (1.0 - p))


def _flag_words(segment: SegmentScore, kind: str) -> float:
    """Words in the longest lexical flag of a kind (omission or addition): the lexical run length."""
    return float(max((len(f.text.split()) for f in segment.flags if f.type == kind), default=0))


def lexical_features(segment: SegmentScore) -> dict[str, float]:
    """The lexical inputs, read off a SegmentScore and its evidence (score_pair and score_quote both
    leave recall, precision and the length factor there). No length input of its own: a one-sided "how
    much shorter than usual" input (+0.03 cross-validated AUC on drops) rewards any word added to a
    rendering shorter than usual and took DEMETR's addition items from 0.86 to 0.62; even the symmetric
    length factor (+0.016) cost 2 of DEMETR's 50 addition items. Length reaches the model only through
    the lexical fidelity, as much as it counts there."""
    evidence = segment.evidence or {}
    return {
        "fidelity_logit": _logit(segment.fidelity or 0.0),
        "recall": float(evidence.get("recall", 0.0)),
        "precision": float(evidence.get("precision", 0.0)),
        "omission_words": _flag_words(segment, "omission"),
        "addition_words": _flag_words(segment, "addition"),
    }


def features(segment: SegmentScore, gains: PairGains) -> dict[str, float]:
    evidence = segment.evidence or {}
    uncovered = set(evidence.get("uncovered_source", ()))
    return {
        **lexical_features(segment),
        **match_features(
            gains.source_match,
            gains.rendering_match,
            uncovered,
            set(evidence.get("unexplained_rendering", ())),
        ),
        **uncovered_gain_features([g.gain for g in gains.source], [g.text for g in gains.source], uncovered),
        **gains_features(
            gains.similarity,
            [(g.gain, g.shift) for g in gains.source],
            [(g.gain, g.shift) for g in gains.rendering],
        ),
    }


# The direction in which each input can only speak for a faithful pair: the fit may not give a weight of the
# other sign (a drop raises precision, so an omission model left free would reward a lower precision, that
# is reward additions; likewise any length term). +1: more is better, -1: more is worse.
DIRECTION = {
    "fidelity_logit": 1,
    "recall": 1,
    "precision": 1,
    "omission_words": -1,
    "addition_words": -1,
    "cosine": 1,
    "source_gain_1": -1,
    "source_gain_2": -1,
    "source_gain_sum": -1,
    "source_direction_1": -1,
    "rendering_gain_1": -1,
    "rendering_gain_2": -1,
    "rendering_gain_sum": -1,
    "rendering_direction_1": -1,
    "source_run_3": -1,
    "source_gain_mean": -1,
    "rendering_run_2": -1,
    "rendering_gain_mean": -1,
    "source_match_min": 1,
    "source_match_low": -1,
    "source_match_run": -1,
    "source_match_lexical": -1,
    "rendering_match_min": 1,
    "rendering_match_low": -1,
    "rendering_match_run": -1,
    "rendering_match_lexical": -1,
    "source_uncovered_gain_1": -1,
    "source_uncovered_gain_sum": -1,
    "source_uncovered_run_3": -1,
}


@dataclass(frozen=True)
class Submodel:
    """One kind of unfaithfulness against faithful pairs: z = intercept + weights . standardised inputs."""

    weights: tuple[float, ...]
    intercept: float


@dataclass(frozen=True)
class CombinedModel:
    """Logistic submodels, one per kind of corruption (scripts/fit_neural.py: a span dropped, a clause
    added, the wrong pair), over the same standardised inputs; the score is the geometric
    mean of their probabilities that the pair is faithful, so any one kind of evidence can pull it down and
    none can be outweighed by another's reassurance. (The plain product, the same ranking unrounded, fell
    below 0.00005 for faithful pairs of low lexical fidelity once there were five submodels: rounded to
    four decimals they tied with wrong pairs, WMT21 wrong-pair AUC 0.9983 instead of 0.9999.)"""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    submodels: dict[str, Submodel]
    digest: str
    meta: dict[str, Any]
    # An input added to every submodel's z with weight 1 (the lexical fidelity's logit): the submodels
    # only correct the lexical score, which they cannot shrink away (a logistic re-weighting of the lexical
    # components alone does worse than the fidelity itself).
    offset: str | None = None

    def logits(self, values: dict[str, float]) -> dict[str, float]:
        x = [(values[n] - m) / s for n, m, s in zip(self.features, self.mean, self.scale, strict=True)]
        base = values[self.offset] if self.offset else 0.0
        return {
            kind: base + sub.intercept + sum(w * v for w, v in zip(sub.weights, x, strict=True))
            for kind, sub in self.submodels.items()
        }

    def score(self, values: dict[str, float]) -> float:
        logits = list(self.logits(values).values())
        log_sum = sum(-math.log1p(math.exp(-max(-50.0, min(50.0, z)))) for z in logits)
        return math.exp(log_sum / len(logits))


def model_from_dict(data: dict[str, Any]) -> CombinedModel:
    keys = ("features", "mean", "scale", "submodels", "offset", "combine")
    core = {k: data.get(k) for k in keys}
    digest = short_digest(core)
    if data.get("combine") != COMBINE:
        raise ValueError(f"the combined model's submodels are not combined by {COMBINE}: refit it")
    unknown = set(data["features"]) - set(DIRECTION)
    if unknown:
        raise ValueError(f"the combined model reads inputs tct does not make: {sorted(unknown)}")
    return CombinedModel(
        tuple(data["features"]),
        tuple(float(v) for v in data["mean"]),
        tuple(float(v) for v in data["scale"]),
        {
            kind: Submodel(tuple(float(w) for w in sub["weights"]), float(sub["intercept"]))
            for kind, sub in sorted(data["submodels"].items())
        },
        digest,
        {k: v for k, v in data.items() if k not in keys},
        data.get("offset"),
    )


@lru_cache(maxsize=1)
def load_model() -> CombinedModel:
    """The shipped model (toolkit/data/neural_model.json)."""
    try:
        text = MODEL_PATH.read_text(encoding="utf-8")
    except OSError:
        raise TctError(
            f"the combined model toolkit/data/{MODEL_FILE} is missing; rebuild it: python scripts/fit_neural.py"
        ) from None
    return model_from_dict(json.loads(text))
