"""`tct diff`: an original and its rendering side by side, or two renderings with a word diff."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from toolkit.cli.common import CorpusOption, JsonOption, console, notice, print_json
from toolkit.cli.options import ForceLangOption, Languages, SrcLangOption, TgtLangOption
from toolkit.cli.output import (
    FormatOption,
    QuietOption,
    configure,
    emit_line,
    emit_table,
    is_json,
    output_file,
    settings,
)
from toolkit.cli.tables import NO_ORIGINAL, NOT_IN_ORIGINAL, NOT_RENDERED, print_quote
from toolkit.corpus import Corpus, Quote, resolve_corpus_dir
from toolkit.diff import Comparison, DiffOp, compare_renderings, compare_texts
from toolkit.errors import TctError, UsageError
from toolkit.inputs import check_one_stdin, display_name, is_stdin, quote_from_texts, read_input
from toolkit.language import check_language as check_text_language
from toolkit.language import guess_language, script_of
from toolkit.neural import get_encoder
from toolkit.neural.apply import neural_rendering
from toolkit.report.model import analyse
from toolkit.sanitize import terminal_safe
from toolkit.score.explain import explain_lines
from toolkit.segment import check_language
from toolkit.views import quote_views


def _plain() -> bool:
    """No colour when stdout is not a terminal, NO_COLOR is set or the output is tsv: then differences get
    text markers."""
    return (
        not console.is_terminal
        or bool(os.environ.get("NO_COLOR"))
        or console.no_color
        or settings.format == "tsv"
    )


@output_file
def diff(
    targets: Annotated[
        list[str],
        typer.Argument(
            help="A quote ID; a RENDERING file (with --src ORIGINAL); or two files A B: two renderings "
            "(with --src, aligned through it), or an original and its rendering in either order. "
            "'-' is standard input.",
            show_default=False,
            metavar="ID | RENDERING | A B",
        ),
    ],
    rendering: Annotated[
        str | None,
        typer.Option(
            "--rendering", "-r", help="Show only this rendering against the original.", metavar="NAME"
        ),
    ] = None,
    renderings: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--renderings",
            help="Two renderings A B of the quote, aligned through the original, word-diffed.",
            metavar="A B",
        ),
    ] = None,
    src: Annotated[
        Path | None,
        typer.Option("--src", help="The original: of RENDERING, or the one both A and B translate."),
    ] = None,
    src_lang: SrcLangOption = "ru",
    tgt_lang: TgtLangOption = "en",
    force_lang: ForceLangOption = False,
    neural: Annotated[
        bool,
        typer.Option(
            "--neural",
            help="With a quote ID: flags and fidelity with a sentence encoder's second opinion "
            "(needs pip install 'tct[neural]').",
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="After the view: each sentence's evidence (findings with the words on both sides, "
            "unverified pairs the lexicon could not check). With a quote ID or RENDERING --src ORIGINAL.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of standard output ('-': standard output)."
        ),
    ] = None,
    corpus: CorpusOption = None,
    json: JsonOption = False,
    fmt: FormatOption = None,
    quiet: QuietOption = False,
) -> None:
    """Show a quote's original and rendering side by side, sentence by sentence, with the scorer's flags;
    or two renderings side by side (aligned through the original) with their word differences.

    \b
    tct diff rendering.en.txt --src original.ru.txt
    tct diff original.ru.txt rendering.en.txt
    tct diff lenin-letter-to-congress
    tct diff lenin-letter-to-congress --renderings post published
    tct diff a.en.txt b.en.txt --src original.ru.txt

    Without colour (a pipe, or NO_COLOR set) differences are marked like git's word diff, [-only in A-]{+only in B+}, and flagged words are put in double square brackets.
    """
    if neural:
        if len(targets) != 1 or renderings or src is not None:
            raise UsageError("--neural goes with a quote ID (a rendering against its original)")
        get_encoder()  # a missing extra: one line saying what to install, before any work
    configure(fmt, json, quiet, to_file=output is not None and str(output) != "-")
    json = is_json()
    if len(targets) in (1, 2) and (src is not None or len(targets) == 2):
        if rendering or renderings:
            raise UsageError("--rendering/--renderings go with a quote ID, not with files")
        check_language(src_lang, "--src-lang")
        check_language(tgt_lang, "--tgt-lang")
        if len(targets) == 1 and not _is_input(targets[0]) and targets[0] in _quote_ids(corpus):
            raise UsageError(
                "--src goes with files (RENDERING --src ORIGINAL, A B --src ORIGINAL), not a quote ID"
            )
        if len(targets) == 2 and not _is_input(targets[0]) and targets[0] in _quote_ids(corpus):
            raise UsageError(
                f"{targets[0]!r} is a quote id: pick renderings with --rendering NAME or --renderings A B"
            )
        _diff_files(targets, src, Languages(src_lang, tgt_lang, force_lang), json, explain)
        return
    if len(targets) != 1:
        raise UsageError(f"give one quote ID or two files, not {len(targets)} arguments")
    if rendering and renderings:
        raise UsageError("give --rendering NAME or --renderings A B, not both")
    quote = Corpus(resolve_corpus_dir(corpus)).quote(targets[0])
    if renderings:
        _no_explain(explain)
        for name in renderings:
            quote.rendering(name)
        _show_comparison(compare_renderings(quote, *renderings), quote, json)
        return
    names = [rendering] if rendering else [r.name for r in quote.renderings]
    if neural:
        scores = [neural_rendering(item) for item in analyse(quote, names, compare=False).scores]
        views = quote_views(quote, scores)
    else:
        analysed = analyse(quote, names, compare=False)
        scores, views = analysed.scores, analysed.renderings
    _show_views(quote, views, json)
    _explain(scores, explain and not json)


def _show_views(quote: Quote, views: list, json: bool) -> None:
    if json:
        print_json({"quote": quote.id, "renderings": [v.to_dict() for v in views]})
        return
    print_quote(console, quote, views, _plain())


def _is_input(name: str) -> bool:
    return is_stdin(name) or Path(name).exists()


def _read(name: str | Path) -> str:
    return read_input(name, notice, allow_empty=False)


def _diff_files(
    targets: list[str], src: Path | None, languages: Languages, json: bool, explain: bool
) -> None:
    """Files straight from the command line: RENDERING --src ORIGINAL, ORIGINAL RENDERING (either order),
    or two renderings A B (through --src when given)."""
    check_one_stdin([*targets, src])
    texts = {name: _read(name) for name in targets}
    if src is None:
        a, b = targets
        guess_a, guess_b = guess_language(texts[a]), guess_language(texts[b])
        src_script = script_of(languages.source)
        original = None
        if guess_a.script == src_script != guess_b.script:
            original, rendering_name = a, b
        elif guess_b.script == src_script != guess_a.script:
            original, rendering_name = b, a
        if original is not None and not languages.force:
            notice(
                f"{display_name(original)} is {guess_language(texts[original]).describe()}: shown as the "
                f"original of {display_name(rendering_name)}"
            )
            _original_against_rendering(
                texts[original], texts[rendering_name], original, rendering_name, languages, json, explain
            )
            return
        _no_explain(explain)
        _two_renderings([(name, texts[name]) for name in targets], None, languages, json)
        return
    source_text = _read(src)
    check_text_language(display_name(src), source_text, languages.source, languages.force)
    if len(targets) == 1:
        name = targets[0]
        _original_against_rendering(source_text, texts[name], src, name, languages, json, explain)
        return
    _no_explain(explain)
    _two_renderings([(name, texts[name]) for name in targets], source_text, languages, json)


def _no_explain(explain: bool) -> None:
    """Two renderings against each other have a word diff, not a scorer's evidence to explain."""
    if explain:
        raise UsageError("--explain goes with a quote ID or RENDERING --src ORIGINAL, not two renderings")


