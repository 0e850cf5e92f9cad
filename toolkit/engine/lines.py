"""Read line-aligned files (source, hypothesis, references) lazily, side by side, in chunks.

Nothing here holds more than one chunk: a crawl of millions of sentence pairs streams through in constant
memory. Encodings are detected as everywhere in tct; one line is one segment; "-" is standard input.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, closing
from itertools import islice
from pathlib import Path
from typing import TypeVar

from toolkit.errors import TctError
from toolkit.inputs import display_name, is_stdin, stdin_bytes
from toolkit.textio import Notice, sniff_encoding

T = TypeVar("T")

_MISSING = object()


def _check_input(path: Path) -> None:
    if is_stdin(path):
        return
    if not path.exists():
        raise TctError("no such file", path)
    if path.is_dir():
        raise TctError("is a directory, expected a file", path)


#: How much of a file the encoding is judged from (the rules of toolkit.textio.decode_bytes).
SNIFF_BYTES = 1 << 16


def iter_lines(path: str | Path, notice: Notice | None = None) -> Iterator[str]:
    """The lines of a text file ("-": standard input) without their line ends, read as they are needed.

    The encoding is detected from the first 64 kB as every other command does (UTF-8, UTF-16/32,
    cp1251, KOI8-R; `notice` hears of a conversion); a file that stops decoding later is refused there.
    """
    path = Path(path)
    _check_input(path)
    name = display_name(path)
    number = 0
    encoding = "utf-8"
    try:
        if is_stdin(path):
            stream = stdin_bytes()
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            encoding = sniff_encoding(head, name, notice)
            handle = io.TextIOWrapper(stream, encoding=encoding, newline=None)
        else:
            with open(path, "rb") as raw:
                head = raw.read(SNIFF_BYTES)
            encoding = sniff_encoding(head, name, notice)
            handle = open(path, encoding=encoding, newline=None)  # noqa: SIM115 - closed below
        with handle:
            for number, line in enumerate(handle, 1):  # noqa: B007 - number is used after the loop
                yield line[:-1] if line.endswith("\n") else line
    except UnicodeDecodeError as exc:
        raise TctError(
            f"not valid {encoding} near line {number + 1} (byte 0x{exc.object[exc.start]:02x}); "
            "convert it to UTF-8",
            name,
        ) from None


def iter_parallel_lines(
    paths: Sequence[str | Path], notice: Notice | None = None
) -> Iterator[tuple[str, ...]]:
    """One tuple per line number, with the line of each file; all files must have the same number of lines.

    The check happens as the files are read: when one file ends before the others a TctError names it
    (the rows before it have already been yielded).
    """
    paths = [Path(p) for p in paths]
    for path in paths:
        _check_input(path)
    with ExitStack() as stack:
        readers = [stack.enter_context(closing(iter_lines(p, notice))) for p in paths]
        count = 0
        while True:
            row = tuple(next(reader, _MISSING) for reader in readers)
            if all(line is _MISSING for line in row):
                return
            if any(line is _MISSING for line in row):
                shorter = next(p for p, line in zip(paths, row, strict=True) if line is _MISSING)
                longer = next(p for p, line in zip(paths, row, strict=True) if line is not _MISSING)
                raise TctError(
                    f"has {count} line{'' if count == 1 else 's'} but {display_name(longer)} has more; "
                    "the files must be line-aligned",
                    display_name(shorter),
                )
            count += 1
            yield row  # type: ignore[misc]


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter), pulling items only as needed."""
    if size < 1:
        raise ValueError("chunk size must be at least 1")
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def count_lines(path: str | Path, block_size: int = 1 << 20) -> int:
    """The number of lines of a file, reading bytes in blocks (for the progress bar's total)."""
    count = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(block_size):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")
