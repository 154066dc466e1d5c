"""Where the start-up time goes: a timeline of `als` (or `als prep`) next to the bare app.

    python bench/start_phases.py [--db FILE] [--prep] [--runs 5]

Without --db, a 600-meeting history is built in a temp folder (`als demo`). Each run is a fresh
process (bytecode cached, as for an installed app); the table shows the median moment (ms since
the child's first line) at which each step ended, and the time spent inside some steps. A
diagnostic for bench/run.py's start-up figures, not a budget.
"""

import time

T0 = time.perf_counter()

import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _child(kind: str, db: str) -> None:
    marks: dict[str, float] = {}
    spans: dict[str, float] = {}

    def mark(name: str) -> None:
        marks[name] = (time.perf_counter() - T0) * 1000

    def timed(owner, attr: str, label: str, is_async: bool = False) -> None:
        original = getattr(owner, attr, None)
        if original is None:
            return
        if is_async:
            @functools.wraps(original)  # Textual counts a handler's parameters
            async def wrapper(*a, **k):
                t = time.perf_counter()
                r = await original(*a, **k)
                spans[label] = spans.get(label, 0.0) + (time.perf_counter() - t) * 1000
                return r
        else:
            @functools.wraps(original)
            def wrapper(*a, **k):
                t = time.perf_counter()
                r = original(*a, **k)
                spans[label] = spans.get(label, 0.0) + (time.perf_counter() - t) * 1000
                return r
        setattr(owner, attr, wrapper)

    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    mark("import textual.app + Header/Static/Footer")
    target = {"bare": "Screen", "als": "HomeScreen", "prep": "PrepScreen"}[kind]
    original_refresh = Screen._compositor_refresh

    def compositor_refresh(self) -> None:
        t = time.perf_counter()
        original_refresh(self)
        if type(self).__name__ == target and "first paint" not in marks:
            spans["compositor refreshes of the target screen"] = (
                spans.get("compositor refreshes of the target screen", 0.0) + (time.perf_counter() - t) * 1000)
            if self is self.app.screen and self.is_mounted:
                mark("first paint")
                self.app.exit()

    Screen._compositor_refresh = compositor_refresh
    original_run = App.run

    def run(self, *a, **k):
        mark("app constructed")
        k["headless"] = True
        return original_run(self, *a, **k)

    App.run = run
    if kind == "bare":
        class BareApp(App):
            def compose(self):
                yield Header()
                yield Static("Hello")
                yield Footer()

            def on_mount(self) -> None:
                mark("App.on_mount")

        BareApp().run()
    else:
        from als_tui import cli

        mark("import als_tui.cli")
        from als_tui import store

        mark("import als_tui.store (+ model, tinydb, orjson)")
        from als_tui import app as app_module

        mark("import als_tui.app")
        from als_tui.screens import home

        mark("import als_tui.screens.home")
        if kind == "prep":
            from als_tui.screens import prep

            mark("import als_tui.screens.prep")
            timed(prep.PrepScreen, "on_mount", "PrepScreen.on_mount", is_async=True)
            timed(prep.PrepScreen, "_load_actions", "PrepScreen._load_actions", is_async=True)
        timed(store, "acquire_lock", "store.acquire_lock (imports filelock)")
        timed(store.DurableStorage, "_load", "store: read + parse the file")
        timed(store.Store, "__init__", "Store() open")
        timed(store.Store, "overview", "store.overview()")
        timed(app_module.ALSApp, "bank_for", "app.bank_for() (loads banks)")
        timed(home.HomeScreen, "on_mount", "HomeScreen.on_mount")
        timed(app_module.ALSApp, "on_mount", "ALSApp.on_mount")
        cli.main((["prep"] if kind == "prep" else []) + ["--db", db])
    modules = len(sys.modules)
    print(json.dumps({"marks": marks, "spans": spans, "modules": modules}))


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="data file (default: a new 600-meeting demo history)")
    parser.add_argument("--prep", action="store_true", help="time `als prep` instead of `als`")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="als-phases-"))
    db = args.db
    if db is None:
        db = str(tmp / "history600.json")
        subprocess.run([sys.executable, "-m", "als_tui", "demo", "--db", db, "--meetings", "600"],
                       check=True, capture_output=True)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    kinds = ["bare", "prep" if args.prep else "als"]
    results: dict[str, list[dict]] = {k: [] for k in kinds}
    for r in range(args.runs + 1):  # the first round compiles the bytecode: not counted
        for kind in kinds if r % 2 else kinds[::-1]:
            out = subprocess.run([sys.executable, __file__, "--child", kind, db], env=env,
                                 capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL)
            if r:
                results[kind].append(json.loads(out.stdout.strip().splitlines()[-1]))
    for kind in kinds:
        rows = results[kind]
        print(f"\n{kind}  (median of {len(rows)} fresh processes; {rows[0]['modules']} modules loaded)")
        for name in rows[0]["marks"]:
            print(f"  {statistics.median(r['marks'][name] for r in rows):8.1f} ms  {name}")
        for name in rows[0]["spans"]:
            values = [r["spans"].get(name, 0.0) for r in rows]
            print(f"  {statistics.median(values):8.1f} ms  inside: {name}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(main())
