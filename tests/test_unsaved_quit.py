"""Never quit silently with changes that are not on disk.

A full disk or a folder gone read-only makes a save fail; the app keeps the change in memory and
retries. Quitting then (Ctrl+Q, the palette) must say what is unsaved and offer to try again, to
save a copy elsewhere, or to quit anyway — a forced quit exits non-zero and says what was lost.
An end no one can answer (SIGTERM, SIGHUP, a closed browser tab) saves a copy of everything where
it can and says where. One-shot commands never promise a later save and leave no empty file.

The failing disk is simulated where the store meets the OS (``os.replace``, as a full disk or a
read-only folder makes it fail); one test injects the failure into a real ``als`` process with
strace.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from als_tui import cli
from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.export import read_backup
from als_tui.model import ALSet
from als_tui.store import Store
from tests.factories import TODAY, make_app, make_set

ROOT = Path(__file__).resolve().parent.parent


def fail_replace(monkeypatch, code: int = errno.ENOSPC) -> None:
    """From now on no file can be put in place: each save fails, as on a full disk."""

    def replace(src, dst, *a, **k):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", replace)


def dialog_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def sets_on_disk(db: Path) -> list[str]:
    return sorted(d["name"] for d in json.loads(db.read_text()).get("sets", {}).values())


async def _unsaved_dialog(pilot, monkeypatch) -> None:
    app = pilot.app
    fail_replace(monkeypatch)
    app.persist(app.store.save_set, ALSet(name="Second set", id="set2"))
    await pilot.pause(0.1)  # (a background save fails on the writer thread)
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert type(app.screen).__name__ == "UnsavedScreen", "Ctrl+Q quit with an unsaved change"


@pytest.mark.parametrize("background", [False, True], ids=["sync", "writer-thread"])
async def test_ctrl_q_with_an_unsaved_change_asks_and_quit_anyway_exits_1(db_path, monkeypatch, background):
    with Store(db_path) as s:
        make_set(s)
    app = ALSApp(db_path=db_path, now=FakeClock(0.0), today=lambda: TODAY, background_writes=background)
    writer = app.store.storage.writer
    async with app.run_test(size=(100, 30)) as pilot:
        await _unsaved_dialog(pilot, monkeypatch)
        text = dialog_text(app)
        assert "the set “Second set”" in text and "the disk is full" in text
        await pilot.click("#quit-anyway")
        await pilot.pause()
    # the writer thread ended with the app (it once waited for the UI thread, which waited for it)
    assert writer is None or not writer._thread.is_alive()
    assert app.return_code == 1
    assert app.exit_report.startswith(f"quit without saving to {db_path}; lost: the set “Second set”")
    assert sets_on_disk(db_path) == ["Ward managers"]


async def test_back_and_retry_after_the_disk_has_room(db_path, monkeypatch):
    with Store(db_path) as s:
        make_set(s)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _unsaved_dialog(pilot, monkeypatch)
        await pilot.press("escape")  # back to the app, nothing lost
        await pilot.pause()
        assert type(app.screen).__name__ != "UnsavedScreen" and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#retry")  # still full: the dialog stays and says so
        await pilot.pause()
        assert type(app.screen).__name__ == "UnsavedScreen" and "Still not saved" in dialog_text(app)
        monkeypatch.undo()  # room again
        await pilot.pause(0.3)  # (a button ignores a second click while it still shows the first)
        await pilot.click("#retry")
        await pilot.pause()
    assert app.return_code == 0 and not app.exit_report
    assert sets_on_disk(db_path) == ["Second set", "Ward managers"]


async def test_save_a_copy_then_quit(db_path, monkeypatch, tmp_path):
    with Store(db_path) as s:
        make_set(s)
    copy = tmp_path / "elsewhere" / "copy.json"
    copy.parent.mkdir()
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _unsaved_dialog(pilot, monkeypatch)
        field = app.screen.query_one("#copy-path", Input)
        field.value = str(db_path)  # the data file itself is refused, by any name
        await pilot.click("#save-copy")
        await pilot.pause()
        assert "is the data file" in dialog_text(app)
        field.value = str(copy)
        await pilot.pause(0.3)
        await pilot.click("#save-copy")
        await pilot.pause()
        assert f"A copy of everything is in {copy}" in dialog_text(app)
        await pilot.click("#quit-anyway")
        await pilot.pause()
    assert app.return_code == 1 and str(copy) in app.exit_report
    assert (copy.stat().st_mode & 0o777) == 0o600
    names = sorted(d["name"] for d in read_backup(copy.read_bytes())["sets"].values())
    assert names == ["Second set", "Ward managers"]


async def test_an_end_no_one_can_answer_saves_a_copy_and_says_where(db_path, monkeypatch):
    """A closed browser tab (textual-serve sends "quit": ExitApp), SIGTERM, SIGHUP."""
    from textual import messages

    with Store(db_path) as s:
        make_set(s)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        fail_replace(monkeypatch)
        app.persist(app.store.save_set, ALSet(name="Second set", id="set2"))
        app.post_message(messages.ExitApp())
        await pilot.pause()
    assert app.return_code == 1
    copies = sorted(db_path.parent.glob("als.unsaved-*.json"))
    assert len(copies) == 1, app.exit_report
    assert app.exit_report.startswith(f"not saved to {db_path}: the set “Second set”. A copy of everything is in {copies[0]}")
    assert "Second set" in json.dumps(read_backup(copies[0].read_bytes()))


# -- the real `als`, a failing rename injected by strace, then SIGTERM --------------------------------
SIGTERM_CHILD = textwrap.dedent("""
    import asyncio, sys
    sys.path.insert(0, sys.argv[1])
    from als_tui.cli import app_commands
    from als_tui.app import ALSApp
    from als_tui.model import ALSet

    async def main(db):
        app = ALSApp(db_path=db, background_writes=True)
        app_commands._quit_on_hangup(app)  # what `als` installs
        async with app.run_test(size=(100, 30)) as pilot:
            app.persist(app.store.save_set, ALSet(name="Second set", id="set2"))
            await pilot.pause(0.3)
            print("ready", app.store.pending, flush=True)
            for _ in range(600):  # until the signal ends the app
                if app.return_code is not None:
                    break
                await asyncio.sleep(0.1)
        print("report", app.exit_report, flush=True)

    asyncio.run(main(sys.argv[2]))
