"""A save and a member's look-up cost the same on a long history as on a short one: counted, not
timed (bench/meeting_walk.py times them).

A save of one meeting or one action reads no other stored document (no table rebuilt, no scan for
the document it replaces, no recount of the index), serialises that document only, and a check-in
turn finds the speaker's actions without reading the others'."""

from __future__ import annotations

from pathlib import Path

import pytest
from tinydb.table import Table

from als_tui import cli
from als_tui.model import Action, Meeting
from als_tui.store import DurableStorage, SaveError, Store
from als_tui.store import layout as serialising
from als_tui.store.docindex import DocIndex

SMALL, LARGE = 6, 120


class Counting(dict):
    """A stored document that counts the reads of its fields."""

    reads = 0

    def get(self, *args):
        Counting.reads += 1
        return super().get(*args)

    def __getitem__(self, key):
        Counting.reads += 1
        return super().__getitem__(key)


def _history(tmp_path: Path, meetings: int) -> Path:
    db = tmp_path / f"h{meetings}.json"
    assert cli.main(["demo", "--db", str(db), "--meetings", str(meetings)]) == 0
    return db


def _counting_documents(store: Store) -> None:
    """Every stored meeting and action becomes a Counting document (equal, so the file is the same)."""
    data = store.storage.read()
    for table in ("meetings", "actions"):
        docs = data[table]
        for key, doc in list(docs.items()):
            docs[key] = Counting(doc)


def _save_costs(db: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[int, int, int]]:
    """{what was saved: (reads of other stored documents, table rebuilds, bytes serialised)}."""
    monkeypatch.setattr(DurableStorage, "verify_parts", False)  # (its check serialises it all)
    monkeypatch.setattr(DocIndex, "verify", False)  # (its check scans the table)
    serialised = [0]
    real_dumps = serialising.orjson.dumps

    def dumps(obj, *args, **kwargs):
        out = real_dumps(obj, *args, **kwargs)
        serialised[0] += len(out)
        return out

    rebuilds = [0]
    real_update = Table._update_table

    def update_table(self, updater):
        rebuilds[0] += 1
        return real_update(self, updater)

    costs = {}
    with Store(db) as store:
        store.load_history()
        alset = store.sets()[0]
        meeting = store.recent_meetings(alset.id, 1)[-1]
        action = store.actions(alset.id)[-1]
        store.save_meeting(meeting)  # (the first save after reading serialises everything)
        store.save_action(action)
        _counting_documents(store)
        monkeypatch.setattr(serialising.orjson, "dumps", dumps)
        monkeypatch.setattr(Table, "_update_table", update_table)
        saves = {
            "a meeting": lambda: store.save_meeting(meeting),
            "an action": lambda: store.save_action(action),
            "a new action": lambda: store.save_action(Action(set_id=alset.id, owner=action.owner, text="Ask Jo")),
            "a new meeting": lambda: store.save_meeting(Meeting(set_id=alset.id, date="2026-12-07")),
        }
        for what, save in saves.items():
            Counting.reads, rebuilds[0], serialised[0] = 0, 0, 0
            save()
            costs[what] = (Counting.reads, rebuilds[0], serialised[0])
        monkeypatch.undo()
    return costs


def test_a_save_reads_and_serialises_only_the_document_it_saves(tmp_path: Path, monkeypatch) -> None:
    small = _save_costs(_history(tmp_path, SMALL), monkeypatch)
    large = _save_costs(_history(tmp_path, LARGE), monkeypatch)
    for what in small:
        (reads, rebuilt, size), (reads_6, _, size_6) = large[what], small[what]
        # (the saved meeting itself was read back once before it was replaced: a handful of fields)
        assert reads <= 5, f"saving {what} at {LARGE} meetings read {reads} fields of other documents"
        assert rebuilt == 0, f"saving {what} rebuilt a table"
        assert size <= size_6 + 1000, f"saving {what}: {size} bytes serialised at {LARGE} meetings, {size_6} at {SMALL}"


