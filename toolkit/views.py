"""What a reader is shown of a scored rendering, computed once for the terminal, the HTML report and JSON.

Counts, severities, coverage ("3 of 9 sentences checked"), the ranking of deviations and where each one sits in
both texts are decided here, so `tct score`, `tct diff` and `tct report` cannot disagree. Text with no known
original (the scorer's `no_original` flags) becomes an unverifiable band, never a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from toolkit.score.results import AlignedSegment, Flag, RenderingScore, SegmentScore, plain_dict
from toolkit.score.words import words

#: Most severe first: the order a reader should look in.
SEVERITIES = ("critical", "major", "minor")
UNVERIFIABLE = "not checkable: original not found"
#: Longest finding text quoted in a list (the words themselves are marked in the sentence).
QUOTE_LIMIT = 80
# What the scorer's detail names as the other side's words, used only when a flag carries no spans.
_COUNTERPART = {
    "rendering": re.compile(r"possibly rendered as '([^']+)'"),
    "source": re.compile(r"possibly renders '([^']+)'"),
}

Span = tuple[int, int]


@dataclass(frozen=True)
class Finding:
    """One deviation as shown: its place in both texts (spans resolved), its sentence and its weight."""

    number: int  # 1-based, in reading order within the rendering
    segment: int  # 1-based number of the segment (aligned sentence group) it is in
    type: str
    severity: str
    side: str
    text: str
    detail: str
    gloss: str
    source_marks: tuple[Span, ...]
    rendering_marks: tuple[Span, ...]
    meaning: float  # content-word weight of the words involved: how much meaning is at stake

    @property
    def kind(self) -> str:
        return self.type.replace("_", " ")

    @property
    def label(self) -> str:
        return f"{self.severity} {self.kind}"

    def quoted(self) -> str:
        """The finding's words, cut to QUOTE_LIMIT."""
        words_ = self.text.strip()
        return words_ if len(words_) <= QUOTE_LIMIT else words_[: QUOTE_LIMIT - 1].rstrip() + "…"

    def describe(
        self, words: str, detail: str, wrap: Callable[[str, str], str] = lambda role, text: text
    ) -> str:
        """The finding in words, as the terminal, a pipe and the report all say it: severity, kind, the words
        quoted, the gloss, the side, the detail. `wrap(role, text)` styles each part (the report's spans)."""
        line = f"{wrap('severity', self.severity)} {wrap('kind', self.kind)}"
        if words:
            line += f": “{wrap('words', words)}”"
        if self.gloss:
            line += " " + wrap("gloss", f"‘{self.gloss}’")
        if self.side == "source":
            line += " " + wrap("side", "(in the original)")
        if detail:
            line += " " + wrap("detail", f"— {detail}")
        return line

    def rank_key(self) -> tuple[int, float, int, int]:
        return (SEVERITIES.index(self.severity), -self.meaning, self.segment, self.number)

    def to_dict(self) -> dict[str, Any]:
        return plain_dict(self, meaning=round(self.meaning, 3))


@dataclass
class SegmentView(AlignedSegment):
    """An aligned segment as shown: its number, its findings, and the parts no original covers."""

    number: int
    findings: list[Finding] = field(default_factory=list)
    unverifiable_marks: tuple[Span, ...] = ()  # parts of the rendering with no known original

    @property
    def unverifiable(self) -> bool:
        """Nothing of this segment can be checked: its original is not known."""
        return self.source is None and self.fidelity is None

    @property
    def state(self) -> str:
        """unverifiable | deviates | faithful: what the reader needs to know before reading it."""
        if self.unverifiable:
            return "unverifiable"
        return "deviates" if self.findings else "faithful"

    def marks(self, side: str) -> list[tuple[int, int, Finding]]:
        """Non-overlapping (start, end, finding) on one side, in text order; where two overlap, the finding
        on its own side wins, then the more severe."""
        taken: list[tuple[int, int, Finding]] = []
        # A finding's own words first, then the counterparts its detail names: the omission "сделавшись" is
        # marked as the omission, not as the counterpart of the addition "become".
        own = [f for f in self.findings if (f.side == "source") == (side == "source")]
        others = [f for f in self.findings if (f.side == "source") != (side == "source")]
        for finding in sorted(own, key=Finding.rank_key) + sorted(others, key=Finding.rank_key):
            for start, end in finding.source_marks if side == "source" else finding.rendering_marks:
                if all(end <= s or start >= e for s, e, _ in taken):
                    taken.append((start, end, finding))
        return sorted(taken, key=lambda m: m[0])

    def to_dict(self) -> dict[str, Any]:
        return plain_dict(self, state=self.state)


