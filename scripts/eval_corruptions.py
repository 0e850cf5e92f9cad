#!/usr/bin/env python3
"""WMT21 ru-en: can fidelity tell a true translation from a corrupted twin? ROC AUC per corruption.

Positives: (src.ru line i, ref.A.en line i). Negatives, one per line, fixed seed:
  wrong    - the translation of a different sentence;
  drop     - a contiguous span of a fifth of the words removed (lines of 5+ words);
  add      - a clause from another sentence's translation inserted at a word boundary.
A plain length-ratio score (closeness of the character length ratio to its median) is the baseline;
sacrebleu's sentence chrF against the second human reference (ref.B.en; the true pair is ref.A.en) is the
reference-based yardstick, same lines, same corruptions.
Also printed: the mean paired drop (true line's score minus its corrupted twin's) and the share of
lines whose twin scores lower: how well a corruption is seen within its own line.
Caveat: the lexicon was trained on WMT21, so for the lexical model this is in-sample.

`--neural`: the combined fidelity of `tct score --neural` (toolkit/neural, needs `tct[neural]`) on the same
pairs, in a column of its own. Its model was fitted on lines 300+ (scripts/fit_neural.py), so with
`--limit 300` or less this is held out by line.

`--ceiling`: how far any re-weighting of fidelity's own components could go: a logistic regression on
recall, precision, length log-ratio, uncovered share and longest uncovered run, true pairs against each
corruption, scored by 5-fold cross-validation (folds by line, so a line and its twin never straddle).

    python scripts/eval_corruptions.py [--data ../shared/data/wmt21-ru-en] [--limit N] [--seed 12345] [--ceiling] [--neural] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sacrebleu.metrics import CHRF  # noqa: E402

from toolkit.neural import neural_opinion, neural_signature  # noqa: E402
from toolkit.score import score_pair  # noqa: E402
from toolkit.score.fidelity import checked_analysis, fidelity_signature  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "wmt21-ru-en"


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    ranked = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum, k = 0.0, 0
    while k < len(ranked):
        end = k
        while end < len(ranked) and ranked[end][0] == ranked[k][0]:
            end += 1
        average_rank = (k + 1 + end) / 2
        rank_sum += average_rank * sum(label for _, label in ranked[k:end])
        k = end
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def corrupt(refs: list[str], seed: int) -> dict[str, list[tuple[int, str]]]:
    rng = random.Random(seed)
    n = len(refs)
    out: dict[str, list[tuple[int, str]]] = {"wrong": [], "drop": [], "add": []}
    for i, ref in enumerate(refs):
        j = rng.randrange(n - 1)
        j += j >= i
        out["wrong"].append((i, refs[j]))
        tokens = ref.split()
        if len(tokens) >= 5:
            size = max(1, round(len(tokens) / 5))
            start = rng.randrange(len(tokens) - size + 1)
            out["drop"].append((i, " ".join(tokens[:start] + tokens[start + size :])))
        k = rng.randrange(n - 1)
        k += k >= i
        clauses = [c.strip() for c in re.split(r"[,;:]", refs[k].rstrip(".!?\"'”")) if len(c.split()) >= 3]
        clause = rng.choice(clauses) if clauses else " ".join(refs[k].split()[:6])
        at = rng.randrange(len(tokens) + 1) if tokens else 0
        out["add"].append((i, " ".join(tokens[:at] + [clause.rstrip(".")] + tokens[at:])))
    return out


def components(source: str, hyp: str) -> list[float]:
    """Fidelity's own ingredients for one pair (for --ceiling): recall, precision, length log-ratio,
    share of uncovered source content words, longest uncovered run."""
    analysis, _ = checked_analysis(source, hyp)
    credit = analysis.effective_source_credit()
    content = [c for w, c in zip(analysis.source_words, credit, strict=True) if w.is_content]
    source_length = sum(len(w.text) + 1 for w in analysis.source_words)
    rendering_length = sum(len(w.text) + 1 for w in analysis.rendering_words)
    return [
        analysis.recall(),
        analysis.precision(),
        math.log(max(1, rendering_length) / max(1, source_length)),
        sum(c < 0.25 for c in content) / max(1, len(content)),
        float(analysis.longest_uncovered_run(credit)),
    ]


def cross_validated_auc(positives: list[list[float]], negatives: list[tuple[int, list[float]]]) -> float:
    """AUC of a logistic regression on the components, each line's score from a model fitted without
    that line (5 folds by line number)."""
    import numpy as np
    from scipy.optimize import minimize

    x = np.array([p for p in positives] + [n for _, n in negatives], dtype=float)
    y = np.r_[np.ones(len(positives)), np.zeros(len(negatives))]
    lines = np.r_[np.arange(len(positives)), [i for i, _ in negatives]]
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    x = np.column_stack([np.ones(len(x)), (x - mean) / scale])
    scores = np.zeros(len(x))
    for fold in range(5):
        test = lines % 5 == fold

        def loss(w: np.ndarray, train: np.ndarray = ~test) -> float:
            z = x[train] @ w
            return float(np.sum(np.logaddexp(0, z) - y[train] * z) + 1e-3 * w @ w)

        w = minimize(loss, np.zeros(x.shape[1]), method="L-BFGS-B").x
        scores[test] = x[test] @ w
    return auc(list(scores[: len(positives)]), list(scores[len(positives) :]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument(
        "--ceiling", action="store_true", help="cross-validated best re-weighting of components"
    )
    parser.add_argument("--neural", action="store_true", help="also the combined fidelity of --neural")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sources = (args.data / "src.ru").read_text(encoding="utf-8").splitlines()
    refs = (args.data / "ref.A.en").read_text(encoding="utf-8").splitlines()
    second_path = args.data / "ref.B.en"
    second = second_path.read_text(encoding="utf-8").splitlines() if second_path.exists() else None
    if args.limit:
        sources, refs = sources[: args.limit], refs[: args.limit]
        second = second[: args.limit] if second else None
    ratios = [len(r) / max(1, len(s)) for s, r in zip(sources, refs, strict=True)]
    median = statistics.median(ratios)
    chrf = CHRF()

    def length_score(source: str, hyp: str) -> float:
        return -abs(math.log(max(1, len(hyp)) / max(1, len(source)) / median))

    def fidelity(source: str, hyp: str) -> float:
        return score_pair(source, hyp).fidelity or 0.0

    def chrf_b(i: int, hyp: str) -> float:
        return chrf.sentence_score(hyp, [second[i]]).score if second else 0.0

    true_fidelity = [fidelity(s, r) for s, r in zip(sources, refs, strict=True)]
    true_length = [length_score(s, r) for s, r in zip(sources, refs, strict=True)]
    true_chrf = [chrf_b(i, r) for i, r in enumerate(refs)]

    def neural(source: str, hyp: str) -> float:
        opinion = neural_opinion(score_pair(source, hyp))
        return opinion.fidelity if opinion is not None else 0.0

    true_neural = [neural(s, r) for s, r in zip(sources, refs, strict=True)] if args.neural else []
    true_components = [components(s, r) for s, r in zip(sources, refs, strict=True)] if args.ceiling else []
    results = {}
    for kind, pairs in corrupt(refs, args.seed).items():
        fid = [fidelity(sources[i], hyp) for i, hyp in pairs]
        length = [length_score(sources[i], hyp) for i, hyp in pairs]
        # Paired view: how far each corruption moves its own line's score (AUC compares across lines, so
        # a small move is lost among the spread of true pairs' scores).
        moves = [true_fidelity[i] - value for (i, _), value in zip(pairs, fid, strict=True)]
        results[kind] = {
            "negatives": len(pairs),
            "fidelity_auc": round(auc(true_fidelity, fid), 4),
            "length_ratio_auc": round(auc(true_length, length), 4),
            "mean_paired_drop": round(statistics.mean(moves), 4),
            "paired_lower_share": round(sum(move > 0 for move in moves) / len(moves), 4),
        }
        if second:
            results[kind]["chrf_ref_b_auc"] = round(auc(true_chrf, [chrf_b(i, hyp) for i, hyp in pairs]), 4)
        if args.neural:
            values = [neural(sources[i], hyp) for i, hyp in pairs]
            results[kind]["neural_auc"] = round(auc(true_neural, values), 4)
            results[kind]["neural_lower_share"] = round(
                sum(true_neural[i] > v for (i, _), v in zip(pairs, values, strict=True)) / len(pairs), 4
            )
        if args.ceiling:
            negatives = [(i, components(sources[i], hyp)) for i, hyp in pairs]
            results[kind]["components_cv_auc"] = round(cross_validated_auc(true_components, negatives), 4)
    report = {
        "positives": len(sources),
        "seed": args.seed,
        "signature": fidelity_signature(),
        "chrf_signature": str(chrf.get_signature()) if second else None,
        "mean_true_fidelity": round(statistics.mean(true_fidelity), 4),
        "corruptions": results,
        "caveat": "in-sample for the lexicon (trained on WMT21 and WMT23)",
    }
    if args.neural:
        report["neural_signature"] = neural_signature()
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
        return 0
    print(
        f"{args.data.name}, {len(sources)} true pairs (src.ru, ref.A.en), seed {args.seed}; {report['caveat']}"
    )
    print(f"fidelity: {report['signature']}")
    if args.neural:
        print(f"neural: {report['neural_signature']}")
    if second:
        print(f"yardstick: chrF of each rendering against ref.B.en ({report['chrf_signature']})")
    print(
        f"mean fidelity of true pairs: {report['mean_true_fidelity']:.4f}"
        f" (sd {statistics.pstdev(true_fidelity):.4f})"
    )
    print(
        f"{'corruption':12} {'negatives':>9} {'fidelity AUC':>13} {'length-ratio AUC':>17}"
        f" {'chrF ref.B AUC':>15} {'paired drop':>12} {'lower share':>12}"
        + (f" {'ceiling (CV)':>13}" if args.ceiling else "")
        + (f" {'neural AUC':>11} {'neural lower':>13}" if args.neural else "")
    )
    for kind, row in results.items():
        yard = row.get("chrf_ref_b_auc")
        print(
            f"{kind:12} {row['negatives']:9d} {row['fidelity_auc']:13.4f} {row['length_ratio_auc']:17.4f}"
            + (f" {yard:15.4f}" if yard is not None else f" {'n/a':>15}")
            + f" {row['mean_paired_drop']:12.4f} {row['paired_lower_share']:12.4f}"
            + (f" {row['components_cv_auc']:13.4f}" if args.ceiling else "")
            + (f" {row['neural_auc']:11.4f} {row['neural_lower_share']:13.4f}" if args.neural else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
