"""`tct corpus ...`: list, show, check, add, attach, remove and clean quotes.

Every text that comes from a file is passed through `terminal_safe` (or `visible_controls` where rich
markup is not read) before it reaches the terminal.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from toolkit.align.corpus import check_corpus
from toolkit.cli.common import CorpusOption, TctTyper, console, fail, notice, print_json
from toolkit.cli.options import ForceLangOption, RenderingLangOption
from toolkit.cli.output import emit_result, emit_table, is_json, output_options, settings
from toolkit.corpus import (
    STATUSES,
    Corpus,
    Original,
    Quote,
    Rendering,
    check_id,
    known_language,
    remove_quote,
    resolve_corpus_dir,
    save_quote,
    writing,
)
from toolkit.errors import TctError, UsageError
from toolkit.inputs import check_one_stdin, display_name, is_stdin, read_input
from toolkit.language import check_language as check_text_language
from toolkit.locate.corpus import passage_from_book
from toolkit.overview import quote_summary
from toolkit.sanitize import terminal_safe, visible_controls
from toolkit.storage import clean as clean_leftovers
from toolkit.storage import leftovers
from toolkit.views import rendering_facts

YEAR = re.compile(r"\d{3,4}(-\d{3,4})?\Z")

app = TctTyper(
    help="List, show, check, add, attach, remove and clean quotes of the corpus.", no_args_is_help=True
)


@app.command("list")
@output_options
def list_quotes(corpus: CorpusOption = None) -> None:
    """One row per quote: author, year, original status, renderings."""
    summaries = [quote_summary(q) for q in Corpus(resolve_corpus_dir(corpus)).quotes()]
    if is_json():
        print_json(summaries)
        return
    table = Table(title=f"{len(summaries)} quotes")
    table.add_column("id", no_wrap=True)
    table.add_column("author", max_width=28)
    table.add_column("year", no_wrap=True)
    table.add_column("original")
    table.add_column("renderings")
    for s in summaries:
        original = s["original"]
        state = f"{original['lang']} {original['status']}"
        if original["sentences"]:
            state += f" ({original['sentences']} sent.)"
        renderings = ", ".join(f"{r['name']} ({r['sentences']} sent.)" for r in s["renderings"])
        cells = (s["id"], s["author"], str(s["year"] or ""), state, renderings)
        table.add_row(*(terminal_safe(cell) for cell in cells))
    emit_table(table)


@app.command("show")
@output_options
def show(
    quote_id: Annotated[str, typer.Argument(help="Quote id.")],
    corpus: CorpusOption = None,
) -> None:
    """A quote's metadata, original and renderings (in tsv one row per fact and per line of text)."""
    quote = Corpus(resolve_corpus_dir(corpus)).quote(quote_id)
    if is_json():
        data = quote.metadata_dict()
        data["original"]["text"] = quote.original.text
        for entry, rendering in zip(data["renderings"], quote.renderings, strict=True):
            entry["text"] = rendering.text
        print_json(data)
        return
    if settings.format == "tsv":
        emit_table(_facts_table(quote))
        return
    head = Table.grid(padding=(0, 2))
    head.add_row("title", terminal_safe(quote.title))
    head.add_row("author", terminal_safe(quote.author))
    head.add_row("year", terminal_safe(str(quote.year or "unknown")))
    head.add_row("folder", terminal_safe(str(quote.folder)))
    if quote.note:
        head.add_row("note", terminal_safe(quote.note))
    console.print(Panel(head, title=quote.id, expand=False))
    original = quote.original
    lines = [f"status: {original.status}"]
    if original.citation:
        lines.append(f"source: {original.citation}")
    lines += [f"url: {u}" for u in original.urls]
    if original.note:
        lines.append(f"note: {original.note}")
    lines += [f"missing: {m}" for m in original.missing]
    body = Text(visible_controls("\n".join(lines)), style="dim")
    if original.text:
        body.append("\n\n" + visible_controls(original.text.strip()), style="")
    console.print(Panel(body, title=f"original ({original.lang})"))
    for r in quote.renderings:
        info = [f"{label}: {value}" for label, value in rendering_facts(r)]
        body = Text(visible_controls("\n".join(info)), style="dim")
        body.append("\n\n" + visible_controls(r.text.strip()), style="")
        console.print(Panel(body, title=f"rendering {r.name} ({r.lang})"))


