"""`als restore-backup` never rolls a healthy file back silently, and never overwrites a kept copy.

An attack found that restore-backup on a readable file put the older ``.bak`` in its place without
a word, and that running it twice lost the newest version from all three files (``.broken`` was
overwritten). Now a readable file is restored only when confirmed (a prompt in a terminal, or
``--yes``), and the confirmation says which meetings would be lost; each replaced file is kept
under a name of its own.
"""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from als_tui import cli, model
from als_tui.model import ALSet, Meeting, Member
from als_tui.store import Store


def _err(capsys) -> str:
    captured = capsys.readouterr()
    lines = [ln for ln in captured.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("als: ") and "Traceback" not in captured.err, captured.err
    return lines[0]


@pytest.fixture
def newer_than_bak(db_path: Path) -> Path:
    """A healthy file whose .bak lacks two meetings (2026-04-07, 2026-05-05) and a set."""
    with Store(db_path) as s:
        s.save_set(ALSet(name="Ward managers", members=[Member("Asha"), Member("Ben")], id="set1"))
        s.save_meeting(Meeting(set_id="set1", id="m1", date="2026-03-10", status=model.FINISHED))
        s.save_meeting(Meeting(set_id="set1", id="m2", date="2026-04-07", status=model.FINISHED))
        s.save_meeting(Meeting(set_id="set1", id="m3", date="2026-05-05", status=model.FINISHED))
        s.save_set(ALSet(name="Night shift", id="set2"))
    return db_path


def _files(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.iterdir()) if not p.name.endswith(".lock")}


def test_a_readable_file_is_not_rolled_back_without_confirmation(newer_than_bak, capsys, monkeypatch):
    db = newer_than_bak
    # a .bak two saves old: it lacks the last meeting and the second set
    bak = db.with_name(db.name + ".bak")
    with Store(db) as s:
        s.save_meeting(Meeting(set_id="set1", id="m1", date="2026-03-10", status=model.FINISHED, facilitator="Asha"))
    bak.write_bytes(_older(db))
    before = _files(db)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal
    assert cli.main(["restore-backup", "--db", str(db)]) == 1
    err = _err(capsys)
    assert err == (f"als: {db} can be read; putting {bak} back would lose 2 meetings (2026-04-07, 2026-05-05), "
                   "changes to 1 meeting (2026-03-10) and 1 set (“Night shift”); add --yes to put it back anyway")
    assert _files(db) == before


def _older(db: Path) -> bytes:
    """The file as it was before the last two meetings and the second set."""
    older = db.with_name("older.json")
    with Store(older) as s:
        s.save_set(ALSet(name="Ward managers", members=[Member("Asha"), Member("Ben")], id="set1"))
        s.save_meeting(Meeting(set_id="set1", id="m1", date="2026-03-10", status=model.FINISHED))
    raw = older.read_bytes()
    for p in older.parent.glob("older.json*"):
        p.unlink()
    return raw


