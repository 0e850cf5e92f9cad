"""Round 4's hostile-user findings, one test each: what broke, checked so it cannot come back."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import SEED_CORPUS
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.corpus import Corpus, Original, Quote, Rendering, save_quote
from toolkit.errors import TctError

runner = CliRunner()
LENIN = SEED_CORPUS / "lenin-letter-to-congress"


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def one_line_error(result, code: int) -> str:
    """The promise: exit `code`, one line `tct: ...` on stderr, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tct: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, Path]:
    for name in ("original.ru.txt", "post.en.txt", "published.en.txt"):
        (tmp_path / name).write_bytes((LENIN / name).read_bytes())
    return {name.split(".")[0]: tmp_path / name for name in ("original.ru.txt", "post.en.txt", "published.en.txt")}


# --- corpus add/attach never write a quote that every later command refuses ---------------------------


@pytest.mark.parametrize(
    "extra",
    [
        ["--status", "missing", "--original", "{original}"],  # a file for a missing original
        ["--status", "complete"],  # a complete original with no file
        ["--status", "partial", "--missing", "the end"],
        ["--original", "{original}", "--year", "99999"],
    ],
)
def test_corpus_add_refuses_metadata_that_would_not_load(
    tmp_path: Path, texts: dict[str, Path], extra: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    args = [a.format(original=texts["original"]) for a in extra]
    result = invoke("corpus", "add", "qa", "-r", f"post={texts['post']}", *args, "--corpus", str(corpus))
    one_line_error(result, 2)
    assert not (corpus / "qa").exists()


def test_corpus_add_refuses_one_rendering_name_twice(tmp_path: Path, texts: dict[str, Path]) -> None:
    """Both texts went to p.en.txt (the first was lost) and the corpus no longer loaded."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    result = invoke(
        "corpus", "add", "qa", "--original", str(texts["original"]),
        "-r", f"p={texts['post']}", "-r", f"p={texts['published']}", "--corpus", str(corpus),
    )  # fmt: skip
    assert "given twice" in one_line_error(result, 2)
    assert not (corpus / "qa").exists()
    ok = invoke("corpus", "add", "qa", "--original", str(texts["original"]), "-r", f"p={texts['post']}",
                "--corpus", str(corpus))  # fmt: skip
    assert ok.exit_code == 0, ok.output
    again = invoke("corpus", "attach", "qa", "-r", f"q={texts['post']}", "-r", f"q={texts['published']}",
                   "--corpus", str(corpus))  # fmt: skip
    one_line_error(again, 2)
    assert invoke("corpus", "check", "--corpus", str(corpus)).exit_code == 0


def test_save_quote_reads_the_staged_quote_back_before_swapping_it_in(tmp_path: Path) -> None:
    """The library's writer refuses what load_quote would refuse, and leaves nothing behind."""
    corpus = tmp_path / "corpus"
    quote = Quote(
        id="qa",
        title="t",
        author="a",
        year=None,
        original=Original(lang="ru", status="missing", file="original.ru.txt", text="Текст.\n", missing=["x"]),
        renderings=[Rendering(name="p", lang="en", file="p.en.txt", text="Text.\n")],
        folder=corpus / "qa",
    )
    with pytest.raises(TctError, match="not saved: original.status is 'missing'"):
        save_quote(quote, new=True)
    assert not (corpus / "qa").exists()
    assert [p.name for p in corpus.iterdir() if not p.name.startswith(".")] == []
    assert Corpus(corpus).ids() == []
