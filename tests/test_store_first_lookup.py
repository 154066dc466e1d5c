"""The first look-up of a member's actions on a freshly opened long history (what ``als prep``
shows just after its first paint): counted, not timed (bench/store_ops.py times it).

It reads the file only as far as the end of the actions line and parses that line alone; the
meetings line is read later, from the same open file, and every check a file gets still holds:
a file changed or replaced while it was open, a broken line, an index that does not fit."""

from __future__ import annotations

import asyncio
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from als_tui import cli
from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.model import Action
from als_tui.store import CorruptError, Store
from als_tui.store import storage as storage_module
from als_tui.store.codec import loads_as_written
from als_tui.store.layout import INDEX_KEY
from tests.factories import TODAY

MEETINGS = 120  # (its actions line, ~190 KB, is longer than the 64 KB read at opening)
OPEN_STATUSES = ("open", "partly", "not_done")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    db = tmp_path_factory.mktemp("history") / "als.json"
    assert cli.main(["demo", "--db", str(db), "--meetings", str(MEETINGS)]) == 0
    return db.read_bytes()


@pytest.fixture
def db(tmp_path: Path, history: bytes) -> Path:
    path = tmp_path / "als.json"
    path.write_bytes(history)
    os.chmod(path, 0o600)
    return path


class CountingFile:
    """The data file as the store reads it, each read noted as (where it started, bytes read)."""

    def __init__(self, inner: Any, reads: list[tuple[int, int]]) -> None:
        self._inner, self.reads = inner, reads

    def read(self, size: int = -1) -> bytes:
        at = self._inner.tell()
        data = self._inner.read(size)
        self.reads.append((at, len(data)))
        return data

    def readinto(self, buffer: Any) -> int:
        at = self._inner.tell()
        count = self._inner.readinto(buffer)
        self.reads.append((at, count or 0))
        return count

    def seek(self, *args: int) -> int:
        return self._inner.seek(*args)

    def tell(self) -> int:
        return self._inner.tell()

    def fileno(self) -> int:
        return self._inner.fileno()

    def close(self) -> None:
        self._inner.close()

    def __enter__(self) -> CountingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    reads: list[tuple[int, int]] = []
    real = storage_module.open_regular
    monkeypatch.setattr(storage_module, "open_regular", lambda path: CountingFile(real(path), reads))
    return reads


def _lines(raw: bytes) -> tuple[bytes, bytes, bytes]:
    first, actions, meetings = raw.split(b"\n")
    return first, actions, meetings


def _without_checksums(raw: bytes) -> bytes:
    return re.sub(rb',"checksums":\{[^}]*\}', b"", raw, count=1)


def _busiest(raw: bytes) -> tuple[str, str, list[str]]:
    """(set id, the member with the most open actions, the ids of those actions as saved)."""
    actions = json.loads(raw)["actions"].values()
    owners = sorted({a["owner"] for a in actions})
    def still_open(owner: str) -> list[dict[str, Any]]:
        return [a for a in actions if a["owner"] == owner and a["status"] in OPEN_STATUSES]
    owner = max(owners, key=lambda name: len(still_open(name)))
    mine = still_open(owner)
    assert mine, "the demo history gives someone an open action"
    return mine[0]["set_id"], owner, [a["id"] for a in sorted(mine, key=lambda a: a["created"])]


def _look_up(store: Store, set_id: str, owner: str) -> list[str]:
    found = store.actions_where(set_id, lambda d: d.get("status", "open") in OPEN_STATUSES, owner=owner)
    return [a.id for a in found]


def test_the_first_look_up_reads_the_file_only_as_far_as_the_end_of_the_actions(db, monkeypatch):
    raw = db.read_bytes()
    first, actions, _ = _lines(raw)
    meetings_value = len(first) + 1 + len(actions) + 1 + len(b'"meetings":')  # where the meetings begin
    set_id, owner, expected = _busiest(raw)
    reads = _counting(monkeypatch)
    parsed: list[int] = []
    for name in ("loads", "loads_as_written"):
        real = getattr(storage_module, name)
        monkeypatch.setattr(storage_module, name, lambda text, real=real: parsed.append(len(text)) or real(text))
    with Store(db) as store:
        assert _look_up(store, set_id, owner) == expected
        farthest = max(at + count for at, count in reads)
        total = sum(count for _, count in reads)
        assert farthest <= meetings_value, f"read {farthest - meetings_value} bytes of the meetings line"
        assert total <= meetings_value, total  # (each byte once: the start of the meetings line is looked at
        #                                         where the index says it is, at opening)
        assert store.storage.pending_table("meetings") and max(parsed) <= len(actions)
        store.load_history()  # the rest, when it is needed: from the same file
        assert max(at + count for at, count in reads) == len(raw)
        assert len(store.meetings(set_id)) == MEETINGS


