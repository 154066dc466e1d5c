"""Report-backs made between meetings (in `als prep` or the tracker) are heard at the set's next
meeting: in the check-in turn of the member, the summary, the Markdown minutes and the actions
CSV, marked as reported before the meeting; once each, not again at a later meeting."""

from __future__ import annotations

import csv
import io

from als_tui import model
from als_tui.export import actions_csv, all_minutes_markdown, minutes_markdown
from als_tui.flow import (
    MeetingFlow,
    last_meeting_held,
    report_back,
    report_between_meetings,
    reports_before,
    reports_heard,
)
from als_tui.model import (
    ABANDONED,
    APOLOGIES,
    DONE,
    FINISHED,
    PARTLY,
    PRESENT,
    Action,
    ActionUpdate,
    ALSet,
    Meeting,
    Member,
)

NAMES = ("Asha", "Ben", "Erin")


def alset() -> ALSet:
    return ALSet(name="Ward managers", members=[Member(n) for n in NAMES], id="s1")


def held(mid: str, date: str, status: str = FINISHED, order: tuple[str, ...] = NAMES) -> Meeting:
    """A meeting of the set; finished ones checked everyone in."""
    m = Meeting(set_id="s1", date=date, id=mid, status=status, started_at=date)
    for n in NAMES:
        m.attendance[n] = PRESENT
    if status != ABANDONED:
        m.checkin_order = list(order)
        m.checkins = [model.CheckIn(n) for n in order]
    return m


def erins() -> list[Action]:
    return [Action("s1", "Erin", "Look at the HR leavers data", meeting_id="m1", created="2026-02-10", id="e1"),
            Action("s1", "Erin", "Talk to two exit interviewers", meeting_id="m1", created="2026-02-10", id="e2")]


def test_a_report_made_after_a_meeting_is_heard_at_the_next_one_only():
    m1, m2, m3 = held("m1", "2026-02-10"), held("m2", "2026-03-10"), held("m3", "2026-04-07")
    e1, e2 = erins()
    report_between_meetings(e1, DONE, "HR data shows most leavers go in year two", "2026-03-01", [m1])
    assert e1.history[-1].after_meeting == "m1" and e1.history[-1].meeting_id == ""
    assert [(r.action.id, r.change.note) for r in reports_before(m2, [m1], [e1, e2])] == [
        ("e1", "HR data shows most leavers go in year two")]
    assert reports_before(m3, [m1, m2], [e1, e2]) == []  # heard at m2: not repeated
    assert reports_heard([m1, m2, m3], [e1, e2]) == {"m2": reports_before(m2, [m1], [e1, e2])}


def test_two_meetings_on_one_date_each_hear_only_what_came_before_them():
    m1, m2 = held("m1", "2026-03-10"), held("m2", "2026-03-10")
    e1, e2 = erins()
    e3 = Action("s1", "Erin", "An older action", meeting_id="m0", created="2026-01-10", id="e3")
    m0 = held("m0", "2026-01-10")
    report_between_meetings(e3, DONE, "before the first meeting that day", "2026-03-10", [m0])
    report_between_meetings(e1, DONE, "between the two", "2026-03-10", [m0, m1])
    heard = reports_heard([m0, m1, m2], [e1, e2, e3])
    assert [r.change.note for r in heard["m1"]] == ["before the first meeting that day"]
    assert [r.change.note for r in heard["m2"]] == ["between the two"]
    # the minutes of both meetings, exported together: each report once, at its own meeting
    md = all_minutes_markdown(alset(), [m0, m1, m2], [e1, e2, e3])
    second, first = md.split("\n---\n")[:2]
    assert "between the two" in second and "between the two" not in first
    assert "before the first meeting that day" in first and "before the first meeting that day" not in second


def test_a_meeting_closed_at_its_opening_hears_nothing_and_loses_nothing():
    m1, closed, m3 = held("m1", "2026-02-10"), held("ab", "2026-03-03", ABANDONED), held("m3", "2026-03-10")
    (e1, _e2) = erins()
    report_between_meetings(e1, DONE, "learned", "2026-02-20", [m1])
    assert last_meeting_held([m1, closed]) == "m1"
    assert [r.change.note for r in reports_heard([m1, closed, m3], [e1])["m3"]] == ["learned"]


def test_a_meeting_resumed_after_a_crash_still_hears_a_report_made_while_it_was_open():
    m1 = held("m1", "2026-02-10")
    running = held("m2", "2026-03-10", model.IN_PROGRESS)
    (e1, _e2) = erins()
    # prep after the crash, before the meeting is resumed: the open meeting is not "held" yet
    report_between_meetings(e1, PARTLY, "half of it", "2026-03-10", [m1, running])
    assert e1.history[-1].after_meeting == "m1"
    assert [r.change.note for r in reports_before(running, [m1], [e1])] == ["half of it"]


