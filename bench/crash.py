"""Crash benchmark: SIGKILL a child doing real store operations on a ~1 MB file, many times.

    python bench/crash.py --kills 250 [--seed N] [--background [--pace SECONDS]]

Prints a table: kills, survived, corrupt, lost (and whether the surviving file held the last
acknowledged operation or the one in flight). Exit status 1 if anything was corrupt or lost.
What it does and checks: tests/crash_harness.py. The short run (25 kills) is
tests/test_crash.py::test_crash_kills_short; the same 250 kills run with `pytest -m slow`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import crash_harness


def main(argv: list[str] | None = None, *, stock: bool = False) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=250, help="how many SIGKILLs (default 250)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the kill moments (default 2026)")
    parser.add_argument("--quiet", action="store_true", help="no progress dots")
    parser.add_argument("--background", action="store_true",
                        help="open the store as `als` does (writer thread): an ack is a queued save")
    parser.add_argument("--pace", type=float, default=0.0,
                        help="seconds the child waits after each operation (a person between steps)")
    args = parser.parse_args(argv)

    def progress(k: int, outcome: crash_harness.Outcome) -> None:
        if not args.quiet:
            print("." if outcome.verdict == "ok" else outcome.verdict[0].upper(), end="", flush=True)
            if (k + 1) % 50 == 0:
                print(f" {k + 1}", flush=True)

    background = getattr(args, "background", False) and not stock
    report = crash_harness.run(args.kills, args.seed, stock=stock, background=background,
                               pace=getattr(args, "pace", 0.0), progress=progress)
    print()
    title = ("TinyDB stock JSONStorage (in-place writes)" if stock else
             "als-tui DurableStorage, background writer" if background else "als-tui DurableStorage")
    print(report.table(title))
    if stock:
        return 0  # a benchmark: the failures are the point
    return 0 if report.corrupt == 0 and report.lost == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
