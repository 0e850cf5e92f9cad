#!/usr/bin/env python3
"""Speed: segments per second of fidelity (with checks) against sacrebleu's sentence chrF, same segments, same run.

Fidelity reads the source and the rendering; chrF the rendering and the reference. The lexicon and the
morphology models are loaded before timing (both sides start warm on their models, cold on these
segments); that one-off start-up is timed and printed apart. Then a second system's
output for the same sources is scored: new segments, but most words already looked up once.

    python scripts/bench_score.py [--data ../shared/data/wmt21-ru-en] [--hyp hyp.Online-B.en] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sacrebleu.metrics import CHRF  # noqa: E402

from toolkit.score import score_pair  # noqa: E402
from toolkit.score.fidelity import fidelity_signature  # noqa: E402
from toolkit.score.lexical import warm_up  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "wmt21-ru-en"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--hyp", default="hyp.Online-B.en")
    parser.add_argument(
        "--second", default="hyp.AFRL.en", help="another system, scored after (warm word caches)"
    )
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    sources = (args.data / "src.ru").read_text(encoding="utf-8").splitlines()
    hyps = (args.data / args.hyp).read_text(encoding="utf-8").splitlines()
    refs = (args.data / "ref.A.en").read_text(encoding="utf-8").splitlines()
    if args.limit:
        sources, hyps, refs = sources[: args.limit], hyps[: args.limit], refs[: args.limit]
    start = time.perf_counter()
    warm_up()  # loading the models is not part of the per-segment cost
    startup_seconds = time.perf_counter() - start
    chrf = CHRF()
    chrf.sentence_score("warm up", ["warm up"])
    start = time.perf_counter()
    for hyp, ref in zip(hyps, refs, strict=True):
        chrf.sentence_score(hyp, [ref])
    chrf_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for source, hyp in zip(sources, hyps, strict=True):
        score_pair(source, hyp)
    fidelity_seconds = time.perf_counter() - start
    second = (args.data / args.second).read_text(encoding="utf-8").splitlines()[: len(sources)]
    start = time.perf_counter()
    for source, hyp in zip(sources, second, strict=True):
        score_pair(source, hyp)
    warm_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for hyp, ref in zip(second, refs, strict=True):
        chrf.sentence_score(hyp, [ref])
    chrf_second = time.perf_counter() - start
    n = len(hyps)
    print(f"{n} segments of {args.data.name}/{args.hyp}")
    print(f"start-up (lexicon, pymorphy3, lemminflect, sentencepiece): {startup_seconds:.2f} s, once")
    print(f"sacrebleu sentence chrF : {n / chrf_seconds:8.1f} segments/s  ({chrf.get_signature()})")
    print(f"tct fidelity + checks   : {n / fidelity_seconds:8.1f} segments/s  ({fidelity_signature()})")
    print(
        f"ratio fidelity/chrF     : {chrf_seconds / fidelity_seconds:8.2f}  (cold: every word seen for the first time)"
    )
    print(
        f"second system {args.second}: chrF {n / chrf_second:8.1f}/s, fidelity {n / warm_seconds:8.1f}/s, ratio {chrf_second / warm_seconds:.2f}  (warm word caches, new segments)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
