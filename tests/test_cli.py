"""The command line: every failure is one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import als_tui
from als_tui import cli
from als_tui.paths import content_dir
from als_tui.store import Store

BROKEN_BANK = "id: x\nname: X\nstages: 5\n"  # no schema (line 1); stages not a list (line 3)


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def _als_command() -> list[str]:
    """The installed ``als`` script beside this interpreter, else ``python -m als_tui``."""
    script = Path(sys.executable).with_name("als")
    return [str(script)] if script.exists() else [sys.executable, "-m", "als_tui"]


@pytest.fixture(autouse=True)
def _no_tui(monkeypatch: pytest.MonkeyPatch) -> None:
    """If a test ever got as far as starting the app, fail instead of taking the terminal."""
    from als_tui.app import ALSApp

    def refuse(self, *a, **kw):
        raise AssertionError("the TUI was started by a CLI test")

    monkeypatch.setattr(ALSApp, "run", refuse)


@pytest.fixture
def corrupt_db(db_path: Path) -> Path:
    """A data file that cannot be read, with a good ``.bak`` beside it (as a real save leaves it)."""
    with Store(db_path) as store:
        store.set_meta("note", "kept")  # the second write: the first version becomes .bak
    db_path.write_bytes(b'{"sets": {"1": {"name": "trunc')
    assert db_path.with_name(db_path.name + ".bak").exists()
    return db_path


# -- --version / --help / parsing ------------------------------------------------------
def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"als-tui {als_tui.__version__}"


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    commands = [c for c in cli.COMMANDS if c is not None]
    assert commands
    for command in commands:
        assert command in out, f"--help does not mention {command}"
    assert "--db" in out and "--bank" in out and "--version" in out


def test_unknown_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["frobnicate"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: als")
    assert "invalid choice: 'frobnicate'" in err
    assert "Traceback" not in err


# -- check-bank -------------------------------------------------------------------------
def test_check_bank_without_path_checks_every_shipped_bank(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check-bank"]) == 0
    out = _lines(capsys.readouterr().out)
    shipped = [content_dir() / "questions.yaml", *sorted((content_dir() / "banks").glob("*.yaml"))]
    assert len(out) == len(shipped)
    for line, path in zip(out, shipped):
        assert line.startswith(f"{path}: OK — "), line


def test_check_bank_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "mine.yaml"
    shutil.copy(content_dir() / "questions.yaml", bank)
    assert cli.main(["check-bank", str(bank)]) == 0
    captured = capsys.readouterr()
    out = _lines(captured.out)
    assert len(out) == 1 and out[0].startswith(f"{bank}: OK — "), out
    assert "stages" in out[0]
    assert captured.err == ""


def test_check_bank_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "broken.yaml"
    bank.write_text(BROKEN_BANK, encoding="utf-8")
    assert cli.main(["check-bank", str(bank)]) == 1
    captured = capsys.readouterr()
    errors = _lines(captured.err)
    assert len(errors) >= 2
    for line in errors:
        assert line.startswith(f"{bank}:"), line
        _, lineno, message = line.split(":", 2)
        assert lineno.isdigit() and message.strip(), line
    assert any(line.startswith(f"{bank}:3:") and "stages" in line for line in errors), errors
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_check_bank_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    assert cli.main(["check-bank", str(missing)]) == 1
    err = _lines(capsys.readouterr().err)
    assert len(err) == 1 and str(missing) in err[0], err
    assert "Traceback" not in err[0]


# -- restore-backup ---------------------------------------------------------------------
def test_restore_backup_without_backup(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["restore-backup", "--db", str(db_path)]) == 1
    captured = capsys.readouterr()
    err = _lines(captured.err)
    assert len(err) == 1, err
    assert err[0].startswith("als: ") and f"{db_path}.bak" in err[0]
    assert "Traceback" not in captured.err
    assert not db_path.exists()


def test_restore_backup_puts_bak_back(corrupt_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bak = corrupt_db.with_name(corrupt_db.name + ".bak")
    good, bad = bak.read_bytes(), corrupt_db.read_bytes()
    assert cli.main(["restore-backup", "--db", str(corrupt_db)]) == 0
    out = _lines(capsys.readouterr().out)
    assert len(out) == 1 and out[0].startswith(f"Restored {corrupt_db}"), out
    assert corrupt_db.read_bytes() == good
    assert corrupt_db.with_name(corrupt_db.name + ".broken").read_bytes() == bad
    with Store(corrupt_db) as store:  # opens again
        assert store.raw()


# -- the app command's refusals -----------------------------------------------------------
def test_tui_on_locked_file(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(db_path):
        assert cli.main(["--db", str(db_path)]) == 1
    captured = capsys.readouterr()
    err = _lines(captured.err)
    assert len(err) == 1, err
    assert err[0].startswith("als: ") and str(db_path) in err[0]
    assert "Traceback" not in captured.err


def test_tui_on_corrupt_file_names_the_backup(corrupt_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = corrupt_db.read_bytes()
    assert cli.main(["--db", str(corrupt_db)]) == 1
    captured = capsys.readouterr()
    err = _lines(captured.err)
    assert len(err) == 1, err
    assert f"{corrupt_db}.bak" in err[0] and "restore-backup" in err[0]
    assert "Traceback" not in captured.err
    assert corrupt_db.read_bytes() == before  # left alone


# -- where the data file comes from --------------------------------------------------------
@pytest.mark.parametrize("where", ["before", "after"])
def test_db_option_before_or_after_subcommand(
    where: str, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", str(db_path), "restore-backup"] if where == "before" else ["restore-backup", "--db", str(db_path)]
    assert os.environ["ALS_DB"] != str(db_path)  # conftest points ALS_DB elsewhere: --db must win
    assert cli.main(argv) == 1
    assert f"{db_path}.bak" in capsys.readouterr().err


def test_db_after_subcommand_overrides_before(tmp_path: Path, db_path: Path, capsys) -> None:
    other = tmp_path / "other.json"
    assert cli.main(["--db", str(other), "restore-backup", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert f"{db_path}.bak" in err and str(other) not in err


def test_als_db_environment_variable(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ALS_DB", str(db_path))
    assert cli.main(["restore-backup"]) == 1
    assert f"{db_path}.bak" in capsys.readouterr().err
    with Store(db_path):  # the app command uses it too
        assert cli.main([]) == 1
    err = _lines(capsys.readouterr().err)
    assert len(err) == 1 and str(db_path) in err[0], err


# -- the real executable ------------------------------------------------------------------
def test_executable_version_and_broken_bank(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([*_als_command(), "--version"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"als-tui {als_tui.__version__}"

    bank = tmp_path / "broken.yaml"
    bank.write_text(BROKEN_BANK, encoding="utf-8")
    proc = subprocess.run([*_als_command(), "check-bank", str(bank)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert all(line.startswith(f"{bank}:") for line in _lines(proc.stderr)), proc.stderr


def test_executable_unknown_subcommand(tmp_path: Path) -> None:
    proc = subprocess.run([*_als_command(), "frobnicate"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "usage: als" in proc.stderr and "Traceback" not in proc.stderr
