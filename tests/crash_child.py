"""The child of the crash harness: a long, deterministic sequence of real store operations.

Run as a program::

    python tests/crash_child.py DB SEED [--stock | --background [--pace SECONDS]]

it opens ``Store(DB)`` (the parent has put a ~1 MB file there), prints ``open``, then performs
the operations of :func:`script` one by one — the same calls the screens make: ``save_meeting``
at every step of a meeting (attendance, check-ins, bids, selection, stage runs with their clock,
harvested questions, review, finish), ``save_action``, ``save_prep``, ``add_training``,
``save_set``, ``delete_meeting``, ``delete_action``, with texts of varied sizes — printing
``ack <n>`` (and flushing) after operation *n* returns. The parent kills it at random moments.

``--stock`` runs the same operations on TinyDB's stock ``JSONStorage`` (in-place writes), for
the contrast benchmark ``bench/crash_stock.py``. ``--background`` opens the store as the ``als``
command does (``Store(background=True)``: a call returns once its snapshot is queued for the
writer thread), so an acknowledgement means what "the screen moved on" means in the app.

Imported (by the harness), the same module builds the base file and replays the operations in
memory (:class:`MemoryStore`: the real :class:`~als_tui.store.Store` methods on TinyDB's
``MemoryStorage``) to know the expected state after each operation.
"""

from __future__ import annotations

import copy
import hashlib
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # run as a program: make `tests` and `als_tui` importable from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import TinyDB
from tinydb.storages import JSONStorage, MemoryStorage

from als_tui import model
from als_tui.clock import FakeClock
from als_tui.flow import DEFAULT_STAGES, MeetingFlow, apply_action_updates
from als_tui.model import (
    Action,
    ActionUpdate,
    ALSet,
    Bid,
    HarvestedQuestion,
    Meeting,
    Member,
    Prep,
    TrainingResult,
)
from als_tui.store import Store, dumps, loads, write_private

SET_ID = "set1"
MEMBERS = ["Asha", "Ben", "Carys", "Dev", "Erin", "Femi"]
BASE_BYTES = 1_000_000  # the base file is at least this big
WORDS = ["rota", "budget", "sponsor", "shift", "handover", "ward", "manager", "staff", "sickness", "night", "cover", "bank", "pool", "agency", "spend", "audit", "governance", "trust", "board", "quality", "patient", "family", "complaint", "deadline"]
# Text a person might paste: emoji, right-to-left, combining marks, markup-like, quotes, tabs.
ODD = ["🚑", "مرحبا", "e\u0301", "[bold]", "[/]", '"quoted"', "\\", "\t", "ß", "中文", "\u200f"]


def text(rng: random.Random, n_words: int) -> str:
    out = []
    for _ in range(n_words):
        out.append(rng.choice(ODD) if rng.random() < 0.05 else rng.choice(WORDS))
    return " ".join(out)


def sized_text(rng: random.Random) -> str:
    """Mostly short, sometimes a long note or a big paste: writes of varied sizes."""
    r = rng.random()
    if r < 0.6:
        return text(rng, rng.randint(0, 30))
    if r < 0.9:
        return text(rng, rng.randint(100, 600))
    return text(rng, rng.randint(2000, 6000))


class MemoryStore(Store):
    """The real Store methods on TinyDB's MemoryStorage: the model of what the file should hold."""

    def __init__(self, data: dict[str, Any]) -> None:  # no file, no lock
        self.path = Path(":memory:")
        self._lock = None
        self._db = TinyDB(storage=MemoryStorage)
        self._db.storage.write(data)