@dataclass(frozen=True)
class Overview:
    """What an overview shows of a rendering: the same numbers in the terminal, the report and JSON."""

    rendering: str
    fidelity: float | None
    sentences: int  # sentences of the rendering
    checked: int  # of them, those with a known original to be checked against
    counts: dict[str, int]  # findings per severity

    @property
    def worst(self) -> str | None:
        return next((s for s in SEVERITIES if self.counts[s]), None)

    def coverage(self) -> str:
        total = self.sentences
        return f"{self.checked} of {total} sentence{'s' if total != 1 else ''} checked"

    def to_dict(self) -> dict[str, Any]:
        unverifiable = self.sentences - self.checked
        return plain_dict(self, unverifiable=unverifiable, coverage=self.coverage(), worst=self.worst)


@dataclass
class RenderingView:
    """A rendering as a reader takes it in: coverage first, then the deviations worth looking at."""

    quote_id: str
    name: str
    lang: str
    source_lang: str
    segments: list[SegmentView]
    fidelity: float | None
    signature: str = ""
    note: str = ""

    @property
    def findings(self) -> list[Finding]:
        return [f for s in self.segments for f in s.findings]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def sentences(self) -> int:
        """Sentences of the rendering."""
        return sum(len(s.rendering_ids) for s in self.segments)

    @property
    def checked(self) -> int:
        """Sentences of the rendering that have a known original to be checked against."""
        return sum(len(s.rendering_ids) for s in self.segments if not s.unverifiable)

    def overview(self) -> Overview:
        """Its coverage and counts, as every overview shows them."""
        return Overview(self.name, self.fidelity, self.sentences, self.checked, self.counts())

    @property
    def worst(self) -> str | None:
        return self.overview().worst

    def coverage(self) -> str:
        return self.overview().coverage()

    def ranked(self) -> list[Finding]:
        """Deviations in the order to read them: most severe, then most meaning, then first in the text."""
        return sorted(self.findings, key=Finding.rank_key)

    def summary(self) -> dict[str, Any]:
        """What an overview shows, as JSON (`Overview`)."""
        return self.overview().to_dict()

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote": self.quote_id,
            "name": self.name,
            "fidelity": self.fidelity,
            "signature": self.signature,
            "summary": self.summary(),
            "ranked": [f.number for f in self.ranked()],
            "segments": [s.to_dict() for s in self.segments],
        }


# --- from the scorer's results ------------------------------------------------------------------------------


def quote_views(quote: Any, scores: Sequence[RenderingScore]) -> list[RenderingView]:
    """The views of a quote's scored renderings (`quote`: a toolkit.corpus.Quote)."""
    return [
        rendering_view(quote.id, score, quote.rendering(score.name).lang, quote.original.lang)
        for score in scores
    ]


def rendering_view(
    quote_id: str, score: RenderingScore, lang: str = "en", source_lang: str = "ru", note: str = ""
) -> RenderingView:
    """The view of one scored rendering: spans resolved, no_original turned into unverifiable bands."""
    segments = []
    number = 0
    for index, segment in enumerate(score.segments, 1):
        findings = []
        unverifiable: list[Span] = []
        for flag in _reading_order(segment):
            if flag.type == "no_original":
                unverifiable.extend(_own_marks(flag, segment, "rendering"))
                continue
            number += 1
            findings.append(_finding(flag, segment, index, number, lang, source_lang))
        segments.append(
            SegmentView(
                number=index,
                source=segment.source,
                rendering=segment.rendering,
                source_ids=tuple(segment.source_ids),
                rendering_ids=tuple(segment.rendering_ids),
                fidelity=segment.fidelity,
                findings=findings,
                unverifiable_marks=tuple(sorted(set(unverifiable))),
            )
        )
    return RenderingView(
        quote_id, score.name, lang, source_lang, segments, score.fidelity, score.signature, note
    )


def _reading_order(segment: SegmentScore) -> list[Flag]:
    """Flags in the order their words come in the text (rendering side first), so numbers read left to right."""

    def position(flag: Flag) -> tuple[int, int]:
        span = flag.rendering_span or flag.source_span
        if span is not None:
            return (0 if flag.rendering_span else 1, span[0])
        text = segment.source if flag.side == "source" else segment.rendering
        found = _locate(text, flag.text, [])
        return (0 if flag.side != "source" else 1, found[0][0] if found else 1 << 30)

    return sorted(segment.flags, key=position)


