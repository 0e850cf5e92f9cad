"""Moses: two line-aligned plain-text files, PREFIX.<source lang> and PREFIX.<rendering lang>.

Line n of one file translates line n of the other. Bead ids, confidences and the quote's metadata go to
a sidecar `PREFIX.meta.json`; without it, each line pair imports as one bead.
"""

from __future__ import annotations

from toolkit.errors import TctError
from toolkit.formats.model import Export, Row
from toolkit.formats.rows import row_from_fields


def languages(export: Export) -> tuple[str, str]:
    targets = sorted({row.rendering_lang for row in export.rows})
    if len(targets) != 1:
        raise TctError(
            f"Moses files hold one language per side, but the renderings are in {', '.join(targets)}"
        )
    if targets[0] == export.source_lang:
        raise TctError(f"Moses files need two languages, but both sides are {targets[0]!r}")
    return export.source_lang, targets[0]


def dump(export: Export) -> tuple[str, str]:
    """The two files' contents (source, rendering)."""
    return (
        "".join(row.source_text + "\n" for row in export.rows),
        "".join(row.rendering_text + "\n" for row in export.rows),
    )


def split_lines(text: str, where: str) -> list[str]:
    """Lines as Moses sees them: only LF ends a line."""
    if text and not text.endswith("\n"):
        text += "\n"
    return text.split("\n")[:-1]


def load(
    source_text: str,
    rendering_text: str,
    source_lang: str,
    rendering_lang: str,
    source_where: str,
    rendering_where: str,
    row_fields: list[dict] | None,
) -> list[Row]:
    source_lines = split_lines(source_text, source_where)
    rendering_lines = split_lines(rendering_text, rendering_where)
    if len(source_lines) != len(rendering_lines):
        raise TctError(
            f"has {len(rendering_lines)} lines but {source_where} has {len(source_lines)}; "
            "Moses files must be line-aligned",
            rendering_where,
        )
    if row_fields is not None and len(row_fields) != len(source_lines):
        raise TctError(
            f"has {len(source_lines)} lines but its metadata describes {len(row_fields)} beads", source_where
        )
    rows = []
    for number, (source, rendering) in enumerate(zip(source_lines, rendering_lines, strict=True)):
        fields = dict(row_fields[number]) if row_fields is not None else {}
        if not isinstance(fields, dict):
            raise TctError(f"bead {number} of the metadata is not an object", source_where)
        fields.update(source_text=source, rendering_text=rendering)
        fields.update(source_lang=source_lang, rendering_lang=rendering_lang)
        rows.append(
            row_from_fields(fields, number, source_lang, rendering_lang, f"{source_where}: line {number + 1}")
        )
    return rows
