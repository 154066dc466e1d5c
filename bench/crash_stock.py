"""Contrast: the crash benchmark of bench/crash.py on TinyDB's stock JSONStorage.

    python bench/crash_stock.py --kills 250 [--seed N]

JSONStorage rewrites the data file in place (seek to 0, write, flush, fsync, truncate). A kill
inside that window leaves a file that is cut short, or the new data followed by the tail of the
old (a shrinking write before its truncate): unreadable. The same operations, kill moments and
checks as bench/crash.py; the table lists the failures. A benchmark, not a test: it always exits 0.
Stock writes are slower (each operation re-reads the whole file), so runs take longer.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crash import main

if __name__ == "__main__":
    raise SystemExit(main(stock=True))
