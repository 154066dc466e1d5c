"""Solo prep, driven by keys; every assertion reads the saved file."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input, OptionList, TextArea

from als_tui import cli
from als_tui.cli import app_commands
from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.model import DONE, FINISHED, OPEN, PARTLY, Action, Meeting, Member, Prep
from als_tui.screens.home import HomeScreen
from als_tui.screens.prep import PrepScreen, join_want, split_want
from als_tui.store import Store
from tests.factories import TODAY, make_app, make_set, meeting_at
from tests.helpers import text_of


def prep_app(db_path) -> ALSApp:
    """What `als prep` runs: the app started straight into the prep screen."""
    return ALSApp(db_path=db_path, now=FakeClock(1000.0), today=lambda: TODAY, start="prep")


def old_action(owner, text, id, due="2026-03-01", status=OPEN):
    return Action(set_id="set1", owner=owner, text=text, meeting_id="old", due=due, created="2026-02-10",
                  id=id, status=status)


async def prep_ready(pilot) -> PrepScreen | None:
    """Let the prep screen on top finish building its whole form (it completes it just after its
    first paint); pauses, not a clock. Returns the screen, or None for another screen on top."""
    for _ in range(50):
        await pilot.pause()
        screen = pilot.app.screen
        if not isinstance(screen, PrepScreen):
            return None
        if screen.form_ready or screen.alset is None:
            return screen
    raise AssertionError("the prep screen never finished building its form")


async def choose_member(pilot, index: int) -> None:
    """Open the list of who can prepare (Ctrl+O) and go *index* names down from the one
    preparing now, by keys."""
    await pilot.press("ctrl+o", *(["down"] * index), "enter")
    await pilot.pause()


def who_line(screen) -> str:
    return text_of(screen, "#prep-who")


# -- the draft, and the bid it fills in -----------------------------------------------------------
async def test_prep_from_home_saves_the_draft_which_fills_in_the_next_bid(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await prep_ready(pilot)
        screen = app.screen
        assert isinstance(screen, PrepScreen)
        assert "New draft for Asha" in text_of(screen, "#prep-status")
        await choose_member(pilot, 1)  # Ben
        assert screen.member == "Ben"
        screen.query_one("#issue").focus()
        await pilot.press(*"Rota gaps at weekends", "enter")  # Enter moves on to the next field
        assert app.focused is screen.query_one("#why")
        await pilot.press(*"Staff are tired", "tab", *"Asked for volunteers", "tab")
        await pilot.press("space", "down", "space", "tab")  # questions to think with, a sounding board
        await pilot.press(*"someone to say; be honest", "tab")
        await pilot.press(*"Every weekend covered", "tab", "space")  # not willing to be challenged
        await pilot.press("tab", "4", "tab", *"40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Draft saved 2026-03-10" in text_of(screen, "#prep-status")
        await pilot.press("escape")  # saved: leaves without asking
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store(db_path) as store:
        prep = store.get_prep("set1", "Ben")
        assert store.get_meta("prep_last") == ["set1", "Ben"]
        assert store.get_prep("set1", "Asha") is None
        meeting_at(store, store.get_set("set1"), "bids")
    assert (prep.issue, prep.why, prep.tried, prep.success) == (
        "Rota gaps at weekends", "Staff are tired", "Asked for volunteers", "Every weekend covered")
    assert prep.want == "questions to think with; a sounding board; someone to say, be honest"
    assert (prep.challenge_ok, prep.urgency, prep.minutes) == (False, 4, 40)
    assert (prep.updated, prep.used_in) == (TODAY, "")

    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        if type(app.screen).__name__ == "ResumeScreen":
            await pilot.press("r")
            await pilot.pause()
        bids = app.screen
        assert type(bids).__name__ == "BidScreen"
        assert bids.query_one("#title-1", Input).value == "Rota gaps at weekends"
        assert (bids.query_one("#urgency-1", Input).value, bids.query_one("#minutes-1", Input).value) == ("4", "40")
        assert "(from prep)" in str(bids.query(".bid-name")[2].render())


async def test_als_prep_remembers_the_last_choice_and_esc_goes_home(db_path):
    _store_with_two_sets(db_path)
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await prep_ready(pilot)
        screen = app.screen
        assert isinstance(screen, PrepScreen)
        assert [type(s).__name__ for s in app.screen_stack] == ["PrepScreen"]  # home is not built underneath
        # no remembered choice: the first set by name, its first member
        assert (screen.alset.name, screen.member) == ("Deputy heads", "Asha")
        assert "Deputy heads" in who_line(screen) and "Asha" in who_line(screen)
        screen.query_one("#prep-who").focus()
        await pilot.press("enter")  # the line opens the list: each set's members under its name
        chooser = app.screen
        assert type(chooser).__name__ == "ChooseWhoScreen"
        options = chooser.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0] == "Deputy heads" and "Ward managers" in labels and "  Asha" in labels
        for _ in range(options.option_count):  # down to Ward managers' Asha (the set names are skipped)
            if chooser.choices[int(options.highlighted_option.id)] == ("set1", "Asha"):
                break
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert (screen.alset.id, screen.member) == ("set1", "Asha")
        assert "Ward managers" in who_line(screen)
        await choose_member(pilot, 3)  # Dev
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen"]  # home in its place
        assert not screen.is_attached  # and the prep screen gone, not kept underneath
    with Store(db_path) as store:
        assert store.get_meta("prep_last") == ["set1", "Dev"]
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await prep_ready(pilot)
        screen = app.screen
        assert (screen.alset.id, screen.member) == ("set1", "Dev")
        assert "Member  Dev" in who_line(screen)
        assert app.focused is screen.query_one("#issue")


async def test_the_first_paint_writes_nothing_and_the_choice_is_remembered_just_after(db_path, monkeypatch):
    """A first `als prep` has no remembered choice; saving one reads the whole file (a write
    parses the actions and meetings lines), so it waits until the screen is up."""
    _store_with_two_sets(db_path)
    with Store(db_path) as store:
        store.save_meeting(Meeting(set_id="set1", date=TODAY, status=FINISHED, id="m1"))  # lines read later
    seen: list[tuple[bool, object]] = []
    original = PrepScreen.on_mount

    async def on_mount(self) -> None:
        await original(self)
        seen.append((self.app.store.history_pending, self.app.store.get_meta("prep_last")))

    monkeypatch.setattr(PrepScreen, "on_mount", on_mount)
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert seen == [(True, None)]  # mounted and painted with nothing parsed or written
        for _ in range(10):
            await pilot.pause()
            if app.screen.form_ready and not app.store.history_pending:
                break
        assert app.store.get_meta("prep_last") == ["set2", "Asha"]
    with Store(db_path) as store:
        assert store.get_meta("prep_last") == ["set2", "Asha"]


async def test_home_prep_opens_on_the_highlighted_set(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
        store.set_meta("prep_last", ["set1", "Carys"])
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        await prep_ready(pilot)
        assert (app.screen.alset.id, app.screen.member) == ("set1", "Carys")


# -- actions between meetings ---------------------------------------------------------------------
async def test_action_updates_from_prep_are_saved_between_meetings(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
        store.save_action(old_action("Asha", "Talk to the night team", "a1"))
        store.save_action(old_action("Asha", "Draft the checklist", "a2", due="2026-04-01"))
        store.save_action(old_action("Asha", "Already finished", "a3", status=DONE))
        store.save_action(old_action("Ben", "Not Asha's", "b1"))
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await prep_ready(pilot)
        screen = app.screen
        assert screen.query_one("#prep-actions").border_title == "Your open actions (2)"
        cards = screen.query(".prep-action-text")  # the action, and its dates below
        overdue = "⚠\u00a0overdue"  # kept on one line
        assert overdue in str(cards[0].render()) and "overdue" not in str(cards[1].render())
        # a line without a status is refused, and nothing is saved
        screen.query_one("#learn-1", Input).focus()
        await pilot.press(*"half of it")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "choose done / partly / not done / dropped" in text_of(screen, "#prep-error")
        assert app.focused is screen.query_one("#status-1")
        await pilot.press("right", "space")  # partly
        screen.query_one("#status-0").focus()
        await pilot.press("space", "tab", *"They want a written handover")  # done
        await pilot.press("ctrl+s")
        await pilot.pause()
        # done is closed now; partly stays open and comes back unmarked
        assert screen.query_one("#prep-actions").border_title == "Your open actions (1)"
        assert "Draft the checklist" in str(screen.query(".prep-action-text")[0].render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store(db_path) as store:
        actions = {a.id: a for a in store.actions("set1")}
        prep = store.get_prep("set1", "Asha")
    a1, a2 = actions["a1"], actions["a2"]
    assert a1.status == DONE
    assert a1.history[-1].to_dict() == {"date": TODAY, "status": DONE, "note": "They want a written handover",
                                        "meeting_id": "", "after_meeting": ""}  # (the set has met no time yet)
    assert a2.status == PARTLY and a2.history[-1].note == "half of it"
    assert actions["a3"].history == [] and actions["b1"].status == OPEN
    assert prep is not None and prep.issue == ""  # the draft is saved too, even without an issue yet


async def test_a_member_with_no_history_is_welcomed(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
        store.save_action(old_action("Asha", "Closed one", "a1", status=DONE))
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await prep_ready(pilot)
        screen = app.screen
        assert "Nothing open" in text_of(screen, ".prep-no-actions")  # Asha: everything reported on
        await choose_member(pilot, 4)  # Erin: no actions, no prep, no meetings
        assert screen.member == "Erin"
        assert "No actions yet" in text_of(screen, ".prep-no-actions")
        assert "New draft for Erin" in text_of(screen, "#prep-status")
        assert screen.query_one("#prep-actions").border_title == "Your actions"
        screen.query_one("#issue").focus()
        await pilot.press(*"Finding my feet as a new manager", "ctrl+s")
        await pilot.pause()
    with Store(db_path) as store:
        prep = store.get_prep("set1", "Erin")
    assert (prep.issue, prep.urgency, prep.minutes, prep.challenge_ok) == (
        "Finding my feet as a new manager", 3, 30, True)


async def test_unsaved_changes_are_asked_about(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
        store.save_prep(Prep(set_id="set1", member="Asha", issue="Old issue", used_in="meet0"))
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await prep_ready(pilot)
        screen = app.screen
        assert screen.query_one("#issue", Input).value == "Old issue"
        assert "last draft was brought to" in text_of(screen, "#prep-status")
        await pilot.press("end", *" again")
        await choose_member(pilot, 1)  # switching asks first
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")  # stay
        await pilot.pause()
        assert screen.member == "Asha" and "Member  Asha" in who_line(screen)
        screen.query_one("#urgency").focus()
        await pilot.press("9", "ctrl+s")
        await pilot.pause()
        assert "Urgency is a whole number from 1 to 5" in text_of(screen, "#prep-error")
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")  # leave without saving
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Store(db_path) as store:
        prep = store.get_prep("set1", "Asha")
    assert (prep.issue, prep.used_in) == ("Old issue", "meet0")


async def test_prep_with_no_sets_says_what_to_do(db_path):
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await prep_ready(pilot)
        assert "No learning sets in this file yet" in text_of(app.screen, "#prep-empty")
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- pure helpers and the command line ------------------------------------------------------------
def test_want_round_trip():
    text = join_want(["challenge", "a sounding board"], "a push; please")
    assert text == "a sounding board; challenge; a push, please"
    assert split_want(text) == (["a sounding board", "challenge"], "a push, please")
    assert split_want("") == ([], "")


def _store_with_two_sets(db_path) -> None:
    with Store(db_path) as store:
        make_set(store, 5)
        other = store.get_set("set1")
        other.id, other.name = "set2", "Deputy heads"
        other.members = [Member("Asha", joined="2026-01-01"), Member("Zara", joined="2026-01-01")]
        store.save_set(other)


def test_prep_choice_from_the_command_line(db_path):
    _store_with_two_sets(db_path)
    with Store(db_path) as store:
        assert app_commands._prep_choice(store, "ward MANAGERS", "dev") == ["set1", "Dev"]
        assert app_commands._prep_choice(store, "Deputy heads", None) == ["set2", ""]
        assert app_commands._prep_choice(store, None, "zara") == ["set2", "Zara"]
        with pytest.raises(cli.CliError, match="several sets"):
            app_commands._prep_choice(store, None, "Asha")
        store.set_meta("prep_last", ["set2", "Zara"])
        assert app_commands._prep_choice(store, None, "Asha") == ["set2", "Asha"]  # the remembered set decides
        assert app_commands._prep_choice(store, "Deputy heads", None) == ["set2", "Zara"]
        with pytest.raises(cli.CliError, match="no member named “Nobody”; its members: Asha, Ben"):
            app_commands._prep_choice(store, "Ward managers", "Nobody")
        with pytest.raises(cli.CliError, match="no set in .* has a member named “Nobody”"):
            app_commands._prep_choice(store, None, "Nobody")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["prep", "--set", "Nope"], "there is no set named “Nope”"),
        (["prep", "--member", "Nobody"], "has a member named “Nobody”"),
    ],
)
def test_als_prep_errors_are_one_line(db_path, capsys, argv, message):
    _store_with_two_sets(db_path)
    assert cli.main([*argv, "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("als: ") and message in err and err.count("\n") == 1


def test_als_prep_without_a_data_file(tmp_path, capsys):
    assert cli.main(["prep", "--member", "Asha", "--db", str(tmp_path / "none.json")]) == 1
    assert "there is no data file" in capsys.readouterr().err


async def test_als_prep_opens_the_command_line_choice_writes_nothing_first_and_remembers_it(db_path, monkeypatch):
    _store_with_two_sets(db_path)
    started = {}

    def fake_tui(args, start=None, prep_choice=None):
        started["start"], started["choice"] = start, prep_choice
        return 0

    monkeypatch.setattr(app_commands, "cmd_tui", fake_tui)
    before = db_path.read_bytes()
    assert cli.main(["prep", "--set", "Deputy heads", "--member", "zara", "--db", str(db_path)]) == 0
    assert started == {"start": "prep", "choice": ["set2", "Zara"]}
    assert db_path.read_bytes() == before  # nothing written before the app opens (a write reads a whole history)
    app = ALSApp(db_path=db_path, now=FakeClock(1000.0), today=lambda: TODAY, start="prep")
    app.prep_choice = started["choice"]
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await prep_ready(pilot)
        assert (screen.alset.id, screen.member) == ("set2", "Zara")
    with Store(db_path) as store:
        assert store.get_meta("prep_last") == ["set2", "Zara"]  # remembered once the screen was built


async def test_many_open_actions_show_the_most_recent(db_path):
    with Store(db_path) as store:
        make_set(store, 5)
        for i in range(11):
            store.save_action(Action(set_id="set1", owner="Asha", text=f"Action {i:02d}", meeting_id="old",
                                     created=f"2026-01-{i + 1:02d}", id=f"a{i:02d}"))
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await prep_ready(pilot)
        screen = app.screen
        texts = [str(t.render()) for t in screen.query(".prep-action-text")]
        assert len(texts) == 8 and "Action 03" in texts[0] and "Action 10" in texts[-1]
        assert screen.query_one("#prep-actions").border_title == "Your open actions (11)"
        assert any("The 3 older ones are in the action tracker" in str(h.render())
                   for h in screen.query(".prep-actions-hint"))


async def test_home_put_in_place_after_als_prep_is_a_working_home(db_path):
    _store_with_two_sets(db_path)
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await prep_ready(pilot)
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        sets = home.query_one("#sets", OptionList)
        assert [str(sets.get_option_at_index(i).prompt).splitlines()[0] for i in range(sets.option_count)] == [
            "Deputy heads", "Ward managers"]
        await pilot.press("p")  # from home, prep opens above it as usual, and Esc comes back
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "PrepScreen"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home


def _build_held(monkeypatch):
    """Hold back the build of everything after the first paint: returns the real build (to run
    it when the test says) and the list of screens whose build was due."""
    original = PrepScreen._build_rest
    held: list[PrepScreen] = []
    monkeypatch.setattr(PrepScreen, "_build_rest", lambda self: held.append(self))  # not yet
    return original, held


async def test_what_is_typed_before_the_rest_of_the_form_arrives_still_counts_as_unsaved(db_path, monkeypatch):
    """The issue field is usable at the first paint; the set and member choices, the rest of the
    form and the action rows are built just after it: keys pressed in between are neither lost
    nor taken for the saved state, and saving waits for the whole form."""
    with Store(db_path) as store:
        make_set(store, 5)
        store.save_action(old_action("Asha", "Talk to the night team", "a1"))
        store.save_prep(Prep(set_id="set1", member="Asha", issue="Rota gaps", why="It keeps happening"))
    original, held = _build_held(monkeypatch)
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.form_ready and not screen.actions_loaded
        assert not screen.query(".prep-action") and not screen.query("#why")
        assert "Ward managers" in who_line(screen) and "Asha" in who_line(screen)  # who: there at once
        issue = screen.query_one("#issue", Input)
        assert app.focused is issue and issue.value == "Rota gaps"  # typing works already
        await pilot.press(*" at night")  # adds to the draft (the draft is not selected on focus)
        await pilot.press("ctrl+s")  # too early: nothing is saved from half a form
        assert held == [screen]
        screen.call_later(original, screen)  # now the rest arrives
        for _ in range(20):
            await pilot.pause()
            if screen.actions_loaded:
                break
        assert screen.form_ready
        assert screen.query_one("#why", TextArea).text == "It keeps happening"
        assert screen.query_one("#prep-actions").border_title == "Your open actions (1)"
        assert "Talk to the night team" in str(screen.query_one(".prep-action-text").render())
        assert screen.dirty  # the typed issue is not mistaken for the saved draft
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not screen.dirty
    with Store(db_path) as store:
        prep = store.get_prep("set1", "Asha")
        assert (prep.issue, prep.why) == ("Rota gaps at night", "It keeps happening")


async def test_who_can_be_changed_before_the_rest_of_the_form_arrives(db_path, monkeypatch):
    """The line naming who prepares is a working control from the first paint: choosing Ben
    before the form is built builds it (and the action rows) for Ben, and remembers him."""
    with Store(db_path) as store:
        make_set(store, 5)
        store.save_action(old_action("Asha", "Talk to the night team", "a1"))
        store.save_action(old_action("Ben", "Book a room for the handover", "b1"))
        store.save_prep(Prep(set_id="set1", member="Ben", issue="Handover drift", why="Nights suffer"))
    original, held = _build_held(monkeypatch)
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (screen,) = held
        assert screen.member == "Asha" and not screen.actions_loaded
        await pilot.press("ctrl+o", "down", "enter")  # Ben
        await pilot.pause()
        assert screen.member == "Ben" and "Member  Ben" in who_line(screen)
        assert screen.query_one("#issue", Input).value == "Handover drift"
        screen.call_later(original, screen)  # now the rest arrives, for Ben
        await prep_ready(pilot)
        assert screen.query_one("#why", TextArea).text == "Nights suffer"
        assert "Book a room for the handover" in str(screen.query_one(".prep-action-text").render())
        assert not screen.dirty
    with Store(db_path) as store:
        assert store.get_meta("prep_last") == ["set1", "Ben"]


async def test_who_line_keeps_the_member_in_view_when_narrow(db_path):
    """At 40 columns the hint and the words "Set" / "Member" give way; the member's name stays."""
    with Store(db_path) as store:
        make_set(store, 5)
    app = prep_app(db_path)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await prep_ready(pilot)
        line = screen.query_one("#prep-who")
        shown = str(line.render())
        assert shown.startswith("Asha ▾") and line.render().cell_length <= line.content_region.width
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert "Member  Asha ▾" in str(line.render()) and "Ctrl+O: change" in str(line.render())


