"""`--explain` on tct score and tct diff: each sentence's evidence, findings with both sides' words."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.score.explain import explain_lines
from toolkit.score.results import Flag, RenderingScore, SegmentScore

runner = CliRunner()


def _files(tmp_path: Path) -> tuple[str, str]:
    source = tmp_path / "s.ru"
    rendering = tmp_path / "s.en"
    source.write_text("Президент Путин прибыл в Москву.\n", encoding="utf-8")
    rendering.write_text("President Medvedev arrived in Moscow.\n", encoding="utf-8")
    return str(rendering), str(source)


def test_score_and_diff_explain_show_the_finding_with_both_sides(tmp_path: Path) -> None:
    rendering, source = _files(tmp_path)
    for command in ("score", "diff"):
        result = runner.invoke(app, [command, rendering, "--src", source, "--explain"])
        assert result.exit_code == 0, result.output
        assert "explain:" in result.output
        assert "name/critical «Путин» -> 'Medvedev'" in result.output
        # the pair a flag reports is a finding, not listed among the credited unverified pairs
        assert "Путин ~ Medvedev" not in result.output


def test_without_explain_no_evidence_lines(tmp_path: Path) -> None:
    rendering, source = _files(tmp_path)
    result = runner.invoke(app, ["score", rendering, "--src", source])
    assert result.exit_code == 0, result.output
    assert "explain:" not in result.output


def test_explain_lines_list_unverified_pairs_and_gloss() -> None:
    segment = SegmentScore(
        source="а также режимную зону, как не вызывающиеся необходимостью.",
        rendering="as well as the regime zone.",
        source_ids=(0,),
        rendering_ids=(0,),
        fidelity=0.83,
        flags=[
            Flag(
                "omission",
                "как не вызывающиеся необходимостью",
                "major",
                side="source",
                detail="a clause with no counterpart",
                source_span=(23, 57),
                gloss="as not evoke need",
            )
        ],  # fmt: skip
        evidence={"unverified_pairs": [["режимную", "regime"]], "uncovered_source": ["режимную"]},
    )
    lines = explain_lines([RenderingScore("post", 0.83, [segment], "sig")])
    text = "\n".join(lines)
    assert "omission/major «как не вызывающиеся необходимостью» -> (nothing)" in text
    assert "gloss: as not evoke need" in text
    assert "режимную ~ regime" in text
    assert "original words with no counterpart found" not in text  # the paired word is not listed again
