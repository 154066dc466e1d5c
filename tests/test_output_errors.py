"""Standard output that fails (a full disk, a closed pipe, a closed descriptor): one line, exit 1.

An attack found tracebacks for ``als export > /dev/full``, ``als banks > /dev/full`` and
``als coach … | head -1``. Each command's output is flushed before it returns, so the error is the
command's (one line on standard error, exit 1), not the interpreter's at exit; output cut short is
never reported as success.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.demo import make_demo
from als_tui.store import Store

ROOT = Path(__file__).resolve().parent.parent
ALS = [sys.executable, "-m", "als_tui"]
pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("out") / "als.json"
    with Store(db) as store:
        store.bulk_load(make_demo(30, seed=1, today="2026-03-10").tables())
    return db


def _run(args: list[str], *, stdout=None, stdin=None, stderr=subprocess.PIPE) -> tuple[int, str]:
    proc = subprocess.run([*ALS, *args], stdout=stdout, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                          stderr=stderr, cwd=ROOT, timeout=60)
    return proc.returncode, (proc.stderr or b"").decode("utf-8", "replace")


def _one_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in err and "Exception ignored" not in err, err
    return lines[0]


@pytest.mark.parametrize("args", [
    ["export", "--format", "md"], ["export", "--format", "csv"], ["export", "--format", "json"],
    ["banks"], ["check-bank"], ["--version"], ["coach", "Have you tried asking HR?"],
    ["coach", "--json", "What matters most to you here?"],
])
def test_a_full_standard_output_is_one_line_and_exit_1(demo_db, args):
    if args[0] == "export":
        args = [*args, "--db", str(demo_db)]
    with open("/dev/full", "wb") as full:
        code, err = _run(args, stdout=full)
    assert code == 1, (args, err)
    assert _one_line(err) == "als: could not write the output (No space left on device); it is incomplete"


def test_coach_reading_lines_into_a_full_output(tmp_path):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([*ALS, "coach", "--json"], input=b"Why?\n", stdout=full, stderr=subprocess.PIPE,
                              cwd=ROOT, timeout=60)
    assert proc.returncode == 1
    _one_line(proc.stderr.decode())


@pytest.mark.parametrize("producer", ["coach", "export"])
def test_a_pipe_closed_early_is_exit_1_with_at_most_one_line(demo_db, tmp_path, producer):
    feed = tmp_path / "questions.txt"
    feed.write_bytes(b"Have you tried asking HR?\n" * 20_000 if producer == "coach" else b"")
    args = ["coach", "--json"] if producer == "coach" else ["export", "--db", str(demo_db), "--format", "json"]
    with feed.open("rb") as stdin:
        proc = subprocess.Popen([*ALS, *args], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        proc.stdout.read(100)
        proc.stdout.close()  # | head -c 100
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in err.decode() and len(err.decode().strip().splitlines()) <= 1


@pytest.mark.parametrize("args", [["banks"], ["export", "--format", "md"]])
def test_a_closed_standard_output_is_one_line_and_exit_1(demo_db, args):
    if args[0] == "export":
        args = [*args, "--db", str(demo_db)]
    proc = subprocess.run([*ALS, *args], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, timeout=60,
                          close_fds=True, preexec_fn=lambda: os.close(1))
    assert proc.returncode == 1
    assert _one_line(proc.stderr.decode()) == "als: standard output is closed: there is nowhere to write the result"


def test_both_streams_full_still_exit_1_and_a_closed_stderr_spoils_nothing(demo_db, tmp_path):
    with open("/dev/full", "wb") as full:
        assert _run(["banks"], stdout=full, stderr=full)[0] == 1
    out = tmp_path / "o.md"
    with open(out, "wb") as f:
        proc = subprocess.run([*ALS, "export", "--db", str(demo_db)], stdout=f, stdin=subprocess.DEVNULL, cwd=ROOT,
                              timeout=60, preexec_fn=lambda: os.close(2))
    assert proc.returncode == 0 and out.stat().st_size > 0


def test_in_process_the_error_is_the_commands(demo_db, monkeypatch, capsys):
    class Full:
        def write(self, text):
            raise OSError(28, "No space left on device")

        def flush(self):
            raise OSError(28, "No space left on device")

        def fileno(self):
            raise OSError(9, "no descriptor")

    monkeypatch.setattr(sys, "stdout", Full())
    assert cli.main(["export", "--db", str(demo_db)]) == 1
    assert capsys.readouterr().err.strip() == "als: could not write the output (No space left on device); it is incomplete"
