"""A whole meeting walked by keys, step by step, on a short and a long history.

    python bench/meeting_walk.py [--quick] [--rounds N] [--json OUT] [--strict]

Builds two files with ``als demo`` (6 and 600 past meetings, the same seed), then, in one process
and one harness (Textual's Pilot, headless, 120x36), walks a meeting of the demo set on each: home
→ opening → a check-in of every member (each reporting on their open actions) → bids → choosing
presenters → for each presenter the session's plan, every stage and the actions → the process
review → the summary → finished, home. Each step is timed from the key press until the app is
idle again (``pilot.press`` then ``pilot.pause``): what the set waits for.

The same harness times a bare Textual app switching to a screen of 34 widgets (Header, Footer, a
form of labels, inputs and buttons: about what a meeting screen holds), the yardstick.

Budgets (issue 19): no step at 600 meetings slower than 1.25x the same step at 6; the median step
at 600 meetings no slower than 1.3x the bare switch. Medians of --rounds walks (each on a fresh
copy of the files), the files' kinds interleaved. Prints a table; ``--strict`` exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STEP_RATIO_BUDGET = 1.25  # a step at 600 meetings against the same step at 6
MEDIAN_BARE_BUDGET = 1.3  # the median step at 600 meetings against the bare switch
SIZE = (120, 36)


# -- the yardstick -------------------------------------------------------------------------------
def bare_app():
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical
    from textual.screen import Screen
    from textual.widgets import Button, Footer, Header, Input, Label, Static

    class Form(Screen):
        BINDINGS = [("ctrl+n", "app.next", "Next")]

        def compose(self) -> ComposeResult:
            yield Header()  # 1
            yield Static("A form", id="title")  # 2
            with Vertical():  # 3
                for i in range(8):  # 8 x 3 = 24
                    yield Label(f"Field {i}")
                    yield Input(placeholder=f"value {i}")
                    yield Static(f"hint {i}")
                with Horizontal():  # 28
                    yield Button("Next (Ctrl+N)", variant="primary")  # 29
                    yield Button("Back")  # 30
                    yield Button("Home")  # 31
            yield Static("", id="error")  # 32
            yield Footer()  # 33 (+ the screen: 34)

    class Bare(App[None]):
        def on_mount(self) -> None:
            self.push_screen(Form())

        def action_next(self) -> None:
            self.switch_screen(Form())

    return Bare()


async def walk_bare(steps: int) -> list[tuple[float, float]]:
    app = bare_app()
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(steps):
            times.append(await timed(pilot, "ctrl+n"))
    return times


# -- the meeting ---------------------------------------------------------------------------------
async def timed(pilot, *keys: str) -> tuple[float, float]:
    """(wall, cpu): seconds from the key press until the app is idle again, and the CPU seconds
    the process spent in that time (all its threads: the writer's too)."""
    gc.collect()
    cpu = time.process_time()
    start = time.perf_counter()
    await pilot.press(*keys)
    await pilot.pause()
    return time.perf_counter() - start, time.process_time() - cpu


def screen_name(app) -> str:
    return type(app.screen).__name__


async def walk_meeting(db: Path) -> list[tuple[str, tuple[float, float]]]:
    """Walk one whole meeting on *db*; [(step, seconds)] in order."""
    from als_tui.app import ALSApp
    from als_tui.clock import FakeClock

    clock = FakeClock(1000.0)
    # as the `als` command runs it: saves made durable by the writer thread (cli.main)
    app = ALSApp(db_path=db, now=clock, today=lambda: "2026-12-06", background_writes=True)
    steps: list[tuple[str, float]] = []

    async def step(name: str, *keys: str) -> None:
        steps.append((name, await timed(pilot, *keys)))

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)  # the history is parsed just after the first paint
        if screen_name(app) == "ResumeScreen":
            await pilot.press("escape")
        await step("home → opening", "m")
        assert screen_name(app) == "OpeningScreen", screen_name(app)
        await step("opening → check-in", "ctrl+n")
        n = 0
        while screen_name(app) == "CheckInScreen" and app.screen.current is not None:
            screen = app.screen
            for i, radios in enumerate(screen.query(".action-status")):  # done, partly, done, …
                list(radios.query("RadioButton"))[i % 2].value = True
            await pilot.press(*"fine")
            clock.advance(60)
            n += 1
            await step(f"check-in next ({n})", "ctrl+n")
        await step("check-in → bids", "ctrl+n")
        assert screen_name(app) == "BidScreen", screen_name(app)
        await step("bids → selection", "ctrl+n")
        assert screen_name(app) == "SelectionScreen", screen_name(app)
        await step("selection → session", "ctrl+n")
        presenter = 0
        while screen_name(app) == "IssueSessionScreen":
            presenter += 1
            await step(f"session {presenter} → first stage", "ctrl+n")
            stage = 0
            while screen_name(app) == "StageScreen":
                stage += 1
                clock.advance(120)
                await step(f"stage {presenter}.{stage} → next", "ctrl+n")
            assert screen_name(app) == "ActionScreen", screen_name(app)
            app.screen.query_one(".what").focus()
            await pilot.press(*"call", "space", *"the", "space", *"sponsor")
            await step(f"actions {presenter} → next", "ctrl+n")
        assert screen_name(app) == "ProcessReviewScreen", screen_name(app)
        await pilot.press(*"good")
        await step("review → summary", "ctrl+n")
        assert screen_name(app) == "SummaryScreen", screen_name(app)
        await step("finish → home", "ctrl+n")
        assert screen_name(app) == "HomeScreen", screen_name(app)
    return steps


