"""The meeting flow and the fairness maths (pure core)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from als_tui.clock import FakeClock
from als_tui.flow import (
    ACTIONS_MINUTES,
    DEFAULT_STAGES,
    MIN_SESSION_MINUTES,
    PHASE_ORDER,
    FlowError,
    MeetingFlow,
    StageSpec,
    apply_action_updates,
    checkin_order,
    next_meeting_date,
    next_phase,
    open_actions,
    prev_phase,
    scale_stages,
    split_time,
    suggest_presenters,
    suggest_rota,
    time_budget,
)
from als_tui.model import (
    APOLOGIES,
    FINISHED,
    IN_PROGRESS,
    PHASES,
    PRESENT,
    Action,
    ActionUpdate,
    ALSet,
    Bid,
    CheckIn,
    IssueSession,
    Meeting,
    Member,
)

FIVE = ["Ann", "Ben", "Cat", "Dev", "Eve"]


def past(date: str, facilitator: str = "", order=(), presenters=(), status=FINISHED) -> Meeting:
    return Meeting(
        set_id="s",
        date=date,
        facilitator=facilitator,
        checkin_order=list(order),
        sessions=[IssueSession(presenter=p) for p in presenters],
        status=status,
    )


# -- phases ------------------------------------------------------------------------------------
def test_phase_order_matches_model():
    assert PHASE_ORDER == PHASES


def test_next_prev_phase():
    assert next_phase("opening") == "checkin"
    assert next_phase("review") == "summary"
    assert next_phase("summary") == "summary"
    assert prev_phase("checkin") == "opening"
    assert prev_phase("opening") == "opening"
    for a, b in zip(PHASE_ORDER, PHASE_ORDER[1:]):
        assert next_phase(a) == b and prev_phase(b) == a
    with pytest.raises(ValueError):
        next_phase("lunch")


# -- rota --------------------------------------------------------------------------------------
def test_rota_empty_history_first_member_facilitates():
    assert suggest_rota(FIVE, []) == ("Ann", "Ben")


def test_rota_rotates_across_three_meetings():
    history: list[Meeting] = []
    seen = []
    for date in ("2024-01-10", "2024-02-07", "2024-03-06"):
        fac, tk = suggest_rota(FIVE, history)
        seen.append((fac, tk))
        history.append(past(date, fac))
    assert seen == [("Ann", "Ben"), ("Ben", "Cat"), ("Cat", "Dev")]


def test_rota_wraps_round():
    assert suggest_rota(FIVE, [past("2024-01-01", "Eve")]) == ("Ann", "Ben")


def test_rota_uses_newest_finished_meeting_regardless_of_list_order():
    history = [
        past("2024-03-01", "Cat"),
        past("2024-01-01", "Ann"),
        past("2024-04-01", "Eve", status=IN_PROGRESS),  # today's meeting: ignored
    ]
    assert suggest_rota(FIVE, history) == ("Dev", "Eve")


def test_rota_skips_missing_members():
    roster = FIVE
    present = ["Ann", "Dev", "Eve"]  # Ben and Cat absent
    assert suggest_rota(present, [past("2024-01-01", "Ann")], roster=roster) == ("Dev", "Eve")
    # the last facilitator is absent today: the rota still continues after them
    assert suggest_rota(["Ann", "Cat", "Eve"], [past("2024-01-01", "Ben")], roster=roster) == (
        "Cat",
        "Eve",
    )
    # without the roster, an absent last facilitator falls back to the meeting before
    history = [past("2024-01-01", "Ann"), past("2024-02-01", "Ben")]
    assert suggest_rota(["Ann", "Cat", "Eve"], history) == ("Cat", "Eve")


def test_rota_one_and_two_members():
    assert suggest_rota(["Ann"], []) == ("Ann", "Ann")
    assert suggest_rota(["Ann"], [past("2024-01-01", "Ann")]) == ("Ann", "Ann")
    assert suggest_rota(["Ann", "Ben"], []) == ("Ann", "Ben")
    assert suggest_rota(["Ann", "Ben"], [past("2024-01-01", "Ann")]) == ("Ben", "Ann")


def test_rota_nobody_present():
    assert suggest_rota([], [past("2024-01-01", "Ann")]) == ("", "")


def test_rota_never_same_person_with_twelve():
    twelve = [f"M{i:02d}" for i in range(12)]
    history: list[Meeting] = []
    facilitators = []
    for month in range(1, 13):
        fac, tk = suggest_rota(twelve, history)
        assert fac != tk
        facilitators.append(fac)
        history.append(past(f"2024-{month:02d}-01", fac))
    assert facilitators == twelve  # everyone once in twelve meetings


# -- check-in order ----------------------------------------------------------------------------
def test_checkin_order_first_time_is_given_order():
    assert checkin_order(FIVE, []) == FIVE


def test_checkin_order_rotates():
    history: list[Meeting] = []
    firsts = []
    for month in (1, 2, 3):
        order = checkin_order(FIVE, history)
        assert sorted(order) == sorted(FIVE)
        firsts.append(order[0])
        history.append(past(f"2024-0{month}-01", order=order))
    assert firsts == ["Ann", "Ben", "Cat"]
    assert checkin_order(FIVE, history) == ["Dev", "Eve", "Ann", "Ben", "Cat"]


def test_checkin_order_last_first_absent():
    history = [past("2024-01-01", order=["Ben", "Cat", "Ann"])]
    assert checkin_order(["Ann", "Cat", "Dev"], history, roster=FIVE) == ["Cat", "Dev", "Ann"]
    assert checkin_order(["Ann", "Dev"], history, roster=FIVE) == ["Dev", "Ann"]


def test_checkin_order_uses_recorded_checkins_when_no_order():
    m = past("2024-01-01")
    m.checkins = [CheckIn("Cat"), CheckIn("Ann")]
    assert checkin_order(FIVE, [m])[0] == "Dev"


def test_checkin_order_shuffle_deterministic():
    a = checkin_order(FIVE, [], rng=random.Random(42), shuffle=True)
    b = checkin_order(FIVE, [], rng=random.Random(42), shuffle=True)
    assert a == b and sorted(a) == sorted(FIVE)
    orders = {tuple(checkin_order(FIVE, [], rng=random.Random(s), shuffle=True)) for s in range(20)}
    assert len(orders) > 1


def test_checkin_order_shuffle_avoids_same_first():
    history = [past("2024-01-01", order=["Cat", "Ann"])]
    for seed in range(50):
        order = checkin_order(FIVE, history, rng=random.Random(seed), shuffle=True)
        assert order[0] != "Cat" and sorted(order) == sorted(FIVE)


def test_checkin_order_edge_sizes():
    assert checkin_order([], []) == []
    assert checkin_order(["Ann"], [past("2024-01-01", order=["Ann"])]) == ["Ann"]
    assert checkin_order(["Ann"], [], rng=random.Random(1), shuffle=True) == ["Ann"]


# -- presenter selection -----------------------------------------------------------------------
def test_suggest_presenters_no_bids():
    assert suggest_presenters([], []) == []
    nothing = [Bid("Ann", nothing_today=True), Bid("Ben", title="   ")]
    assert suggest_presenters(nothing, []) == []


def test_suggest_presenters_by_urgency():
    bids = [Bid("Ann", "a", urgency=2), Bid("Ben", "b", urgency=5), Bid("Cat", "c", urgency=4)]
    assert suggest_presenters(bids, []) == ["Ben", "Cat"]
    assert suggest_presenters(bids, [], max_presenters=1) == ["Ben"]


def test_suggest_presenters_recency_tiebreak():
    bids = [Bid("Ann", "a"), Bid("Ben", "b"), Bid("Cat", "c")]
    history = [
        past("2024-01-01", presenters=["Ben"]),
        past("2024-02-01", presenters=["Ann"]),
    ]
    # Cat never presented; Ben presented longer ago than Ann
    assert suggest_presenters(bids, history, max_presenters=3) == ["Cat", "Ben", "Ann"]


def test_suggest_presenters_count_then_bid_order():
    bids = [Bid("Ann", "a"), Bid("Ben", "b"), Bid("Cat", "c")]
    history = [
        past("2024-01-01", presenters=["Ann"]),
        past("2024-02-01", presenters=["Ann", "Ben"]),
        past("2024-02-01", presenters=["Cat"]),
    ]
    # Ben and Cat and Ann last presented 2024-02-01; Ann has 2 presentations
    assert suggest_presenters(bids, history, max_presenters=3) == ["Ben", "Cat", "Ann"]


def test_suggest_presenters_time_limited():
    bids = [Bid("Ann", "a", urgency=4), Bid("Ben", "b", urgency=3)]
    assert suggest_presenters(bids, [], available_minutes=2 * MIN_SESSION_MINUTES) == ["Ann", "Ben"]
    assert suggest_presenters(bids, [], available_minutes=2 * MIN_SESSION_MINUTES - 1) == ["Ann"]
    assert suggest_presenters(bids, [], available_minutes=5) == ["Ann"]
    assert suggest_presenters(bids, [], available_minutes=0) == []


def test_suggest_presenters_all_bid():
    bids = [Bid(n, f"issue of {n}") for n in FIVE]
    assert suggest_presenters(bids, [], available_minutes=100) == ["Ann", "Ben"]
    assert suggest_presenters(bids, [], max_presenters=5, available_minutes=100) == FIVE


def test_suggest_presenters_last_bid_of_member_wins():
    bids = [Bid("Ann", "a", urgency=5), Bid("Ben", "b"), Bid("Ann", nothing_today=True)]
    assert suggest_presenters(bids, []) == ["Ben"]


# -- time --------------------------------------------------------------------------------------
def test_time_budget():
    assert time_budget(150, 5, 3) == 150 - 5 - 15 - 5 - 10 - 5
    assert time_budget(150, 0, 3) == 125
    assert time_budget(60, 12, 3) == 0  # never negative
    assert time_budget(120, 6, 2, opening=2, bids=3, review=5, close=2) == 96


def test_split_time_fits():
    assert split_time(100, ["Ann", "Ben"], {"Ann": 30, "Ben": 45}) == {"Ann": 30, "Ben": 45}


def test_split_time_over_is_proportional_and_exact():
    got = split_time(60, ["Ann", "Ben"], {"Ann": 30, "Ben": 60})
    assert got == {"Ann": 20, "Ben": 40}
    assert sum(got.values()) == 60


def test_split_time_floor_protects_small_wish():
    got = split_time(60, ["Ann", "Ben"], {"Ann": 10, "Ben": 200})
    # Ann's proportional share would be 2.9; the floor is min(wish 10, 60/2*0.5 = 15) = 10
    assert got == {"Ann": 10, "Ben": 50}
    got = split_time(60, ["Ann", "Ben"], {"Ann": 20, "Ben": 200})
    assert got == {"Ann": 15, "Ben": 45}


def test_split_time_many():
    people = [f"M{i}" for i in range(7)]
    wanted = {p: 10 + 10 * i for i, p in enumerate(people)}
    got = split_time(95, people, wanted)
    assert sum(got.values()) == 95
    assert all(v >= 1 for v in got.values())
    assert all(got[p] <= wanted[p] for p in people)
    assert all(got[p] >= int(95 / 7 * 0.5) for p in people)
    assert [got[p] for p in people] == sorted(got[p] for p in people)


def test_split_time_edges():
    assert split_time(60, [], {}) == {}
    assert split_time(60, ["Ann", "Ben"], {}) == {"Ann": 30, "Ben": 30}
    assert split_time(2, ["Ann", "Ben", "Cat"], {"Ann": 30}) == {"Ann": 1, "Ben": 1, "Cat": 1}
    assert split_time(0, ["Ann"], {"Ann": 30}) == {"Ann": 1}


@given(
    st.integers(min_value=0, max_value=400),
    st.lists(st.integers(min_value=0, max_value=120), min_size=1, max_size=8),
)
def test_split_time_properties(available, wishes):
    people = [f"P{i}" for i in range(len(wishes))]
    got = split_time(available, people, dict(zip(people, wishes)))
    assert set(got) == set(people)
    assert all(v >= 1 for v in got.values())
    if available >= len(people):
        assert sum(got.values()) <= available


def test_scale_stages_examples():
    assert scale_stages([10, 10, 10, 10, 10], 50) == [10, 10, 10, 10, 10]
    assert scale_stages([10, 10, 10, 10, 10], 25) == [5, 5, 5, 5, 5]
    assert scale_stages([10, 15, 15, 15, 10], 30) == [5, 7, 7, 7, 4]
    assert scale_stages([1, 100], 10) == [1, 9]
    assert scale_stages([5, 5, 5], 2) == [1, 1, 1]
    assert scale_stages([], 30) == []
    assert scale_stages([0, 0], 7) in ([4, 3], [3, 4])


@given(
    st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=10),
    st.integers(min_value=0, max_value=600),
)
def test_scale_stages_properties(stages, allotted):
    got = scale_stages(stages, allotted)
    assert len(got) == len(stages)
    assert all(m >= 1 for m in got)
    if allotted >= len(stages):
        assert sum(got) == allotted
    else:
        assert got == [1] * len(stages)
    # monotone: a longer bank stage never gets fewer minutes than a shorter one
    for i in range(len(stages)):
        for j in range(len(stages)):
            if stages[i] > stages[j]:
                assert got[i] >= got[j]


@given(st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=10))
def test_scale_stages_identity_and_quota(stages):
    assert scale_stages(stages, sum(stages)) == stages
    double = scale_stages(stages, 2 * sum(stages))
    assert double == [2 * s for s in stages]


@given(
    st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=8),
    st.integers(min_value=1, max_value=300),
)
def test_scale_stages_within_one_of_quota(stages, allotted):
    got = scale_stages(stages, allotted)
    total = sum(stages)
    if all(allotted * s / total >= 1 for s in stages):
        for s, g in zip(stages, got):
            assert abs(g - allotted * s / total) < 1


# -- actions and dates -------------------------------------------------------------------------
def test_open_actions_and_updates():
    actions = [
        Action("s", "Ann", "later", created="2024-03-01"),
        Action("s", "Ann", "earlier", created="2024-01-01", status="partly"),
        Action("s", "Ann", "done", created="2023-12-01", status="done"),
        Action("s", "Ben", "not mine", created="2023-01-01"),
        Action("s", "Ann", "not done", created="2024-02-01", status="not_done"),
    ]
    assert [a.text for a in open_actions(actions, "Ann")] == ["earlier", "not done", "later"]
    assert open_actions(actions, "Zed") == []
    changed = apply_action_updates(
        actions, [ActionUpdate(actions[0].id, "done", "went well"), ActionUpdate("nope", "done")],
        meeting_id="m1", when="2024-04-01",
    )
    assert changed == [actions[0]]
    assert actions[0].status == "done" and actions[0].history[-1].meeting_id == "m1"


def test_next_meeting_date():
    assert next_meeting_date("2024-01-10", 4) == "2024-02-07"
    assert next_meeting_date("2024-12-20", 2) == "2025-01-03"
    assert next_meeting_date("2024-01-10", 0) == "2024-01-17"


# -- MeetingFlow -------------------------------------------------------------------------------
def make_flow(names=FIVE, **kw) -> tuple[MeetingFlow, Meeting, ALSet, FakeClock]:
    alset = ALSet("Set", members=[Member(n) for n in names], checkin_minutes=3)
    meeting = Meeting(set_id=alset.id, date="2024-05-01", planned_minutes=150)
    clock = FakeClock()
    return MeetingFlow(meeting, alset, now=clock, **kw), meeting, alset, clock


def test_whole_meeting_five_members_two_presenters():
    flow, m, alset, clock = make_flow()
    # opening
    for name in FIVE:
        flow.set_attendance(name, PRESENT)
    flow.set_attendance("Eve", APOLOGIES)
    assert flow.present == ["Ann", "Ben", "Cat", "Dev"]
    fac, tk = suggest_rota(flow.present, [], roster=alset.active_members)
    flow.set_roles(fac, tk)
    # check-in
    flow.begin_checkin(checkin_order(flow.present, []))
    assert m.phase == "checkin" and m.checkin_index == 0
    assert flow.current_checkin_member == "Ann"
    flow.record_checkin("Ann", "fine", [], seconds=150)
    assert flow.current_checkin_member == "Ben"
    flow.skip_checkin("Ben")  # not ready yet: goes to the end
    assert m.checkin_order == ["Ann", "Cat", "Dev", "Ben"]
    assert flow.current_checkin_member == "Cat"
    flow.record_checkin("Cat", "tired", seconds=170)
    flow.record_checkin("Dev", "busy", seconds=200)
    assert not flow.checkins_complete
    assert flow.current_checkin_member == "Ben"  # comes back
    flow.record_checkin("Ben", "ok now", seconds=120)
    assert flow.checkins_complete and flow.current_checkin_member is None
    flow.finish_checkin()
    # bids
    assert m.phase == "bids" and not flow.bids_complete
    flow.record_bid(Bid("Ann", "Team conflict", urgency=4, minutes=40))
    flow.record_bid(Bid("Ben", "", nothing_today=True))
    flow.record_bid(Bid("Cat", "New role", urgency=3, minutes=30))
    flow.record_bid(Bid("Dev", "Budget", urgency=2, minutes=30))
    flow.record_bid(Bid("Cat", "New role, again", urgency=5, minutes=35))  # replaces
    assert [b.member for b in m.bids] == ["Ann", "Ben", "Cat", "Dev"]
    assert flow.bids_complete
    flow.finish_bids()
    # selection
    available = flow.available_minutes
    assert available == 150 - 5 - 12 - 5 - 10 - 5
    chosen = suggest_presenters(m.bids, [], available_minutes=available)
    assert chosen == ["Cat", "Ann"]
    split = split_time(available, chosen, {b.member: b.minutes for b in m.bids})
    assert split == {"Cat": 35, "Ann": 40}
    flow.select(chosen, split)
    assert m.phase == "session" and len(m.sessions) == 2
    s1 = flow.current_session
    assert s1.presenter == "Cat" and s1.title == "New role, again"
    assert sum(r.planned_seconds for r in s1.stages) == 60 * (35 - ACTIONS_MINUTES)
    assert [r.stage_id for r in s1.stages] == [s.id for s in DEFAULT_STAGES]
    # first session: run every stage with the clock
    for i, stage in enumerate(list(s1.stages)):
        clk = flow.stage_clock()
        assert clk.planned == stage.planned_seconds
        clk.start()
        clock.advance(stage.planned_seconds + 30 * i)
        flow.save_clock(clk)
        assert s1.clock["running"] is True
        flow.advance_stage(clk.elapsed, 0)
    assert flow.in_actions and flow.current_stage is None
    with pytest.raises(FlowError):
        flow.advance_stage(10)
    flow.back_stage()
    assert flow.current_stage is s1.stages[-1]
    flow.advance_stage(15)  # a second visit adds up
    assert s1.stages[-1].actual_seconds == s1.stages[-1].planned_seconds + 120 + 15
    flow.finish_session()
    assert s1.actions_done
    # second session: skip reflect, extend reframe, presenter leaves early
    s2 = flow.current_session
    assert s2.presenter == "Ann" and m.phase == "session"
    flow.advance_stage(600)
    flow.advance_stage(400)
    flow.advance_stage(0, skipped=True)
    flow.advance_stage(500, extended_seconds=120)
    flow.presenter_left_early()
    assert s2.left_early and flow.in_actions
    assert s2.stages[-1].skipped and s2.stages[2].skipped
    flow.finish_session()
    assert m.phase == "review" and flow.current_session is None
    # review and close
    flow.record_review({"what": "good questions", "how": "kept time"}, "start on time")
    nxt = next_meeting_date(m.date, alset.cadence_weeks)
    flow.finish(nxt, when="2024-05-01T12:30")
    assert m.phase == "summary" and m.status == FINISHED and m.next_meeting == "2024-05-29"
    actions = [Action(alset.id, "Cat", "Talk to boss", meeting_id=m.id, due="2024-05-15")]
    summary = flow.summary(actions)
    assert summary["present"] == ["Ann", "Ben", "Cat", "Dev"]
    assert summary["apologies"] == ["Eve"]
    assert (summary["facilitator"], summary["timekeeper"]) == ("Ann", "Ben")
    assert [(s["presenter"], s["title"]) for s in summary["sessions"]] == [
        ("Cat", "New role, again"),
        ("Ann", "Team conflict"),
    ]
    assert summary["sessions"][0]["planned_minutes"] == 30.0
    assert summary["sessions"][1]["actual_minutes"] == 25.0
    assert summary["sessions"][1]["left_early"] is True
    assert summary["sessions"][1]["stages"][3]["extended_minutes"] == 2.0
    assert summary["planned_session_minutes"] == 75
    assert summary["checkin_minutes"] == 10.7
    assert summary["actions"][0]["text"] == "Talk to boss"
    assert summary["next_meeting"] == "2024-05-29"
    assert summary["review"]["change"] == "start on time"
    # and the meeting survives a round trip through the store format
    assert Meeting.from_dict(m.to_dict()) == m


def test_nobody_bids_goes_straight_to_review():
    flow, m, _, _ = make_flow()
    for name in FIVE:
        flow.set_attendance(name, PRESENT)
    flow.begin_checkin()
    flow.finish_checkin()
    for name in FIVE:
        flow.record_bid(Bid(name, nothing_today=True))
    flow.finish_bids()
    flow.select(suggest_presenters(m.bids, []), {})
    assert m.phase == "review" and m.sessions == []
    assert flow.current_session is None
    with pytest.raises(FlowError):
        flow.advance_stage(1)
    flow.finish()
    assert flow.summary()["sessions"] == []


def test_reopening_the_bids_clears_the_empty_rows_and_keeps_the_issues():
    flow, m, _, _ = make_flow()
    for name in FIVE:
        flow.set_attendance(name, PRESENT)
    flow.begin_checkin()
    flow.finish_checkin()
    flow.record_bid(Bid(FIVE[0], "Rota gaps", 4, 30))
    for name in FIVE[1:]:
        flow.record_bid(Bid(name, nothing_today=True))
    flow.finish_bids()
    flow.reopen_bids()
    assert m.phase == "bids"
    assert [(b.member, b.title) for b in m.bids] == [(FIVE[0], "Rota gaps")]
    assert m.bid_for(FIVE[1]) is None  # open again, as if not yet asked


def test_zero_present():
    flow, m, _, _ = make_flow()
    for name in FIVE:
        flow.set_attendance(name, APOLOGIES)
    assert flow.present == []
    assert suggest_rota(flow.present, []) == ("", "")
    flow.begin_checkin(checkin_order(flow.present, []))
    assert flow.checkins_complete and flow.current_checkin_member is None
    assert flow.bids_complete
    flow.select([])
    flow.finish()
    summary = flow.summary()
    assert summary["present"] == [] and summary["apologies"] == FIVE


def test_two_member_set():
    flow, m, alset, _ = make_flow(["Ann", "Ben"])
    for name in ("Ann", "Ben"):
        flow.set_attendance(name, PRESENT)
    assert suggest_rota(flow.present, []) == ("Ann", "Ben")
    flow.begin_checkin()
    flow.record_checkin("Ann")
    flow.record_checkin("Ben")
    assert flow.checkins_complete
    assert time_budget(m.planned_minutes, 2, alset.checkin_minutes) == 119


def test_twelve_members_budget_and_queue():
    names = [f"M{i:02d}" for i in range(12)]
    flow, m, _, _ = make_flow(names)
    m.planned_minutes = 60
    for name in names:
        flow.set_attendance(name, PRESENT)
    assert flow.available_minutes == 0
    flow.begin_checkin()
    for name in names:
        assert flow.current_checkin_member == name
        flow.record_checkin(name)
    assert flow.checkins_complete
    bids = [Bid(n, "x") for n in names]
    assert suggest_presenters(bids, [], available_minutes=flow.available_minutes) == []


def test_checkin_queue_edges():
    flow, m, _, _ = make_flow()
    for name in ["Ann", "Ben", "Cat"]:
        flow.set_attendance(name, PRESENT)
    flow.begin_checkin()
    flow.goto_checkin("Cat")  # out of turn
    flow.record_checkin("Cat")
    assert flow.current_checkin_member == "Ann"  # wraps to who was passed over
    flow.set_attendance("Dev", PRESENT)  # late arrival joins the end
    assert m.checkin_order[-1] == "Dev"
    flow.set_attendance("Ann", APOLOGIES)  # leaves before their turn
    assert "Ann" not in m.checkin_order
    assert flow.current_checkin_member == "Ben"
    flow.skip_checkin("Ben")
    assert flow.current_checkin_member == "Dev"
    flow.skip_checkin("Dev")
    assert flow.current_checkin_member == "Ben"
    flow.record_checkin("Ben")
    flow.skip_checkin("Dev")  # the only one left: comes straight back
    assert flow.current_checkin_member == "Dev"
    assert m.checkin_for("Dev").skipped
    flow.record_checkin("Dev", "here", seconds=30)
    assert not m.checkin_for("Dev").skipped
    assert flow.checkins_complete
    assert len(m.checkins) == 3
    flow.goto_checkin("Cat")  # redo
    flow.record_checkin("Cat", "changed")
    assert m.checkin_for("Cat").note == "changed" and len(m.checkins) == 3


def test_attendance_rejects_unknown_state():
    flow, *_ = make_flow()
    with pytest.raises(FlowError):
        flow.set_attendance("Ann", "maybe")


def test_stage_clock_restored_paused_from_session():
    flow, m, _, clock = make_flow()
    flow.record_bid(Bid("Ann", "x", minutes=30))
    flow.select(["Ann"])
    clk = flow.stage_clock()
    clk.start()
    clock.advance(90)
    flow.save_clock(clk)
    # crash; a fresh flow over the saved meeting
    flow2 = MeetingFlow(Meeting.from_dict(m.to_dict()), flow.alset, now=clock)
    clock.advance(1000)
    back = flow2.stage_clock()
    assert back.state == "paused" and back.elapsed == 90


def test_custom_stages_and_short_allotment():
    specs = [StageSpec("a", "A", 5), ("b", "B", 15)]
    flow, m, _, _ = make_flow(stages=specs)
    flow.select(["Ann"], {"Ann": 6})  # too short to keep back actions time
    assert [r.planned_seconds for r in m.sessions[0].stages] == [60.0, 300.0]
    assert [r.stage_id for r in m.sessions[0].stages] == ["a", "b"]
    flow2, m2, _, _ = make_flow(stage_minutes=[1, 1, 1])
    flow2.select(["Ann"], {"Ann": 8})
    assert [r.stage_id for r in m2.sessions[0].stages] == ["stage1", "stage2", "stage3"]
    assert sum(r.planned_seconds for r in m2.sessions[0].stages) == 60 * 3


def test_finish_session_early_skips_rest_and_back_stage_at_start():
    flow, m, _, _ = make_flow()
    flow.select(["Ann", "Ben"], {"Ann": 30, "Ben": 30})
    flow.back_stage()  # no-op at the first stage
    assert m.sessions[0].current_stage == 0
    flow.advance_stage(100)
    flow.finish_session()
    assert [r.skipped for r in m.sessions[0].stages] == [False, True, True, True, True]
    assert flow.current_session.presenter == "Ben"


def test_phase_navigation():
    flow, m, _, _ = make_flow()
    assert flow.advance_phase() == "checkin"
    assert flow.back_phase() == "opening"
    flow.goto_phase("review")
    assert flow.phase == "review"
    with pytest.raises(FlowError):
        flow.goto_phase("lunch")


def test_suggested_meeting_minutes_leave_room_for_one_session_of_the_format():
    from als_tui.flow import suggested_meeting_minutes

    # Kollegiale Beratung, four members: 50 typical, but opening 5 + check-in 12 + bids 5 + review 10
    # + close 5 leave 13 of 50; one consultation (45 + 5 for actions) needs 37 + 50 = 87 -> 90
    assert suggested_meeting_minutes(50, 50, 4, 3) == 90
    assert suggested_meeting_minutes(150, 65, 6, 3) == 150  # the classic length has room already
