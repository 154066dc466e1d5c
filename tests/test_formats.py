"""Every shipped format (question bank) is valid and runs a whole meeting by keys.

One engine, many peer-consultation formats: the classic set, Kollegiale Beratung, intervision,
Troika consulting and the clearness committee. Each Pilot run drives opening → check-in → one
bid → selection → every stage of the format in order (choosing a method where the stage has a
list) → actions → review → summary → home, with a FakeClock, and checks the saved file.
"""

from __future__ import annotations

import pytest

from als_tui import cli, model
from als_tui.bank import find_bank, shipped_banks, validate_file
from als_tui.clock import FakeClock
from als_tui.flow import ACTIONS_MINUTES, MeetingFlow, scale_stages
from als_tui.model import ALSet, Bid, Meeting, Member
from als_tui.screens.issue_session import how_it_works, who_speaks
from als_tui.screens.stage_words import listens_line, rule_line, speaker_line
from als_tui.store import Store
from tests.factories import NAMES, make_app, make_set, meeting_at
from tests.helpers import type_into

BANK_IDS = [b.id for b in shipped_banks()]
STEP = 30.0  # seconds on the fake clock per stage: well inside even a 2-minute stage


def name(app) -> str:
    return type(app.screen).__name__


def group_for(bank_id: str) -> int:
    """A group size the format allows: five where it can, else its nearest bound (Troika: 3)."""
    bank = find_bank(bank_id)
    return max(bank.group_min, min(5, bank.group_max))


def flow_for(bank_id: str, n: int | None = None, meeting_minutes: int = 150) -> tuple[MeetingFlow, Meeting]:
    bank = find_bank(bank_id)
    n = n or group_for(bank_id)
    alset = ALSet(name="S", members=[Member(x) for x in NAMES[:n]], bank=bank_id, meeting_minutes=meeting_minutes)
    meeting = Meeting(set_id=alset.id, date="2026-03-10", planned_minutes=meeting_minutes)
    flow = MeetingFlow(meeting, alset, now=FakeClock(0.0), stages=bank.stages)
    for x in alset.active_members:
        flow.set_attendance(x, model.PRESENT)
    return flow, meeting


# --------------------------------------------------------------------------- the banks


@pytest.mark.parametrize("bank_id", BANK_IDS)
def test_shipped_bank_validates(bank_id):
    bank = find_bank(bank_id)
    assert validate_file(bank.path) == []
    assert bank.group_min <= group_for(bank_id) <= bank.group_max
    assert bank.total_minutes and bank.total_minutes >= 1


