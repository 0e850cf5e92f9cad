"""`tct score`: how faithful is a rendering? A corpus quote (per segment, with reasons) or line-aligned files."""

from __future__ import annotations

import json as json_module
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from toolkit.cli.common import CorpusOption, JsonOption, console, notice, print_json, write_output
from toolkit.corpus import Corpus, resolve_corpus_dir
from toolkit.engine.options import ChunkSizeOption, EngineOption, JobsOption, SchedulerOption
from toolkit.errors import TctError, UsageError
from toolkit.segment import check_language

SEVERITY_STYLE = {"critical": "bold red", "major": "yellow", "minor": "dim"}


def score(
    quote_id: Annotated[str | None, typer.Argument(help="A corpus quote ID.", show_default=False)] = None,
    rendering: Annotated[
        str | None, typer.Option("--rendering", "-r", help="With ID: score only this rendering.")
    ] = None,
    all_quotes: Annotated[bool, typer.Option("--all", help="Score every quote of the corpus.")] = False,
    src: Annotated[
        Path | None, typer.Option("--src", help="Original, one segment per line (fidelity needs it).")
    ] = None,
    hyp: Annotated[
        list[Path] | None,
        typer.Option("--hyp", help="Rendering, line-aligned with --src; repeat to compare renderings."),
    ] = None,
    ref: Annotated[
        list[Path] | None,
        typer.Option("--ref", help="Trusted reference translation, line-aligned; repeat for several."),
    ] = None,
    src_lang: Annotated[str, typer.Option("--src-lang", help="Language of --src (ISO 639).")] = "ru",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="Language of --hyp/--ref (ISO 639).")] = "en",
    segments: Annotated[
        bool,
        typer.Option(
            "--segments", help="Score every line (JSON Lines with --json) instead of the whole file."
        ),
    ] = False,
    significance: Annotated[
        str,
        typer.Option(
            "--significance",
            help="Paired test when several --hyp are given: bs (bootstrap) or ar (randomisation).",
        ),
    ] = "bs",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="With --json: include matched words and uncovered words.")
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
    jobs: JobsOption = 1,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    chunk_size: ChunkSizeOption = 1000,
) -> None:
    """Score renderings for faithfulness to the original, with the reasons: omissions, additions, changed
    numbers, names and negations, interpolations, truncation, untranslated text. Fidelity (0-1) needs no
    reference; with --ref, BLEU, chrF and TER (sacrebleu) are given too. Every score carries its signature.

    \b
    tct score lenin-letter-to-congress
    tct score lenin-letter-to-congress --rendering post --json
    tct score --all
    tct score --src src.ru --hyp hyp.en --ref ref.en
    tct score --src src.ru --hyp a.en --hyp b.en --ref ref.en
    tct score --src src.ru --hyp hyp.en --segments --json -o scores.jsonl
    tct score --src crawl.ru --hyp crawl.en --segments --json -o scores.jsonl --jobs 0
    tct score --src crawl.ru --hyp crawl.en --segments --json -o s.jsonl --engine dask --scheduler tcp://HOST:8786
    """
    scaled = {"jobs": jobs, "engine": engine, "scheduler": scheduler, "chunk_size": chunk_size}
    if (jobs, engine, scheduler) != (1, "local", None) and not segments:
        raise UsageError("--jobs, --engine and --scheduler go with --segments (line-aligned files)")
    line_mode = src is not None or bool(hyp) or bool(ref)
    if neural:
        _neural_check(line_mode, segments, src)
    if line_mode:
        if quote_id or all_quotes or rendering:
            raise UsageError("give either a quote ID (or --all) or --src/--hyp files, not both")
        check_language(src_lang, "--src-lang")
        check_language(tgt_lang, "--tgt-lang")
        if src is not None and (src_lang, tgt_lang) != ("ru", "en"):
            raise UsageError(
                f"fidelity is built for Russian -> English (its lexicon is ru-en), not {src_lang} -> {tgt_lang}; "
                "for other pairs score against references: --hyp FILE --ref FILE without --src"
            )
        if not hyp:
            raise UsageError("--hyp FILE is required with --src/--ref")
        if src is None and not ref:
            raise UsageError("give --src (for fidelity) or --ref (for BLEU/chrF/TER), or both")
        if significance not in ("bs", "ar"):
            raise UsageError(f"--significance must be bs or ar, not {significance!r}")
        if segments:
            if len(hyp) != 1:
                raise UsageError("--segments scores one --hyp at a time")
            _score_segments(
                src, hyp[0], ref or [], src_lang, tgt_lang, json, evidence, output, scaled, neural
            )
        else:
            _score_files(src, hyp, ref or [], src_lang, tgt_lang, significance, json, output)
        return
    if segments:
        raise UsageError("--segments goes with --src/--hyp files")
    _lexicon_notice()
    corpus_root = Corpus(resolve_corpus_dir(corpus))
    if all_quotes:
        if quote_id or rendering:
            raise UsageError("--all scores the whole corpus: give no quote ID or --rendering with it")
        _score_all(corpus_root, json, output, neural)
        return
    if not quote_id:
        raise UsageError("give a quote ID, --all, or --src/--hyp files")
    _score_one(corpus_root, quote_id, rendering, json, evidence, output, neural)


