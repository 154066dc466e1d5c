"""The performance budgets of issue 6, measured against a bare Textual app in one run.

    python bench/run.py [--quick] [--json OUT] [--runs N] [--workdir DIR] [--strict]

Builds the histories in a temporary folder (``als demo --meetings 600`` and ``--meetings 60``
through the CLI, in a subprocess), then measures:

1. ``als`` to first paint, empty data file, as a ratio to a bare app (Header + Static + Footer)
2. the same with the 600-meeting history
3. ``als prep`` to ready (PrepScreen mounted and painted), 600-meeting history, vs bare;
   3b: the same until all it shows without scrolling and its action rows (built just after the first
   paint) are painted too; the whole form (below the fold too) is reported beside it
4. the time the UI thread is blocked by one save (``Store(background=True).save_meeting``), 600 meetings
5. a durable commit of one save (save call until ``store.flush()`` returns: fsynced), 600 meetings
6. peak memory (``ru_maxrss``) of ``als`` on the 60-meeting history vs the bare app
7. stage-clock drift over a 30-minute stage under a busy UI: a real StageScreen, an injected clock
   advanced in uneven steps, a CPU-burning timer; 7b: the same with the real ``time.monotonic``
   over a few real seconds, scaled to 30 minutes

Start-up figures run each app in a fresh process (bench/paint_child.py), headless, from the first
line of the child to the first paint of its first screen; the kinds are interleaved round by round
(the order rotates) and the medians compared. Prints a table and writes JSON (default
bench/results/latest.json). Exit status 0 unless a measurement could not be made; ``--strict`` also
exits 1 when a budget is missed. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHILD = Path(__file__).resolve().parent / "paint_child.py"
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"

STAGE_SECONDS = 30 * 60.0


# -- helpers ---------------------------------------------------------------------------------
def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


PYCACHE: Path | None = None  # set by main(): where the children keep their bytecode


def child_env() -> dict[str, str]:
    """The children's environment. Bytecode is cached (in the work folder, not the repo), as it
    is for an installed app: with PYTHONDONTWRITEBYTECODE=1 every start would compile als_tui's
    sources again (about 30 ms here) while Textual's installed .pyc files are used."""
    env = dict(os.environ)
    env.pop("ALS_DB", None)
    env.pop("ALS_CRASH_AT", None)
    if PYCACHE is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("TERM", "xterm-256color")
    # One terminal size, as a real terminal reports it. The children's output is a pipe, so Rich's
    # console would start at its default 80x25 while the headless driver reports 80x24 (Python's
    # fallback): the app then lays its screen out again for each of the resizes between the two,
    # which no real terminal causes, and those layouts fell on the prep screen's second paint.
    env["COLUMNS"], env["LINES"] = "80", "24"
    return env


def als_cli(*args: str, cwd: Path) -> None:
    """Run the ``als`` command (``python -m als_tui``) in a subprocess; raise if it fails."""
    done = subprocess.run([sys.executable, "-m", "als_tui", *args], cwd=cwd, env=child_env(),
                          capture_output=True, text=True, timeout=300, check=False)
    if done.returncode:
        raise RuntimeError(f"als {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")


def filesystem_of(path: Path) -> str:
    try:
        out = subprocess.run(["df", "-T", str(path)], capture_output=True, text=True, timeout=10, check=False).stdout
        return out.splitlines()[1].split()[1]
    except Exception:  # noqa: BLE001 - informational only
        return "?"


# -- the histories ------------------------------------------------------------------------------
def build_histories(work: Path) -> dict[str, Any]:
    from als_tui.store import Store

    files: dict[str, Any] = {}
    empty = work / "empty.json"
    Store(empty).close()  # a data file with no sets: what `als` makes on a first start
    files["empty"] = empty
    for n in (600, 60):
        path = work / f"history{n}.json"
        started = time.perf_counter()
        als_cli("demo", "--db", str(path), "--meetings", str(n), cwd=work)
        files[f"h{n}"] = path
        files[f"h{n}_build_seconds"] = time.perf_counter() - started
    prepared_last_by_busiest_member(files["h600"])
    return files


