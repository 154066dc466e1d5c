"""The stages of one issue session as the flow needs them (the bank supplies richer ones)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StageSpec:
    """One stage of an issue session as the flow needs it (the bank supplies richer ones)."""

    id: str
    title: str
    minutes: int
    method: str = ""


# The classic sequence (DESIGN.md; same ids as content/questions.yaml): account, then four question stages.
DEFAULT_STAGES: tuple[StageSpec, ...] = (
    StageSpec("account", "Presenter's account", 10),
    StageSpec("clarify", "Clarifying questions", 10),
    StageSpec("reflect", "Reflective questions", 10),
    StageSpec("deeper", "Deeper analysis and reframing", 15),
    StageSpec("future", "Future action", 10),
)


def _as_specs(stages: Sequence[Any] | None, stage_minutes: list[int] | None) -> list[StageSpec]:
    if stages is not None:
        specs = []
        for i, stage in enumerate(stages):
            if isinstance(stage, StageSpec):
                specs.append(stage)
            elif isinstance(stage, (tuple, list)):
                specs.append(StageSpec(*stage))
            else:  # duck-typed, e.g. a bank stage with id / title / minutes
                specs.append(
                    StageSpec(
                        str(getattr(stage, "id", f"stage{i + 1}")),
                        str(getattr(stage, "title", f"Stage {i + 1}")),
                        int(getattr(stage, "minutes", 10)),
                        str(getattr(stage, "method", "")),
                    )
                )
        if stage_minutes is not None:
            specs = [
                StageSpec(s.id, s.title, int(m), s.method) for s, m in zip(specs, stage_minutes)
            ]
        return specs
    if stage_minutes is None:
        return list(DEFAULT_STAGES)
    if len(stage_minutes) == len(DEFAULT_STAGES):
        return [StageSpec(s.id, s.title, int(m)) for s, m in zip(DEFAULT_STAGES, stage_minutes)]
    return [StageSpec(f"stage{i + 1}", f"Stage {i + 1}", int(m)) for i, m in enumerate(stage_minutes)]

