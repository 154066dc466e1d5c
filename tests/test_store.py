import json
import os
import stat
from pathlib import Path

import pytest

from als_tui import model, store
from als_tui.model import Action, ALSet, Meeting, Member
from als_tui.store import CorruptError, LockedError, NewerSchemaError, SaveError, Store, StoreError

FIXTURES = Path(__file__).parent / "fixtures"


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_new_file_is_private_and_versioned(db_path):
    with Store(db_path) as s:
        s.save_set(ALSet(name="Set", members=[Member("A"), Member("B")]))
    assert mode(db_path) == 0o600
    assert mode(db_path.parent) == 0o700
    data = json.loads(db_path.read_text())
    assert data["_meta"]["1"]["schema"] == model.SCHEMA_VERSION
    assert all(d["schema"] == model.SCHEMA_VERSION for d in data["sets"].values())
    assert mode(db_path.with_name("als.json.bak")) == 0o600
    assert mode(Path(str(db_path) + ".lock")) == 0o600


def test_round_trip_all_tables(db_path):
    with Store(db_path) as s:
        alset = ALSet(name="Set", members=[Member("A"), Member("B")])
        s.save_set(alset)
        m = Meeting(set_id=alset.id, date="2026-01-05")
        s.save_meeting(m)
        a = Action(set_id=alset.id, owner="A", text="Do it", meeting_id=m.id)
        s.save_action(a)
        s.save_prep(model.Prep(set_id=alset.id, member="A", issue="Rota"))
        s.add_training(model.TrainingResult(member="A", drill="spot", total=10, correct=7))
        s.set_meta("last_prep", ["x", "A"])
    with Store(db_path) as s:
        assert s.sets()[0].name == "Set"
        assert s.meetings(alset.id)[0].id == m.id
        assert s.meeting_in_progress(alset.id).id == m.id
        assert s.actions(alset.id, "A")[0].text == "Do it"
        assert s.get_prep(alset.id, "A").issue == "Rota"
        assert s.training("A")[0].correct == 7
        assert s.get_meta("last_prep") == ["x", "A"]
        assert s.set_by_name("set").id == alset.id


def test_every_write_keeps_previous_file_as_bak(db_path):
    with Store(db_path) as s:
        s.save_set(ALSet(name="One"))
        first = db_path.read_bytes()
        s.save_set(ALSet(name="Two"))
        assert db_path.with_name("als.json.bak").read_bytes() == first
        assert b"Two" in db_path.read_bytes()


