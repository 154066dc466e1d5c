"""Crash testing: a child doing real store operations on a ~1 MB file is killed, and the file
must then hold exactly the state after the last acknowledged operation (or the one in flight).

- ``test_crash_kills_short``: 25 SIGKILLs at random (seeded) moments; runs in the default command.
- ``test_crash_kills_long``: 250 SIGKILLs (``pytest -m slow``, or ``python bench/crash.py --kills 250``).
- ``test_crash_point``: the child exits (``ALS_CRASH_AT=<label>[:<n>]``, ``os._exit(137)``) exactly
  before/after each fsync, link and replace of the write path, on its first and third write.
- the checker itself is tested: it must call a cut-short file corrupt and an older state lost.
"""

from __future__ import annotations

import pytest

from als_tui import store as store_mod
from als_tui.store import CRASH_EXIT_CODE, CRASH_POINTS, Store, loads
from tests import crash_child, crash_harness


@pytest.fixture(scope="module")
def harness(tmp_path_factory) -> crash_harness.Harness:
    """One ~1 MB base file and its expected states, shared by the tests of this module."""
    return crash_harness.Harness(tmp_path_factory.mktemp("crash"), seed=0)


def _assert_clean(report: crash_harness.Report) -> None:
    print(report.table())
    assert report.base_bytes >= 1_000_000
    assert report.corrupt == 0 and report.lost == 0, report.table()
    assert report.survived == report.kills


def test_crash_kills_short(tmp_path):
    report = crash_harness.run(25, seed=7, workdir=tmp_path)
    _assert_clean(report)
    acked = sorted(o.acked for o in report.outcomes)
    assert acked[0] < len(crash_child.script(7)) // 3 < acked[-1]  # kills spread over the sequence
    assert all(o.exit_code == -9 for o in report.outcomes)  # really killed, not finished


@pytest.mark.slow
def test_crash_kills_long(tmp_path):
    report = crash_harness.run(250, seed=2026, workdir=tmp_path)
    _assert_clean(report)


# -- targeted crash points ----------------------------------------------------------------------
NEW_FROM = CRASH_POINTS.index("after-replace")  # from this point on the data file is the new one
BAK_FROM = CRASH_POINTS.index("before-replace")  # from here .bak is the file the write replaces


@pytest.mark.parametrize("nth", [1, 3])
@pytest.mark.parametrize("label", CRASH_POINTS)
def test_crash_point(harness, label, nth):
    db = harness.fresh_copy(f"point-{label}-{nth}")
    acked, code, err = harness.run_until_exit(db, {store_mod.CRASH_ENV: f"{label}:{nth}"})
    assert code == CRASH_EXIT_CODE, err
    assert acked == nth - 1  # every operation is one write: the nth write was in flight
    after = CRASH_POINTS.index(label) >= NEW_FROM
    expected = nth if after else nth - 1

    bak = db.with_name(db.name + ".bak")
    if CRASH_POINTS.index(label) >= BAK_FROM:
        bak_state = nth - 1
    else:
        bak_state = nth - 2 if nth >= 2 else None  # the first write has not made a .bak yet
    if bak_state is None:
        assert not bak.exists()
    else:
        assert crash_child.canonical(loads(bak.read_bytes())) == harness.states[bak_state]

    with Store(db) as s:  # parses, the dead writer's lock does not block, temp files are cleared
        assert crash_child.canonical(s.storage.read()) == harness.states[expected]
    assert not [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    outcome = harness.check(db, acked)
    assert outcome.verdict == "ok" and outcome.matched == ("in-flight" if after else "acked")


def test_crash_env_is_checked():
    assert store_mod.crash_hook_from_env("") is None
    assert callable(store_mod.crash_hook_from_env("after-link:2"))
    with pytest.raises(ValueError, match="must be one of"):
        store_mod.crash_hook_from_env("somewhere")


# -- the checker can fail --------------------------------------------------------------------------
def test_checker_reports_corrupt_and_lost(harness):
    db = harness.fresh_copy("checker")
    db.write_bytes(harness.base_bytes[: len(harness.base_bytes) // 2])  # a torn write
    assert harness.check(db, 3).verdict == "corrupt"
    db.write_bytes(harness.base_bytes)  # state 0 while 3 operations were acknowledged
    outcome = harness.check(db, 3)
    assert (outcome.verdict, outcome.matched) == ("lost", "state 0")
    assert harness.check(db, 0).verdict == "ok"
