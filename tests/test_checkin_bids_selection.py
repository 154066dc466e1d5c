"""Check-in, bids and selection driven by keys; every assertion reads the saved file."""

from __future__ import annotations

import random

from textual.widgets import Input, RadioSet

from als_tui import model
from als_tui.clock import FakeClock
from als_tui.flow import checkin_order
from als_tui.model import APOLOGIES, PRESENT, Action, Bid, IssueSession, Meeting, Prep
from als_tui.store import Store
from tests.factories import make_app, make_set, meeting_at
from tests.helpers import open_meeting, screen_text, text_of, tick


def setup(db_path, phase, n=5, fresh_checkin=False, **kw):
    with Store(db_path) as store:
        alset = make_set(store, n, **kw)
        meeting = meeting_at(store, alset, phase)
        if fresh_checkin:  # as the opening leaves it: nobody in the queue yet
            meeting.checkin_order = []
            meeting.checkins = []
            store.save_meeting(meeting)
    return alset, meeting


def add_actions(db_path, *actions: Action):
    with Store(db_path) as store:
        for action in actions:
            store.save_action(action)


def old_action(owner, text, id, status=model.OPEN, due="2026-03-01"):
    return Action(set_id="set1", owner=owner, text=text, meeting_id="old", due=due, created="2026-02-10",
                  id=id, status=status)


def saved(db_path) -> tuple[Meeting, dict[str, Action], Store]:
    store = Store(db_path)
    meeting = store.get_meeting("meet1")
    actions = {a.id: a for a in store.actions("set1")}
    return meeting, actions, store


# -- check-in -----------------------------------------------------------------------------------
async def test_checkin_round_records_notes_times_and_action_updates(db_path):
    setup(db_path, "checkin", fresh_checkin=True)
    add_actions(
        db_path,
        old_action("Asha", "Talk to the night team", "a1"),
        old_action("Asha", "Draft the checklist", "a2", due="2026-03-08"),
        old_action("Ben", "Ask HR about cover", "b1", status=model.PARTLY),
        old_action("Carys", "Finished already", "c1", status=model.DONE),
    )
    clock = FakeClock(1000.0)
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert type(screen).__name__ == "CheckInScreen"
        assert screen.meeting.checkin_order == ["Asha", "Ben", "Carys", "Dev", "Erin"]
        assert "▶ Asha" in text_of(screen, "#checkin-order")
        assert "Talk to the night team" in " ".join(str(w.render()) for w in screen.query(".action-text"))
        assert app.focused is screen.query_one("#note")  # Asha's line: what she says is typed at once
        await pilot.press("ctrl+t")  # start Asha's clock
        assert screen.clock.running
        clock.advance(90)
        await pilot.press(*"Calm", "tab")
        assert app.focused is screen.query_one("#status-0")
        await pilot.press("space")  # first choice: done
        await pilot.press("tab", *"Asked early", "tab", "right", "right", "space")  # not done
        await pilot.pause()
        assert screen.query_one("#status-0", RadioSet).pressed_index == 0
        assert screen.query_one("#status-1", RadioSet).pressed_index == 2
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.current == "Ben"
        assert "✓ Asha" in text_of(screen, "#checkin-order")
        assert screen.clock.running and screen.clock.elapsed == 0  # a fresh clock for Ben, running as the round flows
        # Ben's partly-done action is still open: shown with what happened last time
        assert "last time: partly done" in " ".join(str(w.render()) for w in screen.query(".action-due"))
    meeting, actions, store = saved(db_path)
    store.close()
    asha = meeting.checkin_for("Asha")
    assert asha.note == "Calm" and asha.seconds == 90.0 and not asha.skipped
    assert [(u.action_id, u.status, u.note) for u in asha.updates] == [
        ("a1", model.DONE, "Asked early"), ("a2", model.NOT_DONE, "")]
    assert actions["a1"].status == model.DONE
    assert actions["a1"].history[-1].meeting_id == "meet1" and actions["a1"].history[-1].date == "2026-03-10"
    assert actions["a2"].status == model.NOT_DONE
    assert actions["b1"].status == model.PARTLY and actions["b1"].history == []
    assert meeting.checkin_index == 1


