"""`tct diff`: an original and its rendering side by side, or two renderings with a word diff."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from toolkit.cli.common import CorpusOption, JsonOption, console, notice, print_json
from toolkit.corpus import Corpus, Quote, resolve_corpus_dir
from toolkit.diff import Comparison, DiffOp, compare_renderings, compare_texts
from toolkit.errors import TctError, UsageError
from toolkit.report.model import FlagView, RenderingView, Row, flag_spans, rendering_view
from toolkit.textio import read_text

SEVERITY_STYLE = {"critical": "bold white on red", "major": "bold red", "minor": "yellow"}
NO_ORIGINAL = "[no original known]"
NOT_RENDERED = "[not rendered]"


def _plain() -> bool:
    """No colour when stdout is not a terminal or NO_COLOR is set: then differences get text markers."""
    return not console.is_terminal or bool(os.environ.get("NO_COLOR")) or console.no_color


def diff(
    targets: Annotated[
        list[str],
        typer.Argument(
            help="A quote ID, or two files FILE_A FILE_B to compare.", show_default=False, metavar="ID | A B"
        ),
    ],
    rendering: Annotated[
        str | None, typer.Option("--rendering", "-r", help="Show only this rendering against the original.")
    ] = None,
    renderings: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--renderings", help="Two renderings A B of the quote, aligned through the original, word-diffed."
        ),
    ] = None,
    src: Annotated[
        Path | None, typer.Option("--src", help="With FILE_A FILE_B: the original both translate.")
    ] = None,
    src_lang: Annotated[str, typer.Option("--src-lang", help="Language of --src.")] = "ru",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Language of FILE_A and FILE_B.")] = "en",
    neural: Annotated[
        bool,
        typer.Option(
            "--neural",
            help="With a quote ID: flags and fidelity with a sentence encoder's second opinion "
            "(needs pip install 'tct[neural]').",
        ),
    ] = False,
    corpus: CorpusOption = None,
    json: JsonOption = False,
) -> None:
    """Show a quote's original and rendering side by side, sentence by sentence, with the scorer's flags;
    or two renderings side by side (aligned through the original) with their word differences.

    \b
    tct diff lenin-letter-to-congress
    tct diff lenin-letter-to-congress --renderings post published
    tct diff a.en.txt b.en.txt --src original.ru.txt

    Without colour (a pipe, or NO_COLOR set) differences are marked like git's word diff, [-only in A-]{+only in B+}, and flagged words are put in double square brackets.
    """
    if neural:
        if len(targets) != 1 or renderings:
            raise UsageError("--neural goes with a quote ID (a rendering against its original)")
        from toolkit.neural import get_encoder

        get_encoder()  # a missing extra: one line saying what to install, before any work
    if len(targets) == 2:
        if rendering or renderings:
            raise UsageError("--rendering/--renderings go with a quote ID, not with two files")
        a_path, b_path = (Path(t) for t in targets)
        if not a_path.exists() and targets[0] in _quote_ids(corpus):
            raise UsageError(
                f"{targets[0]!r} is a quote id: pick renderings with --rendering NAME or --renderings A B"
            )
        comparison = compare_texts(
            read_text(a_path, notice, allow_empty=False),
            read_text(b_path, notice, allow_empty=False),
            read_text(src, notice, allow_empty=False) if src else None,
            src_lang,
            tgt_lang,
            a_name=str(a_path),
            b_name=str(b_path),
        )
        _show_comparison(comparison, None, json)
        return
    if len(targets) != 1:
        raise UsageError(f"give one quote ID or two files, not {len(targets)} arguments")
    if src is not None:
        raise UsageError("--src goes with two files FILE_A FILE_B, not with a quote ID")
    if rendering and renderings:
        raise UsageError("give --rendering NAME or --renderings A B, not both")
    quote = Corpus(resolve_corpus_dir(corpus)).quote(targets[0])
    if renderings:
        for name in renderings:
            quote.rendering(name)
        _show_comparison(compare_renderings(quote, *renderings), quote, json)
        return
    names = [rendering] if rendering else [r.name for r in quote.renderings]
    views = [_neural_view(quote, name) if neural else rendering_view(quote, name) for name in names]
    if json:
        print_json({"quote": quote.id, "renderings": [_view_dict(v) for v in views]})
        return
    for view in views:
        if view.note:
            notice(f"{quote.id}/{view.name}: {view.note}")
        _show_view(quote, view)


def _neural_view(quote: Quote, name: str) -> RenderingView:
    """The rendering's rows as scored under --neural (combined fidelity, revised flags)."""
    from toolkit.neural.apply import neural_rendering
    from toolkit.score import score_quote

    scored = neural_rendering(next(s for s in score_quote(quote, name) if s.name == name))
    rows = [
        Row(
            source=segment.source,
            rendering=segment.rendering,
            source_ids=tuple(segment.source_ids),
            rendering_ids=tuple(segment.rendering_ids),
            fidelity=segment.fidelity,
            flags=[FlagView.from_flag(f) for f in segment.flags],
        )
        for segment in scored.segments
    ]
    return RenderingView(name, rows, scored.fidelity, scored.signature, scored=True, aligned=True)


def _quote_ids(corpus: Path | None) -> list[str]:
    try:
        return Corpus(resolve_corpus_dir(corpus)).ids()
    except TctError:
        return []


# --- one rendering against the original ---------------------------------------------------------------


