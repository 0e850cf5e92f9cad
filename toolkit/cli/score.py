"""`tct score`: how faithful is a rendering? A corpus quote or two files (per segment, with reasons), or
line-aligned files (corpus-level scores, or one row per line)."""

from __future__ import annotations

import itertools
import json as json_module
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from toolkit.cli.common import CorpusOption, JsonOption, console, notice, write_output
from toolkit.cli.options import ForceLangOption, SrcLangOption, TgtLangOption
from toolkit.cli.output import (
    FormatOption,
    QuietOption,
    WidthOption,
    configure,
    emit_line,
    emit_signature,
    emit_table,
    is_json,
    number,
    settings,
    written_to,
)
from toolkit.cli.tables import corpus_table, plain_output, print_quote
from toolkit.corpus import Corpus, resolve_corpus_dir
from toolkit.engine.lines import SNIFF_BYTES
from toolkit.engine.options import ChunkSizeOption, EngineOption, JobsOption, SchedulerOption
from toolkit.engine.scoring import score_files as stream_score_files
from toolkit.errors import TctError, UsageError
from toolkit.inputs import check_one_stdin, display_name, is_stdin, quote_from_texts, read_input, stdin_bytes
from toolkit.language import check_language as check_text_language
from toolkit.neural import get_encoder
from toolkit.neural.apply import neural_rendering, neural_score_files
from toolkit.report.model import analyse
from toolkit.sanitize import terminal_safe
from toolkit.score.compare import compare_renderings
from toolkit.score.explain import explain_lines
from toolkit.score.files import DEFAULT_METRICS, FileScores, score_files
from toolkit.score.lexical import get_lexicon, lexicon_error
from toolkit.score.pair import check_fidelity_pair
from toolkit.segment import check_language
from toolkit.textio import decode_bytes
from toolkit.views import quote_views

SEVERITY_STYLE = {"critical": "bold red", "major": "yellow", "minor": "dim"}