OPEN_PER_MEMBER = 1
"""Every member comes to the walked meeting with this many open actions, at 6 and at 600 meetings."""


def build(work: Path, meetings: int, same_check_in: bool = True) -> Path:
    from als_tui import cli

    db = work / f"h{meetings}.json"
    if cli.main(["demo", "--db", str(db), "--meetings", str(meetings)]) != 0:
        raise RuntimeError(f"als demo --meetings {meetings} failed")
    if same_check_in:
        equalise_open_actions(db, OPEN_PER_MEMBER)
    return db


def equalise_open_actions(db: Path, per_member: int) -> None:
    """Give each member exactly *per_member* open actions (their newest), the rest closed as done.

    The demo deals open actions differently at 6 and at 600 meetings (one member has five at 6
    and none at 600), so a check-in turn would show a different number of action rows in the two
    files, and the same turn would not be the same work. With this, every turn reports on and
    shows the same number of rows in both; only the length of the history differs. A member the
    demo gave no action at all is given one."""
    from als_tui.model import DONE, OPEN, Action
    from als_tui.store import Store

    open_statuses = ("open", "partly", "not_done")
    with Store(db) as store:
        data = store.storage.read() or {}
        by_owner: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for doc in (data.get("actions") or {}).values():
            by_owner.setdefault((doc.get("set_id"), doc.get("owner")), []).append(doc)
        for docs in by_owner.values():
            docs.sort(key=lambda d: (d.get("created", ""), d.get("id", "")))
            for i, doc in enumerate(docs):
                keep_open = i >= len(docs) - per_member
                if keep_open and doc.get("status") not in open_statuses:
                    doc["status"] = OPEN
                elif not keep_open and doc.get("status") in open_statuses:
                    doc["status"] = DONE
        store.storage.write(data)
        for alset in store.sets():
            for member in alset.active_members:
                have = len(by_owner.get((alset.id, member), []))
                for n in range(have, per_member):
                    store.save_action(Action(set_id=alset.id, owner=member, meeting_id="",
                                             text=f"Ask two colleagues how they handle it ({n + 1})",
                                             created="2000-01-01", due="2000-02-01"))


def fresh_copy(db: Path, work: Path, round_: int) -> Path:
    target = work / f"round{round_}-{db.name}"
    shutil.copyfile(db, target)
    target.chmod(0o600)
    return target


