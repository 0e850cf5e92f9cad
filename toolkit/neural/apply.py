"""`--neural` over whole renderings and over line-aligned files: the lexical scores in, the same shapes out
with the combined fidelity, the revised flags and the opinion in each segment's evidence (`neural`).

The line path is a chunk function for toolkit.engine, so --jobs and Dask carry it like the lexical score;
its worker initializer pins BLAS to one thread before the encoder loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from toolkit.engine.jobs import WITH_SOURCE, ChunkJob, chunk_columns, load_resources, output_lines
from toolkit.engine.scoring import score_files
from toolkit.neural.encoder import get_encoder, pin_blas
from toolkit.neural.opinion import neural_opinion, neural_signature
from toolkit.score.files import score_lines
from toolkit.score.paragraph import score_text
from toolkit.score.results import RenderingScore, SegmentScore, weighted_fidelity
from toolkit.score.words import words


def neural_segment(segment: SegmentScore, source_lang: str = "ru", target_lang: str = "en") -> SegmentScore:
    """A segment as --neural reports it (unchanged when it has no two sides to compare): fidelity is the
    combined model's, flags are revised, and evidence keeps the lexical fidelity and the opinion."""
    opinion = neural_opinion(segment, source_lang=source_lang, target_lang=target_lang)
    if opinion is None:
        return segment
    evidence = {**segment.evidence, "lexical_fidelity": segment.fidelity, "neural": opinion.to_dict()}
    return replace(segment, fidelity=opinion.fidelity, flags=opinion.flags, evidence=evidence)


def _mass(segment: SegmentScore, source_lang: str, target_lang: str) -> float:
    """A segment's content-word weight, both sides (as the lexical aggregation weighs it)."""
    source = sum(w.weight for w in words(segment.source, source_lang)) if segment.source else 0.0
    rendering = (
        sum(w.weight for w in words(segment.rendering, target_lang, cached=False))
        if segment.rendering
        else 0.0
    )
    return source + rendering


def neural_rendering(
    scored: RenderingScore, source_lang: str = "ru", target_lang: str = "en"
) -> RenderingScore:
    """A rendering's scores under --neural: every segment's opinion, the same weighted aggregation."""
    segments = [neural_segment(s, source_lang, target_lang) for s in scored.segments]
    weighted = [(s.fidelity, _mass(s, source_lang, target_lang)) for s in segments if s.fidelity is not None]
    return RenderingScore(
        scored.name, weighted_fidelity(weighted), segments, f"{scored.signature}|{neural_signature()}"
    )


def load_neural_resources() -> None:
    """Worker initializer: BLAS pinned first (before numpy loads, where it has not yet), then the lexicon
    and the encoder, once per process."""
    pin_blas()
    load_resources()
    get_encoder()


def neural_score_chunk(rows: list[tuple[str, ...]], job: ChunkJob = WITH_SOURCE) -> str:
    """Like toolkit.engine.jobs.score_chunk with a source, under --neural: one output line per row
    (--neural always has a source: `job.has_source` is not read)."""
    options = dict(job.options)
    evidence = bool(options.pop("evidence", False))
    source_lang, target_lang = options.get("source_lang", "ru"), options.get("target_lang", "en")
    if not rows:
        return ""
    first_segment, sources, hyps, refs = chunk_columns(rows, True)
    records = list(score_lines(sources, hyps, refs, first_segment=first_segment, **options))
    for record, source, hyp in zip(records, sources, hyps, strict=True):
        segment = neural_segment(score_text(source, hyp, source_lang, target_lang), source_lang, target_lang)
        record["fidelity"] = segment.fidelity
        record["flags"] = [flag.to_dict() for flag in segment.flags]
        record["lexical_fidelity"] = segment.evidence.get("lexical_fidelity", segment.fidelity)
        if "neural" in segment.evidence:
            record["neural"] = segment.evidence["neural"]
        if evidence:
            record["evidence"] = {k: v for k, v in segment.evidence.items() if k != "neural"}
    return output_lines(records, job.formatter)


def neural_score_files(
    hyp: str | Path,
    src: str | Path,
    refs: Sequence[str | Path] = (),
    output: str | Path | None = None,
    **engine,
) -> int:
    """toolkit.engine.scoring.score_files under --neural (the same contract and keyword options: JSON Lines
    in input order, the same bytes for every --jobs and engine). The encoder is checked here first, so a
    missing extra is one error before any worker starts."""
    get_encoder()
    return score_files(
        hyp, src, refs, output, chunk_scorer=neural_score_chunk, initializer=load_neural_resources, **engine
    )
