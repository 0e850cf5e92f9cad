"""Reading a shipped data file (the lexicon, WordNet): gzip'd UTF-8 text, a header line naming the format,
then sections each opened by a line `@name`. One reader, so every file fails the same way: one line saying
what is wrong and which script rebuilds it."""

from __future__ import annotations

import gzip
from pathlib import Path

from toolkit.lexicon.errors import LexiconDataMissing

__all__ = ["read_sections"]


def read_sections(
    path: Path,
    magic: str,
    sections: tuple[str, ...],
    what: str,
    script: str,
    error: type[LexiconDataMissing] = LexiconDataMissing,
) -> tuple[str, list[str]]:
    """(header line, the text of each of `sections` in order) of the file at `path`, whose header starts
    with `magic`. Lines between the header and the first section (a licence) are skipped. A missing,
    undecodable or malformed file raises `error` naming `what` it is and the `script` that rebuilds it."""
    if not path.is_file():
        raise error(f"{what} data not found at {path}; run `python {script}` to rebuild it")
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise error(f"{path}: not a tct {what} file ({exc}); rebuild it") from None
    header, _, rest = text.partition("\n")
    markers = [f"\n@{name}\n" for name in sections]
    if not header.startswith(magic) or any(marker not in "\n" + rest for marker in markers):
        raise error(f"{path}: not a tct {what} file (bad header); rebuild it")
    body = ("\n" + rest).split(markers[0], 1)[1]
    parts = []
    for marker in markers[1:]:
        part, _, body = body.partition(marker)
        parts.append(part)
    return header, [*parts, body]