def score(
    quote_id: Annotated[
        str | None,
        typer.Argument(
            help="A corpus quote ID, or a RENDERING file (with --src ORIGINAL: aligned and scored per "
            "sentence; '-' is standard input).",
            show_default=False,
            metavar="ID | RENDERING",
        ),
    ] = None,
    rendering: Annotated[
        str | None,
        typer.Option("--rendering", "-r", help="With ID: score only this rendering.", metavar="NAME"),
    ] = None,
    all_quotes: Annotated[bool, typer.Option("--all", help="Score every quote of the corpus.")] = False,
    src: Annotated[
        Path | None,
        typer.Option("--src", help="The original: with RENDERING any text; with --hyp one segment per line."),
    ] = None,
    hyp: Annotated[
        list[Path] | None,
        typer.Option("--hyp", help="Rendering, line-aligned with --src; repeat to compare renderings."),
    ] = None,
    ref: Annotated[
        list[Path] | None,
        typer.Option("--ref", help="Trusted reference translation, line-aligned; repeat for several."),
    ] = None,
    src_lang: SrcLangOption = "ru",
    tgt_lang: TgtLangOption = "en",
    segments: Annotated[
        bool,
        typer.Option(
            "--segments", help="Score every line (JSON Lines with --json) instead of the whole file."
        ),
    ] = False,
    metrics: Annotated[
        list[str] | None,
        typer.Option(
            "--metrics",
            "-m",
            help=f"With --hyp: only these metrics ({', '.join(DEFAULT_METRICS)}); repeat or separate by commas.",
            metavar="METRIC",
        ),
    ] = None,
    score_only: Annotated[
        bool, typer.Option("--score-only", "-b", help="With --hyp: print only the numbers, one per line.")
    ] = False,
    confidence: Annotated[
        bool,
        typer.Option(
            "--confidence", help="With --hyp: 95% bootstrap intervals (1,000 resamples, as sacrebleu)."
        ),
    ] = False,
    significance: Annotated[
        str,
        typer.Option(
            "--significance",
            help="Paired test when several --hyp are given: bs (bootstrap) or ar (randomisation).",
            metavar="bs|ar",
        ),
    ] = "bs",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of standard output ('-': standard output)."
        ),
    ] = None,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="With --json: include matched words and uncovered words.")
    ] = False,
    force_lang: ForceLangOption = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="After the scores: each sentence's evidence (findings with the words on both sides, "
            "unverified pairs the lexicon could not check, words with no counterpart). With a quote ID or "
            "RENDERING --src ORIGINAL.",
        ),
    ] = False,
    neural: Annotated[
        bool,
        typer.Option(
            "--neural",
            help="A sentence encoder's second opinion on omissions and additions, shipped with its weights "
            "(needs pip install 'tct[neural]'): combined fidelity, the spans whose removal most changes "
            "the similarity, corroborated flags. With a quote ID, --all or --segments.",
        ),
    ] = False,
    corpus: CorpusOption = None,
    json: JsonOption = False,
    fmt: FormatOption = None,
    quiet: QuietOption = False,
    width: WidthOption = None,
    jobs: JobsOption = 1,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    chunk_size: ChunkSizeOption = 1000,
) -> None:
    """Score renderings for faithfulness to the original, with the reasons: omissions, additions, changed
    numbers, names and negations, interpolations, truncation, untranslated text. Fidelity (0-1) needs no
    reference; with --ref, BLEU, chrF and TER (sacrebleu) are given too. Every score carries its signature.
    A line holding several sentences is split and aligned inside, so scores do not depend on line breaks.

    \b
    tct score bad.en.txt --src original.ru.txt
    tct score lenin-letter-to-congress
    tct score lenin-letter-to-congress --rendering post --json
    tct score --all
    tct score --src src.ru --hyp hyp.en --ref ref.en
    tct score --src src.ru --hyp hyp.en --ref ref.en -m chrf -b
    tct score --src src.ru --hyp a.en --hyp b.en --ref ref.en --confidence
    tct score --src src.ru --hyp hyp.en --segments --json -o scores.jsonl
    cat hyp.en | tct score --src src.ru --hyp - --segments
    tct score --src crawl.ru --hyp crawl.en --segments --json -o scores.jsonl --jobs 0
    tct score --src crawl.ru --hyp crawl.en --segments --json -o s.jsonl --engine dask --scheduler tcp://HOST:8786

    In a pipe the output is plain tab-separated lines (--format table to keep the boxes).
    """
    configure(fmt, json, quiet, width, to_file=output is not None and str(output) != "-")
    scaled = {"jobs": jobs, "engine": engine, "scheduler": scheduler, "chunk_size": chunk_size}
    if (jobs, engine, scheduler) != (1, "local", None) and not segments:
        raise UsageError("--jobs, --engine and --scheduler go with --segments (line-aligned files)")
    chosen = _metric_list(metrics)
    line_mode = bool(hyp) or bool(ref)
    if neural:
        _neural_check(line_mode or src is not None, segments, src)
    if (chosen or score_only or confidence) and not line_mode:
        raise UsageError("--metrics, --score-only and --confidence go with --hyp files")
    if explain and line_mode:
        raise UsageError("--explain goes with a quote ID or RENDERING --src ORIGINAL, not --hyp files")
    if evidence and not is_json():
        raise UsageError("--evidence adds the matched words to the JSON: give it with --json")
    if evidence and line_mode and not segments:
        raise UsageError("--evidence goes with a quote ID, RENDERING --src ORIGINAL or --segments")
    if quote_id is not None and src is not None and not line_mode:
        if rendering or all_quotes or segments:
            raise UsageError("RENDERING --src ORIGINAL takes no --rendering, --all or --segments")
        _score_two_files(Path(quote_id), src, src_lang, tgt_lang, force_lang, evidence, output, explain)
        return
    if line_mode or src is not None:
        if quote_id or all_quotes or rendering:
            raise UsageError("give either a quote ID (or --all) or --src/--hyp files, not both")
        check_language(src_lang, "--src-lang")
        check_language(tgt_lang, "--tgt-lang")
        if src is not None and (not chosen or "fidelity" in chosen):
            check_fidelity_pair(src_lang, tgt_lang)
        if not hyp:
            raise UsageError("--hyp FILE is required with --ref (or give RENDERING --src ORIGINAL)")
        if src is None and not ref:
            raise UsageError("give --src (for fidelity) or --ref (for BLEU/chrF/TER), or both")
        if segments:
            if len(hyp) != 1:
                raise UsageError("--segments scores one --hyp at a time")
            if chosen or score_only or confidence:
                raise UsageError(
                    "--metrics, --score-only and --confidence go with whole files, not --segments"
                )
            _score_segments(
                src, hyp[0], ref or [], src_lang, tgt_lang, evidence, output, force_lang, scaled, neural
            )
        else:
            _print_file_scores(
                src, hyp, ref or [], src_lang, tgt_lang, chosen, significance, confidence, score_only,
                force_lang, output,
            )  # fmt: skip
        return
    if segments:
        raise UsageError("--segments goes with --src/--hyp files")
    _lexicon_notice()
    corpus_root = Corpus(resolve_corpus_dir(corpus))
    if all_quotes:
        if quote_id or rendering:
            raise UsageError("--all scores the whole corpus: give no quote ID or --rendering with it")
        _score_all(corpus_root, output, neural)
        return
    if not quote_id:
        raise UsageError("give a quote ID, --all, RENDERING --src ORIGINAL, or --src/--hyp files")
    if (is_stdin(quote_id) or Path(quote_id).is_file()) and quote_id not in corpus_root.ids():
        what = (
            "'-' (standard input) is a text:"
            if is_stdin(quote_id)
            else f"{quote_id} is a file, not a quote id:"
        )
        raise UsageError(f"{what} give the original it renders with --src FILE")
    quote = corpus_root.quote(quote_id)
    if rendering:
        quote.rendering(rendering)  # a clear error for an unknown name
    _score_one(quote, rendering, evidence, output, neural, explain)


