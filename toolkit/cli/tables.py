"""Terminal tables of `tct score` and `tct diff`, drawn from the shared view model (toolkit.views).

The same counts, coverage and ranking as the HTML report and JSON; findings marked on both sides of a sentence;
text with no known original one dim row, never a flag. Every piece of file text goes through `terminal_safe`
(or into a rich Text, which never reads markup) so a quote cannot restyle or drive the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from toolkit.cli.output import emit_line, emit_signature, emit_table, settings
from toolkit.corpus import Quote
from toolkit.sanitize import terminal_safe, visible_controls
from toolkit.views import SEVERITIES, UNVERIFIABLE, Finding, RenderingView, SegmentView, runs, span_label

SEVERITY_STYLE = {"critical": "bold white on red", "major": "bold red", "minor": "yellow"}
NO_ORIGINAL = "[no original known]"
NOT_IN_ORIGINAL = "[not in the original]"  # a sentence added by the rendering, where the original is known
NOT_RENDERED = "[not rendered]"
#: Deviations listed in a verdict before "and N more".
TOP = 5


def plain_output(console: Console) -> bool:
    """No colour when the output is not a terminal, is tsv, or NO_COLOR is set: then findings get text
    markers."""
    return (
        not console.is_terminal
        or bool(os.environ.get("NO_COLOR"))
        or console.no_color
        or settings.format == "tsv"
    )


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def counts_text(view: RenderingView) -> str:
    counts = view.counts()
    return ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)


def finding_line(finding: Finding) -> str:
    """One finding in words (plain text, made safe by the caller): severity, kind, words, gloss, detail.
    Cut to fit on a terminal; whole in a pipe (`--format tsv`), where nothing is truncated."""
    whole = settings.format == "tsv"
    detail = finding.detail if whole or len(finding.detail) <= 90 else finding.detail[:87] + "..."
    line = f"{finding.number}. " + finding.describe(
        finding.text.strip() if whole else finding.quoted(), detail
    )
    return visible_controls(line)


def verdict(view: RenderingView, plain: bool) -> Text:
    """Coverage first, then the counts, then the deviations worth reading first."""
    out = Text()
    out.append(f"rendering {visible_controls(view.name)}: ", style="" if plain else "bold")
    out.append(view.coverage(), style="" if plain else "bold")
    unchecked = view.sentences - view.checked
    if unchecked:
        out.append(f"; {unchecked} {UNVERIFIABLE}")
    out.append(f" · fidelity {_fmt(view.fidelity)} · {counts_text(view)}")
    ranked = view.ranked()
    for finding in ranked[:TOP]:
        out.append("\n  ")
        out.append(f"sentence {finding.segment}: ")
        out.append(finding_line(finding), style="" if plain else SEVERITY_STYLE[finding.severity])
    if len(ranked) > TOP:
        out.append(f"\n  and {len(ranked) - TOP} more (numbered in the table)")
    if not ranked and view.checked:
        out.append("\n  no deviation found in the checked sentences")
    return out


def _marked(text: str, segment: SegmentView, side: str, plain: bool) -> Text:
    """The sentence with each finding's words styled (or [[in brackets]] without colour) and numbered."""
    out = Text()
    position = 0
    for start, end, finding in segment.marks(side):
        out.append(visible_controls(text[position:start]))
        words = visible_controls(text[start:end])
        if plain:
            out.append(f"[[{words}]]{finding.number}")
        else:
            out.append(words, style=SEVERITY_STYLE[finding.severity] + " underline")
            out.append(str(finding.number), style="dim")
        position = end
    out.append(visible_controls(text[position:]))
    return out


def _cell(text: str | None, segment: SegmentView, side: str, plain: bool) -> Text:
    if text is None:
        empty = NOT_RENDERED if side != "source" else NO_ORIGINAL if segment.unverifiable else NOT_IN_ORIGINAL
        cell = Text(empty, style="" if plain else "dim italic")
    else:
        cell = _marked(text, segment, side, plain)
    own = [f for f in segment.findings if (f.side == "source") == (side == "source")]
    for finding in own:
        cell.append("\n")
        cell.append("▲ " + finding_line(finding), style="" if plain else SEVERITY_STYLE[finding.severity])
    return cell