async def test_skip_comes_back_then_everyone_done_goes_to_bids(db_path):
    setup(db_path, "checkin", fresh_checkin=True)
    add_actions(db_path, old_action("Ben", "Ask HR about cover", "b1"))
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        await pilot.press("ctrl+n")  # Asha
        await pilot.press("ctrl+k")  # Ben: not ready yet
        await pilot.pause()
        assert screen.current == "Carys"
        assert "↷ Ben" in text_of(screen, "#checkin-order")
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # Carys, Dev, Erin
        await pilot.pause()
        assert screen.current == "Ben"  # comes back at the end
        await pilot.press(*"Better now", "tab", "right", "space")  # partly
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.current is None
        assert "Everyone has checked in" in text_of(screen, "#all-done")
        assert "Ctrl+N" in text_of(screen, "#all-done")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "BidScreen"
    meeting, actions, store = saved(db_path)
    store.close()
    assert meeting.phase == "bids"
    assert meeting.checkin_order == ["Asha", "Carys", "Dev", "Erin", "Ben"]
    ben = meeting.checkin_for("Ben")
    assert not ben.skipped and ben.note == "Better now"
    assert actions["b1"].status == model.PARTLY
    assert all(meeting.checkin_for(n) and not meeting.checkin_for(n).skipped for n in meeting.present)


async def test_goto_redo_not_here_and_finish_with_confirmation(db_path):
    setup(db_path, "checkin", fresh_checkin=True)
    add_actions(db_path, old_action("Asha", "Talk to the night team", "a1"),
                old_action("Dev", "Write to the board", "d1"))
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        await pilot.press("ctrl+a")  # Asha is not here after all
        await pilot.pause()
        assert screen.current == "Ben"
        assert "Asha" not in screen.meeting.checkin_order
        # Go to… Dev out of turn
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert type(app.screen).__name__ == "GoToScreen"
        await pilot.press("down", "down", "enter")  # Ben (now), Carys, Dev
        await pilot.pause()
        assert screen.current == "Dev"
        await pilot.press(*"Ok", "tab", "space", "ctrl+n")  # d1 done
        await pilot.pause()
        assert screen.current == "Erin"
        # redo Dev: the note and the status come back pre-filled
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # Ben, Carys, Dev (redo)
        await pilot.pause()
        assert screen.current == "Dev"
        assert screen.query_one("#note", Input).value == "Ok"
        assert screen.query_one("#status-0", RadioSet).pressed_index == 0
        await pilot.press("tab", "right", "space", "ctrl+n")  # now: partly
        await pilot.pause()
        # finish early: asked to confirm; "n" keeps going
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        question = " ".join(str(w.render()) for w in app.screen.query(".dialog Static"))
        assert "Not checked in yet: Ben, Carys, Erin" in question
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    meeting, actions, store = saved(db_path)
    store.close()
    assert meeting.phase == "bids"
    assert meeting.attendance["Asha"] == APOLOGIES
    assert actions["a1"].status == model.OPEN and actions["a1"].history == []  # apologies: untouched
    assert actions["d1"].status == model.PARTLY
    assert [h.status for h in actions["d1"].history] == [model.PARTLY]  # the redo replaced the first report
    assert meeting.checkin_for("Dev").updates[0].status == model.PARTLY
    assert meeting.checkin_for("Ben") is None


async def test_late_arrival_joins_through_goto(db_path):
    with Store(db_path) as store:
        alset = make_set(store, 4)
        meeting = meeting_at(store, alset, "checkin")
        meeting.attendance["Dev"] = APOLOGIES
        meeting.checkin_order = []
        meeting.checkins = []
        store.save_meeting(meeting)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert screen.meeting.checkin_order == ["Asha", "Ben", "Carys"]
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("end", "enter")  # "+ Dev — arrived late"
        await pilot.pause()
        assert screen.current == "Dev"
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.attendance["Dev"] == PRESENT and meeting.checkin_order[-1] == "Dev"


