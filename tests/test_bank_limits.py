"""Hostile question banks: a ``file:line`` message, exit 1, and no minute of CPU first.

An attack found that a 3.8 KB bank with a 3,700-digit integer (or a sexagesimal ``1:1:1…``) gave
a traceback, and that 300,000 parts took 15 s of CPU. A long text is now counted part by part
before it is composed (and stops at 10,000 parts); a syntax error in a long text is reported from
the fast parser, not parsed again by the slow one. (How long each takes is measured in the
closing table of the hardening work and in ``bench/``; tests do not time.)
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import yaml

from als_tui import bank, cli

HEAD = "schema: 1\nid: x\nname: X\nstages:\n  - id: a\n    title: A\n    purpose: P\n    speaker: set\n"

HOSTILE = {
    "bigint": HEAD + "    minutes: " + "1" * 3700 + "\n",
    "hex": HEAD + "    minutes: 0x" + "f" * 3500 + "\n",
    "binary": HEAD + "    minutes: 0b" + "1" * 14_000 + "\n",
    "sexagesimal": HEAD + "    minutes: " + ":".join(["1"] * 1800) + "\n",
    "flow 300k": "stages: [" + ", ".join(["a"] * 300_000) + "]\n",
    "block 120k": "stages:\n" + "- a\n" * 120_000,
    "map 100k": "".join(f"k{i}: 1\n" for i in range(100_000)),
    "deep": "[" * 100_000,
    "alias bomb": "a: &a [" + ",".join(["x"] * 9) + "]\n" + "".join(
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi")) + "stages: *i\n",
    "merge loop": "a: &a {<<: *a}\n",
    "python tag": "name: !!python/object/apply:os.system [\"touch pwned\"]\n",
}


def _check(path: Path, capsys) -> list[str]:
    done: list[int] = []
    worker = threading.Thread(target=lambda: done.append(cli.main(["check-bank", str(path)])), daemon=True)
    worker.start()
    worker.join(30)
    assert done == [1], f"{path.name}: {'hung' if not done else done}"
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return [ln for ln in captured.err.splitlines() if ln.strip()]


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_bank_gets_file_line_messages(tmp_path, capsys, kind, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE[kind])
    lines = _check(path, capsys)
    assert lines and all(ln.startswith(f"{path}:") and ln.split(":")[1].isdigit() for ln in lines), lines
    assert not (tmp_path / "pwned").exists()


def test_a_long_text_is_counted_before_it_is_composed(monkeypatch):
    composed: list[int] = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: composed.append(1) or real(*a, **k))
    with pytest.raises(bank.BankError) as exc:
        bank.load_bank_text(HOSTILE["flow 300k"], "many.yaml")
    assert exc.value.errors == ["many.yaml:1: the bank has too many parts (more than 10,000; a bank has a few hundred)"]
    assert composed == []  # refused before the slow part


def test_a_fifo_or_a_device_as_a_bank_is_refused_without_reading(tmp_path, capsys):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in _check(fifo, capsys)[0]
    assert cli.main(["--bank", str(fifo), "--db", str(tmp_path / "d.json")]) == 1  # before the app opens
    assert "not a regular file" in capsys.readouterr().err
    assert not (tmp_path / "d.json").exists()


def test_a_bank_too_large_to_read_is_named_with_a_line(tmp_path, capsys):
    big = tmp_path / "big.yaml"
    big.write_text("- a\n" * 400_000)
    assert _check(big, capsys) == [f"{big}:1: the file is too large ({big.stat().st_size:,} bytes; a bank is a few "
                                   "dozen KB, the limit is 1,000,000)"]


def test_escape_sequences_in_a_bank_are_never_echoed_raw(tmp_path, capsys):
    path = tmp_path / "esc.yaml"
    path.write_text('name: "x"\n"\\e]0;PWNED\\a\\e[2Jkey": 1\n')
    lines = _check(path, capsys)
    assert not any("\x1b" in ln or "\x07" in ln for ln in lines)
    assert any("\\x1b]0;PWNED\\x07" in ln for ln in lines), lines