def _neural_check(line_mode: bool, segments: bool, src: Path | None) -> None:
    """--neural's usage rules, and the extra's presence: one line saying what to install."""
    from toolkit.neural import get_encoder

    if line_mode and (not segments or src is None):
        raise UsageError("--neural goes with a quote ID, --all, or --src FILE --hyp FILE --segments")
    get_encoder()


def _with_neural(scores: list, neural: bool) -> list:
    if not neural:
        return scores
    from toolkit.neural.apply import neural_rendering

    return [neural_rendering(item) for item in scores]


def _lexicon_notice() -> None:
    from toolkit.score.lexical import get_lexicon, lexicon_error

    if get_lexicon() is None:
        notice(f"no lexicon ({lexicon_error()}); fidelity uses names, numbers and cognates only")


# --- corpus quotes -------------------------------------------------------------------------------


def _quote_dict(quote, scores, evidence: bool) -> dict:
    from toolkit.score.compare import compare_renderings

    renderings = []
    for item in scores:
        data = item.to_dict()
        for segment in data["segments"]:
            if not evidence:
                opinion = segment.pop("evidence", {}).get("neural")
                if opinion is not None:  # --neural: the opinion is the point, evidence or not
                    segment["evidence"] = {"neural": opinion}
        renderings.append(data)
    return {
        "id": quote.id,
        "original_status": quote.original.status,
        "renderings": renderings,
        "comparison": compare_renderings(scores),
    }


def _score_one(
    corpus: Corpus,
    quote_id: str,
    rendering: str | None,
    json: bool,
    evidence: bool,
    output,
    neural: bool = False,
) -> None:
    from toolkit.score import score_quote

    quote = corpus.quote(quote_id)
    if rendering:
        quote.rendering(rendering)  # a clear error for an unknown name
    scores = _with_neural(score_quote(quote, rendering), neural)
    if json:
        _emit(
            json_module.dumps(
                _quote_dict(quote, scores, evidence), ensure_ascii=False, sort_keys=True, indent=2
            ),
            output,
        )
        return
    if output:
        raise UsageError("--output goes with --json or --segments")
    console.print(
        f"[bold]{quote.id}[/bold]: {quote.title} ({quote.author}); original: {quote.original.status}"
    )
    for item in scores:
        _print_rendering(item)
    if len(scores) > 1:
        _print_comparison(scores)


