"""Shared fixtures: a private temp data file, a fake clock, and deterministic apps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from als_tui.store import DurableStorage

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# Every write that reuses meetings serialised earlier is checked against serialising them all:
# a meeting changed without the store naming it fails the test that did it.
DurableStorage.verify_parts = True


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "als.json"


@pytest.fixture(autouse=True)
def _no_user_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never touch the real user data dir."""
    monkeypatch.setenv("ALS_DB", str(tmp_path / "default" / "als.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))

