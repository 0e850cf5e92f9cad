"""Writes are atomic: a failure or a kill between writing and renaming leaves the previous files intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from paths import REPO

from toolkit.corpus import load_quote, save_quote
from toolkit.errors import TctError
from toolkit.textio import write_bytes_atomic, write_text_atomic

QUOTE = "lenin-letter-to-congress"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_write_keeps_the_old_file(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "text.txt"
    write_text_atomic(path, "old\n")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(TctError, match="text.txt: cannot write: No space left on device"):
        write_text_atomic(path, "new\n" * 1000)
    monkeypatch.undo()
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["text.txt"]  # the temporary file is gone too


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_interrupted_save_quote_keeps_every_previous_file(
    failing: str, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus_copy / QUOTE
    before = _files(folder)
    quote = load_quote(folder)
    quote.title = "Changed"
    quote.original.text = "Совсем другой текст.\n"
    real = getattr(os, failing)
    calls = {"n": 0}

    def fail_on_second(*args: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:  # the first file is replaced, then the write of the second fails
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(os, failing, fail_on_second)
    with pytest.raises(KeyboardInterrupt):
        save_quote(quote)
    monkeypatch.undo()
    after = _files(folder)
    assert set(after) == set(before)  # no temporary file left behind
    # Each file is whole: either its old or its new version; quote.toml (written last) is the old one.
    assert after["quote.toml"] == before["quote.toml"]
    load_quote(folder)  # still loads


def test_killed_writer_leaves_the_old_file_whole(tmp_path: Path) -> None:
    """A real process, killed while its new version is written but not yet renamed into place."""
    target = tmp_path / "original.ru.txt"
    old = "старый текст\n" * 1000
    target.write_text(old, encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import os, sys, time
        sys.path.insert(0, {str(REPO)!r})
        from toolkit.textio import write_text_atomic
        real_fsync = os.fsync
        def slow_fsync(fd):
            real_fsync(fd)
            print("written", flush=True)
            time.sleep(60)
        os.fsync = slow_fsync
        write_text_atomic({str(target)!r}, "новый текст\\n" * 100000)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "written"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert target.read_text(encoding="utf-8") == old
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != target.name]
    assert all(name.startswith(".original.ru.txt.") and name.endswith(".tmp") for name in leftovers)


def test_killed_cli_import_leaves_the_corpus_loadable(corpus_copy: Path, tmp_path: Path) -> None:
    """`tct import --force` killed mid-way: the replaced quote is either the old or the new one, whole."""
    from toolkit.formats import build_export, export_files, write_export

    export = tmp_path / "x.jsonl"
    write_export(export_files(build_export(load_quote(corpus_copy / QUOTE)), "jsonl", export))
    before = _files(corpus_copy / "beria-passport-memo")
    script = textwrap.dedent(
        f"""
        import os, sys, time
        sys.path.insert(0, {str(REPO)!r})
        real_replace = os.replace
        def slow_replace(src, dst):
            if os.path.isdir(src):
                print("renaming", flush=True)
                time.sleep(60)
            return real_replace(src, dst)
        os.replace = slow_replace
        import toolkit.storage
        real_exchange = toolkit.storage._exchange
        def slow_exchange(a, b):
            print("renaming", flush=True)
            time.sleep(60)
            return real_exchange(a, b)
        toolkit.storage._exchange = slow_exchange
        from toolkit.cli import app
        sys.argv = ["tct", "import", {str(export)!r}, "--id", "beria-passport-memo", "--force",
                    "--corpus", {str(corpus_copy)!r}]
        app()
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "renaming"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert _files(corpus_copy / "beria-passport-memo") == before
    load_quote(corpus_copy / "beria-passport-memo")


def test_write_bytes_atomic_over_a_directory_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    with pytest.raises(TctError, match="is a directory"):
        write_bytes_atomic(tmp_path / "d", b"x")
    assert (tmp_path / "d").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["d"]


def test_atomic_write_gives_umask_mode_and_keeps_an_existing_mode(tmp_path: Path) -> None:
    import os
    import stat

    from toolkit.textio import write_text_atomic

    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        write_text_atomic(fresh, "x\n")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's private 0600
        kept = tmp_path / "kept.txt"
        kept.write_text("old\n", encoding="utf-8")
        kept.chmod(0o640)
        write_text_atomic(kept, "new\n")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(umask)
