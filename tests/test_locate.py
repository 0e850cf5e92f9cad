"""`tct locate`: a quote found in its original (alone, planted in other text, with elisions), the cut
qualifier reported, bad input as one line, and a smoke run of scripts/eval_locate.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from paths import REPO, SEED_CORPUS
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.locate import LocateError, Locator, locate
from toolkit.locate.markers import find_markers

runner = CliRunner()
LENIN = SEED_CORPUS / "lenin-letter-to-congress"


def _filler() -> str:
    """Unrelated Russian prose: the other seed originals, several times over."""
    texts = [
        (folder / "original.ru.txt").read_text("utf-8").strip()
        for folder in sorted(SEED_CORPUS.iterdir())
        if (folder / "original.ru.txt").is_file() and folder != LENIN
    ]
    return "\n".join(texts * 3)


def test_lenin_cut_qualifier_is_reported() -> None:
    original = (LENIN / "original.ru.txt").read_text("utf-8")
    quote = (LENIN / "post.en.txt").read_text("utf-8")
    best = locate(quote, original)[0]
    assert original[best.start : best.end] == best.text
    assert best.text.endswith("необъятную власть")
    assert best.start == 0
    flags = best.context.flags
    assert flags and flags[0].side == "after" and "qualifier" in flags[0].kinds
    assert "и я не уверен" in flags[0].message


def test_planted_original_is_found_in_unrelated_text() -> None:
    original = (LENIN / "original.ru.txt").read_text("utf-8").strip()
    filler = _filler()
    middle = filler.index("\n", len(filler) // 2)
    text = filler[:middle] + "\n" + original + filler[middle:]
    planted = middle + 1
    published = (LENIN / "published.en.txt").read_text("utf-8")
    best = Locator(text).locate(published)[0]
    assert planted <= best.start < best.end <= planted + len(original)
    assert best.end - best.start > 0.8 * len(original)
    assert best.confidence >= 0.5


def test_elision_shows_as_a_gap_inside_one_match() -> None:
    original = (
        "Вчера в Москве прошёл большой футбольный матч.\n"
        "Президент клуба заявил, что команда выиграет чемпионат.\n"
        "Погода в столице была холодной и дождливой.\n"
        "Болельщики купили сорок тысяч билетов на стадион.\n"
        "Следующая игра пройдёт в Казани в субботу."
    )
    quote = "The club president said that the team will win the championship. [...] Fans bought forty thousand tickets to the stadium."
    best = locate(quote, original)[0]
    assert best.text.startswith("Президент клуба") and best.text.endswith("на стадион.")
    assert len(best.gaps) == 1 and best.gaps[0].text.startswith("Погода")
    assert len(best.links) == 2


def test_markers() -> None:
    kinds = [m.kind for m in find_markers("Однако, по словам министра, если бы не дождь, он не пришёл бы.")]
    assert kinds[:3] == ["contrast", "attribution", "condition"]
    assert "negation" in kinds


def test_bad_input_is_refused() -> None:
    original = (LENIN / "original.ru.txt").read_text("utf-8")
    with pytest.raises(LocateError, match="empty"):
        locate("   ", original)
    with pytest.raises(LocateError, match="does not look Russian"):
        locate("Stalin", (LENIN / "published.en.txt").read_text("utf-8"))
    with pytest.raises(LocateError, match="looks German"):
        locate("Die Katze sitzt auf der Matte, und der Hund liegt unter dem Tisch in der Küche.", original)
    with pytest.raises(LocateError, match="looks Ukrainian"):
        locate("Кіт сидить на килимку, а собака лежить під столом.", original)


def test_cli_json_and_exit_codes(tmp_path) -> None:
    result = runner.invoke(
        app, ["locate", str(LENIN / "post.en.txt"), str(LENIN / "original.ru.txt"), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["found"] and data["matches"][0]["start"] == 0
    assert data["matches"][0]["context"]["flags"][0]["kinds"] == ["qualifier"]
    again = runner.invoke(
        app, ["locate", str(LENIN / "post.en.txt"), str(LENIN / "original.ru.txt"), "--json"]
    )
    assert again.stdout == result.stdout  # deterministic
    elsewhere = tmp_path / "q.en.txt"
    elsewhere.write_text(
        "The football club bought forty new buses for the city of Kazan yesterday.\n", "utf-8"
    )
    missing = runner.invoke(app, ["locate", str(elsewhere), str(LENIN / "original.ru.txt")])
    assert missing.exit_code == 3 and "not found" in missing.stdout
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", "utf-8")
    bad = runner.invoke(app, ["locate", str(empty), str(LENIN / "original.ru.txt")])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert bad.stderr.strip().count("\n") == 0 and "empty" in bad.stderr
    english = runner.invoke(app, ["locate", str(LENIN / "post.en.txt"), str(LENIN / "published.en.txt")])
    assert english.exit_code == 1 and "does not look Russian" in english.stderr
    stdin = runner.invoke(
        app,
        ["locate", "-", str(LENIN / "original.ru.txt")],
        input="Stalin, having become general secretary, concentrated immense power in his hands",
    )
    assert stdin.exit_code == 0, stdin.output


def test_eval_locate_smoke(shared) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "eval_locate.py"),
            "--data",
            str(shared / "data"),
            "--quotes",
            "12",
            "--sizes",
            "3000",
            "--timing-quotes",
            "12",
            "--no-seed-corpus",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    for entry in report["sets"].values():
        assert entry["quotes"] == 12 and 0.0 <= entry["top1"] <= entry["top5"] <= 1.0
        assert entry["top1"] >= 0.5
    assert report["timing"][0]["words"] >= 3000


def test_corpus_add_from_a_book(corpus_copy, tmp_path) -> None:
    original = (LENIN / "original.ru.txt").read_text("utf-8").strip()
    book = tmp_path / "book.ru.txt"
    book.write_text(_filler() + "\n" + original + "\n" + _filler(), "utf-8")
    args = ["corpus", "add", "lenin-from-book", "--original-from", str(book), "--corpus", str(corpus_copy)]
    result = runner.invoke(app, [*args, "--locate", str(LENIN / "post.en.txt")])
    assert result.exit_code == 0, result.output
    folder = corpus_copy / "lenin-from-book"
    assert (folder / "original.ru.txt").read_text("utf-8").strip().endswith("необъятную власть")
    toml = (folder / "quote.toml").read_text("utf-8")
    assert "book.ru.txt, characters" in toml and "не уверен" in toml
    assert (folder / "quote.en.txt").is_file()
    alone = runner.invoke(app, [*args[:2], "another-id", *args[3:]])
    assert alone.exit_code == 2  # --original-from without --locate
