"""Every command that prints results takes --format table|tsv|json (and --json, -f, -q) the same way; piped
output is machine-friendly; short options mean one thing everywhere; user mistakes are one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from paths import SEED_CORPUS
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.cli.common import _plain_metavars

runner = CliRunner()
QUOTE = "lenin-letter-to-congress"
LENIN = SEED_CORPUS / QUOTE
BOXES = "┏┃━│┡╇└─╭"


def _commands() -> dict[str, object]:
    """Every leaf command of `tct`, by its path ("corpus list")."""
    root = typer.main.get_command(app)
    _plain_metavars(root)
    found: dict[str, object] = {}

    def walk(command, path: list[str]) -> None:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            found[" ".join(path)] = command

    walk(root, [])
    return found


def _results(corpus: Path, out: Path, files: Path) -> dict[str, list[str]]:
    """One call of each command that prints results, against a corpus copy (writes go to `out`)."""
    c = ["--corpus", str(corpus)]
    return {
        "corpus list": ["corpus", "list", *c],
        "corpus show": ["corpus", "show", QUOTE, *c],
        "corpus check": ["corpus", "check", *c],
        "corpus clean": ["corpus", "clean", *c],
        "corpus add": [
            "corpus",
            "add",
            "fresh",
            "--original",
            str(files / "o.ru"),
            "-r",
            f"p={files / 'p.en'}",
            *c,
        ],
        "corpus attach": ["corpus", "attach", QUOTE, "-r", f"extra={files / 'p.en'}", *c],
        "corpus remove": ["corpus", "remove", "beria-passport-memo", "--yes", *c],
        "align": ["align", QUOTE, *c],
        "score": ["score", QUOTE, *c],
        "diff": ["diff", QUOTE, *c],
        "lexicon": ["lexicon", "власть"],
        "report": ["report", QUOTE, "-o", str(out / "r.html"), *c],
        "export": ["export", QUOTE, "-f", "tsv", "-o", str(out / "x.tsv"), *c],
    }


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    corpus = tmp_path / "parallel"
    shutil.copytree(SEED_CORPUS, corpus)
    out = tmp_path / "out"
    out.mkdir()
    files = tmp_path / "files"
    files.mkdir()
    shutil.copy(LENIN / "original.ru.txt", files / "o.ru")
    shutil.copy(LENIN / "post.en.txt", files / "p.en")
    return corpus, out, files


def _case(name: str, setup: tuple[Path, Path, Path], fresh: int) -> list[str]:
    corpus, out, files = setup
    if name == "import":
        exported = out / f"q{fresh}.jsonl"
        assert (
            runner.invoke(
                app, ["export", QUOTE, "-f", "jsonl", "-o", str(exported), "--corpus", str(corpus)]
            ).exit_code
            == 0
        )
        return ["import", str(exported), "--id", f"imported{fresh}", "--corpus", str(corpus)]
    args = _results(corpus, out, files)[name]
    if name == "corpus add":
        args = [a.replace("fresh", f"fresh{fresh}") for a in args]
    if name == "corpus attach":
        args = [a.replace("extra=", f"extra{fresh}=") for a in args]
    if name == "corpus remove":
        victim = f"victim{fresh}"
        shutil.copytree(corpus / "beria-passport-memo", corpus / victim)
        meta = corpus / victim / "quote.toml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("beria-passport-memo", victim), "utf-8")
        args = [a.replace("beria-passport-memo", victim) for a in args]
    return args


#: Their --format names the exchange file written or read (tmx, moses, tsv, jsonl); the summary takes --json.
FILE_FORMAT = ("export", "import")
CASES = [
    "corpus list", "corpus show", "corpus check", "corpus clean", "corpus add", "corpus attach",
    "corpus remove", "align", "score", "diff", "lexicon", "report", "export", "import",
]  # fmt: skip


def test_every_printing_command_is_in_the_list() -> None:
    """A new command that prints results must join CASES (and take the format options)."""
    printing = {
        name for name, command in _commands().items() if any(p.name == "json" for p in command.params)
    }
    assert printing - {"locate"} <= set(CASES), printing - set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_json_format_and_tsv_the_same_way(name: str, setup: tuple[Path, Path, Path]) -> None:
    as_json = runner.invoke(app, [*_case(name, setup, 1), "--json"])
    assert as_json.exit_code == 0, as_json.output
    json.loads(as_json.stdout)  # one JSON document
    if name not in FILE_FORMAT:
        long_form = runner.invoke(app, [*_case(name, setup, 2), "--format", "json"])
        assert long_form.exit_code == 0, long_form.output
        assert type(json.loads(long_form.stdout)) is type(json.loads(as_json.stdout))
    piped = runner.invoke(app, _case(name, setup, 3))  # CliRunner's stdout is no terminal: tsv
    assert piped.exit_code == 0, piped.output
    explicit = runner.invoke(app, [*_case(name, setup, 4), "-f", "tsv"]) if name not in FILE_FORMAT else piped
    assert explicit.exit_code == 0, explicit.output
    for result in (piped, explicit):
        assert not any(c in result.stdout for c in BOXES), result.stdout
        lines = result.stdout.splitlines()
        assert lines and all(line.strip() for line in lines), "no blank lines in tsv"
        rows = [line for line in lines if not line.startswith("#")]
        assert rows or name in ("corpus check", "corpus clean"), "a row (a clean corpus has none to list)"
    if name not in FILE_FORMAT:
        boxed = runner.invoke(app, [*_case(name, setup, 5), "--format", "table"])
        assert boxed.exit_code == 0, boxed.output
        clash = runner.invoke(app, [*_case(name, setup, 6), "--json", "-f", "tsv"])
        assert clash.exit_code == 2, clash.output


def test_piped_score_all_rows_are_whole_and_headings_are_comments(corpus_copy: Path) -> None:
    result = runner.invoke(app, ["score", "--all", "--corpus", str(corpus_copy)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    heading = [line for line in lines if line.startswith("#")]
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert heading[0].startswith("# quote\trendering")
    assert any(line.startswith("# signature: ") for line in heading)
    assert {row[0] for row in rows} == {p.name for p in corpus_copy.iterdir() if p.is_dir()}
    assert len({len(row) for row in rows}) == 1  # one table, every row whole


def test_piped_quote_view_has_only_rows_outside_comments() -> None:
    result = runner.invoke(app, ["score", QUOTE, "--corpus", str(SEED_CORPUS)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"# {QUOTE}: ")  # the title is a comment
    assert any(line.startswith("# rendering post: ") for line in lines)  # so is the verdict
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert [row[0] for row in rows] == ["1", "1", "post", "published"]  # two sentence rows, two summaries
    assert "[[" in rows[0][1]  # the finding marked in text, since a pipe has no colour
    quiet = runner.invoke(app, ["score", QUOTE, "--corpus", str(SEED_CORPUS), "-q"]).stdout.splitlines()
    assert [line for line in quiet if line.startswith("#") and "\t" not in line] == []  # headers only


def test_corpus_show_in_a_pipe_is_one_row_per_fact() -> None:
    result = runner.invoke(app, ["corpus", "show", QUOTE, "--corpus", str(SEED_CORPUS)])
    rows = [line.split("\t") for line in result.stdout.splitlines() if not line.startswith("#")]
    assert all(len(row) == 3 for row in rows)
    assert ["quote", "author", "V. I. Lenin"] in rows
    text = [row[2] for row in rows if row[0] == "original" and row[1] == "line 1"]
    assert text == [(LENIN / "original.ru.txt").read_text(encoding="utf-8").strip()]


def test_corpus_check_in_a_pipe_lists_problems_as_rows(corpus_copy: Path) -> None:
    (corpus_copy / QUOTE / "post.en.txt").unlink()
    result = runner.invoke(app, ["corpus", "check", "--corpus", str(corpus_copy)])
    assert result.exit_code == 1
    rows = [line.split("\t") for line in result.stdout.splitlines() if not line.startswith("#")]
    assert rows and all(QUOTE in row[0] for row in rows)
    assert result.stderr.strip()  # and the one-line problems on standard error, as always


# --- short options ------------------------------------------------------------------------------


def test_each_short_option_means_one_thing_everywhere() -> None:
    meaning: dict[str, set[str]] = {}
    for command in _commands().values():
        for param in command.params:
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts if len(o) == 2 and o.startswith("-")):
                meaning.setdefault(short, set()).update(longs)
    assert {short: longs for short, longs in meaning.items() if len(longs) != 1} == {}
    assert meaning["-q"] == {"--quiet"} and meaning["-f"] == {"--format"} and meaning["-o"] == {"--output"}


def test_help_is_plain_for_every_command() -> None:
    for name in _commands():
        text = runner.invoke(app, [*name.split(), "--help"]).stdout
        assert "Usage: tct" in text, name
        for bad in ("<bool>", "<list[", "<str>", "<path>", "{", "╭"):
            assert bad not in text.split("\n\n", 1)[0] + text.split("Options:")[-1], (name, bad)


# --- standard input and output ------------------------------------------------------------------


def test_report_to_standard_output_and_quiet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = runner.invoke(app, ["report", QUOTE, "-o", "-", "--corpus", str(SEED_CORPUS)])
    assert page.exit_code == 0 and page.stdout.startswith("<!DOCTYPE html>")
    quiet = runner.invoke(app, ["report", QUOTE, "-q", "-o", "r.html", "--corpus", str(SEED_CORPUS)])
    assert quiet.exit_code == 0 and quiet.stdout == "" and (tmp_path / "r.html").is_file()
    named = runner.invoke(app, ["report", "--quote", QUOTE, "-o", "s.html", "--corpus", str(SEED_CORPUS)])
    assert named.stdout.strip() == "s.html"  # the bare name in a pipe: `open "$(tct report)"`
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "s.html"]  # no file named "-"


def test_score_output_file_takes_the_quote_view(tmp_path: Path) -> None:
    out = tmp_path / "view.tsv"
    result = runner.invoke(
        app, ["score", str(LENIN / "post.en.txt"), "--src", str(LENIN / "original.ru.txt"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and any(line.startswith("1\t") for line in lines)


def test_corpus_add_reads_standard_input(corpus_copy: Path) -> None:
    text = (LENIN / "original.ru.txt").read_bytes()
    result = runner.invoke(
        app,
        ["corpus", "add", "from-stdin", "--original", "-", "-r", f"p={LENIN / 'post.en.txt'}", "--corpus", str(corpus_copy), "--json"],
        input=text,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["action"] == "added"
    assert (corpus_copy / "from-stdin" / "original.ru.txt").read_bytes() == text
    twice = runner.invoke(
        app, ["corpus", "add", "x", "--original", "-", "-r", "p=-", "--corpus", str(corpus_copy)]
    )
    assert twice.exit_code == 2 and "standard input" in twice.stderr


# --- user mistakes --------------------------------------------------------------------------------


def _bad(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.txt"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "directory":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    elif kind == "undecodable":
        path.write_bytes(b"\xff\xfe\x00\xd8 broken")
    elif kind == "english-as-russian":
        shutil.copy(LENIN / "published.en.txt", path)
    return path  # "missing": never created


BAD = ["empty", "directory", "missing", "binary", "undecodable"]
ORIGINAL_SLOT = {
    "score": lambda bad: ["score", str(LENIN / "post.en.txt"), "--src", str(bad)],
    "diff": lambda bad: ["diff", str(LENIN / "post.en.txt"), "--src", str(bad)],
    "align": lambda bad: ["align", str(bad), str(LENIN / "post.en.txt")],
    "score-lines": lambda bad: ["score", "--src", str(bad), "--hyp", str(LENIN / "post.en.txt")],
    "corpus-add": lambda bad: ["corpus", "add", "newq", "--original", str(bad), "-r", f"p={LENIN / 'post.en.txt'}"],
    "corpus-attach": lambda bad: ["corpus", "attach", "beria-passport-memo", "--original", str(bad), "--force"],
}  # fmt: skip


@pytest.mark.parametrize("kind", [*BAD, "english-as-russian"])
@pytest.mark.parametrize("command", ORIGINAL_SLOT)
def test_bad_files_are_one_line_naming_the_file(
    command: str, kind: str, tmp_path: Path, corpus_copy: Path
) -> None:
    bad = _bad(kind, tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    args = ORIGINAL_SLOT[command](bad)
    if args[0] == "corpus":
        args += ["--corpus", str(corpus_copy)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"tct: {bad}: "), lines
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written beside the input
    assert not (corpus_copy / "newq").exists()


# --- the README's walk-through on plain copies ------------------------------------------------------


def test_readme_two_files_walk_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("original.ru.txt", "post.en.txt", "published.en.txt"):
        shutil.copy(LENIN / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    diff = runner.invoke(app, ["diff", "post.en.txt", "--src", "original.ru.txt", "-q"])
    assert diff.exit_code == 0 and "truncation" in diff.stdout
    score = runner.invoke(app, ["score", "published.en.txt", "--src", "original.ru.txt", "--json"])
    assert json.loads(score.stdout)["renderings"][0]["fidelity"] > 0.9
    either = runner.invoke(app, ["diff", "original.ru.txt", "post.en.txt", "--json"])
    assert either.exit_code == 0 and "shown as the original" in either.stderr
    piped = runner.invoke(
        app, ["diff", "-", "--src", "original.ru.txt"], input=(tmp_path / "post.en.txt").read_bytes()
    )
    assert piped.exit_code == 0 and "<stdin>" in piped.stdout
    swapped = runner.invoke(app, ["score", "original.ru.txt", "--src", "post.en.txt"])
    assert swapped.exit_code == 1 and swapped.stderr.startswith("tct: post.en.txt: expected Russian")
    rows = runner.invoke(app, ["score", "post.en.txt", "--src", "original.ru.txt"]).stdout.splitlines()
    assert [line.split("\t")[0] for line in rows if not line.startswith("#")] == ["1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


@pytest.mark.parametrize("command", ["diff", "score"])
def test_output_file_takes_the_view_and_nothing_on_failure(command: str, tmp_path: Path) -> None:
    out = tmp_path / "view.json"
    args = [command, str(LENIN / "post.en.txt"), "--src", str(LENIN / "original.ru.txt"), "-o", str(out)]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0 and result.stdout == "", result.output
    assert json.loads(out.read_text(encoding="utf-8"))["renderings"][0]
    dash = runner.invoke(app, [*args[:-1], "-", "--json"])
    assert json.loads(dash.stdout)["renderings"][0]
    failed = tmp_path / "never.tsv"
    broken = runner.invoke(
        app, [command, str(LENIN / "post.en.txt"), "--src", str(tmp_path / "no"), "-o", str(failed)]
    )
    assert broken.exit_code == 1 and not failed.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.json"]


def test_import_reads_standard_input(corpus_copy: Path) -> None:
    for fmt in ("jsonl", "tmx", "tsv"):
        exported = runner.invoke(app, ["export", QUOTE, "-f", fmt, "-o", "-", "--corpus", str(SEED_CORPUS)])
        if fmt == "tsv":  # tsv goes to a file (its metadata sidecar beside it): pipe the table itself
            table = corpus_copy.parent / "x.tsv"
            runner.invoke(app, ["export", QUOTE, "-f", "tsv", "-o", str(table), "--corpus", str(SEED_CORPUS)])
            data = table.read_bytes()
        else:
            data = exported.stdout_bytes
        result = runner.invoke(
            app,
            ["import", "-", "-f", fmt, "--id", f"piped-{fmt}", "--corpus", str(corpus_copy), "--json"],
            input=data,
        )
        assert result.exit_code == 0, (fmt, result.output)
        assert json.loads(result.stdout)["renderings"] == ["post", "published"]
    unnamed = runner.invoke(app, ["import", "-", "--id", "x", "--corpus", str(corpus_copy)], input=b"")
    assert unnamed.exit_code == 2 and "--format" in unnamed.stderr
    empty = runner.invoke(
        app, ["import", "-", "-f", "tmx", "--id", "x", "--corpus", str(corpus_copy)], input=b""
    )
    assert empty.exit_code == 1 and empty.stderr.startswith("tct: <stdin>: empty input")
