"""Damaged data files: one line, exit 1, the file untouched, the backup offered — never a traceback.

An attack found 26 tracebacks in `als export` on truncated and bit-flipped files, 12 of 20 flips
accepted silently, two app crashes on valid JSON with wrong field types, and hangs on a FIFO and
a link to /dev/zero. Now each line of the file carries a checksum in the index (a flipped byte is
detected), field types are checked where no checksum vouches for the data, and anything but a
regular file is refused before it is opened.

The fuzz runs 20 truncations and 20 flips by default; ``pytest -m slow`` runs 200 of each, on
three commands.
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.demo import make_demo
from als_tui.store import CorruptError, Store

TODAY = "2026-03-10"


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory) -> tuple[bytes, bytes]:
    """A data file with three meetings, and its .bak (a readable older version)."""
    db = tmp_path_factory.mktemp("demo") / "als.json"
    with Store(db) as store:
        store.bulk_load(make_demo(3, seed=1, today=TODAY).tables())
        store.set_meta("note", "a later save: the .bak holds the demo")
    return db.read_bytes(), db.with_name("als.json.bak").read_bytes()


def _place(tmp_path: Path, data: bytes, bak: bytes) -> Path:
    db = tmp_path / "als.json"
    db.write_bytes(data)
    db.with_name("als.json.bak").write_bytes(bak)
    return db


def _refused(capsys, argv: list[str], db: Path) -> str:
    before = (db.read_bytes(), db.with_name("als.json.bak").read_bytes())
    assert cli.main(argv) == 1, argv
    captured = capsys.readouterr()
    lines = [ln for ln in captured.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("als: "), captured.err
    assert "Traceback" not in captured.err + captured.out
    assert (db.read_bytes(), db.with_name("als.json.bak").read_bytes()) == before  # untouched
    return lines[0]


COMMANDS = {
    "export": lambda db: ["export", "--db", str(db), "--format", "md"],
    "forget": lambda db: ["forget", "Priya Shah", "--set", "Demo set", "--yes", "--db", str(db)],
    "demo": lambda db: ["demo", "--db", str(db)],
}


def _damaged(data: bytes, how: str, n: int, seed: int = 18) -> list[tuple[str, bytes]]:
    rng = random.Random(f"{how}-{seed}")
    offsets = sorted({rng.randrange(0, len(data)) for _ in range(n)})
    lines = [m.start() for m in re.finditer(b"\n", data)]
    if how == "truncate":  # and just before and after each line break
        offsets = sorted(set(offsets) | {o + d for o in lines for d in (-1, 0, 1)})
        return [(f"cut at {o}", data[:o]) for o in offsets]
    return [(f"flip at {o}", data[:o] + bytes([data[o] ^ 1]) + data[o + 1:]) for o in offsets]


def _fuzz(tmp_path, capsys, demo_bytes, how: str, n: int, commands: list[str]) -> None:
    data, bak = demo_bytes
    for what, damaged in _damaged(data, how, n):
        for command in commands:
            db = _place(tmp_path, damaged, bak)
            line = _refused(capsys, COMMANDS[command](db), db)
            assert "restore-backup" in line or ".bak" in line, (what, command, line)


@pytest.mark.parametrize("how", ["truncate", "flip"])
def test_damaged_files_are_refused_with_one_line(tmp_path, capsys, demo_bytes, how):
    _fuzz(tmp_path, capsys, demo_bytes, how, 20, ["export"])


@pytest.mark.slow
@pytest.mark.parametrize("how", ["truncate", "flip"])
def test_damaged_files_are_refused_with_one_line_long(tmp_path, capsys, demo_bytes, how):
    _fuzz(tmp_path, capsys, demo_bytes, how, 200, list(COMMANDS))


def test_every_line_has_a_checksum_and_a_flip_in_each_is_named(tmp_path, demo_bytes):
    data, bak = demo_bytes
    first, actions, meetings = data.split(b"\n")
    check = json.loads(data)["_meta"]["1"]["meetings_index"]["checksums"]
    assert set(check) == {"head", "actions", "meetings"}
    # a change that keeps every line valid JSON (one letter's case in a note): only the checksum sees it
    for n, name in ((1, "first"), (2, "actions"), (3, "meetings")):
        lines = [first, actions, meetings]
        line = lines[n - 1]
        at = re.search(rb'"(?:text|name|note)":"[A-Za-z]', line).end() - 1
        lines[n - 1] = line[:at] + line[at:at + 1].swapcase() + line[at + 1:]
        db = _place(tmp_path, b"\n".join(lines), bak)
        with pytest.raises(CorruptError, match=f"its {name} line does not match its checksum"):
            with Store(db) as store:
                store.load_history()


@pytest.mark.parametrize("edit", ['"name": 5', '"members": [1, 2, 3]', '"members": "abc"', '"name": null'])
def test_wrong_field_types_are_refused_by_the_commands_and_the_app(tmp_path, capsys, demo_bytes, edit):
    data, bak = demo_bytes
    doc = json.loads(data)
    del doc["_meta"]["1"]["meetings_index"]["checksums"]  # nothing vouches for the data: the types are checked
    key, value = edit.split(": ")
    doc["sets"]["1"][key.strip('"')] = json.loads(value)
    db = _place(tmp_path, json.dumps(doc).encode(), bak)
    for argv in (COMMANDS["export"](db), COMMANDS["forget"](db), ["--db", str(db)]):
        line = _refused(capsys, argv, db)
        assert f"field {key.strip(chr(34))!r} should be" in line or "is missing" in line, line


def _in_time(argv: list[str], seconds: float = 10.0) -> int | None:
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(cli.main(argv)), daemon=True)
    worker.start()
    worker.join(seconds)
    return done[0] if done else None


@pytest.mark.parametrize("kind", ["fifo", "zero device", "socket"])
def test_special_files_are_refused_before_they_are_opened(tmp_path, capsys, kind):
    db = tmp_path / "als.json"
    if kind == "fifo":
        os.mkfifo(db)
    elif kind == "socket":
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(db))
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        node = tmp_path / "zerodev"
        os.mknod(node, 0o600 | 0o020000, os.makedev(1, 5))  # a private copy of /dev/zero
        db.symlink_to(node)
    backup = tmp_path / "backup.json"
    backup.write_text('{"format": "als-tui-backup", "schema": 1, "exported": "2026-03-10", "data": {}}')
    for argv in (["export", "--db", str(db)], ["forget", "Asha", "--set", "S", "--yes", "--db", str(db)],
                 ["demo", "--db", str(db)], ["restore-backup", "--db", str(db)],
                 ["import", str(backup), "--db", str(db)], ["--db", str(db)]):
        assert _in_time(argv) == 1, f"{argv} hung or did not refuse"
        captured = capsys.readouterr()
        lines = [ln for ln in captured.err.splitlines() if ln.strip()]
        assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
        assert "not a data file" in lines[0] or "no backup" in lines[0], lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["als.json", "backup.json"] + (["zerodev"] if kind == "zero device" else []))  # no lock, no .bak


def test_an_import_file_that_is_a_fifo_is_refused(tmp_path, capsys):
    fifo = tmp_path / "backup.json"
    os.mkfifo(fifo)
    assert _in_time(["import", str(fifo), "--db", str(tmp_path / "new.json")]) == 1
    assert "it is a pipe (FIFO)" in capsys.readouterr().err
    assert not (tmp_path / "new.json").exists()


@pytest.mark.parametrize("edit", [
    ("sets", "name", 5), ("sets", "members", [1, 2, 3]), ("sets", "members", None), ("meetings", "date", 20260101),
    ("actions", "confidence", "high"), ("actions", "text", {"a": [1]}), ("actions", "confidence", -10 ** 30),
])
def test_wrong_field_types_are_refused_at_import(tmp_path, capsys, demo_bytes, edit):
    db = _place(tmp_path, *demo_bytes)
    backup = tmp_path / "backup.json"
    assert cli.main(["export", "--db", str(db), "--format", "json", "--out", str(backup)]) == 0
    capsys.readouterr()
    doc = json.loads(backup.read_text())
    table, key, value = edit
    next(iter(doc["data"][table].values()))[key] = value
    backup.write_text(json.dumps(doc))
    target = tmp_path / "new.json"
    assert cli.main(["import", str(backup), "--db", str(target)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("als: ") and "\n" not in err and "nothing was imported" in err, err
    assert not target.exists()


def test_a_foreign_tinydb_file_is_never_taken_over(tmp_path, capsys):
    db = tmp_path / "theirs.json"
    db.write_text('{"_default": {"1": {"note": "precious"}}}')
    line = _refused_plain(capsys, ["demo", "--db", str(db)], db)
    assert "another program's file" in line


def _refused_plain(capsys, argv: list[str], db: Path) -> str:
    before = db.read_bytes()
    assert cli.main(argv) == 1
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert len(err) == 1 and db.read_bytes() == before, err
    assert sorted(p.name for p in db.parent.iterdir() if not p.name.endswith(".lock")) == [db.name]
    return err[0]


@pytest.mark.parametrize("content", [b"{}", b'{"_meta": {"1": {"schema": 1}}}'])
def test_a_file_holding_nothing_beside_a_good_backup_is_not_opened(tmp_path, capsys, demo_bytes, content):
    db = _place(tmp_path, content, demo_bytes[0])
    line = _refused(capsys, ["export", "--db", str(db)], db)
    assert "restore-backup" in line


# -- found by the independent attack cases ------------------------------------------------------------
@pytest.mark.parametrize("content", [b"[" * 200_000 + b"]" * 200_000, b'{"a": ' + b"1" * 5000 + b"}",
                                     b'{"a":' * 100_000 + b"1" + b"}" * 100_000],
                         ids=["200,000 nested lists", "a 5,000-digit number", "100,000 nested objects"])
def test_hostile_import_files_are_one_line(tmp_path, capsys, content):
    backup = tmp_path / "hostile.json"
    backup.write_bytes(content)
    target = tmp_path / "new.json"
    assert cli.main(["import", str(backup), "--db", str(target)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and len(captured.err.strip().splitlines()) == 1, captured.err
    assert not target.exists()


def test_demo_reports_a_damaged_history_with_the_backup(tmp_path, capsys, demo_bytes):
    """`demo` used to refuse ("already has a Demo set") before reading the lines, so damage in
    them went unreported."""
    data, bak = demo_bytes
    cut = data.rindex(b"\n") + 200  # inside the meetings line
    db = _place(tmp_path, data[:cut] + bytes([data[cut] ^ 1]) + data[cut + 1:], bak)
    line = _refused(capsys, COMMANDS["demo"](db), db)
    assert "restore-backup" in line


@pytest.mark.parametrize("where", [".", "/"])
def test_a_folder_as_the_data_file_is_one_line(tmp_path, where):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "als_tui", "export", "--db", where], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "folder" in proc.stderr and proc.stderr.count("\n") == 1