class StockStore(Store):
    """The real Store methods on TinyDB's stock JSONStorage (in-place writes): the contrast."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = None
        self._db = TinyDB(self.path, storage=JSONStorage, access_mode="r+")


def canonical(data: Any) -> str:
    """A digest of *data* that ignores key order and the meetings index (derived from the
    meetings, written with them in the same file)."""
    if isinstance(data, dict) and isinstance(data.get("_meta"), dict):
        data = {**data, "_meta": {k: ({f: v for f, v in d.items() if f != "meetings_index"}
                                      if isinstance(d, dict) else d) for k, d in data["_meta"].items()}}
    try:
        import orjson

        raw = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    except (ImportError, TypeError):
        import json

        raw = json.dumps(data, sort_keys=True).encode()
    return hashlib.sha256(raw).hexdigest()


# -- the base file ------------------------------------------------------------------------------
def _past_meeting(rng: random.Random, k: int) -> tuple[Meeting, list[Action]]:
    date = f"2024-{1 + k // 28:02d}-{1 + k % 28:02d}"
    m = Meeting(set_id=SET_ID, date=date, id=f"past{k:03d}", started_at=date, ended_at=date)
    flow = MeetingFlow(m, ALSet(name="x", id=SET_ID), now=FakeClock(0.0), stages=DEFAULT_STAGES)
    for name in MEMBERS:
        flow.set_attendance(name, model.PRESENT)
    flow.set_roles(MEMBERS[k % 6], MEMBERS[(k + 1) % 6])
    flow.begin_checkin(MEMBERS)
    for name in MEMBERS:
        flow.record_checkin(name, text(rng, rng.randint(20, 120)), [], 150.0)
    flow.finish_checkin()
    for i, name in enumerate(MEMBERS):
        flow.record_bid(Bid(name, text(rng, 6), 1 + (i + k) % 5, 30) if i < 2 else Bid(name, nothing_today=True))
    flow.finish_bids()
    flow.select(MEMBERS[:2], {MEMBERS[0]: 40, MEMBERS[1]: 30})
    actions = []
    while flow.current_session is not None:
        session = flow.current_session
        while not flow.in_actions:
            session.questions.append(HarvestedQuestion(rng.choice(MEMBERS), text(rng, 12), "open"))
            flow.advance_stage(300.0)
        session.insights.append(text(rng, 30))
        actions.append(Action(SET_ID, session.presenter, text(rng, 15), m.id, due=date, created=date,
                              id=f"pa{k:03d}{session.presenter}"))
        flow.finish_session()
    flow.record_review({n: text(rng, 20) for n in MEMBERS}, text(rng, 10))
    flow.finish(next_meeting=date, when=date)
    return m, actions


def base_data(seed: int = 0, min_bytes: int = BASE_BYTES) -> dict[str, Any]:
    """The data of a set with months of history, at least *min_bytes* once serialised."""
    rng = random.Random(f"base-{seed}")
    store = MemoryStore({})
    store._db.storage.write({"_meta": {"1": {"schema": model.SCHEMA_VERSION}}})
    store.save_set(ALSet(name="Ward managers", members=[Member(n, joined="2024-01-01") for n in MEMBERS],
                         ground_rules=["Confidentiality.", "Questions, not advice."], id=SET_ID,
                         created="2024-01-01"))
    k = 0
    while True:
        m, actions = _past_meeting(rng, k)
        store.save_meeting(m)
        for a in actions:
            store.save_action(a)
        k += 1
        if k % 5 == 0:
            store.add_training(TrainingResult(MEMBERS[k % 6], "spot", 10, 7, date="2024-06-01"))
            if len(dumps(store.storage.read())) >= min_bytes:
                break
    for name in MEMBERS:
        store.save_prep(Prep(SET_ID, name, issue=text(rng, 30), why=text(rng, 40), updated="2024-06-01"))
    return copy.deepcopy(store.storage.read())


def write_base(path: Path, seed: int = 0, min_bytes: int = BASE_BYTES) -> bytes:
    """Write the base file (durably, private) and return its bytes."""
    payload = dumps(base_data(seed, min_bytes))
    write_private(path, payload, keep_backup=False)
    return payload


# -- the operations -----------------------------------------------------------------------------
@dataclass
class Op:
    name: str
    apply: Callable[[Store], None]


def _save_meeting(snapshot: dict[str, Any]) -> Callable[[Store], None]:
    return lambda s: s.save_meeting(Meeting.from_dict(snapshot))


def _save_action(snapshot: dict[str, Any]) -> Callable[[Store], None]:
    return lambda s: s.save_action(Action.from_dict(snapshot))


def _call(method: str, *args: Any, record: type | None = None) -> Callable[[Store], None]:
    """``store.<method>(*args)``; with *record*, the one argument is a dict snapshot rebuilt as
    that record class at call time (as the screens pass fresh objects)."""
    if record is not None:
        snapshot = copy.deepcopy(args[0])
        return lambda s: getattr(s, method)(record.from_dict(snapshot))
    return lambda s: getattr(s, method)(*args)


def script(seed: int = 0, meetings: int = 2) -> list[Op]:
    """The deterministic operations: *meetings* whole meetings, with the other writes between."""
    rng = random.Random(f"ops-{seed}")
    ops: list[Op] = []
    clock = FakeClock(1000.0)
    alset = ALSet(name="Ward managers", members=[Member(n, joined="2024-01-01") for n in MEMBERS],
                  ground_rules=["Confidentiality.", "Questions, not advice."], id=SET_ID, created="2024-01-01")
    open_actions = [Action(SET_ID, "Asha", "Baseline action", id="live-a0", created="2025-01-01")]
    ops.append(Op("save_action(new)", _save_action(open_actions[0].to_dict())))
    past = 0  # the oldest past meeting still in the file

    for k in range(meetings):
        date = f"2025-0{1 + k}-10"
        m = Meeting(set_id=SET_ID, date=date, id=f"live{k}", started_at=date, planned_minutes=150)
        flow = MeetingFlow(m, alset, now=clock, stages=DEFAULT_STAGES)

        def save(label: str, m: Meeting = m) -> None:
            ops.append(Op(f"save_meeting({label})", _save_meeting(copy.deepcopy(m.to_dict()))))

        save("start")
        present = [n for n in MEMBERS if rng.random() < 0.85] or MEMBERS[:2]
        for name in MEMBERS:
            flow.set_attendance(name, model.PRESENT if name in present else model.APOLOGIES)
        flow.set_roles(present[0], present[1 % len(present)])
        save("attendance")
        flow.begin_checkin(present)
        save("checkin-begin")
        for name in list(m.checkin_order):
            updates = []
            for a in open_actions:
                if a.owner == name and a.is_open:
                    updates.append(ActionUpdate(a.id, rng.choice(model.REPORT_STATUSES), text(rng, 8)))
            flow.record_checkin(name, sized_text(rng), updates, float(rng.randint(60, 240)))
            for changed in apply_action_updates(open_actions, updates, m.id, date):
                ops.append(Op("save_action(report)", _save_action(copy.deepcopy(changed.to_dict()))))
            save(f"checkin {name}")
        flow.finish_checkin()
        save("bids-begin")
        for i, name in enumerate(present):
            if i < 2:
                flow.record_bid(Bid(name, text(rng, 5), rng.randint(1, 5), rng.choice([20, 30, 40])))
            else:
                flow.record_bid(Bid(name, nothing_today=True))
            save(f"bid {name}")
        flow.finish_bids()
        save("selection")
        flow.select(present[:2], {present[0]: 40, present[1 % len(present)]: 30})
        save("select")
        while flow.current_session is not None:
            session = flow.current_session
            while not flow.in_actions:
                clk = flow.stage_clock()
                clk.start()
                flow.save_clock(clk)
                save("stage-start")
                for _ in range(rng.randint(0, 2)):
                    clock.advance(rng.randint(10, 200))
                    session.questions.append(HarvestedQuestion(rng.choice(present), sized_text(rng), "open"))
                    flow.save_clock(clk)
                    save("question")
                clock.advance(60)
                flow.advance_stage(clk.elapsed)
                save("stage-next")
            action = Action(SET_ID, session.presenter, sized_text(rng), m.id, due="2025-06-01",
                            created=date, id=f"live-{k}-{session.presenter}")
            open_actions.append(action)
            ops.append(Op("save_action(new)", _save_action(copy.deepcopy(action.to_dict()))))
            flow.finish_session()
            save("session-done")
        # between phases, the writes other screens make: prep, training, set, removals
        member = rng.choice(MEMBERS)
        prep = Prep(SET_ID, member, issue=sized_text(rng), why=sized_text(rng), updated=date)
        ops.append(Op("save_prep", _call("save_prep", prep.to_dict(), record=Prep)))
        result = TrainingResult(member, "spot", 10, rng.randint(0, 10), {"open": [3, 4]}, date=date)
        ops.append(Op("add_training", _call("add_training", result.to_dict(), record=TrainingResult)))
        for _ in range(2):  # big removals: the oldest past meetings and their actions
            ops.append(Op("delete_meeting(past)", _call("delete_meeting", f"past{past:03d}")))
            ops.append(Op("delete_action(past)", _call("delete_action", f"pa{past:03d}{MEMBERS[0]}")))
            past += 1
        alset.ground_rules.append(text(rng, 8))
        ops.append(Op("save_set", _call("save_set", alset.to_dict(), record=ALSet)))
        flow.record_review({n: sized_text(rng) for n in present}, text(rng, 10))
        save("review")
        flow.finish(next_meeting="2025-06-01", when=date)
        save("finish")
        if k == 0:  # an action dropped at check-in is deleted
            ops.append(Op("delete_action(live)", _call("delete_action", "live-a0")))
    return ops


def expected_states(base: bytes, ops: list[Op]) -> list[str]:
    """Digest of the data before any operation (index 0) and after each operation *n* (index n)."""
    store = MemoryStore(loads(base))
    states = [canonical(store.storage.read())]
    for op in ops:
        op.apply(store)
        states.append(canonical(store.storage.read()))
    return states


# -- the program --------------------------------------------------------------------------------
def main(argv: list[str]) -> int:
    db, seed = Path(argv[0]), int(argv[1])
    stock = "--stock" in argv[2:]
    ops = script(seed)
    store = StockStore(db) if stock else Store(db, background="--background" in argv[2:])
    out = sys.stdout
    out.write("open\n")
    out.flush()
    pace = float(argv[argv.index("--pace") + 1]) if "--pace" in argv else 0.0
    for n, op in enumerate(ops, start=1):
        op.apply(store)
        out.write(f"ack {n}\n")
        out.flush()
        if pace:  # a person between two steps: the writer thread gets the time the UI leaves it
            time.sleep(pace)
    out.write("done\n")
    out.flush()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
