"""The features of a turn for the coach's linear model: its cues, how each question opens, its
words and word pairs (also with topic words reduced to their shape), and the lexicon's word classes."""

from __future__ import annotations

from .cues import part_cues
from .lexicon import base_forms, lexicon
from .text import Turn
from .words import AUX_FACT, DET, MODAL, SELF, SUBJ_PRON, WE, WH

__all__ = ["features"]

_OPEN_CLASSES = (
    ("WH", WH), ("MOD", MODAL), ("AUX", AUX_FACT), ("YOU", SELF), ("WE", WE), ("PRON", SUBJ_PRON), ("DET", DET),
)


def _word_class(word: str) -> str:
    for name, words in _OPEN_CLASSES:
        if word in words:
            return name
    if word == "not":
        return "NOT"
    if word in ("if", "whether"):
        return "IF"
    for section, name in (("loaded", "LOAD"), ("speech", "SPEECH"), ("feeling", "FEEL"), ("fact", "FACT"),
                          ("people", "PEOPLE"), ("solution", "SOL"), ("action", "ACT"), ("state", "STATE")):
        if lexicon().has(section, word):
            return name
    if word.endswith("ing"):
        return "ING"
    if word.endswith("ed"):
        return "ED"
    return "W"


_DELEX = True


def _delex(word: str) -> str:
    """The word itself if it is a function word or in the lexicon; otherwise only its shape, so that the
    model learns how people ask, not which topics one writer happened to pick."""
    if not _DELEX or word in FUNCTION_WORDS or any(word in words for words in lexicon().words.values()):
        return word
    for b in base_forms(word)[1:]:
        if any(b in words for words in lexicon().words.values()):
            return b
    if word.endswith("ing"):
        return "_ing"
    if word.endswith("ed"):
        return "_ed"
    if word.endswith("ly"):
        return "_ly"
    if word.isdigit():
        return "_num"
    return "_w"


FUNCTION_WORDS = frozenset(
    """a an the this that these those your you yours yourself his her hers their theirs our ours its it i me my we
    us they them he she him is are was were be been being am do does did done have has had having can could would
    will shall should may might must not no nor and or but so if then than to of in on at by for from with about
    into onto over under up down out off again just really very quite too also only even still ever always never
    what how why who whom whose where when which there here any some all each every more most less least much many
    few own same such as like get got go going gone come came make made take took say said tell told think thought
    know knew feel felt want need try tried see seen look well maybe perhaps yet now already anything something
    nothing everything anyone someone everyone thing things bit lot way kind sort okay ok yeah yes right sorry
    actually honestly basically please let else whether because while though although anyway instead""".split()
)


def features(turn: Turn) -> dict[str, float]:
    """Sparse features of a whole turn: cues (max over its parts), openings, words, word pairs, classes."""
    feats: dict[str, float] = {"bias": 1.0}
    parts = turn.parts
    questions = [p for p in parts if p.qmark] or list(parts)
    for idx, part in enumerate(parts):
        for name, value in part_cues(part).items():
            key = "cue:" + name
            feats[key] = max(feats.get(key, 0.0), value)
    for idx, part in enumerate(questions[:3]):
        w = [t for t in part.toks if t[0].isalnum()]
        if not w:
            continue
        pre = "o" if idx == 0 else "o+"
        feats[f"{pre}1:{w[0]}"] = 1.0
        if len(w) > 1:
            feats[f"{pre}2:{w[0]} {w[1]}"] = 1.0
        if len(w) > 2:
            feats[f"{pre}3:{w[0]} {w[1]} {w[2]}"] = 1.0
        classes = [_word_class(x) for x in w[:4]]
        feats[f"{pre}c2:{' '.join(classes[:2])}"] = 1.0
        feats[f"{pre}c3:{' '.join(classes[:3])}"] = 1.0
        if len(classes) > 3:
            feats[f"{pre}c4:{' '.join(classes)}"] = 1.0
    seen: set[str] = set()
    for part in parts:
        w = [t for t in part.toks if t[0].isalnum()]
        d = [_delex(x) for x in w]
        for i, x in enumerate(w):
            for form in base_forms(x)[:2]:
                seen.add("w:" + form)
            if i + 1 < len(w):
                seen.add(f"b:{x} {w[i + 1]}")
                if _DELEX and (d[i] != x or d[i + 1] != w[i + 1]):
                    seen.add(f"db:{d[i]} {d[i + 1]}")
            c = _word_class(w[i])
            if c not in ("W", "DET", "PRON"):
                seen.add("c:" + c)
                if i + 1 < len(w):
                    seen.add(f"cb:{c} {_word_class(w[i + 1])}")
        if part.preamble:
            seen.add("has_preamble")
    for key in seen:
        feats[key] = 1.0
    n_q = sum(1 for p in parts if p.qmark)
    feats["qmark"] = 1.0 if n_q else 0.0
    if len(parts) > 1:
        feats["multi_part"] = 1.0
    if n_q > 1:
        feats["cue:stacked"] = 1.0
    words = turn.words
    feats["len:" + ("short" if words <= 6 else "mid" if words <= 15 else "long" if words <= 30 else "very_long")] = 1.0
    return feats
