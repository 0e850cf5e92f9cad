"""Everything shown about a quote, computed once per command: each rendering aligned once, that alignment
handed to the scorer and to the rendering-against-rendering diff, and the scores turned into views.

Shared by `tct diff`, `tct score` and `tct report`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from toolkit.align import AlignedText, align_quote
from toolkit.corpus import Quote
from toolkit.diff import Comparison, compare_renderings
from toolkit.score.quote import score_rendering
from toolkit.score.results import RenderingScore
from toolkit.views import RenderingView, rendering_view


@dataclass
class QuoteView:
    """A quote's renderings as views, and every pair of renderings compared word by word."""

    quote: Quote
    renderings: list[RenderingView]
    scores: list[RenderingScore]
    comparisons: list[Comparison] = field(default_factory=list)


def analyse(quote: Quote, names: Sequence[str] | None = None, compare: bool = True) -> QuoteView:
    """Align each rendering once; score and compare from those alignments."""
    names = list(names) if names else [r.name for r in quote.renderings]
    alignments = {name: align_quote(quote, name) for name in names}
    scores = [score_rendering(quote, name, alignment=alignments[name]) for name in names]
    views = [
        rendering_view(quote.id, score, quote.rendering(score.name).lang, quote.original.lang)
        for score in scores
    ]
    comparisons = []
    if compare:
        comparisons = [
            compare_aligned(quote, a, b, alignments[a], alignments[b])
            for a, b in itertools.combinations(names, 2)
        ]
    return QuoteView(quote, views, scores, comparisons)


def compare_aligned(
    quote: Quote, a_name: str, b_name: str, aligned_a: AlignedText, aligned_b: AlignedText
) -> Comparison:
    """A and B lined up through the original from the alignments made once for scoring (toolkit.diff)."""
    return compare_renderings(quote, a_name, b_name, aligned_a, aligned_b)
