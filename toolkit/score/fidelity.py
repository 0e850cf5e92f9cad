"""Reference-free fidelity: how much of the original's content the rendering carries, and nothing else.

One path for every caller: `score_segment` matches a segment pair (toolkit/score/matching.py), runs the
checks' rules on it (toolkit/score/checks.py), and turns both into a SegmentScore. `score_pair`, the
quote scorer and the `Fidelity` metric all go through it, so a sentence gets the same number whichever
way it is scored.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Collection, Iterable, Sequence

from toolkit import __version__
from toolkit.score import checks, grammar, hedges, lexical, numbers, stoplists, words
from toolkit.score.base import Metric, Score
from toolkit.score.checks import RULES, Checked, run_checks
from toolkit.score.lexical import lexicon_id, warm_up
from toolkit.score.matching import Analysis, analyse, segment_mass
from toolkit.score.results import Flag, SegmentScore, weighted_fidelity
from toolkit.score.settings import DEFAULT_SETTINGS, FidelitySettings

__all__ = [
    "Analysis",
    "Fidelity",
    "analyse",
    "corpus_fidelity",
    "fidelity_signature",
    "score_segment",
    "segment_mass",
]


def checked_analysis(
    source: str,
    rendering: str,
    source_lang: str = "ru",
    target_lang: str = "en",
    ignored: Collection[int] = (),
    source_cut_at_end: bool = False,
    settings: FidelitySettings = DEFAULT_SETTINGS,
) -> tuple[Analysis, Checked]:
    """The matched segment with its checks' penalties and ignored words in place, and the checks' result.

    `ignored`: rendering word indices the translator does not answer for (no original known)."""
    analysis = analyse(source, rendering, source_lang, target_lang, settings)
    if ignored:
        analysis = dataclasses.replace(analysis, ignored=set(ignored))
    checked = run_checks(analysis, source_cut_at_end)
    final = dataclasses.replace(analysis, penalties=dict(checked.penalties), ignored=set(checked.ignored))
    return final, checked


def score_segment(
    source: str,
    rendering: str,
    source_lang: str = "ru",
    target_lang: str = "en",
    *,
    source_ids: tuple[int, ...] = (0,),
    rendering_ids: tuple[int, ...] = (0,),
    ignored: Collection[int] = (),
    source_cut_at_end: bool = False,
    extra_flags: Iterable[Flag] = (),
    with_evidence: bool = True,
    settings: FidelitySettings = DEFAULT_SETTINGS,
) -> tuple[SegmentScore, float]:
    """A segment's score, flags and evidence, and its mass (its weight among a rendering's segments)."""
    analysis, checked = checked_analysis(
        source, rendering, source_lang, target_lang, ignored, source_cut_at_end, settings
    )
    segment = SegmentScore(
        source=source,
        rendering=rendering,
        source_ids=source_ids,
        rendering_ids=rendering_ids,
        fidelity=round(analysis.fidelity(), 4),
        flags=[*checked.flags, *extra_flags],
        evidence=analysis.evidence() if with_evidence else {},
    )
    return segment, segment_mass(analysis)


def _stable(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))  # set order varies with PYTHONHASHSEED
    if isinstance(value, re.Pattern):
        return value.pattern
    if isinstance(value, dict):  # (a table of sets: checks.NAME_EQUIVALENTS)
        return {repr(key): _stable(item) for key, item in sorted(value.items(), key=lambda kv: repr(kv[0]))}
    return value


def _tables() -> list:
    """The word tables the rules read (stoplists, number words, qualifier classes, light translations, the
    checks' name and negation tables, the broken-English pairs of toolkit/score/grammar.py):
    part of the settings digest, so a changed table changes the signature."""
    return [
        (module.__name__, name, _stable(getattr(module, name)))
        for module in (sys.modules[__name__], checks, grammar, lexical, words, numbers, stoplists, hedges)
        for name in sorted(vars(module))
        if name.isupper()
        and isinstance(getattr(module, name), (int, float, str, dict, tuple, set, frozenset, re.Pattern))
        # private mutable tables are run-time caches (numbers._VALUES fills as words are met), not settings
        and not (name.startswith("_") and isinstance(getattr(module, name), (dict, set)))
        # the rules themselves are named in the signature (a function's repr holds its address)
        and name != "RULES"
    ]


def fidelity_signature(settings: FidelitySettings = DEFAULT_SETTINGS) -> str:
    checks = "+".join(name for name, _ in RULES)
    return (
        f"fidelity|lex:{lexicon_id()}|match:greedy-1to1+wordnet|names:translit|numbers:exact"
        f"|checks:{checks}|order:yes|length:yes|beta:{settings.recall_beta}"
        f"|settings:{settings.digest(repr(_tables()))}|tct:{__version__}"
    )


class Fidelity(Metric):
    """Reference-free fidelity in [0, 1] of a rendering to its source (never uses a reference)."""

    name = "fidelity"
    needs_source = True

    def __init__(
        self, source_lang: str = "ru", target_lang: str = "en", settings: FidelitySettings = DEFAULT_SETTINGS
    ) -> None:
        self.source_lang, self.target_lang, self.settings = source_lang, target_lang, settings
        warm_up()

    def signature(self) -> str:
        return fidelity_signature(self.settings)

    def _segment_score(self, hypothesis: str, references: object, source: str) -> Score:
        segment, _ = self._score(source, hypothesis)
        return Score(self.name, segment.fidelity, self.signature())

    def _corpus_score(self, hypotheses: Sequence[str], references: object, sources: Sequence[str]) -> Score:
        return self.segment_and_corpus_scores(hypotheses, sources)[1]

    def segment_and_corpus_scores(
        self, hypotheses: Sequence[str], sources: Sequence[str]
    ) -> tuple[list[float], Score]:
        """Per-segment fidelities and the corpus score from one pass (paired tests need both)."""
        scored = [self._score(s, h) for s, h in zip(sources, hypotheses, strict=False)]
        values = [segment.fidelity or 0.0 for segment, _ in scored]
        total = weighted_fidelity([(segment.fidelity or 0.0, mass) for segment, mass in scored])
        return values, Score(self.name, total, self.signature())

    def _score(self, source: str, hypothesis: str) -> tuple[SegmentScore, float]:
        return score_segment(
            source,
            hypothesis,
            self.source_lang,
            self.target_lang,
            with_evidence=False,
            settings=self.settings,
        )


def corpus_fidelity(analyses: Sequence[Analysis]) -> float | None:
    """Content-weighted mean of segment fidelities (a long sentence counts for more than a short one)."""
    return weighted_fidelity([(a.fidelity(), segment_mass(a)) for a in analyses])
