"""`als export` and `als import`: minutes, actions CSV, whole-file backup, round trip, and every refusal.

Each failure is one line on stderr and exit 1 (argparse usage errors: exit 2), never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.demo import DEMO_NAME, make_demo
from als_tui.export import BACKUP_FORMAT, CONFIDENTIAL_NOTE, CSV_COLUMNS, backup_json, scrub_confidential
from als_tui.model import SCHEMA_VERSION, HarvestedQuestion
from als_tui.store import Store
from tests.factories import make_set, meeting_at

TODAY = "2026-03-10"
SECRET_TITLE = "Issue of Asha"
SECRET_QUESTION = "What would help most with the merger?"
SECRET_INSIGHT = "I protect the team from news it needs"


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def _one_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    err = _lines(captured.err)
    assert len(err) == 1, captured.err
    assert err[0].startswith("als: ") and "Traceback" not in captured.err
    return err[0]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    """A file with the demo set (6 meetings) and a confidential set with one finished meeting,
    scrubbed as the summary screen scrubs it at finish."""
    with Store(db_path) as store:
        store.bulk_load(make_demo(6, seed=1, today=TODAY).tables())
        board = make_set(store, name="Board set", confidential=True)
        m = meeting_at(store, board, "summary")
        m.sessions[0].questions = [HarvestedQuestion("Ben", SECRET_QUESTION, "open")]
        m.sessions[0].insights = [SECRET_INSIGHT]
        store.save_meeting(m)  # as it was during the meeting
        scrub_confidential(m)
        store.save_meeting(m)  # finished: the details are gone
    return db_path


def _export(capsys, *argv: str) -> str:
    assert cli.main(["export", *argv]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


# -- Markdown -----------------------------------------------------------------------------------
def test_md_all_minutes_of_a_set_newest_first(demo_db: Path, capsys) -> None:
    md = _export(capsys, "--db", str(demo_db), "--set", "demo SET")  # set names match case-insensitively
    headings = [ln for ln in md.splitlines() if ln.startswith("# ")]
    assert len(headings) == 6 and all(h.startswith(f"# {DEMO_NAME}: meeting of ") for h in headings)
    with Store(demo_db) as store:
        alset = store.set_by_name(DEMO_NAME)
        dates = [m.date for m in store.meetings(alset.id)]
    from als_tui.export import long_date

    assert headings == [f"# {DEMO_NAME}: meeting of {long_date(d)}" for d in sorted(dates, reverse=True)]
    assert md.count("\n---\n") == 5  # one rule between meetings
    assert CONFIDENTIAL_NOTE not in md and "Board set" not in md


def test_md_one_meeting(demo_db: Path, capsys) -> None:
    with Store(demo_db) as store:
        meetings = store.meetings(store.set_by_name(DEMO_NAME).id)
    md = _export(capsys, "--db", str(demo_db), "--set", DEMO_NAME, "--meeting", meetings[2].date)
    assert md.count("\n# ") + md.startswith("# ") == 1
    assert md.startswith(f"# {DEMO_NAME}: meeting of ")
    assert "---" not in md


def test_md_without_set_covers_every_set_and_says_confidential(demo_db: Path, capsys) -> None:
    md = _export(capsys, "--db", str(demo_db))
    assert md.count(f"# {DEMO_NAME}: meeting of") == 6
    board = md[md.index(f"*{CONFIDENTIAL_NOTE}*"):]
    assert board.startswith(f"*{CONFIDENTIAL_NOTE}*\n\n# Board set: meeting of Tuesday 10 March 2026")
    assert SECRET_TITLE not in md and SECRET_QUESTION not in md and SECRET_INSIGHT not in md
    assert "Call the sponsor" in md  # actions are kept


def test_md_confidential_set_says_so_at_the_top(demo_db: Path, capsys) -> None:
    md = _export(capsys, "--db", str(demo_db), "--set", "Board set")
    assert md.splitlines()[0] == f"*{CONFIDENTIAL_NOTE}*"
    assert SECRET_TITLE not in md and SECRET_QUESTION not in md and SECRET_INSIGHT not in md
    assert "**Present:** Asha, Ben, Carys, Dev, Erin" in md


# -- CSV --------------------------------------------------------------------------------------------
def test_csv_actions(demo_db: Path, capsys) -> None:
    text = _export(capsys, "--db", str(demo_db), "--format", "csv", "--set", DEMO_NAME)
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert text.startswith("set,member,meeting date,action,due,report to,status,support,confidence,"
                           "last reported,report-back,meeting that day\r\n")
    with Store(demo_db) as store:
        alset = store.set_by_name(DEMO_NAME)
        actions = store.actions(alset.id)
        dates = {m.id: m.date for m in store.meetings(alset.id)}
    body = rows[1:]
    assert len(body) == len(actions)
    assert {r[0] for r in body} == {DEMO_NAME}
    assert [r[2] for r in body] == sorted(r[2] for r in body)  # by meeting date
    assert {r[6] for r in body} <= {"open", "done", "partly done", "not done", "dropped"}
    assert len({r[6] for r in body}) >= 3
    want = sorted((a.owner, dates[a.meeting_id], a.text, a.due, str(a.confidence)) for a in actions)
    assert sorted((r[1], r[2], r[3], r[4], r[8]) for r in body) == want


def test_csv_one_meeting_and_confidential_note(demo_db: Path, capsys) -> None:
    text = _export(capsys, "--db", str(demo_db), "--format", "csv", "--set", "Board set", "--meeting", TODAY)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [CONFIDENTIAL_NOTE]
    assert tuple(rows[1]) == CSV_COLUMNS
    assert rows[2] == ["Board set", "Asha", TODAY, "Call the sponsor", "2026-04-07", "the set", "open", "", "3", "", "", ""]
    assert len(rows) == 3


# -- --out -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_out_file_is_private_and_not_overwritten(demo_db: Path, tmp_path: Path, capsys, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    assert cli.main(["export", "--db", str(demo_db), "--format", fmt, "--out", str(out)]) == 0
    lines = _lines(capsys.readouterr().out)
    assert len(lines) == 1 and lines[0].startswith("Wrote ") and str(out) in lines[0]
    assert _mode(out) == 0o600
    first = out.read_bytes()
    assert first

    out.write_text("keep me")
    os.chmod(out, 0o644)
    assert cli.main(["export", "--db", str(demo_db), "--format", fmt, "--out", str(out)]) == 1
    err = _one_error(capsys)
    assert str(out) in err and "--force" in err
    assert out.read_text() == "keep me"

    assert cli.main(["export", "--db", str(demo_db), "--format", fmt, "--out", str(out), "--force"]) == 0
    capsys.readouterr()
    assert out.read_bytes() == first if fmt != "json" else out.read_bytes().startswith(b'{"format":')
    assert _mode(out) == 0o600


def test_out_refusals(demo_db: Path, tmp_path: Path, capsys) -> None:
    db = str(demo_db)
    assert cli.main(["export", "--db", db, "--out", str(tmp_path / "no" / "such" / "dir.md")]) == 1
    assert "does not exist" in _one_error(capsys)
    assert cli.main(["export", "--db", db, "--out", str(tmp_path)]) == 1
    assert "folder" in _one_error(capsys)
    before = demo_db.read_bytes()
    for target in (demo_db, demo_db.with_name(demo_db.name + ".bak")):
        assert cli.main(["export", "--db", db, "--format", "json", "--out", str(target), "--force"]) == 1
        assert "data file" in _one_error(capsys)
    assert demo_db.read_bytes() == before
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    assert cli.main(["export", "--db", db, "--out", str(link)]) == 1
    assert "exists" in _one_error(capsys)
    assert not (tmp_path / "elsewhere.md").exists()


# -- refusals ----------------------------------------------------------------------------------------
def test_unknown_set_lists_the_sets(demo_db: Path, capsys) -> None:
    assert cli.main(["export", "--db", str(demo_db), "--set", "Nope"]) == 1
    err = _one_error(capsys)
    assert "“Nope”" in err and f"“{DEMO_NAME}”" in err and "“Board set”" in err


def test_bad_data_path(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "missing" / "als.json"
    assert cli.main(["export", "--db", str(missing)]) == 1
    err = _one_error(capsys)
    assert str(missing) in err
    assert not missing.parent.exists()  # nothing created
    assert cli.main(["export", "--db", str(tmp_path)]) == 1
    assert "folder" in _one_error(capsys)


def test_meeting_option_errors(demo_db: Path, capsys) -> None:
    assert cli.main(["export", "--db", str(demo_db), "--meeting", "10/03/2026"]) == 1
    assert "YYYY-MM-DD" in _one_error(capsys)
    assert cli.main(["export", "--db", str(demo_db), "--set", "Board set", "--meeting", "2020-01-01"]) == 1
    err = _one_error(capsys)
    assert "2020-01-01" in err and TODAY in err
    assert cli.main(["export", "--db", str(demo_db), "--format", "json", "--set", DEMO_NAME]) == 1
    assert "whole file" in _one_error(capsys)


def test_empty_file_has_nothing_to_export(db_path: Path, capsys) -> None:
    Store(db_path).close()
    assert cli.main(["export", "--db", str(db_path)]) == 1
    assert "no sets" in _one_error(capsys)


def test_export_and_import_refuse_a_locked_file(demo_db: Path, tmp_path: Path, capsys) -> None:
    backup = tmp_path / "b.json"
    assert cli.main(["export", "--db", str(demo_db), "--format", "json", "--out", str(backup)]) == 0
    capsys.readouterr()
    target = tmp_path / "new.json"
    with Store(demo_db), Store(target):  # the app has each file open
        assert cli.main(["export", "--db", str(demo_db)]) == 1
        err = _one_error(capsys)
        assert "already open" in err and str(demo_db) in err
        assert cli.main(["import", str(backup), "--db", str(target)]) == 1
        assert "already open" in _one_error(capsys)


def test_unknown_format_is_a_usage_error(demo_db: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["export", "--db", str(demo_db), "--format", "xml"])
    assert exc.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


# -- backup and import ------------------------------------------------------------------------------
def test_round_trip_export_import_export_is_identical(demo_db: Path, tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    restored = tmp_path / "restored" / "als.json"
    assert cli.main(["export", "--db", str(demo_db), "--format", "json", "--out", str(first)]) == 0
    assert cli.main(["import", str(first), "--db", str(restored)]) == 0
    out = _lines(capsys.readouterr().out)[-1]
    assert out.startswith(f"Imported {first} into {restored}: 2 sets, 7 meetings, ")
    assert _mode(restored) == 0o600
    assert cli.main(["export", "--db", str(restored), "--format", "json", "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    # and the restored file is a working data file, not just the same bytes
    with Store(restored) as store:
        assert [s.name for s in store.sets()] == ["Board set", DEMO_NAME]
        assert len(store.meetings(store.set_by_name(DEMO_NAME).id)) == 6
    capsys.readouterr()
    assert _export(capsys, "--db", str(restored)) == _export(capsys, "--db", str(demo_db))


def test_backup_is_versioned_json(demo_db: Path, capsys) -> None:
    doc = json.loads(_export(capsys, "--db", str(demo_db), "--format", "json"))
    assert doc["format"] == BACKUP_FORMAT and doc["schema"] == SCHEMA_VERSION
    assert len(doc["exported"]) == 10
    with Store(demo_db) as store:
        assert doc["data"] == store.raw()


def test_import_refuses_a_file_with_sets(demo_db: Path, tmp_path: Path, capsys) -> None:
    backup = tmp_path / "b.json"
    assert cli.main(["export", "--db", str(demo_db), "--format", "json", "--out", str(backup)]) == 0
    capsys.readouterr()
    before = demo_db.read_bytes()
    assert cli.main(["import", str(backup), "--db", str(demo_db)]) == 1
    err = _one_error(capsys)
    assert "already holds 2 sets" in err and "empty" in err
    assert demo_db.read_bytes() == before
    other = tmp_path / "other.json"
    with Store(other) as store:
        make_set(store)
    assert cli.main(["import", str(backup), "--db", str(other)]) == 1
    assert "already holds 1 set (Ward managers)" in _one_error(capsys)


@pytest.mark.parametrize(
    "content, expect",
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b'{"sets": {}, "_meta": {"1": {"schema": 1}}}', "not an als-tui backup"),
        (b"[1, 2]", "not an als-tui backup"),
        (json.dumps({"format": BACKUP_FORMAT, "schema": SCHEMA_VERSION + 1, "data": {}}).encode(), "newer als-tui"),
        (json.dumps({"format": BACKUP_FORMAT, "schema": "one", "data": {}}).encode(), "damaged"),
        (json.dumps({"format": BACKUP_FORMAT, "schema": 1, "data": {"sets": [1]}}).encode(), "damaged"),
        (json.dumps({"format": BACKUP_FORMAT, "schema": 1}).encode(), "damaged"),
    ],
)
def test_import_malformed_backups(tmp_path: Path, capsys, content: bytes, expect: str) -> None:
    src = tmp_path / "backup.json"
    src.write_bytes(content)
    target = tmp_path / "new" / "als.json"
    assert cli.main(["import", str(src), "--db", str(target)]) == 1
    err = _one_error(capsys)
    assert expect in err and str(src) in err
    assert not target.exists()  # nothing created for a bad backup


def test_import_missing_or_folder(tmp_path: Path, capsys) -> None:
    assert cli.main(["import", str(tmp_path / "nope.json"), "--db", str(tmp_path / "a.json")]) == 1
    assert "no such file" in _one_error(capsys)
    assert cli.main(["import", str(tmp_path), "--db", str(tmp_path / "a.json")]) == 1
    assert "folder" in _one_error(capsys)


def test_import_older_schema_is_migrated(tmp_path: Path, capsys) -> None:
    schema0 = Path(__file__).parent / "fixtures" / "schema0.json"
    src = tmp_path / "old-backup.json"
    src.write_text(backup_json(json.loads(schema0.read_text()), exported=TODAY).replace(
        f'"schema":{SCHEMA_VERSION},', '"schema":0,', 1))
    target = tmp_path / "restored.json"
    assert cli.main(["import", str(src), "--db", str(target)]) == 0
    with Store(target) as store:
        (alset,) = store.sets()
        assert alset.members[0].name == "Asha" and alset.meeting_minutes == 120  # migrated from schema 0
        assert store.raw()["_meta"]["1"]["schema"] == SCHEMA_VERSION


# -- confidential sets in the file ----------------------------------------------------------------------
def test_confidential_finished_meeting_keeps_no_issue_details(demo_db: Path) -> None:
    raw = demo_db.read_bytes()
    for secret in (SECRET_TITLE, SECRET_QUESTION, SECRET_INSIGHT, "Issue of Ben"):
        assert secret.encode() not in raw
    with Store(demo_db) as store:
        board = store.set_by_name("Board set")
        (m,) = store.meetings(board.id)
        assert m.confidential_scrubbed and m.status == "finished"
        assert all(not s.questions and not s.insights and s.title == "(confidential)" for s in m.sessions)
        assert all(not b.title for b in m.bids)
        assert m.present == ["Asha", "Ben", "Carys", "Dev", "Erin"]  # attendance stays
        assert [st.actual_seconds for st in m.sessions[0].stages] == [300.0] * 5  # timings stay
        assert [a.text for a in store.actions(board.id)] == ["Call the sponsor"]  # actions stay
        assert m.review.change_next_time == "Start on time"
        # the .bak is the version saved before finishing; rewrite_backup makes it clean too
        bak = demo_db.with_name(demo_db.name + ".bak")
        assert SECRET_QUESTION.encode() in bak.read_bytes()
        store.rewrite_backup()
    assert SECRET_QUESTION.encode() not in bak.read_bytes()
    assert bak.read_bytes() == demo_db.read_bytes()


# -- the real executable ---------------------------------------------------------------------------------
def test_executable_export_csv(demo_db: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("als")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "als_tui"]
    proc = subprocess.run([*command, "export", "--db", str(demo_db), "--format", "csv", "--set", "Board set"],
                          cwd=tmp_path, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(CONFIDENTIAL_NOTE.encode() + b"\r\nset,member,")
    proc = subprocess.run([*command, "export", "--db", str(tmp_path / "nope.json")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and len(_lines(proc.stderr)) == 1 and "Traceback" not in proc.stderr
