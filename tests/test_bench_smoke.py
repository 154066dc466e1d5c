"""The benchmark suite runs end to end (bench/run.py --quick) and reports every figure.

Budgets are NOT asserted here: timings on a shared machine are the benchmark's business
(`make bench`), not the test suite's. This only proves the suite works and its JSON is complete.
Takes about 15-30 s (fresh processes, a 600-meeting history, a few seconds of busy UI).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = {
    "first_paint_empty", "first_paint_600", "prep_ready", "prep_complete", "save_block", "durable_commit",
    "peak_memory_60", "clock_drift", "clock_drift_real",
}


def test_bench_quick_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--json", str(out),
         "--workdir", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    figures = {f["id"]: f for f in report["figures"]}
    assert set(figures) == FIGURES
    for fid, f in figures.items():
        assert isinstance(f["measured"], (int, float)) and math.isfinite(f["measured"]), fid
        assert f["measured"] >= 0 and f["budget"] > 0, fid
        assert isinstance(f["pass"], bool), fid
    assert report["meta"]["file_bytes"]["h600"] > report["meta"]["file_bytes"]["h60"] > 0
    assert "figure" in done.stdout and "budget" in done.stdout  # the table was printed


def test_side_by_side_runs_both_checkouts(tmp_path: Path) -> None:
    """bench/ab.py against this very checkout: every kind is timed for both, and the table says so."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ab.py"), "--against", str(ROOT), "--rounds", "1", "--kinds", "empty"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rows = [line.split() for line in done.stdout.splitlines() if line.startswith(("bare ", "empty "))]
    assert [(r[0], r[1]) for r in rows] == [("bare", "-"), ("empty", "other"), ("empty", "this")]
    assert all(r[4].endswith("x") and float(r[4][:-1]) > 0 for r in rows)  # median ms, ratio

