"""The field types of the documents, checked where data comes from outside the store's own writes.

A file that parses can still hold ``"name": 5`` or ``"members": [1, 2, 3]``, and a screen that
gets them crashes. The types come from the model's records themselves (their annotations), so a
new field is checked without a second list to keep. Unknown fields are left alone (a newer
als-tui may add some); a missing required field is refused.

Checked: every import, and every table of a file that has no checksums to vouch for it (written by
hand, or before checksums); a line whose checksum matches is exactly what als wrote.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any

from .. import model

RECORDS: dict[str, type] = {
    "sets": model.ALSet, "meetings": model.Meeting, "actions": model.Action, "preps": model.Prep,
    "training": model.TrainingResult,
}
"""Which record each table holds (the other tables, ``_meta``, hold free-form documents)."""

KNOWN_TABLES = frozenset({*RECORDS, "_meta", "members"})
"""The tables an als data file may have: any other is another program's TinyDB file."""

BIG = 2 ** 53  # the largest whole number every JSON reader keeps exactly

Check = Callable[[Any], "str | None"]  # None if the value fits, else what was expected


def _number(value: Any, whole: bool) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float) if not whole else int):
        return "a whole number" if whole else "a number"
    if isinstance(value, float) and not math.isfinite(value):
        return "a finite number"
    return None


def number_problem(value: Any) -> str | None:
    """A number in imported data beyond what any JSON reader keeps exactly (the store itself keeps
    any whole number, so a file it wrote always opens again)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > BIG:
        return f"it holds a number too large to be meant ({str(value)[:20]}…)"
    if isinstance(value, dict):
        for k, v in value.items():
            why = number_problem(v)
            if why:
                return why
    if isinstance(value, list):
        for v in value:
            why = number_problem(v)
            if why:
                return why
    return None


def _checker(tp: Any) -> Check:
    if tp is Any:
        return lambda v: None
    if tp is str:
        return lambda v: None if isinstance(v, str) else "text"
    if tp is bool:
        return lambda v: None if isinstance(v, bool) else "true or false"
    if tp is int:
        return lambda v: _number(v, True)
    if tp is float:
        return lambda v: _number(v, False)
    if isinstance(tp, type) and issubclass(tp, model.Record):
        return _record_checker(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list:
        item = _checker(args[0]) if args else _checker(Any)

        def check_list(v: Any) -> str | None:
            if not isinstance(v, list):
                return "a list"
            for i, x in enumerate(v, start=1):
                why = item(x)
                if why is not None:
                    return f"a list whose item {i} is {why}"
            return None

        return check_list
    if origin is dict:
        value = _checker(args[1]) if len(args) == 2 else _checker(Any)

        def check_dict(v: Any) -> str | None:
            if not isinstance(v, dict):
                return "an object"
            for k, x in v.items():
                why = value(x)
                if why is not None:
                    return f"an object whose {str(k)[:30]!r} is {why}"
            return None

        return check_dict
    return lambda v: None  # (a type the model does not use: not checked)


_PLANS: dict[type, list[tuple[str, Check, bool]]] = {}


def _plan(cls: type) -> list[tuple[str, Check, bool]]:
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        plan = _PLANS[cls] = []
        for f in fields(cls):  # type: ignore[arg-type]
            required = f.default is MISSING and f.default_factory is MISSING  # type: ignore[misc]
            plan.append((f.name, _checker(hints[f.name]), required))
    return plan


def _record_checker(cls: type) -> Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, dict):
            return f"an object ({cls.__name__.lower()})"
        why = record_problem(cls, v)
        return None if why is None else f"an object whose {why}"

    return check


def record_problem(cls: type, doc: dict[str, Any]) -> str | None:
    """What is wrong with *doc* as a *cls* record ("field 'name' should be text"), or None."""
    for name, check, required in _plan(cls):
        if name not in doc:
            if required:
                return f"field {name!r} is missing"
            continue
        why = check(doc[name])
        if why is not None:
            return f"field {name!r} should be {why}"
    return None


def data_problem(data: dict[str, Any], tables: typing.Iterable[str] | None = None) -> str | None:
    """The first field of *data* (of *tables*, default all) with a wrong type, in words, or None."""
    for name in data if tables is None else tables:
        if name not in KNOWN_TABLES:
            return f"it has a table {name[:40]!r} that als does not keep (another program's file?)"
        cls = RECORDS.get(name)
        docs = data.get(name)
        if cls is None or not isinstance(docs, dict):
            continue
        for doc_id, doc in docs.items():
            if isinstance(doc, dict):
                why = record_problem(cls, doc)
                if why is not None:
                    return f"in document {doc_id} of the table {name!r}, {why}"
    return None
