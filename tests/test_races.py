"""Concurrent writers of one quote, as real processes: exactly one wins without --force, the last whole
quote wins with it, and no mix of two writers is ever left behind. Bounded: a few rounds, each with a timeout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from paths import REPO

from toolkit.align.corpus import check_corpus
from toolkit.corpus import load_quote
from toolkit.formats import build_export, export_files, write_export

sys.path.insert(0, str(REPO / "scripts"))

from eval_races import race  # noqa: E402

ROUNDS = 2
TIMEOUT = 180


def _race(commands: list[list[str]], cwd: Path) -> list[tuple[int, str]]:
    """Start every command at once; (exit status, stderr) of each."""
    return race(REPO, commands, cwd, TIMEOUT)


def _one_line_error(stderr: str, needle: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip() and not line.startswith("tct: note:")]
    assert len(lines) == 1 and lines[0].startswith("tct: ") and needle in lines[0], stderr
    assert "Traceback" not in stderr


def _texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def exports(corpus_copy: Path, tmp_path: Path) -> list[Path]:
    paths = []
    for quote_id in ("lenin-letter-to-congress", "beria-passport-memo"):
        path = tmp_path / f"{quote_id}.jsonl"
        write_export(export_files(build_export(load_quote(corpus_copy / quote_id)), "jsonl", path))
        paths.append(path)
    return paths


def test_two_imports_of_one_fresh_id_one_wins(corpus_copy: Path, exports: list[Path], tmp_path: Path) -> None:
    for number in range(ROUNDS):
        quote_id = f"fresh-{number}"
        commands = [["import", str(path), "--id", quote_id, "--corpus", str(corpus_copy)] for path in exports]
        results = _race(commands, tmp_path)
        winners = [i for i, (status, _) in enumerate(results) if status == 0]
        assert len(winners) == 1, results
        loser = 1 - winners[0]
        assert results[loser][0] == 1
        _one_line_error(results[loser][1], "exists already")
        quote = load_quote(corpus_copy / quote_id)
        expected = load_quote(corpus_copy / ("lenin-letter-to-congress", "beria-passport-memo")[winners[0]])
        assert quote.original.text == expected.original.text
        assert [r.text for r in quote.renderings] == [r.text for r in expected.renderings]
    assert check_corpus(corpus_copy) == []


def test_two_forced_imports_leave_one_whole_quote(
    corpus_copy: Path, exports: list[Path], tmp_path: Path
) -> None:
    whole = [_texts(corpus_copy / "lenin-letter-to-congress"), _texts(corpus_copy / "beria-passport-memo")]
    for number in range(ROUNDS):
        quote_id = f"forced-{number}"
        commands = [
            ["import", str(path), "--id", quote_id, "--force", "--corpus", str(corpus_copy)]
            for path in exports
        ]
        results = _race(commands, tmp_path)
        assert [status for status, _ in results] == [0, 0], results
        texts = _texts(corpus_copy / quote_id)
        meta = texts.pop("quote.toml")
        assert any(
            {k: v for k, v in candidate.items() if k != "quote.toml"} == texts for candidate in whole
        ), "a mix of two imports"
        assert f'id = "{quote_id}"' in meta
    assert check_corpus(corpus_copy) == []
    assert not [p for p in corpus_copy.iterdir() if p.name.startswith(".tct-")]


def test_two_corpus_adds_of_one_id_one_wins_and_no_mix(corpus_copy: Path, tmp_path: Path) -> None:
    sides = []
    for side in ("a", "b"):
        original = tmp_path / f"{side}.ru.txt"
        rendering = tmp_path / f"{side}.en.txt"
        original.write_text(f"Оригинал {side}. Второе предложение {side}.\n" * 50, encoding="utf-8")
        rendering.write_text(f"Rendering {side}. Second sentence {side}.\n" * 50, encoding="utf-8")
        sides.append((side, original, rendering))
    for number in range(ROUNDS):
        quote_id = f"added-{number}"
        commands = [
            ["corpus", "add", quote_id, "--original", str(o), "--rendering", f"post={r}", "--title", f"title {s}",
             "--corpus", str(corpus_copy)]
            for s, o, r in sides
        ]  # fmt: skip
        results = _race(commands, tmp_path)
        statuses = [status for status, _ in results]
        assert sorted(statuses) == [0, 1], results
        loser = statuses.index(1)
        _one_line_error(results[loser][1], "exists already")
        quote = load_quote(corpus_copy / quote_id)
        side = quote.title.removeprefix("title ")
        assert f"Оригинал {side}." in (quote.original.text or "")
        assert quote.renderings[0].text.startswith(f"Rendering {side}.")
    assert check_corpus(corpus_copy) == []


def test_attach_and_align_of_one_quote_lose_nothing(corpus_copy: Path, tmp_path: Path) -> None:
    """`corpus attach` swaps the folder while `align` writes into it: both results are there after."""
    quote_id = "artem-telegram-6953"
    extra = tmp_path / "extra.en.txt"
    extra.write_text("Another rendering of the post.\n", encoding="utf-8")
    for number in range(ROUNDS):
        name = f"extra{number}"
        commands = [
            ["corpus", "attach", quote_id, "--rendering", f"{name}={extra}", "--corpus", str(corpus_copy)],
            ["align", quote_id, "--force", "--corpus", str(corpus_copy)],
        ]
        results = _race(commands, tmp_path)
        assert [status for status, _ in results] == [0, 0], results
        quote = load_quote(corpus_copy / quote_id)
        assert name in [r.name for r in quote.renderings]
        for rendering in quote.renderings[:1]:
            assert os.path.exists(quote.alignment_path(rendering.name))
    assert not [p for p in corpus_copy.iterdir() if p.name.startswith(".tct-")]
