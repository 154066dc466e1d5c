"""The coach's verdict on one turn: its kind, its flags, the cues that decided it, a tip, a rewrite."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from .cues import CUE_TEXT
from .features import features
from .model import Models, load
from .stage import REASON as STAGE_REASON
from .stage import names_a_step
from .words import is_in
from .text import Turn, analyse

__all__ = ["Feedback", "classify", "KINDS", "FLAGS", "STATEMENT"]

KINDS = ("open", "closed", "leading", "advice")
STATEMENT = "statement"
FLAGS = ("stacked", "why", "long", "not_a_question")
LONG_WORDS = 30
LONG_CHARS = 200
# Below this probability of being a question, a turn with no question mark is a statement.
STATEMENT_AT = 0.6


@dataclass(frozen=True)
class Feedback:
    """A verdict. ``kind`` is one of KINDS, or ``"statement"`` for a turn that is not a question and
    carries neither advice nor a view; ``reasons`` says in words which cues decided it. The open
    ``rewrite`` is worked out when first read (it puts candidates back through the coach), so a screen
    that only shows the kind and the tip does not pay for it."""

    kind: str
    flags: tuple[str, ...]
    tip: str
    reasons: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    confidence: float = 1.0
    scores: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    make_rewrite: Callable[[], str] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def rewrite(self) -> str:
        return self.make_rewrite() if self.make_rewrite is not None else ""

    def to_dict(self) -> dict[str, Any]:
        """The keys `als coach --json` prints (README: Command line)."""
        return {
            "kind": self.kind,
            "flags": list(self.flags),
            "reasons": list(self.reasons),
            "tip": self.tip,
            "rewrite": self.rewrite or None,
            "confidence": round(self.confidence, 2),
        }


def _flags(turn: Turn, is_question: bool) -> list[str]:
    flags = []
    questions = [p for p in turn.parts if p.qmark] or [p for p in turn.parts if not p.preamble or p is turn.parts[0]]
    if len([p for p in turn.parts if p.qmark]) >= 2 or (len(questions) >= 2 and all(p.qmark for p in questions)):
        flags.append("stacked")
    if any(re.match(r"(?:and |so |but )?why\b", p.text) for p in turn.parts):
        flags.append("why")
    if turn.words > LONG_WORDS or len(turn.raw.strip()) > LONG_CHARS:
        flags.append("long")
    if not is_question:
        flags.append("not_a_question")
    return flags


def _reason_text(name: str, turn: Turn) -> str:
    """A feature the model leaned on, in words; "" for one too small to explain anything."""
    if name == "cue:loaded" or name == "c:LOAD":
        word = next((w for w in turn.normal.split() if is_in("loaded", w.strip("?,.!"))), "")
        if word:
            return f"the loaded word \u201c{word.strip('?,.!')}\u201d"
    if name.startswith("cue:"):
        return CUE_TEXT.get(name[4:], "")
    if name.startswith(("o2:", "o3:")):
        words = name.split(":", 1)[1]
        if turn.raw.lower().lstrip(" \"'").startswith(words):
            return f"it opens with \u201c{words}\u201d"
    if name.startswith(("w:", "b:")):
        words = name.split(":", 1)[1]
        telling = any(w not in _SMALL and any(is_in(s, w) for s in _TELLING) for w in words.split())
        if telling and words in turn.normal:
            return f"the word{'s' if ' ' in words else ''} \u201c{words}\u201d"
    return ""


_TELLING = ("loaded", "intensifier", "action", "speech", "feeling", "fact", "options", "state")
_SMALL = frozenset(
    """a an the to of in on at by for from with about and or but so if it is are was were be do does did have has
    had you your i we they he she that this there what how why who where when which not just""".split()
)


def _reasons(model, feats: dict[str, float], chosen: str, against: str, turn: Turn) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(up to two reasons in words, the cues among the strongest pushes) for *chosen* over *against*."""
    top = [name for name, _push in model.reasons(feats, chosen, against)[:12]]
    cues = [name[4:] for name in top if name.startswith("cue:")]
    texts: list[str] = []
    # the cues first (they explain), then telling words
    for name in sorted(top, key=lambda n: not n.startswith("cue:")):
        text = _reason_text(name, turn)
        if text and text not in texts and len(texts) < 2:
            texts.append(text)
    return tuple(texts), tuple(cues)


@dataclass(frozen=True)
class _Judgement:
    turn: Turn
    kind: str                  # as shown: one of KINDS or "statement"
    flags: tuple[str, ...]
    reasons: tuple[str, ...]
    cues: tuple[str, ...]
    confidence: float
    probs: dict[str, float]


