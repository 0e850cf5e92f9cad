"""Scoring one line-aligned segment pair, and a stream of them (`score_lines`: iterator in, iterator out)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from toolkit.score.checks import run_checks
from toolkit.score.fidelity import analyse
from toolkit.score.results import SegmentScore


def score_pair(source: str, rendering: str, source_lang: str = "ru", target_lang: str = "en") -> SegmentScore:
    """Fidelity, flags and evidence for one segment and its rendering."""
    analysis = analyse(source, rendering, source_lang, target_lang)
    flags = run_checks(analysis)
    return SegmentScore(
        source=source,
        rendering=rendering,
        source_ids=(0,),
        rendering_ids=(0,),
        fidelity=round(analysis.fidelity(), 4),
        flags=flags,
        evidence=analysis.evidence(),
    )


def score_lines(
    src_lines: Iterable[str],
    hyp_lines: Iterable[str],
    ref_lines_list: Sequence[Iterable[str]] = (),
    source_lang: str = "ru",
    target_lang: str = "en",
    metrics: Sequence[str] = ("bleu", "chrf", "ter"),
    evidence: bool = False,
) -> Iterator[dict]:
    """One dict per line, in order, lazily: fidelity and flags, plus sentence BLEU/chrF/TER with references.

    Line counts must agree: a shorter stream raises ValueError("<which> ran out at line N") so callers
    can name the file. Pure (no I/O), so it can be chunked and run in parallel by the caller.
    """
    from toolkit.score.reference import ReferenceMetric

    reference_metrics = [ReferenceMetric(name) for name in metrics] if ref_lines_list else []
    streams = [iter(src_lines), iter(hyp_lines), *(iter(r) for r in ref_lines_list)]
    names = ["source", "hypothesis", *(f"reference {k + 1}" for k in range(len(ref_lines_list)))]
    line = 0
    while True:
        values = [next(stream, None) for stream in streams]
        if all(v is None for v in values):
            return
        line += 1
        if any(v is None for v in values):
            short = [name for name, v in zip(names, values, strict=False) if v is None]
            raise ValueError(f"{short[0]} ran out at line {line}")
        source, hypothesis, *references = (v.rstrip("\r\n") for v in values)
        scored = score_pair(source, hypothesis, source_lang, target_lang)
        row: dict = {
            "line": line,
            "fidelity": scored.fidelity,
            "flags": [flag.to_dict() for flag in scored.flags],
        }
        if evidence:
            row["evidence"] = scored.evidence
        for metric in reference_metrics:
            row[metric.name] = metric.sentence_score(hypothesis, references).score
        yield row
