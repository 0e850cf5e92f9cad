#!/usr/bin/env python3
"""Time and peak memory of `align_sentences` on 1k, 5k, 6.7k (a novel) and 20k sentence documents, and
hunalign on the same sentences side by side when its binary is on PATH.

Documents are WMT21 ru-en newstest (source and reference A) concatenated and repeated until long
enough, disturbed like the evaluation (merges, splits, drops, insertions; fixed seed), so the band
has to follow a path that leaves the diagonal. Each size runs in a fresh process so peak memory
(ru_maxrss) is that size's own; tracemalloc's peak of Python allocations is printed too. CPU seconds
(process time) are printed beside wall-clock seconds: on a shared machine they vary less.

    python scripts/bench_align.py                # 1000 5000 6700 20000 sentences, no lexicon
    python scripts/bench_align.py --sizes 6700 --hunalign   # a novel's length, hunalign beside it

hunalign runs without a dictionary (`hunalign null.dic src tgt`, its length-and-identical-word mode,
the peer for tct without a lexicon); its time is that of the whole process, reading included.
    python scripts/bench_align.py --lexicon --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def build(size: int, data: Path) -> tuple[list[str], list[str]]:
    from eval_align import disturb, wmt_pairs

    documents = wmt_pairs(data)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < size:
        for doc in documents:
            pairs.extend(doc)
    pairs = pairs[:size]
    fillers = [t for _, t in pairs[::13]]
    source, target, _ = disturb(pairs, fillers, random.Random(7))
    return source, target


def run_one(size: int, data: Path, lexicon: bool) -> dict:
    from toolkit.align.aligner import align_sentences
    from toolkit.align.scorers import AlignerSettings

    source, target = build(size, data)
    settings = AlignerSettings(lexicon=lexicon)
    if lexicon:  # load the lexicon outside the timing
        align_sentences(source[:5], target[:5], "ru", "en", settings)
    started, started_cpu = time.perf_counter(), time.process_time()
    beads = align_sentences(source, target, "ru", "en", settings)
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # A second run under tracemalloc (which slows Python down) for the peak of Python allocations.
    tracemalloc.start()
    align_sentences(source, target, "ru", "en", settings)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "sentences": [len(source), len(target)],
        "beads": len(beads),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "traced_peak_mb": round(traced_peak / 2**20, 1),
        "max_rss_mb": round(rss, 1),
    }


def run_hunalign(size: int, data: Path) -> dict | None:
    """hunalign's wall-clock and CPU seconds (children's rusage) on the same sentences, or None."""
    binary = shutil.which("hunalign")
    if binary is None:
        return None
    source, target = build(size, data)
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / name for name in ("null.dic", "src.txt", "tgt.txt")]
        paths[0].write_text("", encoding="utf-8")
        paths[1].write_text("\n".join(source) + "\n", encoding="utf-8")
        paths[2].write_text("\n".join(target) + "\n", encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([binary, *map(str, paths)], check=True, capture_output=True)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "max_rss_mb": round(after.ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 6700, 20000])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--lexicon", action="store_true", help="use the Russian-English lexicon")
    parser.add_argument("--hunalign", action="store_true", help="time hunalign on the same sentences")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.data, args.lexicon)))
        return
    print(
        f"{'sentences (src, tgt)':>22} {'seconds':>8} {'CPU s':>6} {'s/1k':>6} {'traced MB':>10} {'max RSS MB':>11}"
    )
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--data", str(args.data)]
        if args.lexicon:
            command.append("--lexicon")
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        n, m = result["sentences"]
        per_thousand = result["seconds"] / max(n, 1) * 1000
        print(
            f"{f'{n}, {m}':>22} {result['seconds']:>8.2f} {result['cpu_seconds']:>6.2f} {per_thousand:>6.3f} "
            f"{result['traced_peak_mb']:>10.1f} {result['max_rss_mb']:>11.1f}"
        )
        if args.hunalign:
            peer = run_hunalign(size, args.data)
            if peer is None:
                print(f"{'hunalign':>22} not on PATH (not packaged in Debian 12; build it from its source)")
            else:
                print(
                    f"{'hunalign, same input':>22} {peer['seconds']:>8.2f} {peer['cpu_seconds']:>6.2f} "
                    f"{peer['seconds'] / max(n, 1) * 1000:>6.3f} {'':>10} {peer['max_rss_mb']:>11.1f}   "
                    f"tct/hunalign CPU {result['cpu_seconds'] / max(peer['cpu_seconds'], 1e-9):.2f}x"
                )


if __name__ == "__main__":
    main()