def _facts_table(quote: Quote) -> Table:
    """`corpus show` in a pipe: part, field, value; a text comes as one row per non-empty line."""
    table = Table(title=terminal_safe(quote.id))
    for column in ("part", "field", "value"):
        table.add_column(column)
    original = quote.original
    rows: list[tuple[str, str, str]] = [
        ("quote", "title", quote.title),
        ("quote", "author", quote.author),
        ("quote", "year", str(quote.year or "unknown")),
        ("quote", "folder", str(quote.folder)),
        *([("quote", "note", quote.note)] if quote.note else []),
        ("original", "lang", original.lang),
        ("original", "status", original.status),
        *([("original", "source", original.citation)] if original.citation else []),
        *(("original", "url", u) for u in original.urls),
        *([("original", "note", original.note)] if original.note else []),
        *(("original", "missing", m) for m in original.missing),
        *_text_rows("original", original.text),
    ]
    for rendering in quote.renderings:
        part = f"rendering {rendering.name}"
        rows += [(part, "lang", rendering.lang), *((part, k, v) for k, v in rendering_facts(rendering))]
        rows += _text_rows(part, rendering.text)
    for row in rows:
        table.add_row(*(terminal_safe(cell) for cell in row))
    return table


def _text_rows(part: str, text: str | None) -> list[tuple[str, str, str]]:
    lines = (text or "").splitlines()
    return [(part, f"line {n}", line) for n, line in enumerate(lines, 1) if line.strip()]


@app.command("check")
@output_options
def check(corpus: CorpusOption = None) -> None:
    """Validate every quote; exit 1 with one line per problem (naming the file) when not clean.

    The problems go to standard error; in tsv (a pipe) they are also rows `path<TAB>problem` on standard
    output, so `tct corpus check | cut -f1` lists the files to look at.
    """
    root = resolve_corpus_dir(corpus)
    problems = check_corpus(root)
    n_quotes = len(Corpus(root).ids())
    if is_json():
        print_json(
            {
                "corpus": str(root),
                "quotes": n_quotes,
                "problems": [{"path": p.path, "message": p.message} for p in problems],
            }
        )
    else:
        for problem in problems:
            typer.echo(visible_controls(str(problem)), err=True)
        summary = f"{root}: {n_quotes} quotes, " + (
            f"{len(problems)} problem(s)" if problems else "no problems"
        )
        if settings.format == "tsv":
            table = Table(title=terminal_safe(summary))
            table.add_column("path")
            table.add_column("problem")
            for problem in problems:
                table.add_row(terminal_safe(problem.path), terminal_safe(problem.message))
            emit_table(table)
        elif not problems:
            console.print(terminal_safe(summary))
    if problems:
        raise typer.Exit(1)


def _parse_renderings(values: list[str]) -> list[tuple[str, Path]]:
    """NAME=FILE pairs; a name given twice is refused (the second text would replace the first)."""
    pairs: list[tuple[str, Path]] = []
    for value in values:
        name, sep, file = value.partition("=")
        if not sep or not name or not file:
            raise UsageError(f"--rendering takes NAME=FILE, not {value!r}")
        if any(name == seen for seen, _ in pairs):
            raise UsageError(f"--rendering {name!r} is given twice; each rendering needs its own name")
        pairs.append((name, Path(file)))
    return pairs


RenderingOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rendering",
        "-r",
        help="A rendering as NAME=FILE (repeatable; FILE - is standard input).",
        metavar="NAME=FILE",
    ),
]


