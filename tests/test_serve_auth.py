"""`als serve` requires its token, and its websocket refuses other sites: with a real websocket client.

An attack found that any local user, or any web page open in the user's browser, could open
``ws://127.0.0.1:PORT/ws`` and read and drive the set. Now each run has a fresh random token,
printed in the address to open; the page and the websocket need it (compared in constant time);
the websocket refuses an Origin other than the page's own and, on a loopback address, a Host
other than this machine's. A refused request starts no session and takes no lock. The browser
check (headless Chromium: the real page works, a page from another origin with the token is
refused) runs with ``pytest -m slow``.
"""

from __future__ import annotations

import asyncio
import http.server
import re
import threading
import time
from urllib.parse import quote

import pytest

from als_tui import cli
from als_tui.serve import Guard, same_token
from als_tui.store import Store
from tests.factories import make_set
from tests.test_serve import CHROMIUM, DevTools, free_port, launch_chromium, needs_serve, start_server, stop, wait_http

TOKEN = "Zq8Vt3LrPx1Nw6Yh2Ks9Df4Gm7Jb5Hc"
aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    db = folder / "als.json"
    with Store(db) as store:
        make_set(store, name="Ward managers")
    port = free_port()
    log = folder / "serve.log"
    proc = start_server(db, port, log, "--token", TOKEN)
    try:
        wait_http(f"http://127.0.0.1:{port}/?token={TOKEN}", proc, log)
        yield port, proc
    finally:
        stop(proc)


async def _ws(port: int, path: str, headers: dict | list | None = None, want: str = "Ward managers") -> int | str:
    """The handshake's status if refused, else the text the app sent (until *want* shows)."""
    url = f"http://127.0.0.1:{port}{path}"
    async with aiohttp.ClientSession(skip_auto_headers=["Origin"]) as session:
        try:
            async with session.ws_connect(url.replace("http", "ws", 1), headers=headers) as ws:
                seen = ""
                deadline = time.monotonic() + 20
                while want not in seen and time.monotonic() < deadline:
                    msg = await ws.receive(timeout=20)
                    if msg.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                        data = msg.data if isinstance(msg.data, str) else msg.data.decode("utf-8", "ignore")
                        seen += re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", data)
                    elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                        break
                return seen
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def _status(port: int, path: str, host: str | None = None) -> int:
    async def get() -> int:
        async with aiohttp.ClientSession() as session:
            headers = {"Host": host} if host else None
            async with session.get(f"http://127.0.0.1:{port}{path}", headers=headers) as response:
                return response.status

    return asyncio.run(get())


@needs_serve
def test_the_page_needs_the_token(served):
    port, _ = served
    assert _status(port, "/") == 403
    assert _status(port, "/?token=" + TOKEN[:-1]) == 403
    assert _status(port, "/?token=" + TOKEN) == 200
    assert _status(port, "/?token=" + TOKEN, host=f"evil.example:{port}") == 403  # DNS rebinding


@needs_serve
def test_the_websocket_refuses_without_the_token_and_from_another_origin(served):
    port, _ = served
    mine = {"Origin": f"http://127.0.0.1:{port}"}
    near = [TOKEN[:-1], TOKEN + "A", TOKEN[:-1] + "x", TOKEN[:8], TOKEN.swapcase(), " " + TOKEN, "x" * len(TOKEN)]

    async def attempts() -> list:
        results = [await _ws(port, "/ws", mine), await _ws(port, "/ws?token=", mine)]
        results += [await _ws(port, "/ws/" + quote(t, safe=""), mine) for t in near]
        results += [await _ws(port, "/ws?token=" + quote(t, safe=""), mine) for t in near[:3]]
        for origin in ("http://evil.example", f"http://127.0.0.1:{port + 1}", f"http://127.0.0.1:{port}.evil.example",
                       f"https://127.0.0.1:{port}", "null", f"http://127.0.0.1:{port}@evil.example",
                       f"ws://127.0.0.1:{port}"):
            results.append(await _ws(port, f"/ws/{TOKEN}", {"Origin": origin}))
        two = [("Origin", "http://evil.example"), ("Origin", f"http://127.0.0.1:{port}")]
        results.append(await _ws(port, f"/ws/{TOKEN}", two))
        results.append(await _ws(port, f"/ws/{TOKEN}", {**mine, "Host": f"evil.example:{port}"}))
        return results

    results = asyncio.run(attempts())
    assert [i for i, r in enumerate(results) if r != 403] == []