def test_the_actions_line_is_parsed_as_the_careful_reader_parses_it(db):
    """A line its checksum vouches for is parsed by orjson straight away: the same documents."""
    from als_tui.store.codec import loads

    actions = _lines(db.read_bytes())[1][len(b'"actions":'):-1]
    assert loads_as_written(memoryview(actions)) == loads(actions)
    with Store(db) as store:
        store.storage.load_lazy("actions")
        assert store.storage.peek()["actions"] == loads(actions)


def test_what_orjson_would_read_back_differently_is_never_written_under_a_checksum(db):
    """The straight parse is exact because orjson refuses to write what it would misread (a lone
    surrogate, an integer beyond 64 bits): such a file is written the careful way, unvouched."""
    set_id, owner, _ = _busiest(db.read_bytes())
    with Store(db) as store:
        store.save_action(Action(set_id=set_id, owner=owner, text="Ask \ud800 about it", id="odd1"))
        store.set_meta("big", 2 ** 70)
    raw = db.read_bytes()
    assert b'"checksums"' not in raw
    with Store(db) as store:
        assert [a.text for a in store.actions(set_id, owner) if a.id == "odd1"] == ["Ask \ud800 about it"]
        assert store.get_meta("big") == 2 ** 70


def test_a_line_orjson_refuses_is_read_the_careful_way_all_the_same():
    assert loads_as_written(memoryview(b'{"1":{"text":"\\ud800"}}')) == {"1": {"text": "\ud800"}}


def _append(db: Path) -> None:
    with db.open("r+b") as f:  # another program writes into the file itself
        f.seek(0, 2)
        f.write(b"  ")


def _same_size_new_time(db: Path) -> None:
    raw = db.read_bytes()
    stat = db.stat()
    at = raw.rindex(b'"done"')
    with db.open("r+b") as f:
        f.seek(at)
        f.write(b'"dene"')
    os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


@pytest.mark.parametrize("change", [_append, _same_size_new_time])
def test_a_file_changed_between_the_actions_and_the_meetings_is_refused_and_not_overwritten(db, change):
    set_id, owner, expected = _busiest(db.read_bytes())
    with Store(db) as store:
        assert _look_up(store, set_id, owner) == expected  # the actions read alone
        change(db)
        changed = db.read_bytes()
        with pytest.raises(CorruptError, match="another program changed it while als had it open"):
            store.load_history()
        with pytest.raises(CorruptError, match="another program changed it"):
            store.meetings(set_id)
        with pytest.raises(CorruptError):
            store.save_action(Action(set_id=set_id, owner=owner, text="Call the sponsor"))
    assert db.read_bytes() == changed


def test_a_file_replaced_after_the_actions_were_read_gives_the_meetings_of_the_file_opened(db, tmp_path):
    raw = db.read_bytes()
    set_id, owner, expected = _busiest(raw)
    other = tmp_path / "other.json"
    other.write_bytes(raw.replace(b'"status":"finished"', b'"status":"finishes"'))
    with Store(db) as store:
        assert _look_up(store, set_id, owner) == expected
        os.replace(other, db)  # as a sync tool does
        assert store.load_history() is False
        assert len(store.meetings(set_id)) == MEETINGS


def _flip_in_meetings(raw: bytes) -> bytes:
    at = raw.rindex(b"Listening")  # a letter's case in a note: valid JSON, only the checksum sees it
    return raw[:at] + b"l" + raw[at + 1:]


def _meetings_cut_short(raw: bytes) -> bytes:
    return _without_checksums(raw[: len(raw) - 5000] + b"}")


@pytest.mark.parametrize("breaking", [_flip_in_meetings, _meetings_cut_short])
def test_a_broken_meetings_line_is_reported_when_the_meetings_are_needed(db, breaking):
    raw = db.read_bytes()
    set_id, owner, expected = _busiest(raw)
    broken = breaking(raw)
    db.write_bytes(broken)
    with Store(db) as store:
        assert _look_up(store, set_id, owner) == expected  # the actions are fine
        with pytest.raises(CorruptError, match="cannot be read") as err:
            store.load_history()
        assert "has not been changed" in str(err.value)
        with pytest.raises(CorruptError):
            store.meetings(set_id)
        with pytest.raises(CorruptError):
            store.save_action(Action(set_id=set_id, owner=owner, text="Call the sponsor"))
    assert db.read_bytes() == broken


