"""Typing in the meeting room: what a person types lands in the field they are looking at, and a
printable key never fires a shortcut while a text field has the focus (issue: "check-in eats typing")."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.widgets import Input, Select, TextArea

from als_tui import model
from als_tui.clock import FakeClock
from als_tui.model import Action
from als_tui.store import Store
from tests.helpers import app_at, open_meeting, type_text


def fresh_checkin(store, alset, meeting) -> None:
    meeting.checkin_order = []
    meeting.checkins = []
    store.save_action(Action(set_id=alset.id, owner="Asha", text="Talk to the night team", meeting_id="old",
                             due="2026-03-01", created="2026-02-10", id="a1"))


def saved_meeting(db_path):
    with Store(db_path) as store:
        return store.get_meeting("meet1")


async def test_checkin_report_line_has_the_focus_when_each_turn_starts(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "checkin", clock=clock, mutate=fresh_checkin)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert type(screen).__name__ == "CheckInScreen"
        # typed straight away, without Tab: the words go into Asha's line, no shortcut fires
        await type_text(pilot, "tired but ready")
        assert app.focused is screen.query_one("#note", Input)
        assert screen.query_one("#note", Input).value == "tired but ready"
        assert not screen.clock.started  # the spaces did not start the clock
        assert screen.prompt_index == 0  # the "r"s did not change the prompt
        await pilot.press("ctrl+n")
        await pilot.pause()
        # Ben's turn: his line has the focus at once
        assert screen.current == "Ben"
        assert app.focused is screen.query_one("#note", Input)
        await type_text(pilot, "rested")
        await pilot.press("ctrl+n")
        await pilot.pause()
    meeting = saved_meeting(db_path)
    assert meeting.checkin_for("Asha").note == "tired but ready"
    assert meeting.checkin_for("Ben").note == "rested"


async def test_checkin_clock_starts_with_a_key_that_cannot_be_typed(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "checkin", clock=clock, mutate=fresh_checkin)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        await pilot.press("ctrl+t")
        assert screen.clock.running
        assert app.focused is screen.query_one("#note", Input)  # still typing where they were
        clock.advance(30)
        await pilot.press("ctrl+t")
        assert screen.clock.paused
        # and on the clock itself, space works as before
        screen.query_one("#checkin-clock").focus()
        await pilot.press("space")
        assert screen.clock.running


async def test_scribe_box_lets_go_after_a_question_is_noted(db_path):
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")  # the account, then the first question stage
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "StageScreen"
        assert screen.clock.running
        await pilot.press("s")
        await type_text(pilot, "What matters most here?")
        await pilot.press("enter")
        await pilot.pause()
        assert [q.text for q in screen.session.questions] == ["What matters most here?"]
        assert not isinstance(app.focused, Input)
        await pilot.press("space")  # pauses, as the footer says
        assert screen.clock.paused
        await pilot.press("s")  # the next question: s again, straight into the box
        assert app.focused is screen.query_one("#question", Input)


async def test_the_scribe_names_who_asked_with_the_arrow_keys_and_the_name_is_kept(db_path):
    """"Who asked?" was a Select to reach by Shift+Tab, so questions went into the minutes without
    names. In the question line, Up and Down choose who asked; the name stays for the next question
    and the next stage, and can be left empty."""
    clock = FakeClock(1000.0)
    app = app_at(db_path, "session", clock=clock)  # Asha presents; Ben, Carys, Dev, Erin ask
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n")  # the account, then the first question stage
        await pilot.pause()
        screen = app.screen
        await pilot.press("s")
        await type_text(pilot, "What matters most here?")
        await pilot.press("down")  # the first who may ask
        assert screen.query_one("#asker", Select).value == "Ben"
        await pilot.press("down", "down", "up")  # Carys, Dev, back to Carys
        assert app.focused is screen.query_one("#question", Input)  # still typing
        await pilot.press("enter")
        await pilot.press("s")
        await type_text(pilot, "Who else is involved?")
        await pilot.press("enter")  # Carys again
        await pilot.press("s", "up", "up", "up")  # Ben, (nobody), Erin: round the ends
        await type_text(pilot, "And then?")
        await pilot.press("enter")
        await pilot.press("ctrl+n")  # the next stage starts with the last name used
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#asker", Select).value == "Erin"
        await pilot.press("s", "down")  # past the last: nobody named
        assert screen.query_one("#asker", Select).is_blank()
        await type_text(pilot, "What would help?")
        await pilot.press("enter")
    meeting = saved_meeting(db_path)
    stages = [(q.asker, q.text) for q in meeting.sessions[0].questions]
    assert stages == [("Carys", "What matters most here?"), ("Carys", "Who else is involved?"),
                      ("Erin", "And then?"), ("", "What would help?")]


# -- every meeting screen: printable keys type, never act -------------------------------------------
SCREENS = {  # phase in the factory, keys after opening, the text field to type in
    "opening": ("opening", (), "#length"),
    "checkin": ("checkin", (), "#note"),
    "bids": ("bids", (), "#title-2"),
    "selection": ("selection", (), "Input"),
    "stage": ("session", ("ctrl+n", "ctrl+n", "s"), "#question"),
    "actions": ("actions", (), ".what"),
    "review": ("review", (), "Input"),
    "summary": ("review", ("ctrl+n",), "#next-date"),
}


@pytest.mark.parametrize("name", sorted(SCREENS))
async def test_printable_keys_type_into_a_focused_field_on_every_meeting_screen(db_path, name):
    phase, keys, selector = SCREENS[name]
    app = app_at(db_path, phase, mutate=fresh_checkin if phase == "checkin" else None)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        screen = app.screen
        field = screen.query(selector).first()
        assert isinstance(field, (Input, TextArea))
        field.focus()
        await pilot.pause()
        bound = {key for key in screen.active_bindings} | {  # (and those not offered while typing)
            key.strip() for cls in type(screen).__mro__ for b in vars(cls).get("BINDINGS", ())
            if isinstance(b, Binding) for key in b.key.split(",")}
        printable = sorted(key for key in bound
                           if len(key) == 1 or key in ("space", "plus", "equals_sign", "question_mark", "minus"))
        assert printable or name != "stage"
        chars = {"space": " ", "plus": "+", "equals_sign": "=", "question_mark": "?", "minus": "-"}
        if isinstance(field, Input) and field.type == "integer":
            field.type = "text"  # the keys to try are letters too
        field.max_length = 0
        for key in printable:
            await pilot.press(key)
        await pilot.pause()
        assert app.screen is screen, f"{name}: a key moved the meeting on"
        typed = "".join(chars.get(k, k) for k in printable)
        after = field.value if isinstance(field, Input) else field.text
        assert after.endswith(typed), f"{name}: typed {typed!r}, the field has {after!r}"


def test_no_printable_key_is_a_priority_binding():
    """A priority binding would fire before a text field sees the key: none may be printable."""
    import importlib
    import pkgutil

    import als_tui.screens as screens

    offenders = []
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"als_tui.screens.{info.name}")
        if not {"Input", "TextArea", "PrepForm"} & set(vars(module)):
            continue  # no text field on its screens (the guide pages with n and p)
        for obj in vars(module).values():
            for binding in getattr(obj, "BINDINGS", ()) if isinstance(obj, type) else ():
                if isinstance(binding, Binding) and binding.priority:
                    for key in binding.key.split(","):
                        if len(key.strip()) == 1 or key.strip() in ("space", "plus", "minus", "question_mark"):
                            offenders.append(f"{obj.__name__}: {key}")
    assert not offenders


async def test_attendance_ticked_and_unticked_differ_by_glyph_not_colour_alone(db_path):
    from tests.helpers import screen_text

    app = app_at(db_path, "opening")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("down", "enter")  # untick Ben
        await pilot.pause()
        asha = next(line for line in screen_text(app).splitlines() if "Asha" in line and "▐" in line)
        ben = next(line for line in screen_text(app).splitlines() if "Ben" in line and "▐" in line)
        assert "▐X▌" in asha
        assert "X" not in ben.split("Ben")[0], ben


async def test_bids_default_minutes_never_exceed_the_time_left(db_path):
    from tests.helpers import text_of

    def short(store, alset, meeting):
        meeting.planned_minutes = 60  # 60 - 5 opening - 5x3 check-in - 5 bids - 10 review - 5 close = 20

    app = app_at(db_path, "bids", mutate=short)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        assert screen.flow.available_minutes == 20
        assert screen.default_minutes <= 20
        assert screen.query_one("#minutes-2").placeholder == str(screen.default_minutes)
        await pilot.press(*"Budget")  # one issue, minutes left empty: the default
        await pilot.pause()
        assert "20 min wanted" in text_of(screen, "#bids-time")
        assert "more than there is" not in text_of(screen, "#bids-time")


async def test_opening_headings_are_not_cut(db_path):
    from tests.helpers import screen_text

    app = app_at(db_path, "opening")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        text = " ".join(screen_text(app).split())
        assert "(untick anyone who sent" in text and "apologies)" in text  # wrapped, not cut


async def test_ask_better_escape_after_f2_closes_the_hint_and_keeps_the_typing(db_path):
    from als_tui.app import ALSApp

    app = ALSApp(db_path=db_path, now=FakeClock(1000.0), today=lambda: "2026-03-10", start="gym")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "AskScreen"
        await type_text(pilot, "Have you tried asking")
        await pilot.press("enter")
        await type_text(pilot, "Why not")
        await pilot.press("f2")
        await pilot.pause()
        assert screen.query_one("#ask-improve").display
        await pilot.press("escape")  # closes the hint
        await pilot.pause()
        assert not screen.query_one("#ask-improve").display
        await type_text(pilot, " now")  # the next keys are still the question, not "next issue"
        await pilot.pause()
        assert screen.index == 0
        assert screen.query_one("#ask-input", Input).value == "Why not now"
        assert "Have you tried asking" in str(screen.query_one("#ask-list").render())
        await pilot.press("escape")  # a second Esc stops typing, as before
        assert app.focused is None


def _keys_at_once(app, *keys: str) -> None:
    """Keys as a fast typist sends them: all queued before the app has handled the first."""
    from textual import events

    for key in keys:
        char = key if len(key) == 1 else None
        app.post_message(events.Key(key, char))


async def test_words_typed_the_moment_a_turn_starts_are_kept(db_path):
    """Ctrl+N and the next speaker's first words in one burst: none of them is dropped, whichever
    field had the focus when Ctrl+N was pressed (here Asha's last action's learning line)."""
    app = app_at(db_path, "checkin", clock=FakeClock(1000.0), mutate=fresh_checkin)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        await type_text(pilot, "ok")
        await pilot.press("tab", "right", "enter", "tab")  # the action: partly, then its learning line
        await type_text(pilot, "asked twice")
        assert app.focused is screen.query_one("#learn-0", Input)
        _keys_at_once(app, "ctrl+n", "f", "i", "n", "e")
        await pilot.pause()
        await pilot.pause()
        assert screen.current == "Ben"
        assert screen.query_one("#note", Input).value == "fine"
        await pilot.press("ctrl+n")
        await pilot.pause()
    meeting = saved_meeting(db_path)
    assert meeting.checkin_for("Ben").note == "fine"
    assert meeting.checkin_for("Asha").updates[0].note == "asked twice"


async def test_go_to_someone_else_keeps_what_the_speaker_had_typed(db_path):
    """Ctrl+G puts a turn aside: Asha's words (and her action's status and learning) wait for her,
    while another speaks and is recorded in between; a crash in between loses none of it."""
    app = app_at(db_path, "checkin", clock=FakeClock(1000.0), mutate=fresh_checkin)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        screen = app.screen
        await type_text(pilot, "distracted")
        await pilot.press("tab", "right", "right", "enter", "tab")  # not done
        await type_text(pilot, "no slot")
        await pilot.press("ctrl+g")
        await pilot.pause()
        third = screen.meeting.checkin_order[2]
        await pilot.press("down", "down", "enter")  # the third in the round
        await pilot.pause()
        assert screen.current == third
        assert screen.query_one("#note", Input).value == ""
        await type_text(pilot, "calm")
        await pilot.press("ctrl+n")
        await pilot.pause()
        from tests.test_room_resume import on_disk  # (the app holds the lock: read as plain JSON)

        assert on_disk(db_path)["checkin_draft"]["waiting"]["Asha"]["note"] == "distracted"
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("home", "enter")  # Asha again
        await pilot.pause()
        assert screen.current == "Asha"
        assert screen.query_one("#note", Input).value == "distracted"
        assert screen.query_one("#status-0").pressed_index == 2
        assert screen.query_one("#learn-0", Input).value == "no slot"
        await pilot.press("ctrl+n")
        await pilot.pause()
    meeting = saved_meeting(db_path)
    assert meeting.checkin_for("Asha").note == "distracted"
    assert meeting.checkin_for(third).note == "calm"
    assert meeting.checkin_draft == {}


async def test_while_the_scribe_types_the_footer_offers_only_keys_that_work(db_path):
    """The footer advertised "+ +2 min" (and Space, n, s, L) while the scribe typed, and + typed a
    "+": it shows what works while typing (Enter keeps it, Esc closes, Ctrl+T the clock)."""
    from tests.helpers import screen_text

    app = app_at(db_path, "session")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "s")
        await pilot.pause()
        screen = app.screen
        footer = screen_text(app).splitlines()[-1]
        for absent in ("+2 min", "Start/Pause  n", "Note question", "Large clock", "Prompt"):
            assert absent not in footer, f"{absent!r} is offered while typing: {footer}"
        for present in ("Keep it", "Close", "^t Start/Pause", "Who asked", "Next stage"):
            assert present in footer, f"{present!r} is not shown while typing: {footer}"
        extended = screen.clock.extended
        await type_text(pilot, "Is +2 enough?")
        assert screen.query_one("#question", Input).value == "Is +2 enough?"
        assert screen.clock.extended == extended
        await pilot.press("escape")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "+2 min" in footer and "Note question" in footer and "Keep it" not in footer


async def test_a_question_kept_without_a_name_says_how_to_name_who_asked(db_path):
    """At the start of a session (and after a resume into one) "Who asked?" is blank and questions
    went into the minutes with no name, silently. The first one kept so says how to name the asker."""
    app = app_at(db_path, "session")
    told: list[str] = []
    notify = app.notify

    def noting(message, *args, **kwargs):
        if kwargs.get("title") == "Who asked?":
            told.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = noting  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "s")
        await type_text(pilot, "What happened next?\n")
        await pilot.pause()
        assert len(told) == 1 and "↑ and ↓" in told[0]
        await pilot.press("s")
        await type_text(pilot, "And then?\n")  # said once, not at every question
        await pilot.press("s", "down")
        await type_text(pilot, "Who else knew?\n")
        await pilot.pause()
        assert len(told) == 1
    assert [q.asker for q in saved_meeting(db_path).sessions[0].questions] == ["", "", "Ben"]


async def test_finishing_the_check_in_says_whose_typed_words_it_would_drop(db_path):
    """Ctrl+F with someone's words still unrecorded: the question names them before anything goes."""
    from tests.helpers import screen_text

    app = app_at(db_path, "checkin", clock=FakeClock(1000.0), mutate=fresh_checkin)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await type_text(pilot, "stuck in traffic")
        await pilot.press("ctrl+f")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Finish the check-in?" in text
        assert "What was typed for Asha is not kept" in text
        await pilot.press("n")  # keep going: the words are still there
        await pilot.pause()
        assert app.screen.query_one("#note", Input).value == "stuck in traffic"
