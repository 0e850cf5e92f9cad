"""Where the corpus is: the bundled one is read-only, a user's quotes go to one documented place,
`corpus remove` and `corpus clean`, and leftovers of killed writers are reported and removed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from paths import REPO, SEED_CORPUS
from typer.testing import CliRunner

from toolkit.align.corpus import check_corpus
from toolkit.cli import app
from toolkit.corpus import Corpus, bundled_corpus_dir, resolve_corpus_dir, user_corpus_dir

runner = CliRunner()
QUOTE = "lenin-letter-to-congress"


def _texts(tmp_path: Path) -> tuple[Path, Path]:
    ru, en = tmp_path / "src.ru.txt", tmp_path / "post.en.txt"
    ru.write_text("Первое предложение. Второе предложение.\n", encoding="utf-8")
    en.write_text("The first sentence. The second sentence.\n", encoding="utf-8")
    return ru, en


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder without ./parallel, and a fresh $TCT_CORPUS."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("TCT_CORPUS", str(tmp_path / "mine"))
    return tmp_path


def test_without_corpus_or_parallel_writes_go_to_the_user_corpus(elsewhere: Path) -> None:
    ru, en = _texts(elsewhere)
    bundled_before = sorted(p.name for p in bundled_corpus_dir().iterdir())
    result = runner.invoke(
        app, ["corpus", "add", "mine-1", "--original", str(ru), "--rendering", f"post={en}"]
    )
    assert result.exit_code == 0, result.output
    assert str(elsewhere / "mine") in result.stdout.replace("\n", "")  # the message says where
    assert (elsewhere / "mine" / "mine-1" / "quote.toml").is_file()
    assert sorted(p.name for p in bundled_corpus_dir().iterdir()) == bundled_before
    # Reading shows the user's quote and the bundled ones beneath it.
    ids = Corpus(resolve_corpus_dir()).ids()
    assert "mine-1" in ids and QUOTE in ids
    assert user_corpus_dir() == elsewhere / "mine"


def test_first_import_creates_the_user_corpus(elsewhere: Path) -> None:
    export = elsewhere / "q.jsonl"
    result = runner.invoke(app, ["export", QUOTE, "-f", "jsonl", "-o", str(export)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["import", str(export), "--id", "copied"])
    assert result.exit_code == 0, result.output
    assert (elsewhere / "mine" / "copied" / "quote.toml").is_file()
    assert str(elsewhere / "mine") in result.stdout.replace("\n", "")


def test_reading_without_a_user_corpus_shows_the_bundled_one(elsewhere: Path) -> None:
    assert resolve_corpus_dir() == bundled_corpus_dir()
    result = runner.invoke(app, ["corpus", "list", "--json"])
    assert result.exit_code == 0 and QUOTE in result.stdout
    assert not (elsewhere / "mine").exists()  # reading creates nothing


def test_default_user_location_is_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("TCT_CORPUS", raising=False)
    assert user_corpus_dir() == platformdirs.user_data_path("tct") / "corpus"


def test_bundled_quotes_are_never_written(elsewhere: Path) -> None:
    """Through the user corpus, a bundled quote is read-only: align keeps it, attach and remove refuse."""
    ru, en = _texts(elsewhere)
    runner.invoke(app, ["corpus", "add", "mine-1", "--original", str(ru), "--rendering", f"post={en}"])
    before = {p.name: p.read_bytes() for p in (bundled_corpus_dir() / QUOTE).iterdir()}
    result = runner.invoke(app, ["align", QUOTE, "--force", "--json"])
    assert result.exit_code == 0, result.output
    assert '"kept-read-only"' in result.stdout
    for argv in (["corpus", "attach", QUOTE, "--rendering", f"x={en}"], ["corpus", "remove", QUOTE, "--yes"]):
        result = runner.invoke(app, argv)
        assert result.exit_code == 1 and "read-only" in result.stderr, result.output
        assert len(result.stderr.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in (bundled_corpus_dir() / QUOTE).iterdir()} == before


def test_read_only_install(tmp_path: Path) -> None:
    """A read-only copy of the package with its corpus in toolkit/_corpus: add goes to $TCT_CORPUS,
    align --all changes nothing in the package, reading works."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "toolkit", site / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SEED_CORPUS, site / "toolkit" / "_corpus")
    for path in [site, *site.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    ru, en = _texts(tmp_path)
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TCT_CORPUS": str(tmp_path / "mine"),
           "PYTHONDONTWRITEBYTECODE": "1"}  # fmt: skip

    def tct(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "toolkit", *argv],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    try:
        listing = tct("corpus", "list", "--json")
        assert listing.returncode == 0 and QUOTE in listing.stdout, listing.stderr
        before = {str(p): p.read_bytes() for p in (site / "toolkit" / "_corpus").rglob("*") if p.is_file()}
        added = tct("corpus", "add", "mine-1", "--original", str(ru), "--rendering", f"post={en}")
        assert added.returncode == 0, added.stderr
        assert str(tmp_path / "mine") in added.stdout.replace("\n", "")
        aligned = tct("align", "mine-1")
        assert aligned.returncode == 0, aligned.stderr
        assert (tmp_path / "mine" / "mine-1" / "post.align.toml").is_file()
        everything = tct("align", "--all", "--json")
        assert everything.returncode == 0, everything.stderr
        assert "kept-read-only" in everything.stdout
        after = {str(p): p.read_bytes() for p in (site / "toolkit" / "_corpus").rglob("*") if p.is_file()}
        assert after == before
    finally:
        for path in [site, *site.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_corpus_remove_asks_or_takes_yes(corpus_copy: Path) -> None:
    result = runner.invoke(app, ["corpus", "remove", QUOTE, "--corpus", str(corpus_copy)], input="n\n")
    assert result.exit_code == 1 and (corpus_copy / QUOTE).is_dir()
    assert "tct: nothing removed" in result.stderr
    result = runner.invoke(app, ["corpus", "remove", QUOTE, "--corpus", str(corpus_copy)], input="")
    assert result.exit_code == 1 and (corpus_copy / QUOTE).is_dir()
    result = runner.invoke(
        app, ["corpus", "remove", "beria-passport-memo", "--corpus", str(corpus_copy)], input="y\n"
    )
    assert result.exit_code == 0 and not (corpus_copy / "beria-passport-memo").exists()
    result = runner.invoke(app, ["corpus", "remove", QUOTE, "--yes", "--corpus", str(corpus_copy)])
    assert result.exit_code == 0, result.output
    assert not (corpus_copy / QUOTE).exists()
    assert not [p for p in corpus_copy.iterdir() if p.name.startswith(".tct-")]
    assert check_corpus(corpus_copy) == []
    result = runner.invoke(app, ["corpus", "remove", QUOTE, "--yes", "--corpus", str(corpus_copy)])
    assert result.exit_code == 1 and "unknown quote id" in result.stderr


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_leftovers_reported_and_cleaned(corpus_copy: Path) -> None:
    """Stale temporary files and staging folders (writer gone) are reported and removed; a live writer's are kept."""
    dead = _dead_pid()
    folder = corpus_copy / QUOTE
    stale_tmp = folder / f".post.en.txt.tct{dead}.abc123.tmp"
    stale_tmp.write_text("half", encoding="utf-8")
    stale_stage = corpus_copy / f".tct-stage-{QUOTE}.tct{dead}.xyz"
    (stale_stage / QUOTE).mkdir(parents=True)
    (stale_stage / QUOTE / "big.txt").write_bytes(b"x" * 100_000)
    live_tmp = folder / f".post.en.txt.tct{os.getpid()}.live.tmp"
    live_tmp.write_text("being written", encoding="utf-8")
    problems = check_corpus(corpus_copy)
    assert {p.path for p in problems} == {str(stale_tmp), str(stale_stage)}, problems
    assert all("tct corpus clean" in p.message for p in problems)
    result = runner.invoke(app, ["corpus", "check", "--corpus", str(corpus_copy)])
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 2
    result = runner.invoke(app, ["corpus", "clean", "--corpus", str(corpus_copy)])
    assert result.exit_code == 0, result.output
    assert not stale_tmp.exists() and not stale_stage.exists() and live_tmp.exists()
    assert check_corpus(corpus_copy) == []


def test_next_write_of_a_quote_removes_its_stale_leftovers(corpus_copy: Path, tmp_path: Path) -> None:
    dead = _dead_pid()
    stale = corpus_copy / f".tct-import-artem-telegram-6953.tct{dead}.q"
    stale.mkdir()
    extra = tmp_path / "x.en.txt"
    extra.write_text("More.\n", encoding="utf-8")
    argv = [
        "corpus",
        "attach",
        "artem-telegram-6953",
        "--rendering",
        f"x={extra}",
        "--corpus",
        str(corpus_copy),
    ]
    assert runner.invoke(app, argv).exit_code == 0
    assert not stale.exists()


def test_killed_import_leaves_a_leftover_that_check_reports(corpus_copy: Path, tmp_path: Path) -> None:
    """kill -9 in the middle of an import: the corpus is as it was, check names the staging folder, clean removes it."""
    import signal
    import textwrap

    from toolkit.corpus import load_quote
    from toolkit.formats import build_export, export_files, write_export

    export = tmp_path / "x.jsonl"
    write_export(export_files(build_export(load_quote(corpus_copy / QUOTE)), "jsonl", export))
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(REPO)!r})
        import toolkit.storage
        def stuck(built, final):
            print("swapping", flush=True)
            time.sleep(60)
        toolkit.storage.swap_in = stuck
        import toolkit.formats
        toolkit.formats.swap_in = stuck
        from toolkit.cli import app
        sys.argv = ["tct", "import", {str(export)!r}, "--id", "fresh", "--corpus", {str(corpus_copy)!r}]
        app()
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "swapping"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert not (corpus_copy / "fresh").exists()
    problems = check_corpus(corpus_copy)
    assert len(problems) == 1 and ".tct-stage-fresh" in problems[0].path, problems
    runner.invoke(app, ["corpus", "clean", "--corpus", str(corpus_copy)])
    assert check_corpus(corpus_copy) == []


def test_clean_without_corpus_looks_where_writes_go(elsewhere: Path) -> None:
    """Before the user corpus holds a quote, reading shows the bundled one; clean must still look in the
    user corpus, where an interrupted first write leaves its staging folder."""
    mine = Path(os.environ["TCT_CORPUS"])
    stale = mine / f".tct-stage-fresh.tct{_dead_pid()}.q"
    stale.mkdir(parents=True)
    result = runner.invoke(app, ["corpus", "clean"])
    assert result.exit_code == 0, result.output
    assert not stale.exists() and str(mine) in result.output