async def test_leaving_before_the_rest_of_the_form_is_built_is_quiet(db_path, monkeypatch):
    with Store(db_path) as store:
        make_set(store, 5)
    original, held = _build_held(monkeypatch)
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (screen,) = held
        await pilot.press("escape")  # nothing typed: straight home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await original(screen)  # the build that was due finds the screen gone and does nothing
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not screen.form_ready
    assert app.return_code in (None, 0)


# -- the form is built, switched and saved one at a time ------------------------------------------
# Building the form and switching member run in the prep screen's message loop; Ctrl+S (a priority
# binding) and the palette's commands run in the app's. Each test holds the screen at an await of
# the build or of a switch (deterministically, by an event) and acts from the app's side meanwhile.
def _hold(monkeypatch, cls, method: str, nth: int = 1):
    """Make the *nth* call of ``cls.method`` (async) wait for the returned gate; *reached* is set
    when it starts waiting."""
    original = getattr(cls, method, None)
    gate, reached = asyncio.Event(), asyncio.Event()
    calls = []

    async def held(self, *args):
        calls.append(self)
        if len(calls) == nth:
            reached.set()
            await asyncio.wait_for(gate.wait(), 10)  # (bounded: a test that fails must not hang)
        if original is not None:
            return await original(self, *args)

    monkeypatch.setattr(cls, method, held, raising=False)
    return gate, reached


