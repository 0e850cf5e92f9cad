"""Safe writes into a corpus: one writer per quote (a lock), whole quotes staged and swapped in, nothing
read or written through a link that leaves the corpus, and the leftovers of killed writers found and removed.

Lower than `toolkit.corpus` (which uses it); knows folders and files, not quotes.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import TctError
from toolkit.textio import TEMPORARY

#: A staging folder: `.tct-stage-ID.tct<pid>.<random>` (or `.tct-import-...`, older versions had no pid).
STAGING = re.compile(r"\.tct-(?:import|stage)-(?P<id>[^.]+)\.(?:tct(?P<pid>\d+)\.)?[^/]*\Z", re.DOTALL)
#: A leftover whose writer we cannot name (no pid recorded) counts as stale after this long.
UNNAMED_WRITER_SECONDS = 3600
LOCK_WAIT_SECONDS = 60.0

_held: dict[str, tuple[int, int]] = {}  # lock path -> (fd, depth): this process's locks, re-entrant


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, every link followed, stays inside `root` (itself resolved)."""
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL
        return False


def check_inside(path: Path, root: Path) -> Path:
    """`path` if it stays inside `root`; else a one-line refusal naming it."""
    if not is_inside(path, root):
        raise TctError(f"is a link that leaves the corpus ({Path(root).resolve()}); refused", path)
    return path


@contextlib.contextmanager
def quote_lock(root: Path, quote_id: str, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the corpus's write lock while one quote is written (re-entrant within a process).

    An flock on the corpus folder itself: it leaves nothing on disk, works on a read-only file system
    and goes with the process however it dies. A second writer waits for the first (up to `wait`
    seconds), then sees its result: without --force it finds the quote there and refuses; with --force
    the last whole quote wins. Writers of different quotes of one corpus take turns too (writes are short).
    """
    key = os.path.abspath(root)
    if key in _held:
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        try:
            yield
        finally:
            fd, depth = _held[key]
            _held[key] = (fd, depth - 1)
        return
    try:
        fd = os.open(key, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise TctError(f"cannot lock the corpus for writing: {exc.strerror or exc}", root) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TctError(
                        f"another tct has been writing to this corpus for {wait:.0f} s; "
                        f"{quote_id!r} not written, try again",
                        root,
                    ) from None
                time.sleep(0.02)
        _held[key] = (fd, 1)
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)  # closing releases the flock


def stage_folder(root: Path, quote_id: str) -> Path:
    """A fresh hidden folder in the corpus to build a quote in (same file system, so it renames in)."""
    try:
        return Path(tempfile.mkdtemp(prefix=f".tct-stage-{quote_id}.tct{os.getpid()}.", dir=root))
    except OSError as exc:
        raise TctError(f"cannot write to the corpus: {exc.strerror or exc}", root) from None


def swap_in(built: Path, final: Path) -> None:
    """Put the folder `built` at `final` in one step (the old `final`, if any, ends up at `built`).

    Linux swaps two folders atomically (renameat2 RENAME_EXCHANGE); elsewhere two renames, and a crash
    between them leaves the old quote in the staging folder instead of in place (`tct corpus clean`).
    """
    if not os.path.lexists(final):
        os.rename(built, final)
        return
    if _exchange(built, final):
        return
    aside = built.with_name(built.name + ".replaced")
    os.replace(final, aside)
    try:
        os.replace(built, final)
    except BaseException:
        os.replace(aside, final)
        raise
    os.replace(aside, built)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    if sys.platform != "linux":
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def remove_tree(path: Path) -> None:
    with contextlib.suppress(OSError):
        shutil.rmtree(path)


@dataclass(frozen=True)
class Leftover:
    """A temporary file or staging folder left by a writer; `stale` when that writer is gone."""

    path: Path
    pid: int | None
    stale: bool

    def describe(self) -> str:
        kind = "staging folder" if self.path.is_dir() else "temporary file"
        writer = f"writer {self.pid}" if self.pid is not None else "its writer"
        state = f"{writer} is gone; `tct corpus clean` removes it" if self.stale else f"{writer} is running"
        return f"{kind} left by an interrupted write ({state})"


def _writer_alive(pid: int | None, path: Path) -> bool:
    if pid is None:
        try:
            return time.time() - path.lstat().st_mtime < UNNAMED_WRITER_SECONDS
        except OSError:
            return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, someone else's
        return True
    return True


def _leftover(path: Path, pattern: re.Pattern[str]) -> Leftover | None:
    match = pattern.match(path.name)
    if match is None:
        return None
    pid = int(match.group("pid")) if match.group("pid") else None
    return Leftover(path, pid, not _writer_alive(pid, path))


def leftovers(root: Path, quote_id: str | None = None) -> list[Leftover]:
    """Temporary files and staging folders in the corpus (or of one quote), live writers' included."""
    root = Path(root)
    found: list[Leftover] = []
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return found
    for entry in entries:
        if entry.is_symlink():
            continue
        if entry.is_dir() and entry.name.startswith(".tct-"):
            item = _leftover(entry, STAGING)
            if item is not None and (quote_id is None or STAGING.match(entry.name).group("id") == quote_id):
                found.append(item)
        elif entry.is_file() and quote_id is None:
            item = _leftover(entry, TEMPORARY)
            if item is not None:
                found.append(item)
        elif entry.is_dir() and not entry.name.startswith(".") and quote_id in (None, entry.name):
            with contextlib.suppress(OSError):
                for inner in sorted(entry.iterdir()):
                    if inner.is_file() and not inner.is_symlink():
                        item = _leftover(inner, TEMPORARY)
                        if item is not None:
                            found.append(item)
    return found


def clean(root: Path, quote_id: str | None = None) -> list[Path]:
    """Remove the leftovers whose writer is gone; returns what was removed."""
    removed = []
    for item in leftovers(root, quote_id):
        if not item.stale:
            continue
        if item.path.is_dir():
            remove_tree(item.path)
        else:
            with contextlib.suppress(OSError):
                item.path.unlink()
        if not item.path.exists():
            removed.append(item.path)
    return removed
