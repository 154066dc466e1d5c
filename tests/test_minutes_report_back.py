"""The minutes keep the check-in's report-back, the advice flags of the questions noted, and tell
two meetings on one date apart (issue: "minutes lose the check-in")."""

from __future__ import annotations

import csv
import io

from textual.widgets import Markdown

from als_tui import model
from als_tui.export import actions_csv, all_minutes_markdown, minutes_markdown
from als_tui.flow import MeetingFlow
from als_tui.model import PRESENT, Action, ActionUpdate, ALSet, HarvestedQuestion, Meeting, Member
from als_tui.store import Store
from tests.helpers import app_at, open_meeting

NAMES = ("Asha", "Ben", "Carys")


def earlier_actions() -> list[Action]:
    return [
        Action("s1", "Asha", "Talk to the night team", meeting_id="m0", due="2026-03-01", created="2026-02-10",
               id="a1"),
        Action("s1", "Asha", "Draft the checklist", meeting_id="m0", created="2026-02-10", id="a2"),
        Action("s1", "Ben", "Ask HR about cover", meeting_id="m0", created="2026-02-10", id="b1"),
    ]


def meeting_with_report_back(date="2026-03-10", mid="m1") -> tuple[ALSet, Meeting, list[Action]]:
    alset = ALSet(name="Ward managers", members=[Member(n) for n in NAMES], id="s1")
    m = Meeting(set_id="s1", date=date, id=mid)
    flow = MeetingFlow(m, alset)
    for n in NAMES:
        flow.set_attendance(n, PRESENT)
    flow.begin_checkin(list(NAMES))
    actions = earlier_actions()
    asha = [ActionUpdate("a1", model.DONE, "Asking early made them say yes"),
            ActionUpdate("a2", model.NOT_DONE, "")]
    ben = [ActionUpdate("b1", model.PARTLY, "HR want a business case first")]
    flow.record_checkin("Asha", "tired", asha, 100)
    flow.record_checkin("Ben", "fine", ben, 80)
    flow.record_checkin("Carys", "ok", [], 60)
    for action in actions:
        for update in asha + ben:
            if update.action_id == action.id:
                action.set_status(update.status, update.note, mid, when=date)
    flow.finish_checkin()
    flow.select(["Carys"], {"Carys": 40})
    session = m.sessions[0]
    session.title = "Budget cuts"
    session.questions = [HarvestedQuestion("Ben", "Have you tried asking finance?", "advice"),
                         HarvestedQuestion("Asha", "Don't you think it is too late?", "leading"),
                         HarvestedQuestion("Asha", "What matters most to you here?", "open")]
    while flow.current_session is not None:
        flow.finish_session()
    flow.finish(when=date)
    return alset, m, actions


def test_minutes_carry_each_report_back_with_its_status_and_learning_line():
    alset, m, actions = meeting_with_report_back()
    md = minutes_markdown(alset, m, actions)
    assert "## Report-back on earlier actions" in md
    section = md.split("## Report-back on earlier actions")[1].split("\n## ")[0]
    assert "Talk to the night team" in section and "done" in section
    assert "Asking early made them say yes" in section
    assert "Draft the checklist" in section and "not done" in section
    assert "HR want a business case first" in section and "partly done" in section
    assert section.index("Asha") < section.index("Ben")
    assert "Carys" not in section  # nothing to report: not listed


def test_minutes_flag_advice_and_leading_questions():
    alset, m, actions = meeting_with_report_back()
    md = minutes_markdown(alset, m, actions)
    lines = {line for line in md.splitlines() if line.startswith("- ")}
    assert any("Have you tried asking finance" in x and "advice" in x for x in lines)
    assert any("too late" in x and "leading" in x for x in lines)
    assert any("What matters most" in x and "⚑" not in x for x in lines)


def test_a_report_back_on_an_action_deleted_since_still_shows_what_was_said():
    alset, m, actions = meeting_with_report_back()
    md = minutes_markdown(alset, m, [a for a in actions if a.id != "b1"])
    assert "HR want a business case first" in md


def test_two_meetings_on_one_date_are_told_apart_and_listed_newest_first():
    alset, first, actions = meeting_with_report_back(mid="m1")
    _, second, _ = meeting_with_report_back(mid="m2")
    second.sessions[0].title = "Second meeting's issue"
    md = all_minutes_markdown(alset, [first, second], actions)
    parts = md.split("\n---\n")
    assert len(parts) == 2
    assert "Second meeting's issue" in parts[0]  # newest (the later one in the file) first
    heads = [p.strip().splitlines()[0] for p in parts]
    assert heads[0] != heads[1]
    assert "second meeting that day" in heads[0] and "first meeting that day" in heads[1]


def test_all_minutes_include_the_report_back_even_for_one_date(db_path):
    alset, m, actions = meeting_with_report_back()
    md = all_minutes_markdown(alset, [m], actions)
    assert "Asking early made them say yes" in md


def test_actions_csv_carries_the_report_back():
    alset, m, actions = meeting_with_report_back()
    m0 = Meeting(set_id="s1", date="2026-02-10", id="m0")
    rows = list(csv.reader(io.StringIO(actions_csv(alset, actions, [m0, m]))))
    header = rows[0]
    assert "report-back" in header and "last reported" in header
    by_text = {r[header.index("action")]: r for r in rows[1:]}
    talk = by_text["Talk to the night team"]
    assert talk[header.index("status")] == "done"
    assert talk[header.index("last reported")] == "2026-03-10"
    assert "Asking early made them say yes" in talk[header.index("report-back")]
    assert "HR want a business case first" in by_text["Ask HR about cover"][header.index("report-back")]


async def test_the_summary_screen_shows_the_report_back(db_path):
    def mutate(store, alset, meeting):
        store.save_action(Action(alset.id, "Asha", "Talk to the night team", meeting_id="old", id="a1",
                                 created="2026-02-10"))
        meeting.checkins[0].updates = [ActionUpdate("a1", model.DONE, "They said yes")]

    app = app_at(db_path, "review", mutate=mutate)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
        source = app.screen.query_one("#minutes", Markdown).source
        assert "Talk to the night team" in source and "They said yes" in source
    with Store(db_path) as store:
        assert store.get_meeting("meet1").checkins[0].updates[0].note == "They said yes"
