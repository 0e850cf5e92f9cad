"""The `tct` command line: parses arguments, calls the library, renders. No logic lives here."""

from __future__ import annotations

from typing import Annotated

import typer

from toolkit import __version__
from toolkit.cli import corpus as corpus_commands
from toolkit.cli import formats as formats_commands
from toolkit.cli.align import align as align_command
from toolkit.cli.common import TctGroup, TctTyper
from toolkit.cli.diff import diff as diff_command
from toolkit.cli.lexicon import lexicon as lexicon_command
from toolkit.cli.locate import locate as locate_command
from toolkit.cli.report import report as report_command
from toolkit.cli.score import score as score_command

app = TctTyper(
    name="tct",
    help="tct, the translation comparison toolkit: how faithful is an English rendering of a Russian passage?",
    no_args_is_help=True,
    add_completion=False,
    cls=TctGroup,
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


app.add_typer(corpus_commands.app, name="corpus")
app.add_typer(formats_commands.app)  # tct export, tct import
app.command("align")(align_command)
app.command("diff")(diff_command)
app.command("lexicon")(lexicon_command)
app.command("locate")(locate_command)
app.command("report")(report_command)
app.command("score")(score_command)


def main() -> None:
    app(prog_name="tct")
