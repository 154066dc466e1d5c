"""StageClock and format_seconds, driven by FakeClock only (no sleeping)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from als_tui.clock import FakeClock, StageClock, format_seconds


@pytest.fixture
def clk() -> FakeClock:
    return FakeClock(1000.0)


def test_fake_clock():
    c = FakeClock()
    assert c() == 0.0
    assert c.advance(2.5) == 2.5
    assert c() == 2.5
    with pytest.raises(ValueError):
        c.advance(-1)


def test_ready_clock(clk):
    sc = StageClock(300, clk)
    assert sc.state == "ready"
    assert not sc.started and not sc.running and not sc.paused
    clk.advance(50)
    assert sc.elapsed == 0
    assert sc.remaining == 300
    assert sc.fraction == 0
    assert sc.display() == "05:00"


def test_thirty_minute_stage_uneven_steps_pauses_and_busy_gaps(clk):
    """Elapsed is read from the clock: gaps between 'ticks' and pauses never cause drift."""
    sc = StageClock(30 * 60, clk)
    sc.start()
    expected = 0.0
    # (advance, running?) — uneven ticks, long "busy UI" gaps with no reads, and pauses.
    script = [
        (0.25, True), (0.75, True), (1.5, True), (123.125, True),  # busy gap
        (0.5, True), (60.0, False), (0.25, False),  # paused spans
        (0.5, True), (600.0, True), (3.375, True), (90.0, False),
        (0.125, True), (400.0, True), (0.5, True),
    ]
    running = True
    for step, should_run in script:
        if should_run and not running:
            sc.resume()
        elif not should_run and running:
            sc.pause()
        running = should_run
        clk.advance(step)
        if running:
            expected += step
        assert sc.elapsed == expected  # exact: no drift, ever
        assert sc.remaining == 1800 - expected
    # Finish the stage exactly, then run over by 7.25 s
    sc.resume()
    clk.advance(1800 - expected)
    assert sc.elapsed == 1800
    assert sc.remaining == 0
    assert sc.state == "overrun"
    assert sc.display() == "00:00"
    clk.advance(7.25)
    assert sc.overrun == 7.25
    assert sc.display() == "+00:08"


def test_many_small_ticks_do_not_drift(clk):
    """Sixty ticks a second for 30 minutes: elapsed equals the wall span to float precision."""
    sc = StageClock(1800, clk)
    start = clk()
    sc.start()
    for _ in range(30 * 60 * 60):
        clk.t += 1 / 60
        sc.remaining  # a UI refresh reads, never writes
    assert sc.elapsed == pytest.approx(clk() - start, abs=1e-9)
    assert abs(sc.remaining) < 1e-6


def test_pause_resume_toggle(clk):
    sc = StageClock(120, clk)
    sc.toggle()
    assert sc.state == "running" and sc.started
    clk.advance(10)
    sc.toggle()
    assert sc.state == "paused" and sc.paused and not sc.running
    clk.advance(100)
    assert sc.elapsed == 10
    sc.pause()  # idempotent
    sc.toggle()
    assert sc.running
    sc.resume()  # idempotent: does not restart the segment
    clk.advance(5)
    assert sc.elapsed == 15
    sc.start()  # on a started clock: no restart
    assert sc.elapsed == 15


def test_states_warning_and_overrun(clk):
    sc = StageClock(180, clk, warn_at=60)
    sc.start()
    clk.advance(119.5)
    assert sc.state == "running"
    clk.advance(0.5)  # exactly 60 left
    assert sc.state == "warning"
    clk.advance(59.75)
    assert sc.state == "warning"
    assert sc.display() == "00:01"  # 0.25 s left rounds up
    clk.advance(0.25)
    assert sc.state == "overrun" and sc.overrun == 0
    clk.advance(61)
    assert sc.overrun == 61
    assert sc.display() == "+01:01"
    assert sc.fraction == 1.0
    sc.pause()
    assert sc.state == "paused"


def test_extend(clk):
    sc = StageClock(60, clk, warn_at=30)
    sc.start()
    clk.advance(70)
    assert sc.state == "overrun"
    sc.extend(120)
    assert sc.planned == 180 and sc.extended == 120
    assert sc.remaining == 110
    assert sc.state == "running"
    sc.extend(-1000)  # the plan never goes below zero
    assert sc.planned == 0
    assert sc.overrun == 70


def test_reset(clk):
    sc = StageClock(60, clk)
    sc.start()
    clk.advance(10)
    sc.extend(30)
    sc.reset()
    assert sc.state == "ready" and sc.elapsed == 0 and sc.planned == 60
    sc.reset(planned=90)
    assert sc.planned == 90


def test_fraction(clk):
    sc = StageClock(200, clk)
    sc.start()
    clk.advance(50)
    assert sc.fraction == 0.25
    zero = StageClock(0, clk)
    assert zero.fraction == 0.0
    zero.start()
    assert zero.fraction == 1.0 and zero.state == "overrun"


@pytest.mark.parametrize(
    ("seconds", "signed", "text"),
    [
        (0, False, "00:00"),
        (0.2, False, "00:01"),
        (1, False, "00:01"),
        (59.0000000001, False, "00:59"),  # float noise does not add a second
        (59.2, False, "01:00"),
        (600, False, "10:00"),
        (3599, False, "59:59"),
        (3599.5, False, "1:00:00"),
        (3600, False, "1:00:00"),
        (3 * 3600 + 5 * 60 + 7, False, "3:05:07"),
        (61, True, "+01:01"),
        (0, True, "00:00"),
        (-61, False, "-01:01"),
        (-61, True, "-01:01"),
    ],
)
def test_format_seconds(seconds, signed, text):
    assert format_seconds(seconds, signed=signed) == text


def test_display_hours_and_overrun_hours(clk):
    sc = StageClock(2 * 3600, clk)
    assert sc.display() == "2:00:00"
    sc.start()
    clk.advance(3 * 3600 + 0.5)
    assert sc.display() == "+1:00:01"


def test_snapshot_restore_round_trip_running_comes_back_paused(clk):
    sc = StageClock(600, clk, warn_at=45)
    sc.start()
    clk.advance(100)
    sc.extend(60)
    snap = json.loads(json.dumps(sc.snapshot()))  # plain JSON
    assert snap["elapsed"] == 100 and snap["running"] is True and snap["started"] is True
    clk.advance(5000)  # the app was down for a while: not counted
    back = StageClock.restore(snap, clk)
    assert back.state == "paused"
    assert back.elapsed == 100
    assert back.planned == 660 and back.extended == 60
    assert back.warn_at == 45
    clk.advance(30)
    assert back.elapsed == 100
    back.resume()
    clk.advance(30)
    assert back.elapsed == 130
    assert back.remaining == 530


def test_snapshot_restore_ready_and_paused(clk):
    ready = StageClock.restore(StageClock(90, clk).snapshot(), clk)
    assert ready.state == "ready" and ready.planned == 90
    sc = StageClock(90, clk)
    sc.start()
    clk.advance(20)
    sc.pause()
    back = StageClock.restore(sc.snapshot(), clk)
    assert back.state == "paused" and back.elapsed == 20
    assert back.snapshot() == sc.snapshot()


def test_poll_events_once_per_edge(clk):
    sc = StageClock(120, clk, warn_at=60)
    assert sc.poll_events() == []
    sc.start()
    assert sc.poll_events() == []
    clk.advance(59)
    assert sc.poll_events() == []
    clk.advance(1)  # exactly 60 left
    assert sc.poll_events() == ["warning"]
    assert sc.poll_events() == []
    clk.advance(30)
    assert sc.poll_events() == []
    clk.advance(30)
    assert sc.poll_events() == ["zero"]
    clk.advance(100)
    assert sc.poll_events() == []
    # extending re-arms both edges
    sc.extend(200)  # remaining 120
    assert sc.poll_events() == []
    clk.advance(61)
    assert sc.poll_events() == ["warning"]
    clk.advance(60)
    assert sc.poll_events() == ["zero"]


def test_poll_events_jump_reports_only_zero(clk):
    sc = StageClock(120, clk, warn_at=60)
    sc.start()
    clk.advance(500)  # a long busy gap: one bell, not two
    assert sc.poll_events() == ["zero"]
    assert sc.poll_events() == []


def test_poll_events_extend_before_poll_still_rearms(clk):
    sc = StageClock(60, clk, warn_at=30)
    sc.start()
    clk.advance(61)
    assert sc.poll_events() == ["zero"]
    sc.extend(120)  # remaining 119
    clk.advance(100)  # remaining 19: into warning without a poll in between
    assert sc.poll_events() == ["warning"]


def test_short_stage_does_not_warn_on_start(clk):
    sc = StageClock(30, clk, warn_at=60)
    sc.start()
    assert sc.state == "running"  # not "one minute left" from its first second
    assert sc.poll_events() == []
    clk.advance(30)
    assert sc.poll_events() == ["zero"]


def test_restore_does_not_ring_again(clk):
    sc = StageClock(100, clk, warn_at=60)
    sc.start()
    clk.advance(50)
    assert sc.poll_events() == ["warning"]
    back = StageClock.restore(sc.snapshot(), clk)
    assert back.poll_events() == []
    back.resume()
    clk.advance(50)
    assert back.poll_events() == ["zero"]


def test_restore_reports_an_unpolled_edge(clk):
    sc = StageClock(100, clk, warn_at=60)
    sc.start()
    clk.advance(50)  # crossed into warning, not yet polled
    back = StageClock.restore(sc.snapshot(), clk)
    assert back.poll_events() == ["warning"]


def test_core_modules_do_not_import_textual():
    code = "import sys, als_tui.clock, als_tui.flow; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=str(Path(__file__).resolve().parent.parent),
    )
    assert out.stdout.strip() == "False"


def test_a_stage_of_one_minute_warns_once_it_is_extended_past_a_minute(clk):
    sc = StageClock(60, clk, warn_at=60)
    sc.start()
    clk.advance(20)
    assert sc.state == "running" and sc.poll_events() == []
    sc.extend(120)  # 2 min 40 s left: the warning comes at one minute left again
    assert sc.state == "running"
    clk.advance(105)
    assert sc.state == "warning" and sc.poll_events() == ["warning"]


def test_a_stage_of_a_minute_or_less_is_warned_at_half_time(clk):
    sc = StageClock(60, clk, warn_at=60)
    assert sc.warn_within == 30
    sc.start()
    clk.advance(29)
    assert sc.state == "running" and sc.poll_events() == []
    clk.advance(1)
    assert sc.state == "warning" and sc.poll_events() == ["warning"]
    clk.advance(30)
    assert sc.poll_events() == ["zero"]
    assert StageClock(45, clk).warn_within == 22 and StageClock(90, clk).warn_within == 60
    assert StageClock(0, clk).warn_within == 0 and StageClock(1, clk).warn_within == 0


def test_time_left_words():
    from als_tui.clock import time_left_words

    assert time_left_words(60) == "One minute left"
    assert time_left_words(120) == "2 minutes left"
    assert time_left_words(30) == "30 seconds left"
    assert time_left_words(1) == "One second left"
    assert time_left_words(90) == "01:30 left"
