"""Who is asked to do what: the frame of a question ("could you…", "would you be willing to…",
"if you…") and the kind of its main verb (a step to take, an invitation to talk, a state of mind).

These are the cues that separate advice ("Could you ask the district for a coach?") from an open
invitation ("Could you describe your week?") and from a hypothetical that names no step ("If you had
a free hand, what would you change?"). Standard library only.
"""

from __future__ import annotations

import re
from typing import Callable

from .lexicon import base_forms
from .words import AUX_FACT, DET, MODAL, SELF, WE, WH, is_act, is_in

__all__ = ["verb_kind", "frame_cues", "if_cues", "skip"]

Hit = Callable[..., None]

_ADVERBS = frozenset("just simply maybe perhaps not always also really actually even ever possibly then still "
                     "first quickly at least instead".split())
_SPEECH_NEXT = {
    "tell": frozenset("me us the we a more what how why about whether if something anything".split()),
    "say": frozenset("more a what how why which where who when whether if something anything about a little".split()),
    "talk": frozenset("about through more a us me some".split()),
    "speak": frozenset("about more a us me some".split()),
    "walk": frozenset("us me".split()),
    "take": frozenset("us me".split()),
    "run": frozenset("us me".split()),
    "go": frozenset("back over through into".split()),
    "share": frozenset("with more how what why a your some an anything something".split()),
    "give": frozenset("us me".split()),
    "help": frozenset("us me".split()),
    "explain": frozenset("what how why the a your it that this".split()),
    "fill": frozenset("us me".split()),
    "bring": frozenset("us me".split()),
    "put": frozenset("into".split()),
}
_PURE_SPEECH = frozenset("describe elaborate expand unpack recount outline sketch paint illustrate summarise summarize "
                         "clarify reflect recall remember characterise characterize articulate narrate".split())
_PEOPLE_AFTER_TALK = frozenset("to with".split())


def verb_kind(w: list[str], i: int) -> str:
    """'speech' (tell us, describe), 'act' (a step to go and take), 'state' (see, feel, be) or ''."""
    if i >= len(w):
        return ""
    v = w[i]
    nxt = w[i + 1] if i + 1 < len(w) else ""
    base = next((b for b in base_forms(v) if b in _SPEECH_NEXT or b in _PURE_SPEECH), v)
    if base in _PURE_SPEECH:
        return "speech"
    if base in _SPEECH_NEXT:
        if nxt in _SPEECH_NEXT[base] and not (base == "share" and nxt == "with" and i + 2 < len(w) and w[i + 2] not in ("us", "me", "the")):
            if base == "give" and not any(x in ("sense", "picture", "flavour", "flavor", "example", "idea", "feel", "overview", "rundown", "taste") for x in w[i + 2:i + 6]):
                return "act"
            return "speech"
        if base in ("talk", "speak") and nxt in _PEOPLE_AFTER_TALK:
            return "act"
        if base in ("tell", "say", "talk", "speak", "explain", "share", "go", "give", "take", "bring", "put", "run", "help", "walk", "fill"):
            return "act" if nxt and nxt not in ("it", "that", "this") or base in ("go", "take", "give", "put", "run", "bring") else "speech"
    if v in ("have", "had", "having") and nxt in ("a", "an", "another", "the", "that", "this", "some") and any(x in ("word", "chat", "conversation", "go", "talk", "meeting", "look", "think", "break", "rest", "day") for x in w[i + 2:i + 5]):
        return "act"
    if is_in("state", v):
        return "state"
    if is_act(v):
        return "act"
    return ""


_OTHER_SUBJ_STOP = MODAL | AUX_FACT | WH | {"not", "to", "if"}
_HELPS = frozenset("help helps work works worth difference sort fix solve ease improve".split())


def _ends_subject(w: list[str], j: int) -> bool:
    """Is w[j] the verb after a subject like "a buddy system" or "the senior nurses"?"""
    if w[j] in _HELPS or w[j] in ("just", "simply", "not", "ever", "really", "also"):
        return True
    if any(is_in(s, w[j]) for s in ("people", "solution", "fact")):
        return False
    return verb_kind(w, j) in ("act", "speech", "state")


def skip(w: list[str], i: int, words: frozenset[str] = _ADVERBS) -> int:
    while i < len(w) and w[i] in words:
        i += 1
    return i


_WILLING = frozenset("able willing prepared happy open ready keen comfortable allowed free minded inclined tempted".split())


def _after_willing(w: list[str], i: int) -> int:
    """Skip "be willing to", "be up for", "feel able to", "consider", "think about", "try" before the main verb."""
    i = skip(w, i)
    if i < len(w) and w[i] in ("be", "feel", "are", "were") and i + 1 < len(w) and (w[i + 1] in _WILLING or w[i + 1] in ("up", "in")):
        i += 2
        while i < len(w) and w[i] in ("for", "to", "a", "position", "in") :
            i += 1
    elif i < len(w) and w[i] in _WILLING:
        i += 1
        while i < len(w) and w[i] in ("for", "to", "with"):
            i += 1
    if i < len(w) and w[i] in ("consider", "considering", "try", "trying", "think", "thinking", "look", "looking") and i + 1 < len(w):
        j = i + 1 + (1 if w[i + 1] in ("about", "of", "at", "into") else 0)
        if j < len(w) and (w[j].endswith("ing") or is_in("solution", w[j]) or w[j] in DET):
            return j
    return skip(w, i)