def test_never_writes_in_place(db_path):
    with Store(db_path) as s:
        s.save_set(ALSet(name="One"))
        inode = db_path.stat().st_ino
        s.save_set(ALSet(name="Two"))
        assert db_path.stat().st_ino != inode  # replaced, not rewritten
    leftovers = [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_second_instance_is_refused(db_path):
    with Store(db_path):
        with pytest.raises(LockedError) as exc:
            Store(db_path)
    assert str(db_path) in str(exc.value)
    assert "already open" in str(exc.value)
    with Store(db_path):  # released on close
        pass


def test_lock_released_from_another_thread(db_path):
    """The lock is the process's: closing the store on another thread still frees the file."""
    import threading

    store = Store(db_path)
    closer = threading.Thread(target=store.close)
    closer.start()
    closer.join()
    with Store(db_path):
        pass


def test_file_system_without_locks_is_a_clear_error(db_path, monkeypatch):
    import errno
    import fcntl

    def no_flock(fd, op):
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(fcntl, "flock", no_flock)
    with pytest.raises(StoreError) as exc:
        Store(db_path)
    assert str(exc.value) == (f"Cannot lock {db_path}: its file system does not support file locks; "
                              "keep the data file on a local disk (--db PATH).")


def test_stale_lock_file_does_not_block(db_path):
    db_path.parent.mkdir(parents=True)
    Path(str(db_path) + ".lock").write_text("")  # left behind by a killed process
    with Store(db_path) as s:
        s.save_set(ALSet(name="S"))


def test_corrupt_file_is_refused_and_untouched(db_path):
    with Store(db_path) as s:
        s.save_set(ALSet(name="One"))
        s.save_set(ALSet(name="Two"))
    db_path.write_bytes(b'{"sets": {"1": {"name": "tru')
    before = db_path.read_bytes()
    with pytest.raises(CorruptError) as exc:
        Store(db_path)
    msg = str(exc.value)
    assert str(db_path) in msg and "als.json.bak" in msg and "restore-backup" in msg
    assert "\n" not in msg
    assert db_path.read_bytes() == before
    print(store.restore_backup(db_path))
    with Store(db_path) as s:
        assert [x.name for x in s.sets()] == ["One"]
    assert db_path.with_name("als.json.broken").read_bytes() == before


def test_restore_backup_with_corrupt_bak(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_text("{bad")
    db_path.with_name("als.json.bak").write_text("also bad")
    with pytest.raises(StoreError, match="cannot be read either"):
        store.restore_backup(db_path)
    assert db_path.read_text() == "{bad"


def test_restore_backup_without_bak(db_path):
    with pytest.raises(StoreError, match="no backup"):
        store.restore_backup(db_path)


def test_non_object_top_level_is_corrupt(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_text("[1, 2]")
    with pytest.raises(CorruptError, match="not an object"):
        Store(db_path)


def test_newer_schema_is_refused_not_downgraded(db_path):
    db_path.parent.mkdir(parents=True)
    content = json.dumps({"_meta": {"1": {"schema": model.SCHEMA_VERSION + 1}}, "sets": {}})
    db_path.write_text(content)
    with pytest.raises(NewerSchemaError, match="newer als-tui"):
        Store(db_path)
    assert db_path.read_text() == content


def test_migrates_schema0_fixture_forward(db_path):
    db_path.parent.mkdir(parents=True)
    original = (FIXTURES / "schema0.json").read_bytes()
    db_path.write_bytes(original)
    with Store(db_path) as s:
        alset = s.sets()[0]
        assert alset.active_members == ["Asha", "Ben", "Carys", "Dev"]
        assert alset.meeting_minutes == 120
        by_owner = {a.owner: a.status for a in s.actions("s1")}
        assert by_owner == {"Asha": model.DONE, "Ben": model.OPEN}
    data = json.loads(db_path.read_text())
    assert data["_meta"]["1"]["schema"] == model.SCHEMA_VERSION
    assert db_path.with_name("als.json.schema0.bak").read_bytes() == original


def test_failed_write_keeps_change_in_memory_and_retries(db_path, monkeypatch):
    with Store(db_path) as s:
        s.save_set(ALSet(name="Kept"))
        before = db_path.read_bytes()
        real_replace = os.replace

        def full_disk(src, dst):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", full_disk)
        with pytest.raises(SaveError, match="disk is full"):
            s.save_set(ALSet(name="Pending"))
        assert db_path.read_bytes() == before  # previous file intact
        assert s.pending
        assert {x.name for x in s.sets()} == {"Kept", "Pending"}  # still in memory
        assert not s.retry()
        monkeypatch.setattr(os, "replace", real_replace)
        assert s.retry()
        assert not s.pending
    with Store(db_path) as s:
        assert {x.name for x in s.sets()} == {"Kept", "Pending"}
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_dir_is_a_clear_error(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="read-only"):
            Store(ro / "als.json")
    finally:
        ro.chmod(0o700)


def test_folder_as_data_file(tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path / "x")


def test_loosened_permissions_are_tightened(db_path):
    with Store(db_path):
        pass
    db_path.chmod(0o644)
    with Store(db_path):
        pass
    assert mode(db_path) == 0o600


def test_loaded_objects_do_not_alias_the_store(db_path):
    with Store(db_path) as s:
        m = Meeting(set_id="x", attendance={"A": "present"})
        s.save_meeting(m)
        loaded = s.get_meeting(m.id)
        loaded.attendance["B"] = "present"
        loaded.checkin_order.append("A")
        again = s.get_meeting(m.id)
        assert again.attendance == {"A": "present"} and again.checkin_order == []


def test_dumps_falls_back_for_what_orjson_refuses():
    assert json.loads(store.dumps({"big": 2**70})) == {"big": 2**70}


def test_background_writer_saves_everything_by_close(db_path):
    s = Store(db_path, background=True)
    for i in range(30):
        s.save_set(ALSet(name=f"S{i}"))
    assert {x.name for x in s.sets()} == {f"S{i}" for i in range(30)}  # in memory at once
    assert s.flush()
    assert not s.pending
    s.close()
    with Store(db_path) as again:
        assert len(again.sets()) == 30
    assert mode(db_path) == 0o600


def test_background_write_failure_reports_and_retries(db_path, monkeypatch):
    errors = []
    s = Store(db_path, background=True, on_error=errors.append)
    s.save_set(ALSet(name="Kept"))
    assert s.flush()
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(28, "full")))
    s.save_set(ALSet(name="Later"))
    assert not s.flush()
    assert errors and "disk is full" in errors[-1]
    assert s.pending
    assert b"Later" not in db_path.read_bytes()
    monkeypatch.setattr(os, "replace", real_replace)
    assert s.retry()
    assert not s.pending and b"Later" in db_path.read_bytes()
    s.close()