def _saves_started(monkeypatch) -> asyncio.Event:
    started = asyncio.Event()
    original = PrepScreen.action_save

    async def action_save(self) -> None:
        started.set()
        await original(self)

    monkeypatch.setattr(PrepScreen, "action_save", action_save)
    return started


def _start_when_told(monkeypatch) -> list[PrepScreen]:
    """Keep the prep screen from starting its build by itself (it starts just after its first
    paint, which may come before the test harness has settled, and a build held there would
    hold the harness too): the test starts it with ``_start(screen)`` once the harness is ready."""
    asked: list[PrepScreen] = []
    monkeypatch.setattr(PrepScreen, "_start_rest", lambda self, *_: asked.append(self))
    return asked


_start = PrepScreen._start_rest  # (the screen's own, kept before a test replaces it)


async def test_ctrl_s_while_the_action_rows_are_being_built_waits_for_them(db_path, monkeypatch):
    """Ctrl+S in the first moment of `als prep`: the rows of the member's actions are being
    built; the save waits for them instead of reading rows that are not there yet."""
    with Store(db_path) as store:
        make_set(store, 5)
        store.save_action(old_action("Asha", "Talk to the night team", "a1"))
    gate, reached = _hold(monkeypatch, PrepScreen, "_load_actions")
    save_started = _saves_started(monkeypatch)
    asked = _start_when_told(monkeypatch)
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        _start(asked[0])
        await asyncio.wait_for(reached.wait(), 10)  # the build is building the action rows
        screen = app.screen
        assert not screen.form_ready
        app.simulate_key("ctrl+s")
        await asyncio.wait_for(save_started.wait(), 10)
        gate.set()
        assert await prep_ready(pilot) is screen
        for _ in range(5):
            await pilot.pause()
        assert "Draft saved" in text_of(screen, "#prep-status")
        assert len(screen.query(".prep-action-status")) == 1
    with Store(db_path) as store:
        assert store.get_prep("set1", "Asha") is not None
        assert [a.status for a in store.actions("set1", "Asha")] == [OPEN]  # nothing marked, nothing reported


