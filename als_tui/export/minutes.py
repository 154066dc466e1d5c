"""Meeting minutes as Markdown. Pure: stdlib + core, no Textual.

The minutes are written to read well twice: rendered (the summary screen shows them with a
``Markdown`` widget) and as plain text pasted into an email. So the structure is headings, short
lines and bullet lists, and no tables.

Everything a member typed goes through :func:`md_inline`: one line, control characters dropped,
and the characters that Markdown would act on escaped, so a title like ``# urgent | [bold]`` shows
literally and cannot break a heading or a list (nor a table, should one be added).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..flow import EarlyReport, MeetingFlow, reports_heard
from ..model import ABANDONED, FINISHED, Action, ALSet, HarvestedQuestion, Meeting, clean_text
from ..store.privacy import CONFIDENTIAL_TITLE

CONFIDENTIAL_NOTE = "Confidential set: issue details and questions are not kept."
MEETING_SEPARATOR = "\n---\n\n"  # a thematic break between meetings; a plain rule in an email


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# Characters with a meaning in (CommonMark + GFM) inline text. Escaped everywhere: cheap, and the
# rare backslash reads fine in an email. "#" is escaped anywhere, not only at the start of a line,
# because a closing run of "#" is stripped from ATX headings.
_ESCAPE = set("\\`*_[]<>|#~")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# at the start of a line (or of a list item's text) these would open a list, a thematic break or
# a setext underline: "- x", "+ x", "---", "===", "1. x", "2) x"
_LINE_START = re.compile(r"^(-(?=[\s-]|$)|\+(?=\s|$)|=+$|\d{1,9}(?=[.)](?:\s|$)))")


def md_inline(text: object, limit: int = 2000) -> str:
    """*text* as one line of literal Markdown text (escaped, whitespace collapsed)."""
    one_line = " ".join(clean_text(str(text), limit, single_line=True).split())
    out = "".join("\\" + ch if ch in _ESCAPE else ch for ch in one_line)
    out = _ENTITY.sub(r"\\&", out)
    match = _LINE_START.match(out)
    if match:
        token = match.group(1)
        out = f"{token}\\{out[len(token):]}" if token.isdigit() else "\\" + out
    return out


def long_date(iso: str) -> str:
    """"Tuesday 10 March 2026" for "2026-03-10"; the text unchanged if it is not an ISO date."""
    try:
        d = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def _minutes(value: float) -> str:
    value = round(float(value), 1)
    return f"{value:g} min"


def _names(names: list[str]) -> str:
    return ", ".join(md_inline(n) for n in names) if names else "—"


def _report_to(who: str) -> str:
    who = who.strip()
    return "the set" if not who or who.casefold() == "the set" else md_inline(who)


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
FLAGGED_KINDS = ("advice", "leading")  # what the coach flags in a harvested question


def same_day_words(nth: int, of: int) -> str:
    """" (second meeting that day)" when more than one meeting shares a date; else ""."""
    if of < 2 or nth < 1:
        return ""
    word = _ORDINALS[nth - 1] if nth <= len(_ORDINALS) else f"number {nth}"
    return f" ({word} meeting that day)"


def _question_line(q: HarvestedQuestion) -> str:
    asker = md_inline(q.asker)
    text = f"{asker}: {md_inline(q.text)}" if asker else md_inline(q.text)
    if q.kind in FLAGGED_KINDS:
        text += f" *(⚑ flagged as {q.kind})*"
    return f"- {text}"


BEFORE_WORDS = "reported before the meeting"


def _report_back(report_back: list[dict], by_id: dict[str, Action]) -> list[str]:
    """The check-in's report-back, member by member in the check-in order: each earlier action,
    what happened to it (done / partly / not done / dropped) and the line of learning said about
    it; what was reported before the meeting (in prep) first, marked so."""
    from ..model import STATUS_LABELS

    out: list[str] = []
    for entry in report_back:
        away = "" if entry["present"] else " (not at the meeting)"
        out.append(f"**{md_inline(entry['member'])}**{away}")
        out.append("")
        for report in entry["reports"]:
            action = by_id.get(report["action_id"])
            what = md_inline(action.text) if action is not None else "an earlier action"
            status = STATUS_LABELS.get(report["status"], md_inline(report["status"]))
            line = f"- {what}: **{status}**"
            if report["note"].strip():
                line += f" — {md_inline(report['note'])}"
            if report["before"]:
                line += f" *({BEFORE_WORDS}, {md_inline(report['date'])})*"
            out.append(line)
        out.append("")
    return out


def _action_line(action: Action) -> str:
    parts = []
    if action.due:
        parts.append(f"by {md_inline(action.due)}")
    parts.append(f"report to {_report_to(action.report_to)}")
    if action.support.strip():
        parts.append(f"support: {md_inline(action.support)}")
    parts.append(f"confidence {action.confidence}/5")
    return f"- **{md_inline(action.text)}** — " + "; ".join(parts)


def minutes_markdown(alset: ALSet, meeting: Meeting, actions: list[Action], *,
                     same_day: tuple[int, int] = (1, 1), before: Sequence[EarlyReport] = ()) -> str:
    """The minutes of *meeting* as Markdown.

    *actions* should be all of the set's actions: those made at this meeting are listed, and the
    earlier ones reported on at its check-in are named in the report-back. *same_day* is
    (n, how many): the meeting is the n-th of that many held by the set on its date, said in the
    heading when there are several. *before*: the report-backs made between meetings that this
    meeting heard (:func:`~als_tui.flow.reports_before`), in the report-back, marked so. In a
    confidential set (or a scrubbed meeting) issue titles, questions and insights are left out.
    """
    mine = [a for a in actions if a.meeting_id == meeting.id]
    return _meeting_minutes(alset, meeting, mine, {a.id: a for a in actions}, same_day, before)


def _meeting_minutes(alset: ALSet, meeting: Meeting, mine: list[Action], by_id: dict[str, Action],
             same_day: tuple[int, int], before: Sequence[EarlyReport] = ()) -> str:
    flow = MeetingFlow(meeting, alset)
    summary = flow.summary(mine, before)
    by_id = {**{r.action.id: r.action for r in before}, **by_id}
    confidential = alset.confidential or meeting.confidential_scrubbed
    out: list[str] = []
    add = out.append

    add(f"# {md_inline(alset.name)}: meeting of {long_date(meeting.date)}{same_day_words(*same_day)}")
    add("")
    if meeting.status == ABANDONED:
        add("*This meeting was closed before it finished.*")
        add("")
    elif meeting.status != FINISHED:
        add("*Draft: the meeting is still in progress.*")
        add("")
    lines = [
        f"**Present:** {_names(summary['present'])}",
        f"**Apologies:** {_names(summary['apologies'])}",
        f"**Facilitator:** {md_inline(meeting.facilitator) or '—'}",
        f"**Timekeeper:** {md_inline(meeting.timekeeper) or '—'}",
    ]
    # two trailing spaces: a hard line break in Markdown, invisible in an email
    add("  \n".join(lines))
    add("")

    # -- time ------------------------------------------------------------------------------
    add("## Time")
    add("")
    time_lines = [f"- Meeting planned for {_minutes(summary['planned_minutes'])}"]
    if summary["checked_in"] or summary["checkin_minutes"]:
        time_lines.append(
            f"- Check-in: {len(summary['checked_in'])} members, {_minutes(summary['checkin_minutes'])}"
        )
    if summary["sessions"]:
        time_lines.append(
            f"- Presenters: {_minutes(summary['planned_session_minutes'])} allotted, "
            f"{_minutes(summary['used_session_minutes'])} used"
        )
    add("\n".join(time_lines))
    add("")

    # -- report-back -----------------------------------------------------------------------
    reports = _report_back(summary["report_back"], by_id)
    if reports:
        add("## Report-back on earlier actions")
        add("")
        out.extend(reports)

    # -- presenters ------------------------------------------------------------------------
    add("## Presenters")
    add("")
    if not summary["sessions"]:
        add("Nobody presented at this meeting.")
        add("")
    for session, data in zip(meeting.sessions, summary["sessions"]):
        title = CONFIDENTIAL_TITLE if confidential else (md_inline(session.title) or "(no title)")
        add(f"### {md_inline(session.presenter)}: {title}")
        add("")
        note = " The presenter left early." if session.left_early else ""
        add(
            f"{_minutes(data['allotted_minutes'])} allotted: {_minutes(data['planned_minutes'])} "
            f"planned for the stages, {_minutes(data['actual_minutes'])} used.{note}"
        )
        add("")
        if data["stages"]:
            for stage in data["stages"]:
                if stage["skipped"] and not stage["actual_minutes"]:
                    used = "skipped"
                else:
                    used = f"{_minutes(stage['actual_minutes'])} used"
                    if stage["extended_minutes"]:
                        used += f" (+{_minutes(stage['extended_minutes'])} extra)"
                add(f"- {md_inline(stage['title'])}: {_minutes(stage['planned_minutes'])} planned, {used}")
            add("")
        if not confidential:
            if session.questions:
                add("**Questions asked**")
                add("")
                for q in session.questions:
                    add(_question_line(q))
                add("")
            insights = [i for i in session.insights if i.strip()]
            if insights:
                add("**Insights**")
                add("")
                for insight in insights:
                    add(f"- {md_inline(insight)}")
                add("")
    if confidential and meeting.sessions:
        add(f"*{CONFIDENTIAL_NOTE}*")
        add("")

    # -- actions ---------------------------------------------------------------------------
    add("## Actions")
    add("")
    if not mine:
        add("No actions were recorded.")
        add("")
    else:
        order = [m.name for m in alset.members]
        owners = sorted({a.owner for a in mine}, key=lambda o: (order.index(o) if o in order else len(order), o))
        for owner in owners:
            add(f"**{md_inline(owner)}**")
            add("")
            for action in (a for a in mine if a.owner == owner):
                add(_action_line(action))
            add("")

    # -- process review --------------------------------------------------------------------
    review = meeting.review
    notes = [(who, note) for who, note in review.notes.items() if note.strip()]
    if notes or review.change_next_time.strip():
        add("## Process review")
        add("")
        if notes:
            for who, note in notes:
                add(f"- {md_inline(who)}: {md_inline(note)}")
            add("")
        if review.change_next_time.strip():
            add(f"**Next time we will change:** {md_inline(review.change_next_time)}")
            add("")

    # -- next meeting ----------------------------------------------------------------------
    add("## Next meeting")
    add("")
    if meeting.next_meeting:
        add(f"{long_date(meeting.next_meeting)} ({md_inline(meeting.next_meeting)})")
    else:
        add("Not set yet.")
    add("")
    return "\n".join(out)


# == several meetings, for `als export` and the app's export ================================
def all_minutes_markdown(
    alset: ALSet, meetings: list[Meeting], actions: list[Action], *, include_unfinished: bool = False,
    held: Sequence[Meeting] | None = None,
) -> str:
    """The minutes of *meetings* of *alset*, newest first, separated by a rule: ready to paste into
    an email. Only finished meetings unless *include_unfinished* (then drafts and closed ones too).
    *held*: all the set's meetings in the order held, when *meetings* are only some of them (which
    meeting heard a report made between meetings depends on the ones before it). A confidential
    set starts with :data:`CONFIDENTIAL_NOTE`."""
    # Meetings on one date keep the order they have in the file (the order they were held).
    ours = [m for m in meetings if m.set_id == alset.id]
    position = {id(m): i for i, m in enumerate(ours)}
    day_counts: dict[str, int] = {}
    for m in ours:
        day_counts[m.date] = day_counts.get(m.date, 0) + 1
    nth: dict[int, int] = {}
    seen: dict[str, int] = {}
    for m in sorted(ours, key=lambda m: (m.date, position[id(m)])):
        seen[m.date] = seen.get(m.date, 0) + 1
        nth[id(m)] = seen[m.date]
    chosen = [m for m in ours if include_unfinished or m.status == FINISHED]
    chosen.sort(key=lambda m: (m.date, position[id(m)]), reverse=True)
    by_meeting: dict[str, list[Action]] = {}
    for action in actions:
        by_meeting.setdefault(action.meeting_id, []).append(action)
    by_id = {a.id: a for a in actions}
    heard = reports_heard(sorted(ours, key=lambda m: (m.date, position[id(m)])) if held is None
                          else [m for m in held if m.set_id == alset.id], actions)
    head = ""
    if alset.confidential or any(m.confidential_scrubbed for m in chosen):
        head = f"*{CONFIDENTIAL_NOTE}*\n\n"
    if not chosen:
        return f"{head}# {md_inline(alset.name)}: minutes\n\nNo finished meetings yet.\n"
    parts = [_meeting_minutes(alset, m, by_meeting.get(m.id, []), by_id, (nth[id(m)], day_counts[m.date]),
                              heard.get(m.id, [])) for m in chosen]
    return head + MEETING_SEPARATOR.join(part.rstrip("\n") + "\n" for part in parts)
