"""Set insight: the numbers on a small history worked out by hand."""

import subprocess
import sys

import pytest

from als_tui.insight import (
    CHECKIN_ID,
    attendance,
    bar,
    completion_by_meeting,
    completion_by_member,
    completion_total,
    longest_waiting,
    past_meetings,
    percent,
    presenting,
    review_changes,
    stage_times,
)
from als_tui.model import (
    ABANDONED,
    APOLOGIES,
    FINISHED,
    IN_PROGRESS,
    PRESENT,
    Action,
    CheckIn,
    IssueSession,
    Meeting,
    ProcessReview,
    StageRun,
)

MEMBERS = ["Asha", "Ben", "Carys"]


def meeting(mid, date, present, apologies=(), presenters=(), status=FINISHED, change="", checkins=()):
    m = Meeting(set_id="s", date=date, id=mid, status=status)
    m.attendance = {**{n: PRESENT for n in present}, **{n: APOLOGIES for n in apologies}}
    m.sessions = [
        IssueSession(p, stages=[StageRun("clarify", "Clarifying", 600, actual_seconds=720),
                                StageRun("reflect", "Reflective", 600, actual_seconds=0, skipped=True)])
        for p in presenters
    ]
    m.review = ProcessReview(change_next_time=change)
    m.checkins = [CheckIn(n, seconds=s) for n, s in checkins]
    return m


def action(owner, mid, status="open", aid=None):
    return Action(set_id="s", owner=owner, text="x", meeting_id=mid, status=status, id=aid or f"{owner}-{mid}-{status}")


@pytest.fixture
def history():
    return [
        # out of date order on purpose: insight sorts by date
        meeting("m2", "2026-02-10", ["Asha", "Carys"], ["Ben"], presenters=["Carys"],
                checkins=[("Asha", 120), ("Carys", 240)]),
        meeting("m1", "2026-01-10", MEMBERS, presenters=["Asha", "Ben"], change="Start on time",
                checkins=[("Asha", 180), ("Ben", 0), ("Carys", 180)]),
        meeting("m3", "2026-03-10", ["Asha", "Ben"], ["Carys"], presenters=["Asha"], status=ABANDONED,
                change="  "),
        meeting("m4", "2026-04-07", MEMBERS, status=IN_PROGRESS),  # not counted anywhere
    ]


@pytest.fixture
def actions():
    return [
        action("Asha", "m1", "done"),
        action("Asha", "m1", "not_done"),
        action("Ben", "m1", "dropped"),
        action("Ben", "m1", "partly"),
        action("Carys", "m2", "done"),
        action("Carys", "m2", "open"),
        action("Asha", "m3", "open"),
        action("Zoe", "m2", "done"),  # a former member
        action("Ben", "elsewhere", "done"),  # agreed at a meeting not in the list
    ]


@pytest.mark.parametrize(
    ("value", "maximum", "width", "expected"),
    [
        (0, 10, 10, ""),
        (-1, 10, 10, ""),
        (5, 0, 10, ""),
        (3, 4, 4, "███"),
        (1, 3, 2, "▋"),  # 2/3 of a cell = 5.33 eighths -> 5
        (10, 10, 6, "██████"),
        (20, 10, 6, "██████"),  # clipped
        (1, 80, 10, "▏"),  # exactly one eighth
        (1, 1000, 10, ""),  # rounds to nothing
        (2.5, 4, 4, "██▌"),
    ],
)
def test_bar(value, maximum, width, expected):
    assert bar(value, maximum, width) == expected
    assert len(bar(value, maximum, width)) <= width


def test_percent():
    assert percent(1, 3) == "33%"
    assert percent(0, 0) == "—"


def test_past_meetings_drop_in_progress_and_sort(history):
    assert [m.id for m in past_meetings(history)] == ["m1", "m2", "m3"]


def test_attendance(history):
    rows = {r.member: r for r in attendance(history, MEMBERS)}
    assert (rows["Asha"].present, rows["Asha"].apologies, rows["Asha"].rate) == (3, 0, 1.0)
    assert (rows["Ben"].present, rows["Ben"].apologies) == (2, 1)
    assert rows["Ben"].rate == pytest.approx(2 / 3)
    assert (rows["Carys"].present, rows["Carys"].apologies) == (2, 1)


def test_attendance_lists_former_members_after_and_handles_no_history():
    m = meeting("m1", "2026-01-10", ["Asha", "Zoe"])
    assert [r.member for r in attendance([m], ["Ben", "Asha"])] == ["Ben", "Asha", "Zoe"]
    (row,) = attendance([], ["Asha"])
    assert row.recorded == 0 and row.rate is None


def test_presenting_and_fairness(history):
    rows = {r.member: r for r in presenting(history, MEMBERS)}
    assert rows["Asha"].dates == ["2026-01-10", "2026-03-10"]
    assert rows["Asha"].since_last == 0 and rows["Asha"].count == 2
    assert rows["Ben"].dates == ["2026-01-10"] and rows["Ben"].since_last == 2
    assert rows["Carys"].last == "2026-02-10" and rows["Carys"].since_last == 1
    assert longest_waiting(list(rows.values())) == ["Ben"]


def test_never_presented_waits_longest():
    rows = presenting([meeting("m1", "2026-01-10", MEMBERS, presenters=["Asha"])], MEMBERS)
    assert [(r.member, r.since_last, r.never) for r in rows] == [
        ("Asha", 0, False), ("Ben", 1, True), ("Carys", 1, True)]
    assert longest_waiting(rows) == ["Ben", "Carys"]
    assert longest_waiting(rows, ["Asha"]) == []  # presented at the last meeting: nobody waits
    assert longest_waiting(presenting([], MEMBERS)) == MEMBERS
    assert longest_waiting([]) == []


