"""My progress: a member's practice results over time, per kind, and the kinds they mix up most."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from ..widgets.header import Header
from ..model import TrainingResult
from ..questioning import KINDS
from ..widgets.footer import Footer
from .gym import Trainee, kind_line
from .spot import mixup_lines
from ..navigation import GoBack
from .styled import StyledOnMount


# -- the numbers (plain functions over the saved results) -------------------------------
@dataclass
class KindTrend:
    kind: str
    points: list[float] = field(default_factory=list)  # share right, one per round that asked this kind
    right: int = 0
    asked: int = 0
    last: tuple[int, int] = (0, 0)


def kind_trends(results: list[TrainingResult]) -> dict[str, KindTrend]:
    trends = {kind: KindTrend(kind) for kind in KINDS}
    for result in results:
        if result.drill != "spot":
            continue
        for kind, pair in result.by_kind.items():
            if kind not in trends or len(pair) < 2 or not pair[1]:
                continue
            right, asked = int(pair[0]), int(pair[1])
            t = trends[kind]
            t.points.append(right / asked)
            t.right += right
            t.asked += asked
            t.last = (right, asked)
    return trends


def top_confusions(results: list[TrainingResult], n: int = 3) -> list[tuple[str, str, int]]:
    """[(actual, chosen, times)] over every spot round, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        if result.drill != "spot":
            continue
        for key, count in result.confusions.items():
            actual, _, chosen = key.partition("->")
            if actual in KINDS and chosen in KINDS:
                counts[(actual, chosen)] += int(count)
    # Ties: missing advice or a leading question first (they do the most harm in a set).
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -KINDS.index(kv[0][0]), KINDS.index(kv[0][1])))
    return [(a, c, k) for (a, c), k in ranked[:n]]


def open_shares(results: list[TrainingResult]) -> list[float]:
    """Share of open questions in each Ask better visit, oldest first."""
    return [r.correct / r.total for r in results if r.drill == "ask" and r.total]


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


