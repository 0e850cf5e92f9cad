"""How results reach the user: a table on a terminal, plain tab-separated lines in a pipe, or JSON.

The commands build rich Tables as before and hand them to `emit_table`; in `tsv` mode every cell comes out
on one line, markup stripped and nothing cut, so `tct score --all | cut -f1` works. `--quiet` drops the
signature lines (JSON keeps them), `--width` sets the decimals of printed scores (sacrebleu's -w).
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from toolkit.cli.common import console
from toolkit.errors import UsageError

FORMATS = ("table", "tsv", "json")

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="table (the default on a terminal), tsv (the default in a pipe: one line per row, nothing "
        "cut) or json.",
        metavar="table|tsv|json",
        show_default=False,
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Leave out signature and caption lines (--format json keeps signatures)."
    ),
]
WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        "-w",
        min=0,
        max=8,
        help="Decimal places of printed scores (as sacrebleu's -w).",
        show_default=False,
    ),
]


@dataclass
class OutputSettings:
    """This invocation's output choices (one command runs per process)."""

    format: str = "table"
    quiet: bool = False
    width: int | None = None


settings = OutputSettings()


def configure(fmt: str | None, json: bool = False, quiet: bool = False, width: int | None = None) -> str:
    """Settle the output format from --format/--json and the terminal; returns it (table, tsv or json)."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if json and fmt not in (None, "json"):
        raise UsageError(f"--json and --format {fmt} disagree: give one of them")
    if json:
        fmt = "json"
    if fmt is None:
        fmt = "table" if console.is_terminal else "tsv"
    settings.format, settings.quiet, settings.width = fmt, quiet, width
    return fmt


def is_json() -> bool:
    return settings.format == "json"


def number(value: float | None, default_width: int = 2) -> str:
    """A score as text: "n/a" when there is none, never "None"."""
    if value is None:
        return "n/a"
    width = settings.width if settings.width is not None else default_width
    return f"{value:.{width}f}"


def _plain(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Text):
        text = cell.plain
    elif isinstance(cell, str):
        text = Text.from_markup(cell).plain
    else:
        text = str(cell)
    return " | ".join(part.strip() for part in text.replace("\t", " ").split("\n") if part.strip())


def table_rows(table: Table) -> list[list[str]]:
    """The cells of a rich Table as plain strings, row by row (markup and styles dropped, nothing cut)."""
    columns = [list(column.cells) for column in table.columns]
    return [[_plain(column[k]) for column in columns] for k in range(table.row_count)]


def emit_table(table: Table) -> None:
    """Print a table: boxed on a terminal (`table`), else a header line and one tab-separated line per row."""
    if settings.format != "tsv":
        console.print(table)
        return
    out = sys.stdout
    if table.title and not settings.quiet:
        out.write(f"# {_plain(table.title)}\n")
    headers = [_plain(column.header) for column in table.columns]
    out.write("\t".join("segment" if h == "#" else h for h in headers) + "\n")  # "#" reads as a comment
    for row in table_rows(table):
        out.write("\t".join(row) + "\n")
    if table.caption and not settings.quiet:
        out.write(f"# {_plain(table.caption)}\n")


def emit_line(text: str, markup: bool = True) -> None:
    """One line of prose (a summary): styled on a terminal, plain and never wrapped elsewhere."""
    if settings.format == "tsv":
        sys.stdout.write((Text.from_markup(text).plain if markup else text) + "\n")
        return
    console.print(text, markup=markup, soft_wrap=True)


@contextlib.contextmanager
def captured() -> Iterator[io.StringIO]:
    """Everything the emit_* functions (and the console) print inside the block, as text (for -o FILE)."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        yield buffer


def emit_signature(signature: str) -> None:
    """A signature line, unless --quiet."""
    if settings.quiet or not signature:
        return
    if settings.format == "tsv":
        sys.stdout.write(f"# signature: {signature}\n")
        return
    console.print(Text(f"signature: {signature}", style="dim"), soft_wrap=True)
