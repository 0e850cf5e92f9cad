"""The one reader of shipped data files (toolkit.lexicon.datafile): sections, and one error for every fault."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from toolkit.lexicon.datafile import read_sections
from toolkit.lexicon.errors import LexiconDataMissing
from toolkit.lexicon.lexicon import Lexicon


def _write(path: Path, text: str) -> Path:
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


def test_sections_in_order_after_a_preamble(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.tsv.gz", "#fmt v1\tn=2\n# licence\n@one\na\tb\n@two\nc\n")
    header, parts = read_sections(path, "#fmt v1", ("one", "two"), "test", "scripts/x.py")
    assert header == "#fmt v1\tn=2"
    assert parts == ["a\tb", "c\n"]


@pytest.mark.parametrize(
    "content",
    [b"", b"not gzip at all", gzip.compress(b"\xff\xfe"), gzip.compress(b"#fmt v1\n@one\nonly one\n")],
)
def test_every_bad_file_is_one_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.tsv.gz"
    path.write_bytes(content)
    with pytest.raises(LexiconDataMissing, match="not a tct test file"):
        read_sections(path, "#fmt v1", ("one", "two"), "test", "scripts/x.py")


def test_a_missing_file_names_the_script_that_rebuilds_it(tmp_path: Path) -> None:
    with pytest.raises(LexiconDataMissing, match=r"python scripts/x\.py"):
        read_sections(tmp_path / "absent.tsv.gz", "#fmt v1", ("one",), "test", "scripts/x.py")


def test_a_damaged_lexicon_is_the_lexicon_error_not_a_gzip_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "lexicon.tsv.gz"
    bad.write_bytes(b"not gzip at all")
    with pytest.raises(LexiconDataMissing, match="not a tct lexicon file"):
        Lexicon.read_file(bad)
