"""The demo set (als_tui.demo, `als demo`): realistic, deterministic, one write, and fast at scale."""

from __future__ import annotations

import stat
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from als_tui import cli, model
from als_tui.demo import DEMO_NAME, MEMBERS, DemoError, build_demo, make_demo
from als_tui.export import minutes_markdown
from als_tui.flow import MeetingFlow
from als_tui.model import Meeting
from als_tui.questioning import classify
from als_tui.store import Store
from tests.factories import make_set

TODAY = "2026-03-10"


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


# -- the content -------------------------------------------------------------------------------
def test_same_seed_same_demo_other_seed_other_demo() -> None:
    a = make_demo(6, seed=1, today=TODAY).tables()
    b = make_demo(6, seed=1, today=TODAY).tables()
    c = make_demo(6, seed=2, today=TODAY).tables()
    assert a == b
    assert a != c
    assert make_demo(6, today=date(2026, 3, 10)).tables() == a  # a date or its ISO text


def test_meetings_follow_the_cadence_and_end_before_today() -> None:
    data = make_demo(6, seed=1, today=TODAY)
    assert data.alset.name == DEMO_NAME
    assert [m.name for m in data.alset.members] == list(MEMBERS)
    assert all(" " in name for name in MEMBERS)  # realistic first and last names
    dates = [date.fromisoformat(m.date) for m in data.meetings]
    assert len(dates) == 6
    assert all(b - a == timedelta(weeks=data.alset.cadence_weeks) for a, b in zip(dates, dates[1:]))
    assert dates[-1] < date.fromisoformat(TODAY)
    assert data.meetings[-1].next_meeting > TODAY  # the next meeting is still to come
    assert all(m.status == model.FINISHED and m.phase == "summary" for m in data.meetings)
    assert data.alset.created == data.meetings[0].date
    assert data.alset.ground_rules


def test_meetings_are_full_and_varied() -> None:
    data = make_demo(24, seed=1, today=TODAY)
    names = set(MEMBERS)
    apologies = 0
    kinds: Counter[str] = Counter()
    stage_ids: set[str] = set()
    overruns = extended = 0
    for m in data.meetings:
        assert set(m.attendance) == names
        apologies += sum(1 for s in m.attendance.values() if s == model.APOLOGIES)
        assert len(m.present) >= 4
        assert m.facilitator in m.present and m.timekeeper in m.present and m.facilitator != m.timekeeper
        assert {c.member for c in m.checkins} == set(m.present)
        assert all(c.note and c.seconds > 0 for c in m.checkins)
        assert {b.member for b in m.bids} == set(m.present)
        assert 1 <= len(m.sessions) <= 2
        for s in m.sessions:
            assert s.title and s.presenter in m.present
            assert 3 <= len(s.questions) <= 7 and 1 <= len(s.insights) <= 2
            for q in s.questions:
                assert q.asker in m.present and q.asker != s.presenter
                assert q.kind == classify(q.text).kind
                kinds[q.kind] += 1
            for st in s.stages:
                stage_ids.add(st.stage_id)
                overruns += st.actual_seconds > st.planned_seconds
                extended += st.extended_seconds > 0
        assert m.review.change_next_time and m.review.notes
        assert set(m.review.notes) <= set(m.present)
    assert apologies > 0
    assert {"open", "closed", "leading", "advice"} <= set(kinds)
    assert stage_ids == {"account", "clarify", "reflect", "deeper", "future"}  # the classic bank
    assert overruns > 0 and extended > 0


def test_actions_and_report_backs() -> None:
    data = make_demo(24, seed=1, today=TODAY)
    by_meeting: Counter[tuple[str, str]] = Counter((a.meeting_id, a.owner) for a in data.actions)
    for m in data.meetings:
        for s in m.sessions:
            assert 1 <= by_meeting[(m.id, s.presenter)] <= 3
    statuses = Counter(a.status for a in data.actions)
    assert {model.OPEN, model.DONE, model.DROPPED} <= set(statuses)
    reports = {h.status for a in data.actions for h in a.history}  # partly and not done settle later
    assert set(model.REPORT_STATUSES) <= reports  # done, partly, not done, dropped
    by_id = {a.id: a for a in data.actions}
    reported = 0
    for m in data.meetings:
        for c in m.checkins:
            for u in c.updates:
                action = by_id[u.action_id]
                assert action.owner == c.member and action.created < m.date
                assert any(h.meeting_id == m.id and h.status == u.status for h in action.history)
                reported += 1
    assert reported > 20
    assert any(u.note for m in data.meetings for c in m.checkins for u in c.updates)  # learning lines
    last = data.meetings[-1]
    assert all(a.status == model.OPEN for a in data.actions if a.meeting_id == last.id)


