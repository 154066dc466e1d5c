"""Rewrites: an open question on the same topic, without the asker's solution or judgement.

A rewrite keeps the topic (a noun phrase of the original: the people, the thing, the situation) and
asks the presenter about it in a frame that carries no step and no view: the options *they* see,
what *they* make of it, what they would like the set to understand. Every candidate is put back
through the coach and kept only if the coach itself calls it open, with no flags, and it shares a
content word with the original; otherwise the next candidate is tried.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .lexicon import lexicon
from .text import Turn

__all__ = ["rewrite_for", "content_words", "noun_phrases"]

_STOP = frozenset(
    """a an the this that these those your you yours yourself his her hers their theirs our ours its it i me my we us
    they them he she him is are was were be been being am do does did done have has had having can could would will
    shall should may might must not no nor and or but so if then than to of in on at by for from with about into onto
    over under up down out off again just really very quite too also only even still ever always never what how why
    who whom whose where when which there here any some all each every more most less least much many few own same
    such as like get got go going gone come came make made take took say said tell told think thought know knew feel
    felt want need try tried see seen look well maybe perhaps yet now then already anything something nothing
    everything anyone someone everyone thing things bit lot way kind sort okay ok yeah yes right sorry just actually
    honestly basically please thanks let lets s t d ll re ve m don isn aren wasn weren didn doesn hasn haven wouldn
    couldn shouldn won can't cannot mean means guess reckon wonder wondering straight back first next other""".split()
)
_NP_START = frozenset("the your his her their our this that these those its".split())
_NP_INDEFINITE = frozenset("a an another some any each every one two three four five six seven eight nine ten twelve fifteen twenty".split())
_WH_DET = frozenset("what which whose".split())
_ACRONYMS = {"hr": "HR", "ceo": "CEO", "cfo": "CFO", "coo": "COO", "cto": "CTO", "md": "MD", "gp": "GP", "vp": "VP",
             "hod": "HOD", "it": "IT", "hca": "HCA", "hcas": "HCAs", "svp": "SVP", "evp": "EVP", "sro": "SRO"}
_NP_STOP = _STOP | frozenset(
    """for with about into from by on at in to of as than because while although though whether if or and but
    now again too also first back up out off down over straight instead anyway yet today tomorrow yesterday soon
    due rather than ones through together before after during since until across""".split()
)
_PREPS = frozenset("at on in about with for from to of over around during after before".split())
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*|[?,.;:!]")


def _raw_tokens(text: str) -> list[str]:
    t = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return _TOKEN.findall(t)


def content_words(text: str) -> set[str]:
    """The words of *text* that carry its topic: not function words, not loaded words."""
    out = set()
    for tok in _raw_tokens(text):
        tok = _shown(tok)
        w = _bare(tok).strip("'")
        if not w.replace("-", "").isalpha() or w in _STOP or _is_loaded(w):
            continue
        if len(w) >= 3 or tok[0].isupper():
            out.add(w)
    return out


def _a_verb(word: str) -> bool:
    """In one of the verb lists, as typed or as a third-person form ("hangs", "reacts")."""
    lex = lexicon()
    forms = (word, word[:-1]) if word.endswith("s") and len(word) > 3 else (word,)
    return any(f in lex.irregular or any(lex.has(s, f) for s in ("state", "speech", "action", "verbs")) for f in forms)


def _verbish(word: str) -> bool:
    """Likely a verb rather than part of a noun phrase ("the staff react", "that sounds")."""
    lex = lexicon()
    if any(lex.has(s, word) for s in ("people", "fact", "solution")):
        return False
    return "n't" in word or _a_verb(word) or word.endswith("ed")


def _infinitive(low: list[str], toks: list[str], i: int) -> bool:
    """'to cover three wards', 'to reset things': 'to' before a verb, not before a place or a person."""
    if low[i] != "to" or i + 1 >= len(low) or toks[i + 1].isupper():
        return False
    after = low[i + 2] if i + 2 < len(low) else ""
    return _a_verb(low[i + 1]) or after in _STOP or after in _NP_INDEFINITE


def _is_loaded(word: str) -> bool:
    lex = lexicon()
    return lex.has("loaded", word) or lex.has("intensifier", word)


def _shown(tok: str) -> str:
    """A word as a rewrite shows it: known acronyms in capitals."""
    return _ACRONYMS.get(tok, tok) if tok.islower() else tok


def _bare(tok: str) -> str:
    """'manager's' -> 'manager', "they'd" -> 'they'."""
    return re.sub(r"'(?:s|d|ll|re|ve|m)$", "", tok.lower())


class NounPhrase(NamedTuple):
    text: str        # as the rewrite will show it
    person: bool     # names a person or a group ("the board", "HR", "Priya")
    definite: bool   # "the/your/this…" or a name: something already in the presenter's world


