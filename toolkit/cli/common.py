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
from typer.core import TyperCommand, TyperGroup

from toolkit.cli.coercion import LightParams
from toolkit.errors import TctError
from toolkit.sanitize import visible_controls
from toolkit.textio import WRITE_ERRNOS, write_text_atomic

try:  # typer >= 0.20 ships its own copy of click and raises that copy's exceptions
    from typer._click import exceptions as click_errors
except ImportError:  # older typer uses click itself
    from click import exceptions as click_errors


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
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables and text.")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise."""
    err_console.print(f"tct: {visible_controls(message)}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def notice(message: str) -> None:
    err_console.print(f"tct: note: {visible_controls(message)}", markup=False, soft_wrap=True)


#: Whether `guard` has said "interrupted" already (typer turns a Ctrl-C it sees into a bare status 130).
_interrupt_said = [False]


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
            _quiet_stdout()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            _interrupt_said[0] = True
            raise fail("interrupted", 130) from None
        except OSError as exc:
            if exc.filename:
                raise fail(f"{exc.filename}: {exc.strerror or exc}", 1) from None
            if exc.errno in WRITE_ERRNOS:  # no file named: standard output (`> /dev/full`, a full disk)
                _quiet_stdout()
                raise fail(f"<stdout>: cannot write: {exc.strerror or exc}", 1) from None
            raise fail(f"{exc.strerror or exc}", 1) from None
        except MemoryError:
            raise fail("out of memory", 1) from None

    return wrapper


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so what is still buffered cannot fail again at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class TctCommand(LightParams, TyperCommand):
    """A typer command whose values are converted without pydantic where they can be (toolkit.cli.coercion)."""


class TctSubGroup(LightParams, TyperGroup):
    """A typer group (tct corpus) with the same conversion."""


class TctTyper(typer.Typer):
    """A Typer whose every command goes through `guard`, with click's plain help (no boxed panels, no
    `<bool>` metavars, and none of rich's help machinery to import at start-up)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("pretty_exceptions_enable", False)
        kwargs.setdefault("cls", TctSubGroup)
        super().__init__(*args, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        kwargs.setdefault("cls", TctCommand)
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
    if output.is_dir():
        raise TctError("is a directory, expected an output file", output)
    write_text_atomic(output, text)


def _metavar(param: Any) -> str:
    desc = param.type_descriptor
    if desc.is_path or "Path" in str(desc.annotation):
        base = "DIR" if "corpus" in param.name or "dir" in param.name else "FILE"
    elif desc.is_choice and desc.choices:
        base = "|".join(str(c) for c in desc.choices)
    else:
        kind = str(desc.annotation)
        base = "N" if "int" in kind else "NUMBER" if "float" in kind else "TEXT"
    return " ".join([base] * desc.tuple_arity) if desc.is_tuple and desc.tuple_arity else base


def _plain_metavars(command: Any) -> None:
    """Usage-style metavars (FILE, N, TEXT) for every parameter without one, instead of typer's `<str>`,
    `<list[Path]>` and `<bool>`."""
    for param in command.params:
        if param.param_type_name == "argument":
            param.metavar = param.metavar or ("ID" if param.name == "quote_id" else param.name.upper())
            param.display_type_rich = lambda ctx: None  # the name says it: no `<str>` after it
            if param.required and hasattr(param, "_usage_display_name"):
                # typer 0.29 writes a required argument as {ID}; the usage line of every other tool says ID
                param._usage_display_name = lambda p=param: (
                    p.display_name_raw + ("..." if p.nargs != 1 else "")
                )
        elif (
            param.metavar is None
            and not getattr(param, "is_flag", False)
            and hasattr(param, "type_descriptor")
        ):
            param.metavar = _metavar(param)
    for sub in getattr(command, "commands", {}).values():
        _plain_metavars(sub)


class TctGroup(LightParams, TyperGroup):
    """The root command: usage mistakes become one line `tct: problem (see 'tct CMD --help')`, exit 2,
    instead of click's usage block; every parameter gets a plain metavar first."""

    def _prepare(self) -> None:
        """Plain metavars for every parameter of every command, before click reads them."""
        _plain_metavars(self)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        self._prepare()
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        kwargs.setdefault("prog_name", "tct")
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except KeyboardInterrupt:  # before a command's own guard: while it is built (its modules imported)
            code = 130
        except click_errors.NoArgsIsHelpError as exc:
            sys.stdout.write(exc.ctx.get_help() + "\n")
            sys.exit(0)
        except click_errors.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "tct"
            message = exc.format_message().rstrip(".")
            message = message[0].lower() + message[1:] if message else "bad usage"
            err_console.print(f"tct: {message} (see '{where} --help')", markup=False, soft_wrap=True)
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            err_console.print(f"tct: {exc.format_message()}", markup=False, soft_wrap=True)
            sys.exit(exc.exit_code)
        except click_errors.Abort:
            err_console.print("tct: aborted", markup=False)
            sys.exit(1)
        if code == 130 and not _interrupt_said[0]:
            # Ctrl-C outside a command's guard (while its modules were imported): typer made it a silent
            # exit status 130
            err_console.print("tct: interrupted", markup=False)
        sys.exit(code if isinstance(code, int) else 0)