def _two_renderings(
    texts: list[tuple[str, str]], source_text: str | None, languages: Languages, json: bool
) -> None:
    """Two renderings A B ((name, text) each), word-diffed: aligned through the original when given."""
    (a, a_text), (b, b_text) = texts
    for name, text in texts:
        check_text_language(display_name(name), text, languages.target, languages.force)
    comparison = compare_texts(
        a_text, b_text, source_text, languages.source, languages.target, display_name(a), display_name(b)
    )
    _show_comparison(comparison, None, json)


def _original_against_rendering(
    source_text: str,
    rendering_text: str,
    source: str | Path,
    rendering: str | Path,
    languages: Languages,
    json: bool,
    explain: bool,
) -> None:
    """The view of a corpus quote, for two files: aligned, scored, flags in both texts."""
    check_text_language(display_name(source), source_text, languages.source, languages.force)
    check_text_language(display_name(rendering), rendering_text, languages.target, languages.force)
    names = display_name(source), display_name(rendering)
    quote = quote_from_texts(source_text, rendering_text, *names, languages.source, languages.target)
    analysed = analyse(quote, [display_name(rendering)], compare=False)
    _show_views(quote, analysed.renderings, json)
    _explain(analysed.scores, explain and not json)


def _explain(scores: list, wanted: bool) -> None:
    """--explain: the evidence lines after the view (toolkit.score.explain)."""
    if wanted:
        for line in explain_lines(scores):
            emit_line(line, markup=False)


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
        for number, segment in enumerate(data["segments"], 1):
            segment["segment"] = number
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
    table = Table(
        title=terminal_safe(title), caption=how, show_lines=True, expand=True, caption_justify="left"
    )
    table.add_column("#", justify="right", no_wrap=True)
    if with_source:
        table.add_column("original", ratio=1, overflow="fold")
    table.add_column(comparison.a_name, ratio=1, overflow="fold")
    table.add_column(comparison.b_name, ratio=1, overflow="fold")
    # A row with no source, under a whole original (a quote's complete one, or --src FILE), is a sentence
    # the renderings add, not a part of the original that is unknown.
    no_source = NOT_IN_ORIGINAL if quote is None or quote.original.status == "complete" else NO_ORIGINAL
    for number, row in enumerate(comparison.rows, 1):
        cells: list[Any] = [str(number)]
        if with_source:
            cells.append(Text(row.source) if row.source is not None else _missing_cell(no_source, plain))
        cells.append(_diff_cell(row.ops, "a", plain) if row.a else _missing_cell(NOT_RENDERED, plain))
        cells.append(_diff_cell(row.ops, "b", plain) if row.b else _missing_cell(NOT_RENDERED, plain))
        table.add_row(*cells)
    emit_table(table)
