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


# The longest tests (whole meetings by keys, crash kills, the benchmark smoke run) start first,
# so that on two cores the run does not end with one worker busy and the other idle.
_LONG_FIRST = (
    "test_full_meeting.py", "test_faults.py::test_abrupt_end", "test_bench_smoke.py",
    "test_crash.py::test_crash_kills", "test_formats.py::test_whole_meeting",
    "test_formats.py::test_newcomer", "test_confidentiality.py::test_whole_meeting",
    "test_prep.py::test_prep_from_home",
)


def pytest_collection_modifyitems(session, config, items):
    def long_first(item) -> int:
        return 0 if any(key in item.nodeid for key in _LONG_FIRST) else 1

    items.sort(key=long_first)  # stable: the rest keep their order
