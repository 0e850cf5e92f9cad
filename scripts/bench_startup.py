#!/usr/bin/env python3
"""Start-up: `tct --help` against `sacrebleu --help`, and tct scoring one pair against sacrebleu scoring one.

Each command runs as a fresh process (what a user waits for), alternating tct and sacrebleu so a slow
spell of the machine hits both, `--repeat` times; the figures are medians of CPU time (user + system of the
child, which other jobs on a busy machine disturb less) and of wall-clock time. Targets (issue 13):
`tct --help` within 2x `sacrebleu --help`, scoring one pair within 3x.

  help   python -m toolkit --help            vs  python -m sacrebleu --help
  pair   python -m toolkit score --src S --hyp H   (fidelity: lexicon and morphology loaded)
         vs  python -m sacrebleu R -i H -b   (BLEU against a reference)

Both run as installed packages do, with their modules' bytecode cached (pip compiles it at install):
sacrebleu's site-packages carry .pyc files, and tct's are written on the first, untimed run into a
temporary folder (PYTHONPYCACHEPREFIX), even where PYTHONDONTWRITEBYTECODE is set. `--no-bytecode` keeps
the environment as it is (a tct run from a source tree with bytecode writing off then compiles all its
modules every time, which sacrebleu never does).

    python scripts/bench_startup.py [--repeat 5] [--data ../shared/data/wmt21-ru-en] [--no-bytecode]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "wmt21-ru-en"


ENV: dict[str, str] | None = None  # the children's environment (None: this one's)


def run(command: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process; fails loudly if the command does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def compare(label: str, ours: list[str], theirs: list[str], repeat: int, target: float) -> None:
    times: dict[str, list[tuple[float, float]]] = {"tct": [], "sacrebleu": []}
    run(ours)  # file-system caches and .pyc files, for both
    run(theirs)
    for _ in range(repeat):
        times["tct"].append(run(ours))
        times["sacrebleu"].append(run(theirs))
    cpu = {k: statistics.median(t[0] for t in v) for k, v in times.items()}
    wall = {k: statistics.median(t[1] for t in v) for k, v in times.items()}
    ratio_cpu, ratio_wall = cpu["tct"] / cpu["sacrebleu"], wall["tct"] / wall["sacrebleu"]
    verdict = "ok" if ratio_cpu <= target else "over"
    print(
        f"{label}\ttct {cpu['tct']:.3f}s cpu / {wall['tct']:.3f}s wall\t"
        f"sacrebleu {cpu['sacrebleu']:.3f}s cpu / {wall['sacrebleu']:.3f}s wall\t"
        f"ratio {ratio_cpu:.2f}x cpu / {ratio_wall:.2f}x wall\ttarget {target:g}x ({verdict})",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument(
        "--no-bytecode", action="store_true", help="leave bytecode caching as the environment has it"
    )
    args = parser.parse_args(argv)
    python = sys.executable
    global ENV
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as pycache:
        if not args.no_bytecode:
            ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            ENV["PYTHONPYCACHEPREFIX"] = pycache
        files = {}
        for name, source in (("src", "src.ru"), ("hyp", "hyp.Online-B.en"), ("ref", "ref.A.en")):
            line = (args.data / source).read_text(encoding="utf-8").splitlines()[0]
            files[name] = os.path.join(tmp, source)
            Path(files[name]).write_text(line + "\n", encoding="utf-8")
        print("what\ttct\tsacrebleu\tratio\ttarget")
        compare(
            "help", [python, "-m", "toolkit", "--help"], [python, "-m", "sacrebleu", "--help"], args.repeat, 2
        )
        compare(
            "pair",
            [python, "-m", "toolkit", "score", "--src", files["src"], "--hyp", files["hyp"]],
            [python, "-m", "sacrebleu", files["ref"], "-i", files["hyp"], "-b"],
            args.repeat,
            3,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
