"""The format-neutral shape of an exported quote: one metadata document plus one row per bead.

Every format (TMX, Moses, TSV, JSON Lines) writes and reads this shape, so a quote goes out and comes
back identical: the metadata document carries what the rows cannot (the quote's metadata, and each
text's *layout*: sentence spans and the exact whitespace between sentences), and the rows carry the
sentence texts. A file made by another tool has no document; it is imported with plain defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toolkit.align.beads import Bead, coverage_problems
from toolkit.errors import TctError

FORMAT_NAME = "tct"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Layout:
    """How one text is cut into sentences: spans into the text, and the exact text between them.

    `gaps` has one more entry than `spans`: before the first sentence, between each pair, after the last.
    """

    spans: tuple[tuple[int, int], ...]
    gaps: tuple[str, ...]

    @classmethod
    def of(cls, text: str, spans: list[tuple[int, int]]) -> Layout:
        edges = [0] + [edge for span in spans for edge in span] + [len(text)]
        gaps = tuple(text[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2))
        return cls(tuple((int(a), int(b)) for a, b in spans), gaps)

    def segment(self, text: str, ids: tuple[int, ...]) -> str:
        """The text of a run of sentences, on one line (a paragraph break inside it becomes a space)."""
        if not ids:
            return ""
        return text[self.spans[ids[0]][0] : self.spans[ids[-1]][1]].replace("\n", " ")

    def to_dict(self) -> dict[str, Any]:
        return {"spans": [list(span) for span in self.spans], "gaps": list(self.gaps)}

    @classmethod
    def from_dict(cls, data: Any) -> Layout:
        if not isinstance(data, dict):
            raise ValueError("layout must be an object")
        spans = tuple((int(a), int(b)) for a, b in data["spans"])
        gaps = tuple(str(g) for g in data["gaps"])
        if len(gaps) != len(spans) + 1:
            raise ValueError("layout needs one gap more than spans")
        position = 0
        for gap, (start, end) in zip(gaps, spans, strict=False):
            position += len(gap)
            if start != position or end <= start:
                raise ValueError(f"span [{start}, {end}) does not follow its gap")
            position = end
        return cls(spans, gaps)


@dataclass(frozen=True)
class Row:
    """One bead of one rendering: sentence ids on each side, confidence, and the two segment texts."""

    rendering: str
    bead: int
    source_ids: tuple[int, ...]
    rendering_ids: tuple[int, ...]
    confidence: float
    source_lang: str
    rendering_lang: str
    source_text: str
    rendering_text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rendering": self.rendering,
            "bead": self.bead,
            "source_ids": list(self.source_ids),
            "rendering_ids": list(self.rendering_ids),
            "confidence": self.confidence,
            "source_lang": self.source_lang,
            "rendering_lang": self.rendering_lang,
            "source_text": self.source_text,
            "rendering_text": self.rendering_text,
        }


@dataclass
class RenderingState:
    """What an export records about one rendering's alignment besides its rows."""

    checked: bool = False
    checked_by: str = ""
    aligner: str = ""
    source_layout: Layout | None = None
    rendering_layout: Layout | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "checked_by": self.checked_by,
            "aligner": self.aligner,
            "source_layout": None if self.source_layout is None else self.source_layout.to_dict(),
            "rendering_layout": None if self.rendering_layout is None else self.rendering_layout.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Any) -> RenderingState:
        if not isinstance(data, dict):
            raise ValueError("rendering state must be an object")
        source = data.get("source_layout")
        rendering = data.get("rendering_layout")
        return cls(
            checked=data.get("checked") is True,
            checked_by=str(data.get("checked_by", "")),
            aligner=str(data.get("aligner", "")),
            source_layout=None if source is None else Layout.from_dict(source),
            rendering_layout=None if rendering is None else Layout.from_dict(rendering),
        )


