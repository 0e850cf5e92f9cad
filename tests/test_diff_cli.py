"""`tct diff`: quotes, renderings compared through the original, arbitrary files; JSON and plain output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Original, Quote, Rendering, bundled_corpus_dir, save_quote

runner = CliRunner()
BUNDLED = str(bundled_corpus_dir())

ORIGINAL = "Тов. Сталин сосредоточил в своих руках необъятную власть.\nЯ не уверен, что он сумеет.\n"
ONE = "Comrade Stalin concentrated immense power in his hands.\nI am not sure that he will manage.\n"
TWO = "Comrade Stalin has unlimited authority concentrated in his hands.\nI am not sure he can.\n"


def make_corpus(root: Path) -> Path:
    """A two-quote corpus: one with an original and two renderings, one whose original is missing."""
    save_quote(
        Quote(
            "alpha",
            "Alpha",
            "Author A",
            1922,
            Original("ru", "complete", "original.ru.txt", ORIGINAL),
            [Rendering("one", "en", "one.en.txt", ONE), Rendering("two", "en", "two.en.txt", TWO)],
            root / "alpha",
        )
    )
    save_quote(
        Quote(
            "beta",
            "Beta",
            "Author B",
            2002,
            Original("ru", "missing", missing=["entire original not found"]),
            [Rendering("post", "en", "post.en.txt", "He said <b>this</b>.\nAnd that & more.\n")],
            root / "beta",
        )
    )
    return root


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_two_renderings_through_the_original_json(corpus: Path) -> None:
    code, out, _ = invoke("diff", "alpha", "--renderings", "one", "two", "--corpus", str(corpus), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["through_source"] is True
    segments = data["segments"]
    assert [s["source"] is not None for s in segments] == [True, True]
    assert "".join(op["a"] for s in segments for op in s["ops"]) == ONE.replace("\n", "")
    assert "".join(op["b"] for s in segments for op in s["ops"]) == TWO.replace("\n", "")
    for segment in segments:
        assert "".join(op["a"] for op in segment["ops"]) == segment["a"]
        assert "".join(op["b"] for op in segment["ops"]) == segment["b"]
    changed_a = " ".join(op["a"] for op in segments[0]["ops"] if op["op"] != "equal")
    changed_b = " ".join(op["b"] for op in segments[0]["ops"] if op["op"] != "equal")
    assert "immense power" in changed_a and "unlimited authority" in changed_b
    assert "Stalin" not in changed_a


def test_plain_output_marks_differences_without_colour_codes(corpus: Path) -> None:
    code, out, _ = invoke("diff", "alpha", "--renderings", "one", "two", "--corpus", str(corpus))
    assert code == 0
    assert "\x1b[" not in out
    assert "[-" in out and "{+" in out
    assert "необъятную" in out


def test_lenin_renderings_line_up_in_the_bundled_corpus() -> None:
    args = ("diff", "lenin-letter-to-congress", "--renderings", "post", "published", "--corpus", BUNDLED)
    code, out, _ = invoke(*args, "--json")
    assert code == 0
    data = json.loads(out)
    (segment,) = data["segments"]  # one original sentence: both renderings sit in one row
    assert segment["source"].startswith("Тов. Сталин")
    removed = " ".join(op["a"] for op in segment["ops"] if op["op"] != "equal")
    added = " ".join(op["b"] for op in segment["ops"] if op["op"] != "equal")
    assert "immense power" in removed
    assert "unlimited authority" in added


def test_rendering_against_original(corpus: Path) -> None:
    code, out, _ = invoke("diff", "alpha", "--rendering", "one", "--corpus", str(corpus), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["quote"] == "alpha"
    (view,) = data["renderings"]
    assert view["name"] == "one"
    assert [s["rendering"] for s in view["segments"]] == [
        "Comrade Stalin concentrated immense power in his hands.",
        "I am not sure that he will manage.",
    ]
    assert all(s["source"] for s in view["segments"])


def test_missing_original_is_marked(corpus: Path) -> None:
    code, out, _ = invoke("diff", "beta", "--corpus", str(corpus))
    assert code == 0
    assert "[no original known]" in out
    assert "<b>this</b>" in out  # shown literally, not eaten as markup
    code, out, _ = invoke("diff", "beta", "--corpus", str(corpus), "--json")
    segments = json.loads(out)["renderings"][0]["segments"]
    assert segments and all(s["source"] is None for s in segments)


def test_two_files_directly_and_through_a_source(tmp_path: Path) -> None:
    a, b, src = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "src.txt"
    a.write_text(ONE, encoding="utf-8")
    b.write_text(TWO, encoding="utf-8")
    src.write_text(ORIGINAL, encoding="utf-8")
    code, out, _ = invoke("diff", str(a), str(b), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["through_source"] is False
    assert all(s["source"] is None for s in data["segments"])
    assert "".join(op["b"] for s in data["segments"] for op in s["ops"]) == TWO.replace("\n", "")
    code, out, _ = invoke("diff", str(a), str(b), "--src", str(src), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["through_source"] is True
    assert [s["source"] for s in data["segments"]] == [line for line in ORIGINAL.splitlines()]


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["diff", "nope"], 1, "unknown quote id 'nope'"),
        (["diff", "alpha", "--rendering", "three"], 1, "no rendering 'three'"),
        (["diff", "alpha", "--renderings", "one", "three"], 1, "no rendering 'three'"),
        (["diff", "alpha", "--src", "x.txt"], 2, "--src goes with files"),
        (["diff", "alpha", "--rendering", "one", "--renderings", "one", "two"], 2, "not both"),
        (["diff", "a", "b", "c"], 2, "not 3 arguments"),
        (["diff", "no-such-a.txt", "no-such-b.txt"], 1, "no-such-a.txt: no such file"),
        (["diff", "alpha", "one"], 2, "'alpha' is a quote id"),
    ],
)
def test_user_mistakes_are_one_line(corpus: Path, args: list[str], code: int, needle: str) -> None:
    result = runner.invoke(app, [*args, "--corpus", str(corpus)])
    assert result.exit_code == code
    assert needle in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
