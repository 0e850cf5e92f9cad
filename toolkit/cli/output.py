"""How results reach the user: a table on a terminal, plain tab-separated lines in a pipe, or JSON.

The commands build rich Tables as before and hand them to `emit_table`; in `tsv` mode every cell comes out
on one line, markup stripped and nothing cut, and every line that is not a row (titles, column names,
verdicts, captions, signatures) starts with '#', so `tct score --all | grep -v '^#' | cut -f1` gives just
the quote ids. `--quiet` drops titles, captions and signatures (JSON keeps signatures), `--width` sets the
decimals of printed scores (sacrebleu's -w).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import io
import json as json_module
import sys
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from toolkit.cli.common import JsonOption, console, write_output
from toolkit.errors import TctError, UsageError
from toolkit.sanitize import terminal_safe, visible_controls

FORMATS = ("table", "tsv", "json")
FORMAT_HELP = (
    "table (the default on a terminal), tsv (the default in a pipe: one tab-separated line per row, "
    "nothing cut, every other line starting with '#') or json (the same as --json)."
)

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=FORMAT_HELP,
        metavar="table|tsv|json",
        show_default=False,
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="Leave out signatures; in tsv also titles, captions and verdicts, leaving the column names "
        "and the rows (--format json keeps signatures).",
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


def configure(
    fmt: str | None, json: bool = False, quiet: bool = False, width: int | None = None, to_file: bool = False
) -> str:
    """Settle the output format from --format/--json and the terminal (a file, `to_file`, is no terminal);
    returns it (table, tsv or json)."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if json and fmt not in (None, "json"):
        raise UsageError(f"--json and --format {fmt} disagree: give one of them")
    if json:
        fmt = "json"
    if fmt is None:
        fmt = "table" if console.is_terminal and not to_file else "tsv"
    settings.format, settings.quiet, settings.width = fmt, quiet, width
    return fmt


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command --json, --format/-f and --quiet/-q, settled (`configure`) before its body runs: the
    options every command that prints results shares, declared once."""
    signature = inspect.signature(command, eval_str=True)
    added = {"json": (JsonOption, False), "fmt": (FormatOption, None), "quiet": (QuietOption, False)}

    @functools.wraps(command)
    def wrapper(
        *args: Any, json: bool = False, fmt: str | None = None, quiet: bool = False, **kwargs: Any
    ) -> Any:
        configure(fmt, json, quiet)
        return command(*args, **kwargs)

    extra = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
             for name, (kind, default) in added.items()]  # fmt: skip
    wrapper.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *extra])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {
        **typing.get_type_hints(command, include_extras=True),
        **{n: k for n, (k, _) in added.items()},
    }
    return wrapper


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
    """Print a table: boxed on a terminal (`table`); in tsv the column names as a '#' line, then one
    tab-separated line per row, the title and caption as '#' lines (left out with --quiet)."""
    if settings.format != "tsv":
        console.print(table)
        return
    out = sys.stdout
    if table.title and not settings.quiet:
        out.write(f"# {_plain(table.title)}\n")
    headers = [_plain(column.header) for column in table.columns]
    out.write("# " + "\t".join("segment" if h == "#" else h for h in headers) + "\n")
    for row in table_rows(table):
        out.write("\t".join(row) + "\n")
    if table.caption and not settings.quiet:
        out.write(f"# {_plain(table.caption)}\n")


def emit_line(text: str | Text = "", markup: bool = True, wrap: bool = False) -> None:
    """Prose (a title, a verdict, a summary): styled (and wrapped if `wrap`) on a terminal; in tsv each line
    a '#' comment (blank lines dropped, all of it dropped with --quiet), so `grep -v '^#'` leaves the rows."""
    if settings.format != "tsv":
        console.print(text, markup=markup, soft_wrap=not wrap)
        return
    if settings.quiet:
        return
    plain = text.plain if isinstance(text, Text) else Text.from_markup(text).plain if markup else text
    for line in plain.split("\n"):
        if line.strip():
            sys.stdout.write(f"# {line}\n")


def emit_result(message: str, record: dict[str, Any], columns: Sequence[str] | None = None) -> None:
    """A command's outcome (added, removed, written): the sentence on a terminal, the record as JSON with
    --json; in tsv the record's `columns` (default: all) as one row under a '#' line of their names, or,
    for a single column, the bare value (so `open "$(tct report)"` works). Only the JSON with --quiet."""
    if settings.format == "json":
        sys.stdout.write(json_module.dumps(record, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
        return
    if settings.quiet:
        return
    if settings.format != "tsv":
        console.print(terminal_safe(message), soft_wrap=True)
        return
    names = list(columns or record)
    values = [record[name] for name in names]
    cells = [", ".join(map(str, v)) if isinstance(v, list) else "" if v is None else str(v) for v in values]
    if len(names) > 1:
        sys.stdout.write("# " + "\t".join(names) + "\n")
    sys.stdout.write("\t".join(visible_controls(" ".join(cell.split())) for cell in cells) + "\n")


@contextlib.contextmanager
def captured() -> Iterator[io.StringIO]:
    """Everything the emit_* functions (and the console) print inside the block, as text (for -o FILE)."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        yield buffer


@contextlib.contextmanager
def written_to(output: Path | None) -> Iterator[None]:
    """What the block prints goes to `output` (-o FILE: written whole and atomically once the block has
    succeeded, so a failure leaves no file), else to standard output (None or '-')."""
    if output is None or str(output) == "-":
        yield
        return
    if output.is_dir():  # before the work, not after it
        raise TctError("is a directory, expected an output file", output)
    with captured() as text:
        yield
    write_output(text.getvalue().rstrip("\n") + "\n", output)


def output_file(command: Callable[..., Any]) -> Callable[..., Any]:
    """Send what a command prints to its `output` argument (-o FILE) when it has one (`written_to`)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with written_to(kwargs.get("output")):
            return command(*args, **kwargs)

    return wrapper


def emit_signature(signature: str) -> None:
    """A signature line, unless --quiet."""
    if settings.quiet or not signature:
        return
    if settings.format == "tsv":
        sys.stdout.write(f"# signature: {signature}\n")
        return
    console.print(Text(f"signature: {signature}", style="dim"), soft_wrap=True)