@dataclass
class Export:
    """A quote (or some of its renderings) ready to be written in any format.

    `metadata` is the quote.toml content (`Quote.metadata_dict()`), None for a foreign file.
    """

    metadata: dict[str, Any] | None
    states: dict[str, RenderingState] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    source_lang: str = "ru"

    def document(self) -> dict[str, Any]:
        """The metadata record (JSON-ready) that rides alongside the rows."""
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "quote": self.metadata,
            "renderings": {name: state.to_dict() for name, state in sorted(self.states.items())},
        }

    @classmethod
    def from_document(cls, document: Any, rows: list[Row], where: str) -> Export:
        """Rebuild from a metadata record as read back from a file; problems name `where`."""
        if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
            raise TctError("metadata record is not a tct export", where)
        if document.get("version") != FORMAT_VERSION:
            raise TctError(f"tct export version {document.get('version')!r} is not supported", where)
        metadata = document.get("quote")
        states = document.get("renderings", {})
        if not isinstance(metadata, dict) or not isinstance(states, dict):
            raise TctError("metadata record lacks 'quote' or 'renderings'", where)
        try:
            parsed = {str(name): RenderingState.from_dict(state) for name, state in states.items()}
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise TctError(f"malformed layout in the metadata record: {exc}", where) from None
        renderings = metadata.get("renderings", [])
        if not isinstance(renderings, list) or not all(isinstance(r, dict) for r in renderings):
            raise TctError("metadata record: 'renderings' must be a list of tables", where)
        original = metadata.get("original")
        if original is not None and not isinstance(original, dict):
            raise TctError("metadata record: 'original' must be a table", where)
        lang = original.get("lang", "ru") if isinstance(original, dict) else "ru"
        return cls(metadata, parsed, rows, str(lang))

    def rendering_names(self) -> list[str]:
        """Renderings in the order they first appear (metadata order first)."""
        names: list[str] = []
        if self.metadata:
            for entry in self.metadata.get("renderings", []):
                if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                    names.append(entry["name"])
        for row in self.rows:
            if row.rendering not in names:
                names.append(row.rendering)
        return names


def rows_for(
    rendering: str,
    beads: list[Bead],
    source_text: str | None,
    source_layout: Layout | None,
    rendering_text: str,
    rendering_layout: Layout,
    source_lang: str,
    rendering_lang: str,
) -> list[Row]:
    """One row per bead, confidences rounded as the alignment file stores them."""
    return [
        Row(
            rendering=rendering,
            bead=number,
            source_ids=tuple(bead.source),
            rendering_ids=tuple(bead.target),
            confidence=round(float(bead.confidence), 4),
            source_lang=source_lang,
            rendering_lang=rendering_lang,
            source_text=source_layout.segment(source_text or "", bead.source) if source_layout else "",
            rendering_text=rendering_layout.segment(rendering_text, bead.target),
        )
        for number, bead in enumerate(beads)
    ]


def rebuild_text(layout: Layout, segments: list[tuple[tuple[int, ...], str]]) -> str | None:
    """The full text from its layout and the segment of each bead; None when they do not fit.

    They stop fitting when someone edited a segment in the exported file: then the caller falls back
    to a plain import rather than guessing where the edit belongs.
    """
    sentences: dict[int, str] = {}
    for ids, segment in segments:
        if not ids:
            if segment.strip():
                return None
            continue
        if any(i < 0 or i >= len(layout.spans) for i in ids):
            return None
        base = layout.spans[ids[0]][0]
        if len(segment) != layout.spans[ids[-1]][1] - base:
            return None
        for position, i in enumerate(ids):
            start, end = layout.spans[i]
            if position and segment[layout.spans[i - 1][1] - base : start - base] != layout.gaps[i].replace(
                "\n", " "
            ):
                return None
            if i in sentences:
                return None
            sentences[i] = segment[start - base : end - base]
    if sorted(sentences) != list(range(len(layout.spans))):
        return None
    parts = [layout.gaps[0]]
    for i in range(len(layout.spans)):
        parts += [sentences[i], layout.gaps[i + 1]]
    return "".join(parts)


def plain_layout(segments: list[str]) -> tuple[str, list[tuple[int, int]], list[int | None]]:
    """Text, spans and per-segment sentence id for segments with no layout: one paragraph per segment.

    Blank segments get no sentence (id None); line breaks inside a segment become spaces.
    """
    lines: list[str] = []
    spans: list[tuple[int, int]] = []
    ids: list[int | None] = []
    offset = 0
    for segment in segments:
        line = segment.replace("\r", " ").replace("\n", " ")
        if not line.strip():
            ids.append(None)
            continue
        lead = len(line) - len(line.lstrip())
        ids.append(len(spans))
        spans.append((offset + lead, offset + len(line.rstrip())))
        lines.append(line)
        offset += len(line) + 1
    text = "".join(line + "\n" for line in lines)
    return text, spans, ids


def check_beads(beads: list[Bead], n_source: int, n_target: int, where: str) -> None:
    problems = coverage_problems(beads, n_source, n_target)
    if problems:
        raise TctError(f"beads do not cover the texts: {problems[0]}", where)
