"""What every command shares: the error wrapper, consoles, JSON output, the --corpus option."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from toolkit.errors import TctError
from toolkit.sanitize import visible_controls


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (`| head`): stop quietly with status 0, as `guard` does, not rich's 1."""
        self.quiet = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0)


console = _Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

CorpusOption = Annotated[
    Path | None,
    typer.Option(
        "--corpus",
        help="Corpus folder (default: ./parallel if it exists, else your corpus at $TCT_CORPUS or the "
        "user data folder, shown over the read-only bundled corpus).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise."""
    err_console.print(f"tct: {visible_controls(message)}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def notice(message: str) -> None:
    err_console.print(f"tct: note: {visible_controls(message)}", markup=False, soft_wrap=True)


def guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn user mistakes (TctError, OS errors) into one line and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            result = func(*args, **kwargs)
            # Flush here, inside the guard: output still buffered when a reader like `| head` has gone
            # would otherwise raise at exit, where click turns it into a silent exit status 1.
            sys.stdout.flush()
            return result
        except TctError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except BrokenPipeError:
            # The reader (e.g. `| head`) went away: not an error of ours.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise fail(f"{where}{exc.strerror or exc}", 1) from None
        except MemoryError:
            raise fail("out of memory", 1) from None

    return wrapper


class TctTyper(typer.Typer):
    """A Typer whose every command goes through `guard`."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        register = super().command(*args, **kwargs)

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            register(guard(func))
            return func

        return decorator


def dumps_json(data: Any) -> str:
    """Deterministic JSON: sorted keys, UTF-8 kept readable."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)


def print_json(data: Any) -> None:
    sys.stdout.write(dumps_json(data) + "\n")


def write_output(text: str, output: Path | None) -> None:
    """Write to `output` atomically, or to standard output when it is None or '-'."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from toolkit.textio import write_text_atomic

    if output.is_dir():
        raise TctError("is a directory, expected an output file", output)
    write_text_atomic(output, text)