@pytest.mark.parametrize("bank_id", BANK_IDS)
def test_check_bank_cli_accepts_each_shipped_file(bank_id, capsys):
    bank = find_bank(bank_id)
    assert cli.main(["check-bank", bank.path]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and bank.name in out


def test_check_bank_cli_accepts_all_shipped_files(capsys):
    assert cli.main(["check-bank"]) == 0
    out = capsys.readouterr().out
    assert out.count("OK") == len(BANK_IDS)


def test_banks_cli_states_group_size_and_total_time(capsys):
    assert cli.main(["banks"]) == 0
    out = capsys.readouterr().out
    for bank in shipped_banks():
        assert bank.id in out and bank.description in out
        size = f"{bank.group_min}" if bank.group_min == bank.group_max else f"{bank.group_min}–{bank.group_max}"
        assert f"{size} people · typically {bank.total_minutes} min" in out
    assert "3 people · typically 35 min" in out  # Troika


def test_formats_use_each_kind_of_stage():
    """The engine's features are all exercised by some shipped format."""
    stages = [s for b in shipped_banks() for s in b.stages]
    assert any(s.rules.presenter_listens for s in stages)
    assert any(s.rules.advice_allowed for s in stages)
    assert any(s.methods for s in stages)
    assert {s.speaker for s in stages} == {"presenter", "set", "scribe", "all"}
    for s in stages:  # a stage where the set advises never also says "questions only"
        assert not (s.rules.advice_allowed and s.rules.questions_only)


# --------------------------------------------------------------------------- flow


@pytest.mark.parametrize("bank_id", BANK_IDS)
def test_format_minutes_plan_the_bank_exactly(bank_id):
    """Given what the format needs, each stage gets exactly the bank's minutes."""
    bank = find_bank(bank_id)
    flow, _ = flow_for(bank_id)
    assert flow.format_minutes == bank.stage_minutes + ACTIONS_MINUTES
    runs = flow.plan_stages(flow.format_minutes)
    assert [r.stage_id for r in runs] == [s.id for s in bank.stages]
    assert [r.planned_seconds for r in runs] == [60.0 * s.minutes for s in bank.stages]


def test_troika_newcomer_defaults_are_sensible():
    """3 people, the default 150-minute meeting and the default 30-minute bid: no stage is 0,
    the listening stage stays the longest, and with the format's own 16 minutes it is 2/2/5/2."""
    flow, m = flow_for("troika", 3)
    assert flow.format_minutes == 16
    assert flow.available_minutes >= 30
    flow.record_bid(Bid("Asha", "Rota gaps", 3, 30))
    for x in ("Ben", "Carys"):
        flow.record_bid(Bid(x, nothing_today=True))
    flow.select(["Asha"])
    minutes = [r.planned_seconds / 60 for r in m.sessions[0].stages]
    assert sum(minutes) == 30 - ACTIONS_MINUTES and min(minutes) >= 2
    assert max(minutes) == minutes[2]
    assert [r.planned_seconds / 60 for r in flow.plan_stages(16)] == [2, 2, 5, 2]


def test_default_allotments_lift_short_wishes_to_the_format():
    flow, _ = flow_for("clearness", 5)  # 95 min of stages + actions = 100
    assert flow.available_minutes == 110
    assert flow.default_allotments(["Asha"], {"Asha": 30}) == {"Asha": 100}
    assert flow.default_allotments(["Asha"], {"Asha": 105}) == {"Asha": 105}  # more is fine
    # not enough time for two full sessions: what there is gets shared, summing to what is available
    two = flow.default_allotments(["Asha", "Ben"], {"Asha": 30, "Ben": 30})
    assert sum(two.values()) == 110 and min(two.values()) >= 1


def test_default_allotments_short_format_keeps_bigger_wishes():
    flow, _ = flow_for("troika", 3)
    assert flow.default_allotments(["Asha", "Ben"], {"Asha": 10, "Ben": 30}) == {"Asha": 16, "Ben": 30}


def test_summary_reports_the_method():
    flow, m = flow_for("kollegiale")
    flow.record_bid(Bid("Asha", "Team conflict", 4, 50))
    flow.select(["Asha"])
    i = [r.stage_id for r in m.sessions[0].stages].index("method")
    m.sessions[0].stages[i].method = "Hypotheses"
    stages = flow.summary()["sessions"][0]["stages"]
    assert stages[i]["method"] == "Hypotheses"
    assert [s["method"] for s in stages if s["id"] != "method"] == [""] * (len(stages) - 1)


@pytest.mark.parametrize("allotted", [5, 6, 9, 16, 30, 100])
def test_plan_stages_never_plans_a_zero_stage(allotted):
    flow, _ = flow_for("intervision")  # seven stages
    runs = flow.plan_stages(allotted)
    assert all(r.planned_seconds >= 60 for r in runs)
    if allotted - ACTIONS_MINUTES >= len(runs):
        assert sum(r.planned_seconds for r in runs) == 60.0 * (allotted - ACTIONS_MINUTES)
        assert [r.planned_seconds / 60 for r in runs] == scale_stages(
            [s.minutes for s in find_bank("intervision").stages], allotted - ACTIONS_MINUTES
        )


# --------------------------------------------------------------------------- words on the screens


def test_stage_words_for_a_listening_advice_stage():
    consult = find_bank("troika").stage("consult")
    assert rule_line(consult) == "Suggestions welcome in this stage"
    assert listens_line(consult, "Asha") == "Asha listens — turned away, not answering"
    assert speaker_line(consult, "Asha") == "The set talks it through, to each other; Asha only listens"
    assert who_speaks(consult, "Asha") == "the set"
    assert how_it_works(consult, "Asha") == "Suggestions welcome in this stage · Asha only listens"


def test_stage_words_for_each_speaker():
    troika = find_bank("troika")
    assert speaker_line(troika.stage("challenge"), "Asha") == "Asha speaks; the set listens"
    assert speaker_line(troika.stage("clarify"), "Asha") == "The set asks, one question at a time; Asha answers"
    assert rule_line(troika.stage("clarify")) == "Questions only — no advice"
    assert listens_line(troika.stage("clarify"), "Asha") == ""
    handover = find_bank("clearness").stage("handover")
    assert speaker_line(handover, "Asha") == "The scribe speaks; Asha and the set listen"
    assert who_speaks(handover, "Asha") == "the scribe"
    roles = find_bank("kollegiale").stage("roles")
    assert speaker_line(roles, "Asha") == "Everyone talks, Asha included"
    assert who_speaks(troika.stage("challenge"), "Asha") == "Asha"
    advice = find_bank("intervision").stage("advice")
    assert rule_line(advice) == "Suggestions welcome in this stage; nobody interrupts"
    method = find_bank("kollegiale").stage("method")
    assert how_it_works(method, "Asha").endswith("choose one of 5 methods")
    assert how_it_works(method, "Asha", "Headstand").endswith("method: Headstand")


# --------------------------------------------------------------------------- a whole meeting by keys


async def choose_method(pilot, index: int) -> str:
    """Open the method list with `m` (it opens on the first method) and take the *index*-th
    method (0 = first) by keys."""
    await pilot.press("m")
    await pilot.pause()
    await pilot.press(*(["down"] * index), "enter")
    await pilot.pause()
    return pilot.app.screen.run_row.method


async def run_format_meeting(
    app, pilot, clock, bid: tuple[str, str, int | None], action: str, set_id: str = "set1"
) -> dict[str, str]:
    """One whole meeting by keys; returns {stage id: method chosen} for stages with methods."""
    member, title, minutes = bid
    await pilot.press("m")
    await pilot.pause()
    assert name(app) == "OpeningScreen"
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "CheckInScreen"
    order = list(app.store.meeting_in_progress(set_id).checkin_order)
    await pilot.press("space")
    for _ in order:
        clock.advance(60)
        await pilot.press("ctrl+n")
        await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "BidScreen"
    present = app.store.meeting_in_progress(set_id).present
    await type_into(pilot, f"#title-{present.index(member)}", title)
    await pilot.press("tab", "4")
    if minutes is not None:
        await pilot.press("tab", *str(minutes))
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "SelectionScreen"
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "IssueSessionScreen"
    bank = app.screen.ctx.bank
    await pilot.press("ctrl+n")
    await pilot.pause()
    chosen: dict[str, str] = {}
    seen: list[str] = []
    while name(app) == "StageScreen":
        screen = app.screen
        stage = screen.stage
        seen.append(stage.id)
        if stage.rules.presenter_listens:
            listens = screen.query_one("#stage-listens").render()
            assert f"{member.upper()} LISTENS — TURNED AWAY" in str(listens)
        if stage.methods:
            index = len(chosen) % len(stage.methods) + 1  # not the first: prove the keys moved
            chosen[stage.id] = await choose_method(pilot, index)
            assert chosen[stage.id] == stage.methods[index].name
            assert screen.query_one("#method-card").has_class("-chosen")
        clock.advance(STEP)
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert seen == [s.id for s in bank.stages]
    assert name(app) == "ActionScreen"
    await type_into(pilot, ".what", action)
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "ProcessReviewScreen"
    await pilot.press(*"Good")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "SummaryScreen"
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert name(app) == "HomeScreen"
    return chosen


@pytest.mark.parametrize("bank_id", BANK_IDS)
async def test_whole_meeting_in_each_format(bank_id, db_path):
    bank = find_bank(bank_id)
    n = group_for(bank_id)
    with Store(db_path) as store:
        make_set(store, n, bank=bank_id)
    clock = FakeClock(0.0)
    app = make_app(db_path, clock)
    wanted = bank.stage_minutes + ACTIONS_MINUTES  # what the format needs for one presenter
    async with app.run_test(size=(100, 30)) as pilot:
        chosen = await run_format_meeting(app, pilot, clock, ("Ben", "Rota gaps", wanted), "Ask HR about a pool")
    with Store(db_path) as store:
        (m,) = store.meetings("set1")
        assert m.status == model.FINISHED and m.phase == "summary"
        (s,) = m.sessions
        assert s.presenter == "Ben" and s.allotted_minutes == wanted and s.actions_done
        assert [r.stage_id for r in s.stages] == [st.id for st in bank.stages]
        assert all(r.planned_seconds > 0 for r in s.stages)
        assert sum(r.planned_seconds for r in s.stages) == 60.0 * (s.allotted_minutes - ACTIONS_MINUTES)
        assert [r.planned_seconds for r in s.stages] == [60.0 * st.minutes for st in bank.stages]
        assert all(r.actual_seconds == STEP and not r.skipped for r in s.stages)
        for r, st in zip(s.stages, bank.stages):
            if st.methods:
                assert r.method == chosen[st.id] and r.method in {x.name for x in st.methods}
            else:
                assert r.method == ""
        assert [a.text for a in store.actions("set1")] == ["Ask HR about a pool"]
    if bank_id == "kollegiale":
        assert chosen == {"method": "Hypotheses"}


async def test_newcomer_creates_a_troika_set_and_runs_a_meeting(db_path):
    """No other set-up: a new set of three on "Troika consulting" (format chosen by keys on the
    Select), the meeting length it suggests and the default bid minutes, run end to end."""
    clock = FakeClock(0.0)
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert name(app) == "SetSetupScreen"
        await type_into(pilot, "#name", "Three of us")
        await type_into(pilot, "#members", "Asha")
        await pilot.press("enter", *"Ben", "enter", *"Carys")
        app.screen.query_one("#bank").focus()
        await pilot.pause()
        ids = [b.id for b in shipped_banks()]
        await pilot.press("enter", *(["down"] * ids.index("troika")), "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert name(app) == "HomeScreen"
        (alset,) = app.store.sets()
        assert alset.bank == "troika" and alset.active_members == ["Asha", "Ben", "Carys"]
        chosen = await run_format_meeting(
            app, pilot, clock, ("Asha", "Rota gaps", None), "Call the sponsor", set_id=alset.id
        )
    assert chosen == {}
    with Store(db_path) as store:
        (m,) = store.meetings(alset.id)
        assert m.status == model.FINISHED
        (s,) = m.sessions
        minutes = [r.planned_seconds / 60 for r in s.stages]
        assert [r.stage_id for r in s.stages] == ["challenge", "clarify", "consult", "value"]
        assert s.allotted_minutes == 16  # the default bid: the format's own length, 11 + actions
        assert minutes == [2, 2, 5, 2]  # Troika's own recipe
        assert minutes[2] == max(minutes)  # talking it through stays the longest stage


# --------------------------------------------------------------------------- live coaching


@pytest.mark.parametrize(("bank_id", "stage_id", "flagged"), [
    ("troika", "consult", False),  # suggestions welcome: not a fault
    ("intervision", "advice", False),
    ("troika", "clarify", True),  # questions only: advice is flagged
])
async def test_coaching_respects_advice_allowed(bank_id, stage_id, flagged, db_path):
    with Store(db_path) as store:
        alset = make_set(store, group_for(bank_id), bank=bank_id)
        meeting_at(store, alset, "session")
    clock = FakeClock(0.0)
    app = make_app(db_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        while app.screen.stage.id != stage_id:
            await pilot.press("ctrl+n")
            await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*[("space" if c == " " else c) for c in "Have you tried asking HR?"], "enter")
        await pilot.pause()
        (q,) = app.screen.session.questions
        assert q.text == "Have you tried asking HR?"
        assert (q.kind == "advice") is flagged
        harvest = str(app.screen.query_one("#harvest").render())
        assert ("⚑" in harvest) is flagged


@pytest.mark.parametrize("own_length", [None, "90"])
async def test_choosing_a_format_makes_its_typical_length_the_meeting_length(db_path, own_length):
    """Kollegiale Beratung typically takes 50 minutes, but the form kept 150 for it. Now it offers 90
    for four members: one 50-minute consultation (its stages and the actions step) with the opening,
    check-in, bids and review around it. A length the person typed themselves is kept."""
    app = make_app(db_path, FakeClock(0.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "#name", "Consultants")
        await type_into(pilot, "#members", "Asha")
        await pilot.press("enter", *"Ben", "enter", *"Carys", "enter", *"Dev")
        if own_length:
            app.screen.query_one("#minutes").value = ""
            await type_into(pilot, "#minutes", own_length)
        app.screen.query_one("#bank").focus()
        await pilot.pause()
        ids = [b.id for b in shipped_banks()]
        await pilot.press("enter", *(["down"] * ids.index("kollegiale")), "enter")
        await pilot.pause()
        assert app.screen.query_one("#minutes").value == (own_length or "90")
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Store(db_path) as store:
        (alset,) = store.sets()
    assert alset.bank == "kollegiale" and alset.meeting_minutes == int(own_length or 90)


@pytest.mark.parametrize("bank_id", ["classic", "kollegiale"])
async def test_the_opening_reads_the_ground_rules_of_the_format(db_path, bank_id):
    """A Kollegiale Beratung set was asked to read "Questions, not advice" aloud, then welcomed
    suggestions in its consultation."""
    from tests.helpers import app_at, open_meeting

    app = app_at(db_path, "opening", bank=bank_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        rules = [str(w.render()) for w in app.screen.query(".rule")]
    assert len(rules) == 3 and rules[0].endswith("Confidentiality: what is said here stays here.")
    if bank_id == "classic":
        assert rules[1] == "2. Questions, not advice."
    else:
        assert "not advice" not in rules[1] and "in “Consultation” the set offers ideas" in rules[1]
