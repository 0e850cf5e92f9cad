"""Reading what the user names on the command line: a file, or standard input when the name is "-".

Every command reads through here, so `-` works everywhere and every input gets the same encoding detection
(UTF-8, UTF-16/32 with or without a mark, cp1251, KOI8-R; anything else refused, see toolkit.textio).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from toolkit.corpus import Original, Quote, Rendering
from toolkit.errors import TctError, UsageError
from toolkit.textio import Notice, decode_bytes, read_text

STDIN = "-"


def is_stdin(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDIN


def display_name(path: str | Path | None) -> str:
    """How an input is named in messages and tables ("<stdin>" for "-")."""
    if path is None:
        return ""
    return "<stdin>" if is_stdin(path) else str(path)


_peekable: list = [None, None]  # (the stream standard input was, the buffered reader around it)


def stdin_bytes() -> io.BufferedReader:
    """Standard input as bytes that can be peeked at (to sniff the encoding and language) before they are
    read: sys.stdin.buffer itself when it can, else one buffered reader kept around it."""
    stream = sys.stdin.buffer
    if hasattr(stream, "peek"):
        return stream
    if _peekable[0] is not stream:
        _peekable[:] = [stream, io.BufferedReader(stream)]
    return _peekable[1]


def read_input(path: str | Path, notice: Notice | None = None, allow_empty: bool = True) -> str:
    """The decoded text of a file, or of standard input for "-" (newlines normalised to LF)."""
    if not is_stdin(path):
        return read_text(path, notice, allow_empty=allow_empty)
    data = stdin_bytes().read()
    text = decode_bytes(data, display_name(path), notice)
    if not allow_empty and not text.strip():
        raise TctError("empty input", display_name(path))
    return text


def check_one_stdin(paths: list[str | Path | None]) -> None:
    """Standard input can be read once: refuse "-" given for two inputs."""
    if sum(is_stdin(p) for p in paths) > 1:
        raise UsageError("'-' (standard input) can stand for one input only")


def split_lines(text: str) -> list[str]:
    """A line-aligned text as its lines: only newlines end a segment, a final newline adds no empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# Where an in-memory quote "lives": nothing can exist under a device file, so no stored alignment is ever
# read for it (toolkit.align.align_quote then aligns the texts afresh) and nothing can be written there.
_NOWHERE = Path(os.devnull) / "tct-texts-from-files"


def quote_from_texts(
    source_text: str,
    rendering_text: str,
    source_name: str = "original",
    rendering_name: str = "rendering",
    source_lang: str = "ru",
    target_lang: str = "en",
) -> Quote:
    """Two texts given on the command line as a one-rendering quote, so that scoring, diff and report treat
    them exactly as a corpus quote with a complete original (aligned, never stored)."""
    original = Original(lang=source_lang, status="complete", file=source_name, text=source_text)
    rendering = Rendering(name=rendering_name, lang=target_lang, file=rendering_name, text=rendering_text)
    return Quote(
        id=source_name,
        title=f"{source_name} against {rendering_name}",
        author="",
        year=None,
        original=original,
        renderings=[rendering],
        folder=_NOWHERE,
    )