def _flag_text(flag) -> str:
    style = SEVERITY_STYLE[flag.severity]
    text = flag.text if len(flag.text) <= 60 else flag.text[:57] + "..."
    line = f"[{style}]{flag.type}[/{style}] ({flag.severity}): {_escape(text)}"
    if flag.detail and flag.type not in ("no_original", "truncation"):
        detail = flag.detail if len(flag.detail) <= 70 else flag.detail[:67] + "..."
        line += f" [dim]— {_escape(detail)}[/dim]"
    return line


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _print_rendering(item) -> None:
    table = Table(title=f"rendering: {item.name}", show_header=True, header_style="bold", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("original", ratio=3)
    table.add_column("rendering", ratio=3)
    table.add_column("fidelity", justify="right")
    table.add_column("flags", ratio=3)
    for number, segment in enumerate(item.segments, 1):
        table.add_row(
            str(number),
            _escape(segment.source or "—"),
            _escape(segment.rendering or "—"),
            _fmt(segment.fidelity),
            "\n".join(_flag_text(flag) for flag in segment.flags),
        )
    console.print(table)
    counts = Counter((flag.type, flag.severity) for flag in item.flags if flag.type != "no_original")
    unchecked = sum(1 for s in item.segments if s.fidelity is None)
    summary = ", ".join(f"{n} {kind} ({severity})" for (kind, severity), n in sorted(counts.items()))
    console.print(
        f"fidelity [bold]{_fmt(item.fidelity)}[/bold] over {len(item.segments) - unchecked} checked segment(s)"
    )
    if unchecked:
        console.print(f"{unchecked} segment(s) with no known original (not scored)")
    console.print(f"flags: {summary or 'none'}")
    console.print(f"[dim]{item.signature}[/dim]", soft_wrap=True)


def _print_comparison(scores) -> None:
    from toolkit.score.compare import compare_renderings

    table = Table(title="renderings side by side", show_header=True, header_style="bold")
    for column in ("rendering", "fidelity", "critical", "major", "minor"):
        table.add_column(column, justify="right" if column != "rendering" else "left")
    for item in scores:
        counts = Counter(f.severity for f in item.flags if f.type != "no_original")
        table.add_row(
            item.name, _fmt(item.fidelity), *(str(counts[s]) for s in ("critical", "major", "minor"))
        )
    console.print(table)
    for row in compare_renderings(scores):
        if row["p_value"] is None:
            console.print(f"{row['rendering']} vs {row['baseline']}: {row['note']} ({row['n']})")
        else:
            console.print(
                f"{row['rendering']} vs {row['baseline']}: fidelity difference {row['difference']:+.3f}, "
                f"p = {row['p_value']:.3f} over {row['n']} original sentences [dim]{row['signature']}[/dim]"
            )


def _score_all(corpus: Corpus, json: bool, output, neural: bool = False) -> None:
    from toolkit.score import score_quote

    results = []
    for quote in corpus.quotes():
        results.append(_quote_dict(quote, _with_neural(score_quote(quote), neural), evidence=False))
    if json:
        _emit(json_module.dumps(results, ensure_ascii=False, sort_keys=True, indent=2), output)
        return
    if output:
        raise UsageError("--output goes with --json or --segments")
    table = Table(show_header=True, header_style="bold")
    for column in ("quote", "original", "rendering", "fidelity", "critical", "major", "minor", "unchecked"):
        table.add_column(column, justify="left" if column in ("quote", "original", "rendering") else "right")
    for result in results:
        for item in result["renderings"]:
            flags = [f for s in item["segments"] for f in s["flags"] if f["type"] != "no_original"]
            counts = Counter(f["severity"] for f in flags)
            unchecked = sum(1 for s in item["segments"] if s["fidelity"] is None)
            table.add_row(
                result["id"],
                result["original_status"],
                item["name"],
                _fmt(item["fidelity"]),
                *(str(counts[s]) for s in ("critical", "major", "minor")),
                f"{unchecked}/{len(item['segments'])}",
            )
    console.print(table)
    if results and results[0]["renderings"]:
        console.print(f"[dim]{results[0]['renderings'][0]['signature']}[/dim]", soft_wrap=True)


def _emit(text: str, output: Path | None) -> None:
    write_output(text + "\n", output)


# --- line-aligned files --------------------------------------------------------------------------


def _iter_lines(path: Path) -> Iterator[str]:
    from toolkit.engine.lines import iter_lines

    return iter_lines(path)


def _read_lines(path: Path) -> list[str]:
    """A whole line-aligned file (corpus-level scores need it all); legacy encodings converted with a notice."""
    from toolkit.textio import read_text

    text = read_text(path, notice)
    lines = text.split("\n")  # only newlines end a segment, so line numbers match the other files
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _score_segments(
    src,
    hyp,
    refs,
    src_lang,
    tgt_lang,
    json: bool,
    evidence: bool,
    output,
    scaled: dict | None = None,
    neural: bool = False,
) -> None:
    # Chunks of lines go through toolkit.engine: flat memory, any --jobs/--engine, the same bytes out.
    from toolkit.engine.scoring import score_files

    run = score_files
    if neural:
        from toolkit.neural.apply import neural_score_files

        run = neural_score_files
    if src is not None:
        _lexicon_notice()
    run(
        hyp,
        src,
        refs,
        output,
        options={"source_lang": src_lang, "target_lang": tgt_lang, "evidence": evidence},
        formatter=None if json else _plain_row,
        **(scaled or {}),
    )


def _plain_row(row: dict) -> str:
    parts = []
    for key in ("fidelity", "bleu", "chrf", "ter"):
        if key in row:
            parts.append(f"{key}={_fmt(row[key]) if key == 'fidelity' else format(row[key], '.2f')}")
    flags = "; ".join(f"{f['type']}:{f['severity']}:{f['text']}" for f in row.get("flags", []))
    return "\t".join(parts + ([flags] if flags else []))


def _stream(lines: Iterator[str], output: Path | None) -> None:
    """Write as lines come; to a file through a temporary name so a failure leaves no half-written file."""
    if output is None or str(output) == "-":
        for line in lines:
            sys.stdout.write(line)
        return
    if output.is_dir():
        raise TctError("is a directory, expected an output file", output)
    directory = output.parent if str(output.parent) else Path(".")
    name = ""
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=directory, delete=False, suffix=".tmp"
        ) as handle:
            name = handle.name
            for line in lines:
                handle.write(line)
        os.replace(name, output)
    except BaseException:
        if name:
            Path(name).unlink(missing_ok=True)
        raise


