"""`als export --out` (and standard output) never lands on the data file, and writes whole or not at all.

An attack found that ``ln data.json hl.json; als export --db data.json --out hl.json --force``
wrote the minutes over the data file: the check compared resolved paths, and hard links share an
inode. Now the files themselves are compared, by every alias; ``--out`` is written to a temp file
beside it and renamed into place, so a failed export leaves no partial file and an existing one
is either wholly replaced or untouched; a file owned by another user is refused.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.store import Store
from tests.factories import make_set, meeting_at


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data.json"
    with Store(path) as store:
        alset = make_set(store)
        meeting_at(store, alset, "summary")
        store.set_meta("note", "second write: the first version becomes .bak")
    return path


def _err(capsys) -> str:
    captured = capsys.readouterr()
    lines = [ln for ln in captured.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("als: ") and "Traceback" not in captured.err, captured.err
    return lines[0]


def _own_files(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.iterdir()) if p.name.startswith(db.name)}


@pytest.mark.parametrize("which", ["data", "bak", "lock"])
@pytest.mark.parametrize("alias", ["hard link", "symlink", "dotdot"])
def test_out_refused_on_the_data_file_bak_and_lock_by_any_alias(db, tmp_path, capsys, which, alias):
    target = {"data": db, "bak": db.with_name("data.json.bak"), "lock": db.with_name("data.json.lock")}[which]
    target.touch()  # (the lock exists while a store is open; make it here)
    before = _own_files(db)
    other = tmp_path / "elsewhere"
    other.mkdir()
    if alias == "hard link":
        out = other / "minutes.md"
        os.link(target, out)
    elif alias == "symlink":
        out = other / "minutes.md"
        out.symlink_to(target)
    else:
        out = other / ".." / target.name
    for fmt in ("md", "json"):
        assert cli.main(["export", "--db", str(db), "--format", fmt, "--out", str(out), "--force"]) == 1
        assert "is the data file, its backup or its lock" in _err(capsys)
    assert _own_files(db) == before


def test_standard_output_that_is_the_data_file_is_refused(db):
    before = db.read_bytes()
    with open(db, "ab") as out:  # als export --db data.json >> data.json
        proc = subprocess.run([sys.executable, "-m", "als_tui", "export", "--db", str(db)], stdout=out,
                              stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f"als: standard output is {db} (the data file, its backup or its lock); "
                                   "write the export somewhere else")
    assert db.read_bytes() == before


def test_a_file_of_another_user_is_refused(db, tmp_path, capsys):
    out = tmp_path / "theirs.md"
    out.write_text("their notes")
    os.chown(out, 4242, 4242)
    assert cli.main(["export", "--db", str(db), "--out", str(out), "--force"]) == 1
    assert "belongs to another user" in _err(capsys)
    assert out.read_text() == "their notes" and out.stat().st_uid == 4242


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_a_failed_export_leaves_no_partial_file_and_the_old_one_whole(db, tmp_path, capsys, monkeypatch, existing):
    out = tmp_path / "minutes.md"
    if existing:
        out.write_text("last month's minutes")

    def fsync(fd):  # the disk fills up as the export is made durable
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    args = ["export", "--db", str(db), "--out", str(out)] + (["--force"] if existing else [])
    assert cli.main(args) == 1
    assert _err(capsys) == f"als: cannot write {out}: the disk is full; nothing was written"
    monkeypatch.undo()
    assert (out.read_text() == "last month's minutes") if existing else not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (apt-get install strace) to make writes fail")
def test_export_with_writes_failing_in_a_real_process(db, tmp_path):
    """strace makes rename(2) fail with EIO: the written export cannot be put in place."""
    out = tmp_path / "backup.json"
    out.write_text("the older backup")
    proc = subprocess.run(
        ["strace", "-f", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2,link,linkat",
         "-e", "inject=rename,renameat,renameat2:error=EIO",
         sys.executable, "-m", "als_tui", "export", "--db", str(db), "--format", "json", "--out", str(out), "--force"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip() == f"als: cannot write {out}: Input/output error; nothing was written"
    assert out.read_text() == "the older backup"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
