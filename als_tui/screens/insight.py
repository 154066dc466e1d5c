"""Set insight: attendance, who presented when, actions done, time used, what the set would change.

Charts are block-character bars and a sparkline, always with the numbers beside them in text.
The numbers come from :mod:`als_tui.insight` (pure, tested by hand).
"""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from ..widgets.header import Header
from .. import insight
from ..insight import bar, percent
from ..model import APOLOGIES, PRESENT, ALSet, Meeting
from ..widgets.fitted import Fitted
from ..widgets.footer import Footer
from ..navigation import GoBack
from .styled import StyledOnMount

BAR = 20
TIMELINE = 20  # meetings shown in the presenting timeline
RECENT = 6  # meetings listed one by one for action completion
SPARK = 22  # points in the completion chart (its width: insight.tcss)
CHANGES = 8  # process-review notes listed

PRESENTED, CAME, AWAY, UNKNOWN = "●", "○", "–", "·"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _pad(text: str, width: int) -> str:
    """*text* in exactly *width* cells: padded, or cut with an ellipsis."""
    if len(text) > width:
        text = text[: max(0, width - 1)] + "…"
    return text.ljust(width)


class InsightScreen(StyledOnMount, Screen[None]):
    """What the set's record says about the set, drawn for people who would rather look than read."""

    HELP_ID = "insight"
    CSS_PATH = ["common.tcss", "insight.tcss"]
    SUB_TITLE = "Insight"
    AUTO_FOCUS = "#insight-body"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to where you came from", id="back"),
    ]

    def __init__(self, alset: ALSet) -> None:
        super().__init__()
        self.alset = alset

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="insight-bar", classes="phase-bar")
        with VerticalScroll(id="insight-body"):
            yield Static(id="insight-empty")
            yield Static("Attendance", classes="insight-heading")
            yield Fitted(id="insight-attendance", classes="insight-block")
            yield Static("Who presented when", classes="insight-heading")
            yield Static(id="insight-presenting", classes="insight-block")
            yield Static("Actions: of those reported on, how many are done", classes="insight-heading")
            with Horizontal(classes="insight-row"):
                yield Static(id="insight-spark-label", classes="insight-label")
                yield Sparkline([], id="insight-spark")
                yield Static(id="insight-spark-numbers", classes="insight-numbers")
            yield Fitted(id="insight-actions", classes="insight-block")
            yield Static("Time: planned and used, on average", classes="insight-heading")
            yield Fitted(id="insight-time", classes="insight-block")
            yield Static("What we said we would change", classes="insight-heading")
            yield Static(id="insight-changes", classes="insight-block")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    # -- data ------------------------------------------------------------------------------------
    def refresh_data(self) -> None:
        store = self.als.store
        alset = store.get_set(self.alset.id) or self.alset
        self.alset = alset
        meetings = store.meetings(alset.id)
        past = insight.past_meetings(meetings)
        actions = store.actions(alset.id)
        members = list(alset.active_members)
        self.name_width = min(14, max([10, *(len(n) for n in members)]))
        empty = not past
        for widget in self.query("#insight-body > *"):
            widget.display = not empty if widget.id != "insight-empty" else empty
        bar_parts: list[Content | str | tuple[str, str]] = [(alset.name, "bold"), "  ·  ", ("Insight", "bold reverse")]
        if past:
            span = f"on {past[0].date}" if len(past) == 1 else f"from {past[0].date} to {past[-1].date}"
            bar_parts.append(f"  ·  {plural(len(past), 'meeting')} {span}")
        self.query_one("#insight-bar", Static).update(Content.assemble(*bar_parts))
        if empty:
            self.query_one("#insight-empty", Static).update(Content.assemble(
                ("Nothing to show yet. ", "bold"),
                "After your first meeting this screen shows who comes, who has presented and who is "
                "still waiting, how many actions get done, how the time goes against the plan, and "
                "what the set has said it would change. Press Esc to go back."))
            return
        # The charts are drawn for the width they have (Fitted): drawn again when it changes
        self.query_one("#insight-attendance", Fitted).draw_with(partial(self._attendance, past, members))
        self.query_one("#insight-presenting", Static).update(self._presenting(past, members))
        self._completion(actions, past, members)
        self.query_one("#insight-time", Fitted).draw_with(partial(self._time, past))
        self.query_one("#insight-changes", Static).update(self._changes(past))

    # -- sections --------------------------------------------------------------------------------
    def _bar_width(self, width: int) -> int:
        """The bars beside the names: as long as *width* leaves room for, up to BAR."""
        return max(8, min(BAR, max(40, width) - self.name_width - 2 - 40))

    def _bar(self, value: float, maximum: float, width: int) -> str:
        return _pad(bar(value, maximum, width), width)

    def _who(self, name: str, least: int = 0) -> tuple[str, str]:
        return (_pad(name, max(self.name_width, least)) + "  ", "bold")

    def _attendance(self, past: list[Meeting], members: list[str], width: int) -> Content:
        bar_width = self._bar_width(width)
        rows = insight.attendance(past, members)
        lines = [Content.styled("Came, out of the meetings where attendance was taken", "dim")]
        for row in rows:
            if not row.recorded:
                lines.append(Content.assemble(self._who(row.member), _pad("", bar_width), "  not recorded yet"))
                continue
            text = f"  came to {row.present} of {row.recorded} ({percent(row.present, row.recorded)})"
            if row.apologies:
                text += f" · {plural(row.apologies, 'apology', 'apologies')}"
            lines.append(Content.assemble(self._who(row.member), self._bar(row.present, row.recorded, bar_width),
                                          text))
        return Content("\n").join(lines)

    def _presenting(self, past: list[Meeting], members: list[str]) -> Content:
        rows = insight.presenting(past, members)
        shown = past[-TIMELINE:]
        width = len(shown)
        legend = (f"{PRESENTED} presented  {CAME} came  {AWAY} apologies  {UNKNOWN} not recorded"
                  f"{' · the last ' + str(width) + ' meetings' if len(past) > width else ''} · oldest first")
        lines = [Content.styled(legend, "dim")]
        for row in rows:
            marks = []
            for m in shown:
                if any(s.presenter == row.member for s in m.sessions):
                    marks.append(PRESENTED)
                else:
                    state = m.attendance.get(row.member)
                    marks.append(CAME if state == PRESENT else AWAY if state == APOLOGIES else UNKNOWN)
            if row.never:
                text = f"not presented yet · {plural(row.since_last, 'meeting')} so far"
            else:
                ago = "at the last meeting" if row.since_last == 0 else f"{plural(row.since_last, 'meeting')} ago"
                text = f"{plural(row.count, 'time')} · last {row.last}, {ago}"
            lines.append(Content.assemble(self._who(row.member), _pad("".join(marks), max(width, 1)), "  ", text))
        waiting = insight.longest_waiting(rows, members)
        if waiting:
            never = all(r.never for r in rows if r.member in waiting)
            why = "has not presented yet" if len(waiting) == 1 else "have not presented yet"
            if not never:
                why = "has waited longest" if len(waiting) == 1 else "have waited longest"
            lines.append(Content.assemble("\n", ("Fairness: ", "bold"), ", ".join(waiting), f" {why}."))
        else:
            lines.append(Content.assemble("\n", ("Fairness: ", "bold"), "everyone has presented recently."))
        return Content("\n").join(lines)

    def _completion(self, actions, past: list[Meeting], members: list[str]) -> None:
        per_meeting = insight.completion_by_meeting(actions, past)
        total = insight.completion_total(per_meeting)
        # one bar a meeting while they fit the chart; a long history by month, quarter or year
        period, points, cut = insight.completion_by_period(per_meeting, SPARK)
        rated = [row for row in points if row.rate is not None]
        spark = self.query_one("#insight-spark", Sparkline)
        spark.data = [row.rate or 0.0 for row in rated] if len(rated) > 1 else []
        label = self.query_one("#insight-spark-label", Static)
        title = "Done, 0–100%"
        label.update(Content.styled(title, "bold"))
        label.styles.width = max(self.name_width, len(title)) + 2  # (never glued to what follows)
        spark.display = len(rated) > 1
        if rated:
            first, last = rated[0], rated[-1]
            path = ""
            if len(rated) > 1:  # the scale in words: what the first and the last bar stand for
                which = f"the last {len(points)} {period}s" if cut else f"per {period}"
                path = (f"{which}, from {percent(first.done, first.reported)} done ({first.label}) to "
                        f"{percent(last.done, last.reported)} ({last.label}) · ")
            numbers = (f"{path}in all, {total.done} of the {total.reported} reported on are done "
                       f"({percent(total.done, total.reported)}) · {total.still_open} still open")
        else:
            numbers = f"nothing reported on yet · {plural(total.still_open, 'action')} still open"
        self.query_one("#insight-spark-numbers", Static).update(numbers)

        self.query_one("#insight-actions", Fitted).draw_with(partial(self._actions, actions, per_meeting, members))

    def _actions(self, actions, per_meeting, members: list[str], width: int) -> Content:
        bar_width = self._bar_width(width)
        lines = [Content.styled("Per member (partly and not done count as not done yet)", "dim")]
        for row in insight.completion_by_member(actions, members):
            if not row.total:
                lines.append(Content.assemble(self._who(row.label), _pad("", bar_width), "  no actions yet"))
                continue
            if row.reported:
                text = f"  {row.done} of {row.reported} done ({percent(row.done, row.reported)})"
            else:
                text = "  none reported on yet"
            if row.still_open:
                text += f" · {row.still_open} still open"
            lines.append(Content.assemble(self._who(row.label), self._bar(row.done, row.reported, bar_width), text))
        if per_meeting:
            lines.append(Content.styled("\nPer meeting, by the date the actions were agreed (latest last)", "dim"))
            widest = max(len(row.label) for row in per_meeting[-RECENT:])
            for row in per_meeting[-RECENT:]:
                if row.reported:
                    text = f"  {row.done} of {row.reported} done ({percent(row.done, row.reported)})"
                else:
                    text = f"  {plural(row.total, 'action')}, none reported on yet"
                if row.still_open and row.reported:
                    text += f" · {row.still_open} still open"
                label = self._who(row.label, widest)  # (a date, and "#2" for a set's second that day)
                lines.append(Content.assemble(label, self._bar(row.done, row.reported, bar_width), text))
        return Content("\n").join(lines)

    def _time(self, past: list[Meeting], width: int) -> Content:
        rows = insight.stage_times(past, checkin_minutes=self.alset.checkin_minutes)
        if not rows:
            return Content.styled("No timed stages yet.", "dim")
        top = max(max(r.planned_minutes, r.actual_minutes) for r in rows) or 1
        avail = max(40, width)
        label_width = min(30, max(len(r.title) for r in rows), avail // 3)
        # label, "planned ", the bar, then "  10.0 min · 1.5 min over" must fit on one line
        bar_len = max(6, min(BAR, avail - label_width - 2 - 8 - 26))
        lines = [Content.styled("Each pair of bars: planned, then used (same scale)", "dim")]
        for row in rows:
            diff = row.actual_minutes - row.planned_minutes
            if abs(diff) < 0.5:
                verdict = "on time"
            elif diff > 0:
                verdict = f"{diff:.1f} min over"
            else:
                verdict = f"{-diff:.1f} min under"
            runs = plural(row.runs, "time")
            lines.append(Content.assemble((_pad(row.title, label_width) + "  ", "bold"), "planned ",
                                          _pad(bar(row.planned_minutes, top, bar_len), bar_len),
                                          f"  {row.planned_minutes:.1f} min · {runs}"))
            lines.append(Content.assemble(_pad("", label_width) + "  ", "used    ",
                                          _pad(bar(row.actual_minutes, top, bar_len), bar_len),
                                          f"  {row.actual_minutes:.1f} min · {verdict}"))
        return Content("\n").join(lines)

    def _changes(self, past: list[Meeting]) -> Content:
        notes = insight.review_changes(past)
        if not notes:
            return Content.styled("Nothing noted yet. The process review at the end of each meeting asks "
                                  "what the set would change next time.", "dim")
        lines = [Content.assemble((date, "bold"), "  ", text) for date, text in notes[-CHANGES:]]
        if len(notes) > CHANGES:
            lines.insert(0, Content.styled(f"The last {CHANGES} of {len(notes)}, oldest first", "dim"))
        return Content("\n").join(lines)

    def action_back(self) -> None:
        self.navigate(GoBack(self))