def rendering_table(quote: Quote, view: RenderingView, plain: bool) -> Table:
    """Original and rendering side by side; a run of sentences with no known original is one dim row."""
    rendering = quote.rendering(view.name)
    table = Table(show_lines=True, expand=True, header_style="" if plain else "bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(f"original ({visible_controls(quote.original.lang)})", ratio=1, overflow="fold")
    table.add_column(
        f"{visible_controls(view.name)} ({visible_controls(rendering.lang)})", ratio=1, overflow="fold"
    )
    table.add_column("fid.", justify="right", no_wrap=True)
    for state, group in runs(view.segments):
        if state == "unverifiable":
            numbers = span_label(group).split(" ", 1)[1]
            text = Text(NO_ORIGINAL + "\n" + UNVERIFIABLE, style="" if plain else "dim italic")
            body = Text(style="" if plain else "dim")
            for k, segment in enumerate(group):
                if k:
                    body.append(" ")
                body.append_text(_marked(segment.rendering or "", segment, "rendering", plain))
                for finding in segment.findings:
                    body.append(
                        "\n▲ " + finding_line(finding),
                        style="" if plain else SEVERITY_STYLE[finding.severity],
                    )
                    body.append("\n" if k + 1 < len(group) else "")
            table.add_row(numbers, text, body, "")
            continue
        for segment in group:
            table.add_row(
                str(segment.number),
                _cell(segment.source, segment, "source", plain),
                _cell(segment.rendering, segment, "rendering", plain),
                "" if segment.fidelity is None else f"{segment.fidelity:.2f}",
            )
    return table


def print_quote(console: Console, quote: Quote, views: Sequence[RenderingView], plain: bool) -> None:
    """`tct score ID` and `tct diff ID`: per rendering its verdict, then its sentences."""
    title = f"{quote.id}: {quote.author}, {quote.title}" if quote.author else quote.title
    title += f" ({quote.year})" if quote.year else ""
    emit_line(Text(visible_controls(title), style="" if plain else "bold"), wrap=True)
    emit_line(Text(visible_controls(f"original: {quote.original.lang}, {quote.original.status}")), wrap=True)
    for view in views:
        emit_line()
        emit_line(verdict(view, plain), wrap=True)
        emit_table(rendering_table(quote, view, plain))
        emit_signature(view.signature)
    if len(views) > 1:
        emit_table(compare_table(views))


def compare_table(views: Sequence[RenderingView]) -> Table:
    """Renderings of one quote side by side: coverage, fidelity, findings."""
    table = Table(title="renderings side by side", header_style="bold")
    table.add_column("rendering")
    for column in ("checked", "fidelity", *SEVERITIES):
        table.add_column(column, justify="right")
    for view in views:
        counts = view.counts()
        table.add_row(
            terminal_safe(view.name),
            f"{view.checked}/{view.sentences}",
            _fmt(view.fidelity),
            *(str(counts[s]) for s in SEVERITIES),
        )
    return table


def corpus_table(items: Sequence[tuple[Quote, RenderingView]]) -> Table:
    """`tct score --all`: one row per rendering, the same numbers as the report's overview."""
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        header_style="bold",
        caption="checked: sentences with a known original; crit./maj./min.: findings by severity",
        caption_justify="left",
    )
    table.add_column("quote", overflow="fold")
    table.add_column("rendering", overflow="fold")
    table.add_column("checked", justify="right", no_wrap=True)
    table.add_column("fid.", justify="right", no_wrap=True)
    for severity in SEVERITIES:
        table.add_column(severity[:3] + ".", justify="right", no_wrap=True)
    table.add_column("worst", no_wrap=True)
    for quote, view in items:
        counts = view.counts()
        table.add_row(
            terminal_safe(quote.id),
            terminal_safe(view.name),
            f"{view.checked}/{view.sentences}",
            _fmt(view.fidelity),
            *(str(counts[s]) for s in SEVERITIES),
            view.worst or "-",
        )
    return table