def run(rounds: int, quick: bool, say) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="als-walk-"))
    try:
        small = build(work, 6)
        large = build(work, 120 if quick else 600)
        kinds = {"6": small, "600": large}
        samples: dict[str, dict[str, list[tuple[float, float]]]] = {"6": {}, "600": {}}
        order: list[str] = []
        bare: list[tuple[float, float]] = []
        for r in range(rounds):
            for kind in (("6", "600") if r % 2 == 0 else ("600", "6")):
                bare += asyncio.run(walk_bare(4))  # (the yardstick just before each walk: the load drifts)
                say(f"round {r + 1}/{rounds}: {kind} meetings")
                steps = asyncio.run(walk_meeting(fresh_copy(kinds[kind], work, r)))
                for name, seconds in steps:
                    samples[kind].setdefault(name, []).append(seconds)
                    if name not in order:
                        order.append(name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report: dict[str, Any] = {"steps": [], "rounds": rounds, "large_history": 120 if quick else 600}
    nan = (float("nan"), float("nan"))
    for name in order:
        row: dict[str, Any] = {"step": name}
        for which, at in (("", 0), ("cpu_", 1)):
            s6 = statistics.median(x[at] for x in samples["6"].get(name, [nan]))
            s600 = statistics.median(x[at] for x in samples["600"].get(name, [nan]))
            row |= {f"{which}ms_6": round(s6 * 1000, 1), f"{which}ms_600": round(s600 * 1000, 1),
                    f"{which}ratio": round(s600 / s6, 3) if s6 else float("nan")}
        report["steps"].append(row)
    for which, at in (("", 0), ("cpu_", 1)):
        bare_ms = statistics.median(x[at] for x in bare) * 1000
        median_600 = statistics.median(r[f"{which}ms_600"] for r in report["steps"])
        worst = max(report["steps"], key=lambda r: r[f"{which}ratio"])
        report |= {
            f"{which}bare_switch_ms": round(bare_ms, 1),
            f"{which}median_step_ms_600": round(median_600, 1),
            f"{which}median_vs_bare": round(median_600 / bare_ms, 3),
            f"{which}worst_step": worst["step"],
            f"{which}worst_ratio": worst[f"{which}ratio"],
            f"{which}pass_steps": worst[f"{which}ratio"] <= STEP_RATIO_BUDGET,
            f"{which}pass_median": median_600 / bare_ms <= MEDIAN_BARE_BUDGET,
        }
    report["load_average"] = os.getloadavg()
    return report


def table(report: dict[str, Any]) -> str:
    lines = [f"{'step':32} {'6 meetings':>11} {'600':>9} {'ratio':>7}   {'cpu 6':>9} {'cpu 600':>9} {'ratio':>7}"]
    for r in report["steps"]:
        flag = "" if r["ratio"] <= STEP_RATIO_BUDGET else " over"
        cpu_flag = "" if r["cpu_ratio"] <= STEP_RATIO_BUDGET else " over"
        lines.append(f"{r['step']:32} {r['ms_6']:>9.1f}ms {r['ms_600']:>7.1f}ms {r['ratio']:>6.2f}x{flag:5} "
                     f"{r['cpu_ms_6']:>7.1f}ms {r['cpu_ms_600']:>7.1f}ms {r['cpu_ratio']:>6.2f}x{cpu_flag}")
    lines.append("")
    for which, label in (("", "wall (key to idle)"), ("cpu_", "CPU time of the process")):
        lines.append(f"{label}: bare switch_screen to 34 widgets {report[which + 'bare_switch_ms']:.1f} ms; "
                     f"median step at {report['large_history']} meetings {report[which + 'median_step_ms_600']:.1f} ms"
                     f" = {report[which + 'median_vs_bare']:.2f}x bare (budget {MEDIAN_BARE_BUDGET}x): "
                     f"{'pass' if report[which + 'pass_median'] else 'MISSED'}; worst step "
                     f"{report[which + 'worst_ratio']:.2f}x ({report[which + 'worst_step']}; budget "
                     f"{STEP_RATIO_BUDGET}x): {'pass' if report[which + 'pass_steps'] else 'MISSED'}")
    lines.append(f"load average at the end: {' '.join(f'{x:.1f}' for x in report['load_average'])} "
                 f"(2 cores: above 2, other work shared the CPU and the wall times are noisy)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one round, 120 meetings (a smoke run)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--strict", action="store_true", help="exit 1 if a budget is missed")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else args.rounds

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    report = run(rounds, args.quick, say)
    print(table(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.strict and not (report["pass_steps"] and report["pass_median"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
