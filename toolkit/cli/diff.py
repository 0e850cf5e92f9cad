"""`tct diff`: an original and its rendering side by side, or two renderings with a word diff."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from toolkit.cli.common import CorpusOption, JsonOption, console, notice, print_json
from toolkit.cli.tables import NO_ORIGINAL, NOT_RENDERED, print_quote
from toolkit.corpus import Corpus, Quote, resolve_corpus_dir
from toolkit.diff import Comparison, DiffOp, compare_renderings, compare_texts
from toolkit.errors import TctError, UsageError
from toolkit.report.model import analyse
from toolkit.textio import read_text


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
    views = analyse(quote, names, compare=False).renderings
    if json:
        print_json({"quote": quote.id, "renderings": [v.to_dict() for v in views]})
        return
    print_quote(console, quote, views, _plain())


def _quote_ids(corpus: Path | None) -> list[str]:
    try:
        return Corpus(resolve_corpus_dir(corpus)).ids()
    except TctError:
        return []


def _missing_cell(label: str, plain: bool) -> Text:
    return Text(label, style="" if plain else "dim italic")


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
                Text(row.source) if row.source is not None else _missing_cell(NO_ORIGINAL, plain)
            )
        cells.append(_diff_cell(row.ops, "a", plain) if row.a else _missing_cell(NOT_RENDERED, plain))
        cells.append(_diff_cell(row.ops, "b", plain) if row.b else _missing_cell(NOT_RENDERED, plain))
        table.add_row(*cells)
    console.print(table)