async def test_ctrl_s_during_a_member_switch_saves_the_new_member_once_the_switch_is_done(db_path, monkeypatch):
    with Store(db_path) as store:
        make_set(store, 5)
        store.save_action(old_action("Ben", "Ask the night team what they need", "b1"))
        store.save_action(old_action("Ben", "Book a room for the handover", "b2"))
    gate, reached = _hold(monkeypatch, PrepScreen, "_load_actions", nth=2)  # the 1st is the build
    save_started = _saves_started(monkeypatch)
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await prep_ready(pilot)
        assert screen.member == "Asha" and not screen.query(".prep-action-status")
        await pilot.press("ctrl+o", "down")
        app.simulate_key("enter")  # Ben: the switch rebuilds the rows, for his two actions
        await asyncio.wait_for(reached.wait(), 10)
        app.simulate_key("ctrl+s")
        await asyncio.wait_for(save_started.wait(), 10)
        gate.set()
        for _ in range(10):
            await pilot.pause()
        assert screen.member == "Ben" and len(screen.query(".prep-action-status")) == 2
        assert "Draft saved" in text_of(screen, "#prep-status")
    with Store(db_path) as store:
        assert store.get_prep("set1", "Ben") is not None and store.get_prep("set1", "Asha") is None
        assert {a.status for a in store.actions("set1", "Ben")} == {OPEN}


