"""Shared fixtures: a private temp data file, a fake clock, and deterministic apps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from als_tui.store import DurableStorage
from als_tui.store.docindex import DocIndex

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# CI runs the fuzz tests on a fixed set of examples, so a red CI is the same red when run again;
# a developer's run draws new ones (and keeps the failures it finds in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
# Every write that reuses meetings serialised earlier is checked against serialising them all:
# a meeting changed without the store naming it fails the test that did it.
DurableStorage.verify_parts = True
# Every answer of the store's index (a document by its id, a member's actions) is checked against a
# scan of the table: a write that left it out of step fails the test that made it.
DocIndex.verify = True


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "als.json"


@pytest.fixture(autouse=True)
def _no_user_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never touch the real user data dir."""
    monkeypatch.setenv("ALS_DB", str(tmp_path / "default" / "als.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))



# -- how the suite is spread over processes (`make test` is `pytest -n auto`) -----------------------
# A Pilot test spends about half its time waiting for the app to go idle (Textual's pilot sleeps in
# 20 ms steps after every key), so one worker per core leaves the cores half idle: `-n auto` starts
# two per core. PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set.
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # (xdist's own hook reads it)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 * cores


# The longest tests (whole meetings walked by keys, many processes killed or started) run first, so
# that no worker starts one when the others are finishing; with `--maxschedchunk=2` (pyproject) each
# worker is handed two tests at a time, so the long ones are spread over the workers.
LONG_FIRST = (
    "tests/test_room_speed.py::test_no_meeting_step_converts_more_of_a_long_history",
    "tests/test_full_meeting.py::test_two_meetings_in_a_row",
    "tests/test_faults.py::test_abrupt_end_at_every_phase_resumes_there",
    "tests/test_crash.py::test_crash_kills_short",
    "tests/test_bench_smoke.py::test_bench_quick_reports_every_figure",
    "tests/test_coach.py::test_no_development_question_is_in_the_training_corpus",
    "tests/test_confidentiality.py::test_whole_meeting_makes_no_network_calls_and_writes_only_private_files",
    "tests/test_formats.py::test_whole_meeting_in_each_format",
    "tests/test_formats.py::test_newcomer_creates_a_troika_set_and_runs_a_meeting",
    "tests/test_checkin_bids_selection.py::test_twelve_members_scroll_at_80x24",
    "tests/test_room_typing.py::test_the_scribe_names_who_asked_with_the_arrow_keys_and_the_name_is_kept",
    "tests/test_gym.py::test_buttons_work_with_the_mouse_and_another_round_starts",
    "tests/test_prep.py::test_prep_from_home_saves_the_draft_which_fills_in_the_next_bid",
    "tests/test_bench_smoke.py::test_side_by_side_runs_both_checkouts",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.nodeid.split("[", 1)[0]
        return LONG_FIRST.index(name) if name in LONG_FIRST else len(LONG_FIRST)

    items.sort(key=rank)  # (stable: the rest keep their order)
