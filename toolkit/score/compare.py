"""Is one rendering more faithful than another? Paired bootstrap over the same source segments.

sacrebleu's paired tests (`reference.paired_significance`) need references; fidelity does not, so the
same resampling is done here on per-segment fidelities, with a fixed seed for reproducible p-values.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.lazy import lazy_module
from toolkit.score.results import RenderingScore

np = lazy_module("numpy")  # imported on first use: `tct --help` starts without it

SEED = 12345
RESAMPLES = 1000


def paired_bootstrap(
    baseline: Sequence[float], system: Sequence[float], resamples: int = RESAMPLES, seed: int = SEED
) -> dict:
    """Mean difference (system - baseline) and a two-sided p-value that it is zero (paired resampling)."""
    if len(baseline) != len(system):
        raise ValueError("paired scores must have the same length")
    n = len(baseline)
    if n < 2:
        return {"n": n, "difference": None, "p_value": None, "note": "too few paired segments to test"}
    deltas = np.asarray(system, dtype=float) - np.asarray(baseline, dtype=float)
    observed = float(deltas.mean())
    rng = np.random.default_rng(seed)
    means = deltas[rng.integers(0, n, size=(resamples, n))].mean(axis=1)
    # Two-sided: how often the resampled difference falls on the other side of zero.
    if observed > 0:
        tail = float((means <= 0).mean())
    elif observed < 0:
        tail = float((means >= 0).mean())
    else:
        tail = 1.0
    p_value = min(1.0, 2 * tail)
    return {
        "n": n,
        "difference": round(observed, 4),
        "p_value": round(max(p_value, 1 / (resamples + 1)), 4),
        "signature": f"paired-bootstrap|n:{n}|bs:{resamples}|seed:{seed}",
    }


def per_source_sentence(score: RenderingScore) -> dict[int, float]:
    """Fidelity of each original sentence under this rendering (a multi-sentence bead shares its score)."""
    out: dict[int, float] = {}
    for segment in score.segments:
        if segment.fidelity is None:
            continue
        for i in segment.source_ids:
            out[i] = segment.fidelity
    return out


def compare_renderings(scores: Sequence[RenderingScore]) -> list[dict]:
    """Each rendering after the first against the first, on the original sentences both render."""
    if len(scores) < 2:
        return []
    base = per_source_sentence(scores[0])
    rows = []
    for other in scores[1:]:
        theirs = per_source_sentence(other)
        shared = sorted(set(base) & set(theirs))
        result = paired_bootstrap([base[i] for i in shared], [theirs[i] for i in shared])
        rows.append({"baseline": scores[0].name, "rendering": other.name, **result})
    return rows
