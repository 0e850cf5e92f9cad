"""The alignment file of a rendering (`<name>.align.toml`): beads over sentence spans, checked or not.

Sentences are stored as character spans, so an alignment stays valid when the segmenter improves; the
texts' SHA-256 tell when a text was edited after it was aligned.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from toolkit.align.beads import Bead, coverage_problems
from toolkit.corpus import parse_toml
from toolkit.errors import TctError
from toolkit.textio import read_text, write_text_atomic

#: Largest alignment file read: spans and beads of a 100,000-sentence text take some 20 MB.
MAX_ALIGNMENT_CHARS = 256 << 20

HEADER = (
    "# tct alignment: beads pair original sentences (source) with rendering sentences (rendering),\n"
    "# by index into source_spans / rendering_spans (character offsets). Set checked = true and\n"
    "# checked_by once a person has checked every bead: tct align then keeps it unless --force.\n"
)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class AlignmentRecord:
    rendering: str
    beads: list[Bead]
    source_spans: list[tuple[int, int]]
    rendering_spans: list[tuple[int, int]]
    source_sha256: str = ""
    rendering_sha256: str = ""
    checked: bool = False
    checked_by: str = ""
    aligner: str = ""
    extra: dict = field(default_factory=dict)

    def to_toml(self) -> str:
        data = {
            "rendering": self.rendering,
            "checked": self.checked,
            "checked_by": self.checked_by,
            "aligner": self.aligner,
            "source_sha256": self.source_sha256,
            "rendering_sha256": self.rendering_sha256,
            "source_spans": [list(span) for span in self.source_spans],
            "rendering_spans": [list(span) for span in self.rendering_spans],
            "beads": [
                {"source": list(b.source), "rendering": list(b.target), "confidence": round(b.confidence, 4)}
                for b in self.beads
            ],
        }
        return HEADER + tomli_w.dumps(data, multiline_strings=False)


def load_alignment(path: str | Path) -> AlignmentRecord:
    """Parse an alignment file; any structural problem is a TctError naming the file."""
    data = parse_toml(read_text(path), path, MAX_ALIGNMENT_CHARS)
    try:
        beads = [
            Bead(
                tuple(int(i) for i in b["source"]),
                tuple(int(i) for i in b["rendering"]),
                float(b.get("confidence", 1.0)),
            )
            for b in data["beads"]
        ]
        record = AlignmentRecord(
            rendering=str(data["rendering"]),
            beads=beads,
            source_spans=[(int(a), int(b)) for a, b in data.get("source_spans", [])],
            rendering_spans=[(int(a), int(b)) for a, b in data["rendering_spans"]],
            source_sha256=str(data.get("source_sha256", "")),
            rendering_sha256=str(data.get("rendering_sha256", "")),
            checked=bool(data.get("checked", False)),
            checked_by=str(data.get("checked_by", "")),
            aligner=str(data.get("aligner", "")),
        )
    except KeyError as exc:
        raise TctError(f"missing field {exc.args[0]!r}", path) from None
    except (TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise TctError(f"malformed alignment: {exc}", path) from None
    return record


def alignment_problems(record: AlignmentRecord, source_text: str | None, rendering_text: str) -> list[str]:
    """Why the record does not fit the current texts (empty when it does)."""
    problems = coverage_problems(record.beads, len(record.source_spans), len(record.rendering_spans))
    for side, spans, text, digest in (
        ("source", record.source_spans, source_text or "", record.source_sha256),
        ("rendering", record.rendering_spans, rendering_text, record.rendering_sha256),
    ):
        last = 0
        for number, (start, end) in enumerate(spans):
            if not (last <= start < end <= len(text)):
                problems.append(f"{side} span {number} [{start}, {end}) is out of order or outside the text")
                break
            last = end
        if digest and text and digest != text_sha256(text):
            again = (
                "`tct align --force` (it was checked by hand: check it again)"
                if record.checked_by
                else "`tct align`"
            )
            problems.append(f"the {side} text changed after it was aligned; run {again} again")
    if source_text is None and record.source_spans:
        problems.append("source spans given but the quote has no original text")
    return problems


def checked_alignment(path: str | Path) -> AlignmentRecord | None:
    """The alignment at `path` if a person has marked it checked (an unreadable file counts as unchecked)."""
    if not Path(path).exists():
        return None
    try:
        existing = load_alignment(path)
    except TctError:
        return None
    return existing if existing.checked else None


def save_alignment(path: str | Path, record: AlignmentRecord, force: bool = False) -> None:
    """Write atomically; a checked alignment already on disk is kept unless `force`."""
    path = Path(path)
    if not force:
        existing = checked_alignment(path)
        if existing is not None:
            raise TctError(
                f"alignment was checked by {existing.checked_by or 'a person'}; not overwritten (use --force)",
                path,
            )
    write_text_atomic(path, record.to_toml())