def _judge(text: str, models: Models | None = None, planning: bool = False) -> _Judgement | None:
    """The verdict without tip or rewrite; *models* defaults to the shipped ones (bench/coach.py passes
    models trained without the writer it tests). *planning*: asked in a stage where the presenter is
    choosing their own actions (:mod:`.stage`)."""
    turn = analyse(text if isinstance(text, str) else str(text))
    if not turn.parts or not re.search(r"[a-z]", turn.normal):
        return None
    models = models or load()
    feats = features(turn)
    probs = models.kind.probs(feats)
    ranked = sorted(probs, key=lambda k: -probs[k])
    kind, runner_up = ranked[0], ranked[1]
    q_prob = models.question.probs(feats)["question"]
    is_question = q_prob >= STATEMENT_AT or any(p.qmark for p in turn.parts)
    stacked_kind = _stacked_rule(models.kind, turn, kind) if len(turn.parts) > 1 else kind
    if stacked_kind != kind:
        kind, runner_up = stacked_kind, kind
    reasons, cues = _reasons(models.kind, feats, kind, runner_up, turn)
    if planning and kind == "advice":
        kind, probs, reasons, cues = _own_step(turn, feats, probs, reasons, cues)
    shown, confidence = kind, probs[kind]
    # A statement is advice or leading only when a cue of that kind says so; otherwise it is a remark.
    if not is_question:
        fired = {k[4:] for k in feats if k.startswith("cue:")}
        kind = next((k for k in ("advice", "leading") if _STATEMENT_CUES[k] & fired), STATEMENT)
        shown = kind
        if kind == STATEMENT:
            confidence = 1.0 - q_prob
            reasons, cues = (CUE_TEXT["not_question"],), ("not_question",)
        else:
            confidence = probs[kind]
            reasons, cues = _reasons(models.kind, feats, kind, "open", turn)
    flags = _flags(turn, is_question)
    return _Judgement(turn, shown, tuple(f for f in FLAGS if f in flags), reasons, cues, confidence, probs)


def _own_step(turn: Turn, feats: dict[str, float], probs: dict[str, float], reasons: tuple[str, ...],
              cues: tuple[str, ...]) -> tuple[str, dict[str, float], tuple[str, ...], tuple[str, ...]]:
    """Advice read in a planning stage: not advice when the question names no step of its own, no cue
    offers one (only "who / when …", which takes the presenter's step for granted) and it reads as
    open or closed otherwise. Returns (kind, probabilities, reasons, cues)."""
    fired = {k[4:] for k in feats if k.startswith("cue:")}
    offered = _STATEMENT_CUES["advice"] & fired - {"who_could"}
    fallback = max(("open", "closed", "leading"), key=lambda k: probs[k])
    if offered or fallback == "leading" or names_a_step(turn):
        return "advice", probs, reasons, cues
    others = 1.0 - probs["advice"]
    shifted = {k: (probs[k] / others if others > 0 else 0.0) if k != "advice" else 0.0 for k in KINDS}
    return fallback, shifted, (STAGE_REASON,), ("own_step",)


# The guide's rule for two questions in one turn: advice if any part carries a step, else leading if
# any part pushes a view. A part counts when the model, reading that part alone, gives it that kind
# at least this probability and a cue of the kind is in it.
PART_AT = 0.7
_RANK = {"advice": 2, "leading": 1}


def _stacked_rule(model, turn: Turn, kind: str) -> str:
    best = kind
    for part in turn.parts:
        feats = features(Turn(turn.raw, part.text, (part,), len(part.text.split())))
        fired = {k[4:] for k in feats if k.startswith("cue:")}
        probs = model.probs(feats)
        for k in ("advice", "leading"):
            if _RANK[k] > _RANK.get(best, 0) and probs[k] >= PART_AT and _STATEMENT_CUES[k] & fired:
                best = k
    return best


_STATEMENT_CUES = {
    "advice": frozenset(
        "modal_you_act modal_other_act modal_thing_helps if_you_act what_if imagine_act why_not how_about any_chance "
        "is_option something_you_could should worth who_could imperative_act maybe_step i_would".split()
    ),
    "leading": frozenset(
        "loaded loaded_phrase intensifier so_adj tag_loaded rhetorical presupposes fair_to_say could_it_be even_push".split()
    ),
}


def judge(text: str, *, planning: bool = False) -> tuple[str, tuple[str, ...]]:
    """(kind, flags) of *text*, without a tip or a rewrite; *planning* as for :func:`classify`."""
    j = _judge(text, planning=planning)
    return (j.kind, j.flags) if j else (STATEMENT, ("not_a_question",))


def classify(text: str, *, planning: bool = False) -> Feedback:
    """The verdict on *text*. Never raises: any string gets a Feedback. *planning*: the question is
    asked in a stage where the presenter is choosing their own actions (the bank rule ``planning``),
    where a question may take the step being chosen for granted (:mod:`.stage`)."""
    from .rewrite import rewrite_for
    from .tips import empty_feedback, tip_for

    try:
        j = _judge(text, planning=planning)
        if j is None:
            return empty_feedback()
        return Feedback(
            kind=j.kind,
            flags=j.flags,
            tip=tip_for(j.kind, j.flags, j.cues),
            make_rewrite=lambda: rewrite_for(j.turn, j.kind, j.flags),
            reasons=j.reasons,
            cues=j.cues,
            confidence=j.confidence,
            scores=j.probs,
        )
    except Exception:  # pragma: no cover - a safety net: the coach must never break a screen
        return empty_feedback()
