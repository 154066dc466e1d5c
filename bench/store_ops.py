"""The store's first look-up of a member's actions on a freshly opened long history (issue 19).

    python bench/store_ops.py [--db FILE] [--rounds 21] [--against OTHER_CHECKOUT] [--phases]

`als prep` shows the member's open actions just after its first paint: the first
``Store.actions_where(set_id, keep, owner=member)`` on a file whose actions and meetings lines are
not parsed yet. Each round is a fresh process (bytecode cached, as for an installed app) that opens
the file as the app does (the lock, background writes) and then times that one call: CPU time
(``time.process_time``) and wall time (``perf_counter``), and what the open itself cost. The
history is ``als demo --meetings 600`` built in a temp folder unless ``--db`` names one.
``--against`` runs another checkout's store on the same file, interleaved round by round, order
alternating (compare two checkouts only within one run). ``--phases`` also reports where the
look-up's CPU time goes (the functions of the store it goes through, where they exist).
Not a budget in ``run.py``: the goal of issue 19 is a median of at most 7 ms of CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPEN_STATUSES = ("open", "partly", "not_done")  # (as `als prep` asks: the stored document's status)

# What a round's child runs (its PYTHONPATH starts with the checkout measured).
CHILD = r"""
import functools, json, sys, time
phases = {}

def timed(owner, attr, label):
    original = owner.__dict__.get(attr) if isinstance(owner, type) else getattr(owner, attr, None)
    if original is None:
        return
    if isinstance(original, staticmethod):
        original = original.__func__
        wrap_static = True
    else:
        wrap_static = False

    @functools.wraps(original)
    def wrapper(*a, **k):
        t = time.process_time()
        try:
            return original(*a, **k)
        finally:
            phases[label] = phases.get(label, 0.0) + (time.process_time() - t) * 1000
    setattr(owner, attr, staticmethod(wrapper) if wrap_static else wrapper)

from als_tui.store import Store
from als_tui.store import storage, docindex, shape, codec
try:
    from als_tui.store import unread
except ImportError:  # (a checkout from before it)
    unread = None
if PHASES:
    # Each name is timed where the module has it (older or newer checkouts may not).
    for owner, attr, label in [
        (storage.DurableStorage, "_read_rest", "read the rest"),
        (unread and unread.UnreadLines, "actions_alone", "read the actions line"),
        (storage.DurableStorage, "load_lazy", "load_lazy"),
        (codec, "_needs_stdlib", "loads: scan for what orjson misreads"),
        (storage, "split_file", "split"),
        (storage, "loads", "loads"),
        (storage, "loads_as_written", "loads"),
        (storage, "check_shape", "check_shape"),
        (storage, "line_checksum_problem", "crc"),
        (docindex, "_Table", "index build"),
        (docindex._Table, "owner_keys", "owner look-up"),
    ]:
        timed(owner, attr, label)
import gc
if PAUSED:
    gc.disable()  # as `als prep` runs: the collector is paused until the first screen is built
t0, c0 = time.perf_counter(), time.process_time()
store = Store(DB, background=True)
t1, c1 = time.perf_counter(), time.process_time()
alset = store.sets()[0]
t2, c2 = time.perf_counter(), time.process_time()
mine = store.actions_where(alset.id, lambda d: d.get("status", "open") in OPEN_STATUSES, owner=OWNER)
t3, c3 = time.perf_counter(), time.process_time()
pending = store.storage.pending_table("meetings")
store.close()
print(json.dumps({"open_cpu": (c1 - c0) * 1000, "open_wall": (t1 - t0) * 1000,
                  "lookup_cpu": (c3 - c2) * 1000, "lookup_wall": (t3 - t2) * 1000,
                  "found": len(mine), "meetings_still_unparsed": pending, "phases": phases}))