def test_two_sessions_of_one_presenter_count_one_date():
    m = meeting("m1", "2026-01-10", MEMBERS, presenters=["Asha", "Asha"])
    assert presenting([m], ["Asha"])[0].dates == ["2026-01-10"]


def test_completion_by_member(actions):
    rows = {r.key: r for r in completion_by_member(actions, MEMBERS)}
    asha, ben, carys = rows["Asha"], rows["Ben"], rows["Carys"]
    # Asha: done, not done (reported: 2), open (1)
    assert (asha.done, asha.reported, asha.open, asha.still_open, asha.rate) == (1, 2, 1, 2, 0.5)
    # Ben: dropped, partly, done (elsewhere): 1 of 3 reported are done; partly is still open
    assert (ben.done, ben.reported, ben.still_open) == (1, 3, 1)
    assert ben.rate == pytest.approx(1 / 3)
    assert (carys.done, carys.reported, carys.open, carys.rate) == (1, 1, 1, 1.0)
    assert list(rows) == ["Asha", "Ben", "Carys", "Zoe"]


def test_completion_by_meeting(history, actions):
    rows = completion_by_meeting(actions, history)
    assert [(r.key, r.label) for r in rows] == [("m1", "2026-01-10"), ("m2", "2026-02-10"), ("m3", "2026-03-10")]
    m1, m2, m3 = rows
    assert (m1.done, m1.reported, m1.rate, m1.still_open) == (1, 4, 0.25, 2)  # not done + partly
    assert (m2.done, m2.reported, m2.open, m2.rate) == (2, 2, 1, 1.0)
    assert (m3.reported, m3.open, m3.rate) == (0, 1, None)
    total = completion_total(rows)
    assert (total.done, total.reported, total.open, total.total) == (3, 6, 2, 8)


def test_review_changes_over_time(history):
    assert review_changes(history) == [("2026-01-10", "Start on time")]


def test_stage_times(history):
    rows = {r.stage_id: r for r in stage_times(history, checkin_minutes=3)}
    assert list(rows) == [CHECKIN_ID, "clarify"]  # reflect was always skipped with no time used
    # four presenters over m1..m3, each clarify 10 planned, 12 used
    assert (rows["clarify"].runs, rows["clarify"].planned_minutes, rows["clarify"].actual_minutes) == (4, 10.0, 12.0)
    # timed check-ins: 180, 180, 120, 240 seconds (Ben's 0 is not counted): 3.0 average
    checkin = rows[CHECKIN_ID]
    assert (checkin.runs, checkin.planned_minutes, checkin.actual_minutes) == (4, 3.0, 3.0)
    assert [r.stage_id for r in stage_times(history)] == ["clarify"]
    assert stage_times([]) == []


def test_insight_does_not_import_textual():
    code = "import sys, als_tui.insight; print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_long_history_is_charted_by_month_quarter_or_year_and_says_which():
    from als_tui.insight import Completion, completion_by_period

    def rows(dates):
        return [Completion(d, d, done=1, not_done=i % 2) for i, d in enumerate(dates)]

    monthly = rows([f"2026-{m:02d}-0{d}" for m in range(1, 13) for d in (1, 8)])  # 24 meetings, 12 months
    assert completion_by_period(monthly[:20], 22) == ("meeting", monthly[:20], False)
    period, points, cut = completion_by_period(monthly, 22)
    assert (period, cut, len(points)) == ("month", False, 12)
    assert points[0].label == "2026-01" and (points[0].done, points[0].not_done) == (2, 1)
    period, points, cut = completion_by_period(rows([f"20{y}-{m:02d}-01" for y in (20, 21, 22) for m in range(1, 13)]), 22)
    assert (period, cut, [p.label for p in points[:2]]) == ("quarter", False, ["2020 Q1", "2020 Q2"])
    assert points[0].done == 3  # three meetings in the quarter
    period, points, cut = completion_by_period(rows([f"{y}-06-01" for y in range(1980, 2027)]), 22)
    assert (period, cut, points[0].label, points[-1].label, len(points)) == ("year", True, "2005", "2026", 22)


def test_two_meetings_on_one_date_are_told_apart_per_meeting_and_in_the_changes():
    morning = Meeting(set_id="s1", date="2026-12-06", id="am", status=FINISHED, started_at="2026-12-06T09:00")
    evening = Meeting(set_id="s1", date="2026-12-06", id="pm", status=FINISHED, started_at="2026-12-06T18:00")
    earlier = Meeting(set_id="s1", date="2026-11-01", id="nov", status=FINISHED)
    for m, change in ((evening, "Start on time"), (morning, "Shorter check-in"), (earlier, "More silence")):
        m.review.change_next_time = change
    actions = [Action("s1", "Asha", "A", meeting_id=mid) for mid in ("pm", "am", "nov")]
    rows = completion_by_meeting(actions, [evening, earlier, morning])
    assert [r.label for r in rows] == ["2026-11-01", "2026-12-06 #1", "2026-12-06 #2"]
    assert review_changes([evening, morning, earlier]) == [
        ("2026-11-01", "More silence"), ("2026-12-06 #1", "Shorter check-in"), ("2026-12-06 #2", "Start on time")]
