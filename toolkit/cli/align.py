"""`tct align`: pair the sentences of two files, or of a corpus quote's original and renderings."""

from __future__ import annotations

import json as json_module
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from toolkit.align import align_texts
from toolkit.align.corpus import update_quote_alignment
from toolkit.align.formats import FORMATS, render
from toolkit.cli.common import (
    CorpusOption,
    JsonOption,
    err_console,
    notice,
    print_json,
    write_output,
)
from toolkit.cli.options import ForceLangOption, SrcLangOption, TgtLangOption
from toolkit.cli.output import FORMATS as RESULT_FORMATS
from toolkit.cli.output import QuietOption, configure, emit_line, emit_table
from toolkit.corpus import Corpus, resolve_corpus_dir
from toolkit.engine.batch import align_batch, count_batch_items, read_batch_list
from toolkit.engine.jobs import load_resources
from toolkit.engine.options import EngineOption, JobsOption, SchedulerOption
from toolkit.engine.stream import progress_bar
from toolkit.errors import TctError, UsageError
from toolkit.inputs import check_one_stdin, display_name, read_input
from toolkit.language import check_language as check_text_language
from toolkit.segment import check_language, presplit_warning


def align(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="Two files SRC TGT ('-' for one of them is standard input), or a quote ID.",
            show_default=False,
            metavar="SRC TGT | ID",
        ),
    ] = None,
    src_lang: SrcLangOption = "ru",
    tgt_lang: TgtLangOption = "en",
    presplit: Annotated[
        bool, typer.Option("--presplit", help="SRC and TGT hold one sentence per line: do not re-split.")
    ] = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="With SRC TGT or --batch, the alignment written: vecalign ([0]:[0,1], the default), ladder "
            "(hunalign rungs), tsv or json. With ID or --all, the summary, as other commands: table, tsv "
            "or json.",
            metavar="FORMAT",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    rendering: Annotated[
        str | None,
        typer.Option("--rendering", "-r", help="With ID: align only this rendering.", metavar="NAME"),
    ] = None,
    all_quotes: Annotated[
        bool, typer.Option("--all", help="Align every quote of the corpus (checked alignments are kept).")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite alignments marked checked = true.")
    ] = False,
    force_lang: ForceLangOption = False,
    corpus: CorpusOption = None,
    json: JsonOption = False,
    quiet: QuietOption = False,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            help="Align many pairs: a TSV list, one SRC<TAB>TGT<TAB>OUT per line (relative to the current "
            "folder); each OUT gets --format. With --json, one summary per pair (JSON Lines).",
        ),
    ] = None,
    jobs: JobsOption = 1,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
) -> None:
    """Split two texts into sentences and pair them (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, and 1-0/0-1 for
    sentences with no counterpart), or align a corpus quote and write its <rendering>.align.toml.

    \b
    tct align original.ru.txt post.en.txt
    cat post.en.txt | tct align original.ru.txt - --format tsv
    tct align de.txt fr.txt --src-lang de --tgt-lang fr --presplit --format ladder -o out.ladder
    tct align lenin-letter-to-congress
    tct align --all
    tct align --batch pairs.tsv --jobs 0
    """
    if batch is not None:
        if targets or all_quotes or rendering or force or output:
            raise UsageError("--batch takes its files from the list: give no SRC TGT, ID, --all or --output")
        configure(None, json, quiet)  # the summary line: a '#' comment in a pipe
        _align_batch(batch, src_lang, tgt_lang, _pair_format(fmt), presplit, json, jobs, engine, scheduler)
        return
    if (jobs, engine, scheduler) != (1, "local", None):
        raise UsageError("--jobs, --engine and --scheduler go with --batch")
    targets = targets or []
    if all_quotes or len(targets) == 1:
        if all_quotes and targets:
            raise UsageError("--all aligns the whole corpus: give no quote ID or files with it")
        if fmt in ("vecalign", "ladder"):
            raise UsageError(
                f"--format {fmt} goes with SRC TGT; for ID or --all choose {', '.join(RESULT_FORMATS)}"
            )
        json = configure(fmt, json, quiet) == "json"
        _align_corpus(targets[0] if targets else None, rendering, force, corpus, json)
        return
    if len(targets) != 2:
        raise UsageError("give two files SRC TGT, a quote ID, or --all")
    if rendering or force:
        raise UsageError("--rendering and --force go with a quote ID or --all, not with two files")
    fmt = _pair_format(fmt)
    check_language(src_lang, "--src-lang")
    check_language(tgt_lang, "--tgt-lang")
    source_path, target_path = targets
    check_one_stdin([source_path, target_path])
    source_text = read_input(source_path, notice, allow_empty=False)
    target_text = read_input(target_path, notice, allow_empty=False)
    check_text_language(display_name(source_path), source_text, src_lang, force_lang)
    check_text_language(display_name(target_path), target_text, tgt_lang, force_lang)
    if presplit:
        for path, text, lang in ((source_path, source_text, src_lang), (target_path, target_text, tgt_lang)):
            warning = presplit_warning(text, lang)
            if warning:
                notice(f"{display_name(path)}: {warning}")
    aligned = align_texts(source_text, target_text, src_lang, tgt_lang, presplit=presplit)
    write_output(render(aligned, "json" if json else fmt), output)


