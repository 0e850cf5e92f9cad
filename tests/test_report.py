"""`tct report`: one self-contained, escaped, accessible, deterministic HTML page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Corpus, Original, Quote, Rendering, bundled_corpus_dir, save_quote
from toolkit.report import build_report
from toolkit.report.chart import corpus_chart, fidelity_strip
from toolkit.score.results import Flag, RenderingScore, SegmentScore
from toolkit.views import rendering_view

runner = CliRunner()
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source", "track"}
SVG_EMPTY = {"line", "rect", "path", "circle"}

NASTY = 'He said <script>alert("x")</script> & left "quietly".'


class TagChecker(HTMLParser):
    """Balanced tags, and the things a self-contained page must not have."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def check(html: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    return checker


def make_corpus(root: Path) -> Path:
    save_quote(
        Quote(
            "alpha",
            'Alpha & "Omega" <i>',
            "Author A",
            1922,
            Original(
                "ru",
                "complete",
                "original.ru.txt",
                "Тов. Сталин сосредоточил необъятную власть.\nЯ не уверен.\n",
                citation="ПСС, т. 45 <p>",
                urls=["https://example.org/a?b=1&c=2", "javascript:alert(1)"],
            ),
            [
                Rendering("one", "en", "one.en.txt", "Stalin concentrated immense power.\nI am not sure.\n"),
                Rendering("two", "en", "two.en.txt", "Stalin has unlimited authority.\nI doubt it.\n"),
            ],
            root / "alpha",
        )
    )
    save_quote(
        Quote(
            "beta",
            "Beta",
            "Author B",
            None,
            Original("ru", "missing", missing=["entire original not found"]),
            [Rendering("post", "en", "post.en.txt", NASTY + "\n", translator="<unknown>")],
            root / "beta",
        )
    )
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("report") / "corpus")


@pytest.fixture(scope="module")
def page(corpus: Path) -> str:
    return build_report(Corpus(corpus).quotes())


