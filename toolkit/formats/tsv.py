"""TSV: a header row, then one row per bead (fields with tabs or quotes are quoted as in CSV).

The quote's metadata goes to a sidecar `FILE.meta.json`, so the table stays a plain table.
"""

from __future__ import annotations

import csv
import io

from toolkit.errors import TctError
from toolkit.formats.model import Export
from toolkit.formats.rows import format_ids, row_from_fields

COLUMNS = (
    "rendering",
    "bead",
    "source_ids",
    "rendering_ids",
    "confidence",
    "source_lang",
    "rendering_lang",
    "source_text",
    "rendering_text",
)


def dump(export: Export) -> str:
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in export.rows:
        writer.writerow(
            [
                row.rendering,
                row.bead,
                format_ids(row.source_ids),
                format_ids(row.rendering_ids),
                repr(row.confidence),
                row.source_lang,
                row.rendering_lang,
                row.source_text,
                row.rendering_text,
            ]
        )
    return out.getvalue()


def load(text: str, where: str, source_lang: str = "ru") -> Export:
    reader = csv.reader(io.StringIO(text, newline=""), dialect="excel-tab", strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise TctError(f"line {reader.line_num}: malformed TSV ({exc})", where) from None
    if not records:
        raise TctError("empty file, expected a header row", where)
    header = records[0]
    if "source_text" not in header or "rendering_text" not in header:
        raise TctError("the header row must name the columns source_text and rendering_text", where)
    if len(set(header)) != len(header):
        raise TctError("the header row names a column twice", where)
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not record:
            continue
        if len(record) != len(header):
            raise TctError(f"line {number}: {len(record)} fields, the header has {len(header)}", where)
        rows.append(
            row_from_fields(
                dict(zip(header, record, strict=True)),
                len(rows),
                source_lang,
                "en",
                f"{where}: line {number}",
            )
        )
    return Export(metadata=None, rows=rows, source_lang=source_lang)