# Idioms whose nouns are not a topic: "on the table", "how on earth", "in writing".
_IDIOMS = ("on the table", "on the cards", "on earth", "in writing", "on board", "in the loop", "on the same page",
           "at the end of the day", "in the first place", "on the ground", "at the moment", "in the end",
           "at the end of", "the guts", "the nerve", "the patience", "the moment", "the word", "for years",
           "for months", "for ages", "in your shoes", "any idea", "the whole thing", "a lot of", "good nature")


def _idiom_spans(low: list[str]) -> set[int]:
    """Token positions inside an idiom or a loaded phrase."""
    lex = lexicon()
    spans: set[int] = set()
    for start, end in lex.phrase_hits("loaded_phrases", low) + lex.phrase_hits("loaded", low):
        spans.update(range(start, end))
    text = " ".join(low)
    for idiom in _IDIOMS:
        at = text.find(idiom)
        while at >= 0:
            first = text[:at].count(" ")
            spans.update(range(first, first + idiom.count(" ") + 1))
            at = text.find(idiom, at + 1)
    return spans


def noun_phrases(text: str) -> list[NounPhrase]:
    """Noun phrases of *text* in order, kept in the case they were typed."""
    toks = _raw_tokens(text)
    low = [t.lower() for t in toks]
    skip = _idiom_spans(low)
    lex = lexicon()
    out: list[NounPhrase] = []
    n = len(toks)

    def add(words: list[str], definite: bool) -> None:
        words = [_shown(t) for t in words]
        if words:
            last = words[-1]
            words[-1] = last[:-2] if last.lower().endswith("'s") and len(last) > 3 else last
        content = [x for x in words if x.lower() not in _NP_START and x.lower() not in _NP_INDEFINITE]
        head = words[-1].lower() if words else ""
        if not content or head in _NP_START or _is_loaded(head) or lex.has("feeling", head):
            return
        phrase = " ".join(words)
        if phrase.lower() in ("the set", "the group", "us", "this one"):
            return
        heads = [h.lower() for h in (words[-1], words[words.index("of") - 1] if "of" in words else words[-1])]
        person = any(lex.has("people", h) for h in heads) or any(
            t[0].isupper() and not lex.has("fact", t.lower()) for t in content
        )
        out.append(NounPhrase(phrase, bool(person), definite or any(t[0].isupper() for t in content)))

    i = 0
    while i < n:
        w = low[i]
        if i in skip and w not in _NP_START and w not in _NP_INDEFINITE:
            i += 1
            continue
        start_cap = i > 0 and toks[i][0].isupper() and low[i - 1] not in (".", "?", "!") and w != "i"
        det = w in _NP_START or w in _NP_INDEFINITE or (w in _WH_DET and i + 1 < n and not _verbish(low[i + 1]))
        if w == "how" and i + 2 < n and low[i + 1] in ("many", "much"):
            i += 1
            det, w = True, low[i + 0]
        if det or start_cap or (toks[i].isupper() and len(toks[i]) >= 2 and w.isalpha() and w != "i"):
            j = i + 1 if det else i
            words = [toks[i].lower()] if w in _NP_START or w in ("a", "an", "some") else []
            if w in _WH_DET and j + 1 < n and not low[j].endswith("s") and low[j + 1] not in ("of",):
                words = ["the"]  # "What subject does she teach?" -> "the subject"
            if w in ("this", "that", "these", "those") and j < n and (_verbish(low[j]) or _bare(low[j]) in _NP_STOP):
                i += 1
                continue
            k = 0
            while j < n and k < 4 and toks[j][0].isalnum() and low[j] not in _NP_STOP and j not in skip:
                if low[j].endswith("ly") and len(low[j]) > 4 or k and (_verbish(low[j]) or low[j] in _NP_INDEFINITE):
                    break
                if _is_loaded(low[j]):
                    owner = [x for x, t in enumerate(words) if t.lower().endswith("'s")]
                    if owner:  # "the supervisor's obvious resentment": the supervisor
                        del words[owner[-1] + 1:]
                        break
                else:  # "your clueless manager": your manager
                    words.append(toks[j])
                j += 1
                k += 1
            # "the head of finance"
            if j + 1 < n and low[j] == "of" and low[j + 1] not in _NP_STOP and toks[j + 1][0].isalnum() and j + 1 not in skip:
                words += [toks[j], toks[j + 1]]
                j += 2
            # "that short for so long": a demonstrative before an adjective, not a noun phrase
            if not (w in ("this", "that", "these", "those") and j < n and low[j] in _PREPS):
                add(words, w in _NP_START)
            i = max(j, i + 1)
            continue
        nxt = low[i + 1] if i + 1 < n else ""
        if (w in _PREPS and nxt and nxt not in _NP_STOP and nxt.isalpha() and not _verbish(nxt) and not _is_loaded(nxt)
                and i + 1 not in skip and not _infinitive(low, toks, i)):
            j = i + 1
            words = []
            while (j < n and len(words) < 3 and low[j].replace("-", "").isalpha() and low[j] not in _NP_STOP
                   and not _verbish(low[j]) and j not in skip):
                words.append(toks[j])
                j += 1
            if len(words) == 1 and words[0].islower() and words[0] not in _ACRONYMS and lex.has("people", words[0]):
                words = ["the", *words]  # "what kind of leader": the leader
            if words and not (len(words) == 1 and len(words[0]) < 4 and not words[0].isupper()):
                add(words, True)  # "at weekends", "about pay": the setting, not a remedy
            i = max(j, i + 1)
            continue
        i += 1
    return out


