"""Shared fixtures: a throw-away copy of the seed corpus, and the path to ../shared."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from paths import SEED_CORPUS, SHARED


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    target = tmp_path / "parallel"
    shutil.copytree(SEED_CORPUS, target)
    return target


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(autouse=True)
def _user_corpus(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes to the real user corpus (`tct corpus add` without --corpus goes there)."""
    monkeypatch.setenv("TCT_CORPUS", str(tmp_path_factory.mktemp("user") / "corpus"))