def _check_batch_outputs(batch: Path) -> None:
    """The whole list read once before any pair is aligned: a malformed line fails before anything is
    written, and no OUT may be the list itself, another line's OUT (the later alignment would silently
    replace the earlier) or a text the batch reads (it would be replaced by an alignment)."""
    inputs = {os.path.realpath(batch)}
    outputs: dict[str, int] = {}
    for item in read_batch_list(batch):
        inputs.update((os.path.realpath(item.source), os.path.realpath(item.target)))
        out = os.path.realpath(item.output)
        if out in outputs:
            raise TctError(f"line {item.line}: OUT {item.output} is also line {outputs[out]}'s OUT", batch)
        outputs[out] = item.line
    for out, line in outputs.items():
        if out in inputs:
            raise TctError(f"line {line}: OUT {out} is a file the batch reads; nothing aligned", batch)


def _pair_format(fmt: str | None) -> str:
    """The alignment format for SRC TGT and --batch (vecalign unless told)."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt or "vecalign"


def _align_batch(
    batch: Path, src_lang: str, tgt_lang: str, fmt: str, presplit: bool, json: bool, jobs, engine, scheduler
) -> None:
    """Many pairs through toolkit.engine; failures are listed and make the exit code 1."""
    _check_batch_outputs(batch)
    summaries = align_batch(
        batch, src_lang, tgt_lang, fmt, presplit=presplit, jobs=jobs, engine=engine, scheduler=scheduler,
        initializer=load_resources,
    )  # fmt: skip
    show = sys.stderr.isatty()
    failures = []
    done = 0
    with progress_bar(show, count_batch_items(batch) if show else None, "pairs") as advance:
        for summary in summaries:
            done += 1
            advance(1)
            if json:
                sys.stdout.write(json_module.dumps(summary, ensure_ascii=False, sort_keys=True) + "\n")
            if "error" in summary:
                failures.append(summary)
    for summary in failures:
        err_console.print(f"tct: {batch}: line {summary['line']}: {summary['error']}", markup=False)
    if not json:
        emit_line(f"{done - len(failures)} pair(s) aligned, {len(failures)} failed", markup=False)
    if failures:
        raise typer.Exit(1)


def _align_corpus(
    quote_id: str | None, rendering: str | None, force: bool, corpus_dir: Path | None, json: bool
) -> None:
    corpus = Corpus(resolve_corpus_dir(corpus_dir))
    quotes = [corpus.quote(quote_id)] if quote_id else corpus.quotes()
    if rendering and not quote_id:
        raise UsageError("--rendering goes with a quote ID")
    results = []
    for quote in quotes:
        names = [quote.rendering(rendering).name] if rendering else [r.name for r in quote.renderings]
        for name in names:
            update = update_quote_alignment(quote, name, force=force)
            shapes = Counter(b.kind for b in update.aligned.beads) if update.aligned else Counter()
            results.append(
                {
                    "quote": update.quote_id,
                    "rendering": update.rendering,
                    "action": update.action,
                    "path": update.path,
                    "beads": dict(sorted(shapes.items())),
                    "problems": update.problems,
                }
            )
            for problem in update.problems:
                notice(f"{update.path}: kept because checked, but it no longer fits: {problem}")
    stale = [row["path"] for row in results if row["problems"]]
    if json:
        print_json(results)
        _fail_on_stale(stale)
        return
    table = Table(show_header=True, header_style="bold", box=None)
    for column in ("quote", "rendering", "action", "beads"):
        table.add_column(column)
    for row in results:
        shapes = ", ".join(f"{count}×{kind}" for kind, count in row["beads"].items())
        action = "kept (checked; --force to redo)" if row["action"] == "kept-checked" else row["action"]
        table.add_row(row["quote"], row["rendering"], action, shapes)
    emit_table(table)
    _fail_on_stale(stale)


def _fail_on_stale(paths: list[str]) -> None:
    """A checked alignment that no longer fits its texts was kept: a person must look at it again."""
    if paths:
        more = f" (and {len(paths) - 1} more)" if len(paths) > 1 else ""
        raise TctError(
            f"checked alignment kept but no longer fits its texts{more}; check it or use --force", paths[0]
        )
