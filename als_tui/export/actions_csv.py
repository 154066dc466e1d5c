"""The actions of one or more sets as CSV, one row per action, for a spreadsheet. Pure: text out."""

from __future__ import annotations

from ..flow.reports import reports_heard
from ..model import Action, ALSet, Meeting, StatusChange, clean_text, day_order
from .minutes import CONFIDENTIAL_NOTE


CSV_COLUMNS = ("set", "member", "meeting date", "action", "due", "report to", "status", "support", "confidence",
               "last reported", "report-back", "meeting that day")


def _csv_cell(value: object) -> str:
    """One line of text; a leading = + - @ is defused (a spreadsheet would run it as a formula)."""
    text = " ".join(clean_text(str(value), single_line=True).split())
    if text[:1] in ("=", "+", "-", "@"):
        text = "'" + text
    return text


def _report_line(change: StatusChange, heard_on: dict[int, str]) -> str:
    """One report-back of an action, for the CSV: "2026-04-07 partly done: the learning"; one made
    between meetings says so, and which meeting heard it: "2026-04-01 done (reported before the
    meeting of 2026-04-07): …"."""
    from ..model import STATUS_LABELS

    text = f"{change.date} {STATUS_LABELS.get(change.status, change.status)}"
    if not change.meeting_id:
        day = heard_on.get(id(change))
        text += f" (reported before the meeting of {day})" if day else " (reported between meetings)"
    return f"{text}: {change.note}" if change.note.strip() else text


def _heard_on(sets: list[ALSet], actions: list[Action], meetings: list[Meeting]) -> dict[int, str]:
    """The date of the meeting that heard each report made between meetings (by the step's id())."""
    heard: dict[int, str] = {}
    for alset in sets:
        held = sorted((m for m in meetings if m.set_id == alset.id), key=lambda m: m.date)  # (stable)
        mine = [a for a in actions if a.set_id == alset.id]
        dates = {m.id: m.date for m in held}
        for meeting_id, reports in reports_heard(held, mine).items():
            heard.update((id(r.change), dates[meeting_id]) for r in reports)
    return heard


def actions_csv(sets: ALSet | list[ALSet], actions: list[Action], meetings: list[Meeting]) -> str:
    """The actions of *sets* as CSV (RFC 4180, CRLF), one row per action, in set, meeting date and
    member order. A confidential set's export starts with a one-cell row saying so (actions are kept)."""
    import csv
    import io

    from ..model import STATUS_LABELS

    set_list = [sets] if isinstance(sets, ALSet) else list(sets)
    by_id = {s.id: s for s in set_list}
    dates = {m.id: m.date for m in meetings}
    day = day_order(meetings)
    heard_on = _heard_on(set_list, actions, meetings)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    secret = [s for s in set_list if s.confidential]
    if secret:
        note = CONFIDENTIAL_NOTE
        if len(set_list) > 1:
            note += " (" + ", ".join(s.name for s in secret) + ")"
        writer.writerow([note])
    writer.writerow(CSV_COLUMNS)

    def order(action: Action) -> tuple:
        alset = by_id[action.set_id]
        names = [m.name for m in alset.members]
        rank = names.index(action.owner) if action.owner in names else len(names)
        return (alset.name.casefold(), dates.get(action.meeting_id, action.created),
                day.get(action.meeting_id, (0, 0))[0], rank, action.owner, action.created)

    for action in sorted((a for a in actions if a.set_id in by_id), key=order):
        writer.writerow([
            _csv_cell(by_id[action.set_id].name),
            _csv_cell(action.owner),
            _csv_cell(dates.get(action.meeting_id, "")),
            _csv_cell(action.text),
            _csv_cell(action.due),
            _csv_cell(action.report_to.strip() or "the set"),
            _csv_cell(STATUS_LABELS.get(action.status, action.status)),
            _csv_cell(action.support),
            action.confidence,
            _csv_cell(action.history[-1].date if action.history else ""),
            _csv_cell("; ".join(_report_line(change, heard_on) for change in action.history)),
            "{} of {}".format(*day[action.meeting_id]) if day.get(action.meeting_id, (0, 1))[1] > 1 else "",
        ])
    return out.getvalue()
