"""The HTML report: one self-contained, accessible, printable page for the whole corpus or some quotes.

Per quote the verdict comes first (coverage, then the deviations ranked by severity and meaning, each linked to
its sentence), then the texts: deviating sentences side by side with the findings marked on both sides,
faithful stretches collapsed, text with no known original one quiet band. Every piece of text goes through
`escape`; links are only made from http(s) URLs; no scripts. The same quotes give the same bytes.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files
from urllib.parse import urlparse

from toolkit import __version__
from toolkit.corpus import Quote
from toolkit.diff import Comparison, DiffOp
from toolkit.report.chart import corpus_chart, fidelity_strip
from toolkit.report.model import QuoteView, analyse
from toolkit.views import (
    SEVERITIES,
    UNVERIFIABLE,
    Finding,
    RenderingView,
    SegmentView,
    rendering_facts,
    runs,
    span_label,
)

#: Deviations listed in a verdict before the rest fold away.
TOP = 5


def build_report(quotes: list[Quote], timestamp: str | None = None) -> str:
    """The whole page as a string."""
    return render_page([analyse(q) for q in quotes], timestamp)


def render_page(reports: list[QuoteView], timestamp: str | None = None) -> str:
    css = files("toolkit.report").joinpath("style.css").read_text(encoding="utf-8")
    n = len(reports)
    title = f"tct report: {reports[0].quote.id}" if n == 1 else f"tct report: {n} quotes"
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
        f'<p class="meta">{n} quote{"s" if n != 1 else ""}; made by tct {escape(__version__)}'
        + (f" on {escape(timestamp)}" if timestamp else "")
        + ". Fidelity scores and findings are machine estimates to guide a reader to the places worth "
        "checking, not verdicts.</p>",
        "</header>",
        "<main>",
        _overview(reports),
        _legend(),
    ]
    out += [_quote_section(r) for r in reports]
    out += [
        "</main>",
        "<footer><p>Made by tct, the translation comparison toolkit. Fidelity scores and findings are "
        "machine estimates to guide a reader to the places worth checking, not verdicts.</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


# --- overview ------------------------------------------------------------------------------------------------


def _counts(counts: dict[str, int], compact: bool = False) -> str:
    """Badges per severity; `compact` leaves out the zeros (and says "none" when all are)."""
    if compact:
        shown = [f'<span class="badge sev-{s}">{counts[s]} {s}</span>' for s in SEVERITIES if counts[s]]
        return " ".join(shown) or '<span class="dim">none</span>'
    return " ".join(
        f'<span class="badge sev-{s}">{counts[s]} {s}</span>'
        if counts[s]
        else f'<span class="dim">0 {s}</span>'
        for s in SEVERITIES
    )


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _overview(reports: list[QuoteView]) -> str:
    views = [(r.quote, v) for r in reports for v in r.renderings]
    unverifiable = sum(1 for _, v in views if v.checked == 0)
    worst = {s: sum(1 for _, v in views if v.worst == s) for s in SEVERITIES}
    summary = (
        f"{len(reports)} quote{'s' if len(reports) != 1 else ''}, {len(views)} rendering"
        f"{'s' if len(views) != 1 else ''} · worst finding: "
        + ", ".join(f"{worst[s]} {s}" for s in SEVERITIES)
        + f" · {unverifiable} not checkable at all"
    )
    rows = []
    for quote, view in views:
        qid = escape(quote.id)
        counts = view.counts()
        data = " ".join(f'data-{s}="{counts[s]}"' for s in SEVERITIES)
        rows.append(
            f'<tr data-quote="{qid}" data-rendering="{escape(view.name)}" data-checked="{view.checked}" '
            f'data-sentences="{view.sentences}" {data}>'
            f'<th scope="row"><a href="#q-{qid}">{qid}</a><br><span class="title">{escape(quote.title)}</span></th>'
            f'<td data-label="Rendering">{escape(view.name)}</td>'
            f'<td class="num" data-label="Sentences checked">{view.checked} of {view.sentences}</td>'
            f'<td class="num" data-label="Fidelity">{_number(view.fidelity)}</td>'
            f'<td class="counts" data-label="Findings">{_counts(counts, compact=True)}</td>'
            "</tr>"
        )
    chart = corpus_chart([(f"{q.id} / {v.name}", v) for q, v in views], "corpus")
    return "\n".join(
        [
            '<details class="overview" id="overview">',
            f'<summary><h2 id="overview-h">Overview</h2> <span class="summary-line">{escape(summary)}</span></summary>',
            '<figure class="chart corpus">',
            f'<div class="scroll">{chart}</div>',
            "<figcaption>Each bar is a rendering: its length the share of its sentences that could be checked "
            "against a known original, its colour its worst finding (blue: none). The table below gives the "
            "same numbers.</figcaption></figure>",
            '<div class="scroll"><table class="overview stack">',
            f"<caption>{len(views)} renderings: sentences checked, fidelity and findings by severity</caption>",
            '<thead><tr><th scope="col">Quote</th><th scope="col">Rendering</th><th scope="col">Sentences checked</th>'
            '<th scope="col">Fidelity</th><th scope="col">Findings</th></tr></thead>',
            "<tbody>",
            *rows,
            "</tbody></table></div>",
            "</details>",
        ]
    )


def _legend() -> str:
    marks = " ".join(
        f'<mark class="flag sev-{s}">flagged words</mark> <span class="badge sev-{s}">{s}</span>'
        for s in SEVERITIES
    )
    return "\n".join(
        [
            '<details class="legend"><summary>How to read this</summary>',
            "<p>Each rendering starts with its verdict: how many of its sentences could be checked against a "
            "known original, then its deviations, most severe and most meaningful first, each linked to its "
            "sentence. Below, sentences with a deviation are shown with the original beside them and the words "
            "marked on both sides; sentences with none are folded away; text whose original has not been found "
            f"is one grey band ({escape(UNVERIFIABLE)}).</p>",
            f"<p>Marks: {marks}. A number after the words points to the finding listed under the sentence; "
            '<span class="gloss">‘in quotes’</span> is an English gloss of dropped Russian.</p>',
            "<p>Between two renderings: <del>only in the first</del> <ins>only in the second</ins>.</p>",
            "</details>",
        ]
    )


# --- one quote -----------------------------------------------------------------------------------------------


def _quote_section(report: QuoteView) -> str:
    quote = report.quote
    qid = escape(quote.id)
    year = f" · {escape(str(quote.year))}" if quote.year else ""
    parts = [
        f'<article class="quote" id="q-{qid}" aria-labelledby="q-{qid}-h">',
        f'<h2 id="q-{qid}-h">{escape(quote.title)}</h2>',
        f'<p class="byline">{escape(quote.author)}{year} · original: {escape(quote.original.lang)}, '
        f'{escape(quote.original.status)} · <span class="dim">{qid}</span></p>',
    ]
    for view in report.renderings:
        parts.append(_rendering_section(quote, view))
    for comparison in report.comparisons:
        parts.append(_comparison_section(quote, comparison))
    parts.append(_provenance(quote))
    parts.append('<p class="back"><a href="#overview">Back to the overview</a></p>')
    parts.append("</article>")
    return "\n".join(parts)


def _anchor(quote: Quote, view: RenderingView) -> str:
    return f"q-{escape(quote.id)}-r-{escape(view.name)}"


def _rendering_section(quote: Quote, view: RenderingView) -> str:
    rendering = quote.rendering(view.name)
    anchor = _anchor(quote, view)
    parts = [
        f'<section class="rendering" id="{anchor}" aria-labelledby="{anchor}-h">',
        f'<h3 id="{anchor}-h">Rendering “{escape(view.name)}” <span class="dim">({escape(rendering.lang)})</span></h3>',
        _verdict(quote, view, anchor),
        '<div class="segments">',
    ]
    for state, group in runs(view.segments):
        if state == "deviates":
            parts += [_segment(quote, view, s, anchor) for s in group]
        elif state == "faithful" and len(view.segments) > 1:  # a one-sentence rendering stays in view
            values = [s.fidelity for s in group if s.fidelity is not None]
            fid = f"fidelity {min(values):.2f}" + (
                f"–{max(values):.2f}" if max(values) != min(values) else ""
            )
            parts.append(
                f'<details class="faithful"><summary>{escape(span_label(group))}: no deviation found '
                f'<span class="dim">({fid})</span></summary>'
                + "".join(_segment(quote, view, s, anchor) for s in group)
                + "</details>"
            )
        elif state == "faithful":
            parts += [_segment(quote, view, s, anchor) for s in group]
        else:
            parts.append(_band(quote, view, group, anchor))
    parts += ["</div>", "</section>"]
    return "\n".join(parts)


def _verdict(quote: Quote, view: RenderingView, anchor: str) -> str:
    unchecked = view.sentences - view.checked
    coverage = f"<strong>{escape(view.coverage())}</strong>"
    if unchecked:
        coverage += f"; {unchecked} {'has' if unchecked == 1 else 'have'} no known original"
    if view.fidelity is not None:
        coverage += f" · fidelity <strong>{view.fidelity:.2f}</strong>"
    counts = f" · {_counts(view.counts())}" if view.checked or view.findings else ""
    parts = [
        '<div class="verdict">',
        f'<p class="coverage">{coverage}<span class="counts">{counts}</span></p>',
    ]
    if len(view.segments) > 1 and view.checked:
        parts.append(
            '<figure class="chart">'
            + fidelity_strip(
                view, f"Fidelity per sentence, {quote.id} / {view.name}", f"{anchor}-c", f"{anchor}-s"
            )
            + "<figcaption>Fidelity per sentence along the text (cell width: sentence length; height: fidelity; "
            "hatched: not checkable; a triangle: a finding, coloured by its severity).</figcaption></figure>"
        )
    ranked = view.ranked()
    if len(view.segments) == 1:
        pass  # one sentence: its findings are listed right under it, in the same order of reading
    elif ranked:
        parts.append(
            f'<ol class="ranked">{"".join(_ranked_item(f, anchor, view) for f in ranked[:TOP])}</ol>'
        )
        if len(ranked) > TOP:
            parts.append(
                f'<details class="more"><summary>{len(ranked) - TOP} more deviation'
                f"{'s' if len(ranked) - TOP != 1 else ''}</summary>"
                f'<ol class="ranked" start="{TOP + 1}">{"".join(_ranked_item(f, anchor, view) for f in ranked[TOP:])}</ol>'
                "</details>"
            )
    elif view.checked:
        parts.append('<p class="ok">No deviation found in the checked sentences.</p>')
    if view.note:
        parts.append(f'<p class="notice">{escape(view.note)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def _finding_words(finding: Finding, source_lang: str, lang: str) -> str:
    words_lang = source_lang if finding.side == "source" else lang
    spans = {
        "severity": f'<span class="badge sev-{escape(finding.severity)}">{{}}</span>',
        "words": f'<span lang="{escape(words_lang)}">{{}}</span>',
        "gloss": '<span class="gloss" lang="en">{}</span>',
        "side": '<span class="dim">{}</span>',
        "detail": '<span class="detail">{}</span>',
    }
    return finding.describe(
        finding.quoted(), finding.detail, lambda role, text: spans.get(role, "{}").format(escape(text))
    )


def _ranked_item(finding: Finding, anchor: str, view: RenderingView) -> str:
    return (
        f'<li><a href="#{anchor}-s{finding.segment}">sentence {finding.segment}</a> '
        f"{_finding_words(finding, view.source_lang, view.lang)}</li>"
    )


def _marked(
    text: str, segment: SegmentView, side: str, unverifiable: tuple[tuple[int, int], ...] = ()
) -> str:
    """Escaped text with each finding's words in a <mark> (number and label), unverifiable parts in a quiet span,
    and the gloss of dropped words right after them."""
    marks = segment.marks(side)
    cuts = {0, len(text)}
    for start, end, _ in marks:
        cuts |= {start, end}
    for start, end in unverifiable:
        cuts |= {start, end}
    points = sorted(cuts)
    out = []
    for start, end in zip(points, points[1:], strict=False):
        piece = escape(text[start:end])
        mark = next((m for m in marks if m[0] <= start and end <= m[1]), None)
        if mark is not None:
            finding = mark[2]
            last = end == mark[1]
            piece = (
                f'<mark class="flag sev-{escape(finding.severity)}" data-finding="{finding.number}" '
                f'title="{escape(finding.label)}">{piece}'
                + (f"<sup>{finding.number}</sup>" if last else "")
                + "</mark>"
            )
            if last and finding.gloss and side == "source":
                piece += f' <span class="gloss" lang="en">‘{escape(finding.gloss)}’</span>'
        if any(s <= start and end <= e for s, e in unverifiable):
            piece = f'<span class="unverifiable" title="{escape(UNVERIFIABLE)}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _segment(quote: Quote, view: RenderingView, segment: SegmentView, anchor: str) -> str:
    rendering = quote.rendering(view.name)
    src_label = f"Original ({quote.original.lang})"
    ren_label = f"{view.name} ({rendering.lang})"
    if segment.source:
        source = (
            f'<div class="side source" lang="{escape(quote.original.lang)}" data-label="{escape(src_label)}">'
            f"{_marked(segment.source, segment, 'source')}</div>"
        )
    else:
        # an added sentence of a quote whose original is known is not "original unknown"
        empty = "[no original known]" if segment.unverifiable else "[not in the original]"
        source = f'<div class="side source none" data-label="{escape(src_label)}">{empty}</div>'
    if segment.rendering:
        text = _marked(segment.rendering, segment, "rendering", segment.unverifiable_marks)
        ren = f'<div class="side rendering" lang="{escape(rendering.lang)}" data-label="{escape(ren_label)}">{text}</div>'
    else:
        ren = f'<div class="side rendering none" data-label="{escape(ren_label)}">[not rendered]</div>'
    fid = "" if segment.fidelity is None else f' <span class="fid">fidelity {segment.fidelity:.2f}</span>'
    findings = ""
    if segment.findings:
        items = "".join(
            f'<li value="{f.number}">{_finding_words(f, quote.original.lang, rendering.lang)}</li>'
            for f in segment.findings
        )
        findings = f'<ol class="findings">{items}</ol>'
    head = ""
    if len(view.segments) > 1:  # one sentence: the verdict above already says all the head would
        head = f'<p class="seg-head"><a href="#{anchor}-s{segment.number}">Sentence {segment.number}</a>{fid}</p>'
    return (
        f'<div class="seg {segment.state}" id="{anchor}-s{segment.number}">{head}'
        f'<div class="pair">{source}{ren}</div>{findings}</div>'
    )


def _band(quote: Quote, view: RenderingView, group: list[SegmentView], anchor: str) -> str:
    """Text with no known original: one quiet band, its sentences readable, its findings (if any) marked."""
    lang = escape(quote.rendering(view.name).lang)
    paragraphs = []
    for segment in group:
        text = _marked(segment.rendering or "", segment, "rendering")
        items = "".join(
            f'<li value="{f.number}">{_finding_words(f, quote.original.lang, lang)}</li>'
            for f in segment.findings
        )
        paragraphs.append(
            f'<p id="{anchor}-s{segment.number}" lang="{lang}"><span class="n">{segment.number}</span> {text}</p>'
            + (f'<ol class="findings">{items}</ol>' if items else "")
        )
    return (
        f'<div class="band unverifiable"><p class="band-label">{escape(UNVERIFIABLE.capitalize())} · '
        f"{escape(span_label(group))}</p>" + "".join(paragraphs) + "</div>"
    )


# --- two renderings --------------------------------------------------------------------------------------------


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


def _class(name: str) -> str:
    return f' class="{name}"' if name else ""


def _comparison_section(quote: Quote, comparison: Comparison) -> str:
    a, b = quote.rendering(comparison.a_name), quote.rendering(comparison.b_name)
    anchor = f"q-{escape(quote.id)}-c-{escape(a.name)}-{escape(b.name)}"
    how = "aligned through the original" if comparison.through_source else "aligned directly (no original)"
    src_label = f"Original ({quote.original.lang})"
    labels = [f"Rendering {a.name} ({a.lang})", f"Rendering {b.name} ({b.lang})"]
    head = [("", "#")] + ([("src", escape(src_label))] if comparison.through_source else [])
    head += [("", escape(x)) for x in labels]
    parts = [
        f'<section class="compare" aria-labelledby="{anchor}-h">',
        f'<h3 id="{anchor}-h">Rendering “{escape(a.name)}” against “{escape(b.name)}”</h3>',
        '<div class="scroll"><table class="compare stack">',
        f"<caption>Word differences between {escape(a.name)} and {escape(b.name)}, {how}</caption>",
        "<thead><tr>" + "".join(f'<th scope="col"{_class(k)}>{h}</th>' for k, h in head) + "</tr></thead>",
        "<tbody>",
    ]
    for number, row in enumerate(comparison.rows, 1):
        cells = [f'<th scope="row" class="num">{number}</th>']
        if comparison.through_source:
            if row.source:
                cells.append(
                    f'<td class="text src" lang="{escape(quote.original.lang)}" data-label="{escape(src_label)}">'
                    f"{escape(row.source)}</td>"
                )
            else:
                empty = (
                    "[not in the original]" if quote.original.status == "complete" else "[no original known]"
                )
                cells.append(f'<td class="text src none" data-label="{escape(src_label)}">{empty}</td>')
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


# --- provenance ------------------------------------------------------------------------------------------------


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
        info = [
            f"{label}: {_link(value) if label == 'URL' else escape(value)}"
            for label, value in rendering_facts(rendering)
        ]
        items.append((f"Rendering “{escape(rendering.name)}” ({escape(rendering.lang)})", "; ".join(info)))
    body = "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in items)
    return (
        f'<section class="provenance-box"><h3>Provenance</h3>\n<dl class="provenance">{body}</dl></section>'
    )