def prepared_last_by_busiest_member(path: Path) -> None:
    """Make the member of the file's first set with the most open actions the one who prepared
    last, so `als prep` (no options: the last choice) opens on them and figure 3b always builds
    action rows, whatever the demo deals (its first member may have none)."""
    from als_tui.store import Store

    with Store(path) as store:
        alset = store.sets()[0]
        member = max(alset.active_members, key=lambda m: sum(a.is_open for a in store.actions(alset.id, m)))
        store.set_meta("prep_last", [alset.id, member])


def add_meeting_in_session(path: Path) -> str:
    """Add today's meeting of the file's first set, walked (as the app would) to its first
    presenter's issue session; returns its id."""
    from als_tui import model
    from als_tui.bank import find_bank
    from als_tui.clock import FakeClock
    from als_tui.flow import MeetingFlow
    from als_tui.store import Store

    with Store(path) as store:
        alset = store.sets()[0]
        bank = find_bank(alset.bank)
        meeting = model.Meeting(set_id=alset.id, planned_minutes=alset.meeting_minutes,
                                started_at=model.today())
        flow = MeetingFlow(meeting, alset, now=FakeClock(0.0), stages=bank.stages)
        names = alset.active_members
        for name in names:
            flow.set_attendance(name, model.PRESENT)
        flow.set_roles(names[0], names[1 % len(names)])
        flow.begin_checkin(names)
        for name in names:
            flow.record_checkin(name, "fine", [], 120)
        flow.finish_checkin()
        for i, name in enumerate(names):
            flow.record_bid(model.Bid(name, f"Issue of {name}", 5, 40) if i == 0
                            else model.Bid(name, nothing_today=True))
        flow.finish_bids()
        flow.select(names[:1], {names[0]: 40})
        store.save_meeting(meeting)
        return meeting.id


# -- figures 1, 2, 3, 6: fresh processes ---------------------------------------------------------
def start_kinds(files: dict[str, Any]) -> dict[str, list[str]]:
    return {
        "bare": ["bare"],
        "als_empty": ["als", "--db", str(files["empty"])],
        "als_600": ["als", "--db", str(files["h600"])],
        "prep_600": ["als", "prep", "--db", str(files["h600"])],
        "als_60": ["als", "--db", str(files["h60"])],
    }


