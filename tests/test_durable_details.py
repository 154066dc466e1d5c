"""Smaller holes in the write path: a backup copy's mode, and a folder fsync that fails.

Where hard links fail (some file systems), the ``.bak`` is a copy: it was created 0666 (less the
umask) and chmod'ed after; now it is created 0600. An EIO from the folder's fsync (after the
rename) was taken for success; now it is reported: the app keeps the change and retries, a
command says the file may not last.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.model import ALSet
from als_tui.store import SaveError, Store
from tests.factories import make_set


def _fail_folder_fsync(monkeypatch) -> None:
    real = os.fsync

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_failed_folder_fsync_is_reported_and_retried(db_path, monkeypatch):
    s = Store(db_path)
    make_set(s)
    _fail_folder_fsync(monkeypatch)
    with pytest.raises(SaveError, match="the disk reported an error while making the save last"):
        s.save_set(ALSet(name="Second", id="set2"))
    assert s.pending  # the change is kept, and written again
    monkeypatch.undo()
    assert s.retry() and not s.pending
    s.close()


def test_a_command_says_the_file_may_not_last(tmp_path, monkeypatch, capsys):
    db = tmp_path / "als.json"
    with Store(db) as s:
        make_set(s)
    _fail_folder_fsync(monkeypatch)
    assert cli.main(["forget", "Asha", "--set", "Ward managers", "--yes", "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"als: {db} was written, but the disk reported an error while making it last "
                   "(Input/output error); it may not survive a power cut: check the disk, then run the command again")


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (apt-get install strace)")
def test_the_backup_copy_is_0600_from_its_creation_where_links_fail(tmp_path):
    db = tmp_path / "als.json"
    with Store(db) as s:
        make_set(s)
    log = tmp_path / "strace.log"
    proc = subprocess.run(
        ["strace", "-f", "-o", str(log), "-e", "trace=open,openat,creat,chmod,fchmod,fchmodat,link,linkat",
         "-e", "inject=link,linkat:error=EPERM",
         sys.executable, "-c", "import os, sys; os.umask(0); from als_tui import cli; sys.exit(cli.main(sys.argv[1:]))",
         "forget", "Asha", "--set", "Ward managers", "--yes", "--db", str(db)],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 0, proc.stderr
    calls = log.read_text().splitlines()
    assert any("INJECTED" in c and "link" in c for c in calls)  # the copy fallback really ran
    created = [c for c in calls if "O_CREAT" in c and str(tmp_path) in c]
    assert created and all(re.search(r", 0600\)", c) for c in created), created
    assert not [c for c in calls if re.match(r"\d+\s+f?chmod", c) and "0600" not in c]
    for p in tmp_path.iterdir():
        if p.name.startswith("als.json"):
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
