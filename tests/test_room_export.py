"""Exports reached from where a set looks for them: the home screen's palette ("export") writes
the set's minutes and its actions, privately, beside the data file, off the UI thread."""

from __future__ import annotations

import stat

from als_tui.commands import set_export_path
from tests.helpers import app_at


async def palette(pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query.replace(" ", "_"))  # (underscores: the palette's input takes spaces too)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_export_is_in_the_home_palette_for_the_highlighted_set(db_path):
    app = app_at(db_path, "summary")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export")
        await pilot.pause(0.5)
        shown = " ".join(str(option.prompt) for option in app.screen.query_one("CommandList").options)
        assert "Export the minutes of Ward managers" in shown
        assert "Export the actions of Ward managers" in shown
        await pilot.press("enter")  # the first: the minutes
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    path = set_export_path(db_path, "Ward managers", "minutes")
    assert path.parent == db_path.parent and path.name == "ward-managers-minutes.md"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Ward managers: meeting of Tuesday 10 March 2026")


async def test_the_actions_export_from_home_is_a_csv_with_report_back(db_path):
    app = app_at(db_path, "summary")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export", "space", *"the", "space", *"actions")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    path = set_export_path(db_path, "Ward managers", "actions")
    assert path.name == "ward-managers-actions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith("last reported,report-back,meeting that day")
    assert any("Call the sponsor" in line for line in lines[1:])


async def test_exporting_twice_keeps_the_first_file(db_path):
    app = app_at(db_path, "summary")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = set_export_path(db_path, "Ward managers", "minutes")
        first.parent.mkdir(parents=True, exist_ok=True)
        first.write_text("an earlier export, edited by hand\n", encoding="utf-8")
        for _ in range(2):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"export", "space", *"the", "space", *"minutes")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert first.read_text(encoding="utf-8") == "an earlier export, edited by hand\n"
    second = first.with_name("ward-managers-minutes-2.md")
    third = first.with_name("ward-managers-minutes-3.md")
    assert second.read_text(encoding="utf-8").startswith("# Ward managers: meeting of")
    assert third.exists()
