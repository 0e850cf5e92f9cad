"""Concurrent writers of one quote, as real processes, counted: how often the promise "one winner without
--force, the last whole quote with it, never a mix" holds.

    python scripts/eval_races.py --rounds 20            # this checkout
    python scripts/eval_races.py --rounds 20 --code DIR # another checkout (e.g. main), same corpus

Prints, per race, the rounds that kept the promise and what went wrong in the others.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def spawn(code: Path, argv: list[str], cwd: Path) -> subprocess.Popen[str]:
    """`tct ARGV` from checkout `code` in a child process, with a user corpus of its own under `cwd`."""
    env = {
        "PYTHONPATH": str(code),
        "PATH": "/usr/bin:/bin",
        "HOME": str(cwd),
        "TCT_CORPUS": str(cwd / "user"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "toolkit", *argv], cwd=cwd, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def race(code: Path, commands: list[list[str]], cwd: Path, timeout: float = 300) -> list[tuple[int, str]]:
    """Start every command at once; (exit status, standard error) of each (tests/test_races.py uses it too)."""
    processes = [spawn(code, argv, cwd) for argv in commands]
    results = []
    for process in processes:
        _, stderr = process.communicate(timeout=timeout)
        results.append((process.returncode, stderr))
    return results


def _race(code: Path, commands: list[list[str]], cwd: Path) -> list[int]:
    return [status for status, _ in race(code, commands, cwd)]


def _texts(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != "quote.toml"}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--code", type=Path, default=REPO, help="checkout whose toolkit/ runs (default: this one)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tct-races-"))
    try:
        corpus = work / "corpus"
        shutil.copytree(REPO / "parallel", corpus)
        quotes = ("lenin-letter-to-congress", "beria-passport-memo")
        exports = []
        for quote in quotes:
            path = work / f"{quote}.jsonl"
            subprocess.run(
                [sys.executable, "-m", "toolkit", "export", quote, "-f", "jsonl", "-o", str(path), "--corpus", str(corpus)],
                env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "HOME": str(work)}, check=True, cwd=work,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            exports.append(path)
        whole = [_texts(corpus / q) for q in quotes]
        outcomes: dict[str, Counter[str]] = {
            "import": Counter(),
            "import --force": Counter(),
            "corpus add": Counter(),
        }
        sides = []
        for side in ("a", "b"):
            (work / f"{side}.ru").write_text(f"Оригинал {side}. Второе {side}.\n" * 50, encoding="utf-8")
            (work / f"{side}.en").write_text(f"Rendering {side}. Second {side}.\n" * 50, encoding="utf-8")
            sides.append(side)
        for number in range(args.rounds):
            quote_id = f"fresh-{number}"
            statuses = _race(
                args.code,
                [["import", str(e), "--id", quote_id, "--corpus", str(corpus)] for e in exports],
                work,
            )
            ok = sorted(statuses) == [0, 1] and _texts(corpus / quote_id) in whole
            outcomes["import"]["kept" if ok else f"broken (exit {statuses})"] += 1
            quote_id = f"forced-{number}"
            statuses = _race(
                args.code,
                [["import", str(e), "--id", quote_id, "--force", "--corpus", str(corpus)] for e in exports],
                work,
            )
            ok = statuses == [0, 0] and _texts(corpus / quote_id) in whole
            outcomes["import --force"]["kept" if ok else f"broken (exit {statuses}, mix or loss)"] += 1
            quote_id = f"added-{number}"
            commands = [
                ["corpus", "add", quote_id, "--original", str(work / f"{s}.ru"), "--rendering", f"post={work / f'{s}.en'}",
                 "--title", f"title {s}", "--corpus", str(corpus)]
                for s in sides
            ]  # fmt: skip
            statuses = _race(args.code, commands, work)
            texts = _texts(corpus / quote_id)
            meta = (corpus / quote_id / "quote.toml").read_text(encoding="utf-8")
            side = "a" if 'title = "title a"' in meta else "b"
            mixed = any(f" {side}." not in t.decode("utf-8").split("\n")[0] for t in texts.values())
            ok = sorted(statuses) == [0, 1] and not mixed
            outcomes["corpus add"][
                "kept" if ok else ("mixed" if mixed else f"both succeeded {statuses}")
            ] += 1
        for race, counter in outcomes.items():
            kept = counter.pop("kept", 0)
            others = ", ".join(f"{n} {what}" for what, n in sorted(counter.items()))
            print(
                f"{race}: promise kept in {kept} of {args.rounds} rounds" + (f" ({others})" if others else "")
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
