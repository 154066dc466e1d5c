"""Confidentiality: every file the app writes is 0600 and every folder it creates 0700, whatever
the umask; a whole meeting runs with socket creation forbidden, so the app makes no network calls.

The umask is set to 000 for these tests (the worst case: nothing is masked), so every mode seen
is the one the code asks for explicitly.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import stat
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.store import durable as store_mod
from als_tui.app import ALSApp
from als_tui.model import ALSet, Member
from als_tui.store import Store
from tests.factories import make_set
from tests.test_full_meeting import run_meeting

FIXTURES = Path(__file__).parent / "fixtures"


def mode(p: Path) -> int:
    return stat.S_IMODE(p.lstat().st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def assert_private_tree(folder: Path) -> list[str]:
    """Every file under *folder* is 0600 and every folder 0700; returns the names seen."""
    seen = []
    for p in [folder, *folder.rglob("*")]:
        want = 0o700 if p.is_dir() else 0o600
        assert mode(p) == want, f"{p} is {oct(mode(p))}, not {oct(want)}"
        seen.append(p.name)
    return seen


def cli_run(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli.main(argv)


def test_every_file_and_folder_is_private(tmp_path, monkeypatch):
    root = tmp_path / "home" / "share" / "als-tui"  # three folders we create
    db = root / "als.json"
    temp_modes: dict[str, int] = {}

    def hook(label: str) -> None:  # look at the temp files while they exist
        for p in root.iterdir():
            if p.name.endswith(".tmp"):
                temp_modes[f"{label}:{p.name.rsplit('.', 2)[-2] if 'bak' not in p.name else 'bak.tmp'}"] = mode(p)

    monkeypatch.setattr(store_mod, "crash_hook", hook)
    with Store(db) as s:
        s.save_set(ALSet(name="Ward managers", members=[Member("Asha"), Member("Ben")], id="set1"))
        s.save_set(ALSet(name="Second", id="set2"))
    monkeypatch.setattr(store_mod, "crash_hook", None)
    assert temp_modes and set(temp_modes.values()) == {0o600}, temp_modes
    assert any(k.startswith("after-link:bak.tmp") for k in temp_modes)  # the .bak's temp link too

    for p in (tmp_path / "home", tmp_path / "home" / "share", root):
        assert mode(p) == 0o700, p
    assert {"als.json", "als.json.bak", "als.json.lock"} <= set(assert_private_tree(root))

    # exports, when the CLI has them
    for fmt in ("md", "csv", "json"):
        out = root / f"export.{fmt}"
        assert cli_run(["export", "--db", str(db), "--format", fmt, "--out", str(out)]) == 0
        assert mode(out) == 0o600
    # a restore keeps the unreadable file as .broken
    db.write_text("{not json")
    assert cli_run(["restore-backup", "--db", str(db)]) == 0
    assert mode(root / "als.json.broken") == 0o600
    # migrating an old file keeps it as .schema0.bak
    old = root / "old.json"
    old.write_bytes((FIXTURES / "schema0.json").read_bytes())
    old.chmod(0o644)  # loosened by someone: tightened on open
    Store(old).close()
    assert mode(root / "old.json.schema0.bak") == 0o600
    assert_private_tree(root)


def test_existing_folder_is_left_as_it_is(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    with Store(shared / "als.json") as s:
        s.save_set(ALSet(name="S"))
    assert mode(shared) == 0o755  # not ours to change; the files in it are still private
    assert {mode(p) for p in shared.iterdir()} == {0o600}


# -- no network ------------------------------------------------------------------------------------
class NoNetwork(Exception):
    pass


def forbid_sockets(monkeypatch) -> list[str]:
    """From now on, creating any socket (or resolving a name) raises; returns the attempts.
    Called inside the test, after pytest-asyncio made the event loop (whose wake-up pipe is a
    local socketpair)."""
    attempts: list[str] = []

    def refuse(what: str):
        def fail(*args, **kwargs):
            attempts.append(f"{what}{args!r}"[:200])
            raise NoNetwork(f"{what} is forbidden in this test")

        return fail

    class ForbiddenSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse("socket.socket")(*args, **kwargs)

    monkeypatch.setattr(socket, "socket", ForbiddenSocket)
    for name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    return attempts


async def test_whole_meeting_makes_no_network_calls_and_writes_only_private_files(tmp_path, monkeypatch):
    no_sockets = forbid_sockets(monkeypatch)
    with pytest.raises(NoNetwork):  # the ban works
        socket.create_connection(("example.org", 443))
    with pytest.raises(NoNetwork):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    no_sockets.clear()
    root = tmp_path / "private" / "als"
    db = root / "als.json"
    with Store(db) as s:
        make_set(s, 5)
    from als_tui.clock import FakeClock

    clock = FakeClock(0.0)
    # as the `als` command runs it: a writer thread makes the saves durable
    app = ALSApp(db_path=db, now=clock, today=lambda: "2026-03-10", background_writes=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_meeting(
            app, pilot, clock,
            bids={"Asha": ("Rota gaps", 5, 40)},
            actions={"Asha": "Ask HR about a bank pool"},
        )
    assert no_sockets == []  # nothing even tried
    with Store(db) as s:
        (m,) = s.meetings("set1")
        assert m.status == "finished"
    assert_private_tree(tmp_path / "private")
