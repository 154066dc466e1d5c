"""Lazy history: the actions line and the meetings line are each parsed only when needed, and
nothing about the file's safety changes (every reader still sees one JSON object; a broken line
is refused, never overwritten)."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from als_tui import cli, model
from als_tui.app import ALSApp
from als_tui.model import Action, ALSet, Meeting, Member, Prep
from als_tui.store import INDEX_KEY, CorruptError, Store
from tests.factories import make_app


def _set(store: Store, set_id: str, name: str) -> ALSet:
    alset = ALSet(name=name, members=[Member("Asha"), Member("Ben")], id=set_id, created="2026-01-01")
    store.save_set(alset)
    return alset


def _history(db_path) -> None:
    with Store(db_path) as store:
        _set(store, "s1", "Ward managers")
        _set(store, "s2", "Deputy heads")
        _set(store, "s3", "No meetings yet")
        for i, (set_id, status, date) in enumerate([
            ("s1", model.FINISHED, "2026-01-05"), ("s1", model.FINISHED, "2026-02-09"),
            ("s1", model.IN_PROGRESS, "2026-03-09"), ("s2", model.FINISHED, "2025-12-01"),
        ]):
            store.save_meeting(Meeting(set_id=set_id, date=date, status=status, id=f"m{i}"))
        store.save_action(Action(set_id="s1", owner="Asha", text="Talk to the night team", id="a1"))
        store.save_prep(Prep(set_id="s1", member="Ben", issue="Rota gaps"))
        store.set_meta("prep_last", ["s1", "Ben"])


def _lines(db_path, checksums: bool = False) -> tuple[bytes, bytes, bytes]:
    """The file's three lines; without the checksums in its index unless *checksums*, as for a
    file edited by hand (or written before checksums): a line changed under a checksum is refused
    (tests/test_damaged_files.py)."""
    first, actions, meetings = db_path.read_bytes().split(b"\n")
    return (first if checksums else without_checksums(first)), actions, meetings


def without_checksums(raw: bytes) -> bytes:
    return re.sub(rb',"checksums":\{[^}]*\}', b"", raw, count=1)


def test_the_file_is_one_json_object_in_three_lines_with_the_actions_then_the_meetings_last(db_path):
    _history(db_path)
    raw = db_path.read_bytes()
    first, actions, meetings = _lines(db_path)
    assert actions.startswith(b'"actions":') and meetings.startswith(b'"meetings":') and raw.endswith(b"}")
    data = json.loads(raw)
    assert len(data["meetings"]) == 4 and data["sets"]["1"]["name"] == "Ward managers"
    assert [a["text"] for a in data["actions"].values()] == ["Talk to the night team"]
    with TinyDB(db_path, storage=JSONStorage, access_mode="r") as stock:  # TinyDB's own reader
        assert len(stock.table("meetings")) == 4 and len(stock.table("actions")) == 1
    index = data["_meta"]["1"][INDEX_KEY]
    assert index["sets"] == {"s1": [2, "2026-02-09", True], "s2": [1, "2025-12-01", False]}
    assert index["open_actions"] == {"s1": 1}
    assert index["bytes"] == len(meetings) - len(b'"meetings":') - 1  # (without the closing brace)
    assert index["actions_bytes"] == len(actions) - len(b'"actions":') - 1  # (without the comma)


def test_a_file_without_actions_has_two_lines(db_path):
    with Store(db_path) as store:
        _set(store, "s1", "Ward managers")
        store.save_meeting(Meeting(set_id="s1", date="2026-01-05", status=model.FINISHED, id="m1"))
    first, meetings = db_path.read_bytes().split(b"\n")
    assert meetings.startswith(b'"meetings":')
    with Store(db_path) as store:
        assert store.history_pending and store.overview("s1")["open_actions"] == 0
        assert store.actions("s1") == [] and store.history_pending


def test_opening_reads_everything_but_the_actions_and_meetings_which_wait_until_asked_for(db_path):
    _history(db_path)
    with Store(db_path) as store:
        storage = store.storage
        assert storage.pending_table("actions") and storage.pending_table("meetings")
        assert [s.name for s in store.sets()] == ["Deputy heads", "No meetings yet", "Ward managers"]
        assert store.get_set("s1").name == "Ward managers"
        assert store.get_prep("s1", "Ben").issue == "Rota gaps"
        assert store.get_meta("prep_last") == ["s1", "Ben"]
        from_index = {s: store.overview(s) for s in ("s1", "s2", "s3")}
        assert storage.pending_table("actions") and storage.pending_table("meetings")  # all from the first line
        assert from_index["s1"] == {"finished": 2, "last": "2026-02-09", "open_actions": 1, "in_progress": True}
        assert from_index["s3"] == {"finished": 0, "last": "", "open_actions": 0, "in_progress": False}
        assert [a.text for a in store.actions("s1", "Asha")] == ["Talk to the night team"]  # parsed now ...
        assert not storage.pending_table("actions") and storage.pending_table("meetings")  # ... alone
        assert store.history_pending
        assert store.get_meeting("m3").date == "2025-12-01"  # asked for: parsed now
        assert not store.history_pending
        assert {s: store.overview(s) for s in ("s1", "s2", "s3")} == from_index  # the scan agrees


def test_an_index_that_does_not_fit_the_meetings_is_not_believed(db_path):
    _history(db_path)
    first, actions, meetings = _lines(db_path)
    db_path.write_bytes(b"\n".join([first, actions, meetings.replace(b'"2026-02-09"', b'"2026-02-19" ')]))  # by hand
    with Store(db_path) as store:
        assert store.overview("s1")["last"] == "2026-02-19"


def test_an_index_that_does_not_fit_the_actions_is_not_believed(db_path):
    _history(db_path)
    first, actions, meetings = _lines(db_path)
    db_path.write_bytes(b"\n".join([first, actions.replace(b'"status":"open"', b'"status":"done" '), meetings]))
    with Store(db_path) as store:
        assert store.overview("s1")["open_actions"] == 0
        assert store.storage.pending_table("meetings")  # the meetings were not needed for that


def test_an_edit_of_the_actions_that_kept_the_length_is_reported_once_they_are_read(db_path):
    _history(db_path)
    first, actions, meetings = _lines(db_path)
    db_path.write_bytes(b"\n".join([first, actions.replace(b'"status":"open"', b'"status":"done"'), meetings]))
    with Store(db_path) as store:
        assert store.overview("s1")["open_actions"] == 1  # the index, before the actions are read
        assert store.load_history() is True  # ... which says it was wrong
        assert store.overview("s1")["open_actions"] == 0


async def test_an_edit_that_kept_the_length_is_put_right_on_screen_once_the_meetings_are_read(db_path):
    _history(db_path)
    first, actions, meetings = _lines(db_path)
    db_path.write_bytes(b"\n".join([first, actions, meetings.replace(b'"2025-12-01"', b'"2025-12-09"')]))  # same length
    with Store(db_path) as store:
        assert store.overview("s2")["last"] == "2025-12-01"  # the index, before the meetings are read
        assert store.load_history() is True  # ... which says it was wrong
        assert store.overview("s2")["last"] == "2025-12-09"
        assert store.load_history() is False
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(10):
            await pilot.pause()
            if not app.store.history_pending:
                break
        await pilot.pause()
        home = app.screen_stack[0]  # (under the offer of the meeting left in progress, if any)
        detail = str(home.query_one("#detail").render())
        assert "Deputy heads" in detail and "last: 2025-12-09" in detail  # redrawn, nothing pressed


def test_a_save_straight_after_opening_keeps_every_meeting(db_path):
    _history(db_path)
    with Store(db_path) as store:
        alset = store.get_set("s2")
        alset.name = "Deputy heads (north)"
        store.save_set(alset)  # the first write parses the meetings first: none is dropped
    with Store(db_path) as store:
        assert len(store.meetings("s1")) == 3 and store.get_set("s2").name == "Deputy heads (north)"
        assert store.overview("s1")["finished"] == 2


def test_a_file_in_one_line_still_opens_and_is_rewritten_in_three(db_path):
    _history(db_path)
    db_path.write_text(json.dumps(json.loads(db_path.read_bytes()), indent=2))  # as another tool might
    with Store(db_path) as store:
        assert not store.history_pending and len(store.meetings("s1")) == 3
        store.save_meeting(Meeting(set_id="s2", date="2026-03-01", status=model.FINISHED, id="m9"))
    assert db_path.read_bytes().count(b"\n") == 2
    with Store(db_path) as store:
        assert store.history_pending and store.overview("s2")["last"] == "2026-03-01"


def test_a_file_of_the_two_line_layout_opens_lazily_and_is_rewritten_in_three(db_path):
    """Files written before the actions had their own line: the actions are in the first line."""
    _history(db_path)
    data = json.loads(db_path.read_bytes())
    meetings = data.pop("meetings")
    del data["_meta"]["1"][INDEX_KEY]["open_actions"], data["_meta"]["1"][INDEX_KEY]["actions_bytes"]
    del data["_meta"]["1"][INDEX_KEY]["checksums"]  # (written before checksums, too)
    body = json.dumps(meetings, separators=(",", ":"))
    data["_meta"]["1"][INDEX_KEY]["bytes"] = len(body)
    head = json.dumps(data, separators=(",", ":"))
    db_path.write_text(head[:-1] + ',\n"meetings":' + body + "}")
    with Store(db_path) as store:
        assert store.history_pending and not store.storage.pending_table("actions")
        assert store.overview("s1") == {"finished": 2, "last": "2026-02-09", "open_actions": 1, "in_progress": True}
        assert store.history_pending  # from the index
        store.save_action(Action(set_id="s2", owner="Ben", text="Ask the governors", id="a2"))
    assert db_path.read_bytes().count(b"\n") == 2
    with Store(db_path) as store:
        assert store.overview("s2")["open_actions"] == 1 and len(store.meetings("s1")) == 3


def test_an_old_schema_in_two_lines_is_migrated_with_its_meetings(db_path):
    _history(db_path)
    raw = without_checksums(db_path.read_bytes()).replace(b'"schema":1', b'"schema":0', 1)
    db_path.write_bytes(raw)
    with Store(db_path) as store:
        assert len(store.meetings("s1")) == 3
    assert json.loads(db_path.read_bytes())["_meta"]["1"]["schema"] == model.SCHEMA_VERSION


def _break_meetings_line(db_path) -> bytes:
    first, actions, meetings = _lines(db_path)
    broken = b"\n".join([first, actions, meetings[: len(meetings) // 2] + b"}"])  # cut short, as by a bad copy
    db_path.write_bytes(broken)
    return broken


def _break_actions_line(db_path) -> bytes:
    first, actions, meetings = _lines(db_path)
    broken = b"\n".join([first, actions[: len(actions) // 2] + b",", meetings])
    db_path.write_bytes(broken)
    return broken


@pytest.mark.parametrize("breaking", [_break_meetings_line, _break_actions_line])
def test_a_broken_line_is_refused_and_never_overwritten(db_path, breaking):
    _history(db_path)
    broken = breaking(db_path)
    with Store(db_path) as store:
        assert store.sets()  # the first line is fine
        with pytest.raises(CorruptError, match="cannot be read") as err:
            store.load_history()
        assert "\n" not in str(err.value) and "has not been changed" in str(err.value)
        with pytest.raises(CorruptError):
            store.save_set(store.get_set("s1"))  # a write must read it all first: refused too
    assert db_path.read_bytes() == broken


async def test_the_app_stops_with_one_line_when_the_meetings_cannot_be_read(db_path):
    _history(db_path)
    broken = _break_meetings_line(db_path)
    app = make_app(db_path)
    await asyncio.wait_for(app.run_async(headless=True, size=(100, 30)), timeout=60)  # it stops by itself
    assert app.return_code == 1
    assert "cannot be read" in app.fatal_message and "\n" not in app.fatal_message
    assert db_path.read_bytes() == broken


def test_als_says_so_in_one_line_and_exits_1(db_path, monkeypatch, capsys):
    _history(db_path)
    broken = _break_meetings_line(db_path)
    original_run = ALSApp.run
    monkeypatch.setattr(ALSApp, "run", lambda self, **kw: original_run(self, headless=True, **kw))
    assert cli.main(["--db", str(db_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("als: ") and "cannot be read" in err and "\n" not in err
    assert db_path.read_bytes() == broken


def test_the_backup_export_leaves_the_index_out(db_path):
    _history(db_path)
    with Store(db_path) as store:
        raw = store.raw()
    assert INDEX_KEY not in raw["_meta"]["1"] and len(raw["meetings"]) == 4


@pytest.mark.parametrize("start", [None, "prep"])
async def test_the_app_parses_the_meetings_soon_after_its_first_screen_without_being_asked(db_path, start):
    _history(db_path)
    app = ALSApp(db_path=db_path, start=start)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(10):
            await pilot.pause()
            if not app.store.history_pending:
                break
        assert not app.store.history_pending  # so a damaged file is found at once, not mid-meeting


def test_a_large_first_line_is_moved_out_of_the_collectors_way_at_opening(db_path):
    """The first line of a long history is ~1 MB of long-lived objects; left to the collector, a
    full collection during the first paint cost ~30 ms on the prep screen."""
    import gc

    with Store(db_path) as store:
        _set(store, "s1", "Ward managers")
        store.save_meeting(Meeting(set_id="s1", date="2026-01-05", status=model.FINISHED, id="m1"))
        store.set_meta("notes", ["a line of notes " * 60] * 700)  # ~700 KB in the first line
    first_line = db_path.read_bytes().split(b"\n")[0]
    assert len(first_line) > 600_000
    gc.unfreeze()
    try:
        with Store(db_path) as store:
            assert store.history_pending
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_overview_follows_each_save_once_the_meetings_are_parsed(db_path):
    _history(db_path)
    with Store(db_path) as store:
        assert store.overview("s1")["finished"] == 2  # from the file's index
        store.load_history()
        assert store.overview("s1")["finished"] == 2  # from the meetings as parsed
        store.save_meeting(Meeting(set_id="s1", date="2026-04-06", status=model.FINISHED, id="m9"))
        assert store.overview("s1") == {"finished": 3, "last": "2026-04-06", "open_actions": 1, "in_progress": True}
        store.delete_meeting("m9")  # a plain TinyDB write: worked out again from the meetings
        assert store.overview("s1")["finished"] == 2


def test_als_pauses_the_collector_until_its_first_screen_is_built(db_path, monkeypatch):
    """The start-up makes ~80,000 long-lived objects: `als` collects none of them on the way to
    the first screen, then freezes them and collects as usual."""
    import gc

    _history(db_path)
    seen: dict[str, bool] = {}
    original_run, original_load = ALSApp.run, ALSApp._load_history

    def run(self, **kw):
        seen["while starting"] = gc.isenabled()
        return original_run(self, headless=True, **kw)

    def load_history(self):
        seen["at the first screen"] = gc.isenabled()
        original_load(self)
        seen["once it is up"] = gc.isenabled()
        self.exit()

    monkeypatch.setattr(ALSApp, "run", run)
    monkeypatch.setattr(ALSApp, "_load_history", load_history)
    frozen = gc.get_freeze_count()
    try:
        assert cli.main(["--db", str(db_path)]) == 0
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
    assert seen == {"while starting": False, "at the first screen": False, "once it is up": True}
    assert gc.isenabled()


def test_commands_without_the_app_leave_the_collector_on(monkeypatch, capsys):
    import gc

    seen = []
    monkeypatch.setitem(cli.COMMANDS, "banks", lambda args: seen.append(gc.isenabled()) or 0)
    assert cli.main(["banks"]) == 0
    assert seen == [True] and gc.isenabled()


def test_opening_reads_the_first_line_and_the_rest_only_when_needed(db_path):
    """The lines are read from the file that was opened, even if another file is put in its
    place meanwhile (as a sync tool does), and the file is closed with the store."""
    import os

    _history(db_path)
    older = db_path.read_bytes()
    with Store(db_path) as other:
        other.save_meeting(Meeting(set_id="s2", date="2026-05-01", status=model.FINISHED, id="m8"))
    newer = db_path.with_name("newer.json")
    newer.write_bytes(db_path.read_bytes())
    db_path.write_bytes(older)  # the file as it was before that save
    store = Store(db_path)
    try:
        assert store.overview("s2")["finished"] == 1 and store.history_pending
        os.replace(newer, db_path)  # replaced under the open store
        assert store.load_history() is False
        assert [m.id for m in store.meetings("s2")] == ["m3"]  # the opened file's meetings, whole
    finally:
        store.close()
    assert store.storage._unread is None


def test_a_file_changed_in_place_while_open_is_refused_and_not_overwritten(db_path):
    _history(db_path)
    with Store(db_path) as store:
        assert store.sets()
        with db_path.open("r+b") as f:  # another program writes into the file itself
            f.seek(0, 2)
            f.write(b"  ")
        changed = db_path.read_bytes()
        with pytest.raises(CorruptError, match="another program changed it while als had it open"):
            store.load_history()
        with pytest.raises(CorruptError):
            store.save_set(store.get_set("s1"))
    assert db_path.read_bytes() == changed


def test_an_index_pointing_to_the_wrong_place_is_not_believed(db_path):
    _history(db_path)
    raw = without_checksums(db_path.read_bytes())
    index = json.loads(raw)["_meta"]["1"][INDEX_KEY]
    wrong = raw.replace(b'"actions_bytes":%d' % index["actions_bytes"],
                        b'"actions_bytes":%d' % (index["actions_bytes"] + 1), 1)  # (one digit more or not)
    db_path.write_bytes(wrong)
    with Store(db_path) as store:
        assert store.overview("s1") == {"finished": 2, "last": "2026-02-09", "open_actions": 1, "in_progress": True}
        assert len(store.meetings("s1")) == 3