"""


def _busiest_owner(db: Path) -> str:
    """The member with the most open actions (then the most actions): the one `als prep` would
    show the most rows for."""
    data = json.loads(db.read_bytes())
    counts: dict[str, tuple[int, int]] = {}
    for doc in data.get("actions", {}).values():
        still_open, every = counts.get(doc["owner"], (0, 0))
        counts[doc["owner"]] = (still_open + (doc.get("status") in OPEN_STATUSES), every + 1)
    return max(sorted(counts), key=lambda name: counts[name])


def _run(checkout: Path, db: Path, owner: str, phases: bool, paused: bool, pycache: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    code = f"DB = {str(db)!r}\nOPEN_STATUSES = {OPEN_STATUSES!r}\nOWNER = {owner!r}\nPHASES = {phases!r}\nPAUSED = {paused!r}\n" + CHILD
    out = subprocess.run([sys.executable, "-c", code], cwd=checkout, env=env, capture_output=True, text=True,
                         check=False)
    if out.returncode != 0:
        raise SystemExit(f"the child failed ({checkout}):\n{out.stderr.strip()}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _report(name: str, results: list[dict]) -> dict:
    med = {k: statistics.median(r[k] for r in results) for k in ("lookup_cpu", "lookup_wall", "open_cpu", "open_wall")}
    cpu = sorted(r["lookup_cpu"] for r in results)
    phases: dict[str, float] = {}
    for label in {label for r in results for label in r["phases"]}:
        phases[label] = statistics.median(r["phases"].get(label, 0.0) for r in results)
    print(f"{name:8} first owner look-up: {med['lookup_cpu']:6.2f} ms CPU (q1 {cpu[len(cpu) // 4]:.2f}, "
          f"min {cpu[0]:.2f}), {med['lookup_wall']:6.2f} ms wall | open: {med['open_cpu']:.2f} ms CPU, "
          f"{med['open_wall']:.2f} ms wall | actions found {results[0]['found']}, meetings still unparsed: "
          f"{all(r['meetings_still_unparsed'] for r in results)}")
    if phases:
        print("         " + ", ".join(f"{k} {v:.2f} ms" for k, v in sorted(phases.items(), key=lambda kv: -kv[1])))
    return {**med, "lookup_cpu_samples": cpu, "phases": phases}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a history file (default: `als demo --meetings 600` in a temp folder)")
    parser.add_argument("--meetings", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--against", type=Path, help="another checkout, run on the same file")
    parser.add_argument("--phases", action="store_true", help="where the look-up's CPU time goes")
    parser.add_argument("--collector", choices=("paused", "on"), default="paused",
                        help="the garbage collector during the open and the look-up: paused as `als prep` has it "
                             "(default), or on as in a command")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="als-storeops-") as tmp:
        work = Path(tmp)
        db = args.db
        if db is None:
            db = work / "history.json"
            subprocess.run([sys.executable, "-m", "als_tui", "demo", "--meetings", str(args.meetings), "--db", str(db)],
                           cwd=ROOT, check=True, capture_output=True)
        copy = work / "measured.json"  # (the checkouts open it in turn; nothing is written to it)
        copy.write_bytes(db.read_bytes())
        os.chmod(copy, 0o600)
        owner = _busiest_owner(copy)
        checkouts = {"this": ROOT}
        if args.against is not None:
            checkouts["other"] = args.against.resolve()
        results: dict[str, list[dict]] = {name: [] for name in checkouts}
        names = list(checkouts)
        for round_no in range(args.rounds + 1):  # round 0 warms the caches and is not counted
            order = names if round_no % 2 else names[::-1]
            for name in order:
                result = _run(checkouts[name], copy, owner, args.phases, args.collector == "paused", work / "pycache")
                if round_no:
                    results[name].append(result)
            print(".", end="", flush=True)
        print()
        print(f"{copy.stat().st_size / 1e6:.1f} MB file, owner {owner!r}, {args.rounds} rounds, "
              f"collector {args.collector}, load average {os.getloadavg()[0]:.1f}")
        summary = {name: _report(name, rs) for name, rs in results.items()}
    if args.json is not None:
        args.json.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