def _first_question(raw: str) -> str:
    """The first question of a stacked turn, as typed (with a question mark)."""
    head = re.split(r"\?|\s+(?:and|or)\s+(?=(?:what|how|who|where|when|which|is|are|do|does|did|would|could|can)\b)", raw.strip(), maxsplit=1)[0]
    head = head.strip(" ,;-")
    return head[:1].upper() + head[1:] + "?" if len(head.split()) >= 2 else ""


def _why(raw: str) -> str:
    m = re.match(r"\s*(?:so,?\s+|and\s+)?why\s+(?:did|do)\s+you\s+(?!think\b|reckon\b|feel\b)(.+?)[?.!\s]*$", raw, re.IGNORECASE)
    if m:
        return f"What led you to {m.group(1)}?"
    return ""


_TAG = re.compile(
    r"[,\s-]+(?:(?:is|are|was|were|do|does|did|has|have|had|would|could|should|can|will|must)(?:n't| not)? "
    r"(?:it|they|he|she|you|we|there|that)|right|yeah|yes|no|eh|innit|surely|don't you think|wouldn't you say)\s*\??\s*$",
    re.IGNORECASE,
)
_PUSH_WORDS = frozenset("so such really just honestly surely obviously clearly basically frankly even".split())


def _without_judgement(raw: str) -> str:
    """The question with its loaded words, pushes and tag taken out: "What's it like working for
    someone so chaotic?" -> "What's it like working for someone?"."""
    text = _TAG.sub("", raw.strip().rstrip("?!. ")).strip()
    toks = text.split()
    kept: list[str] = []
    for i, tok in enumerate(toks):
        bare = tok.lower().strip(",.;:!?\"'")
        nxt = toks[i + 1].lower().strip(",.;:!?\"'") if i + 1 < len(toks) else ""
        if _is_loaded(bare) or (bare in _PUSH_WORDS and (not nxt or _is_loaded(nxt) or nxt in ("a", "an"))):
            continue
        kept.append(tok)
    if len(kept) < 3 or len(kept) == len(toks):
        return ""
    out = " ".join(kept).rstrip(",;:- ")
    return out[:1].upper() + out[1:] + "?"


def _candidates(turn: Turn, kind: str, flags: list[str] | tuple[str, ...]) -> list[str]:
    raw = turn.raw.strip()
    # phrases already in the presenter's world ("the team", "Priya") before new or bare ones
    nps = sorted(noun_phrases(raw), key=lambda np_: not np_.definite)
    people = [np_.text for np_ in nps if np_.person]
    known_people = [np_.text for np_ in nps if np_.person and np_.definite]
    things = [np_.text for np_ in nps if not np_.person]
    # in advice, "a mentor", "a team lunch": a new thing is usually the remedy itself
    known_things = [np_.text for np_ in nps if not np_.person and np_.definite]
    lex = lexicon()
    out: list[str] = []
    if kind == "advice":
        # the people a step would involve are part of the presenter's world; the step itself is ours
        out += [f"How do you see the role of {p} in this?" for p in known_people]
        out += [f"When you think about {t}, what options do you see?" for t in known_things if not lex.has("solution", t.split()[-1].lower())]
    elif kind == "leading":
        out += [f"How would you describe your working relationship with {p}?" for p in known_people]
        out += [f"What is going on for you with {p}?" for p in known_people]
        out += [f"What do you make of {t}?" for t in known_things]
        out.append(_without_judgement(raw))
    elif kind == "closed":
        out += [f"What would you like us to understand about {np_.text}?" for np_ in nps]
    elif kind == "statement":
        out += [f"What matters most to you about {t}?" for t in things + people]
    else:  # open, with a flag
        if "why" in flags:
            out.append(_why(raw))
        if "stacked" in flags or "long" in flags:
            out.append(_first_question(raw))
        if "why" in flags:
            out += [f"What do you make of {t}?" for t in things]
            out += [f"What is going on for you with {p}?" for p in people]
        out += [f"What matters most to you about {t}?" for t in things + people]
    return [c for c in dict.fromkeys(out) if c]


def rewrite_for(turn: Turn, kind: str, flags: list[str] | tuple[str, ...]) -> str:
    """An open rewrite of *turn*, or "" for a clean open question."""
    if kind == "open" and not {"why", "stacked", "long"} & set(flags):
        return ""
    from .verdict import judge

    original = content_words(turn.raw)
    fallback = ""
    for candidate in _candidates(turn, kind, flags):
        verdict_kind, verdict_flags = judge(candidate)
        if verdict_kind != "open" or verdict_flags:
            continue
        if original & content_words(candidate):
            return candidate
        fallback = fallback or candidate
    return fallback