async def test_als_prep_stops_with_one_line_when_the_meetings_line_is_broken(db):
    """The prep screen shows the member's actions (read alone), then the meetings are read just
    after its first paint: the app stops with one line, the file as it was."""
    broken = _flip_in_meetings(db.read_bytes())
    db.write_bytes(broken)
    app = ALSApp(db_path=db, now=FakeClock(1000.0), today=lambda: TODAY, start="prep")
    await asyncio.wait_for(app.run_async(headless=True, size=(100, 30)), timeout=60)  # it stops by itself
    assert app.return_code == 1
    assert "meetings line does not match its checksum" in app.fatal_message and "\n" not in app.fatal_message
    assert db.read_bytes() == broken


def _flip_in_actions(raw: bytes) -> tuple[bytes, str]:
    first, actions, meetings = _lines(raw)
    at = actions.index(b"Find out")
    return b"\n".join([first, actions[:at] + b"f" + actions[at + 1:], meetings]), \
        "its actions line does not match its checksum"


def _actions_not_json(raw: bytes) -> tuple[bytes, str]:
    first, actions, meetings = _lines(_without_checksums(raw))
    at = actions.index(b'"confidence":') + len(b'"confidence":')
    return b"\n".join([first, actions[:at] + b"x" + actions[at + 1:], meetings]), \
        "it is not valid JSON at line 2, column"  # (where in the whole file, as before)


def _actions_with_a_line_break(raw: bytes) -> tuple[bytes, str]:
    """Still valid JSON, the same length (so the index fits): but a fourth line."""
    first, actions, meetings = _lines(_without_checksums(raw))
    at = actions.index(b'"confidence":') + len(b'"confidence":')
    actions = actions[:at] + b"\n" + actions[at:]
    at = actions.index(b"Find out")
    return b"\n".join([first, actions[:at] + actions[at + 1:], meetings]), "its lines do not fit together"


@pytest.mark.parametrize("breaking", [_flip_in_actions, _actions_not_json, _actions_with_a_line_break])
def test_a_broken_actions_line_is_reported_at_the_first_look_up_and_never_overwritten(db, breaking):
    raw = db.read_bytes()
    set_id, owner, _ = _busiest(raw)
    broken, why = breaking(raw)
    assert len(broken) == len(raw) or breaking is not _flip_in_actions
    db.write_bytes(broken)
    with Store(db) as store:
        with pytest.raises(CorruptError, match=re.escape(why)):
            _look_up(store, set_id, owner)
        with pytest.raises(CorruptError, match=re.escape(why)):
            _look_up(store, set_id, owner)  # (again: it stays refused)
        with pytest.raises(CorruptError):
            store.save_action(Action(set_id=set_id, owner=owner, text="Call the sponsor"))
    assert db.read_bytes() == broken


def test_an_index_that_does_not_fit_is_not_believed_and_the_whole_file_is_read(db, monkeypatch):
    raw = _without_checksums(db.read_bytes())
    index = json.loads(raw)["_meta"]["1"][INDEX_KEY]
    wrong = raw.replace(b'"actions_bytes":%d' % index["actions_bytes"], b'"actions_bytes":%d' % (index["actions_bytes"] - 7), 1)
    db.write_bytes(wrong)
    set_id, owner, expected = _busiest(raw)
    reads = _counting(monkeypatch)
    with Store(db) as store:
        assert _look_up(store, set_id, owner) == expected
        assert max(at + count for at, count in reads) == len(wrong)  # (where the actions end was not known)


def test_a_members_actions_stay_right_through_saves_after_the_first_look_up(db):
    """The first look-up scans for that member alone; the map of every member's actions is built at
    the next one (every answer is checked against a scan of the table: tests/conftest.py)."""
    raw = db.read_bytes()
    set_id, owner, expected = _busiest(raw)
    others = sorted({a["owner"] for a in json.loads(raw)["actions"].values()} - {owner})
    with Store(db) as store:
        assert _look_up(store, set_id, owner) == expected
        new = Action(set_id=set_id, owner=owner, text="Ask the night team", created="2099-01-01")
        store.save_action(new)
        assert _look_up(store, set_id, owner) == [*expected, new.id]
        moved = store.actions(set_id, owner)[0]
        moved.owner = others[0]
        store.save_action(moved)
        assert moved.id not in [a.id for a in store.actions(set_id, owner)]
        assert moved.id in [a.id for a in store.actions(set_id, others[0])]
    with Store(db) as store:
        assert _look_up(store, set_id, owner) == [*expected, new.id]