def test_preps_and_training() -> None:
    data = make_demo(6, seed=1, today=TODAY)
    assert len(data.preps) == 2 and len({p.member for p in data.preps}) == 2
    for p in data.preps:
        assert p.issue and p.why and p.tried and p.want and p.success and p.updated < TODAY
    drills = Counter(t.drill for t in data.training)
    assert drills["spot"] >= 3 and drills["ask"] >= 2
    for t in data.training:
        assert t.member in MEMBERS and t.set_id == data.alset.id and 0 <= t.correct <= t.total
        assert sum(n for n, _ in t.by_kind.values()) == (t.correct if t.drill == "spot" else t.total)


def test_meeting_count_limits() -> None:
    with pytest.raises(DemoError):
        make_demo(0)
    with pytest.raises(DemoError):
        make_demo(2001)


def test_demo_reads_back_and_renders(db_path: Path) -> None:
    with Store(db_path) as store:
        alset = build_demo(store, meetings=6, seed=1, today=TODAY)
    with Store(db_path) as store:
        again = store.set_by_name(DEMO_NAME)
        assert again == alset
        meetings = store.meetings(alset.id)
        actions = store.actions(alset.id)
        assert len(meetings) == 6 and actions
        for m in meetings:
            md = minutes_markdown(again, m, actions)
            assert "*Draft:" not in md and "## Actions" in md
            MeetingFlow(m, again).summary(actions)
        assert len([n for n in MEMBERS if store.get_prep(alset.id, n)]) == 2
        assert sum(len(store.training(n)) for n in MEMBERS) == len(make_demo(6, seed=1, today=TODAY).training)


# -- one write, next to other sets ----------------------------------------------------------
def test_build_demo_is_one_durable_write(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db_path) as store:
        writes: list[int] = []
        real = store.storage.write
        monkeypatch.setattr(store.storage, "write", lambda data: (writes.append(1), real(data))[1])
        build_demo(store, meetings=30, seed=1, today=TODAY)
        assert len(writes) == 1


def test_demo_beside_another_set_and_later_writes_keep_working(db_path: Path) -> None:
    with Store(db_path) as store:
        ward = make_set(store)
        store.save_meeting(Meeting(set_id=ward.id, date="2026-01-05", id="wm1"))
        alset = build_demo(store, meetings=3, seed=1, today=TODAY)
        # TinyDB's caches were reset: new documents get fresh ids, nothing is overwritten
        store.save_meeting(Meeting(set_id=ward.id, date="2026-02-02", id="wm2"))
        assert [m.id for m in store.meetings(ward.id)] == ["wm1", "wm2"]
        assert len(store.meetings(alset.id)) == 3
        raw = store.raw()
        assert len(raw["meetings"]) == 5 and len(raw["sets"]) == 2
    with Store(db_path) as store:
        assert [s.name for s in store.sets()] == [DEMO_NAME, "Ward managers"]
        assert len(store.raw()["meetings"]) == 5


def test_a_second_demo_is_refused(db_path: Path) -> None:
    with Store(db_path) as store:
        build_demo(store, meetings=2, today=TODAY)
        before = db_path.read_bytes()
        with pytest.raises(DemoError, match="already has"):
            build_demo(store, meetings=2, today=TODAY)
    assert db_path.read_bytes() == before


