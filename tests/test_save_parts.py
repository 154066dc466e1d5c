"""A save serialises what it changed, not the whole history: every other table and meeting is
written from the bytes it had at the last write. The file is always exactly what serialising
everything would give (the suite checks that on every write, see conftest)."""

from __future__ import annotations

import json

import pytest
from tinydb import Query

from als_tui import model
from als_tui.store import layout as store_module  # where the file is serialised
from als_tui.model import Action, ALSet, Meeting, Member
from als_tui.store import DurableStorage, Store


def _store_with_history(db_path, meetings: int = 30) -> Store:
    store = Store(db_path)
    store.save_set(ALSet(name="Ward managers", members=[Member("Asha"), Member("Ben")], id="s1", created="2026-01-01"))
    for i in range(meetings):
        store.save_meeting(Meeting(set_id="s1", date=f"2025-{1 + i % 12:02d}-01", status=model.FINISHED,
                                   id=f"m{i}", facilitator="x" * 2000))
    store.save_action(Action(set_id="s1", owner="Asha", text="Call the sponsor", id="a1"))
    return store


def _counting_dumps(monkeypatch) -> list[int]:
    sizes: list[int] = []
    real = store_module.orjson.dumps

    def dumps(obj, *args, **kwargs):
        out = real(obj, *args, **kwargs)
        sizes.append(len(out))
        return out

    monkeypatch.setattr(store_module.orjson, "dumps", dumps)
    return sizes


def test_saving_one_meeting_serialises_that_meeting_and_the_schema_document_only(db_path, monkeypatch):
    store = _store_with_history(db_path)
    try:
        meeting = store.get_meeting("m7")
        whole = len(db_path.read_bytes())
        monkeypatch.setattr(DurableStorage, "verify_parts", False)  # (its check serialises it all)
        sizes = _counting_dumps(monkeypatch)
        meeting.facilitator = "Asha"
        store.save_meeting(meeting)
        assert sizes and max(sizes) < 1000 and sum(sizes) < whole / 20
        on_disk = json.loads(db_path.read_bytes())
        saved = [d for d in on_disk["meetings"].values() if d["id"] == "m7"]
        assert saved[0]["facilitator"] == "Asha"
        assert len(on_disk["meetings"]) == 30
    finally:
        store.close()


def test_every_kind_of_write_leaves_the_file_equal_to_the_data(db_path):
    store = _store_with_history(db_path, meetings=8)
    try:
        checks = [
            lambda: store.save_meeting(Meeting(set_id="s1", date="2026-05-01", id="new")),  # an insert
            lambda: store.save_action(Action(set_id="s1", owner="Ben", text="Ask the team", id="a2")),
            lambda: store.delete_meeting("m3"),  # TinyDB's own remove: no change named
            lambda: store.save_meeting(store.get_meeting("m5")),
            lambda: store.set_meta("prep_last", ["s1", "Asha"]),
            lambda: store._db.table("meetings").update({"facilitator": "by TinyDB"}, Query().id == "m6"),
            lambda: store.save_meeting(store.get_meeting("m1")),
        ]
        for write in checks:
            write()
            assert json.loads(db_path.read_bytes()) == json.loads(json.dumps(store.storage.read()))
        assert store.get_meeting("m6").facilitator == "by TinyDB"
        assert store.get_meeting("m3") is None
    finally:
        store.close()
    with Store(db_path) as again:
        assert {m.id for m in again.meetings("s1")} == {f"m{i}" for i in range(8) if i != 3} | {"new"}


def test_a_change_the_store_did_not_name_is_caught_by_the_check(db_path):
    """The check the suite runs on every write can fail: a meeting changed behind the store's back
    (in memory, with no write of its own) would otherwise keep its old bytes at the next save."""
    store = _store_with_history(db_path, meetings=3)
    try:
        doc = next(iter(store.storage.read()["meetings"].values()))
        doc["facilitator"] = "changed in memory only"
        with pytest.raises(AssertionError, match="did not say"):
            store.save_action(Action(set_id="s1", owner="Asha", text="Another", id="a3"))
    finally:
        store.close()


def test_saving_the_newest_meeting_checksums_that_meeting_not_the_whole_history(db_path, monkeypatch):
    """The meetings line's CRC is taken on from the unchanged meetings before the one saved (a
    meeting in progress is the newest, the last written): a save reads that meeting's bytes for
    its checksum, not 3 MB of history. The file still checks (read back below)."""
    store = _store_with_history(db_path)
    try:
        running = Meeting(set_id="s1", date="2026-12-06", status=model.IN_PROGRESS, id="now")
        store.save_meeting(running)
        whole = len(db_path.read_bytes())
        monkeypatch.setattr(DurableStorage, "verify_parts", False)  # (its check serialises it all)
        read: list[int] = []
        real = store_module.zlib.crc32

        def crc32(data, value=0):
            read.append(len(data))
            return real(data, value)

        monkeypatch.setattr(store_module.zlib, "crc32", crc32)
        running.facilitator = "Asha"
        store.save_meeting(running)
        assert 0 < sum(read) < whole / 10, (sum(read), whole)
    finally:
        store.close()
    monkeypatch.undo()
    with Store(db_path) as again:  # the checksums agree with the bytes: the file opens
        assert again.get_meeting("now").facilitator == "Asha"
        assert len(again.meetings("s1")) == 31
