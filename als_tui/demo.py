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

MEMBERS = ("Priya Shah", "Tom Okafor", "Helen Marsh", "Marcus Lee", "Sofia Alvarez", "Dan Whitfield")

GROUND_RULES = (
    "Confidentiality: what is said in the set stays in the set.",
    "Time keeping: we start and finish on time and share the time fairly.",
    "Attendance and apologies: we come to every meeting, or tell the set beforehand.",
    "Questions, not advice: we help by asking open questions.",
    "Phones away while a presenter has the floor.",
)

ISSUES = (
    "My team's sickness absence has doubled since the restructure",
    "Getting the new rota accepted by the night staff",
    "A senior colleague keeps undermining me in meetings",
    "Whether to apply for the deputy director post",
    "Our budget is cut by 12% and I have to choose what stops",
    "Two of my team leaders no longer speak to each other",
    "Handing over a project I started to someone I don't trust with it",
    "The new case-management system is live and nobody uses it",
    "I say yes to everything and my own work slips",
    "A long-serving colleague is underperforming and everyone knows it",
    "Merging two teams with very different cultures",
    "Getting a decision out of a board that keeps deferring it",
    "Recruiting for a role nobody applies to",
    "My manager wants weekly reports that nobody reads",
    "Leading a team that is half remote and half on site",
    "Coming back from parental leave to a changed team",
    "A supplier who misses every deadline but is hard to replace",
    "Complaints from families about how we communicate discharge dates",
    "Taking over a team from a much-loved manager",
    "Staff survey results that say people don't feel heard",
    "Being asked to lead a change I don't agree with",
    "Our waiting list has grown six months in a row",
    "Making time for strategy when every day is firefighting",
    "A grievance in my team that is dragging on",
    "Winning support from finance for a pilot that saves money later",
    "Whether to stay in practice or move fully into management",
    "Getting three partner agencies to share data",
    "Volunteers who are quietly drifting away from the project",
    "Running a restructuring consultation with my own team",
    "Delegating to a team that keeps bringing problems back to me",
    "My first year as head of department: where to focus",
    "A high performer who wants a promotion I can't give",
    "Bringing a failing project back on track without blaming anyone",
    "Meetings that overrun and decide nothing",
    "Introducing peer review to a team that fears it",
    "Planning for a key person who retires in six months",
    "Keeping my temper when the chief executive is dismissive",
    "Half our new starters leave within their first year",
    "Cutting agency spend without burning out permanent staff",
    "Saying no to a commissioner without losing the contract",
)

MOODS = (
    "Tired but glad to be here.",
    "A busy month: the inspection took most of it.",
    "Good, actually. A quiet few weeks for once.",
    "Distracted: a staffing crisis this morning.",
    "Back from leave and still catching up.",
    "Energised after our away day.",
    "A bit flat; the restructure news landed this week.",
    "Looking forward to this after a long week.",
    "Nervous about a meeting tomorrow, otherwise fine.",
    "Pleased: the pilot got its funding.",
    "Stretched thin, with two people off sick.",
    "Calm, which makes a change.",
    "Frustrated with how the budget round went.",
    "Proud of my team this month.",
    "Still thinking about what came up last time.",
    "Fine. Ask me again after the board meeting.",
)

LEARNING = {
    model.DONE: (
        "It was easier than I feared once I asked directly.",
        "People were waiting for someone to go first.",
        "Writing it in my diary is what made it happen.",
        "Listening first changed the whole conversation.",
        "The data settled an argument we had been having for months.",
        "Saying it out loud to the set made me follow through.",
        "They had been worrying about the same thing.",
    ),
    model.PARTLY: (
        "Started it, then the month ran away with me.",
        "Got halfway; I am still waiting for the figures.",
        "I had the conversation but avoided the hard part.",
        "Done for one team, not yet for the other.",
        "I drafted it but have not sent it.",
    ),
    model.NOT_DONE: (
        "I kept putting it off; I think I was avoiding the conflict.",
        "Cover shifts ate every spare hour.",
        "Waiting on someone else, and I did not chase.",
        "It felt less urgent once the crisis passed.",
        "I realised I did not know what I wanted from it.",
    ),
    model.DROPPED: (
        "Things changed: the post was withdrawn.",
        "On reflection it was not the real problem.",
        "My manager took it over.",
        "The pilot was cancelled, so there was no point.",
        "Overtaken by the restructure.",
    ),
}

ACTIONS = (
    "Book a one-to-one with my manager to agree priorities",
    "Draft a one-page proposal for the pilot and share it with finance",
    "Ask the night staff what would make the rota work for them",
    "Write down what I will stop doing and tell my team",
    "Talk to HR about the options before the next review",
    "Shadow a colleague who runs the same service elsewhere",
    "Block two hours a week in my diary for planning",
    "Ask three people in my team for honest feedback on my meetings",
    "Share the survey results with the team and ask what to fix first",
    "Meet both team leaders separately, then together",
    "Map who needs to agree before the board meets",
    "Call the supplier's account manager and agree a recovery date",
    "Write the handover notes and walk through them in person",
    "Run a short retrospective on the last project",
    "Trial a new meeting format for one month",
    "Find out what the exit interviews actually say",
    "Ask my mentor how she made the move into management",
    "Put the decision to the board as two clear options",
    "Check the budget figures with the finance business partner",
    "Hand the weekly report to a team leader for a month",
    "Visit the site team in person instead of emailing",
    "Say no to one new request this month and notice what happens",
    "Set up a monthly call with the partner agencies",
    "Thank the volunteers one by one and ask what keeps them",
    "Prepare three questions for the meeting with the chief executive",
    "Draft a buddy scheme for new starters with two recent joiners",
    "List what only I can do and what others could do instead",
    "Ask the families' forum to review our discharge letter",
    "Write a short note on what I want from this job in two years",
    "Agree one measure of success for the pilot with my manager",
)

