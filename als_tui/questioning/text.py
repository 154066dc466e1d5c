"""Text as people type it: normalisation, tokens and the parts of a turn.

A member types fast, in lower case, with no question mark, with typos and texting forms ("u", "dont"),
with spoken disfluencies ("wh-what did", "um,"), a preamble ("Just picking up on what you said about
the rota, ...") and sometimes two questions in one turn. This module turns such a turn into a
:class:`Turn`: lower-case tokens with contractions expanded, split into *parts* (one per question or
sentence), each part with its preamble and opening fillers set aside, so the cues look at what was
really asked. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Part", "Turn", "analyse", "normalise", "tokens", "words_of"]

# The first part of a very long paste is enough to judge it (length still counts as a flag).
MAX_CHARS = 1200

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": " - ", "\u2014": " - ", "\u2015": " - ", "\u2026": "...", "\u00bf": "", "\u00a1": "",
        "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
    }
)

# Texting forms and common slips, word for word (after lower-casing).
_SPELLING = {
    "u": "you", "ya": "you", "yu": "you", "yoo": "you", "ye": "you", "youse": "you", "yous": "you", "y'all": "you",
    "ur": "your", "yr": "your", "r": "are", "wat": "what", "wot": "what", "wut": "what", "whta": "what",
    "hw": "how", "hwo": "how", "teh": "the", "hte": "the", "adn": "and", "nad": "and", "abt": "about",
    "bout": "about", "cos": "because", "cuz": "because", "coz": "because", "bc": "because", "b/c": "because",
    "tho": "though", "thru": "through", "pls": "please", "plz": "please", "thx": "thanks", "tbh": "honestly",
    "ngl": "honestly", "imo": "in my opinion", "imho": "in my opinion", "idk": "i do not know", "rn": "right now",
    "atm": "at the moment", "w/": "with", "w/o": "without", "wrt": "about", "re:": "about", "b4": "before",
    "2day": "today", "2morrow": "tomorrow", "ppl": "people", "msg": "message", "mgr": "manager", "mgmt": "management",
    "dept": "department", "govt": "government", "hav": "have", "havnt": "have not", "wud": "would", "cud": "could",
    "shud": "should", "wld": "would", "cld": "could", "shld": "should", "gonna": "going to", "wanna": "want to",
    "gotta": "got to", "hafta": "have to", "kinda": "kind of", "sorta": "sort of", "dunno": "do not know",
    "lemme": "let me", "gimme": "give me", "innit": "is it not", "aint": "is not", "ain't": "is not",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "werent": "were not", "havent": "have not", "hasnt": "has not", "hadnt": "had not",
    "wouldnt": "would not", "couldnt": "could not", "shouldnt": "should not", "cant": "can not",
    "cannot": "can not", "wont": "will not", "mustnt": "must not", "neednt": "need not", "mightnt": "might not",
    "im": "i am", "ive": "i have", "youre": "you are", "youve": "you have", "youd": "you would",
    "youll": "you will", "theyre": "they are", "theyve": "they have", "whats": "what is", "hows": "how is",
    "whos": "who is", "wheres": "where is", "whens": "when is", "whys": "why is", "thats": "that is",
    "theres": "there is", "heres": "here is", "lets": "let us", "dinnae": "do not", "didnae": "did not",
    "cannae": "can not", "wouldnae": "would not", "isnae": "is not", "wasnae": "was not", "amn't": "am not",
    "recieve": "receive", "recieved": "received", "beleive": "believe", "definately": "definitely",
    "seperate": "separate", "wierd": "weird", "thier": "their", "freind": "friend", "occured": "occurred",
    "untill": "until", "alot": "a lot", "tommorow": "tomorrow", "goverment": "government", "managment": "management",
    "becuase": "because", "becasue": "because", "wich": "which", "whitch": "which", "wen": "when", "wer": "were",
    "woud": "would", "coud": "could", "shoud": "should", "waht": "what", "thnk": "think", "thik": "think",
    "somthing": "something", "anythign": "anything", "realy": "really", "actualy": "actually",
    "probaly": "probably", "probly": "probably", "tryed": "tried", "tride": "tried", "consdered": "considered",
    "considerd": "considered", "thot": "thought", "tought": "thought", "ofc": "of course", "obvs": "obviously",
    "defo": "definitely", "deffo": "definitely", "prolly": "probably", "tryna": "trying to", "ya'll": "you",
}

_CONTRACTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(can)'t\b"), r"\1 not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\bain't\b"), "is not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\b(i)'m\b"), r"\1 am"),
    (re.compile(r"\b(\w+)'re\b"), r"\1 are"),
    (re.compile(r"\b(\w+)'ve\b"), r"\1 have"),
    (re.compile(r"\b(\w+)'ll\b"), r"\1 will"),
    # "you'd tried" is "you had", "you'd try" is "you would": decided by the next word's form
    (re.compile(r"\b(\w+)'d\s+(?=(?:ever\s+|already\s+|just\s+|never\s+|not\s+)?(?:\w+(?<!e)ed|been|done|gone|seen|known|"
                r"taken|given|written|spoken|thought|brought|bought|caught|taught|told|said|heard|made|had|got|gotten|"
                r"left|felt|kept|met|sent|spent|lost|found|held|built|begun|chosen|forgotten|shown|grown|drawn|"
                r"thrown|broken|become|come|run|put|set|let|sat|stood|understood)\b)"), r"\1 had "),
    (re.compile(r"\b(\w+)'d\b"), r"\1 would"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"\b(it|that|what|who|where|when|how|there|here|he|she|why|everything|nothing|something)'s\b"), r"\1 is"),
]

_TOKEN = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*|[?!.,;:]|\s-\s")
_STUTTER = re.compile(r"\b([a-z]{1,4})-(?=\1)")           # "wh-what", "d-did"
_REPEAT = re.compile(r"\b([a-z]+)(?:[\s,]+\1\b)+")         # "the the", "I, I"
_FILLER_WORDS = re.compile(r"(?:^|(?<=[\s,]))(?:u+m+|u+h+|e+r+m*|a+h+|h+m+|mm+)(?=[\s,.?!]|$)[,.]?")
_LIKE_FILLER = re.compile(r"(?:,\s*like\s*,)|(?:^|(?<=\s))like,\s")
_I_MEAN = re.compile(r"(?:^|(?<=[\s,]))(?:i mean|you know|sort of like|kind of like)\s*,\s*")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, plain quotes and dashes, texting forms spelt out, contractions expanded, fillers out."""
    t = unicodedata.normalize("NFKC", text[:MAX_CHARS]).translate(_QUOTES).lower()
    t = re.sub(r"[\x00-\x1f\x7f]", " ", t)
    t = re.sub(r"(?<=\w)\s*-{2,}\s*|\s+-+(?=\w)|(?<=\w)-+\s+", " - ", t)  # dashes between words
    t = _SPACES.sub(" ", t).strip()
    t = _STUTTER.sub("", t)
    t = _FILLER_WORDS.sub(" ", t)
    t = _LIKE_FILLER.sub(" ", t)
    t = _I_MEAN.sub("", t)
    words = []
    for w in t.split(" "):
        core = w.strip("\"'()[]*")
        end = w[len(w.rstrip("?!.,;:")):] if core else ""
        key = core.rstrip("?!.,;:")
        if key in _SPELLING:
            words.append(_SPELLING[key] + end)
        else:
            words.append(w)
    t = " ".join(words)
    for pattern, repl in _CONTRACTIONS:
        t = pattern.sub(repl, t)
    t = _REPEAT.sub(r"\1", t)
    return _SPACES.sub(" ", t).strip()


