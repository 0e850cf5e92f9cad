"""Scoring one line-aligned segment pair, and a stream of them (`score_lines`: iterator in, iterator out)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from toolkit.score.fidelity import score_segment
from toolkit.score.reference import ReferenceMetric
from toolkit.score.results import SegmentScore


class LineCountError(ValueError):
    """Line-aligned inputs of different lengths: `stream` (0 source, 1 hypothesis, 2+ references) ran out."""

    def __init__(self, name: str, stream: int, line: int) -> None:
        super().__init__(f"{name} has fewer lines than the others (ran out at line {line})")
        self.name, self.stream, self.line = name, stream, line


def score_pair(
    source: str,
    rendering: str,
    source_lang: str = "ru",
    target_lang: str = "en",
    with_evidence: bool = True,
) -> SegmentScore:
    """Fidelity, flags and evidence for one segment and its rendering (`with_evidence=False`: an empty
    evidence dict, for callers that only want the number and the flags)."""
    return score_segment(source, rendering, source_lang, target_lang, with_evidence=with_evidence)[0]


def score_lines(
    src_lines: Iterable[str] | None,
    hyp_lines: Iterable[str],
    ref_lines_list: Sequence[Iterable[str]] = (),
    source_lang: str = "ru",
    target_lang: str = "en",
    metrics: Sequence[str] = ("bleu", "chrf", "ter"),
    evidence: bool = False,
) -> Iterator[dict]:
    """One dict per line, in order, lazily: fidelity and flags (with a source), plus sentence BLEU, chrF
    and TER (with references; several references are used together, as sacrebleu does).

    Line counts must agree: a shorter stream raises LineCountError naming which one ran out and where,
    so callers can name the file. Pure (no I/O): callers may chunk the lines and run chunks in parallel.
    """
    reference_metrics = [ReferenceMetric(name) for name in metrics] if ref_lines_list else []
    has_source = src_lines is not None
    streams = [iter(src_lines if has_source else ()), iter(hyp_lines), *(iter(r) for r in ref_lines_list)]
    names = ["source", "hypothesis", *(f"reference {k + 1}" for k in range(len(ref_lines_list)))]
    first = 0 if has_source else 1
    line = 0
    while True:
        values = [next(stream, None) for stream in streams[first:]]
        if all(v is None for v in values):
            return
        line += 1
        if any(v is None for v in values):
            short = [k for k, v in enumerate(values, start=first) if v is None]
            raise LineCountError(names[short[0]], short[0], line)
        cleaned = [v.rstrip("\r\n") for v in values]
        source = cleaned.pop(0) if has_source else None
        hypothesis, references = cleaned[0], cleaned[1:]
        row: dict = {}
        if source is not None:
            scored = score_pair(source, hypothesis, source_lang, target_lang, with_evidence=evidence)
            row["fidelity"] = scored.fidelity
            row["flags"] = [flag.to_dict() for flag in scored.flags]
            if evidence:
                row["evidence"] = scored.evidence
        for metric in reference_metrics:
            row[metric.name] = metric.sentence_score(hypothesis, references).score
        yield row
