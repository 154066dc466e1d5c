"""Forgetting a member (Store.forget_member, `als forget`): no trace in the file or its .bak,
anonymous counts kept, other members' record intact."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest

from als_tui import cli
from als_tui.demo import DEMO_NAME, make_demo
from als_tui.export import minutes_markdown
from als_tui.flow import MeetingFlow
from als_tui.model import APOLOGIES, PRESENT, ALSet, Member, TrainingResult
from als_tui.store import FORGOTTEN_TEXT, Store, StoreError
from tests.factories import make_set

TODAY = "2026-03-10"


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def _bak(db: Path) -> Path:
    return db.with_name(db.name + ".bak")


def _snapshot(store: Store, set_id: str, presenter: str = "former member 1") -> dict:
    """Everything that must survive forgetting, without names. (The questions asked in the
    forgotten member's own sessions go with their issue; all others stay.)"""
    meetings = store.meetings(set_id)
    actions = store.actions(set_id)
    return {
        "attendance": [Counter(m.attendance.values()) for m in meetings],
        "present": [len(m.present) for m in meetings],
        "sessions": [len(m.sessions) for m in meetings],
        "timings": [[(st.planned_seconds, st.actual_seconds, st.extended_seconds) for s in m.sessions
                     for st in s.stages] for m in meetings],
        "questions": sum(len(s.questions) for m in meetings for s in m.sessions if s.presenter != presenter),
        "checkin_seconds": [sorted(c.seconds for c in m.checkins) for m in meetings],
        "actions": len(actions),
        "statuses": Counter(a.status for a in actions),
        "histories": sorted((a.id, tuple(h.status for h in a.history)) for a in actions),
        "updates": sorted((u.action_id, u.status) for m in meetings for c in m.checkins for u in c.updates),
    }


@pytest.fixture
def demo(db_path: Path):
    """A demo file where the forgotten member has everything: sessions, questions, actions, a prep,
    training results, mentions in others' notes, and a remembered choice in the metadata."""
    data = make_demo(8, seed=1, today=TODAY)
    victim = data.preps[0].member
    data.training.append(TrainingResult(victim, "spot", 10, 7, date=TODAY, set_id=data.alset.id))
    other = next(n for n in (m.name for m in data.alset.members) if n != victim)
    data.meetings[-1].checkins[0].note = f"Thanks to {victim} for the call last week."
    with Store(db_path) as store:
        store.bulk_load(data.tables())
        store.set_meta("prep_choice", {"set_id": data.alset.id, "member": victim})
        store.set_meta("theme", "textual-dark")
        store.save_meeting(store.meetings(data.alset.id)[-1])  # one more write: .bak has the name too
    raw = db_path.read_bytes()
    assert victim.encode() in raw and victim.encode() in _bak(db_path).read_bytes()
    return db_path, data.alset.id, victim, other


def test_forget_leaves_no_trace_in_the_file_or_its_backup(demo) -> None:
    db, set_id, victim, other = demo
    with Store(db) as store:
        before = _snapshot(store, set_id, presenter=victim)
        had = {
            "sessions": sum(1 for m in store.meetings(set_id) for s in m.sessions if s.presenter == victim),
            "actions": len(store.actions(set_id, owner=victim)),
            "attended": sum(1 for m in store.meetings(set_id) if m.attendance.get(victim) == PRESENT),
        }
        others_actions = [(a.id, a.text, a.status) for a in store.actions(set_id, owner=other)]
        counts = store.forget_member(set_id, victim.upper())  # names match case-insensitively
        after = _snapshot(store, set_id)  # the open store sees the change at once
        assert after == before
    assert counts["name"] == victim and counts["placeholder"] == "former member 1"
    assert counts["sessions"] == had["sessions"] > 0
    assert counts["actions"] == had["actions"] > 0
    assert counts["preps"] == 1 and counts["training"] >= 1
    assert counts["questions"] > 0 and counts["checkin_notes"] > 0 and counts["mentions"] > 0
    assert counts["other_copies"] == []

    for path in (db, _bak(db)):
        assert victim.encode() not in path.read_bytes(), path
    assert _bak(db).read_bytes() == db.read_bytes()

    with Store(db) as store:
        assert _snapshot(store, set_id) == before
        alset = store.get_set(set_id)
        assert victim not in [m.name for m in alset.members] and len(alset.members) == 5
        meetings = store.meetings(set_id)
        placeholder = "former member 1"
        assert sum(1 for m in meetings if m.attendance.get(placeholder) == PRESENT) == had["attended"]
        assert all(list(m.attendance)[:1] != [victim] for m in meetings)
        for m in meetings:
            for s in m.sessions:
                if s.presenter == placeholder:
                    assert s.title == FORGOTTEN_TEXT and not s.questions and not s.insights
                for q in s.questions:
                    assert q.text  # questions asked to others are kept, by a placeholder
            c = m.checkin_for(placeholder)
            if c is not None:
                assert c.note == "" and all(u.note == "" for u in c.updates)
            b = m.bid_for(placeholder)
            if b is not None:
                assert b.title == ""
            assert placeholder not in m.review.notes
        assert any(q.asker == placeholder for m in meetings for s in m.sessions for q in s.questions)
        assert meetings[-1].checkins[0].note == f"Thanks to {placeholder} for the call last week."
        anon = store.actions(set_id, owner=placeholder)
        assert len(anon) == had["actions"]
        assert all(a.text == FORGOTTEN_TEXT and a.support == "" and all(not h.note for h in a.history) for a in anon)
        # the rest of the set is untouched
        assert [(a.id, a.text, a.status) for a in store.actions(set_id, owner=other)] == others_actions
        assert store.get_prep(set_id, victim) is None
        assert store.training(victim) == []
        assert store.get_meta("prep_choice") == {"set_id": set_id, "member": ""}
        assert store.get_meta("theme") == "textual-dark"
        # and the record still renders
        for m in meetings:
            minutes_markdown(alset, m, store.actions(set_id))
            MeetingFlow(m, alset).summary()


def test_a_second_forgotten_member_gets_another_placeholder(demo) -> None:
    db, set_id, victim, other = demo
    with Store(db) as store:
        store.forget_member(set_id, victim)
        counts = store.forget_member(set_id, other)
        assert counts["placeholder"] == "former member 2"
        attendance = [set(m.attendance) for m in store.meetings(set_id)]
    assert all({"former member 1", "former member 2"} <= names for names in attendance)
    raw = db.read_bytes()
    assert victim.encode() not in raw and other.encode() not in raw
    assert other.encode() not in _bak(db).read_bytes()


def test_other_sets_are_not_touched(db_path: Path) -> None:
    with Store(db_path) as store:
        ward = make_set(store)  # Asha, Ben, Carys, Dev, Erin
        other = ALSet(name="Board", members=[Member("Asha"), Member("Zed")], id="set2")
        store.save_set(other)
        store.forget_member(ward.id, "Asha")
        assert [m.name for m in store.get_set("set2").members] == ["Asha", "Zed"]
        assert "Asha" not in [m.name for m in store.get_set(ward.id).members]


def test_a_name_inside_another_members_name_is_left_alone(db_path: Path) -> None:
    from als_tui.model import Meeting

    with Store(db_path) as store:
        alset = ALSet(name="Pairs", members=[Member("Ann"), Member("Ann Lee"), Member("Bo")], id="s9")
        store.save_set(alset)
        m = Meeting(set_id="s9", date="2026-01-05", id="m9", facilitator="Ann Lee", timekeeper="Ann",
                    attendance={"Ann": PRESENT, "Ann Lee": PRESENT, "Bo": PRESENT})
        m.review.notes = {"Bo": "Ann Lee and Ann both kept time; thanks Ann."}
        store.save_meeting(m)
        counts = store.forget_member("s9", "Ann")
        m = store.get_meeting("m9")
        assert list(m.attendance) == ["former member 1", "Ann Lee", "Bo"]
        assert (m.facilitator, m.timekeeper) == ("Ann Lee", "former member 1")
        assert m.review.notes["Bo"] == "Ann Lee and former member 1 both kept time; thanks former member 1."
        assert counts["mentions"] == 4  # attendance, timekeeper and the two in Bo's note
        assert [x.name for x in store.get_set("s9").members] == ["Ann Lee", "Bo"]


def test_unknown_member_or_set(db_path: Path) -> None:
    with Store(db_path) as store:
        ward = make_set(store)
        before = db_path.read_bytes()
        with pytest.raises(StoreError, match="not a member.*Asha, Ben"):
            store.forget_member(ward.id, "Nobody")
        with pytest.raises(StoreError):
            store.forget_member("nope", "Asha")
    assert db_path.read_bytes() == before


def test_older_copies_beside_the_file_are_reported(demo) -> None:
    db, set_id, victim, _ = demo
    old = db.with_name(db.name + ".schema0.bak")
    old.write_text(json.dumps({"sets": {"1": {"members": [victim]}}}))
    with Store(db) as store:
        counts = store.forget_member(set_id, victim)
    assert counts["other_copies"] == [str(old)]
    assert old.exists()  # reported, never deleted


def test_absent_members_keep_their_apologies(demo) -> None:
    db, set_id, victim, _ = demo
    with Store(db) as store:
        sent = sum(1 for m in store.meetings(set_id) if m.attendance.get(victim) == APOLOGIES)
        store.forget_member(set_id, victim)
        assert sum(1 for m in store.meetings(set_id) if m.attendance.get("former member 1") == APOLOGIES) == sent


# -- the command ------------------------------------------------------------------------------------
class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_forget_with_yes(demo, capsys) -> None:
    db, set_id, victim, _ = demo
    assert cli.main(["forget", victim, "--set", DEMO_NAME, "--db", str(db), "--yes"]) == 0
    out = _lines(capsys.readouterr().out)
    assert len(out) == 1 and out[0].startswith(f"Forgot {victim} in “{DEMO_NAME}”: now “former member 1”")
    assert victim.encode() not in db.read_bytes() and victim.encode() not in _bak(db).read_bytes()


def test_cli_forget_asks_in_a_terminal(demo, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _, victim, _ = demo
    before = db.read_bytes()
    monkeypatch.setattr("sys.stdin", _Tty("no\n"))
    assert cli.main(["forget", victim, "--set", DEMO_NAME, "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert "nothing was changed" in captured.err and "Traceback" not in captured.err
    assert db.read_bytes() == before

    monkeypatch.setattr("sys.stdin", _Tty("yes\n"))
    assert cli.main(["forget", victim, "--set", DEMO_NAME, "--db", str(db)]) == 0
    assert f"Forget {victim}" in capsys.readouterr().err
    assert victim.encode() not in db.read_bytes()


def test_cli_forget_without_terminal_or_yes_refuses(demo, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _, victim, _ = demo
    before = db.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))  # piped: not a confirmation
    assert cli.main(["forget", victim, "--set", DEMO_NAME, "--db", str(db)]) == 1
    err = _lines(capsys.readouterr().err)
    assert len(err) == 1 and "--yes" in err[0]
    assert db.read_bytes() == before


def test_cli_forget_errors(demo, tmp_path: Path, capsys) -> None:
    db, _, victim, _ = demo
    before = db.read_bytes()

    assert cli.main(["forget", victim, "--set", "Nope", "--db", str(db), "--yes"]) == 1
    err = _lines(capsys.readouterr().err)
    assert len(err) == 1 and "“Nope”" in err[0] and f"“{DEMO_NAME}”" in err[0]

    assert cli.main(["forget", "Nobody", "--set", DEMO_NAME, "--db", str(db), "--yes"]) == 1
    err = _lines(capsys.readouterr().err)
    assert len(err) == 1 and "“Nobody”" in err[0] and victim in err[0]

    with Store(db):
        assert cli.main(["forget", victim, "--set", DEMO_NAME, "--db", str(db), "--yes"]) == 1
    err = _lines(capsys.readouterr().err)
    assert len(err) == 1 and "already open" in err[0]

    missing = tmp_path / "nope.json"
    assert cli.main(["forget", victim, "--set", DEMO_NAME, "--db", str(missing), "--yes"]) == 1
    err = _lines(capsys.readouterr().err)
    assert len(err) == 1 and str(missing) in err[0] and not missing.exists()

    with pytest.raises(SystemExit) as exc:  # --set is required
        cli.main(["forget", victim, "--db", str(db)])
    assert exc.value.code == 2 and "--set" in capsys.readouterr().err
    assert db.read_bytes() == before