def frame_cues(w: list[str], text: str, hit: Hit) -> None:
    """Who is asked to do what: a modal or willingness frame, its subject and its main verb."""
    n = len(w)
    first = w[0]
    if first in MODAL | {"are", "were", "do", "did"} and n > 2:
        i = 1 + (1 if w[1] == "not" else 0)
        if i < n and w[i] in SELF | WE:
            j = _after_willing(w, i + 1)
            if first in ("do", "did"):
                # "do you want to / need to / fancy <verb>"
                if j < n and w[j] in ("want", "need", "fancy", "plan", "intend", "mean") and j + 1 < n:
                    j = skip(w, j + 1 + (1 if w[j + 1] == "to" else 0))
                else:
                    j = -1
            elif first in ("are", "were") and (i + 1 >= n or w[i + 1] not in _WILLING | {"in"}):
                j = -1
            kind = verb_kind(w, j) if j >= 0 else ""
            if kind == "speech":
                hit("modal_you_speech")
            elif kind == "act":
                hit("modal_you_act")
            elif kind == "state":
                hit("modal_you_state")
        elif first in MODAL and i < n and w[i] in ("it", "that", "this", "there"):
            rest = w[i + 1:i + 6]
            if any(x in ("help", "work", "worth", "better", "easier", "sense", "idea", "option", "useful", "helpful", "wise", "sensible") for x in rest):
                hit("is_option")
            elif w[i + 1:i + 3] == ["be", "that"] or w[i + 1:i + 4] == ["not", "be", "that"]:
                hit("could_it_be")
        elif first in MODAL:
            j = i
            k = 0
            while j < n and k < 5 and w[j] not in _OTHER_SUBJ_STOP and not (k and _ends_subject(w, j)):
                j += 1
                k += 1
            if j < n and k:
                tail = w[j:j + 6]
                j2 = skip(w, j)
                if any(x in _HELPS for x in tail[:4]):
                    hit("modal_thing_helps")
                elif verb_kind(w, j2) == "act" and w[j2] not in ("be", "have", "do", "get", "know", "see"):
                    hit("modal_other_act")
    m = re.match(r"(?:is|would|will|might|could) (?:it|there|that) (?:not )?(?:be )?(?:possible|feasible|realistic|an option|worth|easier|better|time|wise|sensible|a good idea|an idea)(?: for (?:you|us|them|\w+))? (?:to|in|if you) (?:just )?", text)
    if m:
        j = len(text[:m.end()].split())
        if verb_kind(w, j) == "act" or (j < n and w[j].endswith("ing")):
            hit("is_option")
    m = re.match(r"(?:so )?any (?:chance|way|reason|scope|possibility) (?:of |that |you could |you can |we could |you might |you would )?(?:you |us )?(?:not )?(?:just )?", text)
    if m:
        j = len(text[:m.end()].split())
        kind = verb_kind(w, j)
        if kind == "speech":
            hit("modal_you_speech")
        elif kind == "act" or (j < n and w[j].endswith("ing") and kind != "state"):
            hit("any_chance")
    if first in ("have", "had", "did") and n > 2 and (w[1] in SELF | WE or (w[1] == "not" and w[2] in SELF | WE)):
        j = skip(w, 2 if w[1] != "not" else 3, frozenset("not ever already yet just actually maybe perhaps also".split()))
        verb = w[j] if j < n else ""
        if verb in ("tried", "try", "thought", "think", "considered", "consider", "looked", "explored", "contemplated", "weighed"):
            if "that" in w[j + 1:j + 3] or (j + 2 < n and w[j + 1] in ("about", "of") and w[j + 2] in ("how", "why", "what", "whether")):
                hit("considered_that")
            else:
                hit("have_you_tried")
        elif first != "did" and verb_kind(w, j) == "act":
            hit("have_you_done")
    if re.match(r"(?:so |and |but )?why (?:not|(?:do|would|could|can|will|did|have|should|are) not (?:you|we)|(?:do|would|could|can) (?:you|we) not)\b", text):
        hit("why_not")
    if re.match(r"(?:so |and |but )?(?:how|what) about (?:if |just |maybe |perhaps )?(?:\w+ing\b|you \w|we \w|a |an |some |another )", text):
        hit("how_about")


def if_cues(w: list[str], i: int, hit: Hit) -> None:
    """A hypothetical: does it picture a particular step (advice) or only a freer situation?"""
    j = skip(w, i, frozenset("you yourself we someone somebody were to had just simply actually did could would was already".split()))
    if j == i:  # a named subject: "If Meena took over...", "if the team moved..."
        k = i
        while k < len(w) and k - i < 4 and not (k > i and verb_kind(w, k) in ("act", "state")) and w[k] not in MODAL:
            k += 1
        j = skip(w, k, frozenset("were to had just simply actually did could would was already".split()))
    kind = verb_kind(w, j)
    generic = " ".join(w[j + 1:j + 4]).startswith(_GENERIC_OBJECTS)
    if kind == "act" and w[j] not in ("have", "had", "get", "got") and not generic:
        hit("if_you_act")
    elif kind:
        hit("if_you_state")


# "If you could change one thing..." names no particular step.
_GENERIC_OBJECTS = (
    "one thing", "anything", "something", "just one", "only one", "one part", "one aspect", "things", "it all",
    "everything", "nothing", "whatever", "any one", "one of", "that one",
)


