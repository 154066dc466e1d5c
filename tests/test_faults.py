"""Faults: disk full, read-only folder, locks, corrupt files, newer schemas, abrupt ends.

Tests run as root in CI containers, and root ignores file permissions: a chmod'ed folder does not
stop it writing, and a real read-only bind mount is not available there. So "read-only" and
"disk full" are simulated where the store meets the OS — ``tempfile.mkstemp``, the temp file's
``write``, ``os.fsync``, ``os.replace`` raising EROFS / EACCES / ENOSPC — which is exactly where a
real read-only or full disk makes the write path fail. (tests/test_store.py also has the real
chmod case, skipped under root.)

Abrupt ends (Ctrl+C, terminal hang-up): every phase of a meeting is driven by keys, and at the
moment each phase's screen is shown the data file is copied — that copy is what a SIGKILL, SIGHUP
or power cut at that instant leaves, since nothing is saved on the way out. A fresh app on the
copy must resume at that phase (and stage, with the clock). Separately, a headless app in a child
process is really sent SIGINT / SIGHUP mid-meeting.
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
import time
from pathlib import Path

import pytest

from als_tui import cli, model
from als_tui.store import durable as store_mod  # the write path: where the OS calls are made
from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.model import Action, ALSet, Meeting, Member
from als_tui.store import CorruptError, NewerSchemaError, SaveError, Store
from tests.factories import TODAY, make_app, make_set, meeting_at
from tests.helpers import type_into

ROOT = Path(__file__).resolve().parent.parent


def not_saved(path: Path, why: str) -> str:
    return (f"Could not save to {path}: {why}. Nothing is lost: the change is kept in memory and "
            "will be saved when possible.")


def tmp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def seeded(db_path: Path) -> Store:
    s = Store(db_path)
    s.save_set(ALSet(name="Ward managers", members=[Member("Asha"), Member("Ben")], id="set1"))
    s.save_meeting(Meeting(set_id="set1", id="m1", date="2026-03-10", phase="checkin"))
    return s


# -- disk full -------------------------------------------------------------------------------------
class ShortWriter:
    """A temp file on a disk with *room* bytes left: it takes what fits, then ENOSPC."""

    def __init__(self, fh, room: int, log: list[int]) -> None:
        self.fh, self.room, self.log = fh, room, log

    def write(self, data) -> int:
        n = min(len(data), self.room)
        self.fh.write(data[:n])
        self.room -= n
        if n < len(data):
            self.fh.flush()
            self.log.append(os.fstat(self.fh.fileno()).st_size)  # really written, partly
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return n

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.fh.close()


def fill_disk(monkeypatch, room: int) -> list[int]:
    """From now on each temp file can hold only *room* bytes. Returns the sizes they reached."""
    real_fdopen = os.fdopen
    log: list[int] = []
    monkeypatch.setattr(store_mod.os, "fdopen",
                        lambda fd, *a, **k: ShortWriter(real_fdopen(fd, *a, **k), room, log))
    return log


def test_disk_full_midway_keeps_file_and_change_and_retries(db_path, monkeypatch):
    s = seeded(db_path)
    before = db_path.read_bytes()
    bak_before = db_path.with_name("als.json.bak").read_bytes()
    reached = fill_disk(monkeypatch, room=len(before) // 2)
    m = s.get_meeting("m1")
    m.phase = "bids"
    with pytest.raises(SaveError) as exc:
        s.save_meeting(m)
    assert str(exc.value) == not_saved(db_path, "the disk is full")
    assert reached == [len(before) // 2]  # the write failed midway
    assert db_path.read_bytes() == before  # the previous file is intact, and its backup
    assert db_path.with_name("als.json.bak").read_bytes() == bak_before
    assert tmp_files(db_path.parent) == []  # the half-written temp file is gone
    assert s.pending and s.storage.last_error == str(exc.value)
    assert s.get_meeting("m1").phase == "bids"  # the change is still in memory
    with pytest.raises(SaveError, match="the disk is full"):  # a second change, still full
        s.save_action(Action("set1", "Asha", "Call HR", id="a1"))
    assert not s.retry() and s.pending  # retrying while full fails cleanly
    assert db_path.read_bytes() == before
    monkeypatch.undo()  # space is freed
    assert s.retry() and not s.pending
    s.close()
    with Store(db_path) as again:  # both changes are on disk
        assert again.get_meeting("m1").phase == "bids"
        assert [a.text for a in again.actions("set1")] == ["Call HR"]
    assert tmp_files(db_path.parent) == []


def test_disk_full_reported_at_fsync(db_path, monkeypatch):
    s = seeded(db_path)
    before = db_path.read_bytes()
    real_fsync = os.fsync
    calls: list[int] = []

    def fsync(fd):  # some filesystems report a full disk only at fsync
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(store_mod.os, "fsync", fsync)
    with pytest.raises(SaveError, match="the disk is full"):
        s.save_set(ALSet(name="Second", id="set2"))
    assert db_path.read_bytes() == before and tmp_files(db_path.parent) == []
    assert s.pending and s.retry()  # the next fsync works
    s.close()
    with Store(db_path) as again:
        assert {x.name for x in again.sets()} == {"Ward managers", "Second"}


# -- read-only folder ------------------------------------------------------------------------------
def _raise(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("where", "code"),
    [("mkstemp", errno.EROFS), ("mkstemp", errno.EACCES), ("replace", errno.EROFS), ("replace", errno.EPERM)],
)
def test_read_only_folder_keeps_change_and_retries(db_path, monkeypatch, where, code):
    s = seeded(db_path)
    before = db_path.read_bytes()
    target = store_mod.tempfile if where == "mkstemp" else store_mod.os
    monkeypatch.setattr(target, where, _raise(code))
    with pytest.raises(SaveError) as exc:
        s.save_meeting(Meeting(set_id="set1", id="m2", date="2026-04-07"))
    assert str(exc.value) == not_saved(db_path, "the folder is read-only")
    assert db_path.read_bytes() == before and tmp_files(db_path.parent) == []
    assert s.get_meeting("m2") is not None and s.pending
    monkeypatch.undo()  # the folder is writable again
    assert s.retry()
    s.close()
    with Store(db_path) as again:
        assert again.get_meeting("m2").date == "2026-04-07"


def test_read_only_folder_at_start_is_one_clear_line(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    monkeypatch.setattr(store_mod.os, "access", lambda *a, **k: False)  # root: os.access says yes
    monkeypatch.setattr("als_tui.app.ALSApp.run", _never_run)
    code, err = run_cli(["--db", str(folder / "als.json")])
    assert code == 1
    assert err == f"als: Cannot create {folder / 'als.json'}: the folder is read-only.\n"
    assert list(folder.iterdir()) == []


# -- the app: a failed save mid-meeting --------------------------------------------------------------
@pytest.mark.parametrize("background", [False, True], ids=["sync", "writer-thread"])
async def test_app_save_fails_mid_meeting_then_retry_timer_saves(db_path, monkeypatch, background):
    with Store(db_path) as s:
        make_set(s, 5)
    app = ALSApp(db_path=db_path, now=FakeClock(0.0), today=lambda: TODAY, background_writes=background)
    real_set_timer = app.set_timer
    monkeypatch.setattr(app, "set_timer", lambda delay, *a, **k: real_set_timer(min(delay, 0.1), *a, **k))
    retries: list[bool] = []
    real_retry = app._retry_save

    def spy_retry() -> None:
        retries.append(app.store.pending)
        real_retry()

    monkeypatch.setattr(app, "_retry_save", spy_retry)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert type(app.screen).__name__ == "OpeningScreen"
        on_disk = json.loads(db_path.read_text())
        real_mkstemp = store_mod.tempfile.mkstemp
        monkeypatch.setattr(store_mod.tempfile, "mkstemp", _raise(errno.ENOSPC))
        await pilot.press("ctrl+n")  # start check-in: the save fails
        await pilot.pause()
        assert type(app.screen).__name__ == "CheckInScreen"  # the meeting goes on
        for _ in range(50):  # (the writer thread reports its failure through the event loop)
            if any(n.title == "Not saved yet" for n in app._notifications):
                break
            await pilot.pause(0.05)
        titles = [n.title for n in app._notifications]
        assert "Not saved yet" in titles
        message = next(n.message for n in app._notifications if n.title == "Not saved yet")
        assert message == not_saved(db_path, "the disk is full")
        assert json.loads(db_path.read_text()) == on_disk  # untouched
        await pilot.pause(0.3)
        assert retries and app.store.pending  # the timer retried, still failing
        monkeypatch.setattr(store_mod.tempfile, "mkstemp", real_mkstemp)  # the disk has room again
        for _ in range(50):
            await pilot.pause(0.1)
            if not app.store.pending and "Saved" in [n.title for n in app._notifications]:
                break
        assert not app.store.pending
        assert "Saved" in [n.title for n in app._notifications]
        meetings = list(json.loads(db_path.read_bytes())["meetings"].values())  # saved, app running
        assert [m["phase"] for m in meetings] == ["checkin"]
        assert meetings[0]["checkin_order"]


# -- locks -----------------------------------------------------------------------------------------
CHILD_ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def test_stale_lock_of_killed_process_does_not_block(db_path):
    seeded(db_path).close()
    code = ("import os, signal, sys; from als_tui.store import Store; s = Store(sys.argv[1]); "
            "print('open', flush=True); os.kill(os.getpid(), signal.SIGKILL)")
    proc = subprocess.run([sys.executable, "-c", code, str(db_path)], check=False, capture_output=True, text=True,
                          timeout=60, env=CHILD_ENV)
    assert proc.stdout == "open\n" and proc.returncode == -signal.SIGKILL
    assert Path(str(db_path) + ".lock").exists()  # left behind by the killed process
    started = time.monotonic()
    with Store(db_path) as s:  # not blocked, not waiting
        assert s.get_meeting("m1") is not None
    assert time.monotonic() - started < 5


def test_live_lock_refuses_second_instance(db_path):
    seeded(db_path).close()
    code = ("import sys; from als_tui.store import Store; s = Store(sys.argv[1]); "
            "print('open', flush=True); sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=CHILD_ENV)
    try:
        assert holder.stdout.readline() == "open\n"
        second = subprocess.run([sys.executable, "-m", "als_tui", "--db", str(db_path)],
                                check=False, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                                env=CHILD_ENV)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    assert second.returncode == 1
    assert second.stdout == ""
    assert second.stderr == (f"als: {db_path} is already open in another als window or process; "
                             "close that one first.\n")
    with Store(db_path):  # released when the holder ended
        pass


def test_background_writer_saves_on_exit_without_close(db_path):
    """The app's writer thread is a daemon: an exit that skips Store.close (an exception out of
    the app, sys.exit, an interrupt the CLI catches) must still wait for it."""
    code = textwrap.dedent("""
        import sys
        from als_tui.model import ALSet
        from als_tui.store import Store
        s = Store(sys.argv[1], background=True)
        for i in range(30):
            s.save_set(ALSet(name=f"Set {i}", id=f"s{i}", ground_rules=["x" * 20_000]))
        sys.exit(0)  # no close()
    """)
    proc = subprocess.run([sys.executable, "-c", code, str(db_path)], check=False, capture_output=True, text=True,
                          timeout=60, env=CHILD_ENV)
    assert proc.returncode == 0, proc.stderr
    with Store(db_path) as s:
        assert len(s.sets()) == 30


# -- corrupt files, newer schema -------------------------------------------------------------------
def _never_run(self, *args, **kwargs):  # the TUI must not start in these tests
    raise AssertionError("the TUI was started")


def run_cli(argv: list[str]) -> tuple[int, str]:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(argv)
    return code, err.getvalue()


@pytest.fixture
def two_versions(db_path):
    """A data file and its .bak (the version before the last save)."""
    with Store(db_path) as s:
        s.save_set(ALSet(name="One", id="s1"))
        s.save_set(ALSet(name="Two", id="s2"))
    return db_path, db_path.with_name("als.json.bak")


def test_corrupt_file_good_backup(two_versions, monkeypatch):
    db, bak = two_versions
    db.write_bytes(db.read_bytes()[:40])
    before = db.read_bytes()
    with pytest.raises(CorruptError) as exc:
        Store(db)
    assert str(exc.value) == (
        f"{db} cannot be read (it stops in the middle of the data at line 1, column 41: it was cut "
        f"short); it has not been changed — the last good copy is {bak}; run `als restore-backup "
        f"--db {db}` to put it back."
    )
    monkeypatch.setattr("als_tui.app.ALSApp.run", _never_run)
    assert run_cli(["--db", str(db)]) == (1, f"als: {exc.value}\n")  # the app says the same, one line
    assert db.read_bytes() == before
    assert run_cli(["restore-backup", "--db", str(db)])[0] == 0
    with Store(db) as s:
        assert [x.name for x in s.sets()] == ["One"]
    assert db.with_name("als.json.broken").read_bytes() == before


def test_good_file_corrupt_backup(two_versions):
    db, bak = two_versions
    bak.write_bytes(b"\x00" * 100)
    with Store(db) as s:  # the data file is what counts
        assert {x.name for x in s.sets()} == {"One", "Two"}
        s.save_set(ALSet(name="Three", id="s3"))
    assert {d["name"] for d in json.loads(bak.read_text())["sets"].values()} == {"One", "Two"}  # healed


def test_both_corrupt(two_versions):
    db, bak = two_versions
    db.write_bytes(b'{"sets": {"1": ')
    bak.write_bytes(b"[]")
    before = (db.read_bytes(), bak.read_bytes())
    with pytest.raises(CorruptError) as exc:
        Store(db)
    assert str(exc.value) == (
        f"{db} cannot be read (it stops in the middle of the data at line 1, column 16: it was cut "
        f"short); it has not been changed — its backup {bak} cannot be read either."
    )
    code, err = run_cli(["restore-backup", "--db", str(db)])
    assert code == 1
    assert err == (f"als: The backup {bak} cannot be read either (the top level is a list, not an object); "
                   "nothing was changed.\n")
    assert (db.read_bytes(), bak.read_bytes()) == before


@pytest.mark.parametrize("content", ["", "  \n"])
def test_empty_file_beside_backup_is_refused_not_overwritten(two_versions, content):
    db, bak = two_versions
    db.write_text(content)
    good = bak.read_bytes()
    with pytest.raises(CorruptError) as exc:
        Store(db)
    assert str(exc.value) == (
        f"{db} cannot be read (it is empty) but its backup {bak} is there; run `als restore-backup "
        f"--db {db}` to put it back, or move the backup away to start a new file."
    )
    assert bak.read_bytes() == good and db.read_text() == content


def test_missing_file_beside_backup_is_refused(two_versions):
    db, _ = two_versions
    db.unlink()
    with pytest.raises(CorruptError, match=r"\(it is missing\) but its backup"):
        Store(db)
    assert not db.exists()
    assert run_cli(["restore-backup", "--db", str(db)])[0] == 0
    with Store(db) as s:
        assert [x.name for x in s.sets()] == ["One"]


def test_newer_schema_refused_untouched(db_path, monkeypatch):
    db_path.parent.mkdir(parents=True)
    content = json.dumps({"_meta": {"1": {"schema": model.SCHEMA_VERSION + 1}}, "sets": {}, "future": {}})
    db_path.write_text(content)
    with pytest.raises(NewerSchemaError) as exc:
        Store(db_path)
    expected = (f"{db_path} was written by a newer als-tui (data schema {model.SCHEMA_VERSION + 1}; "
                f"this version reads up to {model.SCHEMA_VERSION}). It has not been changed: upgrade "
                "als-tui to open it.")
    assert str(exc.value) == expected
    monkeypatch.setattr("als_tui.app.ALSApp.run", _never_run)
    assert run_cli(["--db", str(db_path)]) == (1, f"als: {expected}\n")
    assert db_path.read_text() == content
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["als.json", "als.json.lock"]  # no .bak


# -- abrupt ends: every phase is on disk before its screen is shown -----------------------------------
def name(app) -> str:
    return type(app.screen).__name__


async def drive_with_snapshots(app, pilot, clock, snap) -> None:
    """A whole meeting (one presenter) by keys; ``snap(label)`` copies the data file at each phase."""
    await pilot.press("m")
    await pilot.pause()
    assert name(app) == "OpeningScreen"
    snap("opening")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "CheckInScreen"
    await pilot.press("ctrl+t")  # the first check-in clock starts
    for _ in range(2):  # two members checked in, the third is next
        clock.advance(90)
        await pilot.press("ctrl+n")
        await pilot.pause()
    snap("checkin")
    while name(app) == "CheckInScreen":
        clock.advance(90)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert name(app) == "BidScreen"
    snap("bids")
    present = app.store.meeting_in_progress("set1").present
    await type_into(pilot, f"#title-{present.index('Asha')}", "Rota gaps")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "SelectionScreen"
    snap("selection")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "IssueSessionScreen"
    snap("issue")
    await pilot.press("ctrl+n")  # the account starts, clock running
    await pilot.pause()
    clock.advance(120)
    await pilot.press("ctrl+n")  # on to the clarifying questions, clock running
    await pilot.pause()
    assert name(app) == "StageScreen" and app.screen.flow.current_session.current_stage == 1
    clock.advance(45)
    await pilot.press("space")  # pause: the clock is saved
    await pilot.pause()
    snap("stage")
    while name(app) == "StageScreen":
        clock.advance(60)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert name(app) == "ActionScreen"
    snap("actions")
    await type_into(pilot, ".what", "Ask HR")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "ProcessReviewScreen"
    snap("review")
    await pilot.press(*"Good")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "SummaryScreen"
    snap("summary")


RESUMES_AT = {
    "opening": "OpeningScreen",
    "checkin": "CheckInScreen",
    "bids": "BidScreen",
    "selection": "SelectionScreen",
    "issue": "IssueSessionScreen",
    "stage": "StageScreen",
    "actions": "ActionScreen",
    "review": "ProcessReviewScreen",
    "summary": "SummaryScreen",
}


async def test_abrupt_end_at_every_phase_resumes_there(tmp_path):
    db = tmp_path / "live" / "als.json"
    with Store(db) as s:
        make_set(s, 5)
    clock = FakeClock(0.0)
    snapshots: dict[str, Path] = {}

    def snap(label: str) -> None:  # what a kill at this instant leaves on disk
        copy = tmp_path / label / "als.json"
        copy.parent.mkdir()
        shutil.copyfile(db, copy)
        snapshots[label] = copy

    app = make_app(db, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await drive_with_snapshots(app, pilot, clock, snap)
    assert list(snapshots) == list(RESUMES_AT)

    for label, screen_name in RESUMES_AT.items():
        again = make_app(snapshots[label], FakeClock(5000.0))
        async with again.run_test(size=(100, 30)) as pilot:
            await pilot.press("m")
            await pilot.pause()
            assert name(again) == "ResumeScreen", label
            await pilot.press("r")
            await pilot.pause()
            assert name(again) == screen_name, label
            m = again.screen.meeting
            if label == "checkin":
                assert len([c for c in m.checkins if not c.skipped]) == 2
                assert again.screen.flow.current_checkin_member == m.checkin_order[2]
            if label == "stage":
                assert again.screen.flow.current_session.current_stage == 1
                assert m.sessions[0].stages[0].actual_seconds == 120
                assert again.screen.clock.elapsed == 45 and not again.screen.clock.running
            if label == "review":
                assert m.sessions[0].actions_done
                assert [a.text for a in again.store.actions("set1")] == ["Ask HR"]


SIGNAL_CHILD = textwrap.dedent("""
    import asyncio, sys
    sys.path.insert(0, sys.argv[1])
    from als_tui.app import ALSApp
    from als_tui.clock import FakeClock
    from tests.factories import TODAY

    async def main(db, keys):
        clock = FakeClock(1000.0)
        # as the `als` command runs it: saves are made durable by the background writer
        app = ALSApp(db_path=db, now=clock, today=lambda: TODAY, background_writes=True)
        async with app.run_test(size=(100, 30)) as pilot:
            for key in keys.split(","):
                if key.startswith("+"):
                    clock.advance(float(key[1:]))
                else:
                    await pilot.press(key)
                    await pilot.pause()
            print("ready", type(app.screen).__name__, flush=True)
            await asyncio.sleep(120)

    asyncio.run(main(sys.argv[2], sys.argv[3]))
