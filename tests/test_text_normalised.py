"""Text that would break later is mended where it comes in, and never breaks an export.

An attack found that ``als import`` accepted a lone surrogate ("\\ud800"), after which every
export failed with a traceback and ``--out`` left a 0-byte file. Lone surrogates are not text:
no UTF-8 file can hold them. Now they are replaced by U+FFFD (�) at import and at every text
entry (``model.clean_text``), an export mends any already in a file, and a command line in a
broken locale (undecodable bytes arrive as surrogate escapes) gets its one-line answer printed.
Legitimate odd text (emoji, right-to-left marks, combining accents, control characters) is kept
exactly.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.model import Action, clean_text
from als_tui.store import Store
from tests.factories import make_set


def _backup(tmp_path: Path, capsys, *, name: str, text: str) -> Path:
    db = tmp_path / "src.json"
    with Store(db) as s:
        make_set(s)
        s.save_action(Action(set_id="set1", owner="Asha", text="placeholder", id="a1"))
    out = tmp_path / "backup.json"
    assert cli.main(["export", "--db", str(db), "--format", "json", "--out", str(out)]) == 0
    capsys.readouterr()
    doc = json.loads(out.read_text())
    doc["data"]["sets"]["1"]["members"][0]["name"] = name
    doc["data"]["actions"]["1"]["text"] = text
    doc["data"]["actions"]["1"]["owner"] = name
    out.write_text(json.dumps(doc))  # (json.dumps escapes the surrogates: valid JSON, invalid text)
    return out


@pytest.mark.parametrize("bad", ["Asha\ud800", "\udfff", "Asha\ud800\ud800", "As\udc80ha"])
def test_lone_surrogates_are_mended_at_import_and_every_export_works(tmp_path, capsys, bad):
    backup = _backup(tmp_path, capsys, name=bad, text=f"Call {bad} about the rota")
    db = tmp_path / "new.json"
    assert cli.main(["import", str(backup), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "not valid Unicode" in out and "\ufffd" in out or "replaced" in out
    for fmt in ("md", "csv", "json"):
        target = tmp_path / f"o.{fmt}"
        assert cli.main(["export", "--db", str(db), "--format", fmt, "--out", str(target)]) == 0, fmt
        capsys.readouterr()
        text = target.read_bytes().decode("utf-8")  # valid UTF-8 (the minutes: no finished meeting yet)
        assert "\ufffd" in text or fmt == "md"


def test_an_export_mends_surrogates_already_in_a_file(tmp_path, capsys):
    db = tmp_path / "als.json"
    with Store(db) as s:  # the store keeps what it is given (a file from an older als may hold these)
        make_set(s)
        s.save_action(Action(set_id="set1", owner="Asha", text="broken \udcff byte", id="a1"))
    for fmt in ("md", "csv", "json"):
        target = tmp_path / f"o.{fmt}"
        assert cli.main(["export", "--db", str(db), "--format", fmt, "--out", str(target)]) == 0
        capsys.readouterr()
        text = target.read_bytes().decode("utf-8")
        assert text and ("\ufffd" in text or fmt == "md")
    proc = subprocess.run([sys.executable, "-m", "als_tui", "export", "--db", str(db), "--format", "csv"],
                          capture_output=True)
    assert proc.returncode == 0 and "broken \ufffd byte" in proc.stdout.decode("utf-8"), proc.stderr


def test_text_entry_mends_surrogates_and_keeps_real_text():
    assert clean_text("a\ud800b\udfff") == "a\ufffdb\ufffd"
    odd = "\u202eevil\u202c 👩\u200d👩\u200d👧 e\u0301\u0301 [bold]x[/] 中文"
    assert clean_text(odd) == odd


def test_odd_but_real_text_round_trips_through_import_exactly(tmp_path, capsys):
    odd = "\u202eevil\u202c 👩\u200d👩\u200d👧 e\u0301\u0301\u0301 [bold]x[/] \x00\x07\t" + "x" * 10_000
    backup = _backup(tmp_path, capsys, name="Asha", text=odd)
    db = tmp_path / "new.json"
    assert cli.main(["import", str(backup), "--db", str(db)]) == 0
    capsys.readouterr()
    with Store(db) as s:
        assert s.actions("set1")[0].text == odd


def test_undecodable_command_line_bytes_get_a_one_line_answer(tmp_path):
    db = tmp_path / "als.json"
    with Store(db) as s:
        make_set(s)
    for argv in (["export", "--db", str(db), "--set", b"\xff\xfe"], ["forget", b"\xff", "--set", "Ward managers",
                 "--yes", "--db", str(db)], ["export", "--db", b"\xff.json"]):
        proc = subprocess.run([sys.executable, "-m", "als_tui", *argv], capture_output=True,
                              env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "PYTHONPATH": str(Path.cwd())})
        err = proc.stderr.decode("utf-8", "replace")
        assert proc.returncode == 1 and "Traceback" not in err and err.count("\n") == 1, (argv, err)


def test_every_csv_cell_from_the_file_is_defused(tmp_path, capsys):
    """A spreadsheet runs a cell that starts with = + - @ as a formula: any text from the file gets a
    leading apostrophe, a meeting's date too (an imported backup can hold anything there)."""
    db = tmp_path / "als.json"
    with Store(db) as s:
        alset = make_set(s)
        from tests.factories import meeting_at

        m = meeting_at(s, alset, "summary")
        m.date = '=HYPERLINK("http://evil.example","x")'
        s.save_meeting(m)
        s.save_action(Action(set_id="set1", owner="Asha", text="@SUM(1)", meeting_id=m.id, id="a1"))
    assert cli.main(["export", "--db", str(db), "--format", "csv"]) == 0
    import csv
    import io

    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], cells
