"""Side by side: the start-up of this checkout against another one, in the same minutes.

    python bench/ab.py --against ../other-checkout [--rounds 25] [--kinds bare,empty,h600,prep]

Make the other checkout with ``git worktree add /tmp/before <commit>``. Each round starts every
kind of both checkouts once, in a random order (a fixed order biased an earlier comparison by
tens of milliseconds on this machine), through this checkout's ``paint_child.py``, so both are
timed by the same hook, on the same history files (made by this checkout's ``als demo``: the other
must read this file format). Prints, per kind and checkout, the median first paint, its ratio to the
bare app's median, and the first quartile and minimum; for ``prep`` also figure 3b (``prep3b``: the
first paint with everything visible and the action rows) and the whole form (``prepall``). The machine's speed drifts over minutes,
so compare two checkouts only within one run of this script. See bench/README.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from pathlib import Path

import run  # bench/run.py: the histories, the children's environment, the child runner

KINDS = {"bare": "bare", "empty": "als_empty", "h600": "als_600", "prep": "prep_600", "h60": "als_60"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout (its root folder)")
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--kinds", default="bare,empty,h600,prep", help=f"some of {','.join(KINDS)}")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    other = args.against.resolve()
    if not (other / "als_tui" / "__init__.py").is_file():
        parser.error(f"{other} is not a checkout of als-tui (no als_tui/__init__.py)")
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)}")
    if "bare" not in kinds:
        kinds.insert(0, "bare")

    with tempfile.TemporaryDirectory(prefix="als-ab-") as tmp:
        work = Path(tmp)
        run.PYCACHE = work / "pycache"
        files = run.build_histories(work)
        commands = run.start_kinds(files)
        checkouts = {"this": None, "other": other}
        jobs = [("bare", "this")] + [(k, c) for k in kinds if k != "bare" for c in checkouts]
        rng = random.Random(args.seed)
        paints: dict[tuple[str, str], list[float]] = {}
        this = run.ROOT
        for round_no in range(args.rounds + 1):  # round 0 warms the caches and is not counted
            rng.shuffle(jobs)
            for kind, checkout in jobs:
                run.ROOT = checkouts[checkout] or this  # the child's PYTHONPATH starts with it
                try:
                    result = run.run_child(commands[KINDS[kind]], work)
                finally:
                    run.ROOT = this
                if round_no:
                    paints.setdefault((kind, checkout), []).append(result["paint"] * 1000)
                    if kind == "prep":  # the same start, timed to its later paints too
                        for extra, key in (("prep3b", "complete"), ("prepall", "whole")):
                            if result.get(key) is not None:
                                paints.setdefault((extra, checkout), []).append(result[key] * 1000)
            print(".", end="", flush=True)
        print()
    bare = statistics.median(paints[("bare", "this")])
    print(f"{'kind':7} {'checkout':8} {'median':>8} {'ratio':>6} {'q1':>7} {'min':>7}")
    order = [*kinds, "prep3b", "prepall"]
    for (kind, checkout), values in sorted(paints.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])):
        values.sort()
        med = statistics.median(values)
        print(f"{kind:7} {checkout if kind != 'bare' else '-':8} {med:6.0f} ms {med / bare:5.2f}x "
              f"{values[len(values) // 4]:4.0f} ms {values[0]:4.0f} ms")
    print(f"other = {other}; {args.rounds} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