def test_confirmed_twice_the_newest_version_is_still_kept(newer_than_bak, capsys):
    db = newer_than_bak
    bak = db.with_name(db.name + ".bak")
    bak.write_bytes(_older(db))
    newest = db.read_bytes()
    assert cli.main(["restore-backup", "--db", str(db), "--yes"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == f"Restored {db} from {bak}; the file it replaced is kept as {db}.broken."
    assert db.read_bytes() == bak.read_bytes()
    assert db.with_name(db.name + ".broken").read_bytes() == newest
    assert cli.main(["restore-backup", "--db", str(db), "--yes"]) == 0  # again: nothing to do
    assert capsys.readouterr().out.strip() == f"{db} and its backup {bak} hold the same data; nothing was changed."
    with Store(db) as s:  # a change after the restore, then restore once more
        s.save_set(ALSet(name="Third", id="set3"))
    third = db.read_bytes()
    assert cli.main(["restore-backup", "--db", str(db), "--yes"]) == 0
    capsys.readouterr()
    assert db.with_name(db.name + ".broken").read_bytes() == newest  # never overwritten
    kept = [p for p in db.parent.iterdir() if p.read_bytes() == third]
    assert kept and kept[0].name.startswith("als.json.broken")


def test_a_terminal_asks_and_no_changes_nothing(newer_than_bak, capsys, monkeypatch):
    db = newer_than_bak
    db.with_name(db.name + ".bak").write_bytes(_older(db))
    before = _files(db)

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Tty("n\n"))
    assert cli.main(["restore-backup", "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert "would lose 2 meetings (2026-04-07, 2026-05-05)" in captured.err
    assert captured.err.strip().splitlines()[-1] == "als: nothing was changed"
    assert _files(db) == before
    monkeypatch.setattr("sys.stdin", Tty("yes\n"))
    assert cli.main(["restore-backup", "--db", str(db)]) == 0
    assert db.with_name(db.name + ".broken").exists()


def test_damaged_files_are_restored_and_each_kept(db_path, capsys):
    with Store(db_path) as s:
        s.save_set(ALSet(name="One", id="s1"))
        s.save_set(ALSet(name="Two", id="s2"))
    good = db_path.with_name("als.json.bak").read_bytes()
    damaged = []
    for cut in (2, 3):
        raw = db_path.read_bytes() if not damaged else good + b"x"
        db_path.write_bytes(raw[: len(raw) // cut])
        damaged.append(db_path.read_bytes())
        assert cli.main(["restore-backup", "--db", str(db_path)]) == 0  # no question for a broken file
        capsys.readouterr()
        assert db_path.read_bytes() == good
    kept = sorted(p.read_bytes() for p in db_path.parent.glob("als.json.broken*"))
    assert kept == sorted(damaged)
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in db_path.parent.glob("als.json.broken*"))


def test_a_planted_broken_symlink_is_never_written_through(db_path, tmp_path, capsys):
    with Store(db_path) as s:
        s.save_set(ALSet(name="One", id="s1"))
        s.save_set(ALSet(name="Two", id="s2"))
    db_path.write_bytes(db_path.read_bytes()[:40])
    victim = tmp_path / "victim.txt"
    victim.write_text("victim\n")
    os.chmod(victim, 0o644)
    db_path.with_name("als.json.broken").symlink_to(victim)
    assert cli.main(["restore-backup", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert victim.read_text() == "victim\n" and (victim.stat().st_mode & 0o777) == 0o644
    assert db_path.with_name("als.json.broken").is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "folder", "symlink", "newer"])
def test_a_hostile_bak_is_refused_quickly(db_path, tmp_path, capsys, kind):
    with Store(db_path) as s:
        s.save_set(ALSet(name="One", id="s1"))
    bak = db_path.with_name("als.json.bak")
    bak.unlink(missing_ok=True)
    db_path.write_bytes(b"{cut")
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"_meta": {"1": {"schema": 1}}}')
    if kind == "fifo":
        os.mkfifo(bak)
    elif kind == "folder":
        bak.mkdir()
    elif kind == "symlink":
        bak.symlink_to(elsewhere)
    else:
        bak.write_text('{"_meta": {"1": {"schema": 999}}}')
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(cli.main(["restore-backup", "--db", str(db_path)])),
                              daemon=True)
    worker.start()
    worker.join(10)
    assert done == [1], "restore-backup hung on a special .bak"
    assert "cannot be used" in _err(capsys)
    assert db_path.read_bytes() == b"{cut" and not db_path.with_name("als.json.broken").exists()
    assert elsewhere.read_text() == '{"_meta": {"1": {"schema": 1}}}'


def test_refused_while_the_file_is_open(newer_than_bak, capsys):
    db = newer_than_bak
    before = _files(db)
    with Store(db):
        assert cli.main(["restore-backup", "--db", str(db), "--yes"]) == 1
        assert "already open" in _err(capsys)
    assert _files(db) == before
