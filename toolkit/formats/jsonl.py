"""JSON Lines: a first metadata record, then one object per bead."""

from __future__ import annotations

import json

from toolkit.errors import TctError
from toolkit.formats.model import Export
from toolkit.formats.rows import dumps_line, row_from_fields


def dump(export: Export) -> str:
    lines = [dumps_line({"record": "metadata", **export.document()})]
    lines += [dumps_line({"record": "bead", **row.to_dict()}) for row in export.rows]
    return "".join(line + "\n" for line in lines)


def load(text: str, where: str, source_lang: str = "ru") -> Export:
    document = None
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise TctError(f"line {number}: not valid JSON ({exc})", where) from None
        except RecursionError:
            raise TctError(f"line {number}: not valid JSON (nested too deeply)", where) from None
        if not isinstance(data, dict):
            raise TctError(f"line {number}: expected a JSON object", where)
        if data.get("record") == "metadata":
            if document is not None or rows:
                raise TctError(f"line {number}: the metadata record must come first, once", where)
            document = data
            continue
        rows.append(row_from_fields(data, len(rows), source_lang, "en", f"{where}: line {number}"))
    if document is None:
        return Export(metadata=None, rows=rows, source_lang=source_lang)
    return Export.from_document(document, rows, where)
