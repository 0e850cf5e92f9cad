#!/usr/bin/env python3
"""Speed: segments per second of fidelity (with checks) against sacrebleu's sentence chrF, same segments, same run.

Fidelity reads the source and the rendering; chrF the rendering and the reference. The lexicon and the
morphology models are loaded before timing (start-up, timed and printed apart). Then, in one process:

  cold   the first system's output (every word seen for the first time: lemmatisation of each new form);
  warm   each further system's output for the same sources (new segments, most words already met);
  whole  the run as a whole: every system one after another from a cold start (how a corpus is scored).

Fidelity is timed as `score_pair` returns it: score, flags and evidence. Times are CPU seconds of this
process (`time.process_time`), so other jobs on the machine disturb them less than wall-clock time;
chrF and fidelity alternate system by system, so a slow spell hits both.

`--neural`: fidelity as `tct score --neural` computes it (lexical score, then the encoder's leave-one-out
second opinion and the combined model; needs `tct[neural]`): pairs per CPU second with one BLAS thread.
The encoder's weights load before timing; a source's deletion variants are encoded once (the cold system
pays for them, the warm ones reuse them, as a corpus scored against several renderings does).

    python scripts/bench_score.py [--data ../shared/data/wmt21-ru-en] [--systems N] [--limit N] [--neural]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sacrebleu.metrics import CHRF  # noqa: E402

from toolkit.neural import get_encoder, neural_opinion, neural_signature  # noqa: E402
from toolkit.score import score_pair  # noqa: E402
from toolkit.score.fidelity import fidelity_signature  # noqa: E402
from toolkit.score.lexical import warm_up  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "wmt21-ru-en"
FIRST = "hyp.Online-B.en"


def timed(function, *args) -> float:  # noqa: ANN001 - any callable
    start = time.process_time()
    function(*args)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--systems", type=int, default=0, help="how many systems (default: all)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N segments of each")
    parser.add_argument("--neural", action="store_true", help="time fidelity with the --neural opinion")
    args = parser.parse_args(argv)
    sources = (args.data / "src.ru").read_text(encoding="utf-8").splitlines()
    refs = (args.data / "ref.A.en").read_text(encoding="utf-8").splitlines()
    names = sorted(p.name for p in args.data.glob("hyp.*.en"))
    names = [FIRST, *(n for n in names if n != FIRST)] if FIRST in names else names
    if args.systems:
        names = names[: args.systems]
    if args.limit:
        sources, refs = sources[: args.limit], refs[: args.limit]
    systems = {n: (args.data / n).read_text(encoding="utf-8").splitlines()[: len(sources)] for n in names}

    start = time.perf_counter()
    warm_up()  # loading the models is not part of the per-segment cost
    encoder = get_encoder() if args.neural else None
    startup = time.perf_counter() - start
    chrf = CHRF()
    chrf.sentence_score("warm up", ["warm up"])

    def run_chrf(hyps: list[str]) -> None:
        for hyp, ref in zip(hyps, refs, strict=True):
            chrf.sentence_score(hyp, [ref])

    def run_fidelity(hyps: list[str]) -> None:
        for source, hyp in zip(sources, hyps, strict=True):
            scored = score_pair(source, hyp)
            if encoder is not None:
                neural_opinion(scored, encoder)

    rows = []
    for name in names:
        hyps = systems[name]
        rows.append((name, timed(run_chrf, hyps), timed(run_fidelity, hyps)))

    n = len(sources)
    print(f"{n} segments x {len(names)} systems of {args.data.name}; CPU seconds of this process")
    print(f"start-up (lexicon, pymorphy3, lemminflect, sentencepiece): {startup:.2f} s wall, once")
    print(f"chrF: {chrf.get_signature()}")
    print(f"fidelity: {fidelity_signature()}")
    if encoder is not None:
        print(f"with --neural (fidelity columns: lexical + encoder + combined model): {neural_signature()}")
    print(f"{'system':28} {'chrF seg/s':>11} {'fidelity seg/s':>15} {'fidelity/chrF':>14}")
    for k, (name, c, f) in enumerate(rows):
        label = f"{name[4:-3]} ({'cold' if k == 0 else 'warm'})"
        print(f"{label:28} {n / c:11.0f} {n / f:15.0f} {c / f:14.2f}")
    ratios = [c / f for _, c, f in rows[1:]]
    if ratios:
        print(
            f"warm systems: median ratio {statistics.median(ratios):.2f} (range {min(ratios):.2f}-{max(ratios):.2f})"
        )
    total_chrf = sum(c for _, c, _ in rows)
    total_fidelity = sum(f for _, _, f in rows)
    print(
        f"whole run from cold, {n * len(rows)} segments: chrF {n * len(rows) / total_chrf:.0f}/s, "
        f"fidelity {n * len(rows) / total_fidelity:.0f}/s, ratio {total_chrf / total_fidelity:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
