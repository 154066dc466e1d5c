import pytest

from als_tui import model
from als_tui.model import Action, ALSet, Bid, CheckIn, Meeting, Member, clean_text, parse_members, validate_name


def test_round_trip_nested_meeting():
    m = Meeting(set_id="s", attendance={"A": model.PRESENT, "B": model.APOLOGIES})
    m.checkins.append(model.CheckIn("A", "fine", [model.ActionUpdate("x", model.DONE, "it worked")]))
    m.bids.append(model.Bid("A", "Rota", 4, 30))
    m.sessions.append(model.IssueSession("A", "Rota", stages=[model.StageRun("clarify", "Clarify", 600)]))
    back = Meeting.from_dict(m.to_dict())
    assert back == m
    assert back.present == ["A"]
    assert back.checkins[0].updates[0].status == model.DONE


def test_unknown_keys_are_ignored_and_schema_is_stamped():
    d = ALSet(name="S", members=[Member("A")]).to_dict()
    d["future_field"] = 1
    s = ALSet.from_dict(d)
    assert s.name == "S" and s.members[0].name == "A"
    assert d["schema"] == model.SCHEMA_VERSION


def test_action_status_history():
    a = Action(set_id="s", owner="A", text="Call the sponsor")
    assert a.is_open
    a.set_status(model.PARTLY, "left a message", "m1", when="2026-01-01")
    assert a.is_open and a.history[-1].note == "left a message"
    a.set_status(model.DONE)
    assert not a.is_open


def test_validate_name():
    assert validate_name("") == "A name cannot be empty."
    assert "60" in validate_name("x" * 61)
    assert "control" in validate_name("Ann\x07")
    assert "already used" in validate_name("ann", ["Ann"])
    assert validate_name("Zoë 🙂") is None


def test_parse_members_reports_line():
    names, err = parse_members("Ann\n\nBen\nann\n")
    assert err == "Member line 4: “ann” is already used; names must be unique."
    names, err = parse_members("Ann\nBen\nCat")
    assert err is None and names == ["Ann", "Ben", "Cat"]
    assert parse_members("Solo")[1].startswith("A set needs at least 2")
    assert "at most 12" in parse_members("\n".join(f"P{i}" for i in range(13)))[1]
    assert "Member line 1" in parse_members("x" * 10_000)[1]


def test_update_members_keeps_leavers_inactive():
    s = ALSet(name="S", members=[Member("A"), Member("B")])
    model.update_members(s, ["B", "C"])
    assert s.active_members == ["B", "C"]
    assert [m.name for m in s.members if not m.active] == ["A"]


def test_clean_text():
    assert clean_text("a\x00b\x1b[31mc") == "ab[31mc"
    assert clean_text("one\ntwo", single_line=True) == "one two"
    assert len(clean_text("x" * 10_000)) == model.TEXT_MAX


def test_records_compare_and_print_field_by_field_like_dataclasses():
    a = Bid("Asha", "Rota gaps", 4, 30)
    assert a == Bid("Asha", "Rota gaps", 4, 30)
    assert a != Bid("Asha", "Rota gaps", 5, 30)
    assert a != CheckIn("Asha")  # another kind of record is never equal
    assert (a == "Asha") is False
    assert repr(a) == "Bid(member='Asha', title='Rota gaps', urgency=4, minutes=30, nothing_today=False)"
    with pytest.raises(TypeError):  # mutable records are not hashable (as eq dataclasses)
        hash(a)
    m = Meeting(set_id="s1", id="m1", date="2026-01-05")
    copy = Meeting.from_dict(m.to_dict())
    assert copy == m and copy is not m
    copy.checkins.append(CheckIn("Ben"))
    assert copy != m