def _metric_list(metrics: list[str] | None) -> list[str]:
    names = [m.strip().lower() for item in metrics or [] for m in item.split(",") if m.strip()]
    for name in names:
        if name not in DEFAULT_METRICS:
            raise UsageError(f"unknown metric {name!r}; choose from {', '.join(DEFAULT_METRICS)}")
    return names


def _neural_check(line_mode: bool, segments: bool, src: Path | None) -> None:
    """--neural's usage rules, and the extra's presence: one line saying what to install."""
    if line_mode and (not segments or src is None):
        raise UsageError("--neural goes with a quote ID, --all, or --src FILE --hyp FILE --segments")
    get_encoder()


def _with_neural(quote, analysed, neural: bool) -> tuple[list, list]:
    """The scores and views to show: the lexical ones, or under --neural the combined ones."""
    if not neural:
        return analysed.scores, analysed.renderings
    scores = [neural_rendering(item) for item in analysed.scores]
    return scores, quote_views(quote, scores)


def _lexicon_notice() -> None:
    if get_lexicon() is None:
        notice(f"no lexicon ({lexicon_error()}); fidelity uses names, numbers and cognates only")


# --- a corpus quote, or two files ------------------------------------------------------------------


def _score_two_files(
    rendering_path: Path,
    src: Path,
    src_lang: str,
    tgt_lang: str,
    force_lang: bool,
    evidence: bool,
    output,
    explain: bool = False,
) -> None:
    """RENDERING --src ORIGINAL: any two texts, aligned sentence by sentence and scored like a quote."""
    check_language(src_lang, "--src-lang")
    check_language(tgt_lang, "--tgt-lang")
    check_fidelity_pair(src_lang, tgt_lang)
    check_one_stdin([rendering_path, src])
    source_text = read_input(src, notice, allow_empty=False)
    rendering_text = read_input(rendering_path, notice, allow_empty=False)
    check_text_language(display_name(src), source_text, src_lang, force_lang)
    check_text_language(display_name(rendering_path), rendering_text, tgt_lang, force_lang)
    _lexicon_notice()
    quote = quote_from_texts(
        source_text, rendering_text, display_name(src), display_name(rendering_path), src_lang, tgt_lang
    )
    _score_one(quote, None, evidence, output, explain=explain)


