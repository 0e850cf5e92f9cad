"""`tct report`: write the HTML report for the corpus or some quotes."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.common import CorpusOption, console
from toolkit.corpus import Corpus, resolve_corpus_dir
from toolkit.errors import TctError
from toolkit.report import build_report
from toolkit.textio import write_text_atomic


def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("report.html"),
    quote: Annotated[
        list[str] | None, typer.Option("--quote", "-q", help="Only this quote (repeatable; default: all).")
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

    The same corpus gives the same bytes unless --timestamp is given.
    """
    source = Corpus(resolve_corpus_dir(corpus))
    quotes = [source.quote(q) for q in dict.fromkeys(quote)] if quote else source.quotes()
    if not quotes:
        raise TctError("no quotes to report on", source.root)
    if output.is_dir():
        raise TctError("is a directory, expected an output file", output)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if timestamp else None
    write_text_atomic(output, build_report(quotes, timestamp=stamp))
    console.print(str(output), markup=False, highlight=False, soft_wrap=True)