def _finding(
    flag: Flag, segment: SegmentScore, index: int, number: int, lang: str, source_lang: str
) -> Finding:
    source_marks = _marks(flag, segment, "source")
    rendering_marks = _marks(flag, segment, "rendering")
    involved = [(segment.source, m, source_lang) for m in source_marks]
    involved += [(segment.rendering, m, lang) for m in rendering_marks]
    meaning = sum(_weight(text[s:e], language) for text, (s, e), language in involved if text)
    if not involved:
        meaning = _weight(flag.text, source_lang if flag.side == "source" else lang)
    return Finding(
        number,
        index,
        flag.type,
        flag.severity,
        flag.side,
        flag.text,
        flag.detail,
        flag.gloss,
        tuple(source_marks),
        tuple(rendering_marks),
        meaning,
    )


def _weight(text: str, lang: str) -> float:
    return sum(w.weight for w in words(text, lang))


def _marks(flag: Flag, segment: SegmentScore, side: str) -> list[Span]:
    """Where the finding is on `side`: the flag's span when it has one; else its words (on its own side) or
    the counterpart its detail names (on the other side), found in the text."""
    span = flag.source_span if side == "source" else flag.rendering_span
    text = segment.source if side == "source" else segment.rendering
    if span is not None:
        return [_clip(span, text)] if text and span[1] > span[0] else []
    if flag.source_span is not None or flag.rendering_span is not None:
        return []  # the scorer gave spans, and none on this side: this side has no part in it
    if (flag.side == "source") == (side == "source"):
        return _own_marks(flag, segment, side)
    counterpart = _COUNTERPART[side].search(flag.detail or "")
    if not counterpart or not text:
        return []
    found: list[Span] = []
    for word in counterpart.group(1).split():
        found += _locate(text, word, found)
    return sorted(found)


def _own_marks(flag: Flag, segment: SegmentScore, side: str) -> list[Span]:
    span = flag.source_span if side == "source" else flag.rendering_span
    text = segment.source if side == "source" else segment.rendering
    if not text:
        return []
    if span is not None:
        return [_clip(span, text)]
    return _locate(text, flag.text, [])


def _clip(span: Sequence[int], text: str | None) -> Span:
    length = len(text or "")
    start = min(max(int(span[0]), 0), length)
    return start, min(max(int(span[1]), start), length)


def _locate(text: str | None, needle: str, taken: list[Span]) -> list[Span]:
    """`needle` in `text`: its first free whole-word occurrence, else each comma-separated part ("не, не")."""
    if not text or not needle.strip():
        return []
    needle = needle.strip()
    if needle == text.strip():
        start = text.index(needle)
        return [(start, start + len(needle))]
    span = _free_match(text, needle, taken)
    if span is not None:
        return [span]
    found: list[Span] = []
    for part in needle.split(","):
        span = _free_match(text, part.strip(), taken + found) if part.strip() else None
        if span is not None:
            found.append(span)
    return found


def _free_match(text: str, needle: str, taken: list[Span]) -> Span | None:
    """The first occurrence of `needle` not overlapping `taken`: whole words preferred ("не" is not "необъятную")."""
    escaped = re.escape(needle)
    for pattern in (rf"(?<!\w){escaped}(?!\w)", escaped):
        for match in re.finditer(pattern, text, re.IGNORECASE):
            start, end = match.span()
            if all(end <= s or start >= e for s, e in taken):
                return start, end
    return None


def runs(segments: Sequence[SegmentView]) -> list[tuple[str, list[SegmentView]]]:
    """Consecutive segments grouped by state, so faithful stretches collapse and unverifiable text is one band."""
    out: list[tuple[str, list[SegmentView]]] = []
    for segment in segments:
        state = segment.state
        if out and out[-1][0] == state and state != "deviates":
            out[-1][1].append(segment)
        else:
            out.append((state, [segment]))
    return out


def span_label(segments: Sequence[SegmentView]) -> str:
    """ "sentence 4" or "sentences 4-6" (segment numbers)."""
    first, last = segments[0].number, segments[-1].number
    return f"sentence {first}" if first == last else f"sentences {first}–{last}"


def rendering_facts(rendering: Any) -> list[tuple[str, str]]:
    """Who made a rendering and where it appeared, as (label, value) pairs: what `tct corpus show` and the
    report's provenance box both list (each escapes and links the values its own way)."""
    facts = [("translator", rendering.translator or "unknown")]
    for label, value in (
        ("published in", rendering.published_in),
        ("URL", rendering.url),
        ("note", rendering.note),
    ):
        if value:
            facts.append((label, value))
    return facts
