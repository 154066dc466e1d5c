"""What `als prep` builds before the paint that shows the whole visible form and the action rows
(figure 3b of bench/run.py), counted, not timed: the widgets, the parts of the form, the rows;
and that what comes after that paint could not have been seen in it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.model import Prep
from als_tui.screens.prep import PrepScreen
from als_tui.store import Store
from tests.factories import TODAY, make_set
from tests.test_prep import old_action, prep_ready

ROWS = 3  # open actions of the member preparing


def _file(db_path) -> None:
    """A set, a member with a saved draft and three open actions (as in the demo at 600 meetings)."""
    with Store(db_path) as store:
        make_set(store, 6)
        for i in range(ROWS):
            store.save_action(old_action("Asha", f"Talk to the night team, step {i + 1}", f"a{i}"))
        store.save_action(old_action("Ben", "Not Asha's", "b1"))
        store.save_prep(Prep(set_id="set1", member="Asha", issue="Rota gaps", why="It keeps happening",
                             want="a sounding board", urgency=4, minutes=40, updated="2026-03-01"))


def _at_the_visible_paint(monkeypatch) -> list[dict]:
    """What each prep screen holds at the paint that shows its visible form and its action rows
    (figure 3b; the rest of the form is built just after it): widgets, action rows, form parts,
    and where the form's fold was in that paint."""
    seen: list[dict] = []
    original = PrepScreen._finish_form

    async def finish_form(self: PrepScreen) -> None:  # (runs once that paint is done)
        box = self.query_one("#prep-form")
        rest = self.query("#prep-form-rest")
        seen.append({
            "screen": self,
            "widgets": sum(1 for _ in self.walk_children(with_self=True)),
            "rows": len(self.query(".prep-action")),
            "parts": set() if not rest else {id(w) for w in rest.first().children},
            "fold": box.scrollable_content_region.height + round(box.scroll_y),
        })
        await original(self)

    monkeypatch.setattr(PrepScreen, "_finish_form", finish_form)
    return seen


def _app(db_path) -> ALSApp:
    return ALSApp(db_path=db_path, now=FakeClock(1000.0), today=lambda: TODAY, start="prep")


async def test_the_first_paint_after_the_issue_field_builds_what_can_be_seen_and_the_rows(db_path, monkeypatch):
    """At 80x24 (a terminal as `als prep` meets it; the benchmark's size) the paint after the
    first one shows the set and member, the form down to the fold and every action row: about
    fifty widgets. The form's whole 75 came at once before (figure 3b at 2.1x the bare app)."""
    _file(db_path)
    seen = _at_the_visible_paint(monkeypatch)
    app = _app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await prep_ready(pilot)
        (visible,) = seen
        assert visible["rows"] == ROWS  # every action row, also those scrolled out of the panel
        assert visible["widgets"] <= 50, visible["widgets"]
        whole = sum(1 for _ in screen.walk_children(with_self=True))
        assert whole - visible["widgets"] >= 12  # the form below the fold came after that paint


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (100, 30), (120, 36), (200, 60)])
async def test_what_comes_after_the_visible_paint_is_below_the_fold(db_path, monkeypatch, size):
    """Figure 3b stays honest: every part of the form built after that paint begins below what
    the form's box showed in it, at any size, and every action row was in it."""
    _file(db_path)
    seen = _at_the_visible_paint(monkeypatch)
    app = _app(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await prep_ready(pilot)
        for _ in range(3):
            await pilot.pause()
        (visible,) = seen
        assert visible["rows"] == ROWS
        rest = screen.query_one("#prep-form-rest")
        later = [w for w in rest.children if id(w) not in visible["parts"] and w.display]
        tops = [rest.virtual_region.y + w.virtual_region_with_margin.y for w in later]
        assert all(top >= visible["fold"] for top in tops), (visible["fold"], tops)
        if size[1] >= 60:  # a tall terminal shows it all: nothing is left for later
            assert not later


def test_the_footer_does_not_import_the_meeting_screens_to_ask_whether_one_is_open(tmp_path):
    """The footer asks the app about its keys on every screen; on the prep screen that question
    imported the meeting screens, the question bank and YAML (~20 ms) just after the first paint."""
    code = (
        "import sys\n"
        "from als_tui.app import ALSApp\n"
        "app = ALSApp(db_path=sys.argv[1])\n"
        "print(app.meeting_screen(), 'als_tui.screens.base' in sys.modules, 'yaml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "als.json")], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["None", "False", "False"]
