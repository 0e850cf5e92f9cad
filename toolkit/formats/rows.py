"""Reading rows back from files: tolerant of foreign files, strict about what we cannot interpret."""

from __future__ import annotations

import json
import math
from typing import Any

from toolkit.errors import TctError
from toolkit.formats.model import Row

DEFAULT_RENDERING = "imported"


def format_ids(ids: tuple[int, ...]) -> str:
    return ",".join(map(str, ids))


def parse_ids(value: Any, where: str) -> tuple[int, ...]:
    """ "0,1" or [0, 1] to (0, 1); empty or missing to ()."""
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list) else str(value).split(",")
    try:
        ids = tuple(int(str(item).strip()) for item in items)
    except (TypeError, ValueError, OverflowError):
        raise TctError(f"sentence ids {value!r} are not a comma-separated list of numbers", where) from None
    if any(i < 0 for i in ids):
        raise TctError(f"sentence ids {value!r} include a negative number", where)
    return ids


def parse_confidence(value: Any, where: str) -> float:
    if value is None or value == "":
        return 1.0
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise TctError(f"confidence {value!r} is not a number", where) from None
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise TctError(f"confidence {value!r} is outside [0, 1]", where)
    return number


def parse_bead_number(value: Any, default: int, where: str) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        raise TctError(f"bead number {value!r} is not a whole number", where) from None


def row_from_fields(
    fields: dict[str, Any], default_bead: int, source_lang: str, rendering_lang: str, where: str
) -> Row:
    """A Row from loosely typed fields (TSV strings, JSON values, TMX props)."""
    source_text = fields.get("source_text", "")
    rendering_text = fields.get("rendering_text", "")
    if not isinstance(source_text, str) or not isinstance(rendering_text, str):
        raise TctError("segment texts must be strings", where)
    return Row(
        rendering=str(fields.get("rendering") or DEFAULT_RENDERING),
        bead=parse_bead_number(fields.get("bead"), default_bead, where),
        source_ids=parse_ids(fields.get("source_ids"), where),
        rendering_ids=parse_ids(fields.get("rendering_ids"), where),
        confidence=parse_confidence(fields.get("confidence"), where),
        source_lang=str(fields.get("source_lang") or source_lang),
        rendering_lang=str(fields.get("rendering_lang") or rendering_lang),
        source_text=source_text,
        rendering_text=rendering_text,
    )


def dumps_line(data: Any) -> str:
    """One JSON object on one line, deterministic; characters some tools treat as line ends escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for char in ("\u2028", "\u2029", "\x85"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
