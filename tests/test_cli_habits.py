"""The shell habits of issue 13: pipes, '-', languages, encodings, one-line usage errors, quiet output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import SEED_CORPUS
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.errors import TctError, UsageError
from toolkit.language import check_language, guess_language
from toolkit.score import score_pair
from toolkit.score.files import score_files, score_lines
from toolkit.score.paragraph import score_text, score_text_weighted

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
LENIN = SEED_CORPUS / "lenin-letter-to-congress"
RU = ["Он не пришёл на собрание.", "В 1918 году всё изменилось."]
EN = ["He did not come to the meeting.", "In 1918 everything changed."]


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "src": write(tmp_path / "src.ru", RU),
        "hyp": write(tmp_path / "hyp.en", EN),
        "ref": write(tmp_path / "ref.en", ["He did not come to the meeting.", "Everything changed in 1918."]),
    }


def tct(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The real command line in a child process (no terminal: stdout is a pipe)."""
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=ROOT, input=stdin, capture_output=True, timeout=300
    )


# --- pipes ---------------------------------------------------------------------------------------


def test_piped_tables_are_tab_separated_and_never_cut(corpus_copy: Path) -> None:
    result = runner.invoke(app, ["score", "--all", "--corpus", str(corpus_copy), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:2] == ["# quote", "rendering"]
    assert not any(c in result.stdout for c in "┃│━…")
    ids = {line.split("\t")[0] for line in lines[1:]}
    assert {p.name for p in corpus_copy.iterdir() if p.is_dir()} <= ids  # every id whole
    assert "signature" not in result.stdout  # --quiet


def test_format_table_keeps_boxes_and_json_keeps_signatures(corpus_copy: Path) -> None:
    boxed = runner.invoke(
        app, ["score", "lenin-letter-to-congress", "--corpus", str(corpus_copy), "--format", "table"]
    )
    assert boxed.exit_code == 0 and "┃" in boxed.stdout
    data = json.loads(
        runner.invoke(
            app, ["score", "lenin-letter-to-congress", "--corpus", str(corpus_copy), "--json", "--quiet"]
        ).stdout
    )
    assert data["renderings"][0]["signature"].startswith("fidelity|")
    assert [s["segment"] for s in data["renderings"][0]["segments"]] == list(
        range(1, len(data["renderings"][0]["segments"]) + 1)
    )
    clash = runner.invoke(app, ["score", "--all", "--json", "--format", "tsv"])
    assert clash.exit_code == 2


def test_segments_carry_numbers_across_chunks(files: dict[str, Path]) -> None:
    args = [
        "score",
        "--src",
        str(files["src"]),
        "--hyp",
        str(files["hyp"]),
        "--segments",
        "--chunk-size",
        "1",
    ]
    rows = [json.loads(line) for line in runner.invoke(app, [*args, "--json"]).stdout.splitlines()]
    assert [r["segment"] for r in rows] == [1, 2]
    assert all(r["source_sentences"] == r["rendering_sentences"] == 1 for r in rows)
    plain = runner.invoke(app, args).stdout.splitlines()
    assert [line.split("\t")[0] for line in plain] == ["1", "2"]


# --- standard input and output -----------------------------------------------------------------


def test_dash_is_standard_input_everywhere(files: dict[str, Path], tmp_path: Path) -> None:
    text = files["hyp"].read_bytes()
    aligned = runner.invoke(app, ["align", str(files["src"]), "-", "-f", "tsv"], input=text)
    assert aligned.exit_code == 0 and "meeting" in aligned.stdout
    scored = runner.invoke(app, ["score", "--src", str(files["src"]), "--hyp", "-", "--json"], input=text)
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["systems"][0]["hyp"] == "<stdin>"
    diffed = runner.invoke(app, ["diff", "-", "--src", str(files["src"]), "--json"], input=text)
    assert diffed.exit_code == 0, diffed.output
    assert json.loads(diffed.stdout)["renderings"][0]["name"] == "<stdin>"
    twice = runner.invoke(app, ["align", "-", "-"], input=text)
    assert twice.exit_code == 2 and "standard input" in twice.output


def test_dash_output_is_standard_output(files: dict[str, Path], tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["align", str(files["src"]), str(files["hyp"]), "-o", "-"])
    assert result.exit_code == 0 and "[0]:[0]" in result.stdout
    segments = runner.invoke(
        app, ["score", "--src", str(files["src"]), "--hyp", str(files["hyp"]), "--segments", "-o", "-"]
    )
    assert segments.exit_code == 0 and segments.stdout.startswith("1\t")
    assert not (tmp_path / "-").exists()


# --- two files in, the answer out --------------------------------------------------------------


def test_rendering_against_original_from_files() -> None:
    for args in (
        ["diff", str(LENIN / "post.en.txt"), "--src", str(LENIN / "original.ru.txt"), "--json"],
        ["diff", str(LENIN / "original.ru.txt"), str(LENIN / "post.en.txt"), "--json"],  # either order
        ["score", str(LENIN / "post.en.txt"), "--src", str(LENIN / "original.ru.txt"), "--json"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        rendering = json.loads(result.stdout)["renderings"][0]
        key = "findings" if args[0] == "diff" else "flags"  # diff shows the view model's findings
        flags = [f["type"] for s in rendering["segments"] for f in s[key]]
        assert "truncation" in flags, args  # the post's quote stops where the original goes on
    swapped = runner.invoke(app, ["diff", str(LENIN / "original.ru.txt"), str(LENIN / "post.en.txt")])
    assert "shown as the original" in swapped.output


# --- languages -------------------------------------------------------------------------------------


def test_language_guess() -> None:
    assert guess_language((LENIN / "original.ru.txt").read_text(encoding="utf-8")).lang == "ru"
    assert guess_language((LENIN / "published.en.txt").read_text(encoding="utf-8")).lang == "en"
    assert guess_language("Він прийшов до хати і сказав, що все буде добре.").lang == "uk"
    assert guess_language("1918").script == "unknown"  # too short to judge: never refused
    with pytest.raises(TctError, match="x.txt: expected Russian"):
        check_language("x.txt", "He did not come to the meeting at all.", "ru")
    check_language("x.txt", "He did not come to the meeting at all.", "ru", force=True)


def test_swapped_languages_are_refused_in_one_line(files: dict[str, Path]) -> None:
    for args in (
        ["align", str(files["hyp"]), str(files["src"])],
        ["score", "--src", str(files["hyp"]), "--hyp", str(files["hyp"])],
        ["score", "--src", str(files["hyp"]), "--hyp", str(files["hyp"]), "--segments"],
        ["diff", str(files["src"]), "--src", str(files["hyp"])],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert "hyp.en: expected Russian (ru) but the text is English" in result.output
    forced = runner.invoke(app, ["align", str(files["hyp"]), str(files["src"]), "--force-lang"])
    assert forced.exit_code == 0


def test_score_pair_refuses_other_language_pairs() -> None:
    with pytest.raises(UsageError, match="Russian -> English"):
        score_pair("Er kam nicht.", "He did not come.", source_lang="de")
    with pytest.raises(UsageError):
        list(score_lines(["Er kam nicht."], ["He did not come."], source_lang="de"))


# --- encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-16"])
def test_score_reads_the_encodings_align_reads(tmp_path: Path, files: dict[str, Path], encoding: str) -> None:
    src = write(tmp_path / f"src.{encoding}.ru", RU * 6, encoding)  # enough Russian text to tell the encoding
    hyp = write(tmp_path / "hyp6.en", EN * 6)
    whole = runner.invoke(app, ["score", "--src", str(src), "--hyp", str(hyp), "--json"])
    assert whole.exit_code == 0, whole.output
    assert "converted" in whole.output  # the notice on standard error
    rows = runner.invoke(app, ["score", "--src", str(src), "--hyp", str(hyp), "--segments", "--json"])
    assert rows.exit_code == 0, rows.output
    first = json.loads(rows.stdout.splitlines()[0])
    assert first["fidelity"] > 0.5 and first["segment"] == 1


# --- usage errors and help -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["score", "--bogus"], ["score", "--jobs", "x"], ["nosuch"], ["diff", "--renderings", "a"]],
)
def test_usage_errors_are_one_line(args: list[str]) -> None:
    result = tct(*args)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tct: "), result.stderr
    assert "╭" not in lines[0] and "Usage:" not in lines[0]


def test_help_has_plain_metavars() -> None:
    for command in ("align", "score", "diff", "lexicon", "report", "corpus", "export"):
        text = runner.invoke(app, [command, "--help"]).stdout
        assert "<bool>" not in text and "<list[" not in text and "<str>" not in text, command
        assert "╭" not in text


def test_no_raw_none_in_plain_output(tmp_path: Path) -> None:
    src = write(tmp_path / "one.ru", ["Он пришёл домой поздно вечером."])
    a = write(tmp_path / "a.en", ["He came home late in the evening."])
    b = write(tmp_path / "short.en.txt", ["He came home."])
    ref = write(tmp_path / "ref.en", ["He came home late in the evening."])
    result = runner.invoke(
        app, ["score", "--src", str(src), "--hyp", str(a), "--hyp", str(b), "--ref", str(ref)]
    )
    assert result.exit_code == 0, result.output
    assert "None" not in result.stdout and "n/a" in result.stdout


def test_sacrebleu_habits(files: dict[str, Path]) -> None:
    base = ["score", "--src", str(files["src"]), "--hyp", str(files["hyp"]), "--ref", str(files["ref"])]
    only = runner.invoke(app, [*base, "-m", "chrf", "-b"])
    assert only.exit_code == 0, only.output
    assert len(only.stdout.split()) == 1 and float(only.stdout) > 50
    wide = runner.invoke(app, [*base, "-m", "bleu,fidelity", "-b", "-w", "4"])
    assert all(len(value.split(".")[1]) == 4 for value in wide.stdout.split())
    data = json.loads(runner.invoke(app, [*base, "--confidence", "--json"]).stdout)
    for item in data["systems"][0]["scores"]:
        assert item["confidence"], item["name"]


# --- paragraphs and the library -------------------------------------------------------------------


def test_paragraph_is_aligned_not_a_blob() -> None:
    source, rendering = " ".join(RU), " ".join(EN)
    whole = score_text_weighted(source, rendering, with_evidence=True)
    assert (whole.source_sentences, whole.rendering_sentences) == (2, 2)
    assert len(whole.score.evidence["beads"]) == 2
    parts = [score_text_weighted(s, r) for s, r in zip(RU, EN, strict=True)]
    expected = sum(p.score.fidelity * p.mass for p in parts) / sum(p.mass for p in parts)
    assert whole.score.fidelity == pytest.approx(expected, abs=1e-3)
    single = score_text(RU[0], EN[0], with_evidence=False)
    assert single == score_pair(RU[0], EN[0], with_evidence=False)
    row = next(score_lines([source], [rendering]))
    assert (row["source_sentences"], row["rendering_sentences"], row["segment"]) == (2, 2, 1)


def test_score_files_library(files: dict[str, Path]) -> None:
    result = score_files(files["src"], [files["hyp"]], [files["ref"]], metrics=["fidelity", "chrf"])
    names = [item["name"] for item in result.systems[0]["scores"]]
    assert names == ["fidelity", "chrf"]
    with pytest.raises(TctError, match="line-aligned"):
        score_files(files["src"], [write(files["hyp"].with_name("short.en"), EN[:1])])


def test_help_imports_no_heavy_module() -> None:
    code = (
        "import sys, toolkit.cli; heavy = {'numpy', 'scipy', 'translate', 'pymorphy3', 'sentencepiece', "
        "'dask', 'distributed', 'lemminflect', 'lxml'} & {m.split('.')[0] for m in sys.modules}; print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_output_file_gets_the_table_and_stdout_stays_empty(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "scores.tsv"
    args = ["score", "--src", str(files["src"]), "--hyp", str(files["hyp"]), "-o", str(out), "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").splitlines()[1].split("\t")[2] == "fidelity"


def test_piped_findings_are_never_cut() -> None:
    """In a pipe the finding lines carry the whole dropped clause, not a terminal-width excerpt."""
    result = runner.invoke(app, ["score", "lenin-letter-to-congress", "--rendering", "post", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "сумеет ли он всегда достаточно осторожно пользоваться этой властью" in result.stdout
    assert "власт…" not in result.stdout
