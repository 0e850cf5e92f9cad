"""Reading and writing text files safely: strict decoding, no mojibake, atomic writes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from toolkit.errors import TctError

#: Encodings we accept when a file is not UTF-8: the ones Russian text is commonly found in.
FALLBACK_ENCODINGS = ("cp1251", "koi8_r", "utf_16")

Notice = Callable[[str], None]


def _looks_binary(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with BOM has NUL bytes but is text
    return b"\x00" in data[:65536]


def decode_bytes(data: bytes, path: str | Path, notice: Notice | None = None) -> str:
    """Decode file bytes: UTF-8 (BOM allowed) first, then a detected Russian legacy encoding.

    Anything we cannot decode with confidence is refused rather than turned into mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TctError(f"invalid UTF-16 at byte {exc.start}", path) from None
        if notice:
            notice(f"{path}: read as UTF-16 and converted")
        return normalise_newlines(text)
    if _looks_binary(data):
        raise TctError("binary file (contains NUL bytes), expected UTF-8 text", path)
    try:
        return normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    encoding = _detect_legacy(data)
    if encoding is None:
        raise TctError(
            f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
            "and not recognisably cp1251, KOI8-R or UTF-16; convert it to UTF-8",
            path,
        )
    if notice:
        notice(f"{path}: not UTF-8; read as {encoding} and converted")
    return normalise_newlines(data.decode(encoding))


def _detect_legacy(data: bytes) -> str | None:
    """Pick cp1251 or KOI8-R with charset-normalizer, only when the result reads as Cyrillic text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)).best()
    if best is None:
        return None
    encoding = best.encoding.lower().replace("-", "_")
    if encoding not in FALLBACK_ENCODINGS:
        return None
    text = str(best)
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if letters and cyrillic / len(letters) < 0.3:
        return None
    # KOI8-R and cp1251 both decode any byte; the wrong one gives mostly upper-case Cyrillic.
    if encoding in ("cp1251", "koi8_r") and letters:
        upper = sum(c.isupper() for c in letters) / len(letters)
        if upper > 0.6:
            other = "koi8_r" if encoding == "cp1251" else "cp1251"
            alt = data.decode(other, errors="replace")
            alt_letters = [c for c in alt if c.isalpha()]
            if alt_letters and sum(c.isupper() for c in alt_letters) / len(alt_letters) < upper:
                return other
    return encoding


def normalise_newlines(text: str) -> str:
    """CRLF and CR become LF; the text itself is kept as written (no Unicode normalisation)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | Path, notice: Notice | None = None, allow_empty: bool = True) -> str:
    """Read a text file for the user, turning every OS or decoding problem into a TctError."""
    path = Path(path)
    if not path.exists():
        raise TctError("no such file", path)
    if path.is_dir():
        raise TctError("is a directory, expected a file", path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TctError(f"cannot read: {exc.strerror or exc}", path) from None
    text = decode_bytes(data, path, notice)
    if not allow_empty and not text.strip():
        raise TctError("empty file", path)
    return text


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write through a temporary file in the same folder and rename, so a crash never leaves half a file."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