def run_child(args: list[str], work: Path) -> dict[str, Any]:
    out = work / "child.json"
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(CHILD), str(out), *args], cwd=work, env=child_env(),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, check=False)
    wall = time.perf_counter() - started
    if done.returncode or not out.exists():
        raise RuntimeError(f"child {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    result = json.loads(out.read_text())
    result["wall"] = wall
    return result


def measure_starts(files: dict[str, Any], work: Path, rounds: int, progress) -> dict[str, list[dict[str, Any]]]:
    kinds = start_kinds(files)
    names = list(kinds)
    samples: dict[str, list[dict[str, Any]]] = {k: [] for k in names}
    for r in range(rounds + 1):  # round 0 warms the page cache and the .pyc files: not counted
        order = names[r % len(names):] + names[: r % len(names)]
        for name in order:
            result = run_child(kinds[name], work)
            if r:
                samples[name].append(result)
        progress()
    return samples


def start_figures(samples: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    def med(kind: str, key: str) -> float:
        return median([s[key] for s in samples[kind]])

    bare_paint, bare_wall, bare_rss = med("bare", "paint"), med("bare", "wall"), med("bare", "maxrss_kb")
    out: dict[str, Any] = {}
    for kind in ("als_empty", "als_600", "prep_600"):
        paint, wall = med(kind, "paint"), med(kind, "wall")
        paired = [s["paint"] / b["paint"] for s, b in zip(samples[kind], samples["bare"])]
        out[kind] = {
            "ratio": paint / bare_paint,
            "paint_ms": paint * 1000, "bare_paint_ms": bare_paint * 1000,
            "wall_ms": wall * 1000, "bare_wall_ms": bare_wall * 1000, "wall_ratio": wall / bare_wall,
            "paired_ratio_median": median(paired),
            "complete_ratio": med(kind, "complete") / bare_paint, "complete_ms": med(kind, "complete") * 1000,
            "complete_widgets": samples[kind][0].get("complete_nodes"),
            "whole_ratio": med(kind, "whole") / bare_paint, "whole_ms": med(kind, "whole") * 1000,
            "whole_widgets": samples[kind][0].get("whole_nodes"),
            "below_fold": all(s.get("below_fold") is not False for s in samples[kind]),
            "history_parsed_at_paint": [s.get("history_parsed_at_paint") for s in samples[kind]],
            "runs": len(samples[kind]),
            "widgets": samples[kind][0].get("nodes"), "bare_widgets": samples["bare"][0].get("nodes"),
            "paint_ms_all": [round(s["paint"] * 1000, 1) for s in samples[kind]],
            "bare_paint_ms_all": [round(s["paint"] * 1000, 1) for s in samples["bare"]],
        }
    rss = med("als_60", "maxrss_kb")
    out["memory_60"] = {
        "ratio": rss / bare_rss, "als_maxrss_mb": rss / 1024, "bare_maxrss_mb": bare_rss / 1024,
        "als_600_maxrss_mb": med("als_600", "maxrss_kb") / 1024,
        "als_empty_maxrss_mb": med("als_empty", "maxrss_kb") / 1024,
        "runs": len(samples["als_60"]),
    }
    return out


# -- figures 4 and 5: saves, in process ----------------------------------------------------------
def measure_saves(path: Path, saves: int) -> dict[str, Any]:
    from als_tui import model
    from als_tui.store import Store

    meeting_id = add_meeting_in_session(path)
    store = Store(path, background=True)
    try:
        meeting = store.get_meeting(meeting_id)
        assert meeting is not None
        session = meeting.sessions[0]
        blocked: list[float] = []
        durable: list[float] = []
        commits: list[float] = []
        for i in range(saves + 3):  # the first three warm up: not counted
            session.questions.append(model.HarvestedQuestion(meeting.present[1], f"What would change if {i}?"))
            t0 = time.perf_counter()
            store.save_meeting(meeting)
            t1 = time.perf_counter()
            if not store.flush():
                raise RuntimeError(f"a background save failed: {store.storage.writer.error}")
            t2 = time.perf_counter()
            if i >= 3:
                blocked.append(t1 - t0)
                durable.append(t2 - t0)
                commits.append(store.storage.writer.last_commit_seconds)
            time.sleep(0.01)  # a person between steps; lets the writer thread finish its bookkeeping
    finally:
        store.close()
    return {
        "blocked_ms": median(blocked) * 1000,
        "blocked_ms_p90": sorted(blocked)[int(0.9 * (len(blocked) - 1))] * 1000,
        "blocked_ms_max": max(blocked) * 1000,
        "durable_ms": median(durable) * 1000,
        "durable_ms_p90": sorted(durable)[int(0.9 * (len(durable) - 1))] * 1000,
        "durable_ms_max": max(durable) * 1000,
        "writer_commit_ms": median(commits) * 1000,
        "file_bytes": path.stat().st_size,
        "saves": len(blocked),
    }


# -- figure 7: the stage clock under a busy UI ----------------------------------------------------
def _burner(ms: float):
    def burn() -> None:
        end = time.perf_counter() + ms / 1000
        x = 0
        while time.perf_counter() < end:
            x += sum(range(200))

    return burn


async def _open_stage(app, pilot):
    """From the home screen into the in-progress meeting's first stage (its clock starts)."""
    await pilot.press("m")
    await pilot.pause()
    if type(app.screen).__name__ == "ResumeScreen":
        await pilot.press("r")
        await pilot.pause()
    if type(app.screen).__name__ == "IssueSessionScreen":
        await pilot.press("ctrl+n")
        await pilot.pause()
    screen = app.screen
    if type(screen).__name__ != "StageScreen":
        raise RuntimeError(f"expected the StageScreen, got {type(screen).__name__}")
    return screen


async def _drift_fake(path: Path, steps_wanted: int, seed: int) -> dict[str, Any]:
    from textual.widgets import Digits

    from als_tui.app import ALSApp
    from als_tui.clock import FakeClock, format_seconds

    clock = FakeClock(10_000.0)
    app = ALSApp(db_path=path, now=clock, background_writes=True)
    app.bell = lambda: None
    rng = random.Random(seed)
    # uneven steps: mostly small, some long (a frozen laptop lid, a slow frame), summing to 30 min
    weights = [rng.choice((rng.uniform(0.001, 0.3), rng.uniform(0.3, 5.0), rng.uniform(5.0, 60.0),
                           rng.uniform(60.0, 240.0))) for _ in range(steps_wanted)]
    scale = STAGE_SECONDS / sum(weights)
    steps = [w * scale for w in weights]
    mismatches = 0
    checks = 0
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_stage(app, pilot)
        stage_clock = screen.clock
        stage_clock.extend(STAGE_SECONDS - stage_clock.planned)  # a 30-minute stage
        start_elapsed = stage_clock.elapsed
        busy = app.set_interval(0.02, _burner(12.0))  # the UI thread ~60 % busy
        advanced = 0.0
        worst = 0.0
        for i, step in enumerate(steps[:-1]):
            clock.advance(step)
            advanced += step
            await pilot.pause(0.0 if i % 4 else 0.3)  # sometimes long enough for the 0.25 s tick
            err = abs((stage_clock.elapsed - start_elapsed) - advanced)
            worst = max(worst, err)
            if i % 4 == 0:  # after a tick: does the screen show the right time?
                checks += 1
                shown = screen.query_one("#clock Digits", Digits).value
                mismatches += shown != format_seconds(STAGE_SECONDS - advanced)
        last = STAGE_SECONDS - advanced  # what is left of the 30 minutes, exactly
        clock.advance(last)
        advanced += last
        await pilot.pause(0.3)
        elapsed = stage_clock.elapsed - start_elapsed
        remaining = stage_clock.remaining
        busy.stop()
        shown_end = screen.query_one("#clock Digits", Digits).value
        state = stage_clock.state
    drift = max(abs(elapsed - advanced), abs(remaining - (STAGE_SECONDS - advanced)), worst)
    return {
        "drift_s": drift, "elapsed_s": elapsed, "advanced_s": advanced, "remaining_s": remaining,
        "steps": len(steps), "display_checks": checks, "display_mismatches": mismatches,
        "display_at_end": shown_end, "state_at_end": state,
    }


async def _drift_real(path: Path, seconds: float) -> dict[str, Any]:
    from als_tui.app import ALSApp
    from als_tui.widgets.stage_clock import StageClockView

    app = ALSApp(db_path=path, background_writes=True)  # the real time.monotonic
    app.bell = lambda: None
    ticks: list[float] = []
    original_tick = StageClockView.tick

    def tick(self: StageClockView) -> None:  # when the clock on screen is refreshed
        ticks.append(time.perf_counter())
        original_tick(self)

    StageClockView.tick = tick  # type: ignore[method-assign]
    try:
        return await _drift_real_run(app, seconds, ticks)
    finally:
        StageClockView.tick = original_tick  # type: ignore[method-assign]


async def _drift_real_run(app, seconds: float, ticks: list[float]) -> dict[str, Any]:
    from textual.widgets import Digits

    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_stage(app, pilot)
        ticks.clear()
        stage_clock = screen.clock
        stage_clock.reset(STAGE_SECONDS)
        busy = app.set_interval(0.02, _burner(12.0))
        a = time.perf_counter()
        stage_clock.start()
        b = time.perf_counter()
        await asyncio.sleep(seconds)
        c = time.perf_counter()
        elapsed = stage_clock.elapsed
        d = time.perf_counter()
        busy.stop()
        shown = screen.query_one("#clock Digits", Digits).value
    true = (c + d) / 2 - (a + b) / 2
    uncertainty = (b - a) / 2 + (d - c) / 2
    drift = abs(elapsed - true)
    gaps = [y - x for x, y in itertools.pairwise(ticks)]
    return {
        "drift_s": drift, "drift_per_30min_s": drift * STAGE_SECONDS / true, "real_seconds": true,
        "clock_elapsed_s": elapsed, "bracket_uncertainty_s": uncertainty,
        "ticks": len(ticks), "tick_gap_median_s": median(gaps), "tick_gap_max_s": max(gaps) if gaps else None,
        "display_at_end": shown,
    }


def measure_drift(h600: Path, work: Path, quick: bool) -> dict[str, Any]:
    fake_path = work / "drift-fake.json"
    real_path = work / "drift-real.json"
    for p in (fake_path, real_path):
        shutil.copyfile(h600, p)
        os.chmod(p, 0o600)
        add_meeting_in_session(p)
    fake = asyncio.run(_drift_fake(fake_path, 40 if quick else 200, seed=6))
    real = asyncio.run(_drift_real(real_path, 1.5 if quick else 5.0))
    return {"fake": fake, "real": real}


# -- the table -----------------------------------------------------------------------------------
def figure(fid: str, label: str, measured: float, unit: str, budget: float, detail: dict[str, Any]) -> dict[str, Any]:
    return {"id": fid, "figure": label, "measured": round(measured, 4), "unit": unit, "budget": budget,
            "pass": bool(measured <= budget), "detail": detail}


def table(figures: list[dict[str, Any]]) -> str:
    def fmt(value: float, unit: str) -> str:
        if unit == "x":
            return f"{value:.2f}x"
        if unit == "ms":
            return f"{value:.1f} ms"
        return f"{value:.3f} s" if value >= 0.001 or value == 0 else f"{value:.1e} s"

    def note(f: dict[str, Any]) -> str:
        d = f["detail"]
        if f["id"] in ("first_paint_empty", "first_paint_600", "prep_ready"):
            return (f"{d['paint_ms']:.0f} ms vs bare {d['bare_paint_ms']:.0f} ms (n={d['runs']}); "
                    f"{d['widgets']} widgets vs {d['bare_widgets']}")
        if f["id"] == "prep_complete":
            return (f"{d['complete_ms']:.0f} ms vs bare {d['bare_paint_ms']:.0f} ms; {d['complete_widgets']} widgets; "
                    f"whole form {d['whole_ms']:.0f} ms ({d['whole_ratio']:.2f}x, {d['whole_widgets']} widgets)"
                    + ("" if d["below_fold"] else "; A PART BUILT LATER WAS IN VIEW"))
        if f["id"] == "peak_memory_60":
            return f"{d['als_maxrss_mb']:.1f} MB vs bare {d['bare_maxrss_mb']:.1f} MB"
        if f["id"] == "save_block":
            return f"p90 {d['blocked_ms_p90']:.1f} ms, max {d['blocked_ms_max']:.1f} ms (n={d['saves']})"
        if f["id"] == "durable_commit":
            return f"p90 {d['durable_ms_p90']:.1f} ms; writer alone {d['writer_commit_ms']:.1f} ms"
        if f["id"] == "clock_drift":
            return f"{d['steps']} uneven steps; display wrong {d['display_mismatches']}/{d['display_checks']}"
        if f["id"] == "clock_drift_real":
            return f"{d['real_seconds']:.1f} s real, scaled; tick gap max {d['tick_gap_max_s']:.2f} s"
        return ""

    rows = [("figure", "measured", "budget", "result", "notes")]
    for f in figures:
        rows.append((f["figure"], fmt(f["measured"], f["unit"]), "<= " + fmt(f["budget"], f["unit"]),
                     "pass" if f["pass"] else "FAIL", note(f)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 5)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (the smoke test)")
    parser.add_argument("--json", metavar="OUT", type=Path, default=DEFAULT_JSON,
                        help=f"where to write the results (default {DEFAULT_JSON.relative_to(ROOT)})")
    parser.add_argument("--runs", type=int, help="start-up rounds (default 11; --quick: 2)")
    parser.add_argument("--saves", type=int, help="saves timed (default 30; --quick: 8)")
    parser.add_argument("--workdir", type=Path, help="build the histories here (default: a new temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a budget is missed")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="leave PYTHONDONTWRITEBYTECODE as it is (sources compiled at every start)")
    args = parser.parse_args(argv)
    rounds = args.runs or (2 if args.quick else 11)
    saves = args.saves or (8 if args.quick else 30)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="als-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    fs = filesystem_of(work)  # fsync on tmpfs costs nothing: figure 5 would flatter
    global PYCACHE
    PYCACHE = None if args.no_bytecode_cache else work / "pycache"
    began = time.perf_counter()

    def say(text: str, end: str = "\n") -> None:
        print(text, end=end, flush=True)

    try:
        say(f"building histories in {work} …")
        files = build_histories(work)
        sizes = {k: files[k].stat().st_size for k in ("empty", "h600", "h60")}
        say(f"  600 meetings: {sizes['h600'] / 1e6:.2f} MB (built in {files['h600_build_seconds']:.1f} s); "
            f"60 meetings: {sizes['h60'] / 1e6:.2f} MB; empty: {sizes['empty']} bytes")
        say(f"start-up: {rounds} rounds (+1 warm-up) of bare / als / als 600 / prep 600 / als 60 ", end="")
        samples = measure_starts(files, work, rounds, lambda: say(".", end=""))
        say("")
        starts = start_figures(samples)
        say(f"saves: {saves} on a copy of the 600-meeting history …")
        save_path = work / "saves600.json"
        shutil.copyfile(files["h600"], save_path)
        os.chmod(save_path, 0o600)
        saving = measure_saves(save_path, saves)
        say("stage clock under a busy UI …")
        drift = measure_drift(files["h600"], work, args.quick)
    finally:
        if args.workdir is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    figures = [
        figure("first_paint_empty", "1. als to first paint, empty data file (vs bare)",
               starts["als_empty"]["ratio"], "x", 1.15, starts["als_empty"]),
        figure("first_paint_600", "2. als to first paint, 600-meeting history (vs bare)",
               starts["als_600"]["ratio"], "x", 1.30, starts["als_600"]),
        figure("prep_ready", "3. als prep to ready, 600-meeting history (vs bare)",
               starts["prep_600"]["ratio"], "x", 1.20, starts["prep_600"]),
        figure("prep_complete", "3b. als prep, all it shows and the action rows, 600 meetings (vs bare)",
               starts["prep_600"]["complete_ratio"] if starts["prep_600"]["below_fold"] else float("inf"),
               "x", 1.50, starts["prep_600"]),  # (issue 19's budget; a part built later in view fails it)
        figure("save_block", "4. UI thread blocked by one save, 600 meetings (median)",
               saving["blocked_ms"], "ms", 16.0, saving),
        figure("durable_commit", "5. durable commit of one save, 600 meetings (median)",
               saving["durable_ms"], "ms", 50.0, saving),
        figure("peak_memory_60", "6. peak memory, 60-meeting history (vs bare)",
               starts["memory_60"]["ratio"], "x", 1.5, starts["memory_60"]),
        figure("clock_drift", "7. stage clock drift, 30 min, busy UI (injected clock)",
               drift["fake"]["drift_s"], "s", 0.2, drift["fake"]),
        figure("clock_drift_real", "7b. stage clock drift per 30 min, busy UI (real monotonic)",
               drift["real"]["drift_per_30min_s"], "s", 0.2, drift["real"]),
    ]
    import textual

    meta = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": args.quick, "rounds": rounds, "saves": saves,
        "python": platform.python_version(), "textual": getattr(textual, "__version__", "?"),
        "platform": platform.platform(), "cpus": os.cpu_count(),
        "loadavg_after": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "workdir_filesystem": fs,
        "bytecode_cache": "off (as the environment has it)" if PYCACHE is None else "on (PYTHONPYCACHEPREFIX in the work folder)",
        "file_bytes": sizes,
        "note_600": "the issue expected about 10 MB for 600 meetings; `als demo --meetings 600` makes the size above",
        "seconds": round(time.perf_counter() - began, 1),
    }
    print()
    print(table(figures))
    print(f"\nhistory files: 600 meetings {sizes['h600'] / 1e6:.2f} MB (the issue expected ~10 MB), "
          f"60 meetings {sizes['h60'] / 1e6:.2f} MB · {meta['seconds']} s · load {meta['loadavg_after']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"meta": meta, "figures": figures}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    if args.strict and not all(f["pass"] for f in figures):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
