"""Reading and writing text files safely: strict decoding, no mojibake, atomic writes."""

from __future__ import annotations

import contextlib
import errno
import math
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from toolkit.errors import TctError

#: Encodings we accept when a file is not UTF-8: the ones Russian text is commonly found in.
FALLBACK_ENCODINGS = ("cp1251", "koi8_r", "utf_16")

Notice = Callable[[str], None]


# Relative frequencies of Russian letters (per cent): a reading in the wrong one-byte encoding scores far
# lower, because cp1251 and KOI8-R put different letters (and cases) on the same bytes.
RUSSIAN_LETTER_FREQUENCY = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73, "в": 4.54,
    "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74,
    "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64,
    "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}  # fmt: skip
# Letters of other Cyrillic alphabets that a mis-decoded Russian text is full of (e.g. Mac Cyrillic read as cp1251).
NON_RUSSIAN_CYRILLIC = set("ЂЃЉЊЌЋЏђѓљњќћџЎўЈјҐґЄєЇїІі")
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
LOWER_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[^\w\s]{0,2}[а-яё]", re.MULTILINE)
BOX_IN_WORD = re.compile(r"[^\W\d_][^\s\u2500-\u259f]*[\u2500-\u259f]|[\u2500-\u259f]\S*?[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data


def _plausibility(text: str) -> float | None:
    """How much `text` reads like real (Russian or Latin-script) text; None when it cannot be text at all.

    Penalises what decoding with the wrong table produces: control characters, capitals inside
    lower-case words, letters of other Cyrillic alphabets, words mixing Latin and Cyrillic letters.
    """
    if CONTROL.search(text):
        return None
    words = WORD.findall(text)
    if not words:
        return None
    mixed = sum(0 < sum(_is_cyrillic(c) for c in word) < len(word) for word in words)
    if mixed > len(words) * 0.02:
        return None  # Latin and Cyrillic inside words: a Latin text read through a Cyrillic table
    flipped = sum(any(a.islower() and b.isupper() for a, b in zip(w, w[1:], strict=False)) for w in words)
    if flipped > len(words) * 0.05:
        return None  # "дБ", "пРИВЕТ": capitals inside lower-case words
    score = 0.0
    letters = 0
    for word in words:
        if any(c in NON_RUSSIAN_CYRILLIC for c in word):
            score -= 6.0
        for char in word:
            letters += 1
            if _is_cyrillic(char):
                score += math.log(RUSSIAN_LETTER_FREQUENCY.get(char.lower(), 0.02))
    # A sentence (or the text) that starts with a lower-case Cyrillic letter: where a wrong table turned
    # the capital into punctuation (Mac Cyrillic read as cp1251: "Тов. Сталин" becomes "’ов. ‘талин").
    score -= 3.0 * len(LOWER_SENTENCE_START.findall(text))
    # Box-drawing and block characters glued to letters: what KOI8-R makes of another encoding's bytes.
    if BOX_IN_WORD.search(text):
        return None
    return score / max(letters, 1)


def _common_script_share(text: str) -> float:
    """Share of characters in ASCII, Latin-1, Cyrillic or general punctuation: near 1 for a right reading."""
    common = sum(c < "\u0250" or "\u0400" <= c <= "\u04ff" or "\u2000" <= c <= "\u206f" for c in text)
    return common / max(len(text), 1)


def decode_bytes(data: bytes, path: str | Path, notice: Notice | None = None) -> str:
    """Decode file bytes: UTF-8 (BOM allowed) first, then UTF-16/32 or a detected Russian legacy encoding.

    Anything we cannot decode with confidence is refused rather than turned into mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, encoding in (
        (b"\xff\xfe\x00\x00", "utf_32"),
        (b"\x00\x00\xfe\xff", "utf_32"),
        (b"\xff\xfe", "utf_16"),
        (b"\xfe\xff", "utf_16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise TctError(
                    f"invalid {encoding.upper().replace('_', '-')} at byte {exc.start}", path
                ) from None
            if CONTROL.search(text):
                raise TctError("binary file (control characters after a UTF-16/32 mark)", path)
            if notice:
                notice(f"{path}: read as {encoding.upper().replace('_', '-')} and converted")
            return normalise_newlines(text)
    if _looks_binary(data):
        encoding = _detect_utf16_without_bom(data)
        if encoding is None:
            raise TctError("binary file (contains NUL bytes), expected UTF-8 text", path)
        if notice:
            notice(f"{path}: read as {_shown(encoding)} (no byte-order mark) and converted")
        return normalise_newlines(data.decode(encoding))
    try:
        return _check_text(normalise_newlines(data.decode("utf-8")), path)
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
        notice(f"{path}: not UTF-8; read as {_shown(encoding)} and converted")
    return normalise_newlines(data.decode(encoding))


#: A text may hold a stray control character (shown escaped on a terminal); more than this share of
#: them, or of unassigned and private-use code points, means the bytes are not text at all.
MAX_CONTROL_SHARE = 0.01
MAX_UNASSIGNED_SHARE = 0.05


def _shown(encoding: str) -> str:
    """An encoding as the README and the messages name it (KOI8-R, UTF-16-LE, cp1251), not Python's
    codec name (koi8_r)."""
    return encoding if encoding == "cp1251" else encoding.upper().replace("_", "-")


def _check_text(text: str, path: str | Path) -> str:
    """Refuse valid UTF-8 that is not text: control characters or unassigned code points throughout."""
    size = max(len(text), 1)
    controls = len(CONTROL.findall(text))
    if controls > max(8, MAX_CONTROL_SHARE * size):
        raise TctError(f"binary file ({controls} control characters), expected text", path)
    if size >= 64:
        odd = sum(unicodedata.category(c) in ("Co", "Cn", "Cs") for c in text)
        if odd > MAX_UNASSIGNED_SHARE * size:
            raise TctError(f"not text ({odd} unassigned or private-use characters)", path)
    return text


def sniff_encoding(head: bytes, path: str | Path, notice: Notice | None = None) -> str:
    """The codec to stream a file with, judged from its first bytes by the rules of `decode_bytes`.

    For readers that cannot hold the whole file: pass the first 64 kB or so; the answer ("utf-8-sig",
    "utf-16", "cp1251", ...) goes to `open(path, encoding=...)`. Raises TctError where decode_bytes would.
    """
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32")):
        if head.startswith(bom):
            return encoding
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if _looks_binary(head):
        encoding = _detect_utf16_without_bom(head[: len(head) // 2 * 2])
        if encoding is None:
            raise TctError("binary file (contains NUL bytes), expected UTF-8 text", path)
        if notice:
            notice(f"{path}: read as {_shown(encoding)} (no byte-order mark) and converted")
        return encoding
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(head) - 3:
            return "utf-8"  # the sample cut a character in two
        first_error = exc
    encoding = _detect_legacy(head)
    if encoding is None:
        raise TctError(
            f"not valid UTF-8 (byte 0x{head[first_error.start]:02x} at offset {first_error.start}) "
            "and not recognisably cp1251, KOI8-R or UTF-16; convert it to UTF-8",
            path,
        )
    if notice:
        notice(f"{path}: not UTF-8; read as {_shown(encoding)} and converted")
    return encoding


def _detect_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE without a byte-order mark, when exactly one of them reads as text."""
    if len(data) % 2:
        return None
    readings = []
    for encoding in ("utf_16_le", "utf_16_be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausibility(text) is not None and _common_script_share(text) > 0.95:
            readings.append(encoding)
    return readings[0] if len(readings) == 1 else None


def _detect_legacy(data: bytes) -> str | None:
    """cp1251 or KOI8-R, only when one reading is clearly Russian text and clearly beats the other.

    charset-normalizer gives a first opinion; a Russian letter-frequency score settles cp1251 against
    KOI8-R (both decode any byte) and refuses text in other alphabets (Latin-1 French is not Cyrillic).
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS)).best()
    if best is None:
        return None
    scores = {}
    for encoding in ("cp1251", "koi8_r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue  # cp1251 leaves 0x98 undefined
        letters = [c for c in text if c.isalpha()]
        cyrillic = sum(_is_cyrillic(c) for c in letters)
        score = _plausibility(text)
        if score is None or not letters or cyrillic / len(letters) < 0.3:
            continue
        scores[encoding] = score
    if not scores:
        return None
    ranked = sorted(scores, key=scores.get, reverse=True)
    winner = ranked[0]
    # Mac Cyrillic differs from cp1251 mostly in capitals; if it reads better, neither guess is safe.
    mac = data.decode("mac_cyrillic")
    mac_score = _plausibility(mac)
    if mac != data.decode(winner) and mac_score is not None and mac_score > scores[winner]:
        return None
    if scores[winner] < -5.0:
        return None  # even the better reading is not Russian (a mis-read of another alphabet)
    if len(ranked) == 2 and scores[winner] - scores[ranked[1]] < 0.5:
        return None  # too close to call: refuse rather than guess
    return winner


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
    """Atomic write of `data` (see `atomic_output`)."""
    with atomic_output(path, binary=True) as handle:
        handle.write(data)


#: The temporary files of `atomic_output`: `.NAME.tct<pid>.<random>.tmp`, so a later run can tell
#: whether the writer is still alive (`toolkit.storage.leftovers`).
TEMPORARY = re.compile(r"\.(?P<name>.+?)\.(?:tct(?P<pid>\d+)\.)?[^./]+\.tmp\Z", re.DOTALL)


def temporary_prefix(name: str) -> str:
    """The prefix of a temporary file for `name` written by this process."""
    return f".{name}.tct{os.getpid()}."


@contextlib.contextmanager
def atomic_output(path: str | Path, binary: bool = False) -> Iterator[IO[Any]]:
    """A handle whose content replaces `path` only when the block ends without an exception.

    The one atomic writer of the project. A regular file (or a link to one: the link stays, its target
    is replaced) is written through a temporary file in the same folder, fsynced and renamed over, and
    keeps its mode (a new file gets the umask mode, not mkstemp's private 0600). Anything else that
    exists already (a FIFO, /dev/stdout, /dev/full, a link to one) is written through, never replaced,
    as the shell's `>` would.
    """
    path = Path(path)
    if str(path) == "" or "\x00" in str(path):
        raise TctError("not a usable file name", repr(str(path)))
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise TctError(f"cannot write: {exc.strerror or exc}", path) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise TctError("is a directory, expected an output file", path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        yield from _write_through(path, binary)
        return
    named = path  # what the user gave: errors name it, never the hidden temporary file
    if path.is_symlink():
        path = path.resolve()  # replace the link's target, keep the link
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _cannot_write(exc, named) from None
    try:
        with os.fdopen(fd, "wb" if binary else "w", **_text_options(binary)) as handle:
            try:
                yield handle
            except OSError as exc:
                if exc.filename is None and exc.errno in WRITE_ERRNOS:  # our handle's write failed
                    raise _cannot_write(exc, named) from None
                raise  # the caller's own (a file it reads, say): unchanged
            try:
                os.fchmod(handle.fileno(), _mode_for(path))
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                raise _cannot_write(exc, named) from None
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise _cannot_write(exc, named) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


#: Errors of a write that no file name explains (full disk, quota, device, read-only file system): a write
#: to a file of ours, or to standard output; anything else a block raises is the caller's own and passes
#: unchanged.
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})


def _cannot_write(exc: OSError, path: Path) -> TctError:
    return TctError(f"cannot write: {exc.strerror or exc}", path)


def _write_through(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """Write into an existing special file (FIFO, device): no temporary file, no rename."""
    try:
        with open(path, "wb" if binary else "w", **_text_options(binary)) as handle:
            yield handle
            handle.flush()
    except OSError as exc:
        raise TctError(f"cannot write: {exc.strerror or exc}", path) from None


def _text_options(binary: bool) -> dict[str, str]:
    return {} if binary else {"encoding": "utf-8", "newline": "\n"}


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
