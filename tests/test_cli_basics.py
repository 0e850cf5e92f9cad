"""The command line answers --help and --version."""

from typer.testing import CliRunner

from toolkit import __version__
from toolkit.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_lists_corpus() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "corpus" in result.output
