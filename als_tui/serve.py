"""``als serve``: the app as a web page, for a set that meets over video — behind a token.

Any local user, or any web page open in the same browser, can reach ``127.0.0.1:PORT``. So each
run makes a fresh random token (or takes ``--token``), prints the address to open with it (as
Jupyter does), and requires it of the page (``/?token=…``) and of the websocket that drives the
app (``/ws/<token>``, which the page uses; ``/ws?token=…`` for other clients). Tokens are compared
in constant time. The websocket also refuses an ``Origin`` other than the page's own (a page from
another site that learned the token still cannot drive the set), and on a loopback address a
``Host`` other than this machine's names (DNS rebinding). A refused request never starts a session
and never takes the data file.

The page loads nothing from outside this server (textual-serve's web-font link is removed).
"""

from __future__ import annotations

import hmac
import inspect
import ipaddress
import secrets
import shlex
import sys
from pathlib import Path
from urllib.parse import quote
from .paths import user_path

TOKEN_BYTES = 24  # 192 bits, 32 URL-safe characters
REFUSED = (
    "This page needs the address als serve printed, with its token (…/?token=…). "
    "Ask whoever started it for the address."
)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _wildcard(host: str) -> bool:
    return host in ("", "0.0.0.0", "::", "[::]")


def _hostport(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def same_token(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8", "surrogatepass"), token.encode("utf-8"))


class Guard:
    """Who may open the page and drive the app: the rules of the module doc, without aiohttp."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port, self.token = host, port, token
        names = {_hostport(host, port)}
        if is_loopback(host):
            names |= {f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}
        self.hosts = names  # Host headers a loopback server answers
        self.origins = {f"http://{name}" for name in names}

    def host_ok(self, host_header: str | None) -> bool:
        if not is_loopback(self.host):
            return True  # (another machine's name for this one: the token decides)
        return host_header in self.hosts

    def origin_ok(self, origins: list[str], host_header: str | None) -> bool:
        """The websocket's Origin: none (not a browser), or exactly the page's own."""
        if not origins:
            return True
        if len(origins) > 1:
            return False
        if _wildcard(self.host):
            return host_header is not None and origins[0] == f"http://{host_header}"
        return origins[0] in self.origins


def make_server(command: str, host: str, port: int, token: str, title: str, templates_path: str | None):
    """A textual-serve Server with the guard of the module doc (textual-serve is imported here)."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    guard = Guard(host, port, token)

    def refuse(text: str = REFUSED) -> web.Response:
        return web.Response(status=403, text=text + "\n")

    class GuardedServer(Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.router.add_get("/ws/{token}", self.handle_guarded_websocket)
            app.middlewares.append(self.guard)
            return app

        @web.middleware
        async def guard(self, request: web.Request, handler):
            path = request.path
            if path.startswith("/static/") or path.startswith("/download/"):
                return await handler(request)  # (no data: the page's scripts; downloads go by a random key)
            if not guard.host_ok(request.headers.get("Host")):
                return refuse("This server answers to this machine's own address only.")
            if path == "/":
                return await handler(request) if same_token(request.query.get("token"), token) else refuse()
            if path == "/ws" or path.startswith("/ws/"):
                given = request.match_info.get("token") if path.startswith("/ws/") else request.query.get("token")
                if not same_token(given, token):
                    return refuse()
                if not guard.origin_ok(request.headers.getall("Origin", []), request.headers.get("Host")):
                    return refuse("Another web site cannot drive this set.")
                return await handler(request)
            return await handler(request)

        async def handle_guarded_websocket(self, request: web.Request) -> web.StreamResponse:
            return await self.handle_websocket(request)

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict:
            context = await inspect.unwrap(Server.handle_index)(self, request)  # textual-serve's own context
            context["app_websocket_url"] = context["app_websocket_url"].rstrip("/") + "/" + quote(token, safe="")
            return context

        async def on_startup(self, app: web.Application) -> None:
            print(f"Open this address in a browser (its token is the key; share it only with the set):\n\n"
                  f"    {self.public_url}/?token={quote(token, safe='')}\n\nPress Ctrl+C to stop.", flush=True)

    options = {"templates_path": templates_path} if templates_path else {}
    return GuardedServer(command, host=host, port=port, title=title, **options)


def browser_templates() -> str | None:
    """textual-serve's page without its web-font link: the browser then loads nothing from outside
    this server (the set's meeting stays off third-party logs). None to keep textual-serve's own."""
    import atexit
    import re
    import shutil
    import tempfile

    try:
        import textual_serve

        source = Path(textual_serve.__file__).parent / "templates"
        out = Path(tempfile.mkdtemp(prefix="als-serve-"))
        atexit.register(shutil.rmtree, out, True)
        for page in source.glob("*.html"):
            html = page.read_text(encoding="utf-8")
            html = re.sub(r'<link[^>]*fonts\.googleapis\.com[^>]*/>\s*', "", html)
            (out / page.name).write_text(html, encoding="utf-8")
        return str(out)
    except OSError:
        return None


def session_command(db: Path, bank: str | None) -> str:
    """The command each browser session runs: the app on the data file, showing a notice (not an
    error line) when the file is busy."""
    command = [sys.executable, "-m", "als_tui", "--db", str(db.resolve()), "--in-use-screen"]
    if bank:
        command += ["--bank", str(user_path(bank).resolve())]
    return shlex.join(command)
