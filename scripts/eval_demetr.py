#!/usr/bin/env python3
"""DEMETR (Karpinska et al. 2022), Russian dev items: does fidelity notice each kind of perturbation?

For every perturbation type: the share of items where fidelity(source, MT) > fidelity(source, perturbed
MT). Ties count as failures. Also, per type: the share of items where the perturbed MT carries a major or
critical flag of a kind the MT itself does not (a new finding a reader would see: `flagged`). Items whose "perturbed" sentence equals the MT (DEMETR's pert_check false:
the perturbation could not be applied) are left out and counted. As a yardstick, sacrebleu's sentence
chrF *with the reference* is run on the same items in the same run. For minor perturbations the mean
absolute change of each score is reported too (small is good: they should barely move it).

`--neural`: the combined fidelity of `tct score --neural` (needs `tct[neural]`) judged the same way, in a
column of its own ("neural"), and the share of items with a new major/critical flag among its revised
flags ("n.flag"); DEMETR was not used to fit it.

`--misses`: every critical item with no new major/critical flag, MT and perturbed side by side (what is
left to catch). `--curve`: the trade-off a lone-word omission rule would bring (a Russian word with
confident translations, no counterpart and nothing unexplained in its place, flagged major on its own),
at six strictness levels, each adding a condition: the share of critical items it would add, against the
share of human reference segments (WMT21 ref.A/B, WMT23 ref.A, DEMETR's eng_sent) it would newly flag.
The curve is read with the rule off; the level that ships is `FidelitySettings.lone_word_level`
(r4-lexicon's note).

    python scripts/eval_demetr.py [--data ../shared/data/demetr-ru-dev/demetr-ru-dev.jsonl] [--limit N] [--neural] [--json]
    python scripts/eval_demetr.py --misses | --curve
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sacrebleu.metrics import CHRF  # noqa: E402

from toolkit.neural import neural_opinion, neural_signature  # noqa: E402
from toolkit.score import score_pair  # noqa: E402
from toolkit.score.checks import LONE_WORD_LEVELS, lone_word_levels  # noqa: E402
from toolkit.score.fidelity import checked_analysis, fidelity_signature  # noqa: E402
from toolkit.score.settings import DEFAULT_SETTINGS  # noqa: E402

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

    neural_cache: dict[tuple[str, str], tuple[float, frozenset]] = {}

    def neural_scored(source: str, hypothesis: str) -> tuple[float, frozenset]:
        """The combined fidelity of --neural and its serious findings (the revised flags)."""
        key = (source, hypothesis)
        if key not in neural_cache:
            opinion = neural_opinion(score_pair(source, hypothesis))
            flags = opinion.flags if opinion is not None else []
            serious = frozenset(
                (f.type, f.source_span, f.text) for f in flags if f.severity in ("major", "critical")
            )
            neural_cache[key] = (opinion.fidelity if opinion is not None else 0.0, serious)
        return neural_cache[key]

    def combined(source: str, hypothesis: str) -> float:
        return neural_scored(source, hypothesis)[0]

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
            stats["neural_flagged"] += bool(
                neural_scored(source, perturbed)[1] - neural_scored(source, mt)[1]
            )
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
            table[name]["neural_flagged"] = round(stats["neural_flagged"] / n, 4)
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
            summary[severity]["neural_flagged"] = round(
                sum(table[k]["neural_flagged"] * table[k]["n"] for k in names) / total, 4
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
                summary[label]["neural_flagged"] = round(
                    sum(table[k]["neural_flagged"] * table[k]["n"] for k in names) / total, 4
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


def _serious(source: str, rendering: str) -> frozenset:
    result = score_pair(source, rendering, with_evidence=False)
    return frozenset(
        (f.type, f.source_span, f.text) for f in result.flags if f.severity in ("major", "critical")
    )


def misses(rows: list[dict]) -> list[dict]:
    """Critical items whose perturbed MT carries no major/critical flag the MT does not."""
    out = []
    for row in rows:
        if row["severity"] != "critical" or row["pert_sent"] == row["mt_sent"]:
            continue
        if not _serious(row["src_sent"], row["pert_sent"]) - _serious(row["src_sent"], row["mt_sent"]):
            out.append(row)
    return out


CURVE_LEVELS = LONE_WORD_LEVELS
# The curve is read with the lone-word rule off: what each level would add to what ships without it.
_RULE_OFF = dataclasses.replace(DEFAULT_SETTINGS, lone_word_level=-1)


def _serious_without_rule(source: str, rendering: str) -> frozenset:
    _analysis, checked = checked_analysis(source, rendering, settings=_RULE_OFF)
    return frozenset(
        (f.type, f.source_span, f.text) for f in checked.flags if f.severity in ("major", "critical")
    )


def lone_levels(source: str, rendering: str) -> tuple[dict[int, int], bool]:
    """For each lone uncovered source word, the strictest CURVE_LEVELS level it passes (-1 for none;
    checks.lone_word_levels, the shipped rule's own test), and whether the segment already carries a
    major/critical flag (the lone-word rule off)."""
    analysis, checked = checked_analysis(source, rendering, settings=_RULE_OFF)
    levels = {i: level for i, (level, _place) in lone_word_levels(analysis, checked.found).items()}
    serious = any(f.severity in ("major", "critical") for f in checked.flags)
    return levels, serious


def curve(rows: list[dict], data: Path) -> dict:
    """The lone-word rule's trade-off: DEMETR critical items gained (not flagged now) and human reference
    segments newly flagged, per strictness level."""
    gained = [0] * len(CURVE_LEVELS)
    unflagged = [
        r
        for r in rows
        if r["severity"] == "critical"
        and r["pert_sent"] != r["mt_sent"]
        and not _serious_without_rule(r["src_sent"], r["pert_sent"])
        - _serious_without_rule(r["src_sent"], r["mt_sent"])
    ]
    critical = sum(1 for r in rows if r["severity"] == "critical" and r["pert_sent"] != r["mt_sent"])
    for row in unflagged:
        before, _ = lone_levels(row["src_sent"], row["mt_sent"])
        after, _ = lone_levels(row["src_sent"], row["pert_sent"])
        new = [level for i, level in after.items() if i not in before]
        for k in range(len(CURVE_LEVELS)):
            gained[k] += any(level >= k for level in new)
    human: dict[str, dict] = {}
    sets = []
    for name, folder, ref in (
        ("wmt21A", "wmt21-ru-en", "ref.A.en"),
        ("wmt21B", "wmt21-ru-en", "ref.B.en"),
        ("wmt23A", "wmt23-ru-en", "ref.A.en"),
    ):
        if (data / folder / ref).exists():
            sources = (data / folder / "src.ru").read_text(encoding="utf-8").splitlines()
            references = (data / folder / ref).read_text(encoding="utf-8").splitlines()
            sets.append((name, list(zip(sources, references, strict=True))))
    seen: dict[str, str] = {}
    for row in rows:
        seen.setdefault(row["src_sent"], row["eng_sent"])
    sets.append(("demetr", list(seen.items())))
    for name, pairs in sets:
        flagged_now = 0
        added = [0] * len(CURVE_LEVELS)
        for source, reference in pairs:
            levels, serious = lone_levels(source, reference)
            flagged_now += serious
            for k in range(len(CURVE_LEVELS)):
                added[k] += not serious and any(level >= k for level in levels.values())
        n = len(pairs)
        human[name] = {
            "segments": n,
            "now": round(flagged_now / n, 4),
            "with_rule": [round((flagged_now + a) / n, 4) for a in added],
        }
    flagged = critical - len(unflagged)
    return {
        "critical_items": critical,
        "now": round(flagged / critical, 4),
        "with_rule": [round((flagged + g) / critical, 4) for g in gained],
        "human": human,
        "levels": list(CURVE_LEVELS),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0, help="only the first N items (smoke runs)")
    parser.add_argument("--neural", action="store_true", help="also the combined fidelity of --neural")
    parser.add_argument("--misses", action="store_true", help="list the critical items left unflagged")
    parser.add_argument("--curve", action="store_true", help="a lone-word omission rule's trade-off curve")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    if args.misses:
        for row in misses(rows):
            print(
                f"{row['pert_name']}\n  src  {row['src_sent']}\n  mt   {row['mt_sent']}\n  pert {row['pert_sent']}"
            )
        return 0
    if args.curve:
        found = curve(rows, args.data.resolve().parent.parent)
        if args.json:
            print(json.dumps(found, indent=2, ensure_ascii=False))
            return 0
        print(
            f"critical items with a new major/critical flag now: {found['now']:.3f} of {found['critical_items']}"
        )
        print(
            "human references with a major/critical flag now: "
            + ", ".join(f"{k} {v['now']:.1%}" for k, v in found["human"].items())
        )
        print("a lone-word omission flag (major) at each level would give:")
        for k, label in enumerate(found["levels"]):
            print(
                f"  {label:64} DEMETR {found['with_rule'][k]:.3f}  "
                + "  ".join(f"{name} {v['with_rule'][k]:.1%}" for name, v in found["human"].items())
            )
        return 0
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
        + (f" {'neural':>6} {'n.flag':>6}" if args.neural else "")
    )
    for name, row in result["per_type"].items():
        print(
            f"{name:40} {row['severity']:8} {row['n']:3d} {row['skipped_unperturbed']:4d} {row['fidelity']:6.3f} "
            f"{row['chrf']:6.3f} {row['fidelity_ties']:4d} {row['fidelity_mean_abs_change']:7.4f} {row['chrf_mean_abs_change']:7.4f} {row['flagged']:6.3f}"
            + (f" {row['neural']:6.3f} {row['neural_flagged']:6.3f}" if args.neural else "")
        )
    print()
    for label, row in result["summary"].items():
        extra = ""
        if "fidelity_mean_abs_change" in row:
            extra = f"  mean |change| fidelity {row['fidelity_mean_abs_change']:.4f}, chrF {row['chrf_mean_abs_change']:.4f}"
        print(
            f"{label:15} items {row['items']:4d}  fidelity {row['fidelity']:.3f}  chrF {row['chrf']:.3f}"
            f"  new major/critical flag {row['flagged']:.3f}"
            + (
                f"  neural {row['neural']:.3f}, its new flag {row['neural_flagged']:.3f}"
                if "neural" in row
                else ""
            )
            + extra
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
