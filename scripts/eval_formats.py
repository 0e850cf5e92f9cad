"""Round trip of every corpus quote through every exchange format: how many come back identical.

Each quote is exported (beads from the aligner, or its stored alignment), imported under a new id into a
scratch corpus, and compared: quote.toml (but the id), the original and every rendering byte for byte,
and the beads. Prints one row per format and the time taken.

    python scripts/eval_formats.py [--corpus parallel]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from toolkit.align import align_quote
from toolkit.corpus import Corpus, load_quote
from toolkit.formats import FORMATS, build_export, export_files, import_quote, write_export

OUTPUT = {"tmx": "q.tmx", "jsonl": "q.jsonl", "tsv": "q.tsv", "moses": "q"}


def snapshot(folder: Path) -> tuple:
    quote = load_quote(folder)
    meta = quote.metadata_dict()
    meta.pop("id")
    beads = {
        r.name: [(b.source, b.target) for b in align_quote(quote, r.name).beads] for r in quote.renderings
    }
    return meta, quote.original.text, {r.name: r.text for r in quote.renderings}, beads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("parallel"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, scratch)
        ids = Corpus(scratch).ids()
        print(f"{'format':7} {'quotes':>6} {'identical':>9} {'beads':>6} {'seconds':>8}")
        for fmt in FORMATS:
            start = time.perf_counter()
            identical = beads = 0
            for quote_id in ids:
                quote = load_quote(scratch / quote_id)
                export = build_export(quote)
                beads += len(export.rows)
                output = Path(tmp) / fmt / OUTPUT[fmt]
                write_export(export_files(export, fmt, output))
                back = import_quote(output, scratch, f"{quote_id}-{fmt}", fmt)
                identical += snapshot(scratch / quote_id) == snapshot(back.folder)
            seconds = time.perf_counter() - start
            print(f"{fmt:7} {len(ids):6} {identical:9} {beads:6} {seconds:8.2f}")


if __name__ == "__main__":
    main()
