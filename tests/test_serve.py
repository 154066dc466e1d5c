"""`als serve`: the app in a browser, and the single writer kept safe.

Fast: the server starts on a free localhost port and answers HTTP; without textual-serve it says
how to install it; a session that finds the file locked shows the "in use" notice instead of an
error line. Slow (``pytest -m slow``): two headless Chromium tabs, driven over the DevTools
protocol — the second gets the notice, and the data file comes out intact.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.store import LockedError, Store, StoreError
from tests.factories import make_set

HAVE_SERVE = True
try:
    import textual_serve  # noqa: F401
except ImportError:
    HAVE_SERVE = False

needs_serve = pytest.mark.skipif(not HAVE_SERVE, reason="textual-serve is not installed (pip install -e '.[serve]')")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


TOKEN = "test-token-0123456789abcdef"  # (each real run makes a fresh random one: tests/test_serve_auth.py)


def start_server(db: Path, port: int, log: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "als_tui", "serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(db),
             *(extra or ("--token", TOKEN))],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True,
        )


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group (it and the sessions it started); SIGKILL if it lingers."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    try:  # sessions left behind by the server
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 15.0) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"als serve exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                assert response.status == 200
                return response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"no HTTP answer from {url} within {timeout:.0f} s:\n{log.read_text(errors='replace')}")


# -- fast -----------------------------------------------------------------------------------
@needs_serve
def test_serve_answers_http_on_a_free_localhost_port(tmp_path: Path) -> None:
    db = tmp_path / "data" / "als.json"
    port = free_port()
    log = tmp_path / "serve.log"
    proc = start_server(db, port, log)
    try:
        page = wait_http(f"http://127.0.0.1:{port}/?token={TOKEN}", proc, log).decode("utf-8", "replace")
    finally:
        stop(proc)
    assert "Action Learning Set" in page  # the title shown while the session starts
    assert f"ws://127.0.0.1:{port}/ws/{TOKEN}" in page
    assert "fonts.googleapis.com" not in page  # the page loads nothing from outside this server
    assert db.exists() and (db.stat().st_mode & 0o777) == 0o600


def test_serve_without_textual_serve_says_how_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['textual_serve'] = None; sys.modules['textual_serve.server'] = None\n"
        "from als_tui.cli import main\n"
        f"sys.exit(main(['serve', '--db', {str(tmp_path / 'als.json')!r}]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install textual-serve" in lines[0]
    assert proc.stdout == ""


@needs_serve
def test_serve_refuses_a_file_already_open(tmp_path: Path, capsys) -> None:
    db = tmp_path / "als.json"
    with Store(db):
        assert cli.main(["serve", "--db", str(db), "--port", str(free_port())]) == 1
    assert "already open" in capsys.readouterr().err


def test_a_served_session_on_a_busy_file_shows_the_in_use_notice(tmp_path: Path, monkeypatch) -> None:
    from als_tui import in_use

    shown = []
    monkeypatch.setattr(in_use.InUseApp, "run", lambda self, *a, **k: shown.append(self))
    db = tmp_path / "als.json"
    with Store(db) as store:
        make_set(store)
        assert cli.main(["--db", str(db), "--in-use-screen"]) == 1
    (app,) = shown
    assert app.notice_title == "This set's file is in use by another session"
    assert "als.json" in app.message and str(tmp_path) not in app.message  # the file's name, not where it is


def test_without_the_flag_a_busy_file_is_one_line(tmp_path: Path, capsys) -> None:
    db = tmp_path / "als.json"
    with Store(db):
        assert cli.main(["--db", str(db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already open" in err[0]


async def test_in_use_app_reads_well_and_closes() -> None:
    from als_tui.in_use import IN_USE_TITLE, InUseApp, in_use_message

    app = InUseApp(IN_USE_TITLE, in_use_message("team.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        text = str(app.query_one("#in-use-title").render()) + str(app.query_one("#in-use-message").render())
        assert "in use by another session" in text
        assert "team.json" in text and "reload this page" in text
        await pilot.press("q")
    assert app.return_code == 1


# -- slow: two real browser sessions ------------------------------------------------------------
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])")


class DevTools:
    """A minimal Chrome DevTools protocol client (aiohttp's websocket; flat sessions)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0
        self.pending: dict[int, asyncio.Future] = {}
        self.frames: dict[str, list[str]] = {}  # session id -> terminal text received
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for msg in self.ws:
            data = json.loads(msg.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                response = data["params"]["response"]
                raw = response.get("payloadData", "")
                if response.get("opcode") == 2:
                    raw = base64.b64decode(raw).decode("utf-8", "ignore")
                self.frames.setdefault(data.get("sessionId", ""), []).append(ANSI.sub("", raw))

    async def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.ws.send_str(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def open_tab(self, url: str) -> str:
        target = await self.send("Target.createTarget", {"url": "about:blank"})
        attached = await self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
        session = attached["sessionId"]
        await self.send("Network.enable", session=session)
        await self.send("Page.enable", session=session)
        await self.send("Page.navigate", {"url": url}, session=session)
        return session

    def text(self, session: str) -> str:
        return "".join(self.frames.get(session, []))

    async def wait_for(self, session: str, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.text(session):
                return self.text(session)
            await asyncio.sleep(0.2)
        raise AssertionError(f"{needle!r} not seen in the tab within {timeout:.0f} s; got:\n{self.text(session)[-2000:]}")


def launch_chromium(profile: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--use-gl=swiftshader",
         "--enable-unsafe-swiftshader", "--no-first-run", "--no-default-browser-check",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--window-size=1280,900", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    deadline = time.monotonic() + 30
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            break
        if match := re.search(r"DevTools listening on (ws://\S+)", line):
            return proc, match.group(1)
    stop(proc)
    pytest.fail("Chromium did not open its DevTools port")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
@needs_serve
def test_second_browser_session_is_told_the_file_is_in_use(tmp_path: Path) -> None:
    aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve")
    db = tmp_path / "data" / "als.json"
    with Store(db) as store:
        make_set(store, 5, name="Ward managers")
        before = store.raw()
    port = free_port()
    log = tmp_path / "serve.log"
    server = start_server(db, port, log)
    browser = None
    try:
        url = f"http://127.0.0.1:{port}/?token={TOKEN}"
        wait_http(url, server, log)
        browser, endpoint = launch_chromium(tmp_path / "profile")

        async def drive() -> tuple[str, str]:
            async with aiohttp.ClientSession() as http, http.ws_connect(endpoint, max_msg_size=0) as ws:
                tools = DevTools(ws)
                first = await tools.open_tab(url)
                home = await tools.wait_for(first, "Ward managers")  # the first session holds the file
                second = await tools.open_tab(url)
                notice = await tools.wait_for(second, "in use by another session")
                await asyncio.sleep(1.0)
                still = tools.text(first)
                tools.reader.cancel()
                return home + still, notice

        first_text, second_text = asyncio.run(drive())
    finally:
        if browser is not None:
            stop(browser)
        stop(server)
    assert "Learning sets" in first_text
    assert "in use by another session" not in first_text
    assert "reload this page" in second_text
    deadline = time.monotonic() + 15  # the first session's process lets go of the lock as it ends
    while True:
        try:
            with Store(db) as store:
                after = store.raw()
            break
        except LockedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
        except StoreError as exc:
            pytest.fail(f"the data file was damaged: {exc}")
    assert after["sets"] == before["sets"]
    json.loads(db.read_text(encoding="utf-8"))
