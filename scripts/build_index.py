#!/usr/bin/env python3
"""Rebuild toolkit/data/lookup.sqlite: the shipped tables in a form read one word at a time.

Inputs (nothing else): toolkit/data/lexicon_ru_en.tsv.gz (scripts/build_lexicon.py),
toolkit/data/wordnet_en.tsv.gz (scripts/build_wordnet.py) and the installed lemminflect's lemma table
and overrides (resources/lemma_lu.csv.gz, resources/lemma_overrides.csv, read through lemminflect's own
loaders, merged as its getAllLemmas merges them). Output: one sqlite file holding the same rows keyed by
word, and in its `meta` table the SHA-256 of each input, so that `toolkit.lexicon.index` uses a table only
while its input is unchanged (run this again after rebuilding the lexicon or WordNet, or after upgrading
lemminflect; until then tct reads those files whole, as it did before, and gives the same answers).

The rows are inserted in key order into a fresh file with fixed page size and no journal, so a rebuild
from the same inputs with the same SQLite gives the same bytes; `--check` compares every row of the
file with its input instead of writing.

    python scripts/build_index.py [--out toolkit/data/lookup.sqlite] [--check]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.lexicon.index import FORMAT, INDEX_PATH, file_digest  # noqa: E402
from toolkit.lexicon.lexicon import LEXICON_PATH, Lexicon  # noqa: E402
from toolkit.lexicon.morph import lemminflect_digest, lemminflect_sources  # noqa: E402
from toolkit.lexicon.wordnet import WORDNET_PATH, WordNet  # noqa: E402

SEPARATORS = "|:/"  # between parts of speech, part of speech and forms, forms (en_lemmas rows)


def lexicon_tables() -> dict[str, dict[str, str]]:
    lexicon = Lexicon.read_file(LEXICON_PATH)
    return {f"lexicon_{lang}": dict(lexicon._raw(lang)) for lang in ("ru", "en")}


def wordnet_tables() -> tuple[dict[int, str], dict[str, str], list[str]]:
    """(synset number -> line, word -> line, the licence lines of the file's header)."""
    wordnet = WordNet.read_file(WORDNET_PATH)
    import gzip

    header = [
        line
        for line in gzip.decompress(WORDNET_PATH.read_bytes())
        .decode("utf-8")
        .split("\n@synsets\n", 1)[0]
        .split("\n")
        if line.startswith("#")
    ]
    return dict(enumerate(wordnet._synset_lines)), dict(wordnet._word_lines), header


def en_lemma_table() -> dict[str, str]:
    """lemminflect's lemma table with its overrides applied (word -> "POS:form/form|POS:form")."""
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.codecs.OverridesCodec import OverridesCodec

    table_path, overrides_path = lemminflect_sources()
    lemmas = LemmaLUCodec.load(str(table_path))
    overrides = OverridesCodec.load(str(overrides_path))
    out: dict[str, str] = {}
    for word in sorted(set(lemmas) | set(overrides)):
        merged = dict(lemmas.get(word, {}))
        merged.update(overrides.get(word, {}))
        for pos, forms in merged.items():
            if not forms or any(sep in part for part in (pos, *forms) for sep in SEPARATORS):
                raise SystemExit(f"lemminflect entry {word!r} {pos}: {forms!r} cannot be stored")
        out[word] = "|".join(f"{pos}:{'/'.join(forms)}" for pos, forms in merged.items())
    return out


def lemminflect_licence() -> str:
    """lemminflect's MIT licence text, which must go with copies of its data."""
    from importlib.metadata import distribution

    dist = distribution("lemminflect")
    for file in dist.files or ():
        if file.name.upper().startswith("LICEN"):
            return file.read_text(encoding="utf-8")
    raise SystemExit("lemminflect's licence file not found: its rows cannot be shipped without it")


def build() -> tuple[dict[str, dict], dict[str, str]]:
    """Every table and the meta rows."""
    tables: dict[str, dict] = lexicon_tables()
    synsets, words, licence = wordnet_tables()
    tables["wordnet_synsets"] = synsets
    tables["wordnet_words"] = words
    tables["en_lemmas"] = en_lemma_table()
    import lemminflect

    lexicon_digest = file_digest(LEXICON_PATH)
    meta = {
        "format": FORMAT,
        "source:lexicon_ru": lexicon_digest,
        "source:lexicon_en": lexicon_digest,
        "lexicon_pairs": str(len(Lexicon.read_file(LEXICON_PATH))),
        "source:wordnet": file_digest(WORDNET_PATH),
        "source:en_lemmas": lemminflect_digest(),
        "en_lemmas_from": f"lemminflect {lemminflect.__version__} (MIT licence), lemma_lu.csv.gz + lemma_overrides.csv",
        "wordnet_licence": "\n".join(licence),
        "en_lemmas_licence": lemminflect_licence(),
        "built_by": "scripts/build_index.py",
    }
    return tables, meta


def write(path: Path, tables: dict[str, dict], meta: dict[str, str]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lookup-", suffix=".sqlite")
    os.close(fd)
    os.unlink(tmp)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        for name, rows in sorted(tables.items()):
            key_type = "INTEGER" if name == "wordnet_synsets" else "TEXT"
            conn.execute(
                f"CREATE TABLE {name} (key {key_type} PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"
            )
            conn.executemany(f"INSERT INTO {name} VALUES (?, ?)", sorted(rows.items()))  # noqa: S608
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)


def check(path: Path, tables: dict[str, dict], meta: dict[str, str]) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    bad = 0
    stored_meta = dict(conn.execute("SELECT key, value FROM meta"))
    for key, value in meta.items():
        if stored_meta.get(key) != value:
            print(f"meta {key}: stored {stored_meta.get(key)!r:.80}, input gives {value!r:.80}")
            bad += 1
    for name, rows in tables.items():
        stored = dict(conn.execute(f"SELECT key, value FROM {name}"))  # noqa: S608
        if stored != rows:
            print(f"{name}: {len(stored)} rows stored, {len(rows)} from the input, differ")
            bad += 1
        else:
            print(f"{name}: {len(rows)} rows, equal to the input")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=INDEX_PATH)
    parser.add_argument(
        "--check", action="store_true", help="compare the file with its inputs, write nothing"
    )
    args = parser.parse_args(argv)
    tables, meta = build()
    if args.check:
        return check(args.out, tables, meta)
    write(args.out, tables, meta)
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in sorted(tables.items()))
    print(f"wrote {args.out} ({args.out.stat().st_size / 2**20:.1f} MiB): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