def test_page_is_well_formed_and_self_contained(page: str) -> None:
    checker = check(page)
    lowered = page.lower()
    assert "<script" not in lowered  # no scripts at all, and the quoted one is escaped
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<link" not in lowered and "@import" not in lowered and "url(" not in lowered
    for tag, attrs in checker.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.lower().startswith("javascript:"), (tag, attrs)
            if tag != "a":
                assert not value, (tag, attrs)  # nothing is loaded from anywhere


def test_escaping_of_metadata(page: str) -> None:
    assert "Alpha &amp; &quot;Omega&quot; &lt;i&gt;" in page
    assert "ПСС, т. 45 &lt;p&gt;" in page
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
    assert "javascript:alert(1)" in page and 'href="javascript' not in page
    assert "&lt;unknown&gt;" in page


def test_accessible_structure(page: str) -> None:
    checker = check(page)
    tags = [t for t, _ in checker.tags]
    assert tags.count("table") == tags.count("caption") >= 2
    assert any(t == "th" and a.get("scope") == "col" for t, a in checker.tags)
    assert any(t == "th" and a.get("scope") == "row" for t, a in checker.tags)
    langs = {a.get("lang") for t, a in checker.tags if t == "td"}
    assert {"ru", "en"} <= langs
    assert '<html lang="en">' in page
    assert 'name="viewport"' in page
    assert "@media print" in page and "@media screen and (max-width" in page


def test_every_quote_and_rendering_is_there(page: str) -> None:
    for anchor in ('id="q-alpha"', 'id="q-beta"', 'href="#q-alpha"', 'href="#q-beta"'):
        assert anchor in page
    beta = page.split('id="q-beta"')[1].split("</article>")[0]
    assert "Not checkable: original not found" in beta  # beta has no original: one band...
    assert "no_original" not in beta and "sev-" not in beta  # ...and no flag
    assert "entire original not found" in page
    # the two renderings of alpha are compared word by word
    assert "<del>immense power</del>" in page or "<del>concentrated immense power</del>" in page
    assert re.search(r"<ins>[^<]*unlimited authority[^<]*</ins>", page)


def test_same_input_same_bytes(corpus: Path, page: str) -> None:
    assert build_report(Corpus(corpus).quotes()) == page
    assert "UTC" not in page
    assert "on 2030-01-01" in build_report(Corpus(corpus).quotes(), timestamp="2030-01-01")


def test_strip_is_inline_svg_with_text_alternative_and_links() -> None:
    score = RenderingScore(
        "post",
        0.5,
        [
            SegmentScore("Раз.", "One.", (0,), (0,), 0.9, []),
            SegmentScore("Два.", "Two <x>.", (1,), (1,), 0.2, [Flag("addition", "<x>", "major")]),
            SegmentScore(None, "Three.", (), (2,), None, [Flag("no_original", "Three.", "minor")]),
        ],
        "sig",
    )
    view = rendering_view("q", score)
    svg = fidelity_strip(view, "Fidelity <x>", "c1", "q-r-s")
    check(svg)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "Fidelity &lt;x&gt;" in svg
    assert "sentence 1: fidelity 0.90" in svg and "sentence 2: fidelity 0.20, 1 major" in svg
    assert "sentence 3: not checkable (original not found)" in svg
    assert all(f'href="#q-r-s{n}"' in svg for n in (1, 2, 3))
    corpus = corpus_chart([("q / post", view)], "corpus")
    check(corpus)
    assert "q / post: 2 of 3 sentences checked, worst finding major" in corpus


def test_cli_writes_the_file_and_prints_its_path(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "r.html"
    result = runner.invoke(app, ["report", "-o", str(out), "--quote", "beta", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert 'id="q-beta"' in html and 'id="q-alpha"' not in html
    again = runner.invoke(app, ["report", "-o", str(out), "--quote", "beta", "--corpus", str(corpus)])
    assert again.exit_code == 0 and out.read_text(encoding="utf-8") == html
    stamped = runner.invoke(
        app, ["report", "-o", str(out), "--quote", "beta", "--corpus", str(corpus), "--timestamp"]
    )
    assert stamped.exit_code == 0 and "UTC" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["report", "--quote", "nope"], 1, "unknown quote id 'nope'"),
        (["report", "-o", "."], 1, "is a directory"),
    ],
)
def test_cli_mistakes(corpus: Path, args: list[str], code: int, needle: str) -> None:
    result = runner.invoke(app, [*args, "--corpus", str(corpus)])
    assert result.exit_code == code
    assert needle in result.stderr
    assert "Traceback" not in result.output


def test_bundled_corpus_report_is_well_formed() -> None:
    quotes = Corpus(bundled_corpus_dir()).quotes()
    page = build_report(quotes)
    check(page)
    for quote in quotes:
        assert f'id="q-{quote.id}"' in page


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colour_pairs_meet_wcag_aa() -> None:
    """Every text colour of the stylesheet on every background it is used on: at least 4.5:1."""
    from importlib.resources import files

    css = files("toolkit.report").joinpath("style.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    pairs = [
        ("ink", "paper"),
        ("ink", "panel"),
        ("dim", "paper"),
        ("dim", "panel"),
        ("link", "paper"),
        ("ink", "critical-bg"),
        ("ink", "major-bg"),
        ("ink", "minor-bg"),
        ("major", "major-bg"),
        ("minor", "minor-bg"),
        ("ins", "ins-bg"),
        ("del", "del-bg"),
        ("dim", "minor-bg"),
    ]
    for text, background in pairs:
        ratio = _contrast(colours[text], colours[background])
        assert ratio >= 4.5, (text, background, round(ratio, 2))
    assert _contrast("#ffffff", colours["critical"]) >= 4.5  # the critical badge: white on red


def test_verdict_comes_first_and_faithful_sentences_fold(page: str) -> None:
    alpha = page.split('id="q-alpha"')[1].split("</article>")[0]
    first = alpha.split('id="q-alpha-r-one"')[1]
    assert first.index('class="verdict"') < first.index('class="segments"')
    assert "of 2 sentences checked" in first.split('class="segments"')[0]
    assert '<details class="faithful">' in alpha or 'class="seg deviates"' in alpha


def test_aligns_each_rendering_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18: one alignment per rendering, shared by the scorer and the diff (every caller counted)."""
    from toolkit.report import model
    from toolkit.score import quote as score_quote_module

    calls: list[str] = []
    real = model.align_quote

    def counting(quote: Quote, name: str):  # type: ignore[no-untyped-def]
        calls.append(name)
        return real(quote, name)

    monkeypatch.setattr(model, "align_quote", counting)
    monkeypatch.setattr(score_quote_module, "align_quote", counting)  # the scorer's own look-up, if any
    build_report([Corpus(corpus).quote("alpha")])
    assert sorted(calls) == ["one", "two"]
