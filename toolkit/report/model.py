"""Everything shown about a quote, computed once per command: each rendering aligned once, that alignment
handed to the scorer and to the rendering-against-rendering diff, and the scores turned into views.

Shared by `tct diff`, `tct score` and `tct report`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from toolkit.align import AlignedText, align_quote, align_sentences
from toolkit.corpus import Quote
from toolkit.diff import Comparison, compose_through_source, fill_rows, rows_from_direct_alignment
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
        rendering_view(quote.id, score, quote.rendering(score.name).lang, quote.original.lang) for score in scores
    ]
    comparisons = []
    if compare:
        comparisons = [
            compare_aligned(quote, a, b, alignments[a], alignments[b]) for a, b in itertools.combinations(names, 2)
        ]
    return QuoteView(quote, views, scores, comparisons)


def compare_aligned(
    quote: Quote, a_name: str, b_name: str, aligned_a: AlignedText, aligned_b: AlignedText
) -> Comparison:
    """A and B lined up through the original (composing the two alignments), or directly when it is missing."""
    a_sentences = [s.text for s in aligned_a.target_sentences]
    b_sentences = [s.text for s in aligned_b.target_sentences]
    source = [s.text for s in aligned_a.source_sentences]
    if source and len(aligned_b.source_sentences) == len(source):
        rows = compose_through_source(len(source), aligned_a.beads, aligned_b.beads)
        return Comparison(a_name, b_name, fill_rows(rows, source, a_sentences, b_sentences), True)
    a_lang, b_lang = quote.rendering(a_name).lang, quote.rendering(b_name).lang
    rows = rows_from_direct_alignment(align_sentences(a_sentences, b_sentences, a_lang, b_lang))
    return Comparison(a_name, b_name, fill_rows(rows, None, a_sentences, b_sentences), False)
