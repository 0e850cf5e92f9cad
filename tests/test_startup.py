"""Start-up: commands are built only when used, and what `tct --help` lists is each command's own help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer
from typer._click.utils import make_default_short_help

from toolkit.cli import app
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
        if m.startswith("toolkit.cli.") and m not in {"toolkit.cli.common", "toolkit.cli.registry"}
    }
    assert not {"toolkit.align", "toolkit.score", "toolkit.locate", "pydantic"} & modules


def test_scoring_imports_only_its_command(tmp_path: Path) -> None:
    (tmp_path / "s.ru").write_text("Он пришёл домой.\n", encoding="utf-8")
    (tmp_path / "h.en").write_text("He came home.\n", encoding="utf-8")
    modules = _imported("score", "--src", str(tmp_path / "s.ru"), "--hyp", str(tmp_path / "h.en"))
    assert "toolkit.cli.score" in modules
    assert not {"toolkit.cli.corpus", "toolkit.cli.align", "toolkit.cli.locate", "toolkit.locate"} & modules


def test_public_functions_stay_functions_after_their_subpackages_are_imported() -> None:
    code = (
        "import toolkit.align, toolkit.locate.finder, toolkit; from toolkit import align, locate; "
        "print(callable(align), callable(locate), callable(toolkit.align), toolkit.align.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "True", "align_texts"]
