"""Builders for tests: a set, a meeting at a given phase, and an app on a temp file.

Dates are fixed and the clock is a FakeClock so Pilot runs and snapshots are deterministic.
"""

from __future__ import annotations

from pathlib import Path

from als_tui import model
from als_tui.app import ALSApp
from als_tui.clock import FakeClock
from als_tui.flow import MeetingFlow
from als_tui.model import Action, ALSet, Bid, Meeting, Member
from als_tui.store import Store

NAMES = ["Asha", "Ben", "Carys", "Dev", "Erin", "Femi", "Gwen", "Hari", "Ines", "Jon", "Kemi", "Lars"]
TODAY = "2026-03-10"


def make_set(store: Store, n: int = 5, name: str = "Ward managers", **kw) -> ALSet:
    alset = ALSet(
        name=name,
        members=[Member(x, joined="2026-01-01") for x in NAMES[:n]],
        ground_rules=[
            "Confidentiality: what is said here stays here.",
            "Questions, not advice.",
            "Phones away.",
        ],
        created="2026-01-01",
        id="set1",
        **kw,
    )
    store.save_set(alset)
    return alset


def make_app(db_path: Path, clock: FakeClock | None = None, today: str = TODAY) -> ALSApp:
    return ALSApp(db_path=db_path, now=clock or FakeClock(1000.0), today=lambda: today)


def meeting_at(store: Store, alset: ALSet, phase: str, clock: FakeClock | None = None,
               presenters: int = 1, date: str = TODAY) -> Meeting:
    """A meeting of *alset* (everyone present) walked forward to *phase* and saved."""
    from als_tui.bank import find_bank

    bank = find_bank(alset.bank)
    m = Meeting(set_id=alset.id, date=date, planned_minutes=alset.meeting_minutes, id="meet1",
                started_at=date)
    flow = MeetingFlow(m, alset, now=clock or FakeClock(1000.0), stages=bank.stages)
    names = alset.active_members
    for n in names:
        flow.set_attendance(n, model.PRESENT)
    flow.set_roles(names[0], names[1 % len(names)])
    order = ["opening", "checkin", "bids", "selection", "session", "actions", "review", "summary"]
    target = order.index(phase)
    if target >= 1:
        flow.begin_checkin(names)
    if target >= 2:
        for n in names:
            flow.record_checkin(n, "fine", [], 120)
        flow.finish_checkin()
    if target >= 3:
        for i, n in enumerate(names):
            if i < 2:
                flow.record_bid(Bid(n, f"Issue of {n}", 5 - i, 40))
            else:
                flow.record_bid(Bid(n, nothing_today=True))
        flow.finish_bids()
    if target >= 4:
        flow.select(names[:presenters], {n: 40 for n in names[:presenters]})
    if target >= 5:
        while not flow.in_actions:
            flow.advance_stage(60.0 * 5)
    if target >= 6:
        for s in m.sessions:
            store.save_action(Action(set_id=alset.id, owner=s.presenter, text="Call the sponsor",
                                     meeting_id=m.id, due="2026-04-07", created=date, id=f"act-{s.presenter}"))
        while flow.current_session is not None:
            flow.finish_session()
    if target >= 7:
        flow.record_review({n: "Good pace" for n in names}, "Start on time")
        flow.finish(next_meeting="2026-04-07", when=date)
    m.phase = "actions" if phase == "actions" else m.phase
    if phase == "actions":
        m.phase = "session"
    store.save_meeting(m)
    return m