def _quote_dict(quote, scores, evidence: bool, views=()) -> dict:
    renderings = []
    for item, view in itertools.zip_longest(scores, views):
        data = item.to_dict()
        for number_, segment in enumerate(data["segments"], 1):
            segment["segment"] = number_
            if not evidence:
                opinion = segment.pop("evidence", {}).get("neural")
                if opinion is not None:  # --neural: the opinion is the point, evidence or not
                    segment["evidence"] = {"neural": opinion}
        if view is not None:
            data["summary"] = view.summary()  # the counts the report's overview shows (toolkit.views)
        renderings.append(data)
    return {
        "id": quote.id,
        "original_status": quote.original.status,
        "renderings": renderings,
        "comparison": compare_renderings(scores),
    }


def _score_one(
    quote, rendering: str | None, evidence: bool, output, neural: bool = False, explain: bool = False
) -> None:
    if rendering:
        quote.rendering(rendering)  # a clear error for an unknown name
    analysed = analyse(quote, [rendering] if rendering else None, compare=False)
    scores, views = _with_neural(quote, analysed, neural)
    if is_json():
        _emit(
            json_module.dumps(
                _quote_dict(quote, scores, evidence, views),
                ensure_ascii=False,
                sort_keys=True,
                indent=2,
            ),
            output,
        )
        return
    with written_to(output):
        print_quote(console, quote, views, plain_output(console))
        if len(scores) > 1:
            _print_comparison(scores)
        if explain:
            for line in explain_lines(scores):
                emit_line(line, markup=False)


def _escape(text: str) -> str:
    return terminal_safe(text)


def _fmt(value: float | None) -> str:
    return number(value)


def _print_comparison(scores) -> None:
    for row in compare_renderings(scores):
        if row["p_value"] is None:
            emit_line(f"{row['rendering']} vs {row['baseline']}: {row['note']} ({row['n']})", markup=False)
        else:
            emit_line(
                f"{row['rendering']} vs {row['baseline']}: fidelity difference {row['difference']:+.3f}, "
                f"p = {row['p_value']:.3f} over {row['n']} original sentences",
                markup=False,
            )
            emit_signature(row["signature"])


def _score_all(corpus: Corpus, output, neural: bool = False) -> None:
    results = []
    items = []
    for quote in corpus.quotes():
        analysed = analyse(quote, compare=False)
        scores, views = _with_neural(quote, analysed, neural)
        results.append(_quote_dict(quote, scores, False, views))
        items += [(quote, view) for view in views]
    if is_json():
        _emit(json_module.dumps(results, ensure_ascii=False, sort_keys=True, indent=2), output)
        return
    with written_to(output):
        emit_table(corpus_table(items))
        if items and items[0][1].signature:
            emit_signature(items[0][1].signature)


def _emit(text: str, output: Path | None) -> None:
    write_output(text + "\n", output)


# --- line-aligned files --------------------------------------------------------------------------


def _head(path: Path) -> str:
    """The first 64 kB of an input, decoded, without consuming standard input (for the language check)."""
    if is_stdin(path):
        data = stdin_bytes().peek(SNIFF_BYTES)[:SNIFF_BYTES]
    else:
        if not path.is_file():
            return ""  # the reader names the problem
        with open(path, "rb") as handle:
            data = handle.read(SNIFF_BYTES)
    try:
        return decode_bytes(data, display_name(path))
    except TctError:
        return data.decode("utf-8", errors="ignore")  # cut mid-character, or the reader will refuse it


def _score_segments(
    src,
    hyp,
    refs,
    src_lang,
    tgt_lang,
    evidence: bool,
    output,
    force_lang: bool,
    scaled: dict,
    neural: bool = False,
) -> None:
    # Chunks of lines go through toolkit.engine: flat memory, any --jobs/--engine, the same bytes out.
    check_one_stdin([src, hyp, *refs])
    if src is not None:
        check_text_language(display_name(src), _head(src), src_lang, force_lang)
        _lexicon_notice()
    for path in (hyp, *refs):
        check_text_language(display_name(path), _head(path), tgt_lang, force_lang)
    (neural_score_files if neural else stream_score_files)(
        hyp,
        src,
        refs,
        output,
        options={"source_lang": src_lang, "target_lang": tgt_lang, "evidence": evidence},
        formatter=None if is_json() else plain_row,
        notice=notice,
        **scaled,
    )