# -- the screen ---------------------------------------------------------------------------
class ProgressScreen(StyledOnMount, Screen[None]):
    """Accuracy per kind over time (sparklines with the numbers beside them), mix-ups, open share."""

    HELP_ID = "progress"
    CSS_PATH = "progress.tcss"
    SUB_TITLE = "My progress"
    AUTO_FOCUS = "#progress-body"
    BINDINGS = [
        Binding("escape", "back", "Gym", tooltip="Back to the gym", id="back"),
    ]

    def __init__(self, trainee: Trainee) -> None:
        super().__init__()
        self.trainee = trainee

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content.assemble(("My progress", "bold"), "  ·  ", self.trainee.name), classes="gym-bar")
        with VerticalScroll(id="progress-body"):
            yield Static(id="progress-summary")
            with Vertical(id="progress-data"):
                yield Static("Spot the type: right answers for each kind, round by round (oldest → newest)",
                             classes="progress-heading")
                for kind in KINDS:
                    with Horizontal(classes="progress-row"):
                        yield Static(kind_line(kind), classes="progress-label")
                        yield Sparkline([], id=f"spark-{kind}", classes="progress-spark")
                        yield Static(id=f"numbers-{kind}", classes="progress-numbers")
                yield Static("What you mix up most", classes="progress-heading")
                yield Static(id="progress-confusions")
                yield Static("Ask better: share of your questions that were open, visit by visit",
                             classes="progress-heading")
                with Horizontal(classes="progress-row"):
                    yield Static(kind_line("open"), classes="progress-label")
                    yield Sparkline([], id="spark-ask", classes="progress-spark")
                    yield Static(id="numbers-ask", classes="progress-numbers")
            yield Static(id="progress-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        results = self.als.store.training(self.trainee.name)
        spots = [r for r in results if r.drill == "spot" and r.total]
        asks = [r for r in results if r.drill == "ask" and r.total]
        empty = not spots and not asks
        self.query_one("#progress-data").display = not empty
        self.query_one("#progress-summary").display = not empty
        self.query_one("#progress-empty").display = empty
        if empty:
            self.query_one("#progress-empty", Static).update(self._empty_text())
            return
        self.query_one("#progress-summary", Static).update(self._summary(spots, asks))
        for kind, trend in kind_trends(spots).items():
            self.query_one(f"#spark-{kind}", Sparkline).data = trend.points
            self.query_one(f"#numbers-{kind}", Static).update(self._kind_numbers(trend))
        self.query_one("#progress-confusions", Static).update(self._confusions(spots))
        shares = open_shares(asks)
        self.query_one("#spark-ask", Sparkline).data = shares
        if asks:
            last = asks[-1]
            written = sum(r.total for r in asks)
            opened = sum(r.correct for r in asks)
            text = (f"last visit {last.correct} of {last.total} ({percent(last.correct, last.total)})"
                    f" · all {opened} of {written} ({percent(opened, written)})")
        else:
            text = "no questions written yet: try Ask better from the gym"
        self.query_one("#numbers-ask", Static).update(text)

    def _empty_text(self) -> Content:
        who = "the guest" if self.trainee.is_guest else self.trainee.name
        return Content.assemble(
            (f"No practice saved yet for {who}.\n\n", "bold"),
            "Each round of Spot the type and each visit to Ask better is saved here. After a few rounds "
            "you will see, for each kind of question, how often you name it rightly, which kinds you "
            "tend to mix up, and how many of the questions you write are open.\n\n",
            ("Press Esc to go back to the gym, then s for Spot the type or a for Ask better.", "bold"),
        )

    def _summary(self, spots: list[TrainingResult], asks: list[TrainingResult]) -> Content:
        lines: list[Content] = []
        if spots:
            right = sum(r.correct for r in spots)
            asked = sum(r.total for r in spots)
            best = max(spots, key=lambda r: r.correct / r.total)
            last = spots[-1]
            rounds = f"{len(spots)} round{'s' if len(spots) != 1 else ''}"
            lines.append(Content.assemble(
                ("Spot the type: ", "bold"), f"{rounds} played, {spots[0].date} to {last.date}. ",
                f"Last score {last.correct} of {last.total}; best {best.correct} of {best.total}; "
                f"{percent(right, asked)} right over all rounds.",
            ))
        else:
            lines.append(Content.assemble(("Spot the type: ", "bold"), "no rounds yet (press Esc, then s)."))
        if asks:
            written = sum(r.total for r in asks)
            visits = f"{len(asks)} visit{'s' if len(asks) != 1 else ''}"
            lines.append(Content.assemble(("Ask better: ", "bold"), f"{visits}, {written} questions written."))
        else:
            lines.append(Content.assemble(("Ask better: ", "bold"), "no questions written yet (press Esc, then a)."))
        return Content("\n").join(lines)

    def _kind_numbers(self, trend: KindTrend) -> str:
        if not trend.asked:
            return "not met yet"
        right, asked = trend.last
        shares = [round(100 * p) for p in trend.points]
        path = f"{shares[0]}% → {shares[-1]}% · " if len(shares) > 1 else ""
        return f"{path}last {right} of {asked} · all {trend.right} of {trend.asked} ({percent(trend.right, trend.asked)})"

    def _confusions(self, spots: list[TrainingResult]) -> Content:
        total: Counter[str] = Counter()
        for actual, chosen, n in top_confusions(spots, n=len(KINDS) ** 2):
            total[f"{actual}->{chosen}"] += n
        if not total:
            if spots:
                return Content("Nothing mixed up yet: every kind named rightly so far.")
            return Content("Play a round of Spot the type to see which kinds you mix up.")
        return Content("\n".join(mixup_lines(dict(total), limit=3)))

    def action_back(self) -> None:
        self.navigate(GoBack(self))
