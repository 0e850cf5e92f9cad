"""`--explain`: the evidence behind each sentence's score, as plain lines for the terminal.

A flag is a claim; the unverified pairs are what tct credited without being able to check it (a source
word and a rendering word in the same gap, which the lexicon does not pair). A fact-checker reading a
score needs both: what was found, with the words on each side, and what was taken on trust.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.score.results import Flag, RenderingScore, SegmentScore


def _quoted(text: str | None, span: tuple[int, int] | None) -> str:
    if not text or not span:
        return ""
    return text[span[0] : span[1]]


def flag_line(flag: Flag, segment: SegmentScore) -> str:
    """One finding with the words it points at on both sides (either may be empty) and its gloss."""
    source = _quoted(segment.source, flag.source_span)
    rendering = _quoted(segment.rendering, flag.rendering_span)
    parts = [f"{flag.type}/{flag.severity}"]
    if source or rendering:
        shown = repr(rendering) if rendering else "(nothing)"
        parts.append(f"«{source}» -> {shown}" if source else f"-> {shown}")
    else:
        parts.append(repr(flag.text))
    line = " ".join(parts)
    if flag.detail:
        line += f": {flag.detail}"
    if flag.gloss:
        line += f" (gloss: {flag.gloss})"
    return line


def segment_lines(number: int, segment: SegmentScore) -> list[str]:
    """The evidence of one aligned sentence pair, or nothing when there is nothing to say."""
    evidence = segment.evidence or {}
    flagged = [
        (_quoted(segment.source, f.source_span), _quoted(segment.rendering, f.rendering_span))
        for f in segment.flags
    ]
    # A pair a flag already reports («Путин» / "Medvedev", another name) is a finding, not a credit.
    pairs = [
        (a, b)
        for a, b in evidence.get("unverified_pairs") or []
        if not any(a in source and b in rendering for source, rendering in flagged)
    ]
    paired_source = {a for a, _ in pairs}
    paired_rendering = {b for _, b in pairs}
    uncovered = [w for w in evidence.get("uncovered_source") or [] if w not in paired_source]
    unexplained = [w for w in evidence.get("unexplained_rendering") or [] if w not in paired_rendering]
    if not (segment.flags or pairs or uncovered or unexplained):
        return []
    fidelity = "-" if segment.fidelity is None else f"{segment.fidelity:.3f}"
    lines = [f"  sentence {number}: fidelity {fidelity}"]
    lines += [f"    flag {flag_line(flag, segment)}" for flag in segment.flags]
    if pairs:
        shown = ", ".join(f"{a} ~ {b}" for a, b in pairs)
        lines.append(f"    unverified pairs (credited, not in the lexicon): {shown}")
    if uncovered:
        lines.append(f"    original words with no counterpart found: {', '.join(uncovered)}")
    if unexplained:
        lines.append(f"    rendering words with no source found: {', '.join(unexplained)}")
    return lines


def explain_lines(scores: Iterable[RenderingScore]) -> list[str]:
    """Every rendering's sentences with findings or unverified evidence, numbered as in the other views."""
    out: list[str] = []
    for score in scores:
        body = [line for n, segment in enumerate(score.segments, 1) for line in segment_lines(n, segment)]
        out.append(f"explain: {score.name}" + ("" if body else ": nothing to explain"))
        out.extend(body)
    return out
