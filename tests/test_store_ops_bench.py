"""bench/store_ops.py runs end to end and reports its figures (their values are the benchmark's
business, not the test suite's)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_store_ops_reports_the_first_owner_look_up(tmp_path: Path) -> None:
    out = tmp_path / "store_ops.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "store_ops.py"), "--meetings", "30", "--rounds", "1",
         "--phases", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    this = json.loads(out.read_text(encoding="utf-8"))["this"]
    for key in ("lookup_cpu", "lookup_wall", "open_cpu", "open_wall"):
        assert isinstance(this[key], (int, float)) and math.isfinite(this[key]) and this[key] >= 0, key
    assert this["phases"] and "first owner look-up" in done.stdout
