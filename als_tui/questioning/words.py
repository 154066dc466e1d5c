"""Word classes shared by the coach's cues and features: wh-words, modals, auxiliaries, pronouns."""

from __future__ import annotations

from .lexicon import lexicon

__all__ = ["WH", "MODAL", "AUX_FACT", "SUBJ_PRON", "DET", "NEG_AUX", "SELF", "WE", "is_in", "is_act"]

WH = frozenset("what how why who whom whose where when which".split())
MODAL = frozenset("could would might should can may will shall must".split())
AUX_FACT = frozenset("did was were had has have is are am do does".split())
SUBJ_PRON = frozenset("it there that this they he she we i".split())
DET = frozenset("the a an your his her their our its this that these those some any each every one".split())
NEG_AUX = frozenset("do does did is are was were has have had would could should can will".split())
SELF = frozenset("you your yourself yours".split())
WE = frozenset("we us our".split())

def is_in(section: str, word: str) -> bool:
    """Is any form of *word* in the lexicon's *section*?"""
    return lexicon().has(section, word)


def is_act(word: str) -> bool:
    """A verb (any form) that names something to go and do."""
    return bool(word) and is_in("action", word) and not is_in("state", word)
