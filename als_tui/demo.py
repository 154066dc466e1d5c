"""A realistic sample set ("Demo set") for newcomers, screenshots and benchmarks. Pure core: no Textual.

:func:`make_demo` builds everything in memory — the set, N finished meetings at the set's
cadence (the last one two weeks before *today*), their actions with report-backs, two preps and
some question-gym results — deterministically for a seed. :func:`build_demo` adds it to a
store with one durable write (:meth:`~als_tui.store.Store.bulk_load`), so 600 meetings take a
second or two, not minutes.

The meetings are walked through :class:`~als_tui.flow.MeetingFlow` with the classic bank's
stages, so they have exactly the shape the app itself writes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from . import model
from .demo_content import (
    MEMBERS,
    GROUND_RULES,
    ISSUE_ACTIONS,
    ISSUES,
    MOODS,
    LEARNING,
    QUESTIONS,
    INSIGHTS,
    REVIEW_NOTES,
    CHANGES,
    PREPS,
    support_for,
)
from .flow import (
    MeetingFlow,
    StageSpec,
    apply_action_updates,
    checkin_order,
    split_time,
    suggest_presenters,
    suggest_rota,
)
from .model import (
    APOLOGIES,
    PRESENT,
    Action,
    ActionUpdate,
    ALSet,
    Bid,
    HarvestedQuestion,
    Meeting,
    Member,
    Prep,
    TrainingResult,
)

DEMO_NAME = "Demo set"
MAX_MEETINGS = 2000
CADENCE_WEEKS = 4
LAST_MEETING_DAYS_AGO = 14  # the last demo meeting was two weeks ago: the next one is two weeks away
RESTLESS_AFTER = 3  # meetings without presenting after which a member usually bids
FRESH_MEETINGS = 12  # an action agreed is not agreed again by its owner within this many meetings


# The classic bank's stages (content/questions.yaml): the demo does not read the YAML, so it is
# as fast as the rest and works without the content folder.
CLASSIC_STAGES = (
    StageSpec("account", "Presenter's account", 10),
    StageSpec("clarify", "Clarifying questions", 10),
    StageSpec("reflect", "Reflective questions", 10),
    StageSpec("deeper", "Deeper analysis and reframing", 15),
    StageSpec("future", "Future action", 10),
)


class DemoError(ValueError):
    """The demo cannot be added (one line, fit to show a person)."""


@dataclass
class DemoData:
    alset: ALSet
    meetings: list[Meeting] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    preps: list[Prep] = field(default_factory=list)
    training: list[TrainingResult] = field(default_factory=list)

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "sets": [self.alset.to_dict()],
            "meetings": [m.to_dict() for m in self.meetings],
            "actions": [a.to_dict() for a in self.actions],
            "preps": [p.to_dict() for p in self.preps],
            "training": [t.to_dict() for t in self.training],
        }

    def describe(self) -> str:
        return (
            f"{len(self.alset.members)} members, {len(self.meetings)} meetings, {len(self.actions)} actions, "
            f"{len(self.preps)} preps, {len(self.training)} training results"
        )


def _stages() -> tuple[Any, ...]:
    """The classic bank's stages if the bank can be read, else the same built-in list."""
    try:
        from .bank import find_bank

        return tuple(find_bank("classic").stages)
    except Exception:  # noqa: BLE001 - the demo never fails for want of a YAML file
        return CLASSIC_STAGES


