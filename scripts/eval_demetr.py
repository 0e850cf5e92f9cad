#!/usr/bin/env python3
"""DEMETR (Karpinska et al. 2022), Russian dev items: does fidelity notice each kind of perturbation?

For every perturbation type: the share of items where fidelity(source, MT) > fidelity(source, perturbed
MT). Ties count as failures. Also, per type: the share of items where the perturbed MT carries a major or
critical flag of a kind the MT itself does not (a new finding a reader would see: `flagged`). Items whose "perturbed" sentence equals the MT (DEMETR's pert_check false:
the perturbation could not be applied) are left out and counted. As a yardstick, sacrebleu's sentence
chrF *with the reference* is run on the same items in the same run. For minor perturbations the mean
absolute change of each score is reported too (small is good: they should barely move it).

`--neural`: the combined fidelity of `tct score --neural` (needs `tct[neural]`) judged the same way, in a
column of its own ("neural"); DEMETR was not used to fit it.

    python scripts/eval_demetr.py [--data ../shared/data/demetr-ru-dev/demetr-ru-dev.jsonl] [--limit N] [--neural] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sacrebleu.metrics import CHRF  # noqa: E402

from toolkit.neural import neural_opinion, neural_signature  # noqa: E402
from toolkit.score import score_pair  # noqa: E402
from toolkit.score.fidelity import fidelity_signature  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "demetr-ru-dev" / "demetr-ru-dev.jsonl"
TARGETS = {
    "numbers": ["critical_id10_numbers_replaced"],
    "named entities": ["critical_id9_ne_replaced", "critical_id25_ne_removed"],
    "negation": ["critical_id8_negation"],
}
INFORMATIONAL = {"base_id35_reference"}  # the reference as "perturbation": not an error to detect


def evaluate(rows: list[dict], neural: bool = False) -> dict:
    chrf = CHRF()
    cache: dict[tuple[str, str], tuple[float, frozenset]] = {}

    def scored(source: str, hypothesis: str) -> tuple[float, frozenset]:
        """Fidelity, and the serious findings as (type, text) pairs."""
        key = (source, hypothesis)
        if key not in cache:
            result = score_pair(source, hypothesis, with_evidence=False)
            serious = frozenset(
                (f.type, f.source_span, f.text) for f in result.flags if f.severity in ("major", "critical")
            )
            cache[key] = (result.fidelity or 0.0, serious)
        return cache[key]

    def fidelity(source: str, hypothesis: str) -> float:
        return scored(source, hypothesis)[0]

    neural_cache: dict[tuple[str, str], float] = {}

    def combined(source: str, hypothesis: str) -> float:
        key = (source, hypothesis)
        if key not in neural_cache:
            opinion = neural_opinion(score_pair(source, hypothesis))
            neural_cache[key] = opinion.fidelity if opinion is not None else 0.0
        return neural_cache[key]

    per_type: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    skipped: dict[str, int] = defaultdict(int)
    for row in rows:
        name = row["pert_name"]
        if row["pert_sent"] == row["mt_sent"]:
            skipped[name] += 1
            continue
        source, mt, perturbed, reference = row["src_sent"], row["mt_sent"], row["pert_sent"], row["eng_sent"]
        f_mt, f_pert = fidelity(source, mt), fidelity(source, perturbed)
        c_mt = chrf.sentence_score(mt, [reference]).score / 100
        c_pert = chrf.sentence_score(perturbed, [reference]).score / 100
        stats = per_type[name]
        stats["severity"] = row["severity"]
        stats["n"] += 1
        stats["fidelity_ok"] += f_mt > f_pert
        stats["flagged"] += bool(scored(source, perturbed)[1] - scored(source, mt)[1])
        stats["chrf_ok"] += c_mt > c_pert
        stats["fidelity_ties"] += f_mt == f_pert
        stats["fidelity_abs_change"] += abs(f_mt - f_pert)
        stats["chrf_abs_change"] += abs(c_mt - c_pert)
        if neural:
            n_mt, n_pert = combined(source, mt), combined(source, perturbed)
            stats["neural_ok"] += n_mt > n_pert
            stats["neural_abs_change"] += abs(n_mt - n_pert)
    table = {}
    for name, stats in sorted(per_type.items(), key=lambda kv: (kv[1]["severity"], kv[0])):
        n = stats["n"]
        table[name] = {
            "severity": stats["severity"],
            "n": int(n),
            "skipped_unperturbed": skipped.get(name, 0),
            "fidelity": round(stats["fidelity_ok"] / n, 4),
            "chrf": round(stats["chrf_ok"] / n, 4),
            "fidelity_ties": int(stats["fidelity_ties"]),
            "flagged": round(stats["flagged"] / n, 4),
            "fidelity_mean_abs_change": round(stats["fidelity_abs_change"] / n, 4),
            "chrf_mean_abs_change": round(stats["chrf_abs_change"] / n, 4),
        }
        if neural:
            table[name]["neural"] = round(stats["neural_ok"] / n, 4)
            table[name]["neural_mean_abs_change"] = round(stats["neural_abs_change"] / n, 4)
    summary = {}
    for severity in ("critical", "major", "minor", "base"):
        names = [k for k, v in table.items() if v["severity"] == severity and k not in INFORMATIONAL]
        if not names:
            continue
        total = sum(table[k]["n"] for k in names)
        summary[severity] = {
            "items": total,
            "fidelity": round(sum(table[k]["fidelity"] * table[k]["n"] for k in names) / total, 4),
            "chrf": round(sum(table[k]["chrf"] * table[k]["n"] for k in names) / total, 4),
            "flagged": round(sum(table[k]["flagged"] * table[k]["n"] for k in names) / total, 4),
            "fidelity_mean_abs_change": round(
                sum(table[k]["fidelity_mean_abs_change"] * table[k]["n"] for k in names) / total, 4
            ),
            "chrf_mean_abs_change": round(
                sum(table[k]["chrf_mean_abs_change"] * table[k]["n"] for k in names) / total, 4
            ),
        }
        if neural:
            summary[severity]["neural"] = round(
                sum(table[k]["neural"] * table[k]["n"] for k in names) / total, 4
            )
    for label, names in TARGETS.items():
        names = [k for k in names if k in table]
        total = sum(table[k]["n"] for k in names)
        if total:
            summary[label] = {
                "items": total,
                "fidelity": round(sum(table[k]["fidelity"] * table[k]["n"] for k in names) / total, 4),
                "chrf": round(sum(table[k]["chrf"] * table[k]["n"] for k in names) / total, 4),
                "flagged": round(sum(table[k]["flagged"] * table[k]["n"] for k in names) / total, 4),
            }
            if neural:
                summary[label]["neural"] = round(
                    sum(table[k]["neural"] * table[k]["n"] for k in names) / total, 4
                )
    result = {
        "per_type": table,
        "summary": summary,
        "signature": fidelity_signature(),
        "chrf_signature": str(chrf.get_signature()),
    }
    if neural:
        result["neural_signature"] = neural_signature()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0, help="only the first N items (smoke runs)")
    parser.add_argument("--neural", action="store_true", help="also the combined fidelity of --neural")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    result = evaluate(rows, neural=args.neural)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
        return 0
    print(
        f"DEMETR ru dev: {len(rows)} items; success = fidelity(src, MT) > fidelity(src, perturbed); ties fail"
    )
    print(f"fidelity: {result['signature']}")
    print(f"chrF (with reference): {result['chrf_signature']}")
    if args.neural:
        print(f"neural: {result['neural_signature']}")
    print(
        f"{'perturbation':40} {'sev':8} {'n':>3} {'skip':>4} {'fid':>6} {'chrF':>6} {'ties':>4} {'|dFid|':>7} {'|dchrF|':>7} {'flag':>6}"
        + (f" {'neural':>6}" if args.neural else "")
    )
    for name, row in result["per_type"].items():
        print(
            f"{name:40} {row['severity']:8} {row['n']:3d} {row['skipped_unperturbed']:4d} {row['fidelity']:6.3f} "
            f"{row['chrf']:6.3f} {row['fidelity_ties']:4d} {row['fidelity_mean_abs_change']:7.4f} {row['chrf_mean_abs_change']:7.4f} {row['flagged']:6.3f}"
            + (f" {row['neural']:6.3f}" if args.neural else "")
        )
    print()
    for label, row in result["summary"].items():
        extra = ""
        if "fidelity_mean_abs_change" in row:
            extra = f"  mean |change| fidelity {row['fidelity_mean_abs_change']:.4f}, chrF {row['chrf_mean_abs_change']:.4f}"
        print(
            f"{label:15} items {row['items']:4d}  fidelity {row['fidelity']:.3f}  chrF {row['chrf']:.3f}"
            f"  new major/critical flag {row['flagged']:.3f}"
            + (f"  neural {row['neural']:.3f}" if "neural" in row else "")
            + extra
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
