"""The question gym's content: labelled examples for "Spot the type" and practice cases for "Ask
better", read from content/training.yaml, and the drill's rounds and explanations.

Pure core: never imports Textual. The examples are labelled by the same guide as the coach
(coach/LABELS.md); a test checks every answer against it. Statements are left out of the drill: a
remark is not a question of any kind.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .questioning import FLAG_LABELS, KIND_LABELS, KINDS

__all__ = ["Example", "Scenario", "Training", "DRILL_FLAGS", "load_training", "spot_round", "explain"]

# A drill item's flags: things worth noticing besides its kind.
DRILL_FLAGS = ("stacked", "why", "long")


@dataclass(frozen=True)
class Example:
    text: str
    kind: str
    flags: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    presenter: str
    issue: str
    good_questions: tuple[str, ...]


@dataclass(frozen=True)
class Training:
    examples: tuple[Example, ...]
    scenarios: tuple[Scenario, ...]


def _as_tuple_of_str(value: Any, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValueError(f"{where}: '{field}' must be a list")
    out = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError(f"{where}: every item of '{field}' must be text")
        out.append(item)
    return tuple(out)


def _need_str(d: dict[str, Any], key: str, where: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: '{key}' is missing or empty")
    return value.strip()


def _parse_training(data: Any, source: str) -> Training:
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a mapping with 'examples' and 'scenarios'")
    examples: list[Example] = []
    for i, item in enumerate(data.get("examples") or [], start=1):
        where = f"{source}: examples[{i}]"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected a mapping")
        kind = _need_str(item, "kind", where)
        if kind not in KINDS:
            raise ValueError(f"{where}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
        flags = _as_tuple_of_str(item.get("flags"), where, "flags")
        bad = [f for f in flags if f not in DRILL_FLAGS]
        if bad:
            raise ValueError(f"{where}: unknown flag {bad[0]!r} (one of {', '.join(DRILL_FLAGS)})")
        examples.append(
            Example(
                text=_need_str(item, "text", where),
                kind=kind,
                flags=tuple(f for f in DRILL_FLAGS if f in flags),
                explanation=_need_str(item, "explanation", where),
            )
        )
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    for i, item in enumerate(data.get("scenarios") or [], start=1):
        where = f"{source}: scenarios[{i}]"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected a mapping")
        sid = _need_str(item, "id", where)
        if sid in seen:
            raise ValueError(f"{where}: duplicate id {sid!r}")
        seen.add(sid)
        scenarios.append(
            Scenario(
                id=sid,
                title=_need_str(item, "title", where),
                presenter=_need_str(item, "presenter", where),
                issue=" ".join(_need_str(item, "issue", where).split()),
                good_questions=_as_tuple_of_str(item.get("good_questions"), where, "good_questions"),
            )
        )
    return Training(tuple(examples), tuple(scenarios))


def load_training(path: str | Path | None = None) -> Training:
    """Load examples and scenarios from ``content/training.yaml`` (or ``path``).

    Raises ``ValueError`` naming the file and the entry when the content is malformed.
    """
    import yaml  # lazy: keep the core import light

    if path is None:
        from als_tui.paths import content_file

        path = content_file("training.yaml")
    p = Path(path)
    with p.open(encoding="utf-8") as fh:
        try:
            data = yaml.safe_load(fh)
        except yaml.YAMLError as exc:
            raise ValueError(f"{p}: invalid YAML: {exc}") from exc
    return _parse_training(data, str(p))


# --------------------------------------------------------------------------- drills


def spot_round(training: Training, n: int = 10, rng: random.Random | None = None) -> list[Example]:
    """A round of ``n`` distinct examples for the "spot the type" drill.

    Kinds are mixed: when ``n >= 8`` each kind appears at least twice (as far as the
    content allows). ``rng`` is injected for reproducible rounds.
    """
    rng = rng or random.Random()
    pool = list(training.examples)
    if n <= 0 or not pool:
        return []
    if n >= len(pool):
        rng.shuffle(pool)
        return pool
    by_kind: dict[str, list[Example]] = {k: [] for k in KINDS}
    for ex in pool:
        by_kind.setdefault(ex.kind, []).append(ex)
    chosen: list[Example] = []
    per_kind = 2 if n >= 8 else (1 if n >= len(KINDS) else 0)
    for kind in KINDS:
        items = by_kind.get(kind, [])
        chosen.extend(rng.sample(items, min(per_kind, len(items))))
    chosen_ids = {id(e) for e in chosen}
    rest = [e for e in pool if id(e) not in chosen_ids]
    if len(chosen) > n:
        chosen = rng.sample(chosen, n)
    else:
        chosen.extend(rng.sample(rest, n - len(chosen)))
    rng.shuffle(chosen)
    return chosen


def _flag_note(flags: Iterable[str]) -> str:
    names = [FLAG_LABELS[f].lower() for f in flags if f in FLAG_LABELS]
    return f" Also worth noticing: {', '.join(names)}." if names else ""


def explain(example: Example, chosen_kind: str) -> str:
    """Instant feedback for the "spot the type" drill: right or wrong, and why."""
    right_label = KIND_LABELS.get(example.kind, example.kind)
    note = _flag_note(example.flags)
    if chosen_kind == example.kind:
        return f"Right: it's {right_label.lower()}. {example.explanation}{note}"
    chosen_label = KIND_LABELS.get(chosen_kind, str(chosen_kind))
    return (
        f"Not quite: you chose {chosen_label.lower()}, but it's {right_label.lower()}. "
        f"{example.explanation}{note}"
    )
