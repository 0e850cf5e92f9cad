"""Does a score depend on how the text was cut into lines? Paragraphs against the same sentences line by line.

From the WMT21 and WMT23 ru-en test sets (the XML in ../shared/data, which keeps documents whole), takes runs
of consecutive prose segments (ending in a full stop, ! or ?) of one document holding 5, 20 and 80 sentences with their human reference translation (and, with
--system, one MT system), and scores each run two ways with tct's line scorer:

* lines: one segment per line, the fidelities combined by `weighted_fidelity` (as `tct score` does);
* paragraph: the run joined into one line on each side (what a reader pastes), split and aligned inside;
* blob (with --blob): the paragraph compared as one segment (`score_pair`), as tct did before.

Prints, per data set and paragraph size (runs of consecutive documents where no document is long enough), the mean of each and how far paragraph scores are from line scores.

    python scripts/eval_paragraphs.py                     # 5/20/80 sentences, up to 12 runs each
    python scripts/eval_paragraphs.py --runs 4 --blob     # quicker, with the old blob score for contrast
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.score.files import score_lines  # noqa: E402
from toolkit.score.pair import score_pair  # noqa: E402
from toolkit.score.paragraph import score_text_weighted  # noqa: E402
from toolkit.score.results import weighted_fidelity  # noqa: E402
from toolkit.segment import split_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SETS = {
    "wmt21": DATA / "wmt21-ru-en" / "newstest2021.ru-en.all.xml",
    "wmt23": DATA / "wmt23-ru-en" / "wmttest2023.ru-en.all.xml",
}


_TERMINAL = re.compile(r"[.!?…][»\"”')]*$")


def _segments(element: ET.Element | None) -> dict[str, str]:
    if element is None:
        return {}
    return {seg.get("id", ""): " ".join((seg.text or "").split()) for seg in element.iter("seg")}


def documents(path: Path, system: str | None) -> list[tuple[list[str], list[str]]]:
    """(source segments, rendering segments) per document: the first reference, or `system`'s output."""
    out = []
    for doc in ET.parse(path).getroot().iter("doc"):
        source = _segments(doc.find("src"))
        if system:
            other = _segments(next((h for h in doc.iter("hyp") if h.get("system") == system), None))
        else:
            other = _segments(doc.find("ref"))
        # Prose only: headlines and captions have no full stop, and joined into a line they read as one
        # long sentence that no reader would paste.
        ids = [k for k in source if _TERMINAL.search(source[k]) and _TERMINAL.search(other.get(k, ""))]
        out.append(([source[k] for k in ids], [other[k] for k in ids]))
    return out


def _take(source: list[str], rendering: list[str], size: int, most: int) -> list[tuple[list[str], list[str]]]:
    """Up to `most` non-overlapping runs of consecutive segments from the start, each holding `size`
    source sentences or a few more (WMT23 segments are often paragraphs)."""
    out, start = [], 0
    while start < len(source) and len(out) < most:
        count, end = 0, start
        while end < len(source) and count < size:
            count += len(split_sentences(source[end], "ru"))
            end += 1
        if count < size:
            break
        out.append((source[start:end], rendering[start:end]))
        start = end
    return out


def runs(
    docs: list[tuple[list[str], list[str]]], size: int, limit: int
) -> tuple[list[tuple[list[str], list[str]]], bool]:
    """Up to `limit` runs of `size` sentences, at most two per document, longest documents first; when no
    document is that long (WMT23 has none of 80), runs of consecutive documents (the flag says so)."""
    chosen: list[tuple[list[str], list[str]]] = []
    for source, rendering in sorted(docs, key=lambda d: -len(d[0])):
        chosen.extend(_take(source, rendering, size, min(2, limit - len(chosen))))
        if len(chosen) == limit:
            break
    if chosen:
        return chosen, False
    source = [s for d in docs for s in d[0]]
    rendering = [r for d in docs for r in d[1]]
    return _take(source, rendering, size, limit), True


def line_score(source: list[str], rendering: list[str]) -> float | None:
    pairs = []
    for src, hyp in zip(source, rendering, strict=True):
        scored = score_text_weighted(src, hyp, with_evidence=False)
        pairs.append((scored.score.fidelity or 0.0, scored.mass))
    return weighted_fidelity(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5,20,80", help="segments per paragraph")
    parser.add_argument("--runs", type=int, default=12, help="paragraphs per size and data set")
    parser.add_argument("--system", default=None, help="score this MT system instead of the reference")
    parser.add_argument("--blob", action="store_true", help="also score each paragraph as one blob (slow)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    header = ["set", "sentences", "runs", "lines", "paragraph", "mean |diff|", "max |diff|", "within 0.05"]
    if args.blob:
        header.append("blob")
    print("\t".join(header))
    for name, path in SETS.items():
        docs = documents(path, args.system)
        for size in sizes:
            chosen, across = runs(docs, size, args.runs)
            if not chosen:
                print(f"{name}\t{size}\t0\t(no document that long)")
                continue
            lines, paragraphs, blobs = [], [], []
            for source, rendering in chosen:
                lines.append(line_score(source, rendering) or 0.0)
                row = next(score_lines([" ".join(source)], [" ".join(rendering)]))
                paragraphs.append(row["fidelity"])
                if args.blob:
                    blobs.append(
                        score_pair(" ".join(source), " ".join(rendering), with_evidence=False).fidelity
                    )
            diffs = [abs(p - q) for p, q in zip(paragraphs, lines, strict=True)]
            cells = [
                name,
                f"{size}{' (across documents)' if across else ''}",
                str(len(chosen)),
                f"{statistics.mean(lines):.3f}",
                f"{statistics.mean(paragraphs):.3f}",
                f"{statistics.mean(diffs):.3f}",
                f"{max(diffs):.3f}",
                f"{sum(d <= 0.05 for d in diffs)}/{len(diffs)}",
            ]
            if args.blob:
                cells.append(f"{statistics.mean(blobs):.3f}")
            print("\t".join(cells), flush=True)


if __name__ == "__main__":
    main()
