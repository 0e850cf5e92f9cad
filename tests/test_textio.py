"""Reading text: UTF-8 with or without BOM, Russian legacy encodings converted, never mojibake."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import SEED_CORPUS

from toolkit.errors import TctError
from toolkit.textio import decode_bytes, normalise_newlines, read_text, sniff_encoding, write_text_atomic

ORIGINALS = sorted(SEED_CORPUS.glob("*/original.ru.txt"))
SHORT_RUSSIAN = ["Да\n", "Привет, мир.\n", "СССР И КПСС\n", "Тов. Сталин, сделавшись генсеком.\n"]
FRENCH = [
    "Où est l'été? À bientôt, garçon! Très élégant, déjà vu.\n",
    "Été\n",
    "Le cœur a ses raisons que la raison ne connaît point.\n",
    "Ça\n",
]
RUSSIAN_ENCODINGS = ["cp1251", "koi8_r", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf-8-sig"]


def _decode(data: bytes) -> tuple[str, list[str]]:
    notes: list[str] = []
    return decode_bytes(data, "sample.txt", notes.append), notes


def _russian_samples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in ORIGINALS] + SHORT_RUSSIAN


@pytest.mark.parametrize("encoding", RUSSIAN_ENCODINGS)
def test_russian_text_in_every_common_encoding_decodes_exactly(encoding: str) -> None:
    decoded = 0
    for text in _russian_samples():
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue  # KOI8-R has no «» or —: such a text cannot have been written in it
        result, notes = _decode(data)
        assert result == text
        if encoding not in ("utf-8-sig",):
            assert len(notes) == 1 and "converted" in notes[0]
        decoded += 1
    assert decoded >= 3


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "mac_roman"])
def test_latin_french_is_never_read_as_cyrillic(encoding: str) -> None:
    for text in FRENCH:
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        try:
            result, _ = _decode(data)
        except TctError as exc:
            assert "convert it to UTF-8" in str(exc) and str(exc).startswith("sample.txt: ")
            continue
        assert result == text, f"{text!r} in {encoding} read as {result!r}"


@pytest.mark.parametrize("encoding", ["mac_cyrillic", "cp866", "iso8859_5"])
def test_other_cyrillic_encodings_are_refused_or_right(encoding: str) -> None:
    for text in _russian_samples():
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        try:
            result, _ = _decode(data)
        except TctError:
            continue
        assert result == text, f"mojibake from {encoding}: {result[:40]!r}"


def test_utf8_is_taken_as_written() -> None:
    text = "Å (A + ring), ﬁ ligature, NBSP\u00a0here, stress mark вы\u0301ход, \u2028 kept\n"
    result, notes = _decode(text.encode("utf-8"))
    assert result == text and notes == []
    assert _decode(b"\xef\xbb\xbf" + text.encode("utf-8"))[0] == text


def test_line_endings_are_normalised() -> None:
    assert _decode("а\r\nб\rв\n".encode())[0] == "а\nб\nв\n"
    assert normalise_newlines("x\r\n\r\ny") == "x\n\ny"
    assert _decode("а\r\nб".encode("utf-16"))[0] == "а\nб"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(256)),
        b"\x00" * 10,
        b"\xff\xfe\x00\x00\x01\x00\x00\x00",  # UTF-32 BOM, then a control character
        b"\xff\xfe\x01\x00",  # UTF-16 BOM, then a control character
        b"\xff\xfe\x00\xd8",  # a lone surrogate
        "текст ".encode() * 20000 + b"\x00",  # a NUL far into the file
    ],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(TctError) as info:
        _decode(data)
    assert str(info.value).startswith("sample.txt: ")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    try:
        result, _ = _decode(data)
    except TctError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(result, str) and "\r" not in result


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_utf8_text_round_trips_except_line_endings(text: str) -> None:
    data = text.encode("utf-8")
    if b"\x00" in data:
        return
    assert _decode(data)[0] == normalise_newlines(text.removeprefix("\ufeff"))


def test_read_text_problems_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(TctError, match="no such file"):
        read_text(tmp_path / "absent.txt")
    with pytest.raises(TctError, match="is a directory"):
        read_text(tmp_path)
    (tmp_path / "empty.txt").write_text("  \n")
    with pytest.raises(TctError, match="empty file") as info:
        read_text(tmp_path / "empty.txt", allow_empty=False)
    assert info.value.path == str(tmp_path / "empty.txt")
    assert read_text(tmp_path / "empty.txt") == "  \n"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(TctError, match="cannot read"):
        read_text(path)


def test_write_text_atomic_replaces_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "out.txt"
    write_text_atomic(path, "первый\n")
    write_text_atomic(path, "второй\n")
    assert path.read_text(encoding="utf-8") == "второй\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["out.txt"]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r", "utf-16", "utf-16-le", "utf-32"]
)
def test_sniff_encoding_for_streaming_readers(encoding: str, tmp_path: Path) -> None:
    text = "".join(
        p.read_text(encoding="utf-8") for p in ORIGINALS if p.parent.name == "lenin-letter-to-congress"
    )
    data = text.encode(encoding)
    # A head that cuts a character in two still reads as what the whole file is.
    for cut in (len(data), 41, 40):
        chosen = sniff_encoding(data[:cut], "f.txt")
        assert data.decode(chosen).lstrip("\ufeff") == text, (cut, chosen)
    with pytest.raises(TctError, match="binary"):
        sniff_encoding(b"\x89PNG\x00\x00\x01", "f.png")


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("kind", ["any-byte", "no-nul", "high-half", "ascii-range"])
def test_random_bytes_are_not_a_russian_text(kind: str, seed: int) -> None:
    """4 KB of random bytes is refused, whichever range: any byte sequence decodes as cp1251, so the
    decoder must also judge whether the result reads as text."""
    import random

    rng = random.Random(seed)
    low, high = {"any-byte": (0, 255), "no-nul": (1, 255), "high-half": (0x80, 255), "ascii-range": (1, 127)}[
        kind
    ]
    data = bytes(rng.randint(low, high) for _ in range(4096))
    with pytest.raises(TctError):
        decode_bytes(data, "random.bin")


def test_a_stray_escape_is_text_but_control_soup_is_not() -> None:
    text = "Текст с \x1b[31mцветом\x1b[0m.\n"
    assert decode_bytes(text.encode(), "x") == text  # shown escaped on a terminal, not refused
    soup = "".join(chr(1 + i % 30) + "a" for i in range(500)).encode()
    with pytest.raises(TctError, match="control characters"):
        decode_bytes(soup, "soup.txt")


def test_atomic_write_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_text_atomic(link, "new\n")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new\n"
