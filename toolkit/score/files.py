"""Scoring line-aligned texts: a stream of rows (`score_lines`) or whole files at once (`score_files`).

One line is one segment, whatever it holds: a sentence is scored as a pair, a paragraph is split and aligned
inside (toolkit.score.paragraph), so a score does not depend on how the text was cut into lines.
`score_files` is what `tct score --src --hyp [--ref]` prints: corpus-level fidelity and sacrebleu's metrics
per rendering, and paired tests when several renderings are given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import TctError, UsageError
from toolkit.inputs import check_one_stdin, display_name, read_input, split_lines
from toolkit.language import check_language
from toolkit.score.compare import paired_bootstrap
from toolkit.score.fidelity import fidelity_signature
from toolkit.score.pair import LineCountError, check_fidelity_pair
from toolkit.score.paragraph import score_text_weighted
from toolkit.score.reference import REFERENCE_METRICS, ReferenceMetric, paired_significance
from toolkit.score.results import weighted_fidelity

#: What `score_files` computes when not told: fidelity with a source, sacrebleu's metrics with references.
DEFAULT_METRICS = ("fidelity", "bleu", "chrf", "chrf++", "ter")
SENTENCE_METRICS = ("bleu", "chrf", "ter")


def score_lines(
    src_lines: Iterable[str] | None,
    hyp_lines: Iterable[str],
    ref_lines_list: Sequence[Iterable[str]] = (),
    source_lang: str = "ru",
    target_lang: str = "en",
    metrics: Sequence[str] = SENTENCE_METRICS,
    evidence: bool = False,
    first_segment: int = 1,
) -> Iterator[dict]:
    """One dict per line, in order, lazily: the segment number, fidelity, flags and sentence counts (with
    a source), plus sentence BLEU, chrF and TER (with references, used together as sacrebleu does).

    Line counts must agree: a shorter stream raises LineCountError naming which one ran out and where,
    so callers can name the file. Pure (no I/O): callers may chunk the lines and run chunks in parallel,
    passing each chunk's `first_segment` so numbers run on across chunks.
    """
    has_source = src_lines is not None
    if has_source:
        check_fidelity_pair(source_lang, target_lang)
    reference_metrics = (
        [ReferenceMetric(name) for name in metrics if name in REFERENCE_METRICS] if ref_lines_list else []
    )
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
        row: dict = {"segment": first_segment + line - 1}
        if source is not None:
            scored = score_text_weighted(source, hypothesis, source_lang, target_lang, with_evidence=evidence)
            row["fidelity"] = scored.score.fidelity
            row["flags"] = [flag.to_dict() for flag in scored.score.flags]
            row["source_sentences"] = scored.source_sentences
            row["rendering_sentences"] = scored.rendering_sentences
            if evidence:
                row["evidence"] = scored.score.evidence
        for metric in reference_metrics:
            row[metric.name] = metric.sentence_score(hypothesis, references).score
        yield row


# --- whole files ---------------------------------------------------------------------------------


@dataclass
class FileScores:
    """What `score_files` found: per rendering its scores, and the paired tests between renderings."""

    systems: list[dict[str, Any]]
    significance: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"systems": self.systems}
        if self.significance:
            data["significance"] = self.significance
        return data


def _read_lines(path: str | Path, notice: Callable[[str], None] | None) -> tuple[str, list[str]]:
    text = read_input(path, notice)
    return text, split_lines(text)


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


def _check_same_length(named: list[tuple[str, list[str]]]) -> None:
    longest = max(len(lines) for _, lines in named)
    for name, lines in named:
        if len(lines) != longest:
            raise TctError(
                f"has {_lines(len(lines))} but the other inputs have {longest}; the files must be line-aligned",
                name,
            )


def fidelity_confidence(
    pairs: Sequence[tuple[float, float]], resamples: int = 1000, seed: int = 12345
) -> dict[str, Any] | None:
    """A 95% bootstrap interval of corpus fidelity (segments resampled with their weights), as sacrebleu's
    --confidence does for its metrics; None below two segments."""
    import numpy as np

    if len(pairs) < 2:
        return None
    values = np.asarray([f for f, _ in pairs], dtype=float)
    masses = np.asarray([m for _, m in pairs], dtype=float)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(pairs), size=(resamples, len(pairs)))
    totals = masses[picks].sum(axis=1)
    totals[totals == 0] = 1.0
    means = (values[picks] * masses[picks]).sum(axis=1) / totals
    low, high = np.percentile(means, [2.5, 97.5])
    return {
        "low": round(float(low), 4),
        "high": round(float(high), 4),
        "signature": f"bootstrap|n:{len(pairs)}|bs:{resamples}|seed:{seed}",
    }


def score_files(
    src: str | Path | None,
    hyps: Sequence[str | Path],
    refs: Sequence[str | Path] = (),
    *,
    source_lang: str = "ru",
    target_lang: str = "en",
    metrics: Sequence[str] | None = None,
    significance: str = "bs",
    confidence: bool = False,
    force_lang: bool = False,
    notice: Callable[[str], None] | None = None,
) -> FileScores:
    """Corpus-level scores of each rendering in `hyps` (line-aligned with `src` and `refs`; "-" is standard
    input): fidelity (with `src`) and BLEU, chrF, chrF++, TER (with `refs`), or only `metrics`; with several
    renderings, paired tests of each against the first (bootstrap for fidelity, sacrebleu's for BLEU/chrF).
    """
    if not hyps:
        raise UsageError("give at least one rendering (--hyp FILE)")
    if src is None and not refs:
        raise UsageError("give --src (for fidelity) or --ref (for BLEU/chrF/TER), or both")
    if significance not in ("bs", "ar"):
        raise UsageError(f"--significance must be bs or ar, not {significance!r}")
    wanted = tuple(metrics) if metrics else DEFAULT_METRICS
    unknown = [m for m in wanted if m not in DEFAULT_METRICS]
    if unknown:
        raise UsageError(f"unknown metric {unknown[0]!r}; choose from {', '.join(DEFAULT_METRICS)}")
    use_fidelity = src is not None and "fidelity" in wanted
    reference_names = [m for m in wanted if m in REFERENCE_METRICS] if refs else []
    if not use_fidelity and not reference_names:
        needs = (
            "--ref (BLEU/chrF/TER compare with a reference)"
            if src is not None
            else "--src (fidelity) or --ref"
        )
        raise UsageError(f"none of the chosen metrics can be computed: give {needs}")
    if use_fidelity:
        check_fidelity_pair(source_lang, target_lang)
    check_one_stdin([src, *hyps, *refs])

    named: list[tuple[str, list[str]]] = []

    def read(path: str | Path, lang: str) -> list[str]:
        """The file's lines, once its text is seen to be in `lang`; kept in `named` for the length check."""
        text, lines = _read_lines(path, notice)
        check_language(display_name(path), text, lang, force_lang)
        named.append((display_name(path), lines))
        return lines

    source_lines = read(src, source_lang) if src is not None else None
    hyp_lines = [read(path, target_lang) for path in hyps]
    ref_lines = [read(path, target_lang) for path in refs]
    _check_same_length(named)

    systems: list[dict[str, Any]] = []
    per_segment: list[list[float]] = []
    for path, lines in zip(hyps, hyp_lines, strict=True):
        scores: list[dict[str, Any]] = []
        if use_fidelity and source_lines is not None:
            pairs = []
            for source, hypothesis in zip(source_lines, lines, strict=True):
                scored = score_text_weighted(
                    source, hypothesis, source_lang, target_lang, with_evidence=False
                )
                pairs.append((scored.score.fidelity or 0.0, scored.mass))
            per_segment.append([f for f, _ in pairs])
            item: dict[str, Any] = {
                "name": "fidelity",
                "score": weighted_fidelity(pairs),
                "signature": fidelity_signature(),
            }
            if confidence:
                item["confidence"] = fidelity_confidence(pairs)
            scores.append(item)
        for name in reference_names:
            scores.append(_reference_score(name, lines, ref_lines, confidence))
        systems.append({"hyp": display_name(path), "segments": len(lines), "scores": scores})

    comparison: dict[str, list[dict[str, Any]]] = {}
    if len(hyps) > 1:
        names = [display_name(h) for h in hyps]
        if per_segment:
            comparison["fidelity"] = [
                {"baseline": names[0], "system": names[k], **paired_bootstrap(per_segment[0], per_segment[k])}
                for k in range(1, len(hyps))
            ]
        tested = [m for m in ("bleu", "chrf") if m in reference_names]
        if tested:
            comparison.update(
                paired_significance(
                    list(zip(names, hyp_lines, strict=True)),
                    ref_lines,
                    metric_names=tested,
                    test_type=significance,
                )
            )
    return FileScores(systems, comparison)


def _reference_score(name: str, lines: list[str], refs: list[list[str]], confidence: bool) -> dict[str, Any]:
    metric = ReferenceMetric(name)
    item = metric.corpus_score(lines, refs).to_dict()
    if confidence:
        corpus = metric._corpus  # the sacrebleu object behind `item`, so the interval matches its settings
        result = corpus.corpus_score(lines, refs, n_bootstrap=1000)
        item["confidence"] = {
            "mean": round(float(result._mean), 4),
            "plus_minus": round(float(result._ci), 4),
            "signature": str(corpus.get_signature()),
        }
    return item