def test_reports_kept_without_the_meeting_before_them_go_to_the_first_meeting_on_or_after_their_date():
    m1, m2 = held("m1", "2026-02-10"), held("m2", "2026-03-10")
    (e1, e2) = erins()
    e1.set_status(DONE, "an older file's report", when="2026-02-20")  # (no after_meeting: written before it was kept)
    e2.set_status(DONE, "made before the first meeting", when="2026-02-01")
    heard = reports_heard([m1, m2], [e1, e2])
    assert [r.change.note for r in heard["m2"]] == ["an older file's report"]
    assert [r.change.note for r in heard["m1"]] == ["made before the first meeting"]


def test_done_in_prep_is_reported_once_and_partly_can_be_reported_again_in_the_room():
    m1 = held("m1", "2026-02-10")
    m2 = Meeting(set_id="s1", date="2026-03-10", id="m2")
    flow = MeetingFlow(m2, alset())
    for n in NAMES:
        flow.set_attendance(n, PRESENT)
    flow.begin_checkin(["Erin", "Asha", "Ben"])
    e1, e2 = erins()
    report_between_meetings(e1, DONE, "HR data shows most leavers go in year two", "2026-03-01", [m1])
    report_between_meetings(e2, PARTLY, "spoke to one", "2026-03-01", [m1])
    assert not e1.is_open and e2.is_open  # done is not asked about again; partly stays open
    flow.record_checkin("Erin", "", [ActionUpdate("e2", DONE, "and the second one today")])
    e2.set_status(DONE, "and the second one today", "m2", "2026-03-10")
    before = reports_before(m2, [m1], [e1, e2])
    assert [(r.action.id, r.change.status) for r in before] == [("e1", DONE), ("e2", PARTLY)]
    (erin,) = report_back(m2, before, NAMES)
    assert erin["member"] == "Erin" and erin["present"]
    assert [(r["action_id"], r["status"], r["before"]) for r in erin["reports"]] == [
        ("e1", DONE, True), ("e2", PARTLY, True), ("e2", DONE, False)]


def test_the_minutes_mark_reports_made_before_the_meeting_in_the_check_in_order():
    m1 = held("m1", "2026-02-10")
    m2 = held("m2", "2026-03-10", order=("Ben", "Erin", "Asha"))
    m2.attendance["Asha"] = APOLOGIES
    m2.checkin_order, m2.checkins = ["Ben", "Erin"], [model.CheckIn("Ben"), model.CheckIn("Erin")]
    e1, e2 = erins()
    asha = Action("s1", "Asha", "Ask the matron", meeting_id="m1", created="2026-02-10", id="a1")
    ben = Action("s1", "Ben", "Write to finance", meeting_id="m1", created="2026-02-10", id="b1")
    m2.checkins[0].updates = [ActionUpdate("b1", DONE, "they replied")]
    report_between_meetings(e1, DONE, "HR data shows most leavers go in year two", "2026-03-01", [m1])
    report_between_meetings(asha, model.DROPPED, "the matron left", "2026-03-02", [m1])
    actions = [e1, e2, asha, ben]
    md = minutes_markdown(alset(), m2, actions, before=reports_before(m2, [m1], actions))
    section = md.split("## Report-back on earlier actions")[1].split("\n## ")[0]
    assert section.index("**Ben**") < section.index("**Erin**") < section.index("**Asha**")
    assert ("- Look at the HR leavers data: **done** — HR data shows most leavers go in year two "
            "*(reported before the meeting, 2026-03-01)*") in section
    assert "**Asha** (not at the meeting)" in section and "the matron left" in section
    assert "they replied" in section and "they replied *(reported" not in section
    assert "reported before the meeting" not in minutes_markdown(alset(), m2, actions)  # (none given: none shown)


def test_the_actions_csv_says_which_meeting_heard_a_report_made_before_it():
    m1, m2 = held("m1", "2026-02-10"), held("m2", "2026-03-10")
    e1, e2 = erins()
    report_between_meetings(e1, DONE, "HR data shows most leavers go in year two", "2026-03-01", [m1])
    e2.set_status(PARTLY, "in the room", "m2", "2026-03-10")
    rows = list(csv.reader(io.StringIO(actions_csv(alset(), [e1, e2], [m1, m2]))))
    header = rows[0]
    by_text = {r[header.index("action")]: r[header.index("report-back")] for r in rows[1:]}
    assert by_text["Look at the HR leavers data"] == (
        "2026-03-01 done (reported before the meeting of 2026-03-10): HR data shows most leavers go in year two")
    assert by_text["Talk to two exit interviewers"] == "2026-03-10 partly done: in the room"
    # not heard yet (no meeting since): said plainly
    rows = list(csv.reader(io.StringIO(actions_csv(alset(), [e1], [m1]))))
    assert "(reported between meetings)" in rows[1][rows[0].index("report-back")]
