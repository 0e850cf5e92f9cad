"""What a reader sees of a quote: aligned rows of original and rendering, with the scorer's flags.

Shared by `tct diff` (terminal) and `tct report` (HTML). The aligner and the scorer are optional here:
without the scorer the rows carry no flags or fidelity; without the aligner a rendering is one row.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from toolkit.corpus import Quote
from toolkit.errors import TctError

SEVERITIES = ("critical", "major", "minor")
#: Longest flag text quoted in a list of flags (the words themselves are marked in the sentence).
QUOTE_LIMIT = 80


@dataclass(frozen=True)
class FlagView:
    """A scorer flag as shown to the reader (kept apart from the scorer's class so we never depend on it)."""

    type: str
    text: str
    severity: str
    side: str = "rendering"
    detail: str = ""

    @classmethod
    def from_flag(cls, flag: Any) -> FlagView:
        if isinstance(flag, dict):
            return cls(**{k: str(flag.get(k, "")) for k in ("type", "text", "severity", "side", "detail")})
        return cls(
            type=str(getattr(flag, "type", "")),
            text=str(getattr(flag, "text", "") or ""),
            severity=str(getattr(flag, "severity", "minor")),
            side=str(getattr(flag, "side", "rendering") or "rendering"),
            detail=str(getattr(flag, "detail", "") or ""),
        )

    @property
    def label(self) -> str:
        return f"{self.severity} {self.type.replace('_', ' ')}"

    def describe(self, cell: str | None) -> str:
        """Kind and words for a list of flags (severity apart); long words are cut, a whole segment not repeated."""
        kind, words = self.parts(cell)
        return kind if words is None else f"{kind}: “{words}”"

    def parts(self, cell: str | None) -> tuple[str, str | None]:
        """(kind, words to quote or None); the kind says "(the whole segment)" rather than repeating it."""
        kind = self.type.replace("_", " ")
        words = self.text.strip()
        if not words:
            return kind, None
        if cell and words == cell.strip():
            return f"{kind} (the whole segment)", None
        if len(words) > QUOTE_LIMIT:
            words = words[: QUOTE_LIMIT - 1].rstrip() + "…"
        return kind, words


@dataclass
class Row:
    """Original sentence(s) and the rendering's sentence(s) for them; either side may be missing."""

    source: str | None
    rendering: str | None
    source_ids: tuple[int, ...] = ()
    rendering_ids: tuple[int, ...] = ()
    fidelity: float | None = None
    flags: list[FlagView] = field(default_factory=list)

    @property
    def no_original(self) -> bool:
        """Rendered text for which no original sentence is known."""
        return self.source is None and bool(self.rendering)

    def flags_on(self, side: str) -> list[FlagView]:
        return [f for f in self.flags if f.side == side]


@dataclass
class RenderingView:
    name: str
    rows: list[Row]
    fidelity: float | None = None
    signature: str = ""
    scored: bool = False
    aligned: bool = False
    note: str = ""

    def flag_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for row in self.rows:
            for flag in row.flags:
                if flag.severity in counts:
                    counts[flag.severity] += 1
        return counts


def scorer_available() -> bool:
    try:
        from toolkit.score import score_quote  # noqa: F401
    except Exception:  # the scorer is optional; any import problem means "not there"
        return False
    return True


def rendering_view(quote: Quote, name: str, use_scorer: bool = True) -> RenderingView:
    """Rows for one rendering: the scorer's segments when it is there, else the alignment, else one row."""
    quote.rendering(name)  # a clear error for an unknown name, before anything else
    notes = []
    if use_scorer:
        try:
            from toolkit.score import score_quote
        except Exception as exc:  # optional component
            notes.append(f"scorer not available ({type(exc).__name__})")
        else:
            try:
                scored = next((s for s in score_quote(quote, name) if s.name == name), None)
            except TctError:
                raise
            except Exception as exc:  # a scorer bug must not cost the reader the texts
                scored = None
                notes.append(f"scorer failed ({type(exc).__name__}: {exc})")
            if scored is not None:
                rows = [
                    Row(
                        source=segment.source,
                        rendering=segment.rendering,
                        source_ids=tuple(segment.source_ids),
                        rendering_ids=tuple(segment.rendering_ids),
                        fidelity=segment.fidelity,
                        flags=[FlagView.from_flag(f) for f in segment.flags],
                    )
                    for segment in scored.segments
                ]
                return RenderingView(name, rows, scored.fidelity, scored.signature, scored=True, aligned=True)
    rows, aligned, why = _aligned_rows(quote, name)
    if why:
        notes.append(why)
    return RenderingView(name, rows, aligned=aligned, note="; ".join(notes))


def _aligned_rows(quote: Quote, name: str) -> tuple[list[Row], bool, str]:
    rendering = quote.rendering(name)
    try:
        from toolkit.align import align_quote
    except Exception as exc:  # optional component
        row = Row(quote.original.text.strip() if quote.original.text else None, rendering.text.strip())
        return [row], False, f"aligner not available ({type(exc).__name__})"
    aligned = align_quote(quote, name)
    source = [s.text for s in aligned.source_sentences]
    target = [s.text for s in aligned.target_sentences]
    rows = [
        Row(
            source=" ".join(source[i] for i in bead.source) if bead.source else None,
            rendering=" ".join(target[j] for j in bead.target) if bead.target else None,
            source_ids=tuple(bead.source),
            rendering_ids=tuple(bead.target),
        )
        for bead in aligned.beads
    ]
    return rows, True, ""


def rendering_pairs(quote: Quote) -> list[tuple[str, str]]:
    """Every pair of a quote's renderings, in corpus order."""
    return list(itertools.combinations([r.name for r in quote.renderings], 2))


def flag_spans(text: str | None, flags: list[FlagView]) -> list[tuple[int, int, FlagView]]:
    """Where each flag's words are in `text`, most severe flag first; spans never overlap.

    A repeated flag takes the next free occurrence; a flag listing words ("не, не, не") marks each of them;
    a flag whose words are not found gets no span (it is still listed by its label).
    """
    if not text:
        return []
    rank = {s: n for n, s in enumerate(SEVERITIES)}
    spans: list[tuple[int, int, FlagView]] = []
    for flag in sorted(flags, key=lambda f: (rank.get(f.severity, len(rank)), f.type, f.text)):
        needle = flag.text.strip()
        if not needle or needle == text.strip():
            continue  # nothing to point at, or the whole segment (its cell is marked as a whole)
        span = _free_match(text, needle, spans)
        if span is not None:
            spans.append((*span, flag))
            continue
        for part in needle.split(","):
            span = _free_match(text, part.strip(), spans) if part.strip() else None
            if span is not None:
                spans.append((*span, flag))
    return sorted(spans, key=lambda span: span[0])


def _free_match(text: str, needle: str, taken: list[tuple[int, int, FlagView]]) -> tuple[int, int] | None:
    """The first occurrence of `needle` not overlapping `taken`: whole words preferred ("не" is not "необъятную")."""
    escaped = re.escape(needle)
    for pattern in (rf"(?<!\w){escaped}(?!\w)", escaped):
        for match in re.finditer(pattern, text, re.IGNORECASE):
            start, end = match.span()
            if all(end <= s or start >= e for s, e, _ in taken):
                return start, end
    return None
