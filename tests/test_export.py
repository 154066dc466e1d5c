"""Unit tests of the Markdown minutes (als_tui.export): content, escaping, confidentiality."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from als_tui.export import CONFIDENTIAL_TITLE, long_date, md_inline, minutes_markdown, scrub_confidential
from als_tui.flow import MeetingFlow
from als_tui.model import (
    APOLOGIES,
    PRESENT,
    Action,
    ALSet,
    Bid,
    HarvestedQuestion,
    Meeting,
    Member,
)

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def rendered_text(markdown: str) -> str:
    """The visible text of *markdown*, as a Markdown viewer would show it (tags stripped)."""
    html = MD.render(markdown)
    text = re.sub(r"<[^>]+>", "", html)
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def make(names=("Asha", "Ben", "Carys", "Dev"), confidential=False, title="Rota gaps", finished=True):
    alset = ALSet(name="Ward managers", members=[Member(n) for n in names], id="s1", confidential=confidential)
    m = Meeting(set_id="s1", date="2026-03-10", id="m1")
    flow = MeetingFlow(m, alset)
    for n in names:
        flow.set_attendance(n, PRESENT)
    flow.set_attendance(names[-1], APOLOGIES)
    flow.set_roles(names[0], names[1])
    flow.begin_checkin()
    for n in names[:-1]:
        flow.record_checkin(n, "ok", [], 120)
    flow.finish_checkin()
    flow.record_bid(Bid(names[0], title, 5, 40))
    flow.finish_bids()
    flow.select([names[0]], {names[0]: 40})
    s = m.sessions[0]
    s.title = title  # keep the raw title (record_bid cleans; the test wants exotic text through)
    s.questions = [HarvestedQuestion(names[1], "What would help most?")]
    s.insights = ["I wait for permission I don't need"]
    flow.advance_stage(300)
    flow.advance_stage(420, extended_seconds=120)
    while not flow.in_actions:
        flow.advance_stage(0, skipped=True)
    flow.finish_session()
    flow.record_review({names[0]: "Good pace", names[1]: ""}, "Start on time")
    if finished:
        flow.finish(next_meeting="2026-04-07", when="2026-03-10")
    actions = [
        Action("s1", names[0], "Ask for the rota data", meeting_id="m1", due="2026-04-07",
               report_to=names[1], support="Time with my manager", confidence=4, id="a1"),
        Action("s1", names[0], "Book a room", meeting_id="m1", due="2026-03-20", confidence=2, id="a2"),
        Action("s1", names[1], "From an earlier meeting", meeting_id="m0", id="a0"),
    ]
    return alset, m, actions


def test_minutes_have_everything_a_member_needs():
    alset, m, actions = make()
    md = minutes_markdown(alset, m, actions)
    assert md.startswith("# Ward managers: meeting of Tuesday 10 March 2026\n")
    assert "**Present:** Asha, Ben, Carys" in md
    assert "**Apologies:** Dev" in md
    assert "**Facilitator:** Asha" in md and "**Timekeeper:** Ben" in md
    assert "### Asha: Rota gaps" in md
    assert "40 min allotted: 35 min planned for the stages, 12 min used." in md
    assert "- Presenter's account: 7 min planned, 5 min used" in md
    assert "- Clarifying questions: 6 min planned, 7 min used (+2 min extra)" in md
    assert "- Future action: 6 min planned, skipped" in md
    assert "- Ben: What would help most?" in md
    assert "- I wait for permission I don't need" in md
    assert "- **Ask for the rota data** — by 2026-04-07; report to Ben; support: Time with my manager; confidence 4/5" in md
    assert "- **Book a room** — by 2026-03-20; report to the set; confidence 2/5" in md
    assert "From an earlier meeting" not in md  # only this meeting's actions
    review = md.split("## Process review")[1]
    assert "- Asha: Good pace" in review and "- Ben:" not in review  # empty notes left out
    assert "**Next time we will change:** Start on time" in md
    assert "## Next meeting\n\nTuesday 7 April 2026 (2026-04-07)" in md
    assert "Draft" not in md
    assert md.endswith("\n")


def test_actions_are_grouped_by_member_in_set_order():
    alset, m, actions = make()
    actions.append(Action("s1", "Carys", "Call HR", meeting_id="m1", id="a3"))
    actions.insert(0, Action("s1", "Ben", "Read the policy", meeting_id="m1", id="a4"))
    md = minutes_markdown(alset, m, actions)
    section = md.split("## Actions")[1].split("## Process review")[0]
    assert section.index("**Asha**") < section.index("**Ben**") < section.index("**Carys**")
    assert section.index("Read the policy") > section.index("**Ben**")


def test_draft_and_empty_meeting():
    alset = ALSet(name="Tiny", members=[Member("Asha")], id="s1")
    m = Meeting(set_id="s1", date="2026-03-10", id="m1")
    md = minutes_markdown(alset, m, [])
    assert "*Draft: the meeting is still in progress.*" in md
    assert "Nobody presented at this meeting." in md
    assert "No actions were recorded." in md
    assert "**Present:** —" in md
    assert "Not set yet." in md
    assert "## Process review" not in md


def test_confidential_set_leaves_out_issue_details_but_keeps_actions():
    alset, m, actions = make(confidential=True)
    md = minutes_markdown(alset, m, actions)
    assert "Rota gaps" not in md
    assert f"### Asha: {CONFIDENTIAL_TITLE}" in md
    assert "What would help most" not in md and "permission" not in md
    assert "issue details and questions are not kept" in md
    assert "Ask for the rota data" in md
    assert "Good pace" in md


def test_scrub_confidential():
    alset, m, _ = make(confidential=True)
    scrub_confidential(m)
    scrub_confidential(m)  # idempotent
    assert m.confidential_scrubbed
    assert [s.title for s in m.sessions] == [CONFIDENTIAL_TITLE]
    assert m.sessions[0].questions == [] and m.sessions[0].insights == []
    assert all(b.title == "" for b in m.bids)
    assert m.attendance and m.sessions[0].stages[0].actual_seconds == 300  # timings kept
    # a scrubbed meeting stays confidential in the minutes even if the set setting changes later
    alset.confidential = False
    md = minutes_markdown(alset, m, [])
    assert f"### Asha: {CONFIDENTIAL_TITLE}" in md and "questions are not kept" in md


def test_markdown_special_characters_in_member_text_stay_literal():
    title = "# urgent | [bold]really[/bold] *now* <b>x</b> `code` ~~gone~~ _under_ [link](http://x)"
    alset, m, actions = make(title=title)
    actions[0].text = "- 1. ## Not a heading | nor a cell"
    actions[0].support = "[red]help[/red] & &amp;"
    m.sessions[0].insights = ["---", "==="]
    md = minutes_markdown(alset, m, actions)
    # the heading line is still one heading, whatever the title holds
    heading = next(line for line in md.splitlines() if line.startswith("### Asha"))
    assert heading.startswith("### Asha: \\# urgent \\| \\[bold\\]")
    html = MD.render(md)
    assert "<h3>" in html and "<a " not in html and "<b>" not in html and "<code>" not in html
    assert "<em>" not in html and "<s>" not in html and "<hr" not in html and "<ol" not in html
    text = rendered_text(md)
    assert title in text
    assert "- 1. ## Not a heading | nor a cell" in text
    assert "[red]help[/red] & &amp;" in text
    # one h1, h2 per section, one h3 per presenter: nothing injected
    assert html.count("<h1>") == 1 and html.count("<h3>") == 1


def test_emoji_and_right_to_left_text_pass_through():
    alset, m, actions = make(names=("Zoë", "محمد", "Ben", "Dev"), title="تحسين 🙂 handover")
    actions[0].owner = "محمد"
    md = minutes_markdown(alset, m, actions)
    assert "### Zoë: تحسين 🙂 handover" in md
    assert "**محمد**" in md
    assert "- محمد: What would help most?" in md


def test_control_characters_and_newlines_do_not_break_lines():
    alset, m, actions = make()
    actions[0].text = "Line one\nline two\x1b[31m\ttab"
    m.review.notes["Asha"] = "multi\n\nline note"
    md = minutes_markdown(alset, m, actions)
    assert "**Line one line two\\[31m tab**" in md
    assert "\x1b" not in md
    assert "- Asha: multi line note" in md


def test_md_inline_and_long_date():
    assert md_inline("plain words, stay plain.") == "plain words, stay plain."
    assert md_inline("2026-04-07 -5 degrees") == "2026-04-07 -5 degrees"
    assert md_inline("- item") == "\\- item"
    assert md_inline("+ item") == "\\+ item"
    assert md_inline("3. third") == "3\\. third"
    assert md_inline("a|b") == "a\\|b"
    assert md_inline("  lots   of\n space ") == "lots of space"
    assert long_date("2026-03-10") == "Tuesday 10 March 2026"
    assert long_date("soon") == "soon"


# -- several meetings, CSV, backup (issue 5) -----------------------------------------------------
import csv  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402

import pytest  # noqa: E402

from als_tui.export import (  # noqa: E402
    BACKUP_FORMAT,
    CONFIDENTIAL_NOTE,
    BackupError,
    actions_csv,
    all_minutes_markdown,
    backup_json,
    read_backup,
)
from als_tui.model import SCHEMA_VERSION  # noqa: E402


def _second_meeting(alset, date="2026-04-07", mid="m2"):
    m = Meeting(set_id=alset.id, date=date, id=mid)
    flow = MeetingFlow(m, alset)
    flow.set_attendance("Asha", PRESENT)
    flow.select([], {})
    flow.finish(when=date)
    return m


def test_all_minutes_newest_first_finished_only():
    alset, m1, actions = make()
    m2 = _second_meeting(alset)
    draft = Meeting(set_id="s1", date="2026-05-05", id="m3")
    md = all_minutes_markdown(alset, [m1, draft, m2], actions)
    assert md.index("Tuesday 7 April 2026") < md.index("Tuesday 10 March 2026")
    assert "5 May 2026" not in md and "Draft" not in md
    assert md.count("\n---\n") == 1
    html = MD.render(md)
    assert html.count("<h1>") == 2 and html.count("<hr />") == 1
    assert "Ask for the rota data" in md.split("Tuesday 10 March 2026")[1]  # actions under their meeting
    with_draft = all_minutes_markdown(alset, [m1, draft, m2], actions, include_unfinished=True)
    assert with_draft.index("5 May 2026") < with_draft.index("7 April 2026") and "*Draft" in with_draft


def test_all_minutes_empty_and_confidential():
    alset, m1, actions = make(confidential=True)
    assert all_minutes_markdown(alset, [], []) == (
        f"*{CONFIDENTIAL_NOTE}*\n\n# Ward managers: minutes\n\nNo finished meetings yet.\n"
    )
    md = all_minutes_markdown(alset, [m1], actions)
    assert md.startswith(f"*{CONFIDENTIAL_NOTE}*\n\n# Ward managers: meeting of")
    assert "Rota gaps" not in md and "What would help most" not in md


def test_actions_csv_columns_order_and_safety():
    alset, m1, actions = make()
    m0 = _second_meeting(alset, date="2026-02-10", mid="m0")
    actions[0].text = "=HYPERLINK(\"http://x\")\nsecond line"
    actions[1].status = "not_done"
    text = actions_csv(alset, actions, [m1, m0])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["set", "member", "meeting date", "action", "due", "report to", "status", "support", "confidence",
                       "last reported", "report-back", "meeting that day"]
    assert [r[1] for r in rows[1:]] == ["Ben", "Asha", "Asha"]  # the earlier meeting first
    assert rows[1][2] == "2026-02-10"
    assert rows[2] == ["Ward managers", "Asha", "2026-03-10", "'=HYPERLINK(\"http://x\") second line", "2026-04-07",
                       "Ben", "open", "Time with my manager", "4", "", "", ""]
    assert rows[3][5] == "the set" and rows[3][6] == "not done"
    assert text.count("\r\n") == 4
    secret = ALSet(name="Board", members=[Member("Zed")], id="s2", confidential=True)
    both = list(csv.reader(io.StringIO(actions_csv([alset, secret], actions, [m1]))))
    assert both[0] == [f"{CONFIDENTIAL_NOTE} (Board)"]


def test_actions_csv_tells_two_meetings_on_one_date_apart():
    alset, m1, actions = make()
    m1.started_at = "2026-03-10T14:00:00"
    early = _second_meeting(alset, date="2026-03-10", mid="m0")
    early.started_at = "2026-03-10T09:00:00"
    actions.append(Action(set_id=alset.id, owner="Ben", text="Phone the night team", meeting_id="m0", id="x0"))
    rows = list(csv.reader(io.StringIO(actions_csv(alset, actions, [m1, early]))))
    assert rows[0][-1] == "meeting that day"
    firsts = [r[3] for r in rows[1:] if r[-1] == "1 of 2"]
    assert set(firsts) == {"Phone the night team", "From an earlier meeting"}  # the morning's meeting
    assert [r[-1] for r in rows[1:]] == ["1 of 2"] * 2 + ["2 of 2"] * (len(rows) - 3)  # and it comes first
    assert {r[2] for r in rows[1:]} == {"2026-03-10"}


def test_backup_json_is_stable_and_read_back():
    raw = {"sets": {"2": {"name": "B", "id": "x"}, "10": {"name": "A"}, "1": {"z": 1, "a": 2}},
           "_meta": {"1": {"schema": SCHEMA_VERSION}}, "actions": {}}
    text = backup_json(raw, exported="2026-03-10")
    doc = json.loads(text)
    assert list(doc) == ["format", "schema", "exported", "data"]
    assert doc["format"] == BACKUP_FORMAT and doc["schema"] == SCHEMA_VERSION and doc["exported"] == "2026-03-10"
    assert list(doc["data"]) == ["_meta", "actions", "sets"]  # tables by name
    assert list(doc["data"]["sets"]) == ["1", "2", "10"]  # documents by id
    assert list(doc["data"]["sets"]["1"]) == ["z", "a"]  # a document's own order is kept
    assert text.endswith("}\n") and "\n" not in text[:-1]
    data = read_backup(text)
    assert data == raw
    assert backup_json(data, exported="2026-03-10") == text
    assert read_backup(text.encode("utf-8")) == raw


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "not JSON"),
        ("{", "not JSON"),
        ('{"sets": {}}', "not an als-tui backup"),
        ('"als-tui-backup"', "not an als-tui backup"),
        ('{"format": "als-tui-backup", "schema": 99, "data": {}}', "newer als-tui (data schema 99"),
        ('{"format": "als-tui-backup", "schema": true, "data": {}}', "damaged"),
        ('{"format": "als-tui-backup", "schema": 1, "data": []}', "damaged"),
        ('{"format": "als-tui-backup", "schema": 1, "data": {"sets": {"1": 5}}}', "damaged"),
    ],
)
def test_read_backup_errors_are_one_line(text, message):
    with pytest.raises(BackupError) as exc:
        read_backup(text)
    assert message in str(exc.value) and "\n" not in str(exc.value)