""")


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (apt-get install strace) to make rename fail")
def test_sigterm_with_rename_failing_in_a_real_process(db_path):
    with Store(db_path) as s:
        make_set(s)
    proc = subprocess.Popen(
        ["strace", "-f", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
         "-e", "inject=rename,renameat,renameat2:error=ENOSPC",
         sys.executable, "-c", SIGTERM_CHILD, str(ROOT), str(db_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    try:
        line = proc.stdout.readline()
        assert line == "ready True\n", proc.stderr.read() if not line else line
        python = [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                                   text=True).stdout.split()]
        os.kill(python[0], signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    report = out.strip().splitlines()[-1]
    copies = sorted(db_path.parent.glob("als.unsaved-*.json"))
    assert copies and report == (
        f"report not saved to {db_path}: the set “Second set”. A copy of everything is in {copies[0]}; "
        f"restore it with `als import {copies[0]} --db NEW.json`")
    assert sets_on_disk(db_path) == ["Ward managers"]


# -- one-shot commands -----------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["demo", "import"])
def test_one_shot_command_on_a_failing_disk_writes_nothing_and_says_so(tmp_path, monkeypatch, capsys, command):
    backup = tmp_path / "backup.json"
    if command == "import":
        db = tmp_path / "src.json"
        with Store(db) as s:
            make_set(s)
        assert cli.main(["export", "--db", str(db), "--format", "json", "--out", str(backup)]) == 0
        capsys.readouterr()
    target = tmp_path / "new" / "als.json"
    fail_replace(monkeypatch)
    args = ["demo", "--db", str(target)] if command == "demo" else ["import", str(backup), "--db", str(target)]
    assert cli.main(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"als: could not write {target}: the disk is full; nothing was written"]
    assert not target.exists()  # no empty file left standing for a data file


def test_forget_on_a_failing_disk_says_nothing_was_written(tmp_path, monkeypatch, capsys):
    db = tmp_path / "als.json"
    with Store(db) as s:
        make_set(s)
    before = db.read_bytes()
    fail_replace(monkeypatch, errno.EROFS)
    assert cli.main(["forget", "Asha", "--set", "Ward managers", "--db", str(db), "--yes"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"als: could not write {db}: the folder is read-only; nothing was written"]
    assert db.read_bytes() == before


def _temp_file_written(folder) -> bool:
    """A temp file in *folder* has bytes in it (one may go between listing it and looking at it)."""
    for p in folder.iterdir():
        try:
            if p.name.endswith(".tmp") and p.stat().st_size > 0:
                return True
        except FileNotFoundError:
            pass
    return False


def test_sigterm_while_a_command_writes_leaves_no_temp_file_and_one_line(tmp_path):
    """SIGTERM, sent the moment `als demo` has its temp file open: the write stops, the temp file
    goes, the data file is as it was (a complete file, or none), and one line says so."""
    db = tmp_path / "big.json"
    proc = subprocess.Popen([sys.executable, "-m", "als_tui", "demo", "--db", str(db), "--meetings", "2000"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        while proc.poll() is None and not _temp_file_written(tmp_path):
            pass
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode == 0:
        pytest.skip("the demo finished before the signal arrived")
    assert proc.returncode == 128 + signal.SIGTERM
    assert err.decode().strip() == "als: stopped by SIGTERM; a file being written was left as it was before."
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert not db.exists()  # all or nothing: the file this command made goes with it
