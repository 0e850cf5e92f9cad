"""Small smoke runs of scripts/eval_corruptions.py (AUCs come out, wrong-sentence twins are seen) and
scripts/bench_score.py (it runs and reports every system; no time is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from paths import REPO, SHARED

DATA = SHARED / "data" / "wmt21-ru-en"
pytestmark = pytest.mark.skipif(not (DATA / "src.ru").exists(), reason="needs ../shared/data/wmt21-ru-en")


def test_eval_corruptions_smoke() -> None:
    script = REPO / "scripts" / "eval_corruptions.py"
    done = subprocess.run(
        [sys.executable, str(script), "--limit", "120", "--ceiling", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    rows = report["corruptions"]
    assert set(rows) == {"wrong", "drop", "add"}
    assert rows["wrong"]["fidelity_auc"] > 0.95  # a translation of another sentence is easy to see
    for row in rows.values():
        assert 0.0 <= row["chrf_ref_b_auc"] <= 1.0
        assert 0.5 <= row["components_cv_auc"] <= 1.0
        assert row["negatives"] > 100


def test_bench_score_smoke() -> None:
    script = REPO / "scripts" / "bench_score.py"
    done = subprocess.run(
        [sys.executable, str(script), "--limit", "30", "--systems", "3"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert sum("(cold)" in line for line in lines) == 1
    assert sum("(warm)" in line for line in lines) == 2
    assert any(line.startswith("whole run from cold, 90 segments") for line in lines)
