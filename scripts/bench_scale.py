"""Benchmark the scale engine: time, throughput and peak memory of `tct score` on growing line-aligned input.

Builds inputs by repeating the WMT21 Russian-English test set (src.ru as source, ref.A.en as the rendering)
to the requested sizes, runs the scoring command as a child process for each size and engine, and prints
pairs per second, CPU seconds (user + system, workers included), peak memory and the 1-minute load
average when the run ended (other work on the machine slows the wall-clock figures). Peak memory is measured two ways: the largest single process (wait4's
ru_maxrss) and the whole process tree (sum of RSS of the command and its workers, sampled every 0.1 s).
Also checks that every engine writes the same bytes.

    python scripts/bench_scale.py --sizes 20000 200000 --jobs 1 2 --dask
    python scripts/bench_scale.py --sizes 2000000 --jobs 2 --snapshot HEAD   # the code of one commit

`--via cli` runs `python -m toolkit score --src S --hyp H --segments --json -o OUT --jobs N --engine E
--chunk-size C` (i.e. `tct score ...`); `--via library`
runs the same streaming path through `toolkit.engine.stream_lines` (no CLI parsing).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "wmt21-ru-en"

LIBRARY_CHILD = """
import sys
from toolkit.engine import Workers, stream_lines
from toolkit.engine.jobs import load_resources, score_chunk
src, hyp, out, jobs, engine, chunk = sys.argv[1:7]
if __name__ == "__main__":
    stream_lines(score_chunk, [src, hyp], out, chunk_size=int(chunk),
                 workers=Workers(int(jobs), engine, initializer=load_resources), progress=False)
"""


def build_inputs(folder: Path, size: int) -> tuple[Path, Path]:
    """`size` lines of src.ru and ref.A.en, repeating the 1000-line test set as often as needed."""
    pairs = []
    for name, column in (("src.ru", "src"), ("ref.A.en", "hyp")):
        lines = (SHARED / name).read_text(encoding="utf-8").splitlines()
        path = folder / f"{column}.{size}.txt"
        if not path.exists():
            with open(path, "w", encoding="utf-8") as handle:
                for line in itertools.islice(itertools.cycle(lines), size):
                    handle.write(line + "\n")
        pairs.append(path)
    return pairs[0], pairs[1]


def command(via: str, src: Path, hyp: Path, out: Path, jobs: int, engine: str, chunk: int) -> list[str]:
    if via == "library":
        script = out.parent / "bench_child.py"
        script.write_text(LIBRARY_CHILD, encoding="utf-8")
        return [sys.executable, str(script), str(src), str(hyp), str(out), str(jobs), engine, str(chunk)]
    return [
        sys.executable, "-m", "toolkit", "score", "--src", str(src), "--hyp", str(hyp), "--segments", "--json", "-o", str(out),
        "--jobs", str(jobs), "--engine", engine, "--chunk-size", str(chunk),
    ]  # fmt: skip


def snapshot(revision: str, workdir: Path) -> tuple[str, dict[str, str]]:
    """Export `revision` of this repository, so the figures belong to one commit even while others edit."""
    repo = Path(__file__).resolve().parents[1]
    commit = subprocess.run(
        ["git", "rev-parse", revision], cwd=repo, check=True, capture_output=True, text=True
    ).stdout.strip()
    folder = workdir / f"snapshot-{commit[:12]}"
    if not folder.exists():
        folder.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], cwd=repo, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return commit, {**os.environ, "PYTHONPATH": str(folder)}


def run(cmd: list[str], env: dict[str, str] | None, cwd: Path) -> dict[str, float]:
    """Run `cmd`, returning seconds, the largest process's peak RSS and the process tree's peak RSS (MiB)."""
    start = time.perf_counter()
    # cwd elsewhere: `python -m` puts the current folder first on sys.path, which would shadow a snapshot.
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    parent = psutil.Process(child.pid)
    tree_peak = 0
    status = None
    while status is None:
        with contextlib.suppress(psutil.Error):
            processes = [parent, *parent.children(recursive=True)]
            rss = 0
            for process in processes:
                with contextlib.suppress(psutil.Error):
                    rss += process.memory_info().rss
            tree_peak = max(tree_peak, rss)
        pid, status_code, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            status = status_code
            break
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}\n{stderr}")
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,  # includes the workers it waited for
        "max_rss_mib": usage.ru_maxrss / 1024,
        "tree_peak_mib": tree_peak / 2**20,
        "load": os.getloadavg()[0],
    }


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", action="store_true", help="also run --engine dask (LocalCluster, --jobs 2)")
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--via", choices=("cli", "library"), default="cli")
    parser.add_argument("--workdir", type=Path, default=None, help="keep inputs here (default: a temp dir)")
    parser.add_argument(
        "--snapshot",
        metavar="REV",
        default=None,
        help="run the code of this git revision (e.g. HEAD), exported",
    )
    args = parser.parse_args()

    workdir = (args.workdir or Path(tempfile.mkdtemp(prefix="tct-bench-"))).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    env = None
    code = "working tree"
    if args.snapshot:
        commit, env = snapshot(args.snapshot, workdir)
        code = f"commit {commit[:12]}"
    print(
        f"# {code}; inputs and outputs in {workdir}; via {args.via}; chunk size {args.chunk_size}; "
        f"{os.cpu_count()} cores"
    )
    print(f"{'pairs':>9} {'engine':>8} {'jobs':>4} {'seconds':>8} {'pairs/s':>8} {'speedup':>7} {'cpu s':>7} "
          f"{'max RSS MiB':>11} {'tree MiB':>8} {'load':>5}  sha256[:16]")  # fmt: skip
    for size in args.sizes:
        src, hyp = build_inputs(workdir, size)
        runs = [("local", jobs) for jobs in args.jobs] + ([("dask", 2)] if args.dask else [])
        base = None
        digests = set()
        for engine, jobs in runs:
            out = workdir / f"out.{size}.{engine}.{jobs}.jsonl"
            figures = run(command(args.via, src, hyp, out, jobs, engine, args.chunk_size), env, workdir)
            rate = size / figures["seconds"]
            base = base or rate
            digests.add(digest(out))
            print(
                f"{size:>9} {engine:>8} {jobs:>4} {figures['seconds']:>8.1f} {rate:>8.0f} {rate / base:>6.2f}x "
                f"{figures['cpu_seconds']:>7.1f} {figures['max_rss_mib']:>11.0f} {figures['tree_peak_mib']:>8.0f} "
                f"{figures['load']:>5.1f}  {digest(out)}",
                flush=True,
            )
            out.unlink()
        print(
            f"# {size} pairs: {'identical output on every engine' if len(digests) == 1 else 'OUTPUTS DIFFER'}"
        )


if __name__ == "__main__":
    main()
