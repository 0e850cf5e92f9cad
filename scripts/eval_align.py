#!/usr/bin/env python3
"""Evaluate `tct align` against gold sentence alignments and print strict/lax bead F1 and link F1.

(Sentence splitting has its own evaluation: scripts/eval_segment.py.)

Sets (all under ../shared/data relative to the repository root, or --data):
- textberg: Text+Berg German-French 001-003, one sentence per line, gold in vecalign format;
- hunalign: the hunalign Hungarian-English hand alignment (hand.ladder, rungs between beads);
- literary: the same WMT21 documents disturbed as a literary translator would (disturb_literary: two or
  three sentences made one, one cut in two or three, the break between two moved, few drops), without
  the lexicon;
- wmt: Russian-English documents of WMT21 newstest (source and reference A, 1-1 by construction),
  grouped into longer documents and disturbed with a fixed seed: target sentences merged, split at
  a comma or conjunction, dropped or inserted, source sentences dropped. Run with and without the
  Russian-English lexicon (--no-lexicon, or both with the default).

    python scripts/eval_align.py                 # every set
    python scripts/eval_align.py --sets textberg --param skip_penalty=4
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from toolkit.align import aligner  # noqa: E402
from toolkit.align.aligner import align_sentences  # noqa: E402
from toolkit.align.formats import parse_ladder, parse_vecalign  # noqa: E402
from toolkit.align.metrics import score_alignments  # noqa: E402
from toolkit.align.scorers import AlignerSettings  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
Document = tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def textberg(data: Path) -> list[Document]:
    root = data / "align-gold" / "textberg-de-fr"
    docs = []
    for name in ("001", "002", "003"):
        gold = [(b.source, b.target) for b in parse_vecalign((root / "gold" / name).read_text("utf-8"))]
        docs.append((_lines(root / "de" / name), _lines(root / "fr" / name), gold))
    return docs


def hunalign(data: Path) -> list[Document]:
    root = data / "align-gold" / "hunalign-dtm-hu-en"
    gold = [(b.source, b.target) for b in parse_ladder((root / "hand.ladder").read_text("utf-8"))]
    return [(_lines(root / "hu.sen"), _lines(root / "en.sen"), gold)]


def wmt_pairs(data: Path) -> list[list[tuple[str, str]]]:
    """WMT21 ru-en documents as lists of (source, reference A) sentence pairs."""
    tree = ET.parse(data / "wmt21-ru-en" / "newstest2021.ru-en.all.xml")
    documents = []
    for doc in tree.getroot().iter("doc"):
        source = {seg.get("id"): (seg.text or "").strip() for seg in doc.findall("src//seg")}
        reference = None
        for ref in doc.findall("ref"):
            if ref.get("translator") == "A":
                reference = {seg.get("id"): (seg.text or "").strip() for seg in ref.findall(".//seg")}
        if not reference:
            continue
        pairs = [(source[k], reference[k]) for k in source if source[k] and reference.get(k)]
        if pairs:
            documents.append(pairs)
    return documents


_SPLIT_POINT = re.compile(r",\s+(?:and|but|which|while|who|as|because|so)?\s*|;\s+|\s+(?:and|but)\s+")


def _split_target(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    """Cut a sentence at a comma or conjunction near its middle, as a translator splitting it might."""
    points = [m for m in _SPLIT_POINT.finditer(sentence) if 0.25 < m.start() / len(sentence) < 0.75]
    if not points:
        return None
    cut = rng.choice(points)
    first = sentence[: cut.start()].rstrip(",;") + "."
    second = sentence[cut.end() :]
    if len(first) < 15 or len(second) < 15:
        return None
    return first, second[0].upper() + second[1:]


def _add(doc: Document, sources: list[str], targets: list[str]) -> None:
    """Append sentences to a document being built, and the gold bead that pairs them."""
    source, target, gold = doc
    first_source, first_target = len(source), len(target)
    source += sources
    target += targets
    gold.append((tuple(range(first_source, len(source))), tuple(range(first_target, len(target)))))


def disturb(
    pairs: list[tuple[str, str]], fillers: list[str], rng: random.Random, rate: float = 1.0
) -> Document:
    """Source and target sentences with merges, splits, drops and insertions, and the gold beads."""
    doc: Document = ([], [], [])
    k = 0
    while k < len(pairs):
        s, t = pairs[k]
        roll = rng.random() / rate
        if roll < 0.03:  # an inserted target sentence the source does not have
            _add(doc, [], [rng.choice(fillers)])
            continue
        if roll < 0.11 and k + 1 < len(pairs):  # the translator merged two sentences
            s2, t2 = pairs[k + 1]
            _add(doc, [s, s2], [t.rstrip(".") + ", and " + t2[:1].lower() + t2[1:] if t2 else t])
            k += 2
            continue
        split = _split_target(t, rng) if roll < 0.19 else None  # the translator split one in two
        if split:
            _add(doc, [s], list(split))
        elif roll < 0.23:  # a dropped target sentence (an omission; also a split with no place to cut)
            _add(doc, [s], [])
        elif roll < 0.26:  # a source sentence missing (the original only partly known)
            _add(doc, [], [t])
        else:
            _add(doc, [s], [t])
        k += 1
    return doc


def _recut(first: str, second: str, rng: random.Random) -> tuple[str, str] | None:
    """Two sentences rendered as two with the break moved: the end of the first joins the second, or
    the start of the second joins the first (the 2-2 bead of a literary translator)."""
    if rng.random() < 0.5:
        split = _split_target(first, rng)
        if split:
            return split[0], split[1].rstrip(".") + "; " + second[:1].lower() + second[1:]
        return None
    split = _split_target(second, rng)
    if split:
        return first.rstrip(".") + ", " + split[0][:1].lower() + split[0][1:], split[1]
    return None


def disturb_literary(pairs: list[tuple[str, str]], fillers: list[str], rng: random.Random) -> Document:
    """A literary translator's liberties: merges of two or three sentences, splits into two or three,
    moved breaks (2-2), and fewer drops and insertions than `disturb`."""
    doc: Document = ([], [], [])
    k = 0
    while k < len(pairs):
        s, t = pairs[k]
        roll = rng.random()
        if roll < 0.02:
            _add(doc, [], [rng.choice(fillers)])
            continue
        if roll < 0.14 and k + 1 < len(pairs):  # two sentences made one
            t2 = pairs[k + 1][1]
            _add(doc, [s, pairs[k + 1][0]], [t.rstrip(".") + "; " + t2[:1].lower() + t2[1:]])
            k += 2
            continue
        if roll < 0.18 and k + 2 < len(pairs):  # three made one
            t2, t3 = pairs[k + 1][1], pairs[k + 2][1]
            joined = f"{t.rstrip('.')}, {t2[:1].lower()}{t2[1:].rstrip('.')}, and {t3[:1].lower()}{t3[1:]}"
            _add(doc, [s, pairs[k + 1][0], pairs[k + 2][0]], [joined])
            k += 3
            continue
        if roll < 0.24 and k + 1 < len(pairs):  # the break between two sentences moved
            recut = _recut(t, pairs[k + 1][1], rng)
            if recut:
                _add(doc, [s, pairs[k + 1][0]], list(recut))
                k += 2
                continue
        split = _split_target(t, rng) if roll < 0.34 else None  # one sentence cut in two, sometimes three
        if split:
            parts = list(split)
            again = _split_target(parts[1], rng) if rng.random() < 0.3 else None
            if again:
                parts[1:] = list(again)
            _add(doc, [s], parts)
        elif 0.34 <= roll < 0.36:  # a dropped sentence (not a split or recut that found no place to cut)
            _add(doc, [s], [])
        else:
            _add(doc, [s], [t])
        k += 1
    return doc


def wmt(data: Path, group: int = 8, seed: int = 13, literary: bool = False) -> list[Document]:
    """WMT21 documents grouped `group` at a time (about 130 sentences each), disturbed with `seed`."""
    documents = wmt_pairs(data)
    rng = random.Random(seed)
    fillers = [t for doc in documents[::7] for _, t in doc]
    grouped = [sum(documents[k : k + group], []) for k in range(0, len(documents), group)]
    if literary:
        return [disturb_literary(pairs, fillers, rng) for pairs in grouped]
    return [disturb(pairs, fillers, rng) for pairs in grouped]


def evaluate(docs: list[Document], source_lang: str, target_lang: str, settings: AlignerSettings) -> dict:
    started = time.perf_counter()
    tests = []
    # How often a bead is exactly right, by confidence band: is the confidence worth showing users?
    bands = {"high": [0, 0], "middle": [0, 0], "low": [0, 0]}
    for source, target, gold in docs:
        beads = align_sentences(source, target, source_lang, target_lang, settings)
        tests.append([(b.source, b.target) for b in beads])
        gold_set = {(tuple(s), tuple(t)) for s, t in gold}
        for bead in beads:
            band = "high" if bead.confidence >= 0.9 else "middle" if bead.confidence >= 0.5 else "low"
            bands[band][0] += (bead.source, bead.target) in gold_set
            bands[band][1] += 1
    result = score_alignments([gold for _, _, gold in docs], tests)
    result["seconds"] = time.perf_counter() - started
    result["exact_by_confidence"] = {
        k: (hit / total if total else None, total) for k, (hit, total) in bands.items()
    }
    result["sentences"] = sum(len(s) + len(t) for s, t, _ in docs)
    return result


def _print(name: str, result: dict) -> None:
    print(
        f"{name:<28} strict F1 {result['f1_strict']:.3f} (P {result['precision_strict']:.3f} "
        f"R {result['recall_strict']:.3f})  lax F1 {result['f1_lax']:.3f}  link F1 {result['f1_link']:.3f}  "
        f"[{result['sentences']} sentences, {result['seconds']:.1f}s]"
    )
    parts = [
        f"{band} {share:.2f} of {total}" if share is not None else f"{band} none"
        for band, (share, total) in result["exact_by_confidence"].items()
    ]
    print(f"{'':<28} beads exactly right by confidence (>=0.9 / 0.5-0.9 / <0.5): {', '.join(parts)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", nargs="+", default=["textberg", "hunalign", "wmt", "literary"])
    parser.add_argument("--param", action="append", default=[], help="override a setting: name=value")
    parser.add_argument("--seed", type=int, default=13, help="wmt: the seed of the disturbances")
    parser.add_argument("--no-lexicon", action="store_true", help="wmt: only without the lexicon")
    args = parser.parse_args()
    overrides = {}
    for item in args.param:
        name, _, value = item.partition("=")
        overrides[name] = type(getattr(AlignerSettings(), name))(value) if value != "False" else False
    settings = dataclasses.replace(AlignerSettings(), **overrides)
    print(f"settings: {settings.signature()}")
    if "textberg" in args.sets:
        _print("Text+Berg de-fr 001-003", evaluate(textberg(args.data), "de", "fr", settings))
    if "hunalign" in args.sets:
        _print("hunalign hu-en (hand)", evaluate(hunalign(args.data), "hu", "en", settings))
    if "literary" in args.sets:
        docs = wmt(args.data, seed=args.seed, literary=True)
        plain = dataclasses.replace(settings, lexicon=False)
        _print("WMT21 ru-en literary, no lex.", evaluate(docs, "ru", "en", plain))
    if "wmt" in args.sets:
        docs = wmt(args.data, seed=args.seed)
        plain = dataclasses.replace(settings, lexicon=False)
        _print("WMT21 ru-en noisy, no lexicon", evaluate(docs, "ru", "en", plain))
        if not args.no_lexicon:
            if aligner.uses_lexicon("ru", "en", settings):
                _print("WMT21 ru-en noisy, lexicon", evaluate(docs, "ru", "en", settings))
            else:
                print("WMT21 ru-en noisy, lexicon: the lexicon is not installed (toolkit.lexicon)")


if __name__ == "__main__":
    main()
