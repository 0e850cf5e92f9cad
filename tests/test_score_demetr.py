"""A small smoke run of scripts/eval_demetr.py: fidelity notices critical perturbations (loose threshold)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from paths import REPO

sys.path.insert(0, str(REPO / "scripts"))

import eval_demetr  # noqa: E402

TYPES = (
    "critical_id8_negation",
    "critical_id10_numbers_replaced",
    "critical_id9_ne_replaced",
    "critical_id4_codemix",
)


def test_demetr_smoke(shared: Path):
    path = shared / "data" / "demetr-ru-dev" / "demetr-ru-dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    picked = []
    for name in TYPES:
        picked += [r for r in rows if r["pert_name"] == name and r["pert_sent"] != r["mt_sent"]][:6]
    result = eval_demetr.evaluate(picked)
    assert set(result["per_type"]) == set(TYPES)
    for row in result["per_type"].values():
        assert row["fidelity"] >= 0.66
    assert result["summary"]["critical"]["fidelity"] >= 0.8
