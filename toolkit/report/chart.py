"""A small inline SVG bar chart of fidelity per aligned row (no scripts, scales with the page)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR = 22
GAP = 8
HEIGHT = 100
LEFT = 34
TOP = 10
BOTTOM = 22


def fidelity_chart(values: Sequence[float | None], label: str, chart_id: str) -> str:
    """One bar per row (1-based labels); a row without a score gets an outlined "n/a" stub.

    The chart is an image for sighted readers; its <title>/<desc> carry the numbers for everyone else.
    """
    width = LEFT + len(values) * (BAR + GAP) + GAP
    total_height = TOP + HEIGHT + BOTTOM
    described = ", ".join(
        f"row {n}: {'not scored' if v is None else f'{v:.2f}'}" for n, v in enumerate(values, 1)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total_height}" width="{width}" '
        f'height="{total_height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(label)}</title>',
        f'<desc id="{chart_id}-d">{escape(described)}</desc>',
    ]
    for tick in (0.0, 0.5, 1.0):
        y = TOP + HEIGHT * (1 - tick)
        parts.append(
            f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#c8c8c8" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end" fill="#595959">{tick:.1f}</text>'
        )
    for number, value in enumerate(values, 1):
        x = LEFT + GAP + (number - 1) * (BAR + GAP)
        if value is None:
            parts.append(
                f'<rect x="{x}" y="{TOP + HEIGHT - 12}" width="{BAR}" height="12" fill="none" '
                f'stroke="#595959" stroke-dasharray="3 2"/>'
                f'<text x="{x + BAR / 2:.1f}" y="{TOP + HEIGHT - 15}" font-size="9" text-anchor="middle" '
                f'fill="#595959">n/a</text>'
            )
        else:
            clipped = min(max(value, 0.0), 1.0)
            height = max(HEIGHT * clipped, 1.0)
            parts.append(
                f'<rect x="{x}" y="{TOP + HEIGHT - height:.1f}" width="{BAR}" height="{height:.1f}" '
                f'fill="#2a5db0"><title>row {number}: {value:.2f}</title></rect>'
            )
        parts.append(
            f'<text x="{x + BAR / 2:.1f}" y="{TOP + HEIGHT + 15}" font-size="10" text-anchor="middle" '
            f'fill="#1a1a1a">{number}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
