"""The parent of the crash harness: kill a writing child with SIGKILL, then check the file.

For each kill: copy the ~1 MB base file into a fresh folder, start ``tests/crash_child.py`` on
it, read its ``ack <n>`` lines, and at a random (seeded) moment — after a random acknowledged
operation, plus a random fraction of an operation's time — send SIGKILL. Then read what the child
acknowledged before it died (*n*), reopen the file with a fresh :class:`~als_tui.store.Store`
(which also proves the dead child's lock does not block) and compare its data with the states the
same operations give in memory (:func:`tests.crash_child.expected_states`):

- **ok**: the file opens and holds the state after operation *n* (the last acknowledged) or
  after *n + 1* (the one in flight when the kill came);
- **corrupt**: the file does not open (unparseable, refused), or its ``.bak`` does not parse;
- **lost**: the file opens but holds some other state (an acknowledged change is missing, or the
  data is mixed).

``run(kills, seed)`` returns a :class:`Report`; ``tests/test_crash.py`` and ``bench/crash.py``
print and assert on it. With ``stock=True`` the child uses TinyDB's stock JSONStorage and the
check opens the file with TinyDB's own ``json.load`` (the contrast benchmark). With
``background=True`` the child opens the store as the ``als`` command does (a writer thread makes
each save durable shortly after the call returns): "lost" then counts acknowledged saves the
writer had not yet put on disk.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from als_tui.store import CRASH_ENV, Store, StoreError, loads
from tests import crash_child

CHILD = Path(crash_child.__file__).resolve()
ROOT = CHILD.parent.parent


@dataclass
class Outcome:
    kill: int
    acked: int  # the last operation the child acknowledged
    verdict: str  # "ok" | "corrupt" | "lost"
    matched: str = ""  # "acked" | "in-flight" | "state k" | ""
    detail: str = ""
    exit_code: int | None = None


@dataclass
class Report:
    kills: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    operations: int = 0
    base_bytes: int = 0

    @property
    def counts(self) -> Counter:
        return Counter(o.verdict for o in self.outcomes)

    @property
    def survived(self) -> int:
        return self.counts["ok"]

    @property
    def corrupt(self) -> int:
        return self.counts["corrupt"]

    @property
    def lost(self) -> int:
        return self.counts["lost"]

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict != "ok"]

    def table(self, title: str = "DurableStorage") -> str:
        c = self.counts
        matched = Counter(o.matched for o in self.outcomes if o.verdict == "ok")
        rows = [
            (f"crash harness: {title}, base file {self.base_bytes / 1e6:.2f} MB, "
             f"{self.operations} operations per run, {self.seconds:.1f} s"),
            f"{'kills':>8} {'survived':>9} {'corrupt':>8} {'lost':>6}   {'= last ack':>10} {'= in flight':>11}",
            (f"{self.kills:>8} {c['ok']:>9} {c['corrupt']:>8} {c['lost']:>6}   "
             f"{matched['acked']:>10} {matched['in-flight']:>11}"),
        ]
        for o in self.failures()[:10]:
            rows.append(f"  kill {o.kill}: after ack {o.acked}: {o.verdict} {o.matched} {o.detail}"[:300])
        return "\n".join(rows)


class Harness:
    """One base file and its expected states, reused by every kill."""

    def __init__(self, workdir: Path, seed: int = 0, *, stock: bool = False, background: bool = False,
                 pace: float = 0.0) -> None:
        self.workdir = Path(workdir)
        self.seed = seed
        self.stock = stock
        self.background = background
        self.child_pace = pace  # the child sleeps this long after each acknowledgement
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.base = self.workdir / "base.json"
        if not self.base.exists():
            crash_child.write_base(self.base, seed)
        self.base_bytes = self.base.read_bytes()
        self.ops = crash_child.script(seed)
        self.states = crash_child.expected_states(self.base_bytes, self.ops)
        self.index = {digest: i for i, digest in enumerate(self.states)}
        self.op_estimate = 0.05 if stock else 0.015  # seconds per operation, until measured

    # -- one child ------------------------------------------------------------------------------
    def fresh_copy(self, name: str) -> Path:
        folder = self.workdir / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(mode=0o700)
        db = folder / "als.json"
        shutil.copyfile(self.base, db)
        os.chmod(db, 0o600)
        return db

    def start(self, db: Path, env_extra: dict[str, str] | None = None) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
        env.update(env_extra or {})
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        args = [sys.executable, str(CHILD), str(db), str(self.seed)]
        args += ["--stock"] if self.stock else ["--background"] if self.background else []
        args += ["--pace", str(self.child_pace)] if self.child_pace else []
        return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)

    @staticmethod
    def _acked(lines: list[str]) -> int:
        acks = [int(line.split()[1]) for line in lines if line.startswith("ack ")]
        return acks[-1] if acks else 0

    def kill_at(self, db: Path, after_ack: int, fraction: float) -> tuple[int, int | None, str]:
        """Run the child on *db*; SIGKILL it once it has acknowledged *after_ack* (0: once it
        opened the store), *fraction* of an operation's time later (the pace is measured from
        the acknowledgements so far). Returns (last ack, exit code, stderr)."""
        proc = self.start(db)
        assert proc.stdout is not None
        lines: list[str] = []
        times: list[float] = []
        try:
            for raw in proc.stdout:
                line = raw.decode().strip()
                lines.append(line)
                times.append(time.perf_counter())
                reached = line == "open" and after_ack == 0 or line == f"ack {after_ack}"
                if reached or line == "done":
                    pace = (times[-1] - times[0]) / (len(times) - 1) if len(times) > 2 else self.op_estimate
                    if fraction:
                        time.sleep(fraction * pace)
                    proc.send_signal(signal.SIGKILL)
                    break
            # Read what is left through the same buffered reader: the line iteration above reads
            # ahead, and communicate() would read the pipe itself, past acknowledgements already
            # buffered here (a loaded machine then reported an acknowledged state as "lost").
            proc.wait(timeout=60)
            rest, err = proc.stdout.read(), proc.stderr.read()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()
        lines += rest.decode().split("\n")
        return self._acked(lines), proc.returncode, err.decode()[-500:]

    def run_until_exit(self, db: Path, env_extra: dict[str, str]) -> tuple[int, int | None, str]:
        """Run the child to its own end (e.g. an ALS_CRASH_AT exit). Returns (last ack, code, stderr)."""
        proc = self.start(db, env_extra)
        out, err = proc.communicate(timeout=120)
        return self._acked(out.decode().split("\n")), proc.returncode, err.decode()[-500:]

    # -- checking -------------------------------------------------------------------------------
    def read_state(self, db: Path) -> str:
        """Digest of the data in *db* as a fresh start sees it. Raises on an unreadable file."""
        if self.stock:  # TinyDB's JSONStorage reads with json.load; an empty file is an empty db
            text = db.read_text(encoding="utf-8")
            return crash_child.canonical(json.loads(text) if text.strip() else {})
        store = Store(db)
        try:
            return crash_child.canonical(store.storage.read())
        finally:
            store.close()

    def check(self, db: Path, acked: int, kill: int = 0, exit_code: int | None = None) -> Outcome:
        out = Outcome(kill, acked, "ok", exit_code=exit_code)
        try:
            digest = self.read_state(db)
        except (StoreError, ValueError, OSError) as exc:
            out.verdict, out.detail = "corrupt", f"{type(exc).__name__}: {str(exc)[:200]}"
            return out
        if digest == self.states[acked]:
            out.matched = "acked"
        elif acked + 1 < len(self.states) and digest == self.states[acked + 1]:
            out.matched = "in-flight"
        else:
            other = self.index.get(digest)
            out.verdict = "lost"
            out.matched = f"state {other}" if other is not None else "no known state"
            return out
        if not self.stock:
            bak = db.with_name(db.name + ".bak")
            if bak.exists():
                try:
                    readable = isinstance(loads(bak.read_bytes()), dict)
                    why = "the top level is not an object"
                except ValueError as exc:
                    readable, why = False, str(exc)
                if not readable:
                    out.verdict, out.detail = "corrupt", f".bak unreadable: {why}"
                    return out
            leftovers = [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")]
            if leftovers:  # the reopen must have cleared what the killed writer left
                out.verdict, out.detail = "corrupt", f"temp files left: {leftovers}"
        return out


def run(kills: int, seed: int = 0, *, workdir: Path | None = None, stock: bool = False,
        background: bool = False, pace: float = 0.0, progress=None) -> Report:
    """*kills* SIGKILLs at seeded random moments; returns the report."""
    started = time.perf_counter()
    own = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="als-crash-")) if own else Path(workdir)
    try:
        h = Harness(workdir, seed, stock=stock, background=background, pace=pace)
        rng = random.Random(f"kills-{seed}")
        report = Report(kills=kills, operations=len(h.ops), base_bytes=len(h.base_bytes))
        for k in range(kills):
            after = rng.randrange(0, len(h.ops))  # kills land anywhere in the sequence ...
            fraction = rng.random()  # ... and anywhere inside an operation
            db = h.fresh_copy(f"kill{k % 2}")
            acked, code, err = h.kill_at(db, after, fraction)
            outcome = h.check(db, acked, k, code)
            if outcome.verdict != "ok" and err.strip():
                outcome.detail += f" [child stderr: {err.strip().splitlines()[-1]}]"
            report.outcomes.append(outcome)
            if progress is not None:
                progress(k, outcome)
        report.seconds = time.perf_counter() - started
        return report
    finally:
        if own:
            shutil.rmtree(workdir, ignore_errors=True)
