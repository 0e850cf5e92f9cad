"""The HTML report: one self-contained, accessible, printable page for the whole corpus or some quotes.

Every piece of text goes through `escape`; links are only made from http(s) URLs. The same quotes give
the same bytes (no timestamp unless asked for), so reports can be diffed and archived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from importlib.resources import files
from urllib.parse import urlparse

from toolkit import __version__
from toolkit.corpus import Quote
from toolkit.diff import Comparison, DiffOp, compare_renderings
from toolkit.errors import TctError
from toolkit.report.chart import fidelity_chart
from toolkit.report.model import (
    SEVERITIES,
    FlagView,
    RenderingView,
    Row,
    flag_spans,
    rendering_pairs,
    rendering_view,
    scorer_available,
)


@dataclass
class QuoteReport:
    """Everything the page shows about one quote, computed before any HTML is written."""

    quote: Quote
    views: list[RenderingView]
    comparisons: list[Comparison] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def analyse(quote: Quote, use_scorer: bool = True) -> QuoteReport:
    views = [rendering_view(quote, r.name, use_scorer) for r in quote.renderings]
    report = QuoteReport(quote, views, notes=sorted({v.note for v in views if v.note}))
    for a_name, b_name in rendering_pairs(quote):
        try:
            report.comparisons.append(compare_renderings(quote, a_name, b_name))
        except TctError as exc:
            report.notes.append(f"{a_name} vs {b_name} not compared: {exc.problem}")
    return report


def build_report(quotes: list[Quote], timestamp: str | None = None, use_scorer: bool = True) -> str:
    """The whole page as a string."""
    reports = [analyse(q, use_scorer) for q in quotes]
    scored = use_scorer and scorer_available()
    css = files("toolkit.report").joinpath("style.css").read_text(encoding="utf-8")
    title = f"tct report: {quotes[0].id}" if len(quotes) == 1 else f"tct report: {len(quotes)} quotes"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="tct {escape(__version__)}">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{css}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#overview">Skip to the overview</a>',
        "<header>",
        "<h1>Translation comparison report</h1>",
        f'<p class="meta">{len(quotes)} quote{"s" if len(quotes) != 1 else ""}; '
        f"made by tct {escape(__version__)}" + (f" on {escape(timestamp)}" if timestamp else "") + ".</p>",
        "</header>",
        "<main>",
        _legend(scored),
        _overview(reports, scored),
    ]
    out += [_quote_section(r, scored) for r in reports]
    out += [
        "</main>",
        "<footer><p>Made by tct, the translation comparison toolkit. Fidelity scores and flags are "
        "machine estimates to guide a reader to the places worth checking, not verdicts.</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


# --- parts of the page ------------------------------------------------------------------------------------


def _legend(scored: bool) -> str:
    parts = ['<section class="legend" aria-labelledby="legend-h">', '<h2 id="legend-h">How to read this</h2>']
    parts.append(
        "<p>Each quote shows its original and every rendering side by side, one aligned row per sentence "
        "(or group of sentences). A rendering's text with no known original is marked "
        "<em>no original known</em>; original text a rendering leaves out is marked <em>not rendered</em>.</p>"
    )
    if scored:
        parts.append(
            "<p>Flags: "
            + " ".join(
                f'<mark class="flag sev-{s}">flagged words</mark> <span class="badge sev-{s}">{s}</span>'
                for s in SEVERITIES
            )
            + ". Each flag is also listed in words in the flags column.</p>"
        )
    else:
        parts.append(
            '<p class="notice">The scorer is not available in this installation: no fidelity scores or '
            "flags are shown.</p>"
        )
    parts.append(
        "<p>Between two renderings: <del>only in the first</del> <ins>only in the second</ins> "
        "(struck through / underlined).</p>"
    )
    parts.append("</section>")
    return "\n".join(parts)


def _overview(reports: list[QuoteReport], scored: bool) -> str:
    head = ["Quote", "Author", "Year", "Original", "Renderings"]
    if scored:
        head += ["Fidelity", "Flags"]
    rows = []
    for report in reports:
        quote = report.quote
        status = escape(f"{quote.original.lang}, {quote.original.status}")
        cells = [
            f'<th scope="row"><a href="#q-{escape(quote.id)}">{escape(quote.id)}</a>'
            f'<br><span class="title">{escape(quote.title)}</span></th>',
            f'<td data-label="Author">{escape(quote.author)}</td>',
            f'<td class="num" data-label="Year">{escape(str(quote.year or ""))}</td>',
            f'<td data-label="Original">{status}</td>',
            '<td data-label="Renderings">' + ", ".join(escape(r.name) for r in quote.renderings) + "</td>",
        ]
        if scored:
            fidelity = "<br>".join(
                f"{escape(v.name)}: {_number(v.fidelity)}" for v in report.views if v.scored
            )
            cells.append(f'<td class="num" data-label="Fidelity">{fidelity or "n/a"}</td>')
            counts = dict.fromkeys(SEVERITIES, 0)
            for view in report.views:
                for severity, count in view.flag_counts().items():
                    counts[severity] += count
            cells.append(f'<td class="counts" data-label="Flags">{_counts(counts)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(
        [
            '<section id="overview" aria-labelledby="overview-h">',
            '<h2 id="overview-h">Overview</h2>',
            '<div class="scroll"><table class="overview stack">',
            f"<caption>{len(reports)} quote{'s' if len(reports) != 1 else ''}: original status, renderings"
            + (", fidelity and flag counts" if scored else "")
            + "</caption>",
            "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody></table></div>",
            "</section>",
        ]
    )


def _counts(counts: dict[str, int]) -> str:
    return " ".join(
        f'<span class="badge sev-{s}">{counts[s]} {s}</span>'
        if counts[s]
        else f'<span class="dim">0 {s}</span>'
        for s in SEVERITIES
    )


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _quote_section(report: QuoteReport, scored: bool) -> str:
    quote = report.quote
    qid = escape(quote.id)
    parts = [
        f'<article class="quote" id="q-{qid}" aria-labelledby="q-{qid}-h">',
        f'<h2 id="q-{qid}-h">{escape(quote.title)} <span class="dim">({qid})</span></h2>',
        _provenance(quote),
    ]
    parts += [f'<p class="notice">{escape(note)}</p>' for note in report.notes]
    for view in report.views:
        parts.append(_rendering_section(quote, view, scored))
    for comparison in report.comparisons:
        parts.append(_comparison_section(quote, comparison))
    parts.append('<p><a href="#overview">Back to the overview</a></p>')
    parts.append("</article>")
    return "\n".join(parts)


def _link(url: str) -> str:
    if urlparse(url).scheme in ("http", "https"):
        return f'<a href="{escape(url)}">{escape(url)}</a>'
    return escape(url)


def _provenance(quote: Quote) -> str:
    original = quote.original
    items = [
        ("Author", escape(quote.author)),
        ("Year", escape(str(quote.year or "unknown"))),
        (
            "Original",
            escape(f"{original.lang}, {original.status}")
            + (f" ({escape(original.file)})" if original.file else ""),
        ),
    ]
    if original.missing:
        items.append(
            ("Missing", "<ul>" + "".join(f"<li>{escape(m)}</li>" for m in original.missing) + "</ul>")
        )
    items.append(
        (
            "Citation",
            escape(original.citation) if original.citation else '<span class="dim">none given</span>',
        )
    )
    if original.urls:
        items.append(("Sources", "<ul>" + "".join(f"<li>{_link(u)}</li>" for u in original.urls) + "</ul>"))
    if original.note:
        items.append(("Note on the original", escape(original.note)))
    if quote.note:
        items.append(("Note", escape(quote.note)))
    for rendering in quote.renderings:
        info = [f"translator: {escape(rendering.translator or 'unknown')}"]
        if rendering.published_in:
            info.append(f"published in: {escape(rendering.published_in)}")
        if rendering.url:
            info.append(f"URL: {_link(rendering.url)}")
        if rendering.note:
            info.append(f"note: {escape(rendering.note)}")
        items.append((f"Rendering “{escape(rendering.name)}” ({escape(rendering.lang)})", "<br>".join(info)))
    body = "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in items)
    return f'<h3>Provenance</h3>\n<dl class="provenance">{body}</dl>'


def _flag_numbers(row: Row) -> dict[FlagView, int]:
    numbers: dict[FlagView, int] = {}
    for flag in row.flags:
        numbers.setdefault(flag, len(numbers) + 1)
    return numbers


def _marked(text: str, flags: list[FlagView], numbers: dict[FlagView, int]) -> str:
    """Escaped text with each flag's words in a <mark> carrying the flag's number and label."""
    out = []
    position = 0
    for start, end, flag in flag_spans(text, flags):
        out.append(escape(text[position:start]))
        out.append(
            f'<mark class="flag sev-{escape(flag.severity)}" title="{escape(flag.label)}">'
            f"{escape(text[start:end])}<sup>{numbers[flag]}</sup></mark>"
        )
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def _flag_list(row: Row, numbers: dict[FlagView, int], source_lang: str, rendering_lang: str) -> str:
    if not row.flags:
        return '<span class="dim">none</span>'
    items = []
    for flag in row.flags:
        source_side = flag.side == "source"
        kind, words = flag.parts(row.source if source_side else row.rendering)
        line = (
            f'{numbers[flag]}. <span class="badge sev-{escape(flag.severity)}">{escape(flag.severity)}</span> '
            f"{escape(kind)}"
        )
        if words is not None:
            lang = source_lang if source_side else rendering_lang
            line += f': “<span lang="{escape(lang)}">{escape(words)}</span>”'
        if flag.side == "source":
            line += ' <span class="dim">(in the original)</span>'
        if flag.detail:
            line += f" — {escape(flag.detail)}"
        items.append(f"<li>{line}</li>")
    return '<ul class="flags">' + "".join(items) + "</ul>"


def _rendering_section(quote: Quote, view: RenderingView, scored: bool) -> str:
    rendering = quote.rendering(view.name)
    qid = escape(quote.id)
    anchor = f"q-{qid}-r-{escape(view.name)}"
    src_label = f"Original ({quote.original.lang})"
    ren_label = f"Rendering {view.name} ({rendering.lang})"
    parts = [
        f'<section aria-labelledby="{anchor}-h">',
        f'<h3 id="{anchor}-h">Original and rendering “{escape(view.name)}”</h3>',
    ]
    show_scores = scored and view.scored
    if show_scores:
        parts.append(
            f"<p>Fidelity: <strong>{_number(view.fidelity)}</strong> · flags: {_counts(view.flag_counts())}</p>"
            '<details class="signature"><summary>Score signature (every setting behind the number)</summary>'
            f"<code>{escape(view.signature)}</code></details>"
        )
        if all(row.fidelity is None for row in view.rows):
            parts.append(
                '<p class="dim">No fidelity per row: no part of this rendering has a known original.</p>'
            )
        else:
            parts.append(
                '<figure class="chart">'
                + fidelity_chart(
                    [row.fidelity for row in view.rows],
                    f"Fidelity per row, {quote.id} / {view.name}",
                    f"{anchor}-c",
                )
                + "<figcaption>Fidelity per aligned row (1 = faithful; n/a = nothing to compare).</figcaption></figure>"
            )
    elif view.note:
        parts.append(f'<p class="dim">{escape(view.note)}</p>')
    head = ["#", escape(src_label), escape(ren_label)]
    if show_scores:
        head += ["Fidelity", "Flags"]
    parts += [
        '<div class="scroll"><table class="aligned stack">',
        f"<caption>{escape(quote.id)}: original and rendering {escape(view.name)}, "
        f"{len(view.rows)} aligned row{'s' if len(view.rows) != 1 else ''}</caption>",
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>",
        "<tbody>",
    ]
    for number, row in enumerate(view.rows, 1):
        numbers = _flag_numbers(row)
        klass = ' class="no-original"' if row.no_original else ""
        cells = [f'<th scope="row" class="num">{number}</th>']
        cells.append(
            _text_cell(
                row.source,
                row.flags_on("source"),
                numbers,
                quote.original.lang,
                src_label,
                "source",
                "no original known",
            )
        )
        cells.append(
            _text_cell(
                row.rendering,
                [f for f in row.flags if f.side != "source"],
                numbers,
                rendering.lang,
                ren_label,
                "rendering",
                "not rendered",
            )
        )
        if show_scores:
            cells.append(f'<td class="num" data-label="Fidelity">{_number(row.fidelity)}</td>')
            cells.append(
                f'<td class="flags" data-label="Flags">{_flag_list(row, numbers, quote.original.lang, rendering.lang)}</td>'
            )
        parts.append(f"<tr{klass}>" + "".join(cells) + "</tr>")
    parts += ["</tbody></table></div>", "</section>"]
    return "\n".join(parts)


def _text_cell(
    text: str | None,
    flags: list[FlagView],
    numbers: dict[FlagView, int],
    lang: str,
    label: str,
    side: str,
    missing: str,
) -> str:
    if not text:
        return f'<td class="text none" data-side="{side}" data-label="{escape(label)}">[{missing}]</td>'
    return (
        f'<td class="text" lang="{escape(lang)}" data-side="{side}" data-label="{escape(label)}">'
        f"{_marked(text, flags, numbers)}</td>"
    )


def _diff_html(ops: list[DiffOp], side: str) -> str:
    out = []
    for op in ops:
        part = op.a if side == "a" else op.b
        if not part:
            continue
        if op.op == "equal":
            out.append(escape(part))
        elif side == "a":
            out.append(f"<del>{escape(part)}</del>")
        else:
            out.append(f"<ins>{escape(part)}</ins>")
    return "".join(out)


def _comparison_section(quote: Quote, comparison: Comparison) -> str:
    a, b = quote.rendering(comparison.a_name), quote.rendering(comparison.b_name)
    anchor = f"q-{escape(quote.id)}-c-{escape(a.name)}-{escape(b.name)}"
    how = "aligned through the original" if comparison.through_source else "aligned directly (no original)"
    src_label = f"Original ({quote.original.lang})"
    labels = [f"Rendering {a.name} ({a.lang})", f"Rendering {b.name} ({b.lang})"]
    head = ["#"] + ([escape(src_label)] if comparison.through_source else []) + [escape(x) for x in labels]
    parts = [
        f'<section aria-labelledby="{anchor}-h">',
        f'<h3 id="{anchor}-h">Rendering “{escape(a.name)}” against “{escape(b.name)}”</h3>',
        '<div class="scroll"><table class="compare stack">',
        f"<caption>{escape(quote.id)}: word differences between {escape(a.name)} and {escape(b.name)}, "
        f"{how}</caption>",
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>",
        "<tbody>",
    ]
    for number, row in enumerate(comparison.rows, 1):
        cells = [f'<th scope="row" class="num">{number}</th>']
        if comparison.through_source:
            if row.source:
                cells.append(
                    f'<td class="text" lang="{escape(quote.original.lang)}" data-label="{escape(src_label)}">'
                    f"{escape(row.source)}</td>"
                )
            else:
                cells.append(
                    f'<td class="text none" data-label="{escape(src_label)}">[no original known]</td>'
                )
        for side, rendering, label in (("a", a, labels[0]), ("b", b, labels[1])):
            text = row.a if side == "a" else row.b
            if text:
                cells.append(
                    f'<td class="text" lang="{escape(rendering.lang)}" data-label="{escape(label)}">'
                    f"{_diff_html(row.ops, side)}</td>"
                )
            else:
                cells.append(f'<td class="text none" data-label="{escape(label)}">[not rendered]</td>')
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts += ["</tbody></table></div>", "</section>"]
    return "\n".join(parts)