def _read_in_language(path: Path, lang: str, force_lang: bool) -> str:
    """A text that is about to be stored as `lang`: an English file given as the Russian original is refused."""
    text = read_input(path, notice, allow_empty=False)
    check_text_language(display_name(path), text, lang, force_lang)
    return text


def _new_rendering(name: str, path: Path, lang: str, translator: str, force_lang: bool = False) -> Rendering:
    return Rendering(
        name=name,
        lang=lang,
        file=f"{name}.{lang}.txt",
        text=_read_in_language(path, lang, force_lang),
        translator=translator,
    )


@app.command("add")
@output_options
def add(
    quote_id: Annotated[str, typer.Argument(help="New quote id (lower-case, digits, '-').")],
    rendering: RenderingOption = None,
    original: Annotated[
        Path | None, typer.Option(help="The original passage (a file, or - for standard input).")
    ] = None,
    lang: Annotated[
        str, typer.Option("--src-lang", "--lang", help="Language of the original (ISO 639).", metavar="LANG")
    ] = "ru",
    rendering_lang: RenderingLangOption = "en",
    title: Annotated[str, typer.Option(help="Title of the work quoted.")] = "",
    author: Annotated[str, typer.Option(help="Author of the original.")] = "",
    year: Annotated[str | None, typer.Option(help="Year (or range like 2023-2024).", metavar="YEAR")] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="The original's status (default: from --original).", metavar="complete|partial|missing"
        ),
    ] = None,
    missing: Annotated[
        list[str] | None, typer.Option(help="What of the original is missing (repeatable).")
    ] = None,
    citation: Annotated[str, typer.Option(help="Where the original comes from.")] = "",
    url: Annotated[list[str] | None, typer.Option(help="Source URL (repeatable).")] = None,
    translator: Annotated[str, typer.Option(help="Translator or publisher of the renderings.")] = "",
    force_lang: ForceLangOption = False,
    original_from: Annotated[
        Path | None, typer.Option(help="A whole book: the passage --locate finds in it becomes the original.")
    ] = None,
    locate_quote: Annotated[
        Path | None,
        typer.Option("--locate", help="With --original-from: the quote (stored as rendering 'quote')."),
    ] = None,
    corpus: CorpusOption = None,
) -> None:
    """Add a new quote from an original and one or more renderings.

    Without --corpus and without ./parallel, the quote goes to your own corpus: $TCT_CORPUS, else the
    platform's user data folder (the message says where). The bundled corpus is never written.
    """
    check_id(quote_id)
    root = resolve_corpus_dir(corpus, for_writing=True)
    folder = root / quote_id
    if (folder / "quote.toml").exists():
        raise TctError(f"quote {quote_id!r} exists already; use `tct corpus attach`", folder)
    located = None
    if (original_from is None) != (locate_quote is None) or (original_from and original):
        raise UsageError("--original-from and --locate go together, instead of --original")
    if original_from is not None and locate_quote is not None:
        check_one_stdin([original_from, locate_quote, *(p for _, p in _parse_renderings(rendering or []))])
        located = passage_from_book(
            read_input(original_from, notice),
            read_input(locate_quote, notice),
            display_name(original_from) if is_stdin(original_from) else original_from.name,
            display_name(locate_quote),
        )
        rendering = [*(rendering or []), f"quote={locate_quote}"]
        citation = citation or ("" if is_stdin(original_from) else original_from.name)
    pairs = _parse_renderings(rendering or [])
    if not pairs:
        raise UsageError("give at least one --rendering NAME=FILE")
    check_one_stdin([original, *(p for _, p in pairs)])
    status = status or ("complete" if original or located else "missing")
    if status not in STATUSES:
        raise UsageError(f"--status must be one of {', '.join(STATUSES)}")
    if status == "missing" and (original or located):
        raise UsageError("--status missing says no original is known: give it without --original")
    if status != "missing" and not (original or located):
        raise UsageError(f"--status {status} needs the original: give --original FILE")
    if year and year.isdigit() and not YEAR.match(year):
        raise UsageError(f"--year must be like 1926 or 2023-2024, not {year!r}")
    if status != "complete" and not missing:
        missing = ["entire original not found"] if status == "missing" else None
        if not missing:
            raise UsageError("a partial original needs --missing saying what is missing")
    quote = Quote(
        id=quote_id,
        title=title or quote_id,
        author=author or "unknown",
        year=int(year) if year and year.isdigit() else year,
        original=Original(
            lang=lang,
            status=status,
            file=f"original.{lang}.txt" if original or located else None,
            text=(
                located.text + "\n"
                if located
                else _read_in_language(original, lang, force_lang)
                if original
                else None
            ),
            missing=list(missing or []),
            citation=citation,
            urls=list(url or []),
            note=located.note if located else "",
        ),
        renderings=[_new_rendering(n, p, rendering_lang, translator, force_lang) for n, p in pairs],
        folder=folder,
    )
    _validate_and_save(quote, new=True)
    emit_result(f"added {quote_id} to {root}", _record(quote, "added"))


