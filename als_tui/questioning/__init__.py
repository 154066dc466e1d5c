"""The question coach: what kind of question a member asked, why, and how to ask it openly.

Pure core: standard library only, never imports Textual. The kinds are those of the set's labelling
guide (coach/LABELS.md): ``open``, ``closed``, ``leading`` and ``advice``; a turn that is not a
question at all is flagged ``not_a_question`` and, unless it carries advice or a view, has the kind
``statement``. One job a module:

- :mod:`.text` — text as people type it: normalisation, the parts of a turn;
- :mod:`.lexicon` — the word lists (``lexicon.txt``);
- :mod:`.cues` — linguistic cues and the features of the learned model;
- :mod:`.model` — the linear models, weights in ``weights.json`` (trained by ``coach/train.py``);
- :mod:`.verdict` — :func:`classify`: kind, flags, the cues that decided it;
- :mod:`.stage` — what the stage changes: a question about the presenter's own step where they plan;
- :mod:`.tips`, :mod:`.rewrite` — what the coach says, and an open rewrite.

Nothing here is loaded until a verdict is asked for, so no screen pays for the coach at start-up.
"""

from __future__ import annotations

from .tips import FLAG_HELP, FLAG_LABELS, KIND_HELP, KIND_LABELS
from .verdict import FLAGS, KINDS, STATEMENT, Feedback, classify, judge

__all__ = [
    "KINDS", "FLAGS", "STATEMENT", "KIND_LABELS", "KIND_HELP", "FLAG_LABELS", "FLAG_HELP",
    "Feedback", "classify", "judge", "warm",
]


def warm() -> None:
    """Read the word lists and the weights now (about a tenth of a second), so that the first verdict
    a screen asks for does not wait for them. Safe to call from a worker thread."""
    classify("What matters most to you here?")
