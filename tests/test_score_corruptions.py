"""A small smoke run of scripts/eval_corruptions.py: AUCs come out, wrong-sentence twins are seen."""

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