def test_600_meetings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 600-meeting history is built whole (its time is printed; timings belong in bench/)."""
    db = tmp_path / "big.json"
    start = time.perf_counter()
    with Store(db) as store:
        alset = build_demo(store, meetings=600, seed=1, today=TODAY)
    elapsed = time.perf_counter() - start
    size = db.stat().st_size
    with capsys.disabled():
        print(f"\n[demo] 600 meetings: {size / 1e6:.1f} MB in {elapsed:.2f} s")
    assert 1_000_000 < size < 20_000_000
    with Store(db) as store:
        assert len(store.meetings(alset.id)) == 600


# -- the command --------------------------------------------------------------------------------
def test_cli_demo(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--db", str(db_path)]) == 0
    out = _lines(capsys.readouterr().out)
    assert len(out) == 1
    assert out[0].startswith(f"Created “{DEMO_NAME}” in {db_path}: 6 members, 6 meetings, ")
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700

    before = db_path.read_bytes()
    assert cli.main(["demo", "--db", str(db_path)]) == 1
    captured = capsys.readouterr()
    err = _lines(captured.err)
    assert len(err) == 1 and "already has" in err[0] and str(db_path) in err[0], err
    assert captured.out == "" and db_path.read_bytes() == before


def test_cli_demo_meetings_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.json"
    assert cli.main(["demo", "--db", str(db), "--meetings", "12"]) == 0
    assert ", 12 meetings, " in capsys.readouterr().out
    for bad in ("0", "2001", "many"):
        with pytest.raises(SystemExit) as exc:
            cli.main(["demo", "--db", str(tmp_path / f"x{bad}.json"), "--meetings", bad])
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert "--meetings" in err and "Traceback" not in err
        assert not (tmp_path / f"x{bad}.json").exists()


def test_cli_demo_errors(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(db_path):  # the app has the file open
        assert cli.main(["demo", "--db", str(db_path)]) == 1
    err = _lines(capsys.readouterr().err)
    assert len(err) == 1 and "already open" in err[0] and str(db_path) in err[0], err

    folder = tmp_path / "folder"
    folder.mkdir()
    assert cli.main(["demo", "--db", str(folder)]) == 1
    err = _lines(capsys.readouterr().err)
    assert len(err) == 1 and "folder" in err[0], err


def test_demo_is_pure_core() -> None:
    code = "import sys, als_tui.demo; print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_action_follows_from_the_issue_its_owner_brought() -> None:
    from als_tui.demo_content import ISSUE_ACTIONS

    data = make_demo(meetings=40, seed=3, today="2026-12-06")
    issue_of = {(m.id, s.presenter): s.title for m in data.meetings for s in m.sessions}
    assert data.actions
    for action in data.actions:
        issue = issue_of[(action.meeting_id, action.owner)]  # the owner presented at that meeting
        assert action.text in ISSUE_ACTIONS[issue], (issue, action.text)


def test_the_change_agreed_is_never_the_one_agreed_the_time_before() -> None:
    data = make_demo(meetings=60, seed=5, today="2026-12-06")
    changes = [m.review.change_next_time for m in data.meetings]
    assert all(a != b for a, b in zip(changes, changes[1:]))


def test_a_long_history_does_not_pile_up_open_actions() -> None:
    data = make_demo(meetings=200, seed=2, today="2026-12-06")
    still_open = [a for a in data.actions if a.is_open]
    last_dates = sorted({m.date for m in data.meetings})[-3:]
    assert still_open and all(a.created in last_dates for a in still_open)  # only the recent ones


def test_the_demo_reads_like_a_real_set_no_copied_lines() -> None:
    """A newcomer read Helen's two actions with one learning line, "Agree with my deputy which
    fires they put out — support: Advice from HR", Priya and Dan with the same action, and review
    lines repeated word for word."""
    from collections import Counter

    from als_tui.demo_content import ISSUE_ACTIONS

    texts = [t for actions in ISSUE_ACTIONS.values() for t in actions]
    assert len(texts) == len(set(texts)), [t for t, n in Counter(texts).items() if n > 1]
    data = make_demo(meetings=60, seed=7, today="2026-12-06")
    owners: dict[str, set[str]] = {}
    for action in data.actions:
        owners.setdefault(action.text, set()).add(action.owner)
        if "HR" in action.support:
            assert "HR" in action.text, (action.text, action.support)
        if "finance" in action.support:
            assert any(w in action.text for w in ("finance", "figures", "budget", "cost", "saving")), action.text
    assert all(len(names) == 1 for names in owners.values()), {t: n for t, n in owners.items() if len(n) > 1}
    for m in data.meetings:
        notes = [n for n in m.review.notes.values() if n]
        assert len(notes) == len(set(notes)), (m.date, notes)
        for c in m.checkins:
            lines = [u.note for u in c.updates if u.note]
            assert len(lines) == len(set(lines)), (m.date, c.member, lines)


@pytest.mark.parametrize("meetings, seed", [(6, 1), (60, 3)])
def test_a_presenter_who_brings_an_issue_back_moves_it_on(meetings: int, seed: int) -> None:
    """Nobody commits again to an action they agreed in their last twelve meetings (the demo had
    one member agree "Trial the new rota on one ward" at three meetings running)."""
    from als_tui.demo_content import ISSUE_ACTIONS

    data = make_demo(meetings=meetings, seed=seed, today="2026-12-06")
    number = {m.id: i for i, m in enumerate(data.meetings)}
    issue_of = {(m.id, s.presenter): s.title for m in data.meetings for s in m.sessions}
    agreed: dict[tuple[str, str], int] = {}
    step: dict[tuple[str, str], tuple[int, int]] = {}  # (owner, issue) -> (meeting, step) of the last action
    for action in sorted(data.actions, key=lambda a: number[a.meeting_id]):
        key, at = (action.owner, action.text), number[action.meeting_id]
        assert key not in agreed or at - agreed[key] > 12, f"{action.owner} agreed {action.text!r} again"
        agreed[key] = at
        issue = issue_of[(action.meeting_id, action.owner)]
        index = ISSUE_ACTIONS[issue].index(action.text)
        last_at, last_index = step.get((action.owner, issue), (-99, -1))
        if at - last_at <= 12:  # the issue brought back: it moves on from where it was left
            assert index > last_index, (action.owner, issue, action.text)
        step[(action.owner, issue)] = (at, index)
    came_back = [s for m in data.meetings for s in m.sessions
                 if sum(s.title == t.title for p in data.meetings for t in p.sessions) > 1]
    assert came_back  # (issues are brought back: the rule is tested)
