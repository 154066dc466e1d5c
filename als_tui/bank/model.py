"""The question bank as the app uses it: a format's stages, their rules, prompts and methods.

Plain frozen dataclasses; loading and checking them is in :mod:`.loading`.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1
SPEAKERS = ("presenter", "set", "scribe", "all")


class BankError(Exception):
    """A bank (or ground-rules file) that cannot be used. ``errors`` holds every problem found."""

    def __init__(self, errors: list[str] | str):
        self.errors: list[str] = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("\n".join(self.errors))

    def __str__(self) -> str:
        return "\n".join(self.errors)


@dataclass(frozen=True)
class Prompt:
    text: str
    purpose: str


@dataclass(frozen=True)
class Method:
    name: str
    description: str


@dataclass(frozen=True)
class StageRules:
    questions_only: bool = False
    advice_allowed: bool = False
    presenter_listens: bool = False
    uninterrupted: bool = False
    planning: bool = False  # the presenter is choosing their own actions (see BANK_FORMAT.md)


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    purpose: str
    minutes: int
    speaker: str
    guidance: str
    rules: StageRules
    prompts: tuple[Prompt, ...]
    methods: tuple[Method, ...]

    @property
    def rule_text(self) -> str:
        """One short line the set can read: who talks and what is allowed."""
        r = self.rules
        if r.questions_only:
            return "Questions only — no advice"
        if r.presenter_listens:
            if r.advice_allowed:
                return "The presenter listens; the set offers suggestions"
            return "The presenter listens; the set talks it through"
        if self.speaker == "presenter":
            return "The presenter speaks; nobody interrupts" if r.uninterrupted else "The presenter speaks"
        if r.advice_allowed:
            text = "Suggestions welcome"
        elif self.speaker == "scribe":
            text = "The scribe speaks"
        elif self.speaker == "set":
            text = "The set talks it through — no advice"
        else:
            text = "Open conversation — no advice"
        if r.uninterrupted:
            text += "; nobody interrupts"
        return text


@dataclass(frozen=True)
class Bank:
    id: str
    name: str
    description: str
    group_min: int
    group_max: int
    total_minutes: int | None
    checkin_minutes: int
    checkin_prompts: tuple[Prompt, ...]
    stages: tuple[Stage, ...]
    review_prompts: tuple[Prompt, ...]
    path: str

    @property
    def stage_minutes(self) -> int:
        return sum(s.minutes for s in self.stages)

    @property
    def typical_minutes(self) -> int:
        """How long a meeting in this format typically takes (its stated total, else its stages)."""
        return self.total_minutes or self.stage_minutes

    def stage(self, stage_id: str) -> Stage | None:
        for s in self.stages:
            if s.id == stage_id:
                return s
        return None


@dataclass(frozen=True)
class GroundRule:
    title: str
    text: str
