"""`tct score`: JSON shapes of the corpus and line-aligned forms, exit codes for user mistakes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from toolkit.cli import app

runner = CliRunner()


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_quote_json_shape(corpus_copy: Path):
    result = runner.invoke(app, ["score", "lenin-letter-to-congress", "--json", "--corpus", str(corpus_copy)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "lenin-letter-to-congress"
    assert [r["name"] for r in data["renderings"]] == ["post", "published"]
    for rendering in data["renderings"]:
        assert {"name", "fidelity", "signature", "segments"} <= set(rendering)
        assert rendering["signature"].startswith("fidelity|")
        for segment in rendering["segments"]:
            assert {"source", "rendering", "fidelity", "flags"} <= set(segment)
            for flag in segment["flags"]:
                assert {"type", "text", "severity"} <= set(flag)
    post = data["renderings"][0]
    assert any(f["type"] == "truncation" for s in post["segments"] for f in s["flags"])


def test_quote_rendering_option_and_unknown_names(corpus_copy: Path):
    one = runner.invoke(
        app, ["score", "lenin-letter-to-congress", "-r", "published", "--json", "--corpus", str(corpus_copy)]
    )
    assert one.exit_code == 0
    assert [r["name"] for r in json.loads(one.stdout)["renderings"]] == ["published"]
    bad = runner.invoke(
        app, ["score", "lenin-letter-to-congress", "-r", "nope", "--corpus", str(corpus_copy)]
    )
    assert bad.exit_code == 1 and "nope" in bad.output and "Traceback" not in bad.output
    unknown = runner.invoke(app, ["score", "no-such-quote", "--corpus", str(corpus_copy)])
    assert unknown.exit_code == 1 and "no-such-quote" in unknown.output


def test_missing_original_quote_is_null_fidelity(corpus_copy: Path):
    result = runner.invoke(app, ["score", "artem-telegram-6953", "--json", "--corpus", str(corpus_copy)])
    assert result.exit_code == 0
    rendering = json.loads(result.stdout)["renderings"][0]
    assert rendering["fidelity"] is None
    assert all(s["fidelity"] is None for s in rendering["segments"])
    assert {f["type"] for s in rendering["segments"] for f in s["flags"]} == {"no_original"}


def test_terminal_table_renders(corpus_copy: Path):
    result = runner.invoke(app, ["score", "beria-passport-memo", "--corpus", str(corpus_copy)])
    assert result.exit_code == 0
    # text with no known original is one row, "not checkable", never a no_original flag (issue 17)
    assert "not checkable: original not found" in result.output and "fidelity" in result.output


def test_segments_json_lines(tmp_path: Path):
    src = write(tmp_path / "src.ru", ["Он не пришёл на собрание.", "В 1918 году всё изменилось."])
    hyp = write(tmp_path / "hyp.en", ["He came to the meeting.", "In 1918 everything changed."])
    ref = write(tmp_path / "ref.en", ["He did not come to the meeting.", "Everything changed in 1918."])
    result = runner.invoke(
        app, ["score", "--src", str(src), "--hyp", str(hyp), "--ref", str(ref), "--segments", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    assert all({"fidelity", "flags", "bleu", "chrf", "ter"} <= set(row) for row in rows)
    assert any(f["type"] == "negation" for f in rows[0]["flags"])
    assert rows[1]["fidelity"] > rows[0]["fidelity"]


def test_corpus_level_scores_carry_signatures(tmp_path: Path):
    src = write(tmp_path / "src.ru", ["Он пришёл.", "Она ушла домой."])
    hyp = write(tmp_path / "hyp.en", ["He came.", "She went home."])
    ref = write(tmp_path / "ref.en", ["He arrived.", "She went home."])
    result = runner.invoke(app, ["score", "--src", str(src), "--hyp", str(hyp), "--ref", str(ref), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    names = [s["name"] for s in data["systems"][0]["scores"]]
    assert names == ["fidelity", "bleu", "chrf", "chrf++", "ter"]
    assert all(s["signature"] for s in data["systems"][0]["scores"])


def test_mismatched_line_counts_exit_1(tmp_path: Path):
    src = write(tmp_path / "src.ru", ["Он пришёл.", "Она ушла."])
    short = write(tmp_path / "short.en", ["He came."])
    for extra in (["--segments", "--json"], []):
        result = runner.invoke(app, ["score", "--src", str(src), "--hyp", str(short), *extra])
        assert result.exit_code == 1, result.output
        assert "short.en" in result.output and "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path: Path):
    assert runner.invoke(app, ["score"]).exit_code == 2
    src = write(tmp_path / "src.ru", ["Он пришёл."])
    assert runner.invoke(app, ["score", "some-id", "--src", str(src), "--hyp", str(src)]).exit_code == 2
