"""The `tct` command line: parses arguments, calls the library, renders. No logic lives here."""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Annotated


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """Ctrl-C while the command line's modules are imported: nothing is open or half-written yet, so one
    line and exit 130 instead of a traceback through typer's imports."""
    sys.stderr.write("tct: interrupted\n")
    sys.stderr.flush()
    os._exit(130)


# Only for the imports below, and only where Python's own handler is in place (a library user's handler,
# or a thread that cannot set one, is left alone); the usual KeyboardInterrupt is back once they are done.
_STARTING = (
    threading.current_thread() is threading.main_thread()
    and signal.getsignal(signal.SIGINT) is signal.default_int_handler
)
if _STARTING:
    signal.signal(signal.SIGINT, _interrupted_while_starting)

import typer  # noqa: E402

from toolkit import __version__  # noqa: E402
from toolkit.cli.common import TctTyper  # noqa: E402
from toolkit.cli.registry import LazyTctGroup  # noqa: E402

if _STARTING:
    signal.signal(signal.SIGINT, signal.default_int_handler)

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