def test_a_file_saved_piece_by_piece_opens_with_the_counts_a_full_count_gives(tmp_path: Path) -> None:
    """The index's counts, kept in step with each save, are the counts of everything (the suite
    checks every write's bytes; here the home screen's figures after a meeting's saves)."""
    db = _history(tmp_path, SMALL)
    with Store(db) as store:
        store.load_history()
        alset = store.sets()[0]
        before = store.overview(alset.id)
        meeting = Meeting(set_id=alset.id, date="2026-12-07")
        store.save_meeting(meeting)
        assert store.overview(alset.id)["in_progress"]
        mine = store.actions_where(alset.id, lambda d: d.get("status") in ("open", "partly", "not_done"))
        for action in mine:
            action.set_status("done", "", meeting.id, "2026-12-07")
            store.save_action(action)
        store.save_action(Action(set_id=alset.id, owner="Asha", text="Ring the sponsor", meeting_id=meeting.id))
        meeting.status = "finished"
        store.save_meeting(meeting)
        after = store.overview(alset.id)
    with Store(db) as again:
        counted = again.overview(alset.id)  # (from the index the file carries)
        assert not again.load_history()  # (which agrees with the documents once they are read)
    assert counted == after
    assert after == {"finished": before["finished"] + 1, "last": "2026-12-07", "open_actions": 1,
                     "in_progress": False}


def test_a_members_actions_are_found_without_reading_the_others(tmp_path: Path) -> None:
    """A check-in turn asks for the speaker's actions: only theirs are tested, on a long history."""
    db = _history(tmp_path, LARGE)
    with Store(db) as store:
        alset = store.sets()[0]
        everyone = store.actions(alset.id)
        owner = everyone[-1].owner
        tested: list[str] = []

        def keep(doc) -> bool:
            tested.append(doc["owner"])
            return doc.get("status") == "open"

        found = store.actions_where(alset.id, keep, owner=owner)
        assert set(tested) == {owner}
        assert len(tested) == sum(1 for a in everyone if a.owner == owner)
        assert [a.id for a in found] == [a.id for a in everyone if a.owner == owner and a.status == "open"]
        assert [a.id for a in store.actions(alset.id, owner)] == [a.id for a in everyone if a.owner == owner]


@pytest.mark.parametrize("short", [True, False], ids=["short write, then a full disk", "a full disk"])
def test_a_long_history_written_a_thousand_chunks_a_call_keeps_file_and_change_on_a_full_disk(
        tmp_path: Path, monkeypatch, short: bool) -> None:
    """The file of a long history goes to the disk a thousand chunks a system call (``writev``): a
    disk that fills up midway (a short write, then ENOSPC) fails the save as any full disk does:
    the file and its backup as they were, no temp file left, the change kept and saved later."""
    import errno

    from als_tui.store import durable

    db = _history(tmp_path, LARGE)
    with Store(db) as store:
        store.load_history()
        meeting = store.recent_meetings(store.sets()[0].id, 1)[-1]
        store.save_meeting(meeting)
        before, bak = db.read_bytes(), db.with_name(db.name + ".bak").read_bytes()
        calls: list[int] = []
        real = durable.os.writev

        def full_disk(*args):
            raise OSError(errno.ENOSPC, "No space left on device")

        def writev(fd, buffers):
            calls.append(len(buffers))
            if len(calls) == 2:
                if short:  # half of this batch goes; the next call finds the disk full
                    monkeypatch.setattr(durable.os, "write", full_disk)
                    return real(fd, list(buffers)[: len(buffers) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(fd, buffers)

        monkeypatch.setattr(durable.os, "writev", writev)
        meeting.facilitator = "Asha"
        with pytest.raises(SaveError, match="disk is full"):
            store.save_meeting(meeting)
        assert calls[0] == 1024  # (a thousand chunks a call)
        assert db.read_bytes() == before and db.with_name(db.name + ".bak").read_bytes() == bak
        assert not list(db.parent.glob(".*.tmp"))
        assert store.pending
        monkeypatch.undo()
        assert store.retry()
    with Store(db) as again:
        assert again.get_meeting(meeting.id).facilitator == "Asha"


def test_the_home_screens_figures_are_not_counted_again_over_the_history(tmp_path: Path, monkeypatch) -> None:
    """Back home after a meeting (and at each refresh) the figures come from the counts kept in step
    with the saves, not from a count over every action."""
    monkeypatch.setattr(DocIndex, "verify", False)
    db = _history(tmp_path, LARGE)
    with Store(db) as store:
        store.load_history()
        alset = store.sets()[0]
        counted = store.overview(alset.id)
        action = store.actions_where(alset.id, lambda d: d.get("status") == "open")[0]
        _counting_documents(store)
        Counting.reads = 0
        assert store.overview(alset.id) == counted  # (as counted when the actions were read)
        action.set_status("done", "", "", "2026-12-07")
        store.save_action(action)
        Counting.reads = 0
        assert store.overview(alset.id) == counted | {"open_actions": counted["open_actions"] - 1}
        assert Counting.reads == 0, f"the home screen's figures read {Counting.reads} fields of stored documents"