def tokens(normal: str) -> list[str]:
    """Word and punctuation tokens of a normalised text ("-" marks a spoken dash)."""
    return [m.group(0).strip() for m in _TOKEN.finditer(normal)]


def words_of(toks: list[str]) -> list[str]:
    return [t for t in toks if t[0].isalnum()]


# --------------------------------------------------------------------------- parts

# Openings that only clear the throat, before the real question ("So,", "Just to check,").
_FILLER = re.compile(
    r"^(?:(?:so|and|but|or|also|ok|okay|right|well|now|then|sorry|actually|alright|yes|yeah|yep|ja|aye|oh|ah|"
    r"hi|hello|thanks|thank you|great|interesting|honestly|look|listen|see|basically|quick one|quick question|"
    r"one question|a question|my question is|the question is|question|just|i guess|i suppose|"
    r"(?:can|could|may) i (?:just )?ask(?: you)?(?: a question)?|(?:can|could|may) i check|"
    r"allow me to ask|if i may|if i can|if i could|if you do not mind(?: me asking)?|"
    r"just to (?:check|clarify|be clear|confirm|understand|follow up)|just (?:quickly|checking)|"
    r"out of (?:interest|curiosity)|following on|building on that|on that|"
    r"[a-z]+ here)(?:\s*[,:;.!]\s*|\s+-\s+|\s+(?=\S)))"
)
# A preamble that sets up the question: "Just picking up on what you said about X, ..."
_PREAMBLE = re.compile(
    r"^(?:(?:just |so |and )?(?:picking up|going back|coming back|building|following up|following on|thinking|"
    r"reflecting|listening|hearing|looking back|turning|returning|based|given|on the (?:point|bit|subject)|"
    r"about|regarding|with regard|in terms|when you (?:said|mentioned|talked|described|spoke)|"
    r"you (?:mentioned|said|talked|described|spoke|told us)|i (?:noticed|heard|was struck|am struck))\b[^?]*?)"
    r"(?:,\s*|\s+-\s+|:\s*)(?=(?:what|how|why|who|where|when|which|is|are|was|were|do|does|did|have|has|had|can|could|"
    r"would|will|should|might|may|must|tell|describe|say|talk|walk|take|if|i wonder|in what|any|so)\b)"
)


@dataclass(frozen=True)
class Part:
    """One question (or sentence) of a turn."""

    text: str                 # normalised text of the part, fillers and preamble removed
    toks: tuple[str, ...]     # its tokens
    preamble: str             # a setting-up clause before the question, if any
    qmark: bool               # ended with a question mark


