"""Scoring renderings: reference-free fidelity with checks and evidence, and sacrebleu's reference metrics.

from toolkit.score import score_quote, score_pair
score_pair("Он не пришёл.", "He came.").flags  # -> [Flag(type="negation", ...)]
"""

from toolkit.score.base import Metric, Score
from toolkit.score.fidelity import Fidelity, fidelity_signature
from toolkit.score.files import score_files, score_lines
from toolkit.score.lexical import warm_up
from toolkit.score.pair import score_pair
from toolkit.score.paragraph import score_text
from toolkit.score.quote import score_quote
from toolkit.score.reference import ReferenceMetric, paired_significance
from toolkit.score.results import Flag, RenderingScore, SegmentScore

__all__ = [
    "Fidelity",
    "Flag",
    "Metric",
    "ReferenceMetric",
    "RenderingScore",
    "Score",
    "SegmentScore",
    "fidelity_signature",
    "paired_significance",
    "score_files",
    "score_lines",
    "score_pair",
    "score_quote",
    "score_text",
    "warm_up",
]
