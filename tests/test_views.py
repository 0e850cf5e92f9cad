"""The shared view model: spans on both sides, unverifiable bands, coverage, ranking, and one set of counts for
`tct score`, `tct score --all --json` and the report's overview."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Corpus, bundled_corpus_dir
from toolkit.report import build_report
from toolkit.report.model import analyse
from toolkit.score.results import Flag, RenderingScore, SegmentScore
from toolkit.views import UNVERIFIABLE, rendering_view, runs, span_label

runner = CliRunner()

SOURCE = "В 1938 году Ягода арестовал 30 000 человек."
RENDERING = "In 1937 Yezhov arrested 30,000 people."


def scored(*segments: SegmentScore, fidelity: float | None = 0.5) -> RenderingScore:
    return RenderingScore("post", fidelity, list(segments), "fidelity|test")


def test_spans_from_the_scorer_mark_both_sides_and_carry_the_gloss() -> None:
    number = Flag(
        "number", "1938", "critical", side="source", detail="1938 in the original, 1937 in the rendering",
        source_span=(2, 6), rendering_span=(3, 7),
    )  # fmt: skip
    name = Flag("name", "Ягода", "major", side="source", source_span=(12, 17), rendering_span=(8, 14))
    omission = Flag("omission", "году", "minor", side="source", source_span=(7, 11), gloss="year")
    view = rendering_view(
        "q", scored(SegmentScore(SOURCE, RENDERING, (0,), (0,), 0.4, [number, name, omission]))
    )
    (segment,) = view.segments
    assert [SOURCE[s:e] for s, e, _ in segment.marks("source")] == ["1938", "году", "Ягода"]
    assert [RENDERING[s:e] for s, e, _ in segment.marks("rendering")] == ["1937", "Yezhov"]
    (gloss,) = [f.gloss for f in segment.findings if f.type == "omission"]
    assert gloss == "year"
    # the omission has no rendering span: the other side has no part in it, nothing is guessed there
    assert next(f for f in segment.findings if f.type == "omission").rendering_marks == ()


def test_without_spans_the_words_are_found_on_their_side_and_the_counterpart_on_the_other() -> None:
    omission = Flag(
        "omission", "одной", "minor", side="source", detail="possibly rendered as 'any' (not in the lexicon)"
    )
    addition = Flag("addition", "any", "minor", detail="possibly renders 'одной' (not in the lexicon)")
    negation = Flag("negation", "не, не", "critical", side="source")
    source, rendering = "Не было ни одной не записи, не", "There was not any record"
    view = rendering_view(
        "q", scored(SegmentScore(source, rendering, (0,), (0,), 0.6, [omission, addition, negation]))
    )
    (segment,) = view.segments
    marked = {(source[s:e], f.type) for s, e, f in segment.marks("source")}
    # own words win over a counterpart: "одной" is marked as the omission, not as the addition's counterpart
    assert ("одной", "omission") in marked and ("одной", "addition") not in marked
    assert [source[s:e] for s, e, f in segment.marks("source") if f.type == "negation"] == ["Не", "не"]
    assert all(source[s - 1] == " " or s == 0 for s, _, _ in segment.marks("source"))  # whole words only
    assert [(rendering[s:e], f.type) for s, e, f in segment.marks("rendering")] == [("any", "addition")]
    spans = [(s, e) for s, e, _ in segment.marks("source")]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))  # never overlapping


def test_no_original_is_an_unverifiable_band_never_a_finding() -> None:
    lost = Flag("no_original", "Lost words.", "minor", detail="not found")
    bracket = Flag("interpolation", "[Stalin]", "minor", detail="translator's words in square brackets")
    tail = Flag("no_original", "and more", "minor")
    score = scored(
        SegmentScore("Он пришёл.", "He came and more", (0,), (0,), 0.9, [tail]),
        SegmentScore(None, "Lost words.", (), (1,), None, [lost]),
        SegmentScore(None, "[Stalin] spoke. Twice.", (), (2, 3), None, [lost, bracket]),
    )
    view = rendering_view("q", score)
    assert [s.state for s in view.segments] == ["faithful", "unverifiable", "unverifiable"]
    assert view.counts() == {"critical": 0, "major": 0, "minor": 1}  # the bracket only
    assert all(f.type != "no_original" for f in view.findings)
    assert (view.checked, view.sentences) == (1, 4)
    assert view.coverage() == "1 of 4 sentences checked"
    first = view.segments[0]
    assert [first.rendering[s:e] for s, e in first.unverifiable_marks] == ["and more"]
    assert [(state, span_label(group)) for state, group in runs(view.segments)] == [
        ("faithful", "sentence 1"),
        ("unverifiable", "sentences 2–3"),
    ]
    summary = view.summary()
    assert summary["unverifiable"] == 3 and summary["worst"] == "minor"


def test_ranked_by_severity_then_meaning_then_place() -> None:
    flags = [
        Flag("addition", "the", "minor"),
        Flag("addition", "Politburo members", "minor"),
        Flag("truncation", "", "major", side="source"),
        Flag("negation", "не", "critical", side="source"),
    ]
    view = rendering_view(
        "q", scored(SegmentScore("Он не член.", "the Politburo members are the", (0,), (0,), 0.2, flags))
    )
    ranked = [(f.severity, f.text) for f in view.ranked()]
    assert ranked == [("critical", "не"), ("major", ""), ("minor", "Politburo members"), ("minor", "the")]
    assert view.worst == "critical"
    numbers = [f.number for f in view.segments[0].findings]
    assert numbers == sorted(numbers) == [1, 2, 3, 4]  # numbered in reading order, ranked apart


def test_json_of_a_view_is_plain_data() -> None:
    flag = Flag("number", "1938", "critical", side="source", source_span=(2, 6), rendering_span=(3, 7))
    data = rendering_view("q", scored(SegmentScore(SOURCE, RENDERING, (0,), (0,), 0.4, [flag]))).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["summary"]["counts"] == {"critical": 1, "major": 0, "minor": 0}
    assert data["segments"][0]["findings"][0]["rendering_marks"] == [[3, 7]]


class OverviewRows(HTMLParser):
    """The overview's rows: data attributes of each <tr data-quote>."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[tuple[str, str], dict[str, str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "tr" and "data-quote" in found:
            self.rows[(found["data-quote"], found["data-rendering"])] = found