def _check_same_length(named: list[tuple[Path, list[str]]]) -> None:
    lengths = {len(lines) for _, lines in named}
    if len(lengths) > 1:
        longest = max(len(lines) for _, lines in named)
        shorter = next(path for path, lines in named if len(lines) != longest)
        count = next(len(lines) for path, lines in named if path == shorter)
        raise TctError(
            f"has {count} lines but the other inputs have {longest}; the files must be line-aligned", shorter
        )


def _score_files(src, hyps, refs, src_lang, tgt_lang, significance: str, json: bool, output) -> None:
    from toolkit.score.compare import paired_bootstrap
    from toolkit.score.fidelity import Fidelity
    from toolkit.score.reference import ReferenceMetric, paired_significance

    source_lines = _read_lines(src) if src is not None else None
    hyp_lines = [_read_lines(h) for h in hyps]
    ref_lines = [_read_lines(r) for r in refs]
    named = ([(src, source_lines)] if src is not None else []) + list(zip(hyps, hyp_lines, strict=True))
    named += list(zip(refs, ref_lines, strict=True))
    _check_same_length(named)
    if src is not None:
        _lexicon_notice()
    fidelity = Fidelity(src_lang, tgt_lang)
    systems = []
    per_segment: list[list[float]] = []
    for path, lines in zip(hyps, hyp_lines, strict=True):
        scores = []
        if source_lines is not None:
            segment_scores, corpus = fidelity.segment_and_corpus_scores(lines, source_lines)
            per_segment.append(segment_scores)
            scores.append(corpus.to_dict())
        for name in ("bleu", "chrf", "chrf++", "ter") if ref_lines else ():
            scores.append(ReferenceMetric(name).corpus_score(lines, ref_lines).to_dict())
        systems.append({"hyp": str(path), "segments": len(lines), "scores": scores})
    result: dict = {"systems": systems}
    if len(hyps) > 1:
        comparison: dict = {}
        if per_segment:
            comparison["fidelity"] = [
                {
                    "baseline": str(hyps[0]),
                    "system": str(h),
                    **paired_bootstrap(per_segment[0], per_segment[k]),
                }
                for k, h in enumerate(hyps[1:], start=1)
            ]
        if ref_lines:
            comparison.update(
                paired_significance(
                    [(str(h), lines) for h, lines in zip(hyps, hyp_lines, strict=True)],
                    ref_lines,
                    metric_names=("bleu", "chrf"),
                    test_type=significance,
                )
            )
        result["significance"] = comparison
    if json:
        _emit(json_module.dumps(result, ensure_ascii=False, sort_keys=True, indent=2), output)
        return
    lines_out = []
    for system in systems:
        lines_out.append(f"{system['hyp']} ({system['segments']} segments)")
        for item in system["scores"]:
            value = (
                "n/a"
                if item["score"] is None
                else f"{item['score']:.4f}"
                if item["name"] == "fidelity"
                else f"{item['score']:.2f}"
            )
            lines_out.append(f"  {item['name']:8} {value:>8}  {item['signature']}")
    for metric, rows in result.get("significance", {}).items():
        lines_out.append(f"paired test, {metric}:")
        for row in rows:
            name = row.get("system", "")
            if "difference" in row:
                p = "n/a" if row["p_value"] is None else f"{row['p_value']:.4f}"
                lines_out.append(
                    f"  {name}: difference {row['difference']} vs {row['baseline']}, p = {p}  {row.get('signature', '')}"
                )
            else:
                p = "baseline" if row["p_value"] is None else f"p = {row['p_value']:.4f}"
                lines_out.append(f"  {name}: {row['score']:.2f} ({p})  {row['signature']}")
    _emit("\n".join(lines_out), output)


__all__ = ["score", "print_json"]
