"""The `tct` command line: parses arguments, calls the library, renders. No logic lives here."""

from __future__ import annotations

from typing import Annotated

import typer

from toolkit import __version__
from toolkit.cli.common import TctTyper
from toolkit.cli.registry import LazyTctGroup

app = TctTyper(
    name="tct",
    help="tct, the translation comparison toolkit: how faithful is an English rendering of a Russian passage?",
    no_args_is_help=True,
    add_completion=False,
    cls=LazyTctGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tct {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Align, diff and score renderings of a quote against its original."""


# The sub-commands (align, diff, lexicon, locate, report, score, corpus, export, import) are in
# toolkit.cli.registry: each module is imported when its command runs, so `tct score` does not pay for
# the locator and the corpus writer, nor `tct --help` for any of them.


def main() -> None:
    app(prog_name="tct")
