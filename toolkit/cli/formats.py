"""`tct export` and `tct import`: a quote out to TMX, Moses, TSV or JSON Lines, and back in."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.common import CorpusOption, JsonOption, TctTyper, notice
from toolkit.cli.output import QuietOption, configure, emit_result
from toolkit.corpus import Corpus, resolve_corpus_dir
from toolkit.errors import UsageError
from toolkit.formats import FORMATS, build_export, export_files, import_quote, write_export

app = TctTyper()

FORMAT_HELP = (
    "The exchange format (here --format names the file written; the message takes --json): tmx (TMX 1.4, "
    "one <tu> per bead), moses (PREFIX.ru + PREFIX.en, line-aligned), tsv (header row), jsonl (metadata "
    "record, then one object per bead)."
)


@app.command("export")
def export_command(
    quote_id: Annotated[str, typer.Argument(help="Quote id.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=FORMAT_HELP, metavar="tmx|moses|tsv|jsonl")
    ] = "tmx",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file; '-' or nothing for standard output (tmx, jsonl only). For moses a prefix: "
            "-o out writes out.ru, out.en and out.meta.json. tsv and moses write the quote's metadata to "
            "FILE.meta.json beside the table.",
        ),
    ] = None,
    rendering: Annotated[
        str | None,
        typer.Option("--rendering", "-r", help="Only this rendering (default: all).", metavar="NAME"),
    ] = None,
    corpus: CorpusOption = None,
    json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Export a quote's aligned sentences (one unit per bead) with its metadata.

    A quote whose original is missing exports with an empty source side. `tct import` reads every
    format back into an identical quote.
    """
    configure(None, json, quiet)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    to_stdout = output is None or str(output) == "-"
    if to_stdout and fmt in ("moses", "tsv"):
        files = "PREFIX.ru, PREFIX.en and PREFIX.meta.json" if fmt == "moses" else "FILE and FILE.meta.json"
        target = "PREFIX" if fmt == "moses" else "FILE"
        raise UsageError(f"--format {fmt} writes {files}: give -o {target}, not standard output")
    quote = Corpus(resolve_corpus_dir(corpus)).quote(quote_id)
    export = build_export(quote, rendering)
    files = export_files(export, fmt, Path(f"{quote_id}.{fmt}") if to_stdout else output)
    if to_stdout:
        sys.stdout.buffer.write(next(iter(files.values())))
        sys.stdout.flush()
        return
    written = write_export(files)
    emit_result(
        f"exported {quote_id} ({len(export.rows)} beads) to {', '.join(str(p) for p in written)}",
        {"quote": quote_id, "format": fmt, "beads": len(export.rows), "files": [str(p) for p in written]},
    )


@app.command("import")
def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="Exported file (for moses: the prefix or either file; '-': standard input, with --format)."
        ),
    ],
    quote_id: Annotated[
        str | None,
        typer.Option("--id", help="Quote id to create (default: the id recorded in the file).", metavar="ID"),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="tmx, moses, tsv or jsonl (default: from the name).",
            metavar="tmx|moses|tsv|jsonl",
        ),
    ] = None,
    source_lang: Annotated[
        str,
        typer.Option(
            "--src-lang",
            "--source-lang",
            help="Language of the original, for files that do not record it.",
            metavar="LANG",
        ),
    ] = "ru",
    force: Annotated[bool, typer.Option("--force", help="Replace an existing quote of that id.")] = False,
    corpus: CorpusOption = None,
    json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Create a quote folder (quote.toml, texts, alignments) from an exported file.

    Alignments are marked checked only when the export says so. Files without tct metadata (from
    other tools) import with each segment as one paragraph.
    """
    configure(None, json, quiet)
    root = resolve_corpus_dir(corpus, for_writing=True)
    quote = import_quote(file, root, quote_id, fmt, force, source_lang, notice)
    emit_result(
        f"imported {quote.id} into {quote.folder} ({', '.join(r.name for r in quote.renderings)})",
        {
            "quote": quote.id,
            "folder": str(quote.folder),
            "original": quote.original.status,
            "renderings": [r.name for r in quote.renderings],
        },
    )