async def test_leaving_by_the_palette_while_the_form_is_being_built_is_quiet(db_path, monkeypatch):
    """The palette's commands run beside the screen's build: "Question gym" replaces the prep
    screen while its form is still being mounted. The build stops; nothing breaks."""
    from als_tui.screens.prep_form import PrepFormRest

    with Store(db_path) as store:
        make_set(store, 5)
        store.save_action(old_action("Asha", "Talk to the night team", "a1"))
    gate, reached = _hold(monkeypatch, PrepFormRest, "on_mount")
    opened = asyncio.Event()
    original_open = ALSApp.open_between

    def open_between(self, name, set_id=None) -> None:
        original_open(self, name, set_id)
        opened.set()

    monkeypatch.setattr(ALSApp, "open_between", open_between)
    asked = _start_when_told(monkeypatch)
    app = prep_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        _start(asked[0])
        await asyncio.wait_for(reached.wait(), 10)  # the build waits on the form
        prep = app.screen
        await pilot.press("ctrl+p")
        for key in (*"question gym", "enter"):
            app.simulate_key(key)
        await asyncio.wait_for(opened.wait(), 10)
        gate.set()
        for _ in range(10):
            await pilot.pause()
        assert type(app.screen).__name__ == "GymScreen"
        assert not prep.is_attached and not prep.form_ready
    assert app.return_code in (None, 0)


async def test_mark_then_tab_then_type_writes_that_actions_line_and_marks_nothing_else(db_path):
    """A newcomer's keys: Space on an action's mark, Tab, then a sentence. The sentence is that
    action's line of learning; the next action's mark (where a space would choose "done") is
    untouched. (A version whose line opened only after marking took the Tab past it, and the
    sentence's spaces marked the next action done.)"""
    with Store(db_path) as store:
        make_set(store, 5)
        store.save_action(old_action("Asha", "Talk to the night team", "a1"))
        store.save_action(old_action("Asha", "Draft the checklist", "a2"))
    app = prep_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await prep_ready(pilot)
        screen.query_one("#status-0").focus()
        await pilot.press("space", "tab", *"We agreed a rota", "ctrl+s")
        await pilot.pause()
    with Store(db_path) as store:
        actions = {a.id: a for a in store.actions("set1")}
    assert actions["a1"].status == DONE and actions["a1"].history[-1].note == "We agreed a rota"
    assert actions["a2"].status == OPEN and actions["a2"].history == []
