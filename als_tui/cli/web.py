"""``als serve``: the app as a web page, one session per browser tab, behind a token."""

from __future__ import annotations

import argparse
import sys

from .common import CliError, check_bank, db_path, store_failed


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        raise CliError(
            "als serve needs textual-serve: pip install textual-serve in als's environment "
            "(a checkout: pip install -e '.[serve]'; pipx: pipx inject als-tui textual-serve)"
        ) from None
    from .. import serve
    from ..store import Store, StoreError

    if not 0 < args.port < 65536:
        raise CliError(f"--port must be 1 to 65535, not {args.port}")
    token = serve.new_token() if args.token is None else args.token
    if not token.strip() or len(token) < 8:
        raise CliError("--token must be at least 8 characters (leave it out for a fresh random one)")
    db = db_path(args)
    check_bank(args.bank)
    try:  # the file must open now (created 0600 if new), not only in the first browser tab
        Store(db).close()
    except StoreError as exc:
        raise store_failed(exc) from None
    import socket

    try:
        socket.getaddrinfo(args.host, args.port)
    except (OSError, UnicodeError, ValueError):
        raise CliError(f"cannot listen on {args.host}:{args.port}: that is not a host name or address here") from None
    if not serve.is_loopback(args.host):
        print(
            f"als: serving on {args.host}: anyone who can reach this address and has the token can open "
            f"{db.name}; the data is the set's confidential record.",
            file=sys.stderr,
        )
    server = serve.make_server(serve.session_command(db, args.bank), args.host, args.port, token,
                               "Action Learning Set", serve.browser_templates())
    try:
        server.serve()
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    except ValueError:  # (a host name the resolver cannot even encode: "bad..host")
        raise CliError(f"cannot listen on {args.host}:{args.port}: that is not a host name or address") from None
    return 0
