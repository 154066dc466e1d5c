"""The pure core never imports Textual (DESIGN.md, rules of the house)."""

import subprocess
import sys

CORE = ["model", "flow", "clock", "bank", "store", "questioning", "drills", "export", "paths", "helptext", "demo", "insight"]


def printed_by(code: str) -> str:
    """What *code* prints, run in a fresh interpreter (so the modules it imports are its own)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


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
    assert (out := printed_by(code)) == "", f"core pulled in: {out}"


def test_cli_help_does_not_import_textual():
    code = (
        "import sys, contextlib, io\n"
        "from als_tui import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: cli.main(['--help'])\n"
        "    except SystemExit: pass\n"
        "print('textual' in sys.modules)\n"
    )
    assert printed_by(code) == "False"


def test_the_prep_screen_leaves_its_heavy_widgets_for_after_its_first_paint():
    """`als prep` paints the issue field first; the text areas, selection list and radio sets
    (about 15 ms of imports) come with the rest of the form, just after; the meeting commands
    when the command palette first opens. (Textual's command palette imports Select anyway.)"""
    code = (
        "import sys\n"
        "import als_tui.app, als_tui.screens.prep\n"
        "heavy = ['textual.widgets._text_area', 'textual.widgets._selection_list', "
        "'textual.widgets._radio_set', 'als_tui.flow', 'als_tui.commands']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    assert (out := printed_by(code)) == "", f"imported before the first paint: {out}"