@app.command("attach")
@output_options
def attach(
    quote_id: Annotated[str, typer.Argument(help="Existing quote id.")],
    original: Annotated[Path | None, typer.Option(help="A newly found original passage.")] = None,
    status: Annotated[
        str | None, typer.Option(help="New status of the original.", metavar="complete|partial")
    ] = None,
    missing: Annotated[list[str] | None, typer.Option(help="What is still missing (repeatable).")] = None,
    citation: Annotated[str | None, typer.Option(help="Where the original comes from.")] = None,
    url: Annotated[list[str] | None, typer.Option(help="Source URL (repeatable).")] = None,
    rendering: RenderingOption = None,
    rendering_lang: RenderingLangOption = "en",
    translator: Annotated[str, typer.Option(help="Translator of added renderings.")] = "",
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing original or rendering.")
    ] = False,
    force_lang: Annotated[
        bool,
        typer.Option(
            "--force-lang",
            help="Go on even when a text does not look like its language (the original's, as recorded "
            "in quote.toml; --tgt-lang).",
        ),
    ] = False,
    corpus: CorpusOption = None,
) -> None:
    """Attach a newly found original, or more renderings, to an existing quote."""
    if original is None and not rendering:
        raise UsageError("nothing to attach: give --original and/or --rendering")
    check_one_stdin([original, *(p for _, p in _parse_renderings(rendering or []))])
    found = Corpus(resolve_corpus_dir(corpus)).quote(quote_id)
    if found.read_only:
        raise TctError(
            "the bundled corpus is read-only; copy the quote into your corpus first: "
            f"tct export {quote_id} -f jsonl -o - | tct import - -f jsonl",
            found.folder,
        )
    with writing(found):  # load, change and save under the quote's lock: no update of another is lost
        quote = Corpus(found.folder.parent).quote(quote_id)
        quote.read_only = found.read_only
        _attach(
            quote,
            original,
            status,
            missing,
            citation,
            url,
            rendering,
            rendering_lang,
            translator,
            force,
            force_lang,
        )
    emit_result(f"updated {quote_id} in {quote.folder}", _record(quote, "updated"))


