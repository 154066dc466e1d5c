"""The pure core never imports Textual (DESIGN.md, rules of the house)."""

import subprocess
import sys

CORE = ["model", "flow", "clock", "bank", "store", "questioning", "export", "paths", "helptext", "demo", "insight"]


def test_core_does_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    try:\n"
        "        importlib.import_module('als_tui.' + name)\n"
        "    except ModuleNotFoundError as exc:\n"
        "        if exc.name != 'als_tui.' + name: raise\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.') or m == 'rich')\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in: {out.stdout}"


def test_cli_help_does_not_import_textual():
    code = (
        "import sys, contextlib, io\n"
        "from als_tui import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: cli.main(['--help'])\n"
        "    except SystemExit: pass\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
