"""`tct align` on files and on corpus quotes: formats, writing alignment files, refusals, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.align.beads import coverage_problems
from toolkit.align.corpus import check_corpus
from toolkit.align.formats import parse_ladder, parse_vecalign
from toolkit.align.store import load_alignment, save_alignment
from toolkit.cli import app

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()

RU = "Тов. Сталин, сделавшись генсеком, сосредоточил власть. Я не уверен в нём.\nВ 1922 г. это было ясно.\n"
EN = "Comrade Stalin, having become General Secretary, concentrated power. I am not sure of him.\nIn 1922 this was clear.\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    source, target = tmp_path / "a.ru.txt", tmp_path / "a.en.txt"
    source.write_text(RU, encoding="utf-8")
    target.write_text(EN, encoding="utf-8")
    return source, target


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for quote_id in (
        "lenin-letter-to-congress",
        "historian-join-the-terror",
        "stalin-1926-party-dictatorship",
    ):
        shutil.copytree(REPO / "parallel" / quote_id, root / quote_id)
        for old in (root / quote_id).glob("*.align.toml"):
            old.unlink()
    return root


def test_vecalign_is_the_default_and_covers_both_sides(files: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["align", str(files[0]), str(files[1])])
    assert result.exit_code == 0, result.output
    beads = parse_vecalign(result.stdout)
    assert [(b.source, b.target) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_ladder_tsv_and_json_formats(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.ladder"
    result = runner.invoke(app, ["align", str(files[0]), str(files[1]), "--format", "ladder", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert coverage_problems(parse_ladder(out.read_text()), 3, 3) == []
    assert out.read_text().splitlines()[-1] == "3\t3"

    tsv = runner.invoke(app, ["align", str(files[0]), str(files[1]), "--format", "tsv"])
    rows = [line.split("\t") for line in tsv.stdout.splitlines()]
    assert rows[0][0].startswith("Тов. Сталин") and rows[0][1].startswith("Comrade Stalin")
    assert all(0 <= float(row[2]) <= 1 for row in rows)

    data = json.loads(runner.invoke(app, ["align", str(files[0]), str(files[1]), "--format", "json"]).stdout)
    assert len(data["source_sentences"]) == 3 and len(data["beads"]) == 3
    assert data["aligner"].startswith("tct-align/")


def test_presplit_keeps_lines_and_warns_on_paragraphs(tmp_path: Path) -> None:
    source, target = tmp_path / "s.txt", tmp_path / "t.txt"
    paragraph = "One sentence here. Another sentence there. A third sentence too.\n"
    source.write_text(paragraph * 6, encoding="utf-8")
    target.write_text(paragraph * 6, encoding="utf-8")
    result = runner.invoke(
        app, ["align", str(source), str(target), "--src-lang", "en", "--tgt-lang", "fr", "--presplit"]
    )
    assert result.exit_code == 0
    assert len(parse_vecalign(result.stdout)) == 6
    assert "--presplit" in result.stderr and "look like paragraphs" in result.stderr


@pytest.mark.parametrize(
    "content, problem",
    [
        (None, "no such file"),
        (b"", "empty file"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"plain ascii text \xe9 with latin1 caf\xe9 na\xefve", "not valid UTF-8"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(
    files: tuple[Path, Path], tmp_path: Path, content: bytes | None, problem: str
) -> None:
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    result = runner.invoke(app, ["align", str(bad), str(files[1])])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert str(bad) in result.stderr and problem in result.stderr
    assert "Traceback" not in result.output


def test_unknown_language_and_format_are_usage_errors(files: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["align", str(files[0]), str(files[1]), "--src-lang", "russian"])
    assert result.exit_code == 2 and "--src-lang: unknown language code 'russian'" in result.stderr
    result = runner.invoke(app, ["align", str(files[0]), str(files[1]), "--format", "xml"])
    assert result.exit_code == 2 and "unknown --format" in result.stderr
    result = runner.invoke(app, ["align", "a", "b", "c"])
    assert result.exit_code == 2


def test_corpus_quote_writes_alignment_files_that_check_clean(corpus: Path) -> None:
    result = runner.invoke(app, ["align", "lenin-letter-to-congress", "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {(r["rendering"], r["action"]) for r in rows} == {("post", "written"), ("published", "written")}
    record = load_alignment(corpus / "lenin-letter-to-congress" / "post.align.toml")
    assert [(b.source, b.target) for b in record.beads] == [((0,), (0,))]
    assert record.source_sha256 and record.aligner.startswith("tct-align/")
    assert check_corpus(corpus) == []


def test_missing_original_gives_zero_one_beads(corpus: Path) -> None:
    result = runner.invoke(app, ["align", "historian-join-the-terror", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    record = load_alignment(corpus / "historian-join-the-terror" / "post.align.toml")
    assert record.source_spans == [] and record.beads
    assert all(b.source == () and len(b.target) == 1 for b in record.beads)
    assert check_corpus(corpus) == []


def test_checked_alignment_is_kept_unless_forced(corpus: Path) -> None:
    assert runner.invoke(app, ["align", "--all", "--corpus", str(corpus)]).exit_code == 0
    path = corpus / "stalin-1926-party-dictatorship" / "post.align.toml"
    record = load_alignment(path)
    record.checked, record.checked_by = True, "a reviewer"
    record.beads[0] = type(record.beads[0])(record.beads[0].source, record.beads[0].target, 0.123)
    save_alignment(path, record, force=True)

    result = runner.invoke(app, ["align", "--all", "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0
    actions = {(r["quote"], r["rendering"]): r["action"] for r in json.loads(result.stdout)}
    assert actions[("stalin-1926-party-dictatorship", "post")] == "kept-checked"
    assert load_alignment(path).beads[0].confidence == 0.123

    result = runner.invoke(
        app, ["align", "stalin-1926-party-dictatorship", "--force", "--corpus", str(corpus), "--json"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["action"] == "written"
    assert not load_alignment(path).checked


def test_checked_alignment_that_no_longer_fits_is_kept_but_reported(corpus: Path) -> None:
    assert (
        runner.invoke(app, ["align", "stalin-1926-party-dictatorship", "--corpus", str(corpus)]).exit_code
        == 0
    )
    path = corpus / "stalin-1926-party-dictatorship" / "post.align.toml"
    record = load_alignment(path)
    record.checked, record.checked_by = True, "a reviewer"
    record.beads = record.beads[:-1]  # the last sentences are no longer covered
    save_alignment(path, record, force=True)
    before = path.read_bytes()

    result = runner.invoke(
        app, ["align", "stalin-1926-party-dictatorship", "--corpus", str(corpus), "--json"]
    )
    assert result.exit_code == 1
    assert "no longer fits" in result.stderr and "post.align.toml" in result.stderr
    assert json.loads(result.stdout)[0]["problems"]
    assert path.read_bytes() == before  # still kept: a person has to look at it


def test_unknown_quote_and_rendering_are_errors(corpus: Path) -> None:
    result = runner.invoke(app, ["align", "no-such-quote", "--corpus", str(corpus)])
    assert result.exit_code == 1 and "unknown quote id" in result.stderr
    result = runner.invoke(app, ["align", "lenin-letter-to-congress", "-r", "nope", "--corpus", str(corpus)])
    assert result.exit_code == 1 and "no rendering 'nope'" in result.stderr