def _attach(
    quote: Quote,
    original: Path | None,
    status: str | None,
    missing: list[str] | None,
    citation: str | None,
    url: list[str] | None,
    rendering: list[str] | None,
    rendering_lang: str,
    translator: str,
    force: bool,
    force_lang: bool = False,
) -> None:
    if original is not None:
        if quote.original.text is not None and not force:
            raise TctError("the quote has an original already (use --force to replace it)", quote.folder)
        new_status = status or "complete"
        if new_status not in ("complete", "partial"):
            raise UsageError("--status must be complete or partial when attaching an original")
        quote.original.text = _read_in_language(original, quote.original.lang, force_lang)
        quote.original.file = f"original.{quote.original.lang}.txt"
        quote.original.status = new_status
        quote.original.missing = list(missing or []) if new_status == "partial" else []
        if new_status == "partial" and not quote.original.missing:
            raise UsageError("a partial original needs --missing saying what is missing")
    if citation is not None:
        quote.original.citation = citation
    if url:
        quote.original.urls = list(url)
    for name, path in _parse_renderings(rendering or []):
        existing = [r for r in quote.renderings if r.name == name]
        if existing and not force:
            raise TctError(f"rendering {name!r} exists already (use --force to replace it)", quote.folder)
        quote.renderings = [r for r in quote.renderings if r.name != name]
        quote.renderings.append(_new_rendering(name, path, rendering_lang, translator, force_lang))
    _validate_and_save(quote)


def _validate_and_save(quote: Quote, new: bool = False) -> None:
    check_id(quote.id)
    for lang in [quote.original.lang] + [r.lang for r in quote.renderings]:
        if not known_language(lang):
            raise UsageError(f"unknown language code {lang!r} (use ISO 639, e.g. ru, en)")
    for r in quote.renderings:
        check_id(r.name, "rendering name")
    if quote.year is not None and not isinstance(quote.year, int) and not YEAR.match(str(quote.year)):
        raise UsageError(f"--year must be like 1926 or 2023-2024, not {quote.year!r}")
    save_quote(quote, new=new)


@app.command("remove")
@output_options
def remove(
    quote_id: Annotated[str, typer.Argument(help="Quote id to delete, with its texts and alignments.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    corpus: CorpusOption = None,
) -> None:
    """Delete a quote from your corpus (asks first unless --yes; the bundled corpus is read-only)."""
    quote = Corpus(resolve_corpus_dir(corpus)).quote(quote_id)
    if quote.read_only:
        raise TctError("the bundled corpus is read-only; nothing removed", quote.folder)
    if not yes:
        question = visible_controls(f"remove {quote_id} ({quote.folder}) for good?")
        try:
            confirmed = typer.confirm(question, default=False, err=True)
        except (typer.Abort, EOFError):
            confirmed = False
        if not confirmed:
            raise fail("nothing removed (answer y, or give --yes)", 1)
    remove_quote(quote)
    emit_result(f"removed {quote_id} from {quote.folder.parent}", _record(quote, "removed"))


@app.command("clean")
@output_options
def clean(corpus: CorpusOption = None) -> None:
    """Remove temporary files and staging folders left by interrupted writes whose writer is gone."""
    root = resolve_corpus_dir(corpus, for_writing=True)  # where writes go (and leave their leftovers)
    removed = clean_leftovers(root) if root.is_dir() else []
    running = [item for item in leftovers(root) if not item.stale] if root.is_dir() else []
    if is_json():
        print_json({"corpus": str(root), "removed": [str(p) for p in removed], "in_use": len(running)})
        return
    in_use = f"; {len(running)} in use by a running writer" if running else ""
    summary = f"{root}: {len(removed)} leftover(s) removed{in_use}"
    if settings.format == "tsv":
        table = Table(title=terminal_safe(summary))
        table.add_column("removed")
        for path in removed:
            table.add_row(terminal_safe(str(path)))
        emit_table(table)
        return
    for path in removed:
        console.print(terminal_safe(f"removed {path}"))
    console.print(terminal_safe(summary))


def _record(quote: Quote, action: str) -> dict[str, object]:
    """What `corpus add`, `attach` and `remove` did, for --json and tsv."""
    return {
        "quote": quote.id,
        "action": action,
        "folder": str(quote.folder),
        "renderings": [r.name for r in quote.renderings],
    }


__all__ = ["app", "fail"]
