"""`tct report`: write the HTML report for the corpus or some quotes."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.common import CorpusOption, write_output
from toolkit.cli.output import emit_result, output_options
from toolkit.corpus import Corpus, resolve_corpus_dir
from toolkit.errors import TctError
from toolkit.report import build_report


@output_options
def report(
    quote_ids: Annotated[
        list[str] | None,
        typer.Argument(help="Only these quotes (default: all).", show_default=False, metavar="ID"),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="HTML file to write ('-': standard output).")
    ] = Path("report.html"),
    quote: Annotated[
        list[str] | None,
        typer.Option("--quote", help="Only this quote (repeatable; the same as ID).", metavar="ID"),
    ] = None,
    timestamp: Annotated[
        bool, typer.Option("--timestamp", help="Put the time of writing in the page (then bytes differ).")
    ] = False,
    corpus: CorpusOption = None,
) -> None:
    """Write one self-contained HTML page (works offline, on a phone and on paper): an overview of every
    rendering by sentences checked and worst finding, then per quote a verdict (coverage, the deviations
    ranked by severity and meaning, fidelity per sentence) and the texts side by side with the findings
    marked on both sides, word diffs between renderings, and provenance.

    The same corpus gives the same bytes unless --timestamp is given. What was written is said on standard
    output (the file's name; with --json also the quotes), nothing with --quiet or -o -.

    \b
    tct report
    tct report lenin-letter-to-congress -o lenin.html
    tct report -o - > all.html
    """
    if str(output) != "-" and output.is_dir():  # before the work, not after it
        raise TctError("is a directory, expected an output file", output)
    source = Corpus(resolve_corpus_dir(corpus))
    wanted = [*(quote_ids or []), *(quote or [])]
    quotes = [source.quote(q) for q in dict.fromkeys(wanted)] if wanted else source.quotes()
    if not quotes:
        raise TctError("no quotes to report on", source.root)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if timestamp else None
    page = build_report(quotes, timestamp=stamp)
    write_output(page, output)
    if str(output) != "-":
        emit_result(
            str(output), {"output": str(output), "quotes": [q.id for q in quotes]}, columns=["output"]
        )
