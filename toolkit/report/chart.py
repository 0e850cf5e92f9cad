"""Inline SVG charts (no scripts, scale with the page), each with a <title>/<desc> text alternative.

- `fidelity_strip`: one quote's rendering along its text, one cell per sentence, as wide as the sentence is
  long and as tall as its fidelity, unverifiable text hatched, the worst finding marked above its cell.
- `corpus_chart`: every rendering of the corpus by how much of it could be checked and its worst finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from toolkit.views import SEVERITIES, RenderingView, SegmentView

SEVERITY_COLOUR = {"critical": "#a8001c", "major": "#8a3d00", "minor": "#8a7400", None: "#2a5db0"}
UNVERIFIABLE_COLOUR = "#8c8c8c"
STRIP_WIDTH = 720
STRIP_BAR = 44  # height of a fidelity-1.0 cell
STRIP_TOP = 14  # room for the severity markers
MIN_CELL = 6


def fidelity_colour(value: float) -> str:
    """Blue for faithful through orange to red: a ramp readable with red-green colour blindness."""
    if value >= 0.85:
        return "#2a5db0"
    if value >= 0.7:
        return "#6d93cf"
    if value >= 0.5:
        return "#d98c3f"
    return "#b3361a"


def _describe(segment: SegmentView) -> str:
    if segment.unverifiable:
        return f"sentence {segment.number}: not checkable (original not found)"
    value = "n/a" if segment.fidelity is None else f"{segment.fidelity:.2f}"
    counts = [f"{n} {s}" for s, n in _segment_counts(segment).items() if n]
    return f"sentence {segment.number}: fidelity {value}" + (f", {', '.join(counts)}" if counts else "")


def _segment_counts(segment: SegmentView) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in segment.findings:
        counts[finding.severity] += 1
    return counts


def fidelity_strip(view: RenderingView, label: str, chart_id: str, link_prefix: str) -> str:
    """The rendering's sentences left to right; each cell links to its sentence (`#{link_prefix}{n}`)."""
    segments = view.segments
    lengths = [max(len(s.rendering or s.source or ""), 1) for s in segments]
    gaps = 2 * (len(segments) - 1)
    spare = STRIP_WIDTH - gaps - MIN_CELL * len(segments)
    total = sum(lengths)
    height = STRIP_TOP + STRIP_BAR + 19
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {STRIP_WIDTH} {height}" '
        f'class="strip" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(label)}</title>',
        f'<desc id="{chart_id}-d">{escape("; ".join(_describe(s) for s in segments))}</desc>',
        f'<defs><pattern id="{chart_id}-h" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e6e6e6"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{UNVERIFIABLE_COLOUR}" stroke-width="2"/></pattern></defs>',
        f'<line x1="0" y1="{STRIP_TOP + STRIP_BAR}" x2="{STRIP_WIDTH}" y2="{STRIP_TOP + STRIP_BAR}" '
        'stroke="#595959" stroke-width="1"/>',
    ]
    x = 0.0
    for segment, length in zip(segments, lengths, strict=True):
        width = MIN_CELL + spare * length / total
        base = STRIP_TOP + STRIP_BAR
        if segment.unverifiable:
            body = (
                f'<rect x="{x:.1f}" y="{STRIP_TOP}" width="{width:.1f}" height="{STRIP_BAR}" '
                f'fill="url(#{chart_id}-h)"/>'
            )
        else:
            value = min(max(segment.fidelity or 0.0, 0.0), 1.0)
            bar = max(STRIP_BAR * value, 2.0)
            body = (
                f'<rect x="{x:.1f}" y="{STRIP_TOP}" width="{width:.1f}" height="{STRIP_BAR}" fill="#f4f5f7"/>'
                f'<rect x="{x:.1f}" y="{base - bar:.1f}" width="{width:.1f}" height="{bar:.1f}" '
                f'fill="{fidelity_colour(value)}"/>'
            )
        worst = next((s for s, n in _segment_counts(segment).items() if n), None)
        if worst is not None:
            middle = x + width / 2
            body += (
                f'<path d="M{middle - 5:.1f} 2 L{middle + 5:.1f} 2 L{middle:.1f} {STRIP_TOP - 2} Z" '
                f'fill="{SEVERITY_COLOUR[worst]}"/>'
            )
        if width >= 22:
            body += (
                f'<text x="{x + width / 2:.1f}" y="{base + 15}" font-size="14" text-anchor="middle" '
                f'fill="#1a1a1a">{segment.number}</text>'
            )
        parts.append(
            f'<a href="#{escape(link_prefix)}{segment.number}"><title>{escape(_describe(segment))}</title>{body}</a>'
        )
        x += width + 2
    parts.append("</svg>")
    return "".join(parts)


CORPUS_WIDTH = 720
CORPUS_LABEL = 300
CORPUS_ROW = 20


def corpus_chart(views: Sequence[tuple[str, RenderingView]], chart_id: str) -> str:
    """One bar per rendering (label, view): length = share of its sentences checked, colour = worst finding.

    Sorted so the renderings a reader can rely on least (checked, with the worst findings) come first.
    """
    order = {s: n for n, s in enumerate(SEVERITIES)}
    rows = sorted(
        views,
        key=lambda item: (
            order.get(item[1].worst, len(order)),
            -(item[1].checked / item[1].sentences if item[1].sentences else 0.0),
            item[0],
        ),
    )
    height = 26 + CORPUS_ROW * len(rows) + 4
    plot = CORPUS_WIDTH - CORPUS_LABEL - 150

    def text_of(label: str, view: RenderingView) -> str:
        worst = view.worst or "none"
        return f"{label}: {view.coverage()}, worst finding {worst}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CORPUS_WIDTH} {height}" class="corpus" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">Renderings by share of sentences checked and worst finding</title>',
        f'<desc id="{chart_id}-d">{escape("; ".join(text_of(label, v) for label, v in rows))}</desc>',
    ]
    for tick in (0, 50, 100):
        x = CORPUS_LABEL + plot * tick / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="18" x2="{x:.1f}" y2="{height - 4}" stroke="#c8c8c8"/>'
            f'<text x="{x:.1f}" y="12" font-size="11" text-anchor="middle" fill="#595959">{tick}% checked</text>'
        )
    for number, (label, view) in enumerate(rows):
        y = 22 + number * CORPUS_ROW
        share = view.checked / view.sentences if view.sentences else 0.0
        worst = view.worst
        colour = SEVERITY_COLOUR[worst]
        bar = max(plot * share, 1.5)
        parts.append(
            f'<a href="#q-{escape(view.quote_id)}"><title>{escape(text_of(label, view))}</title>'
            f'<text x="{CORPUS_LABEL - 6}" y="{y + 12}" font-size="12" text-anchor="end" fill="#0b4fa8">'
            f"{escape(label)}</text>"
            f'<rect x="{CORPUS_LABEL}" y="{y + 2}" width="{plot}" height="{CORPUS_ROW - 6}" fill="#f4f5f7"/>'
            f'<rect x="{CORPUS_LABEL}" y="{y + 2}" width="{bar:.1f}" height="{CORPUS_ROW - 6}" fill="{colour}"/>'
            f'<text x="{CORPUS_LABEL + plot + 6}" y="{y + 12}" font-size="11" fill="#1a1a1a">'
            f"{view.checked}/{view.sentences} · {escape(worst or 'no finding')}</text></a>"
        )
    parts.append("</svg>")
    return "".join(parts)
