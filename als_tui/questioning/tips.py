"""What the coach says: the names of the kinds and flags, and a tip for each verdict.

A tip speaks to the cue that decided the verdict ("'Have you tried…' slips your idea in as a
question"), so a member learns what gave it away, not only which box it fell in.
"""

from __future__ import annotations

__all__ = [
    "KIND_LABELS", "KIND_HELP", "FLAG_LABELS", "FLAG_HELP", "tip_for", "empty_feedback",
]

KIND_LABELS = {
    "open": "Open",
    "closed": "Closed",
    "leading": "Leading",
    "advice": "Advice in disguise",
    "statement": "Not a question",
}
KIND_HELP = {
    "open": "Hands the presenter the floor: they explore it in their own words, and no answer is expected.",
    "closed": "Wants a yes, a no or one fact such as a date, a number or a name.",
    "leading": "Carries your own view or judgement, and nudges the presenter towards it.",
    "advice": "Carries a step you have in mind for the presenter, however it is phrased.",
    "statement": "A remark, a story or an opinion rather than a question.",
}
FLAG_LABELS = {
    "stacked": "Stacked",
    "why": "Why",
    "long": "Long",
    "not_a_question": "Not a question",
}
FLAG_HELP = {
    "stacked": "More than one question at once: the presenter can only answer one.",
    "why": "Starts with 'why', which can put the presenter on the defensive.",
    "long": "Over about 30 words: shorter questions land better.",
    "not_a_question": "A statement rather than a question: the set helps most by asking.",
}

# One tip per family of cues: what gave it away, and what to ask instead.
_CUE_TIPS: dict[tuple[str, tuple[str, ...]], str] = {
    ("advice", ("have_you_tried", "have_you_done")): (
        "'Have you tried / thought about…' slips your idea in as a question. Ask what they have tried or "
        "thought of so far, and let them name it."
    ),
    ("advice", ("modal_you_act", "modal_other_act", "modal_thing_helps", "something_you_could")): (
        "A 'could you / would it help to…' with a step in it is a suggestion. Ask what they could do, and "
        "let them name the step."
    ),
    ("advice", ("if_you_act", "imagine_act", "what_if", "cost_to_act")): (
        "A hypothetical about one particular step is still your step. Picture the future without naming it: "
        "'If this went well, what would be different?'"
    ),
    ("advice", ("why_not",)): (
        "'Why not…' asks them to defend not taking your idea. Ask what is keeping things as they are."
    ),
    ("advice", ("how_about", "maybe_step", "any_chance", "is_option", "worth")): (
        "Floating an option, however lightly, makes it yours. Ask which options they can see."
    ),
    ("advice", ("should", "i_would", "imperative_act")): (
        "That tells them what to do. Ask what they think needs to happen, and what they want to do about it."
    ),
    ("advice", ("who_could", "step_in_act", "think_of_doing", "stops_you_act")): (
        "The step is already taken for granted in the question. Ask about the situation before any step."
    ),
    ("leading", ("loaded", "loaded_phrase", "so_adj", "tag_loaded")): (
        "A loaded word gives your verdict before they give theirs. Describe rather than judge: ask what they "
        "make of it."
    ),
    ("leading", ("intensifier", "presupposes")): (
        "Words like 'always', 'never' or 'so' take a judgement for granted. Ask what has actually been "
        "happening."
    ),
    ("leading", ("neg_question", "dont_you_think", "tag", "fair_to_say", "think_judgement")): (
        "It asks them to agree with you. Ask for their view rather than confirmation of yours."
    ),
    ("leading", ("rhetorical", "even_push")): "A rhetorical question makes a point rather than asking one. Ask about their experience of it.",
    ("leading", ("forced_choice",)): "Both choices are judgements. Open it up: ask how they see the people involved.",
    ("leading", ("could_it_be",)): "Offering your own explanation invites them to take it on. Ask what they think lies behind it.",
    ("closed", ("wh_fact", "how_much", "remind", "check_heard")): (
        "One fact answers it. That is fine for checking a detail; follow it with what the fact means for them."
    ),
    ("closed", ("whether", "aux_fact", "past_fact", "or_choice")): (
        "A yes, a no or a pick answers it. Start with 'what' or 'how' to let them answer at length."
    ),
}
_TIP_BY_CUE = {cue: tip for (_kind, cues), tip in _CUE_TIPS.items() for cue in cues}
_FAMILY: dict[str, set[str]] = {}
for (_kind, _cues) in _CUE_TIPS:
    _FAMILY.setdefault(_kind, set()).update(_cues)
_KIND_TIP = {
    "advice": (
        "This carries a solution of your own. Action learning works when the presenter finds their own next "
        "step: ask about the options they can see, without naming yours."
    ),
    "leading": "This carries your own view. Leave the judgement out and ask what the presenter makes of it.",
    "closed": "A yes, a no or one fact answers it. To help the presenter think, ask 'what' or 'how'.",
    "open": "A good open question: it leaves the presenter room to think.",
    "statement": (
        "This is a statement, not a question. The presenter is helped most by questions: turn it into one "
        "they can answer in their own words."
    ),
}
_FLAG_TIP = {
    "stacked": "Ask one question at a time: with two, the presenter answers the easier one.",
    "why": "'Why' can sound like a demand for justification; 'what led to…' or 'what makes…' is gentler.",
    "long": "Say it in fewer words: a short question is easier to hold and answer.",
}
_EMPTY = "Type a question to get feedback on it."


def tip_for(kind: str, flags: tuple[str, ...] | list[str], cues: tuple[str, ...]) -> str:
    """The tip for a verdict: about the deciding cue where there is one, else about the kind."""
    if kind == "open":
        extra = [_FLAG_TIP[f] for f in ("stacked", "why", "long") if f in flags]
        return " ".join(extra) if extra else _KIND_TIP["open"]
    tip = next((_TIP_BY_CUE[c] for c in cues if c in _TIP_BY_CUE), _KIND_TIP.get(kind, _KIND_TIP["open"]))
    if kind in ("advice", "leading", "closed") and tip is not _KIND_TIP.get(kind) and not _fits(kind, cues):
        tip = _KIND_TIP[kind]
    if "stacked" in flags and kind != "statement":
        tip += " " + _FLAG_TIP["stacked"]
    return tip


def _fits(kind: str, cues: tuple[str, ...]) -> bool:
    """Is the first tip-worthy cue one of this kind's own (not a cue that pointed elsewhere)?"""
    first = next((c for c in cues if c in _TIP_BY_CUE), "")
    return first in _FAMILY.get(kind, set())


def empty_feedback():
    from .verdict import Feedback

    return Feedback("statement", ("not_a_question",), _EMPTY, confidence=0.0)
