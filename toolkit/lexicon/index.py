"""Point look-ups into the shipped tables, so that scoring one pair does not read them whole.

The lexicon, the WordNet relations and lemminflect's lemma table are plain files read whole on first
use (a quarter of a second each for the lexicon and lemminflect): right for a corpus, wasted on one
sentence. `toolkit/data/lookup.sqlite`, built by `scripts/build_index.py` from exactly those files,
holds the same rows keyed by word; a `LazyTable` answers `get` / `in` from it one row at a time and,
once a run has asked for many words, reads the table whole into a dict (the old cost, paid only by the
runs that gain from it). Every table records the SHA-256 of the file it was made from and is used only
while that still matches: a rebuilt lexicon with a stale index is read from its own file, as before,
never answered from old rows.

sqlite3 is in Python's standard library; the file is opened read-only and immutable (no lock, no
journal: a read-only install works), once per thread and process (a forked worker, or a Dask thread,
opens its own: a connection is never used by two threads at once).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.lexicon.errors import DATA_DIR

__all__ = ["INDEX_PATH", "PROMOTE_AFTER", "Index", "LazyTable", "file_digest", "open_index"]

INDEX_PATH = DATA_DIR / "lookup.sqlite"
# Look-ups of one table after which it is read whole (about what a few dozen sentences ask for): below
# it a point query (a few microseconds) is cheaper, above it the dict is.
PROMOTE_AFTER = 4000
FORMAT = "tct-lookup v1"


@lru_cache(maxsize=16)
def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (hex), once per process; "" if it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


class Index:
    """The look-up file: its `meta` rows and one connection per process."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self.meta = dict(self.connection().execute("SELECT key, value FROM meta").fetchall())
        if self.meta.get("format") != FORMAT:
            raise sqlite3.DatabaseError(f"{path}: not a {FORMAT} file")

    def connection(self) -> sqlite3.Connection:
        """The connection of this thread in this process (a forked child does not reuse its parent's)."""
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is None or local.pid != os.getpid():
            conn = local.conn = sqlite3.connect(f"file:{self.path.as_posix()}?mode=ro&immutable=1", uri=True)
            local.pid = os.getpid()
        return conn

    def matches(self, table: str, source_digest: str) -> bool:
        """True if `table` was built from a file whose SHA-256 is `source_digest`."""
        return bool(source_digest) and self.meta.get(f"source:{table}") == source_digest

    def table(self, name: str, on_full: Any = None) -> LazyTable:
        return LazyTable(self, name, on_full)


@lru_cache(maxsize=4)
def _open(path: Path) -> Index | None:
    if not path.is_file():
        return None
    try:
        return Index(path)
    except sqlite3.Error:  # damaged or another format: the tables are read from their own files
        return None


def open_index(path: str | Path | None = None) -> Index | None:
    """The shipped look-up file, or None if it is absent or not one (callers then read their files)."""
    return _open(Path(path) if path is not None else INDEX_PATH)


class LazyTable:
    """A read-only mapping key -> value over one table of the index (the `get` / `in` / `[]` / iteration
    of the dict it stands for), read whole after PROMOTE_AFTER look-ups; `full()` reads it whole now.

    `on_full(dict)` is called once when that happens, so an owner can keep the dict and stop asking this
    object (a dict look-up is cheaper than any method call)."""

    __slots__ = ("_index", "_name", "_on_full", "_asked", "_query", "promoted")

    def __init__(self, index: Index, name: str, on_full: Any = None):
        self._index = index
        self._name = name
        self._on_full = on_full
        self._asked = 0
        self._query = f"SELECT value FROM {name} WHERE key = ?"  # noqa: S608 - table names are ours
        self.promoted: dict | None = None

    def get(self, key: Any, default: Any = None) -> Any:
        if self.promoted is not None:
            return self.promoted.get(key, default)
        self._asked += 1
        if self._asked > PROMOTE_AFTER:
            return self.full().get(key, default)
        row = self._index.connection().execute(self._query, (key,)).fetchone()
        return default if row is None else row[0]

    def __contains__(self, key: Any) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: Any) -> Any:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def full(self) -> dict:
        """Every row as a dict, in key order (read once)."""
        if self.promoted is None:
            rows = self._index.connection().execute(f"SELECT key, value FROM {self._name} ORDER BY key")  # noqa: S608
            self.promoted = dict(rows.fetchall())
            if self._on_full is not None:
                self._on_full(self.promoted)
        return self.promoted

    def __iter__(self):
        return iter(self.full())

    def __len__(self) -> int:
        if self.promoted is not None:
            return len(self.promoted)
        return self._index.connection().execute(f"SELECT count(*) FROM {self._name}").fetchone()[0]  # noqa: S608
