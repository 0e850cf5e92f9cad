"""Start-up: commands are built only when used, and what `tct --help` lists is each command's own help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer
from typer._click.utils import make_default_short_help
from typer._coercion import build_runtime_param

from toolkit.cli import app
from toolkit.cli.coercion import LightRuntimeParam
from toolkit.cli.registry import COMMANDS, LazyCommands

ROOT = Path(__file__).resolve().parent.parent


def _imported(*args: str) -> set[str]:
    """The modules a fresh `python -m toolkit ARGS` has imported when it exits."""
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['tct', *{list(args)!r}]\n"
        "try:\n    runpy.run_module('toolkit', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.__stderr__)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    return set(run.stderr.split())


def test_the_listed_help_is_each_commands_own() -> None:
    root = typer.main.get_command(app)
    for name, entry in COMMANDS.items():
        command = root.commands[name]  # built now
        assert command.name == name
        for limit in range(10, 300, 7):
            assert make_default_short_help(entry.help, limit) == command.get_short_help_str(limit), (
                name,
                limit,
            )


def test_commands_are_built_on_first_use_only() -> None:
    table = LazyCommands(COMMANDS)
    assert list(table) == list(COMMANDS)
    assert table.short_help("score") is not None
    table["lexicon"]
    assert table.short_help("lexicon") is None  # built: its own help is used
    assert table.short_help("score") is not None


def test_help_imports_no_command_module() -> None:
    modules = _imported("--help")
    assert not {
        m
        for m in modules
        if m.startswith("toolkit.cli.")
        and m not in {"toolkit.cli.common", "toolkit.cli.coercion", "toolkit.cli.registry"}
    }
    assert not {"toolkit.align", "toolkit.score", "toolkit.locate", "pydantic"} & modules


def test_scoring_imports_only_its_command(tmp_path: Path) -> None:
    (tmp_path / "s.ru").write_text("Он приехал в Хабаровск.\n", encoding="utf-8")
    (tmp_path / "h.en").write_text("He came to Khabarovsk.\n", encoding="utf-8")
    modules = _imported("score", "--src", str(tmp_path / "s.ru"), "--hyp", str(tmp_path / "h.en"))
    assert "toolkit.cli.score" in modules
    assert not {"toolkit.cli.corpus", "toolkit.cli.align", "toolkit.cli.locate", "toolkit.locate"} & modules
    assert not {"numpy", "pydantic", "lemminflect"} & modules  # numpy came with lemminflect's OOV model


def test_public_functions_stay_functions_after_their_subpackages_are_imported() -> None:
    code = (
        "import toolkit.align, toolkit.locate.finder, toolkit; from toolkit import align, locate; "
        "print(callable(align), callable(locate), callable(toolkit.align), toolkit.align.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "True", "align_texts"]


def _outcome(runtime, value, param, ctx):
    try:
        return ("value", runtime.coerce(value, param=param, ctx=ctx))
    except Exception as exc:  # the same error, worded the same, is part of the behaviour compared
        return ("error", type(exc).__name__, str(exc))


def test_light_conversion_gives_what_typers_own_gives(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    samples = [
        None,
        (),
        [],
        "",
        "ru",
        "-",
        "1",
        "0",
        "-3",
        "9",
        "2.5",
        "x" * 3,
        str(tmp_path),
        str(tmp_path / "file.txt"),
    ]
    samples += [
        str(tmp_path / "missing"),
        0,
        1,
        5,
        100,
        -1,
        True,
        False,
        ["ru", "en"],
        ("a", "b"),
        [str(tmp_path)],
    ]
    root = typer.main.get_command(app)
    checked = 0

    def walk(command) -> None:
        nonlocal checked
        ctx = None
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is None:
                continue
            light = LightRuntimeParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
            own = build_runtime_param(descriptor)
            for value in samples:
                mine = _outcome(light, value, param, ctx)
                theirs = _outcome(own, value, param, ctx)
                assert mine == theirs, (command.name, param.name, value)
                checked += 1
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(root)
    assert checked > 1000