class _Builder:
    def __init__(self, n_meetings: int, seed: int, today: date, stages: tuple[Any, ...]) -> None:
        self.rng = random.Random(seed)
        self.n = n_meetings
        self.today = today
        self.stages = stages
        self._kinds: dict[str, str] = {}
        self.current_issue: dict[str, tuple[str, int]] = {}  # member -> (title, meetings left)
        self.reported: dict[str, int] = {}  # action id -> times reported
        self.open_actions: dict[str, list[Action]] = {}  # owner -> actions still to report on
        self.said: dict[str, list[str]] = {}  # owner -> learning lines said lately (not said again soon)
        self.agreed: dict[tuple[str, str], int] = {}  # (owner, action) -> the meeting (its number) it was agreed at
        self.meeting_no = 0
        self.presented: dict[str, int] = {}  # member -> the meeting (its number) they last presented at

    def rid(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def kind(self, question: str) -> str:
        if question not in self._kinds:
            from .questioning import classify

            self._kinds[question] = classify(question).kind
        return self._kinds[question]

    # -- the pieces ----------------------------------------------------------------------------
    def dates(self) -> list[str]:
        last = self.today - timedelta(days=LAST_MEETING_DAYS_AGO)
        step = timedelta(weeks=CADENCE_WEEKS)
        return [(last - step * (self.n - 1 - i)).isoformat() for i in range(self.n)]

    def attendance(self, names: list[str]) -> dict[str, str]:
        rng = self.rng
        away = [n for n in names if rng.random() < 0.12]
        if len(names) - len(away) < 4:
            away = away[: max(0, len(names) - 4)]
        return {n: (APOLOGIES if n in away else PRESENT) for n in names}

    def report(self, action: Action) -> tuple[str, str]:
        rng = self.rng
        times = self.reported.get(action.id, 0)
        if times == 0:
            status = rng.choices(model.REPORT_STATUSES, weights=(45, 25, 15, 15))[0]
        else:  # reported before: it settles now, done or dropped (nothing stays open for years)
            status = rng.choices((model.DONE, model.DROPPED), weights=(65, 35))[0]
        self.reported[action.id] = times + 1
        said = self.said.setdefault(action.owner, [])
        fresh = [line for line in LEARNING[status] if line not in said]
        note = rng.choice(fresh or LEARNING[status]) if rng.random() < 0.85 else ""
        if note:
            said[:] = [*said, note][-4:]  # one person does not learn the same thing twice running
        return status, note

    def issues_of(self, member: str) -> tuple[str, ...]:
        """The issues *member* brings: each issue belongs to one member, so two people never
        bring the same problem (or agree the same action)."""
        k = MEMBERS.index(member) if member in MEMBERS else sum(map(ord, member))
        return ISSUES[k % len(MEMBERS)::len(MEMBERS)]

    def fresh_actions(self, member: str, title: str) -> list[str]:
        """The actions of the issue *title* after the last one *member* agreed in the last
        ``FRESH_MEETINGS`` meetings: a presenter who brings an issue back moves it on from where
        they left it, and does not commit to what they committed to last time."""
        since = self.meeting_no - FRESH_MEETINGS
        actions = ISSUE_ACTIONS.get(title, ())
        taken = [i for i, a in enumerate(actions) if self.agreed.get((member, a), since - 1) >= since]
        return list(actions[max(taken) + 1:] if taken else actions)

    def new_issue(self, member: str) -> str:
        """One of *member*'s issues, one with actions still to take if there is one."""
        issues = self.issues_of(member)
        return self.rng.choice([i for i in issues if self.fresh_actions(member, i)] or list(issues))

    def bid(self, member: str) -> Bid:
        rng = self.rng
        title, left = self.current_issue.get(member, ("", 0))
        if left <= 0 or rng.random() < 0.25 or not self.fresh_actions(member, title):
            title, left = self.new_issue(member), rng.randint(1, 3)
        # a member who has not presented yet, or not for a while, is keen to (and the rotation
        # of presenters favours them)
        keen = 0.85 if self.meeting_no - self.presented.get(member, -RESTLESS_AFTER) > RESTLESS_AFTER else 0.45
        if rng.random() < keen:
            self.current_issue[member] = (title, left)
            return Bid(member, title, rng.choice((2, 3, 3, 4, 4, 5)), rng.choice((25, 30, 30, 35, 40, 45)))
        self.current_issue[member] = (title, left)
        return Bid(member, nothing_today=True)

    def session_times(self, flow: MeetingFlow) -> None:
        rng = self.rng
        session = flow.current_session
        assert session is not None
        leaves_early = rng.random() < 0.03
        while not flow.in_actions:
            stage = flow.current_stage
            assert stage is not None
            if leaves_early and session.current_stage >= 3:
                flow.presenter_left_early()
                break
            planned = stage.planned_seconds
            roll = rng.random()
            if stage.stage_id == "future" and roll < 0.04:
                flow.advance_stage(0.0, skipped=True)
                continue
            if roll < 0.25:  # an overrun; usually the set chose to extend
                actual = planned * rng.uniform(1.08, 1.45)
                extended = rng.choice((120.0, 120.0, 300.0)) if rng.random() < 0.7 else 0.0
            else:
                actual, extended = planned * rng.uniform(0.7, 1.04), 0.0
            flow.advance_stage(float(round(actual)), extended_seconds=extended)

    # -- one meeting ---------------------------------------------------------------------------
    def meeting(self, alset: ALSet, when: str, history: list[Meeting]) -> list[Action]:
        rng = self.rng
        self.meeting_no += 1
        names = [m.name for m in alset.members]
        m = Meeting(set_id=alset.id, date=when, planned_minutes=alset.meeting_minutes, id=self.rid(),
                    started_at=when)
        flow = MeetingFlow(m, alset, now=lambda: 0.0, stages=self.stages)
        for name, state in self.attendance(names).items():
            flow.set_attendance(name, state)
        recent = history[-3:]
        flow.set_roles(*suggest_rota(m.present, recent, roster=names))

        # check-in: how each member is, and report-backs on their earlier actions
        flow.begin_checkin(checkin_order(m.present, recent, roster=names))
        for member in list(m.checkin_order):
            mine = self.open_actions.get(member, [])
            updates = []
            for action in mine:
                status, note = self.report(action)
                updates.append(ActionUpdate(action.id, status, note))
            apply_action_updates(mine, updates, m.id, when)
            self.open_actions[member] = [a for a in mine if a.is_open and self.reported.get(a.id, 0) < 2]
            flow.record_checkin(member, rng.choice(MOODS), updates, float(rng.randint(95, 260)))
        flow.finish_checkin()

        # bids and selection
        for member in m.present:
            flow.record_bid(self.bid(member))
        if not any(not b.nothing_today for b in m.bids):
            member = rng.choice(m.present)
            flow.record_bid(Bid(member, self.new_issue(member), 3, 30))
        flow.finish_bids()
        available = flow.available_minutes
        presenters = suggest_presenters(m.bids, history[-12:], 2, available)
        wanted = {b.member: b.minutes for b in m.bids}
        flow.select(presenters, split_time(available, presenters, wanted))

        # issue sessions, each with its questions, insights and actions
        new_actions: list[Action] = []
        next_date = (date.fromisoformat(when) + timedelta(weeks=alset.cadence_weeks)).isoformat()
        while flow.current_session is not None:
            session = flow.current_session
            others = [p for p in m.present if p != session.presenter] or m.present
            for text in rng.sample(QUESTIONS, rng.randint(3, 7)):
                session.questions.append(HarvestedQuestion(rng.choice(others), text, self.kind(text)))
            session.insights = rng.sample(INSIGHTS, rng.randint(1, 2))
            self.session_times(flow)
            # the next one to three (mostly two) of the issue's actions, in the order a presenter takes them
            for text in self.fresh_actions(session.presenter, session.title)[: rng.choice((1, 2, 2, 2, 3))]:
                self.agreed[(session.presenter, text)] = self.meeting_no
                due = next_date if rng.random() < 0.7 else (
                    date.fromisoformat(when) + timedelta(days=rng.choice((7, 14, 21)))).isoformat()
                report_to = "the set" if rng.random() < 0.6 else rng.choice(others)
                new_actions.append(Action(
                    set_id=alset.id, owner=session.presenter, text=text, meeting_id=m.id, due=due,
                    report_to=report_to, support=support_for(text, rng.choice), confidence=rng.randint(2, 5),
                    created=when, id=self.rid(),
                ))
            self.presented[session.presenter] = self.meeting_no
            flow.finish_session()
        for action in new_actions:
            self.open_actions.setdefault(action.owner, []).append(action)

        # process review and close
        # each says something of their own; someone always does
        speaking = [p for p in m.present if rng.random() < 0.7] or [rng.choice(m.present)]
        notes = dict(zip(speaking, rng.sample(REVIEW_NOTES, len(speaking))))
        # a change the set has not agreed lately (never the one it agreed last time)
        lately = {past.review.change_next_time for past in history[-4:]}
        flow.record_review(notes, rng.choice([c for c in CHANGES if c not in lately]))
        flow.finish(next_meeting=next_date, when=when)
        history.append(m)
        return new_actions

    # -- the whole set -------------------------------------------------------------------------
    def build(self) -> DemoData:
        rng = self.rng
        dates = self.dates()
        alset = ALSet(
            name=DEMO_NAME,
            members=[Member(n, joined=dates[0]) for n in MEMBERS],
            ground_rules=list(GROUND_RULES),
            cadence_weeks=CADENCE_WEEKS,
            meeting_minutes=150,
            checkin_minutes=3,
            bank="classic",
            id=self.rid(),
            created=dates[0],
        )
        data = DemoData(alset)
        for when in dates:
            data.actions.extend(self.meeting(alset, when, data.meetings))

        # preps: two members getting ready for the next meeting
        names = [m.name for m in alset.members]
        updated = (self.today - timedelta(days=rng.randint(1, 4))).isoformat()
        for member, extra in zip(rng.sample(names, 2), PREPS):
            data.preps.append(Prep(
                set_id=alset.id, member=member, issue=rng.choice(self.issues_of(member)), urgency=rng.randint(3, 5),
                minutes=rng.choice((30, 35, 40)), updated=updated, why=extra["why"], tried=extra["tried"],
                want=extra["want"], success=extra["success"],
            ))

        # question-gym results: three members practising, getting better over time
        for member in rng.sample(names, 3):
            rounds = rng.randint(3, 5)
            for i in range(rounds):
                day = (self.today - timedelta(days=7 * (rounds - i) + rng.randint(0, 3))).isoformat()
                data.training.append(self.spot(member, alset.id, day, skill=0.5 + 0.1 * i))
                if i % 2 == 0:
                    data.training.append(self.ask(member, alset.id, day, skill=0.4 + 0.12 * i))
        return data

    def spot(self, member: str, set_id: str, day: str, skill: float) -> TrainingResult:
        rng = self.rng
        kinds = ("open", "closed", "leading", "advice")
        by_kind = {k: [0, 0] for k in kinds}
        confusions: dict[str, int] = {}
        for _ in range(10):
            actual = rng.choice(kinds)
            by_kind[actual][1] += 1
            if rng.random() < min(0.95, skill):
                by_kind[actual][0] += 1
            else:
                wrong = rng.choice([k for k in kinds if k != actual and not (actual == "advice" and k == "leading")])
                key = f"{actual}->{wrong}"
                confusions[key] = confusions.get(key, 0) + 1
        return TrainingResult(
            member=member, drill="spot", total=10, correct=sum(r for r, _ in by_kind.values()),
            by_kind={k: v for k, v in by_kind.items() if v[1]}, confusions=confusions, date=day, set_id=set_id,
        )

    def ask(self, member: str, set_id: str, day: str, skill: float) -> TrainingResult:
        rng = self.rng
        total = rng.randint(3, 6)
        counts = {"open": 0, "closed": 0, "leading": 0, "advice": 0}
        for _ in range(total):
            counts["open" if rng.random() < min(0.95, skill) else rng.choice(("closed", "leading", "advice"))] += 1
        return TrainingResult(
            member=member, drill="ask", total=total, correct=counts["open"],
            by_kind={k: [n, total] for k, n in counts.items() if n}, date=day, set_id=set_id,
        )


def make_demo(meetings: int = 6, seed: int = 1, today: date | str | None = None) -> DemoData:
    """The demo set with *meetings* finished meetings, in memory. Same seed and today: same data."""
    if not 1 <= int(meetings) <= MAX_MEETINGS:
        raise DemoError(f"the demo has 1 to {MAX_MEETINGS} meetings, not {meetings}")
    if today is None:
        day = date.today()
    elif isinstance(today, str):
        day = date.fromisoformat(today)
    else:
        day = today
    return _Builder(int(meetings), int(seed), day, _stages()).build()


def build_demo(store, meetings: int = 6, seed: int = 1, today: date | str | None = None) -> ALSet:
    """Add the demo set to *store* with one durable write. DemoError if the file already has one."""
    if store.set_by_name(DEMO_NAME) is not None:
        raise DemoError(f"{store.path} already has a “{DEMO_NAME}”; open it with: als --db {store.path}")
    data = make_demo(meetings, seed, today)
    store.bulk_load(data.tables())
    return data.alset


def demo_counts(store, alset: ALSet) -> str:
    """"6 members, 6 meetings, 19 actions, …" for the set as saved in *store*."""
    raw = store.storage.read() or {}

    def count(table: str) -> int:
        return sum(1 for d in raw.get(table, {}).values() if isinstance(d, dict) and d.get("set_id") == alset.id)

    return (
        f"{len(alset.members)} members, {count('meetings')} meetings, {count('actions')} actions, "
        f"{count('preps')} preps, {count('training')} training results"
    )
