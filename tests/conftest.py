"""Shared fixtures: a private temp data file, a fake clock, and deterministic apps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "als.json"


@pytest.fixture(autouse=True)
def _no_user_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never touch the real user data dir."""
    monkeypatch.setenv("ALS_DB", str(tmp_path / "default" / "als.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))