def test_counts_identical_in_score_all_json_and_the_report_overview() -> None:
    result = runner.invoke(app, ["score", "--all", "--json"])
    assert result.exit_code == 0, result.output
    scored_json = json.loads(result.stdout)
    parser = OverviewRows()
    parser.feed(build_report(Corpus(bundled_corpus_dir()).quotes()))
    assert len(parser.rows) == sum(len(q["renderings"]) for q in scored_json) > 0
    for quote in scored_json:
        for rendering in quote["renderings"]:
            summary = rendering["summary"]
            row = parser.rows[(quote["id"], rendering["name"])]
            # recounted from the raw flags: what the scorer found, no_original left out
            raw = {"critical": 0, "major": 0, "minor": 0}
            for segment in rendering["segments"]:
                for flag in segment["flags"]:
                    if flag["type"] != "no_original":
                        raw[flag["severity"]] += 1
            assert summary["counts"] == raw, (quote["id"], rendering["name"])
            for severity, count in raw.items():
                assert int(row[f"data-{severity}"]) == count, (quote["id"], rendering["name"], severity)
            sentences = sum(len(s["rendering_ids"]) for s in rendering["segments"])
            assert int(row["data-sentences"]) == summary["sentences"] == sentences
            assert int(row["data-checked"]) == summary["checked"]


def test_terminal_shows_coverage_both_sides_marked_and_no_flag_for_missing_originals() -> None:
    corpus = Corpus(bundled_corpus_dir())
    (view,) = analyse(corpus.quote("beria-passport-memo"), compare=False).renderings
    result = runner.invoke(app, ["score", "beria-passport-memo"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert view.coverage() in out and view.coverage().startswith("3 of 4")
    assert UNVERIFIABLE in out and "no_original" not in out
    # the first sentence of the corpus with findings marked on both sides is marked on both sides in the terminal
    found = (
        (quote, rendering, segment)
        for quote in corpus.quotes()
        for rendering in analyse(quote, compare=False).renderings
        for segment in rendering.segments
        if segment.marks("source") and segment.marks("rendering")
    )
    quote, rendering, segment = next(found)
    result = runner.invoke(app, ["score", quote.id, "-r", rendering.name], env={"COLUMNS": "200"})
    for side, text in (("source", segment.source), ("rendering", segment.rendering)):
        start, end, finding = segment.marks(side)[0]
        words = text[start:end].split()  # a long mark may wrap across lines of the table, a word does not
        assert f"[[{words[0]}" in result.stdout and f"{words[-1]}]]{finding.number}" in result.stdout, (
            quote.id,
            side,
        )
    everything = runner.invoke(app, ["score", "--all"], env={"COLUMNS": "160"})
    assert everything.exit_code == 0
    line = next(x for x in everything.stdout.splitlines() if "artem-telegram-6953" in x)
    assert "0/36" in line and re.search(r"\b0\s+0\s+0\b", line)  # 36 unverifiable sentences, no finding