def plain_row(row: dict) -> str:
    """One segment as a tab-separated line: its number, the scores, sentence counts, then the flags."""
    parts = [str(row["segment"])]
    for key in ("fidelity", "bleu", "chrf", "ter"):
        if key in row:
            value = row[key]
            parts.append(f"{key}={'n/a' if value is None else format(value, '.2f')}")
    if row.get("source_sentences", 1) > 1 or row.get("rendering_sentences", 1) > 1:
        parts.append(f"sentences={row['source_sentences']}:{row['rendering_sentences']}")
    flags = "; ".join(f"{f['type']}:{f['severity']}:{f['text']}" for f in row.get("flags", []))
    return "\t".join(parts + ([flags.replace("\t", " ").replace("\n", " ")] if flags else []))


def _print_file_scores(
    src, hyps, refs, src_lang, tgt_lang, metrics, significance, confidence, score_only, force_lang, output
) -> None:
    if src is not None:
        _lexicon_notice()
    result = score_files(
        src,
        hyps,
        refs,
        source_lang=src_lang,
        target_lang=tgt_lang,
        metrics=metrics or None,
        significance=significance,
        confidence=confidence,
        force_lang=force_lang,
        notice=notice,
    )
    if is_json():
        _emit(json_module.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True, indent=2), output)
        return
    if score_only:
        lines = [number(item["score"], _width(item["name"])) for s in result.systems for item in s["scores"]]
        _emit("\n".join(lines), output)
        return
    with written_to(output):
        _file_tables(result, confidence)


def _width(metric: str) -> int:
    return 4 if metric == "fidelity" else 2


def _file_tables(result: FileScores, confidence: bool) -> None:
    table = Table(show_header=True, header_style="bold")
    columns = ["rendering", "segments", "metric", "score"]
    if confidence:
        columns.append("95% interval")
    if not settings.quiet:
        columns.append("signature")
    for column in columns:
        table.add_column(
            column, justify="right" if column in ("segments", "score") else "left", overflow="fold"
        )
    for system in result.systems:
        for item in system["scores"]:
            cells = [
                system["hyp"],
                str(system["segments"]),
                item["name"],
                number(item["score"], _width(item["name"])),
            ]
            if confidence:
                cells.append(_interval(item))
            if not settings.quiet:
                cells.append(item["signature"])
            table.add_row(*cells)
    emit_table(table)
    if not result.significance:
        return
    tests = Table(title="paired tests against the first rendering", show_header=True, header_style="bold")
    columns = ["metric", "rendering", "baseline", "score or difference", "p"]
    if not settings.quiet:
        columns.append("signature")
    for column in columns:
        tests.add_column(column, overflow="fold")
    for metric, rows in result.significance.items():
        for row in rows:
            if "difference" in row:  # fidelity: a paired bootstrap of the differences
                value = "n/a" if row["difference"] is None else f"{row['difference']:+.4f}"
                p = "n/a" if row["p_value"] is None else f"{row['p_value']:.4f}"
                if row.get("note"):
                    p = f"n/a ({row['note']}, n = {row['n']})"
            else:  # sacrebleu's test: each system's score and p against the baseline
                value = number(row.get("score"))
                p = "baseline" if row.get("p_value") is None else f"{row['p_value']:.4f}"
            cells = [metric, row.get("system", ""), row.get("baseline", ""), value, p]
            if not settings.quiet:
                cells.append(row.get("signature", ""))
            tests.add_row(*cells)
    emit_table(tests)


def _interval(item: dict) -> str:
    interval = item.get("confidence")
    if not interval:
        return "n/a"
    if "low" in interval:
        return f"{number(interval['low'], 4)}–{number(interval['high'], 4)}"
    return f"{number(interval['mean'])} ± {number(interval['plus_minus'])}"
