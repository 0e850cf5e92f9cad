#!/usr/bin/env python3
"""Can a fact-checker trust tct's findings? Flags counted against a bilingual reading, and on human translations.

1. Seed corpus: every flag of the seven quotes with an original (no_original flags, which say what cannot be
   checked, are counted apart) against tests/data/seed_reading.toml, a reading written by hand before tuning:
   right (overlaps a real deviation, with its label), mislabelled (overlaps one, wrong label), false (no real
   deviation there), and missed deviations. Also: Lenin's published translation (faithful) and how often a
   faithful sentence scores above a deviating one.
2. Human translations as renderings of their sources (they are faithful, so every major/critical flag is a
   probable false alarm): WMT21 ru-en ref.A and ref.B, WMT23 ref.A, and DEMETR ru dev's eng_sent. Per set:
   share of segments with a major or critical flag, flags per segment, median fidelity, and the most
   frequent flag types.

`--neural`: the same with the flags and fidelity of `tct score --neural` (needs `tct[neural]`).

    python scripts/eval_trust.py [--data ../shared/data] [--limit N] [--sets seed,wmt21A,...] [--neural] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.corpus import load_quote  # noqa: E402
from toolkit.neural.apply import neural_rendering, neural_segment  # noqa: E402
from toolkit.neural.opinion import neural_signature  # noqa: E402
from toolkit.score import score_pair, score_quote  # noqa: E402
from toolkit.score.fidelity import fidelity_signature  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
READING = ROOT / "tests" / "data" / "seed_reading.toml"
SEED_QUOTES = (
    "beria-passport-memo",
    "historian-presidium-1952",
    "lenin-letter-to-congress",
    "mukhin-afraid-of-leader",
    "mukhin-politburo-1941",
    "plenum-1952-stalin-resigns",
    "stalin-1926-party-dictatorship",
)
SERIOUS = ("major", "critical")
_WORD = re.compile(r"[^\W\d_]{2,}|\d+")
NEURAL = {"on": False}  # --neural: every score below goes through the encoder's second opinion


def _score_quote(quote):  # noqa: ANN001, ANN202 - a Quote in, RenderingScores out
    scored = score_quote(quote)
    return [neural_rendering(r) for r in scored] if NEURAL["on"] else scored


def _score_pair(source: str, rendering: str):  # noqa: ANN202 - a SegmentScore
    if NEURAL["on"]:
        return neural_segment(score_pair(source, rendering))
    return score_pair(source, rendering, with_evidence=False)


def _words(text: str) -> set[str]:
    return {w.lower().replace("ё", "е") for w in _WORD.findall(text or "")}


def _flag_texts(segment, flag) -> tuple[str, str]:
    """The Russian and English a flag points at: its spans where it has them, else its text on its side."""
    ru = en = ""
    if flag.source_span and segment.source:
        ru = segment.source[flag.source_span[0] : flag.source_span[1]]
    if flag.rendering_span and segment.rendering:
        en = segment.rendering[flag.rendering_span[0] : flag.rendering_span[1]]
    if not ru and not en:
        ru, en = (flag.text, "") if flag.side == "source" else ("", flag.text)
    return ru, en


def _overlaps(deviation: dict, ru: str, en: str) -> bool:
    dev_ru, dev_en = _words(deviation.get("ru", "")), _words(deviation.get("en", ""))
    if deviation.get("en", "").strip() in ("...", "…") and ("..." in en or "…" in en):
        return True
    return bool(dev_ru & _words(ru)) or bool(dev_en & _words(en))


def _segment_has(deviation: dict, segment) -> bool:
    dev_ru, dev_en = _words(deviation.get("ru", "")), _words(deviation.get("en", ""))
    ru_words, en_words = _words(segment.source or ""), _words(segment.rendering or "")
    if dev_ru:
        return len(dev_ru & ru_words) >= max(1, len(dev_ru) // 2)
    return len(dev_en & en_words) >= max(1, len(dev_en) // 2)


def seed(corpus: Path, reading_path: Path = READING) -> dict:
    reading = tomllib.loads(reading_path.read_text(encoding="utf-8"))
    deviations = reading.get("deviation", [])
    totals = Counter()
    rows = []
    faithful_scores: list[float] = []
    deviating_scores: list[float] = []
    lenin_published = None
    caught: set[int] = set()
    for quote_id in SEED_QUOTES:
        quote = load_quote(corpus / quote_id)
        for rendering in _score_quote(quote):
            if quote_id == "lenin-letter-to-congress" and rendering.name == "published":
                lenin_published = rendering.fidelity
            mine = [
                (k, d)
                for k, d in enumerate(deviations)
                if d["quote"] == quote_id and d["rendering"] == rendering.name
            ]
            for segment in rendering.segments:
                here = [(k, d) for k, d in mine if _segment_has(d, segment)]
                if segment.source and segment.rendering and segment.fidelity is not None:
                    required = [d for _, d in here if d.get("required", True)]
                    (deviating_scores if required else faithful_scores).append(segment.fidelity)
                for flag in segment.flags:
                    if flag.type == "no_original":
                        totals["no_original"] += 1
                        continue
                    ru, en = _flag_texts(segment, flag)
                    hits = [(k, d) for k, d in here if _overlaps(d, ru, en)]
                    labels = {h["type"] for _, h in hits} | {a for _, h in hits for a in h.get("also", [])}
                    if hits and flag.type in labels:
                        verdict = "right"
                        caught.update(k for k, _ in hits)
                    elif hits:
                        verdict = "mislabelled"
                    else:
                        verdict = "false"
                    totals[verdict] += 1
                    totals["flags"] += 1
                    rows.append(
                        {
                            "quote": quote_id,
                            "rendering": rendering.name,
                            "verdict": verdict,
                            "type": flag.type,
                            "severity": flag.severity,
                            "text": flag.text,
                            "detail": flag.detail,
                        }
                    )
    missed = [d for k, d in enumerate(deviations) if d.get("required", True) and k not in caught]
    pairs = [(f, d) for f in faithful_scores for d in deviating_scores]
    ranking = sum(1.0 if f > d else 0.5 if f == d else 0.0 for f, d in pairs) / len(pairs) if pairs else None
    return {
        "flags": totals["flags"],
        "right": totals["right"],
        "mislabelled": totals["mislabelled"],
        "false": totals["false"],
        "no_original": totals["no_original"],
        "missed": [
            f"{d['quote']}/{d['rendering']}: {d['type']} {d.get('ru') or d.get('en')}" for d in missed
        ],
        "lenin_published": lenin_published,
        "faithful_segments": len(faithful_scores),
        "faithful_min": min(faithful_scores) if faithful_scores else None,
        "faithful_median": statistics.median(faithful_scores) if faithful_scores else None,
        "deviating_segments": len(deviating_scores),
        "faithful_above_deviating": round(ranking, 4) if ranking is not None else None,
        "rows": rows,
    }


def human(sources: list[str], renderings: list[str]) -> dict:
    """Flags and fidelity of faithful human translations, segment by segment."""
    serious = flags = 0
    fidelities: list[float] = []
    kinds: Counter = Counter()
    examples: dict[str, str] = {}
    for source, rendering in zip(sources, renderings, strict=True):
        scored = _score_pair(source, rendering)
        fidelities.append(scored.fidelity or 0.0)
        flags += len(scored.flags)
        serious += any(f.severity in SERIOUS for f in scored.flags)
        for flag in scored.flags:
            key = f"{flag.type}/{flag.severity}"
            kinds[key] += 1
            examples.setdefault(key, f"{flag.text!r} :: {flag.detail}")
    n = len(fidelities)
    return {
        "segments": n,
        "serious_share": round(serious / n, 4) if n else None,
        "flags_per_segment": round(flags / n, 4) if n else None,
        "median_fidelity": round(statistics.median(fidelities), 4) if n else None,
        "faithful_share": round(sum(f >= 0.85 for f in fidelities) / n, 4) if n else None,
        "kinds": dict(kinds.most_common(8)),
        "examples": {k: examples[k] for k, _ in kinds.most_common(8)},
    }


def _lines(path: Path, limit: int) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[:limit] if limit else lines


def human_sets(data: Path, limit: int, wanted: set[str]) -> dict:
    out = {}
    for name, folder, ref in (
        ("wmt21A", "wmt21-ru-en", "ref.A.en"),
        ("wmt21B", "wmt21-ru-en", "ref.B.en"),
        ("wmt23A", "wmt23-ru-en", "ref.A.en"),
    ):
        if name in wanted and (data / folder / ref).exists():
            out[name] = human(_lines(data / folder / "src.ru", limit), _lines(data / folder / ref, limit))
    demetr = data / "demetr-ru-dev" / "demetr-ru-dev.jsonl"
    if "demetr" in wanted and demetr.exists():
        seen: dict[str, str] = {}
        for line in demetr.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                seen.setdefault(row["src_sent"], row["eng_sent"])
        pairs = list(seen.items())[: limit or None]
        out["demetr"] = human([s for s, _ in pairs], [r for _, r in pairs])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--corpus", type=Path, default=ROOT / "parallel")
    parser.add_argument("--limit", type=int, default=0, help="only the first N segments of each human set")
    parser.add_argument("--sets", default="seed,wmt21A,wmt21B,wmt23A,demetr")
    parser.add_argument("--neural", action="store_true", help="the flags and scores of --neural")
    parser.add_argument("--verbose", action="store_true", help="list every seed flag with its verdict")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    wanted = set(args.sets.split(","))
    NEURAL["on"] = args.neural
    result: dict = {"signature": fidelity_signature()}
    if args.neural:
        result["neural_signature"] = neural_signature()
    if "seed" in wanted:
        result["seed"] = seed(args.corpus)
    result["human"] = human_sets(args.data, args.limit, wanted)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
        return 0
    print(f"fidelity: {result['signature']}")
    if args.neural:
        print(f"neural: {result['neural_signature']}")
    if "seed" in result:
        s = result["seed"]
        print(
            f"seed: {s['flags']} flags (no_original apart: {s['no_original']}): right {s['right']}, "
            f"mislabelled {s['mislabelled']}, false {s['false']}; missed {len(s['missed'])}"
        )
        for line in s["missed"]:
            print(f"  missed: {line}")
        print(
            f"seed: Lenin published {s['lenin_published']}; faithful segments {s['faithful_segments']} "
            f"(min {s['faithful_min']}, median {s['faithful_median']}), deviating {s['deviating_segments']}; "
            f"faithful above deviating {s['faithful_above_deviating']}"
        )
        if args.verbose:
            for row in s["rows"]:
                print(
                    f"  {row['verdict']:11} {row['quote']}/{row['rendering']} {row['type']}/{row['severity']} "
                    f"{row['text']!r} {row['detail']}"
                )
    for name, h in result["human"].items():
        print(
            f"{name:7} {h['segments']:5d} segments: major/critical {h['serious_share']:.1%}, "
            f"flags/segment {h['flags_per_segment']:.2f}, median fidelity {h['median_fidelity']:.3f}, "
            f">= 0.85: {h['faithful_share']:.1%}"
        )
        print("        " + ", ".join(f"{k} {v}" for k, v in h["kinds"].items()))
        if args.verbose:
            for k, v in h["examples"].items():
                print(f"          e.g. {k}: {v[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
