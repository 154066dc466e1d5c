"""What the stage changes about a verdict: a question about the presenter's own step, where the
presenter is choosing their actions.

In a stage with the bank rule ``planning`` (future action, follow-up) the presenter is choosing what
they will do, so a question may take the step being chosen for granted: "When will you start?", "Who
might help you with this?", "What will you report back to the set next time?" ask about the
presenter's own step. Asked before anything is chosen, the same words assume a step, and the model,
which reads questions without their stage, calls them advice. In a planning stage a verdict of advice
therefore stands only when the question names a step of its own: a word beyond the small words and
the words of the presenter's own plan (a start, help, time, the set, the options). "Could you ask
finance for a pilot budget?" names one and stays advice there. Standard library only.
"""

from __future__ import annotations

from .features import FUNCTION_WORDS
from .lexicon import base_forms, lexicon
from .text import Turn

__all__ = ["REASON", "names_a_step"]

REASON = "in this stage the presenter is choosing their own step, and the question names none of its own"

# Words of the presenter's own plan: taking, timing, backing and reporting on a step not named here.
OWN_PLAN = frozenset(
    """start starting started begin stop stopping help support commit committed commitment report back act
    acting action actions step steps plan plans progress resources first next time week weeks month months day
    days today tomorrow soon later now deadline date set group meeting""".split()
)


def _plain(word: str) -> bool:
    """A small word, a word of the presenter's own plan, or a generic option word ("options", "first")."""
    forms = base_forms(word)
    return any(f in FUNCTION_WORDS or f in OWN_PLAN for f in forms) or lexicon().has("options", word)


def names_a_step(turn: Turn) -> bool:
    """Does the turn name a particular step (a word beyond the plain ones, or a multi-word step such
    as "take over" or "go to")?"""
    words = [t for part in turn.parts for t in part.toks if t[0].isalnum()]
    if any(not _plain(w) for w in words):
        return True
    return bool(lexicon().phrase_hits("action", words))