@needs_serve
def test_the_right_token_and_origin_get_the_set_and_refusals_took_no_lock(served):
    port, _ = served
    text = asyncio.run(_ws(port, f"/ws/{TOKEN}", {"Origin": f"http://127.0.0.1:{port}"}))
    assert isinstance(text, str) and "Ward managers" in text and "in use" not in text
    text = asyncio.run(_ws(port, f"/ws?token={TOKEN}"))  # a client that sends no Origin (not a browser)
    assert isinstance(text, str) and "Ward managers" in text


@needs_serve
def test_each_run_has_a_fresh_token_and_an_empty_one_is_refused(tmp_path, capsys):
    assert cli.main(["serve", "--db", str(tmp_path / "a.json"), "--token", ""]) == 1
    assert "--token must be at least 8 characters" in capsys.readouterr().err
    tokens = []
    for run in range(2):
        port, log = free_port(), tmp_path / f"serve{run}.log"
        proc = start_server(tmp_path / "b.json", port, log, "--port", str(port))  # (no --token: a fresh one)
        try:
            deadline = time.monotonic() + 20
            while "token=" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.1)
            tokens.append(re.search(r"/\?token=([\w-]+)", log.read_text()).group(1))
        finally:
            stop(proc)
    assert tokens[0] != tokens[1] and all(len(t) >= 32 for t in tokens)


def test_the_rules_without_a_server():
    assert same_token(TOKEN, TOKEN) and not same_token(TOKEN + "x", TOKEN) and not same_token(None, TOKEN)
    guard = Guard("127.0.0.1", 8000, TOKEN)
    assert guard.origin_ok(["http://127.0.0.1:8000"], "127.0.0.1:8000")
    assert guard.origin_ok(["http://localhost:8000"], "localhost:8000")
    assert guard.origin_ok([], "127.0.0.1:8000")  # not a browser
    assert not guard.origin_ok(["http://127.0.0.1:80"], "127.0.0.1:8000")
    assert not guard.origin_ok(["http://127.0.0.1:8000", "http://127.0.0.1:8000"], "127.0.0.1:8000")
    assert not guard.host_ok("evil.example:8000") and guard.host_ok("localhost:8000")
    wild = Guard("0.0.0.0", 8000, TOKEN)  # served to the network: the page's own origin, whatever its name
    assert wild.origin_ok(["http://192.168.1.5:8000"], "192.168.1.5:8000")
    assert not wild.origin_ok(["http://evil.example"], "192.168.1.5:8000")


# -- slow: a real browser --------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
@needs_serve
def test_in_chromium_the_page_works_and_a_foreign_page_is_refused(tmp_path):
    db = tmp_path / "als.json"
    with Store(db) as store:
        make_set(store, name="Ward managers")
    port, foreign_port = free_port(), free_port()
    log = tmp_path / "serve.log"
    server = start_server(db, port, log, "--token", TOKEN)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "evil.html").write_text(
        "<script>document.title = 'started';"
        f"for (const u of ['ws://127.0.0.1:{port}/ws', 'ws://127.0.0.1:{port}/ws/{TOKEN}']) {{"
        "  const w = new WebSocket(u); w.onmessage = () => { document.title += ' GOT ' + u; };"
        "  w.onerror = () => { document.title += ' ERR'; }; }</script>")
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path / "site"))  # noqa: E731
    site = http.server.ThreadingHTTPServer(("127.0.0.1", foreign_port), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    browser = None
    try:
        wait_http(f"http://127.0.0.1:{port}/?token={TOKEN}", server, log)
        browser, endpoint = launch_chromium(tmp_path / "profile")

        async def drive() -> tuple[str, str]:
            async with aiohttp.ClientSession() as session, session.ws_connect(endpoint, max_msg_size=0) as ws:
                tools = DevTools(ws)
                good = await tools.open_tab(f"http://127.0.0.1:{port}/?token={TOKEN}")
                home = await tools.wait_for(good, "Ward managers")
                evil = await tools.open_tab(f"http://127.0.0.1:{foreign_port}/evil.html")
                title = ""
                for _ in range(50):
                    await asyncio.sleep(0.2)
                    result = await tools.send("Runtime.evaluate", {"expression": "document.title"}, session=evil)
                    title = result.get("result", {}).get("value", "")
                    if title.count("ERR") >= 2:
                        break
                tools.reader.cancel()
                return home, title

        home, title = asyncio.run(drive())
    finally:
        site.shutdown()
        if browser is not None:
            stop(browser)
        stop(server)
    assert "Learning sets" in home
    assert "GOT" not in title and title.count("ERR") == 2, title


@needs_serve
def test_a_host_that_is_no_address_is_one_line(tmp_path, capsys):
    assert cli.main(["serve", "--db", str(tmp_path / "a.json"), "--host", "bad..host", "--port", str(free_port())]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a host name or address" in err and "Traceback" not in err