@dataclass(frozen=True)
class Turn:
    """A whole turn: what the member typed, normalised and split."""

    raw: str
    normal: str
    parts: tuple[Part, ...]
    words: int                # words in the raw text


_SENT_SPLIT = re.compile(r"(?<=[?!])\s*|(?<=[a-z0-9\"')\]])\.(?:\s+|$)(?=[a-z\"']|$)")
# A second question joined on: ", and what...", " - is it..." (not "which is", not a list).
_JOIN_SPLIT = re.compile(
    r"(?:\s*[,;]\s*(?:(?:and|or|but|also|plus|so)\s+)?|\s+-\s+(?:(?:and|or|but|also|plus|so)\s+)?|\s+(?:and|or|but|plus)\s+)"
    r"(?=(?:what|how|why|who|where|when|which|(?:is|are|was|were|do|does|did|have|has|had|can|could|would|will|should|might)"
    r" (?!not\b)[a-z]+\b)[^?]{8,}\?)"
)


def _strip(text: str) -> tuple[str, str]:
    """(preamble, question) with opening fillers removed from the question."""
    preamble = ""
    t = text.strip(" ,;:-")
    for _ in range(4):
        m = _PREAMBLE.match(t)
        if m and len(t) - m.end() > 6:
            preamble = (preamble + " " + m.group(0)).strip(" ,:-")
            t = t[m.end():]
            continue
        m = _FILLER.match(t)
        if m and len(t) - m.end() > 2:
            t = t[m.end():]
            continue
        break
    return preamble, t.strip()


def _pieces(normal: str) -> list[str]:
    out = []
    for sent in _SENT_SPLIT.split(normal):
        sent = sent.strip()
        if not sent:
            continue
        # " - " with a question after it: "You said you felt torn - can you say more?"
        chunks = re.split(r"\s+-\s+(?=[^-]*\?$)|\.\.\.\s*", sent)
        for chunk in chunks:
            if chunk.strip(" .,"):
                out.append(chunk.strip())
    return out


def analyse(text: str) -> Turn:
    """Normalise *text* and split it into parts."""
    raw = text if isinstance(text, str) else str(text)
    normal = normalise(raw)
    parts: list[Part] = []
    pending = ""
    pieces = _pieces(normal)
    for i, piece in enumerate(pieces):
        qmark = piece.endswith("?")
        body = piece.rstrip("?!. ")
        # A lead-in sentence with no question of its own, followed by one, is that question's preamble.
        if not qmark and i + 1 < len(pieces) and _is_lead_in(body):
            pending = (pending + " " + body).strip()
            continue
        preamble, core = _strip(body)
        preamble = (pending + " " + preamble).strip()
        pending = ""
        subs = _JOIN_SPLIT.split(core + ("?" if qmark else ""))
        for j, sub in enumerate(subs):
            sub = sub.strip(" ,;-")
            if not sub:
                continue
            sub_q = sub.endswith("?") or (qmark and j == 0 and (len(subs) == 1 or looks_like_question(sub)))
            sub = sub.rstrip("?!. ")
            if j:
                _, sub = _strip(sub)
            if sub:
                parts.append(Part(sub, tuple(tokens(sub)), preamble if j == 0 else "", sub_q))
    if pending and not parts:
        _, core = _strip(pending)
        parts.append(Part(core, tuple(tokens(core)), "", False))
    return Turn(raw, normal, tuple(parts), len(raw.split()))


_SUBORDINATE = re.compile(
    r"^(?:what|how|why|who|where|when|which|whether|if) (?:you|i|we|they|he|she|it|the|your|my|our|their|this|that|a|an)\b"
)
_QUESTION_START = re.compile(
    r"^(?:(?:what|how|why|who|whom|whose|where|when|which)\b|(?:is|are|was|were|do|does|did|have|has|had|can|could|"
    r"would|will|should|might|may|shall|must|am)(?: not)? \w|(?:tell|describe|say|talk|walk|explain|share)\b)"
)


def looks_like_question(text: str) -> bool:
    """Does a clause start like a question ("how did the staff react") rather than a subordinate clause
    ("when you think about it", "what you need")?"""
    if _SUBORDINATE.match(text) and not re.match(r"^(?:what|which|how) (?:the|a|an) \w+ (?:is|are|was|were|do|does|did)\b", text):
        return False
    return bool(_QUESTION_START.match(text))


_LEAD_IN = re.compile(
    r"^(?:(?:so|and|ok|okay|right|sorry|just)\b.*|you (?:said|mentioned|talked|described|told)\b.*|"
    r"i (?:heard|noticed|was struck|am struck|was thinking|have been thinking|think i missed)\b.*|"
    r"(?:listening|hearing|thinking|looking) (?:to|about|at|back)\b.*|.*\b(?:you said|you mentioned)\b.*)$"
)


def _is_lead_in(body: str) -> bool:
    return bool(_LEAD_IN.match(body)) and len(body.split()) <= 40