def _view_dict(view: RenderingView) -> dict[str, Any]:
    return {
        "name": view.name,
        "fidelity": view.fidelity,
        "signature": view.signature,
        "scored": view.scored,
        "segments": [
            {
                "source": row.source,
                "rendering": row.rendering,
                "source_ids": list(row.source_ids),
                "rendering_ids": list(row.rendering_ids),
                "fidelity": row.fidelity,
                "flags": [vars(flag) for flag in row.flags],
            }
            for row in view.rows
        ],
    }


def _flagged_text(text: str, flags: list[FlagView], plain: bool, cell: str | None = None) -> Text:
    """The sentence with flagged words highlighted, then one labelled line per flag (colour is not needed)."""
    out = Text()
    position = 0
    for start, end, flag in flag_spans(text, flags):
        out.append(text[position:start])
        if plain:
            out.append(f"[[{text[start:end]}]]")
        else:
            out.append(text[start:end], style=SEVERITY_STYLE.get(flag.severity, "bold") + " underline")
        position = end
    out.append(text[position:])
    for flag in flags:
        out.append("\n")
        line = f"▲ {flag.severity} {flag.describe(cell if cell is not None else text)}"
        if flag.detail:
            line += f" — {flag.detail}"
        out.append(line, style="" if plain else SEVERITY_STYLE.get(flag.severity, "bold"))
    return out


def _missing_cell(label: str, flags: list[FlagView], plain: bool) -> Text:
    cell = Text(label, style="" if plain else "dim italic")
    if flags:
        cell.append_text(_flagged_text("", flags, plain))
    return cell


def _show_view(quote: Quote, view: RenderingView) -> None:
    plain = _plain()
    rendering = quote.rendering(view.name)
    title = f"{quote.id}: {quote.author}, {quote.title}"
    if quote.year:
        title += f" ({quote.year})"
    caption = [f"original: {quote.original.status}"]
    if quote.original.missing:
        caption.append("missing: " + "; ".join(quote.original.missing))
    caption.append(f"translator: {rendering.translator or 'unknown'}")
    if view.fidelity is not None:
        caption.append(f"fidelity {view.fidelity:.2f}")
    elif not view.scored:
        caption.append("not scored")
    table = Table(
        title=title, caption=" · ".join(caption), show_lines=True, expand=True, caption_justify="left"
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(f"original ({quote.original.lang})", ratio=1, overflow="fold")
    table.add_column(f"{view.name} ({rendering.lang})", ratio=1, overflow="fold")
    if view.scored:
        table.add_column("fid.", justify="right", no_wrap=True)
    for number, row in enumerate(view.rows, 1):
        cells = [str(number), _source_cell(row, plain), _rendering_cell(row, plain)]
        if view.scored:
            cells.append("" if row.fidelity is None else f"{row.fidelity:.2f}")
        table.add_row(*cells)
    console.print(table)
    if view.signature:
        console.print(Text(f"signature: {view.signature}", style="" if plain else "dim"), soft_wrap=True)


def _source_cell(row: Row, plain: bool) -> Text:
    flags = row.flags_on("source")
    if row.source is None:
        return _missing_cell(NO_ORIGINAL, flags, plain)
    return _flagged_text(row.source, flags, plain)


def _rendering_cell(row: Row, plain: bool) -> Text:
    flags = [f for f in row.flags if f.side != "source"]
    if row.rendering is None:
        return _missing_cell(NOT_RENDERED, flags, plain)
    return _flagged_text(row.rendering, flags, plain)


# --- two renderings ------------------------------------------------------------------------------------


def _diff_cell(ops: list[DiffOp], side: str, plain: bool) -> Text:
    """One side of a word diff: its own text with the parts the other side lacks marked."""
    out = Text()
    for op in ops:
        part = op.a if side == "a" else op.b
        if not part:
            continue
        if op.op == "equal":
            out.append(part)
        elif plain:
            out.append(f"[-{part}-]" if side == "a" else f"{{+{part}+}}")
        else:
            out.append(part, style="bold red strike" if side == "a" else "bold green underline")
    return out


def _show_comparison(comparison: Comparison, quote: Quote | None, json: bool) -> None:
    if json:
        data = comparison.to_dict()
        if quote is not None:
            data["quote"] = quote.id
        print_json(data)
        return
    plain = _plain()
    with_source = comparison.through_source
    title = f"{comparison.a_name} vs {comparison.b_name}"
    if quote is not None:
        title = f"{quote.id}: {title}"
    how = "aligned through the original" if with_source else "aligned directly (no original)"
    table = Table(title=title, caption=how, show_lines=True, expand=True, caption_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    if with_source:
        table.add_column("original", ratio=1, overflow="fold")
    table.add_column(comparison.a_name, ratio=1, overflow="fold")
    table.add_column(comparison.b_name, ratio=1, overflow="fold")
    for number, row in enumerate(comparison.rows, 1):
        cells: list[Any] = [str(number)]
        if with_source:
            cells.append(
                Text(row.source) if row.source is not None else _missing_cell(NO_ORIGINAL, [], plain)
            )
        cells.append(_diff_cell(row.ops, "a", plain) if row.a else _missing_cell(NOT_RENDERED, [], plain))
        cells.append(_diff_cell(row.ops, "b", plain) if row.b else _missing_cell(NOT_RENDERED, [], plain))
        table.add_row(*cells)
    console.print(table)