""")

# (phase the saved meeting is at, keys, screen reached, what the file must then hold)
SIGNAL_CASES = {
    "checkin": ("checkin", "m,r,ctrl+t,+90,ctrl+n", "CheckInScreen",
                lambda m: [(c.member, c.seconds) for c in m.checkins] == [(m.checkin_order[0], 90)]),
    "selection": ("bids", "m,r,ctrl+n", "SelectionScreen", lambda m: m.phase == "selection"),
    "stage": ("session", "m,r,ctrl+n,+75,ctrl+n", "StageScreen",
              lambda m: m.sessions[0].current_stage == 1 and m.sessions[0].stages[0].actual_seconds == 75),
    "review": ("review", "m,r", "ProcessReviewScreen", lambda m: m.phase == "review"),
}


@pytest.mark.parametrize(
    ("case", "sig"),
    [
        ("checkin", signal.SIGINT),
        ("stage", signal.SIGHUP),
        pytest.param("selection", signal.SIGHUP, marks=pytest.mark.slow),
        pytest.param("review", signal.SIGINT, marks=pytest.mark.slow),
        pytest.param("checkin", signal.SIGHUP, marks=pytest.mark.slow),
        pytest.param("stage", signal.SIGINT, marks=pytest.mark.slow),
    ],
)
def test_signal_mid_meeting_in_child_process(db_path, case, sig):
    phase, keys, screen, holds = SIGNAL_CASES[case]
    with Store(db_path) as s:
        alset = make_set(s, 6)
        m = meeting_at(s, alset, phase)
    proc = subprocess.Popen([sys.executable, "-c", SIGNAL_CHILD, str(ROOT), str(db_path), keys],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=CHILD_ENV)
    try:
        line = proc.stdout.readline()
        assert line == f"ready {screen}\n", proc.stderr.read() if not line else line
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    with Store(db_path) as s:  # the lock of the ended process does not block
        m = s.get_meeting(m.id)
        assert m.status == model.IN_PROGRESS and holds(m)
