"""`tct locate`: where in a long Russian original an English quote comes from, and what the cut left out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from toolkit.cli.common import JsonOption, console, err_console, notice, print_json
from toolkit.errors import TctError
from toolkit.inputs import check_one_stdin, display_name, read_input
from toolkit.locate import DEFAULT_SETTINGS, Locator, Match, quote_language
from toolkit.sanitize import terminal_safe

NOT_FOUND = 3  # exit status when no span reaches FOUND_CONFIDENCE
FOUND_CONFIDENCE = 0.5
_PROGRESS_CHARS = 300_000  # originals longer than this show a progress bar while indexed (on a terminal)


def _say(text: str) -> None:
    """One line of the answer: wrapped to a terminal, whole in a pipe (so `| grep cut:` gets all of it)."""
    console.print(text, soft_wrap=not console.is_terminal)


def _index(text: str, where: str) -> Locator:
    if len(text) < _PROGRESS_CHARS or not err_console.is_terminal:
        return Locator(text, where=where)
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("indexing the original"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("index", total=len(text))
        return Locator(text, progress=lambda done, total: bar.update(task, completed=done), where=where)


def _show(match: Match, rank: int) -> None:
    _say(
        f"[bold]#{rank}[/bold]  confidence {match.confidence:.2f}  characters {match.start}-{match.end}"
        f"  (quote words found: {match.coverage:.0%})"
    )
    _say("  " + terminal_safe(match.text.replace("\n", " ")))
    if len(match.links) > 1 or match.gaps:
        table = Table(show_header=True, box=None, padding=(0, 1))
        table.add_column("quote", ratio=1)
        table.add_column("original", ratio=1)
        table.add_column("sim", justify="right")
        for link in match.links:
            table.add_row(terminal_safe(link.quote), f"{link.start}-{link.end}", f"{link.similarity:.2f}")
        for gap in match.gaps:
            table.add_row("[dim](elided)[/dim]", f"{gap.start}-{gap.end}", "")
        console.print(table)


def locate(
    quote: Annotated[
        str, typer.Argument(help="The quote, English or Russian: a file, or - for standard input.")
    ],
    original: Annotated[
        Path,
        typer.Argument(
            help="The whole Russian original (a book, a speech, an archive): a file, or - for standard "
            "input when QUOTE is a file."
        ),
    ],
    top: Annotated[int, typer.Option("--top", min=1, max=100, help="How many spans to show.")] = 3,
    json: JsonOption = False,
) -> None:
    """Find where QUOTE comes from in ORIGINAL, and what the original says around the cut.

    Elisions ("...", "[…]") in the quote may skip any part of the original; bracketed insertions ("[Stalin]") are not searched for. Offsets are characters of the original as decoded (UTF-8). A quote in Russian is matched directly, word for word; a quote in another language is refused.

    Exit status: 0 when a span is found with confidence 0.5 or more, 3 when not (the best weak candidates are still shown), 1 for bad input.

    \b
    tct locate quote.en.txt book.ru.txt
    echo "concentrated immense power in his hands..." | tct locate - letter.ru.txt --json
    """
    check_one_stdin([quote, original])
    quote_where, original_where = display_name(quote), display_name(original)
    quote_text = read_input(quote, notice)
    if not quote_text.strip():
        raise TctError("the quote is empty", quote_where)
    language = quote_language(quote_text, quote_where)  # before the original is read: a refusal is quick
    original_text = read_input(original, notice)
    locator = _index(original_text, original_where)
    matches = locator.locate(quote_text, top=top, where=quote_where)
    found = bool(matches) and matches[0].confidence >= FOUND_CONFIDENCE
    matched = "directly" if language == "ru" else "through the lexicon"
    if json:
        print_json(
            {
                "quote": quote_where,
                "quote_language": language,
                "matched": matched,
                "original": original_where,
                "found": found,
                "settings": DEFAULT_SETTINGS.signature(),
                "original_words": locator.index.n_words,
                "original_sentences": len(locator.index),
                "matches": [m.to_dict() for m in matches],
            }
        )
    else:
        if language == "ru":  # (quote_language refuses every other language but English)
            _say(f"quote language: {language}, matched {matched} (the quote is in the original's language)")
        if not found:
            _say(
                "[bold]not found:[/bold] the quote does not seem to be in the original"
                + (" (weak candidates below)" if matches else " (no candidate shares its words)")
            )
        for rank, match in enumerate(matches, 1):
            _show(match, rank)
        if matches and matches[0].context is not None:
            context = matches[0].context
            if context.before:
                _say("[dim]before:[/dim] " + terminal_safe(context.before))
            if context.after:
                _say("[dim]after:[/dim] " + terminal_safe(context.after))
            for flag in context.flags:
                _say("[bold yellow]cut:[/bold yellow] " + terminal_safe(flag.message))
    if not found:
        raise typer.Exit(NOT_FOUND)