SUPPORT = (
    "",
    "",
    "",
    "Time with my manager",
    "Someone in the set to read my draft",
    "Advice from HR",
    "Cover for one afternoon",
    "A check-in call from a set member in two weeks",
    "The figures from finance",
)

QUESTIONS = (
    "What would success look like for you?",
    "What have you already tried?",
    "Who else has a stake in this?",
    "What is stopping you from acting on it?",
    "How does this affect you personally?",
    "What matters most to you here?",
    "What do you think they would say if we asked them?",
    "How will you know it has worked?",
    "What are you assuming about your manager's view?",
    "What would be a small first step?",
    "Where do you feel most stuck?",
    "What has changed since you first noticed this?",
    "What support would make the biggest difference?",
    "How would someone you admire handle this?",
    "What is the cost of doing nothing?",
    "What did you learn the last time something like this happened?",
    "Which part of this is within your control?",
    "What are you not saying about this?",
    "What would you do with another month?",
    "How do you feel when you picture the conversation?",
    "Have you spoken to HR yet?",
    "Is there a deadline?",
    "Does your manager know?",
    "How many people are in the team?",
    "When does the board meet?",
    "Don't you think they are testing you?",
    "Surely the budget is the real problem?",
    "That must feel unfair, doesn't it?",
    "Have you tried talking to them one to one?",
    "Why don't you escalate it?",
    "What if you just said no?",
    "Could you ask finance for a pilot budget?",
    "Why did you agree to it in the first place?",
    "What happened next, and how did the team react?",
)

INSIGHTS = (
    "I have been waiting for permission I don't need.",
    "The problem is less the rota than how it was decided.",
    "I avoid the conversation because I like them.",
    "My team copies how I handle pressure.",
    "Saying no is part of the job, not a failure.",
    "I had framed it as my problem alone.",
    "The data would settle it; I just haven't asked for it.",
    "I want the role partly for the wrong reasons.",
    "I have been solving the symptom, not the cause.",
    "A small experiment feels safer than a big announcement.",
    "My manager may not know what I need from her.",
    "I am more worried about being liked than about being fair.",
)

REVIEW_NOTES = (
    "Good pace; we kept to questions.",
    "Some advice crept in during the deeper analysis.",
    "The timekeeper kept us honest.",
    "Check-in ran long again.",
    "It felt rushed at the end.",
    "The silence after the account was useful.",
    "Really helpful questions today.",
    "I talked too much in the reflective stage.",
    "Two presenters worked well today.",
    "We lost focus after the break.",
    "Good to see everyone report back on their actions.",
    "The question bank prompts helped when we got stuck.",
)

CHANGES = (
    "Start check-in on time and keep to three minutes each.",
    "Say 'question, please' when advice creeps in.",
    "One presenter only when fewer than five of us are here.",
    "Take a short break between presenters.",
    "Write questions down during the account instead of interrupting.",
    "Agree the time split before the first presenter starts.",
    "Leave five minutes for actions, not two.",
    "Use the bank's prompts in the reflective stage.",
    "Open the review with what worked, not what didn't.",
    "Send apologies to the facilitator before the day.",
)

PREPS = (
    {
        "why": "It is affecting morale and I am running out of goodwill.",
        "tried": "Two team meetings and a one-to-one with each team leader.",
        "want": "Questions that help me see what I am missing.",
        "success": "A plan I believe in, and one conversation booked.",
    },
    {
        "why": "I have been avoiding it for three months and it is getting worse.",
        "tried": "Raised it informally; nothing changed.",
        "want": "A sounding board, and someone to hold me to it.",
        "success": "Knowing what my first step is and when I will take it.",
    },
)

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
        else:  # reported before: it settles now, one way or the other
            status = rng.choices(model.REPORT_STATUSES, weights=(50, 10, 15, 25))[0]
        self.reported[action.id] = times + 1
        note = rng.choice(LEARNING[status]) if rng.random() < 0.85 else ""
        return status, note

    def bid(self, member: str) -> Bid:
        rng = self.rng
        title, left = self.current_issue.get(member, ("", 0))
        if left <= 0 or rng.random() < 0.25:
            title, left = rng.choice(ISSUES), rng.randint(1, 3)
        if rng.random() < 0.45:
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
            flow.record_bid(Bid(member, rng.choice(ISSUES), 3, 30))
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
            for text in rng.sample(ACTIONS, rng.randint(1, 3)):
                due = next_date if rng.random() < 0.7 else (
                    date.fromisoformat(when) + timedelta(days=rng.choice((7, 14, 21)))).isoformat()
                report_to = "the set" if rng.random() < 0.6 else rng.choice(others)
                new_actions.append(Action(
                    set_id=alset.id, owner=session.presenter, text=text, meeting_id=m.id, due=due,
                    report_to=report_to, support=rng.choice(SUPPORT), confidence=rng.randint(2, 5),
                    created=when, id=self.rid(),
                ))
            flow.finish_session()
        for action in new_actions:
            self.open_actions.setdefault(action.owner, []).append(action)

        # process review and close
        notes = {p: rng.choice(REVIEW_NOTES) for p in m.present if rng.random() < 0.7}
        flow.record_review(notes, rng.choice(CHANGES))
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
                set_id=alset.id, member=member, issue=rng.choice(ISSUES), urgency=rng.randint(3, 5),
                minutes=rng.choice((30, 35, 40)), updated=updated, **extra,
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