async def test_shuffle_only_before_anyone_has_checked_in(db_path):
    setup(db_path, "checkin", fresh_checkin=True)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        screen.rng = random.Random(7)
        expected = checkin_order(screen.meeting.present, [], rng=random.Random(7), shuffle=True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.meeting.checkin_order == expected
        first = expected[0]
        assert screen.current == first
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+s")  # too late now: nothing changes
        await pilot.pause()
        assert screen.meeting.checkin_order == expected
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.checkin_order == expected and meeting.checkin_for(first) is not None


async def test_learning_without_a_status_is_refused_with_a_message(db_path):
    setup(db_path, "checkin", fresh_checkin=True)
    add_actions(db_path, old_action("Asha", "Talk to the night team", "a1"))
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        screen.query_one("#learn-0", Input).focus()
        await pilot.press(*"learned a lot", "ctrl+n")
        await pilot.pause()
        assert screen.current == "Asha"
        assert "Choose done / partly / not done / dropped" in text_of(screen, "#checkin-error")
        assert app.focused is screen.query_one("#status-0")
    meeting, actions, store = saved(db_path)
    store.close()
    assert meeting.checkin_for("Asha") is None and actions["a1"].status == model.OPEN


async def test_checkin_clock_rings_at_one_minute_and_zero(db_path):
    setup(db_path, "checkin", fresh_checkin=True, checkin_minutes=2)
    clock = FakeClock(1000.0)
    app = make_app(db_path, clock)
    bells = []
    app.bell = lambda: bells.append(clock())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        await pilot.press("ctrl+t")
        clock.advance(70)
        await tick(pilot)
        assert len(bells) == 1
        assert "One minute left" in text_of(screen, ".clock-state")
        clock.advance(60)
        await tick(pilot)
        assert len(bells) == 2
        assert "Over time" in text_of(screen, ".clock-state")
        await pilot.press("ctrl+t")  # pause
        assert not screen.clock.running
        await pilot.press("ctrl+n")
        await pilot.pause()
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.checkin_for("Asha").seconds == 130.0


async def test_prompt_is_the_first_then_ctrl_r_gives_another(db_path):
    setup(db_path, "checkin", fresh_checkin=True)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        prompts = screen.ctx.bank.checkin_prompts
        assert prompts[0].text in text_of(screen, "#checkin-prompt")
        await pilot.press("ctrl+r")  # works while typing in the report line
        assert prompts[1].text in text_of(screen, "#checkin-prompt")
        assert screen.query_one("#note", Input).value == ""


# -- bids ---------------------------------------------------------------------------------------
async def test_bids_recorded_with_prep_nothing_today_and_validation(db_path):
    setup(db_path, "bids")
    with Store(db_path) as store:
        store.save_prep(Prep(set_id="set1", member="Ben", issue="Rota gaps at weekends", minutes=40, urgency=4))
        store.save_prep(Prep(set_id="set1", member="Dev", issue="Old prep", used_in="earlier-meeting"))
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert type(screen).__name__ == "BidScreen"
        assert "Time for issues today: 110 min" in text_of(screen, "#bids-time")
        # Ben's row comes from his prep; Dev's prep was used in an earlier meeting
        assert screen.query_one("#title-1", Input).value == "Rota gaps at weekends"
        assert "(from prep)" in str(screen.query(".bid-name")[2].render())
        assert screen.query_one("#title-3", Input).value == ""
        assert app.focused is screen.query_one("#title-0")
        await pilot.press(*"Staffing [red]mix[/]", "tab", "5", "tab", *"45")
        await pilot.press("tab", "tab")  # Asha's checkbox, then Ben's title
        await pilot.press("tab", "tab", "tab", "tab")  # Ben urgency, minutes, checkbox -> Carys title
        assert app.focused is screen.query_one("#title-2")
        await pilot.press(*"Something", "tab", "tab", "tab", "space")  # Carys: nothing today after all
        assert screen.query_one("#title-2", Input).disabled
        screen.query_one("#title-4", Input).focus()
        await pilot.press(*"Budget", "tab", "9")  # urgency 9 is out of range
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "BidScreen"
        assert "Erin: urgency is a whole number from 1 to 5" in text_of(screen, "#bids-error")
        assert app.focused is screen.query_one("#urgency-4")
        await pilot.press("backspace", "2", "ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "SelectionScreen"
    meeting, _actions, store = saved(db_path)
    prep = store.get_prep("set1", "Ben")
    dev_prep = store.get_prep("set1", "Dev")
    store.close()
    assert meeting.phase == "selection"
    bids = {b.member: b for b in meeting.bids}
    assert (bids["Asha"].title, bids["Asha"].urgency, bids["Asha"].minutes) == ("Staffing [red]mix[/]", 5, 45)
    assert (bids["Ben"].title, bids["Ben"].urgency, bids["Ben"].minutes) == ("Rota gaps at weekends", 4, 40)
    assert bids["Carys"].nothing_today and bids["Carys"].title == ""
    assert bids["Dev"].nothing_today  # empty title: nothing today
    assert (bids["Erin"].title, bids["Erin"].urgency, bids["Erin"].minutes) == ("Budget", 2, 60)  # empty minutes: the classic format's length
    assert prep.used_in == "meet1" and dev_prep.used_in == "earlier-meeting"


async def test_bids_resume_shows_earlier_bids_and_back_keeps_them(db_path):
    _alset, meeting = setup(db_path, "bids")
    with Store(db_path) as store:
        meeting.bids = [Bid("Asha", "Team morale", 2, 25), Bid("Ben", nothing_today=True)]
        store.save_meeting(meeting)
        store.save_prep(Prep(set_id="set1", member="Asha", issue="Team morale", used_in="meet1"))
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert screen.query_one("#title-0", Input).value == "Team morale"
        assert screen.query_one("#urgency-0", Input).value == "2"
        assert screen.query_one("#minutes-0", Input).value == "25"
        assert "(from prep)" in str(screen.query(".bid-name")[1].render())
        assert screen.query_one("#nothing-1").value is True
        assert screen.query_one("#title-1", Input).disabled
        screen.query_one("#title-2", Input).focus()
        await pilot.press(*"Carys issue", "ctrl+b")
        await pilot.pause()
        assert type(app.screen).__name__ == "CheckInScreen"
        assert app.screen.current is None  # everyone had checked in
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.phase == "checkin"
    assert meeting.bid_for("Carys").title == "Carys issue"
    assert meeting.bid_for("Asha").title == "Team morale"


# -- selection ----------------------------------------------------------------------------------
def _history_meeting(presenter: str, date: str) -> Meeting:
    return Meeting(set_id="set1", date=date, status=model.FINISHED, id=f"past-{presenter}",
                   sessions=[IssueSession(presenter=presenter)], attendance={presenter: PRESENT})


async def test_selection_suggests_then_the_set_overrides(db_path):
    _alset, meeting = setup(db_path, "selection")
    with Store(db_path) as store:
        meeting.bids = [Bid("Asha", "Staffing", 4, 40), Bid("Ben", "Rota [b]gaps[/b]", 4, 50),
                        Bid("Carys", "Budget", 3, 30), Bid("Dev", nothing_today=True),
                        Bid("Erin", nothing_today=True)]
        store.save_meeting(meeting)
        store.save_meeting(_history_meeting("Asha", "2026-02-10"))
    app = make_app(db_path)
    notes = []
    async with app.run_test(size=(100, 30)) as pilot:
        original_notify = app.notify
        app.notify = lambda message, **kw: (notes.append(message), original_notify(message, **kw))[1]
        await open_meeting(pilot)
        screen = app.screen
        assert type(screen).__name__ == "SelectionScreen"
        # equal urgency: Ben never presented, Asha did last month
        assert screen.suggested == ["Ben", "Asha"]
        assert list(screen.query_one("#sel-list").selected) == ["Ben", "Asha"]
        assert "most urgent first" in text_of(screen, "#sel-why")
        table = screen.query_one("#sel-table")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][0].strip() == "▶ Ben" and rows[1][4] == "2026-02-10" and rows[2][4] == "never"
        assert rows[0][1] == "Rota [b]gaps[/b]"  # user text shown literally, not as markup
        assert "Start with Ben" in str(screen.query_one("#next").label)
        assert screen.query_one("#min-0", Input).value == "50" and screen.query_one("#min-1", Input).value == "40"
        assert "90 of 110 min" in text_of(screen, "#sel-total")
        # the set swaps Asha for Carys: Ben, Asha, Carys in the list
        await pilot.press("down", "space")  # untick Asha
        await pilot.press("down", "space")  # tick Carys
        await pilot.pause()
        assert screen.query_one("#sel-minutes").chosen == ["Ben", "Carys"]
        assert screen.query_one("#min-1", Input).value == "30"
        # a third presenter comes with a warning
        await pilot.press("up", "space")
        await pilot.pause()
        assert any("Three presenters" in n for n in notes)
        await pilot.press("space")  # untick Asha again
        await pilot.pause()
        screen.query_one("#min-1", Input).focus()
        await pilot.press("backspace", "backspace", *"25")
        await pilot.pause()
        assert "75 of 110 min" in text_of(screen, "#sel-total")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "IssueSessionScreen"
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.phase == "session"
    assert [(s.presenter, s.title, s.allotted_minutes) for s in meeting.sessions] == [
        ("Ben", "Rota [b]gaps[/b]", 50), ("Carys", "Budget", 25)]


async def test_selection_bad_minutes_refused_and_back_to_bids(db_path):
    setup(db_path, "selection")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        screen.query_one("#min-0", Input).value = "0"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is screen
        assert "minutes is a whole number from 1 to 180" in text_of(screen, "#sel-error")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert type(app.screen).__name__ == "BidScreen"
        assert app.screen.query_one("#title-0", Input).value == "Issue of Asha"
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.phase == "bids" and meeting.sessions == []


async def test_nobody_bids_asks_before_skipping_the_issue_sessions(db_path):
    """Ctrl+N again and again with every bid left empty used to walk through selection, the
    review and the summary to a finished meeting. Skipping the issue sessions is asked about,
    and the answer the keys fall on is the safe one: back to the bids."""
    setup(db_path, "bids", n=3)
    app = make_app(db_path)
    notes = []
    async with app.run_test(size=(100, 30)) as pilot:
        original_notify = app.notify
        app.notify = lambda message, **kw: (notes.append(message), original_notify(message, **kw))[1]
        await open_meeting(pilot)
        for _ in range(4):  # every title empty: nothing today
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert "Nobody presents today" in screen_text(app)
        await pilot.press("enter")  # on the focused answer
        await pilot.pause()
        assert type(app.screen).__name__ == "BidScreen"
        assert app.screen.query_one("#title-0", Input).has_focus
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "SelectionScreen"
        assert "Nobody has an issue today" in text_of(screen, "#sel-why")
        await pilot.press("ctrl+n", "y")  # yes: no issue sessions today
        await pilot.pause()
        assert any("No issues today" in n for n in notes)
        assert type(app.screen).__name__ == "ProcessReviewScreen"
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.phase == "review" and meeting.sessions == [] and meeting.status != model.FINISHED
    assert all(b.nothing_today for b in meeting.bids) and len(meeting.bids) == 3


async def test_unticking_everyone_asks_before_going_to_the_review(db_path):
    setup(db_path, "selection")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert type(screen).__name__ == "SelectionScreen"
        await pilot.press("space", "down", "space")  # Asha and Ben unticked
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert "Nobody is ticked" in screen_text(app)
        await pilot.press("ctrl+n", "n")  # Ctrl+N again does not answer it; n: choose someone
        await pilot.pause()
        assert app.screen is screen
        assert app.focused is screen.query_one("#sel-list")
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.phase == "selection" and meeting.sessions == []


# -- sizes --------------------------------------------------------------------------------------
async def test_two_member_set_runs_through_all_three(db_path):
    setup(db_path, "checkin", n=2, fresh_checkin=True)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # Asha, Ben, on to bids
        await pilot.pause()
        assert type(app.screen).__name__ == "BidScreen"
        await pilot.press(*"Handover", "ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "SelectionScreen"
        assert app.screen.suggested == ["Asha"]
        await pilot.press("ctrl+n")
        await pilot.pause()
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.phase == "session"
    assert [s.presenter for s in meeting.sessions] == ["Asha"] and meeting.sessions[0].allotted_minutes == 60


async def test_twelve_members_scroll_at_80x24(db_path):
    setup(db_path, "checkin", n=12, fresh_checkin=True, meeting_minutes=180)
    add_actions(db_path, *[old_action("Asha", f"Action number {i}", f"a{i}") for i in range(4)])
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert screen.has_class("-narrow")
        report = screen.query_one("#checkin-report")
        assert report.max_scroll_y > 0  # four actions do not fit: the panel scrolls
        screen.query_one("#learn-3", Input).focus()
        await pilot.pause()
        assert report.scroll_y > 0
        for _ in range(12):
            await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.current is None
        await pilot.press("ctrl+n")
        await pilot.pause()
        bids = app.screen
        assert type(bids).__name__ == "BidScreen"
        rows = bids.query_one("#bids-rows")
        assert rows.max_scroll_y > 0
        bids.query_one("#title-11", Input).focus()
        await pilot.press(*"Last one")
        await pilot.pause()
        assert rows.scroll_y > 0
        await pilot.press("ctrl+n")
        await pilot.pause()
        selection = app.screen
        assert type(selection).__name__ == "SelectionScreen"
        # 180 min, 12 check-ins of 3 min: 119 min for issues
        assert selection.suggested == ["Lars"]
        await pilot.press("ctrl+n")
        await pilot.pause()
    meeting, _actions, store = saved(db_path)
    store.close()
    assert len(meeting.checkins) == 12 and meeting.phase == "session"
    assert meeting.sessions[0].presenter == "Lars"


async def test_the_learning_line_looks_like_a_field_as_the_arrival_line_does(db_path):
    setup(db_path, "checkin", fresh_checkin=True)
    add_actions(db_path, old_action("Asha", "Talk to the night team", "a1"))
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        learning, arrival = screen.query_one("#learn-0", Input), screen.query_one("#note", Input)
        assert learning.styles.border_top[0] == arrival.styles.border_top[0] != ""
        assert learning.region.height == arrival.region.height == 3


async def test_when_everyone_is_done_the_footer_says_what_ctrl_n_does_now(db_path):
    setup(db_path, "checkin", n=2, fresh_checkin=True)
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        footer = screen_text(app).splitlines()[-1]
        assert "Done — next" in footer and "Go on to bids" not in footer
        for _ in range(2):
            await pilot.press(*"Fine", "ctrl+n")
            await pilot.pause()
        assert screen.current is None
        footer = screen_text(app).splitlines()[-1]
        assert "Go on to bids" in footer and "Done — next" not in footer and "Finish" not in footer
        assert "Go on to bids" in str(screen.query_one("#next").label)
        await pilot.press("ctrl+n")
        await pilot.pause()
    meeting, _actions, store = saved(db_path)
    store.close()
    assert meeting.phase == "bids"


async def test_a_long_issue_from_prep_reads_from_its_start_in_its_row(db_path):
    setup(db_path, "bids")
    issue = "Getting support from finance for the weekend rota"
    with Store(db_path) as store:
        store.save_prep(Prep(set_id="set1", member="Ben", issue=issue, minutes=40, urgency=4))
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        assert "Getting support" in screen_text(app)  # not "…upport from finance"
        title = app.screen.query_one("#title-1", Input)
        before = title.value
        assert before.startswith("Getting support from finance")
        title.focus()
        await pilot.press("end", *" now")
        assert title.value == before + " now"  # typing still goes where the cursor is
        await pilot.press("tab")
        await pilot.pause()
        assert "Getting support" in screen_text(app)


async def test_the_arrival_line_says_it_stays_out_of_the_minutes_and_it_does(db_path):
    from als_tui.export import minutes_markdown

    setup(db_path, "checkin", n=2, fresh_checkin=True)
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        assert "not in the minutes" in text_of(app.screen, "#note-label")
        await pilot.press(*"tired", "ctrl+n")
        await pilot.pause()
    meeting, _actions, store = saved(db_path)
    alset = store.get_set(meeting.set_id)
    store.close()
    assert "tired" in meeting.checkins[0].note
    assert "tired" not in minutes_markdown(alset, meeting, [])
