"""Question classifier and feedback for questioning practice and live coaching.

Pure core: standard library only (the YAML training content is loaded lazily with
pyyaml by :func:`load_training`). Never imports Textual.

The classifier is a small set of rules over the *opening words* of each sentence
(after fillers such as "So," or "Just to check,"), a handful of cue phrases that
carry advice ("have you tried", "what if you", "you should") or a presumed answer
("don't you think", "surely", tag questions), and the structure of the text (how
many question clauses, its length, whether it is a question at all). Advice is
also recognised by structure rather than by stock phrases alone: a suggested thing
as the subject ("Would a rota help?"), a suggestion inside "I wonder whether...",
someone on the presenter's side acting ("What if your deputy took it?"), the
feasibility of the asker's own idea ("Is there scope to..."). It never raises: any
string gets a :class:`Feedback`.

Kinds, exactly one per text, by precedence: ``advice`` > ``leading`` > the kind
of the first question (``closed`` or ``open``). Flags: ``stacked``, ``why``,
``long``, ``not_a_question``.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

__all__ = [
    "KINDS",
    "FLAGS",
    "KIND_LABELS",
    "KIND_HELP",
    "FLAG_LABELS",
    "FLAG_HELP",
    "Feedback",
    "Example",
    "Scenario",
    "Training",
    "classify",
    "load_training",
    "spot_round",
    "explain",
]

KINDS = ("open", "closed", "leading", "advice")
FLAGS = ("stacked", "why", "long", "not_a_question")

KIND_LABELS = {
    "open": "Open",
    "closed": "Closed",
    "leading": "Leading",
    "advice": "Advice in disguise",
}
KIND_HELP = {
    "open": "Invites the presenter to explore: what, how, tell me more.",
    "closed": "Can be answered with yes, no or a single fact such as a date or a name.",
    "leading": "Presumes the answer or pushes your own view: don't you think, isn't it, surely.",
    "advice": "Carries your own solution: have you tried, why don't you, what if you.",
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
    "not_a_question": "A statement or a story rather than a question.",
}

# Texts longer than this are only analysed on their first part (length still counts).
_MAX_ANALYSE = 1200
_LONG_WORDS = 30
_LONG_CHARS = 200


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Feedback:
    kind: str
    flags: tuple[str, ...]
    tip: str
    rewrite: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "flags": list(self.flags), "tip": self.tip}
        if self.rewrite:
            out["rewrite"] = self.rewrite
        return out


@dataclass(frozen=True)
class Example:
    text: str
    kind: str
    flags: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    presenter: str
    issue: str
    good_questions: tuple[str, ...]


@dataclass(frozen=True)
class Training:
    examples: tuple[Example, ...]
    scenarios: tuple[Scenario, ...]


# --------------------------------------------------------------------------- regex helpers

_I = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


_QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": '"',
        "\u203a": '"',
        "\u00bf": "",
        "\u00a1": "",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
    }
)

_CONTRACTIONS: list[tuple[re.Pattern[str], str]] = [
    # text-speak and dropped letters, as typed in a hurry
    (_rx(r"(?<![\w'-])u(?![\w'-])"), "you"),
    (_rx(r"(?<![\w'-])ya(?![\w'-])"), "you"),
    (_rx(r"(?<![\w'-])ur(?![\w'-])"), "your"),
    (_rx(r"(?<![\w'-])r(?=\s+(?:you|u|they|we)\b)"), "are"),
    (_rx(r"\bhav\b"), "have"),
    (_rx(r"(?<![\w'-])(?:bout|abt)(?![\w'-])"), "about"),
    (_rx(r"\bw(?:a|o)t\b"), "what"),
    (_rx(r"\b(c|w|sh)(?:u|ou)d\b"), r"\1ould"),
    (_rx(r"\b(talk|ask|tell|try|go|do|think|say|get|feel|look|work|mak|tak|hav|giv|com|mov|leav|speak|push|call|email|ring)in\b"), r"\1ing"),
    # "you'd thought about" is "you had", not "you would"
    (
        _rx(
            r"\b((?:i|we|he|she|who)(?='d)|you|they)'?d\s+(?=(?:ever\s+|already\s+|just\s+|never\s+)?(?:been|thought|tried|considered|spoken|talked|asked|"
            r"looked|explored|got|had|done|seen|heard|gone|made|taken|given|written|known|told|raised|contacted)\b)"
        ),
        r"\1 had ",
    ),
    (_rx(r"\bcan'?t\b"), "can not"),
    (_rx(r"\bcannot\b"), "can not"),
    (_rx(r"\bwon'?t\b"), "will not"),
    (_rx(r"\bshan'?t\b"), "shall not"),
    (_rx(r"\bain'?t\b"), "is not"),
    (
        _rx(r"\b(do|does|did|is|are|was|were|has|have|had|would|could|should|must|might|need)n'?t\b"),
        r"\1 not",
    ),
    (_rx(r"\b(what|that|it|there|who|where|how|here|he|she|when|why|everything|nothing)'s\b"), r"\1 is"),
    (_rx(r"\b(what|that|there|who|where|how)s\b"), r"\1 is"),
    (_rx(r"\blet's\b"), "let us"),
    (_rx(r"\b(you|we|they|who|what)'re\b"), r"\1 are"),
    (_rx(r"\b(you|they)re\b"), r"\1 are"),
    (_rx(r"\b(i|you|we|they|who|could|would|should|might|must)'ve\b"), r"\1 have"),
    (_rx(r"\b(i|you|we|they|could|would|should|might|must)ve\b"), r"\1 have"),
    (_rx(r"\b(i|you|we|they|he|she|it|that|there|who)'ll\b"), r"\1 will"),
    (_rx(r"\b(you|they)ll\b"), r"\1 will"),
    (_rx(r"\b(i|you|we|they|he|she|it|that|there|who)'d\b"), r"\1 would"),
    (_rx(r"\b(you|they)d\b"), r"\1 would"),
    (_rx(r"\bi'?m\b"), "i am"),
    (_rx(r"\bgonna\b"), "going to"),
    (_rx(r"\bwanna\b"), "want to"),
    (_rx(r"\bgotta\b"), "got to"),
]

_WS = _rx(r"\s+")
_LEAD_JUNK = _rx(r"^(?:[^\w]|_)+")
_TRAIL_JUNK = _rx(r"[^\w?!.)]+$")
_LIST_NUMBER = _rx(r"^(?:q(?:uestion)?\s*\d*\s*[:.)-]|\d+\s*[.):-])\s*")


def _normalise(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).translate(_QUOTE_MAP)
    t = _WS.sub(" ", t).strip()
    t = _LIST_NUMBER.sub("", t)
    t = _LEAD_JUNK.sub("", t)
    t = _TRAIL_JUNK.sub("", t)
    for pattern, repl in _CONTRACTIONS:
        t = pattern.sub(repl, t)
    return t


# --------------------------------------------------------------------------- openings

_AUX = (
    r"(?:is|are|was|were|am|do|does|did|has|have|had|can|could|will|would|shall|should|may|might|must)"
)
_SUBJ = (
    r"(?:you|it|there|they|he|she|we|i|that|this|these|those|the|your|our|their|his|her|my|its|"
    r"anyone|anybody|someone|somebody|everyone|everybody|anything|something|any|people|staff|a|an)"
)
_WH = r"(?:what|how|why|who|whom|whose|where|when|which)"
_PRON_OR_DET = {
    "i", "you", "we", "they", "he", "she", "it", "my", "your", "our", "their", "his", "her",
    "the", "this", "that", "these", "those", "a", "an", "its",
}

_FILLER = _rx(
    r"^(?:so|and|but|or|also|ok(?:ay)?|right|well|um+|erm+|er|uh+|hmm+|ah|oh|now|then|sorry|actually|"
    r"alright|yes|yeah|hi|hello|great|thanks|thank\s+you|interesting|"
    r"just\s+to\s+(?:check|clarify|be\s+clear|confirm|understand)|just\s+(?:quickly|checking)|"
    r"out\s+of\s+(?:interest|curiosity)|quick\s+question|one\s+question|a\s+question|"
    r"(?:my|the)\s+question\s+is|question|i\s+(?:guess|suppose)|"
    r"(?:can|could|may)\s+i\s+(?:just\s+)?ask(?:\s+you)?(?:\s+a\s+question)?|"
    r"i\s+(?:would|want|wanted|would\s+like)\s+to\s+ask(?:\s+you)?|"
    r"let\s+me\s+(?:just\s+)?(?:ask(?:\s+you)?|check|see\s+if\s+i\s+understand|understand|be\s+clear)|"
    r"i\s+am\s+(?:just\s+|really\s+)?(?:curious|wondering|interested)(?:\s+(?:about|to\s+know|to\s+hear|as\s+to|in))?|"
    r"i\s+(?:was|am)\s+(?:just\s+)?wondering|i\s+(?:just\s+)?wonder|just\s+wondering|"
    r"i\s+would\s+(?:like|love)\s+to\s+(?:know|hear|understand)|i\s+(?:want|wanted)\s+to\s+(?:know|understand)|"
    r"i\s+would\s+be\s+(?:interested|curious)\s+to\s+(?:know|hear)"
    r")(?=\W|$)[\s,:;.!\u2014\u2013-]*"
)
_INVITE_FILLER = _rx(
    r"^(?:can|could|may|let\s+me|i\s+(?:am|was|would|want|wanted|just\s+wonder|wonder)|just\s+wondering|out\s+of|quick|"
    r"one\s+question|a\s+question|my\s+question|the\s+question|question)\b"
)
_IF_WHETHER = _rx(r"^(?:if|whether)\s+")

_INVITE = _rx(
    r"^(?:(?:can|could|would|will)\s+you\s+(?:please\s+|perhaps\s+|maybe\s+)?|(?:do|would)\s+you\s+(?:want|like|wish|care)\s+to\s+|please\s+|perhaps\s+|maybe\s+)?"
    r"(?:tell\s+(?:me|us|the\s+set|the\s+group)|say\s+(?:more|a\s+(?:bit|little)|something|what|how|why)|"
    r"describe|explain|(?:talk|walk|take)\s+(?:me|us)\s+through|talk\s+(?:a\s+(?:bit|little)\s+|some\s+|more\s+)?(?:more\s+)?about|give\s+(?:me|us)\s+(?:an?\s+|some\s+|more\s+)?"
    r"(?:example|examples|sense|picture|idea|flavour|flavor)|share\s+(?:more|a\s+(?:bit|little)|with\s+(?:me|us)|what|how|an?\s+example)|"
    r"paint\s+(?:me\s+|us\s+)?a\s+picture|expand|elaborate|unpack|clarify|help\s+(?:me|us)\s+(?:to\s+)?understand|"
    r"put\s+(?:it|that|this)\s+into\s+words|summari[sz]e|go\s+on|carry\s+on|keep\s+going|imagine|picture|"
    r"think\s+back|reflect\s+on|more\s+about|about)\b"
)


def _strip_fillers(s: str) -> tuple[str, bool, bool]:
    """Remove opening fillers. Returns (core, invited, yesno): invited when a filler like
    'I wonder' made it a question; yesno when it continued with 'if/whether'."""
    invited = False
    yesno = False
    core = s
    for _ in range(6):
        m = _FILLER.match(core)
        if not m or m.end() == 0:
            break
        rest = core[m.end():]
        if not re.search(r"\w", rest):
            break
        if _INVITE_FILLER.match(m.group(0)):
            invited = True
        core = rest
    if invited:
        m = _IF_WHETHER.match(core)
        if m and re.search(r"\w", core[m.end():]):
            core = core[m.end():]
            yesno = True
    return core, invited, yesno


_WH_START = _rx(rf"^(?:{_WH}|(?:in|to|for|at|on|by|from|with|under)\s+(?:what|which|whose|whom)|how\s+come)\b")
_AUX_START = _rx(rf"^{_AUX}\s+(?:not\s+)?{_SUBJ}\b")
_AUX_ANY = _rx(r"^(?:is|are|was|were|am|does|did|has|had|can|could|will|would|shall|should|may|might|must)\b\s+\w")
_WH_INVERSION = _rx(
    rf"^{_WH}\s+(?:(?:else|ever|exactly|on\s+earth)\b|{_AUX}\b|not\b|(?:[\w'-]+\s+){{0,2}}?{_AUX}\s+(?:not\s+)?{_SUBJ}\b|"
    rf"[a-z]+(?:s|ed)\b|set\b|made\b|led\b|went\b|came\b|got\b|took\b|gave\b|told\b|said\b|knew\b|"
    rf"matters?\b|helps?\b|worries\b|stops?\b|(?:many|much|long|often|far|old|soon|big|sure|come)\b|"
    rf"(?:[a-z]+)\s+{_AUX}\b)"
)


def _wh_is_question(core: str) -> bool:
    """A wh-opening is a question unless a subject follows it directly ("What you need is...")."""
    if re.match(r"^(?:in|to|for|at|on|by|from|with|under)\s+", core, _I):
        return True
    words = core.split(None, 2)
    if len(words) == 1 or not re.search(r"\w", " ".join(words[1:])):
        return True  # "Why?", "And when?"
    nxt = re.sub(r"\W", "", words[1]).lower()
    return nxt not in _PRON_OR_DET


def _opening(core: str) -> str:
    """'wh', 'aux', 'invite' or 'decl' for a filler-stripped sentence."""
    if _INVITE.match(core):
        return "invite"
    if _WH_START.match(core):
        return "wh" if _wh_is_question(core) or "?" in core else "decl"
    first = core.split(None, 1)[0].lower() if core.split() else ""
    if first in ("do", "have"):
        return "aux" if _AUX_START.match(core) and not re.match(r"^(?:do|have)\s+(?:a|an|some|the)\b", core, _I) else "decl"
    if _AUX_ANY.match(core) or _AUX_START.match(core):
        return "aux"
    if first in ("any", "anything", "anyone", "anybody") and "?" in core:
        return "aux"
    return "decl"


# --------------------------------------------------------------------------- advice cues

_ACTION_FIRST = {"tried", "considered", "explored", "investigated", "thought", "looked", "think", "consider", "try", "explore", "look"}

_ADVICE_START: list[tuple[re.Pattern[str], str]] = [
    (
        _rx(
            r"^(?:have|has|had)\s+(?:not\s+)?(?:you|we)\s+(?:not\s+)?(?:ever\s+|already\s+|yet\s+|actually\s+|maybe\s+|perhaps\s+|also\s+|thought\s+to\s+|tried\s+to\s+)?"
            r"(?P<verb>tried|considered|thought\s+(?:about|of)|looked\s+(?:at|into)|explored|investigated|spoken|talked|asked|approached|"
            r"contacted|raised|discussed|mentioned|flagged|escalated|involved|delegated|suggested|proposed|offered|told|"
            r"gone\s+(?:to|back)|been\s+to|reached\s+out|got\s+in\s+touch|run|put|set\s+up|shared|checked|challenged|"
            r"pushed\s+back|booked|arranged|sought|used|emailed|called|rung|phoned|written|sent|invited|brought\s+in|"
            r"negotiated|applied|requested|engaged|sat\s+down|had\s+a\s+(?:word|chat|conversation))\b(?P<rest>.*)"
        ),
        "have_you",
    ),
    (
        _rx(
            r"^did\s+(?:not\s+)?you\s+(?:not\s+)?(?:ever\s+)?(?P<verb>consider|think\s+(?:about|of)|try|look\s+(?:at|into)|explore)\b(?P<rest>.*)"
        ),
        "did_you",
    ),
    (
        _rx(
            r"^why\s+(?:not\b|(?:do|would|could|can|will|should|does|might)\s+not\s+(?:you|we)\b|"
            r"(?:do|would|could|can|will|should|might)\s+(?:you|we)\s+not\b|(?:did|have|has|had)\s+(?:not\s+)?(?:you|we)\s+(?:not\s+)?(?=just\b|simply\b))"
            r"(?P<rest>.*)"
        ),
        "why_not",
    ),
    (_rx(r"^what\s+if\s+(?:maybe\s+|perhaps\s+|instead\s+)?(?:you|we)\b(?P<rest>.*)"), "what_if"),
    (
        _rx(
            r"^(?:what|how)\s+(?:if|about\s+if|would\s+it\s+(?:be|look|work|feel)\s+if)\s+(?:maybe\s+|perhaps\s+|instead\s+)?"
            r"(?:your\s+[\w'-]+(?:\s+[\w'-]+)?|(?:the\s+)?(?:two|three|both|all|each|one)\s+of\s+(?:you|us)|you\s+(?:and|or)\s+[\w'-]+(?:\s+[\w'-]+)?|"
            r"someone|somebody|one\s+of\s+(?:you|your\s+[\w'-]+)|the\s+(?:team|school|ward|practice|department|service|council|board|trust|governors))\s+"
            r"(?!(?:was|were(?!\s+to\b)|had|did|said|refused|left|quit|resigned|found|leaves|refuses|says|finds|is|are|has|does|got|went|became|decided|lost|failed|stopped|"
            r"complained|objected|disagreed|died|fell|broke|ignored|reacted|thought|felt|knew|saw)\b)"
            r"(?P<rest>(?:just\s+|simply\s+|also\s+|were\s+to\s+)?(?:[a-z]+ed|took|met|put|set|ran|gave|sent|wrote|brought|rang|spoke|made|told|held|kept|led|"
            r"drew|sat|chose|paid|built|began|cut|let|split|went\s+to|came\s+(?:in|to|along)|"
            r"take|meet|ask|try|run|lead|chair|cover|share|swap|step|sit|write|send|give|bring|call|ring|speak|talk|tell|hold|"
            r"keep|draw|pay|build|start|move|hand|pass|offer|make|go|come)\b\s+\w.*)"
        ),
        "what_if",
    ),
    (_rx(r"^how\s+(?:would|about)\s+it\s+(?:be|work|look|feel|go)\s+if\s+(?:you|we)\b(?P<rest>.*)"), "what_if"),
    (_rx(r"^(?:could|can)\s+not\s+(?:you|we)\b(?P<rest>.*)"), "could_not"),
    (_rx(r"^(?:could|can)\s+(?:you|we)\s+not\b(?P<rest>.*)"), "could_not"),
    (_rx(r"^(?:could|can|might)\s+(?:you|we)\s+(?:just|simply|maybe|perhaps|always|not\s+just)\b(?P<rest>.*)"), "could_just"),
    (_rx(r"^(?:could|might)\s+(?:you|we)\s+(?P<rest>.*)"), "could_you"),
    (
        _rx(r"^(?:should|ought|shall)\s+(?:not\s+)?(?:you|we|they|the|your|someone|somebody|he|she)\b(?:\s+not)?(?P<rest>.*)"),
        "should",
    ),
    (
        _rx(
            r"^would\s+(?:not\s+)?(?:it|that|this|there)\s+(?:not\s+)?(?:really\s+)?(?:help|be\s+(?:(?:a\s+)?(?:bit|lot|much|more|even|any|so)\s+)?"
            r"(?:better|worth|easier|simpler|quicker|safer|wiser|kinder|fairer|cheaper|useful|helpful|good|wise|sensible|best|"
            r"an?\s+(?:idea|option|good\s+idea|plan|solution)|worthwhile|possible\s+(?:to|for\s+you))|make\s+(?:more\s+)?sense|work\s+(?:if|to|better))\b"
            r"(?:\s+(?:to|if|for\s+you\s+to))?(?P<rest>.*)"
        ),
        "would_it",
    ),
    (
        _rx(
            r"^would\s+(?:not\s+)?you\s+(?:not\s+)?(?:ever\s+)?(?:consider|think\s+(?:about|of)|be\s+(?:better\s+off|better(?=\s+\w+ing\b)|willing\s+to|prepared\s+to|open\s+to|able\s+to|"
            r"(?:happy|comfortable|ready|keen|up\s+for)(?=\s+(?:to\s+\w|\w+ing\b)))|feel\s+(?:able|ready|comfortable|confident)(?=\s+(?:to\s+\w|\w+ing\b|about\s+\w+ing\b))|"
            r"want\s+to\s+(?:try|ask|talk|speak|go|get|just)|like\s+to\s+(?:try|ask|talk|speak)|try|look\s+at|ask|talk|speak)\b(?P<rest>.*)"
        ),
        "would_you",
    ),
    (
        _rx(
            r"^(?:is|was)\s+(?:not\s+)?(?:it|there|that|this)\s+(?:not\s+)?(?:really\s+)?(?:worth|any\s+(?:point|merit|value|mileage|way|harm|chance)|"
            r"an?\s+(?:option|idea|possibility|case\s+for)|(?:better|best|easier|wise|sensible)\s+(?:to|for\s+you\s+to|if\s+you)|"
            r"time\s+(?:to|you|we|for\s+you|for\s+us)|possible\s+(?:to|for\s+you\s+to)\s+just|"
            r"(?:possible|feasible|realistic|an\s+option)\s+(?:to|for\s+(?:you|us|them|the\s+\w+)\s+to)\s+(?!(?:know|tell|say|see|find\s+out|predict|measure|confirm|check|get\s+(?:the|any|more|some)\s+(?:data|figures|numbers|information|details))\b)|"
            r"(?:any\s+|some\s+|enough\s+)?(?:scope|room|mileage|merit|value|sense|point|leeway)\s+(?:to\s+|in\s+(?=\w+ing\b)|for\s+(?=\w+ing\b))|"
            r"something\s+to\s+be\s+said\s+for)\b(?:\s+(?:to|in|you\s+could|we\s+could))?(?P<rest>.*)"
        ),
        "is_it_worth",
    ),
    (
        _rx(
            r"^(?:might|may|could)\s+(?:not\s+)?(?:it|that|this)\s+(?:not\s+)?(?:(?:really\s+)?help|make\s+(?:more\s+)?sense|be\s+(?:(?:a\s+)?(?:bit|lot|more)\s+)?"
            r"(?:better|worth|easier|wiser|useful|helpful|good|an?\s+(?:idea|option)))\b(?:\s+(?:to|if))?(?P<rest>.*)"
        ),
        "might_it",
    ),
    (
        _rx(
            r"^(?:do|did|would)\s+(?:not\s+)?you\s+(?:not\s+)?(?:really\s+)?(?:think|feel|reckon|believe)\s+(?:that\s+)?(?:you|we|it|they|the\s+\w+)\s+"
            r"(?:should|ought\s+to|need\s+to|could\s+just|might\s+want\s+to|must|would\s+be\s+(?:better|worth|best|wise|good))\b(?:\s+(?:to|be))?(?P<rest>.*)"
        ),
        "should",
    ),
    (
        _rx(
            r"^do\s+(?:not\s+)?you\s+(?:not\s+)?(?:want|need|fancy)\s+to\s+(?:just\s+)?(?P<rest>(?:try|ask|(?:talk|speak)(?!\s+(?:about|more|a\s+bit|through)\b)|go|get|call|email|ring|raise|escalate|"
            r"consider|look|book|bring|tell|have\s+a\s+(?:word|chat))\b.*)"
        ),
        "want_to",
    ),
    (_rx(r"^do\s+(?:not\s+)?you\s+(?:not\s+)?fancy\s+(?P<rest>\w+ing\b.*)"), "want_to"),
    (_rx(r"^(?:is\s+there\s+)?any\s+(?:chance|possibility|hope|mileage|sense|point|merit)\s+(?:of|in)\s+(?:you\s+|us\s+)?(?P<rest>\w+ing\b.*)"), "any_chance"),
    (
        # raising something with someone: "Have you floated the idea with the partners?"
        _rx(
            r"^(?:have|has|had)\s+(?:not\s+)?(?:you|we)\s+(?:not\s+)?(?:ever\s+|already\s+|yet\s+)?(?P<rest>[a-z]+(?:ed|en|un|ut|ought|ken|wn)\s+"
            r"(?:it|this|that|the\s+(?:idea|issue|problem|question|proposal|plan|matter|concern|case)|your\s+(?:idea|concerns?|plan|proposal|case|worries))\s+"
            r"(?:(?:of|about|for)\s+(?:[\w'-]+\s+){1,5}?)?(?:with|to|past|by|in\s+front\s+of|at|before)\s+\w.*)"
        ),
        "raise_with",
    ),
    (
        # "Would the team be better off with a leader?", "Could the branch benefit from..."
        _rx(
            r"^(?:would|could|might|will)\s+(?:not\s+)?(?:the|your|you|they|it|their|our)\b(?:\s+[\w'-]+){0,3}?\s+(?:not\s+)?"
            r"(?:be\s+better\s+(?:off|served)|benefit\s+from)\b(?P<rest>.*)"
        ),
        "would_it",
    ),
    (
        # a modal with "just": "Can't the library just extend its hours?"
        _rx(
            r"^(?:can|could|would|should|will|might)\s+(?:not\s+)?(?:the|your|their|our|they|he|she|someone|somebody)\b(?:\s+[\w'-]+){0,3}?\s+(?:not\s+)?"
            r"(?:just|simply)\s+(?!(?:be|see|accept|understand|feel|have|know|admit|listen|get\s+on|leave\s+(?:you|me|us|it)\s+alone)\b)(?P<rest>[a-z]+\b.*)"
        ),
        "could_just",
    ),
    (
        # "Is the answer to hire more staff?", "Isn't the obvious fix just to ask?"
        _rx(
            r"^(?:is|would)\s+(?:not\s+)?(?:the|one|an?|part\s+of\s+the)\s+(?:(?:obvious|simple|real|best|only|easy)\s+)?"
            r"(?:answer|solution|fix|way\s+forward|remedy|step|move|option)\s+(?:not\s+)?(?:be\s+)?(?:just\s+|simply\s+)?(?:to|for\s+you\s+to)\s+(?P<rest>.*)"
        ),
        "answer_is",
    ),
    (
        # a suggested thing as the subject: "Would a rota help?", "Could a mentor help here?"
        _rx(
            r"^(?:would|could|might|will|can|may)\s+(?:not\s+)?(?P<rest>(?:a|an|some|another|more|extra|fewer|less|(?!(?:some|any|no|every)thing\b)[a-z]+ing)\s+(?:[\w'-]+\s+){0,6}?)"
            r"(?:help|work|sort|solve|fix|ease|improve|change\s+things|do\s+the\s+(?:job|trick)|make\s+(?:a|any|the|more\s+of\s+a)\s+difference|"
            r"be\s+(?:better|worth|easier|quicker|simpler|useful|helpful|enough|an\s+option|a\s+(?:good\s+)?(?:idea|option|way|start)))\b"
        ),
        "np_help",
    ),
    (
        # someone on the presenter's side doing something: "Could the school apply for the grant?"
        _rx(
            r"^(?:could|might)\s+(?:not\s+)?(?:the|your)\s+(?:[\w'-]+\s+){1,3}?(?:not\s+)?(?:just\s+)?"
            r"(?P<rest>(?:apply|ask|take|cover|lead|run|chair|pay|fund|share|step\s+in|offer|hire|recruit|bring|set\s+up|host|provide|"
            r"split|swap|pick\s+up|handle|pilot|trial|buy|rent|introduce|hold|organi[sz]e|arrange|write|call|contact|email|invite|"
            r"mentor|support|train|absorb|lend|second|release|backfill|sponsor|champion)\b(?!\s+(?:you|me|us)\b).*)"
        ),
        "could_you",
    ),
    (_rx(r"^any\s+(?:chance|way|reason)\s+(?:you|we)\s+(?:could|can|might|would|should|not)\b(?P<rest>.*)"), "could_you"),
    (
        _rx(
            r"^(?:is\s+there\s+)?(?:a|any|some)\s+(?:good\s+)?reason\s+(?:why\s+)?(?:you|we)\s+(?:have|did|do|would|could|can|should|are)\s+not\s+"
            r"(?:yet\s+|already\s+)?(?P<rest>.*)"
        ),
        "why_not",
    ),
    (
        _rx(
            r"^(?:maybe|perhaps|possibly)\s+(?:(?:you|we)\s+(?:could|should|can|might|need\s+to|ought\s+to|want\s+to|would|just|try)|"
            r"(?P<imp>try|just|consider|think\s+about|talk|speak|ask|get|go|have\s+a)|"
            r"it\s+(?:is|would\s+be|might\s+be|could\s+be)\s+(?:worth|time|better|best|an\s+idea|a\s+good\s+idea|useful|helpful|wise|sensible)(?:\s+to)?)\b(?P<rest>.*)"
        ),
        "maybe",
    ),
]

_IMPERATIVE = _rx(
    r"^(?:(?:just|maybe|perhaps|please|so|then|first)\s+)?(?P<rest>(?:try|talk|speak|ask|go|get|email|e-mail|call|ring|phone|text|message|raise|escalate|"
    r"delegate|book|arrange|organi[sz]e|set\s+up|make\s+sure|ensure|tell|have\s+a\s+(?:word|chat|conversation|think|go|look|quiet\s+word)|"
    r"take|give|put|bring|invite|involve|write|send|stop|start|drop|consider|think\s+about|look\s+(?:at|into|for)|push\s+back|"
    r"reach\s+out|do\s+not|never|always|let|focus|prioriti[sz]e|document|record|log|keep|use|find|sit\s+down|schedule|block|"
    r"cancel|postpone|sleep\s+on|leave|quit|resign|report|complain|challenge|apply|pilot|trial|split|pair|plan|review|check|"
    r"ignore|accept|forget|remember\s+(?:to|that)|move|change|switch|swap|hand|pass|offer|propose|suggest|insist|refuse|"
    r"say\s+(?:no|yes)|speak\s+up|step\s+back|walk\s+away|outsource|hire|recruit|train|meet|agree|negotiate|contact|approach|"
    r"copy|cc|loop|include|limit|cut|reduce|increase|simplify|be\s+(?:honest|clear|firm|direct|upfront|open|kind|brave)|learn|read|join|"
    r"see\s+if|find\s+out|run)\b.*)"
)
_IMPERATIVE_NOT = _rx(
    r"^(?:(?:just|maybe|perhaps|please|so|then|first)\s+)?(?:do\s+not\s+(?:you|we)\b|let\s+(?:us\s+)?(?:me|us\s+be|us\s+face|me\s+check)\b|"
    r"tell\s+(?:me|us)\b|give\s+(?:me|us)\s+(?:an?\s+)?example|take\s+(?:me|us)\s+through|go\s+on\b|keep\s+going|"
    r"look\s+back|think\s+back|say\s+more|check\s+in)"
)

_ADVICE_ANY = [
    _rx(r"\bif\s+i\s+(?:were|was)\s+you\b"),
    _rx(r"\bin\s+your\s+(?:shoes|position|place)\s*,?\s+i\b"),
    _rx(r"\bif\s+it\s+(?:were|was)\s+me\b"),
    _rx(r"\bmy\s+(?:advice|suggestion|recommendation|tip)\b"),
    _rx(r"\bi\s+(?:would\s+|might\s+|could\s+|do\s+|can\s+)?(?:suggest|recommend|advise|propose)\b"),
    _rx(r"\bi\s+would\s+be\s+tempted\s+to\b"),
    _rx(r"\bwhat\s+(?:i|we)\s+(?:would\s+do|did|do|always\s+do|tend\s+to\s+do|found\s+(?:useful|helpful|worked))\b"),
    _rx(r"\bwhat\s+(?:worked|works|helped|helps)\s+(?:well\s+)?(?:for\s+)?(?:me|us)\b"),
    _rx(r"\bthe\s+(?:best|obvious|easiest|simplest|only|quickest)\s+(?:thing|answer|solution|option|way\s+forward|approach|move)\s+(?:to\s+do\s+)?(?:is|would\s+be|might\s+be)\b"),
    _rx(r"\bthe\s+answer\s+is\s+(?:to|just|simply)\b"),
    _rx(
        r"\b(?:one|another|an|the\s+other|an\s+alternative)\s+(?:other\s+)?(?:option|idea|possibility|approach|alternative|way\s+forward|thing\s+(?:you\s+(?:could|can)\s+do|to\s+try))\s+"
        r"(?:is|would\s+be|might\s+be|could\s+be)\s+(?:to\b|(?:just\s+)?\w+ing\b|(?:a|an|some)\s)"
    ),
    _rx(r"\bif\s+you\s+(?:just|simply|were\s+to\s+just)\b"),
]
# Cues that carry advice unless the sentence is a wh-question asking about the
# presenter's own options ("What could you do?").
_ADVICE_NON_WH = [
    _rx(
        r"\byou\s+(?:really\s+|just\s+|definitely\s+|probably\s+|might\s+|may\s+|surely\s+|honestly\s+|also\s+)?"
        r"(?:should(?!\s+(?:have|not\s+have)\b)|ought\s+to(?!\s+have\b)|have\s+got\s+to|had\s+better|would\s+be\s+(?:better|wise|best)|would\s+do\s+well|"
        r"could\s+(?:always|just|simply|try|easily|ask|(?:talk|speak)(?!\s+(?:me|us)\s+through\b|\s+(?:a\s+bit\s+|more\s+)?about\b)|get|go|tell(?!\s+(?:me|us)\b)|email|call|raise|escalate|delegate|book|arrange|set|bring|invite|"
        r"involve|write|send|suggest|propose|offer|use|put|take|give|move|change|swap|split|run|pilot|trial|hand|pass|apply|look(?!\s+back\b)|contact|"
        r"approach|meet|make|start|stop|drop|check|share)|might\s+want\s+to|may\s+want\s+to|want\s+to\s+(?:try|think\s+about|consider|look\s+at))\b"
    ),
    _rx(r"\bwe\s+(?:should|could|ought\s+to|might\s+want\s+to)\b(?!\s+have\b)"),
    _rx(
        r"\b(?:i|we)\s+would\s+(?:just\s+|probably\s+|definitely\s+|personally\s+|honestly\s+|simply\s+|then\s+|also\s+|first\s+|always\s+)?"
        r"(?!be\b|feel\b|imagine\b|guess\b|think\b|say\b|wonder\b|like\b|love\b|want\b|have\b|hate\b|agree\b|expect\b|assume\b|hope\b|"
        r"prefer\b|rather\b|not\b|never\b|ask\s+(?:you|the\s+set|what|how|why|whether|if)\b|add\b|query\b|question\b|need\b|worry\b|struggle\b|find\b|get\b|go\s+mad\b)"
        r"(?=[a-z]+)"
    ),
    _rx(r"\bworth\s+(?:a\s+(?:try|go|shot|look)|trying|considering|asking|talking|speaking|looking|getting|checking|exploring|thinking\s+about)\b"),
    _rx(r"\b(?:it|that)\s+(?:might|may|could|would)\s+(?:be|help)\s+(?:(?:a\s+)?(?:bit|lot|good|much)\s+)?(?:worth|better|best|easier|wise|sensible|useful|helpful|good|an?\s+(?:idea|good\s+idea|option))\b"),
    _rx(r"\bit\s+is\s+(?:always\s+|probably\s+|definitely\s+)?worth\b"),
]
# Cues of advice in a statement (no question mark, not a question opening).
_ADVICE_STATEMENT = [
    _rx(
        r"\byou\s+(?:really\s+|just\s+|definitely\s+|probably\s+|also\s+)?(?:need\s+to|have\s+to|can\s+(?:always|just|simply)|could\b(?!\s+(?:be|have|feel|not))|"
        r"must(?!\s+(?:be|feel|have\s+(?:been|felt|known|thought)|know|think|hate|love|find|get|wonder|realise|realize|see)\b))"
    ),
    _rx(r"\b(?:someone|somebody|they|he|she|the\s+\w+|your\s+\w+)\s+(?:should|ought\s+to|needs?\s+to)\b(?!\s+have\b)"),
    _rx(r"\bworth\s+\w+ing\b"),
    _rx(r"\b(?:try|trying)\s+(?:to\s+)?\w+ing\b"),
    # the asker's own story of what solved it: "We had the same and a rota fixed it."
    _rx(r"^(?=.*\b(?:i|we|us|our|my)\b).*\b(?:fixed|solved|sorted(?:\s+out)?|resolved|cracked|did\s+the\s+trick\s+for)\s+(?:it|that|this|things|the\s+(?:problem|issue))\b"),
]

_STATIVE_AFTER_COULD = _rx(
    r"^\s*(?:not\s+)?(?:see|imagine|picture|afford|cope|live|manage|handle|be|have(?!\s+(?:a|another)\s+(?:\w+\s+)?(?:word|chat|conversation|go|look|think|meeting|talk))|stand|bear|say\s+(?:for\s+sure|whether|what|how)|"
    r"tell\s+(?:whether|if)|remember|recall|think\s+of|envisage|envision|predict|guess|trust|rely|influence|control|"
    r"feel|understand|accept|believe|know|identify|name|describe|explain)\b"
)
_LEADING_AFTER_WHY_NOT = _rx(r"^\s*(?:just\s+)?(?:be|feel|have\s+been|want|like|think|know|see|understand|agree)\b")

_NOUN_ING = {
    "funding", "training", "staffing", "meeting", "meetings", "morning", "evening", "timing", "wellbeing", "well-being",
    "safeguarding", "housing", "marketing", "planning", "budgeting", "spending", "pricing", "building", "buildings",
    "learning", "nursing", "teaching", "nothing", "something", "anything", "everything", "being", "feeling",
    "feelings", "parking", "reporting", "recruiting", "onboarding", "thing", "things", "king", "ring", "string",
    "ceiling", "offering", "outing", "evening", "wedding", "clothing", "catering", "cleaning", "lighting", "heating",
    "signing", "messaging", "scheduling", "testing", "coaching", "mentoring", "bullying", "marking", "timings",
    "earnings", "savings", "findings", "proceedings", "hearing", "briefing", "briefings", "ranking", "rankings",
    "setting", "settings", "rating", "ratings", "booking", "bookings", "spring",
}
_OBJECT_START = {
    "the", "them", "him", "her", "your", "a", "an", "it", "this", "that", "those", "these", "some", "more",
    "people", "staff", "up", "out", "in", "on", "off", "back", "to", "with", "for", "everyone", "someone",
}


def _about_is_advice(rest: str, how: bool) -> bool:
    """'What about <rest>' / 'How about <rest>': a suggestion, or a topic to explore?"""
    words = re.findall(r"[\w'-]+", rest.lower())
    if not words:
        return False
    w1 = words[0]
    w2 = words[1] if len(words) > 1 else ""
    if w1 == "if":
        return True
    if w1 in ("you", "we"):
        return bool(w2) and w2 not in ("and", "or", "yourself", "personally", "guys", "all", "both", "two", "then")
    if w1 in ("just", "maybe", "perhaps", "simply", "instead", "a", "an", "some", "another", "more", "asking", "trying"):
        return True
    if w1.endswith("ing") and len(w1) > 4:
        if w1 in _NOUN_ING:
            return w2 in _OBJECT_START and w2 not in ("in", "on", "for", "to", "with")
        return True
    if how:
        return w1 not in ("the", "your", "his", "her", "their", "our", "its", "this", "that", "these", "those", "you", "it", "them", "him", "me", "us")
    return False


_ABOUT = _rx(r"^(?:(what|how)\s+about|(any)\s+(?:thoughts|views|ideas)\s+(?:about|on))\s+(?P<rest>.*)$")
_THINK_ABOUT_ING = _rx(
    r"^(?:what\s+(?:do|would|did)\s+you\s+(?:think|feel|reckon)\s+(?:about|of)|how\s+would\s+you\s+feel\s+about|"
    r"how\s+do\s+you\s+feel\s+about\s+(?=just\b))\s+(?P<rest>(?:just\s+)?(?P<ing>[a-z-]+ing)\b.*)$"
)


def _advice(core: str, opening: str, statement: bool, whole: str = "") -> tuple[bool, str, str]:
    """Is this sentence advice? Returns (is_advice, cue, action phrase)."""
    whole = whole or core
    if whole != core:
        found = _advice(whole, _opening(whole), statement)
        if found[0]:
            return found
    m = _ABOUT.match(core)
    if m:
        how = (m.group(1) or "").lower() == "how"
        if _about_is_advice(m.group("rest"), how):
            return True, "about", m.group("rest")
    m = _THINK_ABOUT_ING.match(core)
    if m and m.group("ing").lower() not in _NOUN_ING:
        return True, "about", m.group("rest")
    for pattern, cue in _ADVICE_START:
        m = pattern.match(core)
        if not m:
            continue
        rest = m.group("rest") if "rest" in pattern.groupindex else ""
        rest = rest or ""
        if cue == "why_not" and _LEADING_AFTER_WHY_NOT.match(rest):
            continue
        if cue == "could_not" and re.match(r"^\s*(?:see|tell|understand|feel|imagine)\b", rest, _I):
            continue
        if cue == "could_you" and (_STATIVE_AFTER_COULD.match(rest) or _INVITE.match("could you " + rest.strip())):
            continue
        if cue == "should" and re.match(r"^\s*(?:not\s+)?have\b", rest, _I):
            continue
        if cue == "should" and re.match(r"^(?:should|ought|shall)\s+(?:not\s+)?(?:the|your|someone|somebody|he|she|they)\b", core, _I):
            rest = ""
        if cue in ("have_you", "did_you") and re.match(r"^\s*(?:to\s+|with\s+|about\s+)?(?:anyone|anybody|anything)\b", rest, _I):
            continue
        if cue in ("have_you", "did_you"):
            verb = m.group("verb").lower()
            if verb.split()[0] not in _ACTION_FIRST:
                rest = verb + rest
        if cue == "maybe" and m.group("imp"):
            rest = m.group("imp") + rest
        return True, cue, rest
    if opening == "decl" or statement:
        if not _IMPERATIVE_NOT.match(core):
            m = _IMPERATIVE.match(core)
            if m:
                return True, "imperative", m.group("rest")
    for pattern in _ADVICE_ANY:
        m = pattern.search(core)
        if m:
            return True, "any", _after_cue(core, m)
    if opening != "wh":
        for pattern in _ADVICE_NON_WH:
            m = pattern.search(core)
            if m:
                return True, "any", _after_cue(core, m)
    if statement:
        for pattern in _ADVICE_STATEMENT:
            m = pattern.search(core)
            if m:
                return True, "any", _after_cue(core, m)
    return False, "", ""


_CUE_END_WORDS = {
    "always", "just", "simply", "easily", "should", "to", "better", "well", "best", "wise", "might", "may", "could",
    "would", "want", "had", "must", "ought", "got", "worth", "definitely", "probably", "really", "also", "honestly",
    "surely", "go", "shot", "do", "can", "need", "have", "is", "be", "if", "you", "i", "we", "suggest", "recommend",
    "advise", "propose", "idea", "option", "approach", "thing", "way", "forward", "alternative", "possibility",
}


def _after_cue(core: str, m: re.Match[str]) -> str:
    """The action after an advice cue, keeping a verb the cue itself ended on ("you could ask ...")."""
    words = m.group(0).split()
    last = words[-1].lower() if words else ""
    if last and last not in _CUE_END_WORDS and re.fullmatch(r"[a-z-]+", last):
        return last + core[m.end():]
    return core[m.end():]


# --------------------------------------------------------------------------- leading cues

_LEADING_START = [
    _rx(
        r"^(?:do|does|did|is|are|was|were|would|will|have|has|had|must|might|can|could|should|am)\s+not\s+"
        r"(?:you|it|that|this|there|they|he|she|we|i|the|your|our|their|his|her|everyone|anyone|people|all|these|those)\b"
    ),
    _rx(r"^(?:do|does|did|is|are|was|were|would|will|have|has|had|can|could|am)\s+(?:you|it|that|this|there|they|he|she|we|i)\s+not\b"),
    _rx(r"^(?:surely|obviously|clearly|presumably|of\s+course|no\s+doubt|undoubtedly|naturally|evidently|certainly|admittedly)\b"),
    _rx(r"^(?:do|would|will|can)\s+you\s+(?:not\s+)?agree\s+(?:that|it\s+is|this\s+is)\b"),
    _rx(r"^would\s+you\s+(?:not\s+)?say\s+(?:that|the|it|this|you|your|she|he|they|there|we)\b"),
    _rx(r"^(?:is|would)\s+it\s+(?:be\s+)?(?:fair|true|right)\s+to\s+say\b"),
    _rx(r"^am\s+i\s+(?:right|correct|wrong)\b"),
    _rx(r"^(?:is|was)\s+(?:it|that|this)\s+(?:just\s+|really\s+|partly\s+|mainly\s+)?because\b"),
    _rx(r"^(?:could|might|can|may)\s+it\s+(?:not\s+)?be\s+(?:that|because)\b"),
    _rx(r"^is\s+it\s+(?:possible|likely)\s+that\b"),
    _rx(r"^(?:do|would)\s+you\s+think\s+(?:that\s+)?(?:it|this|that)\s+(?:is|was|might\s+be|could\s+be)\s+(?:(?:just|really|actually|all|partly)\s+)?(?:because|about)\b"),
    _rx(rf"^{_AUX}\b.*\b(?:really|honestly|seriously)\b"),
    _rx(
        r"^why\s+(?:on\s+earth|the\s+hell|ever|would\s+(?:anyone|anybody|any\s+\w+|you\s+ever)|"
        r"did\s+not\s+(?:you|they|she|he|we)|did\s+(?:you|they|she|he|we)\s+not|have\s+not\s+(?:you|they|she|he|we)|"
        r"have\s+(?:you|they|she|he|we)\s+not|has\s+not|had\s+not)\b"
    ),
    _rx(
        r"^why\s+(?:would|should|could|do|will)\s+(?:not\s+(?:you|they|we|anyone)|(?:you|they|we|anyone)\s+not)\s+(?:just\s+)?"
        r"(?:be|feel|want|like|think|know|see|understand|agree|have\s+been)\b"
    ),
    _rx(r"^(?:you|it|that|this)\s+must\s+(?:be|feel|have\s+(?:been|felt|known|thought)|know|hate|love|find|get|think|wonder|realise|realize|see)\b"),
    # "Are you sure it isn't just a clash?", "Are you sure that's wise?"
    _rx(
        r"^(?:are|were)\s+you\s+(?:really\s+)?(?:sure|certain|positive|convinced)\s+(?:that\s+)?(?:(?:it|this|that|they|he|she|there|you|we|the\s+[\w'-]+)\s+"
        r"(?:is|are|was|were|has|have|had|do|does|did|would|will|could)\s+not\b|(?:it|this|that)\s+(?:is|was|would\s+be)\s+(?:wise|right|sensible|fair|true|the\s+case|a\s+good\s+idea))"
    ),
    # a presumed cause or diagnosis: "Is part of the problem that you avoid conflict?"
    _rx(
        r"^(?:is|was)\s+(?:not\s+)?(?:part\s+of\s+)?(?:the|your|their)\s+(?:real\s+|actual\s+|main\s+|underlying\s+|root\s+|whole\s+)?"
        r"(?:problem|issue|trouble|difficulty|reason|cause|snag)\s+(?:here\s+)?(?:really\s+)?(?:that|because|just)\b"
    ),
    # rhetorical: "Is it any wonder they're leaving?", "Who wouldn't be fed up?", "How can they expect that?"
    _rx(r"^(?:is|was)\s+(?:it|that)\s+(?:really\s+)?(?:any|a|much\s+of\s+a)\s+(?:surprise|wonder|shock)\b"),
    _rx(r"^who\s+(?:would|could|can)\s+not\s*(?:$|[?.!]|(?:be|feel|want|like|agree|think|see|understand|get|love|hate|do\s+the\s+same)\b)"),
    _rx(
        r"^how\s+(?:can|could|dare)\s+(?:they|he|she|anyone|anybody|people|the\s+[\w'-]+|your\s+[\w'-]+)\s+(?:possibly\s+|seriously\s+|honestly\s+|really\s+)?"
        r"(?:expect|justify|think|ask\s+(?:you|that|this)|get\s+away|treat|defend|say\s+that)\b"
    ),
]
_LEADING_ANY = [
    _rx(r"(?<!how )(?<!so )(?<!very )(?<!more )(?<!less )(?<!quite )\b(?:surely|obviously|clearly|presumably|undoubtedly|evidently)\b"),
    _rx(r"\bof\s+course\b"),
    _rx(r"\bno\s+doubt\b"),
    _rx(r"\bi\s+bet\b"),
    _rx(r"\bi\s+(?:would\s+)?imagine\s+(?:you|that|it|they|she|he|this)\b"),
    _rx(r"\bi\s+(?:would\s+|am\s+)?(?:guess(?:ing)?|suppos(?:e|ing)|assum(?:e|ing)|presum(?:e|ing)|expect(?:ing)?|tak(?:e|ing)\s+it)\s+(?:that\s+)?(?:you|it|they|she|he|the|this|your|there|we)\b"),
    _rx(r"\bno\s+(?:wonder|surprise)\b|\b(?:it\s+is|that\s+is)\s+(?:hardly|not|no)\s+(?:a\s+)?(?:surprise|wonder)\b"),
    _rx(r"\byou\s+must\s+(?:be|feel|have\s+(?:been|felt|known|thought)|know|hate|love|find|get|think|wonder|realise|realize|see)\b"),
    _rx(r"\b(?:that|it|this)\s+must\s+(?:be|have\s+been|feel|have\s+felt)\b"),
    _rx(r"\b(?:do|would|will)\s+(?:not\s+you|you\s+not)\s+agree\b|\b(?:do|would|will)\s+you\s+agree\s+(?:that|it\s+is|this\s+is)\b"),
    _rx(r"\byou\s+would\s+agree\b"),
    _rx(r"\bwould\s+not\s+you\s+say\b|\bwould\s+you\s+not\s+say\b"),
    _rx(r"\bdo\s+not\s+you\s+(?:think|feel|agree|reckon)\b"),
    _rx(r"\b(?:is\s+not\s+(?:it|that)|is\s+(?:it|that)\s+not)\s+(?:the\s+case|true|obvious|clear|fair)\b"),
    _rx(r"\b(?:the\s+)?(?:real|actual|underlying|root|true)\s+(?:issue|problem|question|reason|cause|story)\s+(?:here\s+)?(?:is|was)\b"),
    _rx(r"\b(?:it|that|this)\s+(?:sounds|seems|looks)\s+(?:like|as\s+if|as\s+though|to\s+me)\b"),
    _rx(r"^(?:sounds|seems|looks)\s+like\b"),
    _rx(r"\bi\s+(?:sense|get\s+the\s+(?:sense|feeling|impression))\b"),
    _rx(r"\bam\s+i\s+right\b|\bi\s+am\s+right\s+in\s+thinking\b"),
    _rx(r"\bshould\s+(?:not\s+)?have\s+(?:been\s+)?\w+(?:ed|en|ld|ught|ne|nt|wn|ke|de|ne)\b"),
]
# In a declarative question ("So basically they're scared of change?") these words sum
# the situation up for the presenter.
_LEADING_DECL = _rx(
    r"\b(?:basically|essentially|in\s+other\s+words|deep\s+down|at\s+heart|underneath\s+it\s+all|in\s+reality|at\s+the\s+end\s+of\s+the\s+day|"
    r"the\s+bottom\s+line|all\s+(?:about|down\s+to)|what\s+you\s+are\s+(?:really\s+)?saying\s+is|really|"
    r"it\s+is\s+(?:really\s+|actually\s+|just\s+|all\s+)?(?:the|your|their|his|her)\s+[\w'-]+(?:\s+[\w'-]+)?\s+(?:who|that)\s+is)\b"
)
_LEADING_STATEMENT = _rx(
    r"\b(?:frankly|to\s+be\s+(?:honest|frank)|let\s+us\s+be\s+honest|let\s+us\s+face\s+it|face\s+it|at\s+the\s+end\s+of\s+the\s+day|"
    r"i\s+(?:think|feel|believe|reckon|suspect)|i\s+am\s+(?:sure|certain|convinced)|personally|in\s+my\s+(?:view|opinion|experience)|"
    r"the\s+(?:truth|reality|fact|problem|issue)\s+is|it\s+is\s+(?:clear|obvious|just|because|about|all\s+about|really|a\s+(?:classic|typical))|"
    r"that\s+is\s+(?:just|because|typical|classic|so|really|not|the)|"
    r"(?:he|she|they|you|it)\s+(?:is|are)\s+(?:just|being|clearly|obviously|so|really|completely|totally|out\s+of)|"
    r"(?:must|should)\s+(?:be|have\s+been)|should\s+have)\b"
)
_TAG_COMMA = _rx(
    r",\s*(?:(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could|should|must|might|shall|am)\s+(?:not\s+)?"
    r"(?:it|that|this|there|they|he|she|we|you|i)(?:\s+not)?|right|yeah|yes|no|correct|surely|eh|true|ok|okay|agreed|innit|"
    r"am\s+i\s+right|would\s+not\s+you\s+say|would\s+you\s+not\s+say|do\s+not\s+you\s+think|do\s+you\s+not\s+think|"
    r"would\s+you\s+not\s+agree|do\s+not\s+you\s+agree|would\s+not\s+you\s+agree|i\s+take\s+it|i\s+assume|i\s+presume|"
    r"i\s+imagine|i\s+guess|i\s+bet|surely\s+not|or\s+am\s+i\s+wrong)\s*[?.!]*\s*$"
)
_TAG_BARE = _rx(
    r"\s(?:(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could|should)\s+not\s+(?:it|that|this|there|they|he|she|we|you|i)|"
    r"(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could)\s+(?:it|that|this|there|they|he|she|we|you)\s+not|"
    r"right|surely|eh|yeah)\s*[?.!]*\s*$"
)


def _leading(core: str, opening: str, statement: bool, whole: str = "") -> bool:
    if whole and whole != core and _leading(whole, _opening(whole), statement):
        return True
    for pattern in _LEADING_START:
        if pattern.match(core):
            return True
    for pattern in _LEADING_ANY:
        if pattern.search(core):
            return True
    if _TAG_COMMA.search(core):
        return True
    if opening == "decl" and _TAG_BARE.search(core) and len(core.split()) > 3:
        return True
    if statement and _LEADING_STATEMENT.search(core):
        return True
    return False


# --------------------------------------------------------------------------- open / closed

_WHAT_FACT_WORD = _rx(
    r"^what\s+(?:time|date|day|year|month|week|percentage|proportion|size|grade|band|version|age|colou?r|postcode|"
    r"score|salary|number|floor|room|ward|team|department|school|company|organi[sz]ation|year\s+group|key\s+stage|"
    r"subject|course|shift|hours|qualification|level\s+(?:is|are|was)|role\s+(?:is|are|was|do|does|did))\b"
)
_FACT_NOUNS = (
    r"(?:deadline|date|time|day|budget|cost|price|name|title|number|figure|amount|size|total|percentage|salary|grade|"
    r"band|headcount|target|timescale|timeframe|address|postcode|age|ratio|score|rate|fee|turnover|capacity|length|"
    r"duration|year|term|value|limit|threshold|balance|quota|cap|ceiling|email|phone|reference|deficit|overspend|"
    r"shortfall|caseload|attendance|vacancy\s+rate|sickness\s+rate|start|end)s?"
)
_WHAT_FACT = _rx(
    r"^what\s+(?:is|was|are|were|will\s+be|would\s+be)\s+(?:the|your|her|his|their|our|its|this|that)\s+"
    r"(?!(?:real|true|hidden|human|emotional|personal|wider|bigger|actual|underlying|likely)\b)"
    rf"(?:[\w'-]+\s+){{0,2}}?{_FACT_NOUNS}\b"
    r"(?:\s+(?:for|on|of|in|at|per|with|from|to|date|day|time)\b(?![^,;?]*\b\w+ing\b)[^,;?]{0,60})?\s*[?.!]*$"
)
_HOW_CLOSED = _rx(
    r"^how\s+(?:many|long|old|often|frequently|soon|far\s+(?:away|is|are|was)|big|large|tall|early|late|"
    r"much(?!\b.{0,30}\b(?:matter|matters|care|cares|want|wants|value|mind|worry|worries|enjoy|like|trust|feel|feels|"
    r"believe|influence|control|say|energy|appetite|support|of\s+(?:this|that|it|the|your)|do\s+you|does\s+(?:it|this|that)))\b)"
)
_WHO_OPEN = _rx(
    r"^who\s+(?:else|(?:could|might|would|can|may|should|will)(?!\s+not\b)|"
    r"is\s+(?:affected|impacted|involved|most|likely|best|the\s+person\s+who)|"
    r"are\s+(?:affected|impacted|involved|the\s+(?:people|key|stakeholders|main))|"
    r"(?:has|holds|have)\s+(?:a\s+stake|influence|power|an?\s+interest|the\s+power|most)|"
    r"(?:matters?|benefits?|loses?|cares?|gains?|suffers?|influences?|supports?|helps?|stands?)|"
    r"do\s+you\s+(?:trust|turn|go|need|feel|think|see|admire|rely|lean|want|wish)|"
    r"does\s+(?:this|that|it)\s+(?:affect|matter|impact|involve|help|hurt))\b"
)
_WHERE_OPEN = _rx(
    r"^where\s+(?:else|might|could|would|do\s+you\s+(?:see|want|think|feel|start|go\s+from|begin|stand|fit|notice|find|sense|hold\s+back|get\s+stuck)|"
    r"does\s+(?:this|that|it)\s+(?:leave|take|fit|come\s+from)|"
    r"(?:does|do|did|would|will|might)\s+(?:[\w'-]+\s+){1,9}?(?:come|stem|spring|originate|arise|leave\s+(?:you|us|them|the|your))\b|"
    r"(?:is|are)\s+(?:you|we|things)\s+(?:now|with|on|at)|is\s+the\s+(?:energy|tension|resistance|pressure|pain|difficulty|"
    r"heart|sticking\s+point|risk|opportunity|gap))\b"
)
_WHEN_OPEN = _rx(
    r"^when\s+(?:else|(?:have|has|did|do|does|would|might)\s+(?:you|it|this|that|they)\s+(?:\w+\s+)?(?:felt|feel|noticed|notice|"
    r"seen|see|handled|managed|faced|dealt|experienced|found|sense|become|seem|been\s+(?:at\s+your\s+best|most|happiest))|"
    r"(?:is|was)\s+(?:it|this|that)\s+(?:at\s+its|most|easiest|hardest|worst|best))\b"
)
_WHICH_OPEN = _rx(
    r"\b(?:feels?|matters?|worr(?:y|ies)|excites?|concerns?|appeals?|energi[sz]es?|scares?|seems?|stands?\s+out|"
    r"resonates?|draws?|pulls?)\b|^(?=.*\byou).*\b(?:most|least)\b"
)
_WHOSE_OPEN = _rx(r"^whose\s+(?:voices?|views?|perspectives?|needs|interests|stor(?:y|ies)|side|experiences?|concerns?|feelings)\b")
_CLOSED_PREP_WHAT = _rx(r"^(?:at|on|by|from|until|in)\s+what\s+(?:time|date|day|year|month|week|point\s+in\s+time)\b")


def _wh_kind(core: str) -> str:
    low = core.lower()
    w = low.split(None, 1)[0]
    if w == "what":
        clause = re.split(r"[,;?]|\s+(?:and|or|but)\s+", core, maxsplit=1)[0]
        if _WHAT_FACT_WORD.match(clause) or _WHAT_FACT.match(clause):
            return "closed"
        return "open"
    if w == "how":
        return "closed" if _HOW_CLOSED.match(core) else "open"
    if w == "who":
        return "open" if _WHO_OPEN.match(core) else "closed"
    if w == "where":
        return "open" if _WHERE_OPEN.match(core) else "closed"
    if w == "when":
        return "open" if _WHEN_OPEN.match(core) else "closed"
    if w == "which":
        return "open" if _WHICH_OPEN.search(core) else "closed"
    if w == "whose" and _WHOSE_OPEN.match(core):
        return "open"  # "Whose voice is missing?" asks for perspectives, not a name
    if w in ("whose", "whom"):
        return "closed"
    if _CLOSED_PREP_WHAT.match(core):
        return "closed"
    return "open"  # why, in what way, to what extent, how come


_TELL_ME_FACT = _rx(
    r"^(?:(?:can|could|would|will)\s+you\s+(?:please\s+|just\s+)?)?(?:please\s+)?tell\s+(?:me|us)\s+(?:(?P<np>(?:the|your|their|his|her|our)\s+[^,;]*)|"
    r"(?P<wh>when|where|who|whom|whose|which|how\s+(?:many|much|long|old|often)|what\s+(?:time|date|day|year))\b[^,;]*)$"
)


def _base_kind(core: str, opening: str, yesno: bool, invited: bool = False) -> str:
    if yesno:
        inverted = _invert(core)
        return "open" if inverted and _opening(inverted) == "invite" else "closed"
    if opening == "invite":
        m = _TELL_ME_FACT.match(core)
        if m and m.group("wh"):
            return "closed"
        if m and (_WHAT_FACT.match("what is " + m.group("np")) or _WHAT_FACT_WORD.match("what " + m.group("np").split(None, 1)[-1])):
            return "closed"
        return "open"
    if opening == "wh" or (invited and _WH_START.match(core)):
        return _wh_kind(core)
    if invited and opening == "decl":
        return "open"  # "I'd love to hear more about the team."
    if opening == "aux":
        return "closed"
    return "closed"  # a declarative question: "So the contract ends in March?"


# --------------------------------------------------------------------------- structure

_PSEUDO_CLEFT = _rx(
    rf"^(?:what|how|where|when|who)\s+(?!{_AUX}\b|this\b)(?![a-z'-]+s\s+(?:are|were)\b)(?:[a-z'-]+(?:ed|s)|struck|stands\s+out)\b(?:\s+[\w'-]+){{0,7}}?\s+(?:is|was|are|were)\s+\w"
)
_SENT_SPLIT = _rx(r"(?<=[?!])\s*|(?<=\.)\s+|\s*\n+\s*")
_CLAUSE_SPLIT = _rx(r"\s*(?:[,;:]|\s[-\u2013\u2014]\s|[\u2013\u2014]|\.\.\.)\s*|\s+(?=(?:and|but|or)\s)")
_CONJ = _rx(r"^(?:and|but|or|also|then|so|plus)\s+(?:also\s+|then\s+)?")
_TAG_ONLY = _rx(r"^(?:(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could|should)\s+(?:not\s+)?(?:it|that|this|there|they|he|she|we|you|i)(?:\s+not)?|right|yes|no|correct|surely|eh|true|ok|okay)\s*[?.!]*$")


# "Have you tried the helpline, or spoken to your union?": a second question with its
# auxiliary left out after ", or".
_ELLIPTICAL_SECOND = _rx(
    r"^(?:have|has|had)\s+(?:you|we)\b[^,;?]*[,;]\s*(?:or|and)\s+(?:have\s+you\s+)?(?:even\s+)?(?:spoken|talked|tried|asked|considered|thought\s+(?:about|of)|"
    r"looked\s+(?:at|into)|contacted|approached|raised|emailed|called|rung|phoned|written|checked|involved|told|gone|been)\s+\w"
)


def _clause_is_question(clause: str, after_or: bool) -> bool:
    if _TAG_ONLY.match(clause):
        return False
    if _WH_START.match(clause):
        return _wh_is_question(clause) and bool(
            re.match(r"^\W*\w+\W*$", clause) or _WH_INVERSION.match(clause) or re.match(r"^(?:in|to|for|at|on|by|from|with|under)\s", clause, _I)
            or re.match(r"^how\s+come\b", clause, _I)
        )
    if after_or:
        return False
    return bool(_AUX_START.match(clause)) and not re.match(r"^(?:do|have)\s+(?:a|an|some)\b", clause, _I)


def _question_clauses(core: str) -> list[str]:
    out: list[str] = []
    for piece in _CLAUSE_SPLIT.split(core):
        piece = piece.strip()
        if not piece:
            continue
        after_or = bool(re.match(r"^or\b", piece, _I))
        piece = _CONJ.sub("", piece)
        if piece and _clause_is_question(piece, after_or):
            out.append(piece)
    return out


@dataclass
class _Sentence:
    raw: str  # the sentence as written (normalised)
    whole: str  # without opening fillers
    core: str  # the question clause that decides open/closed ("Looking back, <what ...>")
    opening: str
    invited: bool
    yesno: bool
    qmark: bool
    tag: bool = False  # ends in a tag question ("..., isn't it") even without a '?'
    inverted: str = ""  # an embedded yes/no question put back in question order, or ""

    @property
    def is_question(self) -> bool:
        return self.qmark or self.invited or self.tag or self.opening in ("wh", "aux", "invite")


# "Ever thought about retraining?", "Tried talking to her?": 'have you' left out.
_ELIDED_HAVE = _rx(
    r"^(?:ever\s+)?(?:thought\s+(?:about|of)|tried|considered|looked\s+(?:at|into)|explored|spoken\s+to|talked\s+to|asked)\s+\w"
)
# "When you think back over the year, what stands out?": a subordinate clause first.
_SUBORDINATE_WH = _rx(r"^(?:when|where|as|while|now\s+that|if|once|since)\s+(?:you|we|they|i|the|your|this|that|it)\b")
# An embedded yes/no question after "I wonder whether": "a mediator might help" -> "might a mediator help".
_EMBEDDED = _rx(
    r"^(?P<subj>you|we|they|he|she|it|there|(?:a|an|the|your|some|another|their|our)\s+[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+"
    r"(?P<aux>would|could|might|can|should|will|have|had|has|is|are|was|were|did|do|does|may|ought\s+to)\s+(?P<rest>.*)$"
)


def _invert(core: str) -> str:
    m = _EMBEDDED.match(core)
    return f"{m.group('aux')} {m.group('subj')} {m.group('rest')}" if m else ""


def _sentences(text: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    for raw in _SENT_SPLIT.split(text):
        raw = raw.strip()
        if not raw or not re.search(r"\w", raw):
            continue
        raw = _LEAD_JUNK.sub("", raw)
        core, invited, yesno = _strip_fillers(raw)
        core = _LEAD_JUNK.sub("", core) or core
        if _ELIDED_HAVE.match(core):
            core = "have you " + core
        whole = core
        opening = _opening(core)
        if opening == "wh" and _SUBORDINATE_WH.match(core) and not _wh_is_question(core):
            opening = "decl"  # "When you think back ..., what ...?": the question comes later
        if opening == "wh" and "?" not in raw and _PSEUDO_CLEFT.match(core):
            opening = "decl"  # "What worked for me was ..." is a statement
        elif opening == "decl" and not invited:
            # "Looking back, what would you do differently?" - use the question clause.
            for clause in _question_clauses(core)[:1]:
                if "?" in raw or _WH_START.match(clause):
                    core = clause if "?" not in raw or clause.endswith("?") else clause + "?"
                    opening = _opening(core)
        tag = bool(_TAG_COMMA.search(core) or (opening == "decl" and _TAG_BARE.search(core) and len(core.split()) > 3))
        inverted = _invert(core) if yesno else ""
        out.append(_Sentence(raw, whole, core, opening, invited, yesno, "?" in raw, tag, inverted))
    return out


# --------------------------------------------------------------------------- rewrites

_IRREGULAR_PAST = {
    "told": "tell", "spoke": "speak", "spoken": "speak", "went": "go", "gone": "go", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "sent": "send", "wrote": "write", "written": "write", "met": "meet", "had": "have",
    "made": "make", "got": "get", "left": "leave", "said": "say", "brought": "bring", "put": "put", "set": "set",
    "sat": "sit", "ran": "run", "run": "run", "sought": "seek", "thought": "think", "rang": "ring", "rung": "ring",
    "began": "begin", "begun": "begin", "chose": "choose", "chosen": "choose", "cut": "cut", "let": "let",
    "shut": "shut", "found": "find", "held": "hold", "kept": "keep", "built": "build", "spent": "spend", "drew": "draw",
    "drawn": "draw", "stood": "stand", "paid": "pay", "laid": "lay", "fed": "feed", "led": "lead", "broke": "break",
    "broken": "break", "knew": "know", "known": "know", "saw": "see", "seen": "see", "did": "do", "done": "do",
    "been": "be", "was": "be", "were": "be",
}
_NOT_VERB = {
    "it", "she", "he", "they", "we", "i", "you", "him", "her", "them", "me", "us", "there", "that", "this", "what",
    "who", "how", "why", "when", "where", "which", "not", "no", "so", "and", "or", "but", "if", "to", "of", "in", "on",
    "at", "for", "with", "by", "from", "is", "are", "was", "were", "be", "am",
}
_NOUN_PHRASE_START = {"a", "an", "the", "some", "more", "your", "another", "any", "less", "fewer", "extra", "other", "their", "his", "her", "our"}
_GERUND_PREFIX = _rx(r"^(?:\s*(?:just|simply|maybe|perhaps|actually|also|really|ever|already|not|even|instead|then|first|quickly|maybe)\b)+\s*")
_MODAL_PREFIX = _rx(
    r"^(?:(?:i|we)\s+(?:would|will|might|could|should)|(?:that\s+)?you(?:\s+(?:could|should|might|can|would))?|"
    r"(?:would|might|could|will)\s+be(?:\s+to)?|(?:is|was|were)(?:\s+to)?|could|would|should|can|will|might|were\s+to|was\s+to|"
    r"did|do|tried\s+to|try\s+to|try\s+and|(?:try|trying|start|begin|keep)(?=\s+\w+ing\b)|be(?=\s+\w+ing\b)|to|and)\s+"
)
_PHRASE_CUT = _rx(
    r"\s*(?:[,;:?!.()\"]|\s[-\u2013\u2014]\s|\b(?:and|or|but|so\s+that|because|which|rather\s+than|instead\s+of|"
    r"whatever|first|then|though|although)\b).*$"
)


_BASE_ING = {"bring", "sing", "ring", "sting", "swing", "spring", "cling", "fling", "wring", "string"}


def _gerund_word(word: str) -> str | None:
    w = word.lower()
    if w in _NOT_VERB or not re.fullmatch(r"[a-z][a-z-]*", w):
        return None
    if w.endswith("ing") and len(w) > 4 and w not in _BASE_ING:
        return w
    if w in _IRREGULAR_PAST:
        w = _IRREGULAR_PAST[w]
    elif w.endswith("ied") and len(w) > 4:
        return w[:-3] + "ying"
    elif w.endswith("eed") and len(w) > 4:
        return w[:-1] + "ing"
    elif w.endswith("ed") and len(w) > 4:
        return w[:-2] + "ing"
    if w == "be":
        return "being"
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith(("ee", "oe", "ye")):
        return w + "ing"
    if w.endswith("e") and len(w) > 2:
        return w[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", w):
        return w + w[-1] + "ing"
    if len(w) > 4 and re.search(r"[^aeiou][aeiou]l$", w):
        return w + "ling"  # British: cancelling, travelling, labelling
    return w + "ing"


_NOT_A_VERB = _rx(r"^[a-z-]+(?:ible|able|ous|ful|ic|ary|[^su]s)$")


def _action_phrase(rest: str) -> str | None:
    """Turn 'just talk to your manager before Friday?' into 'talking to your manager before Friday'."""
    p = rest.strip()
    p = _GERUND_PREFIX.sub("", p)
    for _ in range(3):
        p = _MODAL_PREFIX.sub("", p)
        p = _GERUND_PREFIX.sub("", p)
    p = _PHRASE_CUT.sub("", p).strip()
    if len(p.split()) > 8:
        p = re.sub(r"\s+\b(?:whether|if|that|who|what|how|when|where|why|to\s+see)\b.*$", "", p, flags=_I)
    p = re.sub(r"\b(?:just|simply)\s+", "", p, flags=_I)
    p = re.sub(r"^been\s+to\b", "going to", p, flags=_I)
    words = p.split()
    if not words or len(words) > 10:
        return None
    first = words[0].lower()
    if first in _NOUN_PHRASE_START or _NOT_A_VERB.search(first):
        return " ".join(words)  # a thing, not an action: "flexible working", "apprenticeships"
    g = _gerund_word(words[0])
    if g is None:
        return None
    return " ".join([g, *words[1:]])


_LEAD_CLAUSE_CUES = _rx(
    r"^(?:do\s+not\s+you|do\s+you\s+not|would\s+not\s+you|would\s+you\s+not|do\s+you|would\s+you|will\s+you)\s+"
    r"(?:really\s+)?(?:think|feel|agree|say|reckon|believe)\s+(?:that\s+(?!(?:is|was|has|will|would|must|seems?|sounds?)\b))?|"
    r"^(?:surely|obviously|clearly|presumably|of\s+course|let\s+us\s+face\s+it|face\s+it|frankly|honestly|to\s+be\s+(?:honest|frank))\s*,?\s*|"
    r"^(?:is|would)\s+it\s+(?:be\s+)?(?:fair|true|right)\s+to\s+say\s+(?:that\s+)?|^am\s+i\s+right\s+in\s+thinking\s+(?:that\s+)?|"
    r"^i\s+(?:would\s+)?imagine\s+(?:that\s+)?|^so\s+"
)
_LOWER_FIRST = {"the", "it", "this", "that", "there", "they", "he", "she", "your", "we", "our", "their", "his", "her", "you", "its", "everyone", "nobody", "no"}


def _clean_clause(clause: str) -> str:
    clause = re.sub(r"\b(?:just|really|obviously|clearly|surely|simply|honestly|actually)\s+", "", clause, flags=_I)
    clause = re.sub(r"[\s?.!,]+$", "", clause).strip()
    words = clause.split()
    if words and words[0].lower() in _LOWER_FIRST:
        words[0] = words[0].lower()
    return " ".join(words)


def _leading_rewrite(core: str) -> str:
    text = core.strip()
    clause = ""
    tag = _TAG_COMMA.search(text) or (_opening(text) == "decl" and _TAG_BARE.search(text))
    if tag:
        clause = text[: tag.start()]
        clause = _LEAD_CLAUSE_CUES.sub("", clause)
    else:
        m = _LEAD_CLAUSE_CUES.match(text)
        if m:
            clause = text[m.end():]
        else:
            m = re.match(
                r"^(?P<aux>is|are|was|were|does|did|has|have|had|will|can)\s+not\s+(?P<subj>it|that|this|there|they|he|she)\s+(?P<rest>.+)$",
                text,
                _I,
            )
            if m:
                clause = f"{m.group('subj')} {m.group('aux').lower()} {m.group('rest')}"
            elif re.match(rf"^{_AUX}\s+not\s+{_DETS}\s", text, _I):
                np = _first_noun_phrase(text)
                if np and np.split()[0].lower() not in ("that", "this", "these", "those"):
                    return f"How do you see {np}?"
    clause = _clean_clause(clause)
    words = clause.split()
    if (
        clause
        and 2 <= len(words) <= 14
        and words[0].lower() not in ("you", "i")
        and "?" not in clause
        and not any(p.search(clause) for p in _LEADING_ANY)
    ):
        return f"What's your own view on whether {clause}?"
    return "How do you see the situation yourself?"


_DETS = r"(?:the|a|an|your|this|that|their|his|her|our|its|these|those|my)"
_NP = _rx(
    r"\b(?:the|your|their|his|her|our|its|this|that|these|those)\s+(?!" + _DETS + r"\b)[a-z][\w'-]*"
    r"(?:\s+(?!" + _DETS + r"\b)[a-z][\w'-]*){0,2}"
)
_NP_STOP = {
    "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "must", "of", "in", "on", "at", "to", "for", "with", "by", "from", "about", "and",
    "or", "but", "still", "really", "just", "already", "definitely", "actually", "yet", "ever", "now", "then", "again",
    "too", "also", "yourself", "himself", "herself", "themselves", "it", "you", "they", "he", "she", "we", "me", "him",
    "them", "us", "start", "starts", "end", "ends", "finish", "work", "works", "meet", "meets", "begin", "sign", "signs",
    "happen", "know", "say", "think", "want", "need", "go", "come", "look", "feel", "agree", "matter", "help", "change",
    "open", "close", "run", "stop", "off", "up", "out", "over", "directly", "first", "before", "after", "this", "that",
    "when", "if", "because", "so", "as", "than", "yet", "based", "worth", "going", "ahead", "right", "wrong",
    "the", "a", "an", "your", "their", "his", "her", "our", "its", "these", "those", "my", "who", "which", "what",
}


def _first_noun_phrase(text: str) -> str | None:
    for m in _NP.finditer(text):
        np = _last_noun_phrase(m.group(0))
        if np:
            return np
    return None


def _last_noun_phrase(text: str) -> str | None:
    best = None
    for m in _NP.finditer(text):
        words = m.group(0).split()
        keep = [words[0]]
        for w in words[1:]:
            lw = w.lower()
            if lw in _NP_STOP or lw.endswith("ly") or (len(keep) >= 2 and lw.endswith(("ed", "ing")) and lw not in _NOUN_ING):
                break
            keep.append(w)
        if len(keep) >= 2 and keep[-1].lower() not in _NP_STOP:
            best = " ".join(keep)
    if best:
        best = best[0].lower() + best[1:]
    return best


_ADJ_COMMON = {
    "fixed", "happy", "sure", "aware", "ready", "clear", "right", "fair", "true", "late", "safe", "open", "free", "final",
    "firm", "set", "done", "ok", "okay", "possible", "likely", "realistic", "supportive", "involved",
    "important", "urgent", "certain", "confident", "keen", "willing", "able", "available", "responsible", "new", "big",
    "hard", "easy", "good", "bad", "stuck", "angry", "upset", "worried", "tired", "busy", "fit", "secure", "stable",
    "achievable", "flexible", "negotiable", "serious", "common", "real", "worse", "better", "different", "settled",
    "committed", "motivated", "experienced", "qualified", "satisfied", "interested", "concerned", "surprised",
}
_BE_ADJ = _rx(
    r"^(?P<aux>is|are|was|were)\s+(?P<np>it|they|he|she|we|you|this|that|(?:the|your|this|that|their|his|her|our|its)\s+[\w'-]+(?:\s+[\w'-]+){0,2}?)\s+"
    r"(?:still\s+|definitely\s+|really\s+|actually\s+|very\s+|fully\s+|completely\s+)?(?P<adj>[a-z]+)"
    r"(?P<pp>\s+(?:in|with|about|for|on|at|to|by|of)\s+[^?,;]{1,40})?\s*[?.!]*$"
)
_ADJ_SUFFIX = _rx(r"(?:ful|ous|ive|able|ible|al|ic|ant|ent|ary|less|y)$")


def _closed_rewrite(core: str) -> str:
    first = re.split(rf"[,;?]|\s+(?:and|or|but)\s+(?=(?:{_WH}|{_AUX})\b)", core, maxsplit=1, flags=_I)[0]
    first = first.strip()
    m = _BE_ADJ.match(first)
    if m:
        adj = m.group("adj").lower()
        np = m.group("np")
        if (adj in _ADJ_COMMON or (_ADJ_SUFFIX.search(adj) and len(adj) > 3)) and np.split()[-1].lower() not in _NOUN_PHRASE_START:
            np_l = np[0].lower() + np[1:] if np.split()[0].lower() in _LOWER_FIRST else np
            pp = (m.group("pp") or "").rstrip()
            if np_l.split()[0].lower() == "you":
                return f"How {adj} are you{pp}?"
            return f"How {adj} {m.group('aux').lower()} {np_l}{pp}, in your view?"
    low = first.lower()
    np = _last_noun_phrase(first)
    if re.match(r"^who\s+(?:is|was)\s+", low) and np:
        return f"What part does {np} play in this?"
    if low.startswith("who") and np:
        return f"Who else has a stake in {np}?"
    if re.match(r"^how\s+(?:many|much|long|old|often|frequently|soon|far|big|large)\b", low):
        return "What does that mean for you?"
    if re.match(r"^(?:what|when|which|whose|whom)\b", low) and np:
        return f"What depends on {np}?"
    if re.match(r"^(?:are|am)\s+you\s+(?:the|a|an)\s+", low):
        role = re.sub(r"^(?:are|am)\s+you\s+", "", first, flags=_I).rstrip("?.! ")
        if len(role.split()) <= 5:
            return f"What does being {role} mean for you?"
    if np and not re.search(r"\b(?:anyone|anybody|anything)\b", low) and re.match(r"^(?:did|have|has|had|was|were)\b", low):
        return f"What has happened so far with {np}?"
    if re.search(r"\b(?:anyone|anybody|anything|someone|something)\b", low):
        return "What is most important to you here?"
    np_first = _first_noun_phrase(first)
    if np_first and re.match(r"^(?:do|does|are|is|can|could|will|would|should|may|might|so|and)\b", low):
        return f"How do you see {np_first}?"
    m = re.search(r"\b(her|him|them)\s*[?.!]*$", first, _I)
    if m:
        return f"How would you describe things with {m.group(1).lower()}?"
    return "What is most important to you here?"


_WHY_PARTS = _rx(
    r"^why\s+(?P<aux>did|do|does|is|are|was|were|would|will|can|could|should|have|has)\s+"
    r"(?P<subj>you|we|they|he|she|it|this|that|(?:the|your|their|our|his|her)\s+[\w'-]+)\s+(?P<rest>[^?]+)"
)
_OBJ = {"you": "you", "we": "us", "they": "them", "he": "him", "she": "her", "it": "it", "this": "this", "that": "that", "i": "me"}


def _why_rewrite(core: str) -> str:
    m = _WHY_PARTS.match(core.strip())
    if m:
        aux = m.group("aux").lower()
        subj = m.group("subj")
        subj_o = _OBJ.get(subj.lower(), subj[0].lower() + subj[1:] if subj.split()[0].lower() in _LOWER_FIRST else subj)
        rest = _PHRASE_CUT.sub("", m.group("rest")).strip()
        rest_words = rest.split()
        pronoun = subj.lower() in _OBJ
        if not pronoun and not (aux in ("is", "are", "was", "were") and re.match(r"^(?:so|very|too|such|more|less|quite|still|always|never|not)\b", rest, _I)):
            rest_words = []
        if rest_words and len(rest_words) <= 12:
            if aux == "did":
                return f"What led {subj_o} to {rest}?"
            if aux in ("do", "does"):
                return f"What makes {subj_o} {rest}?"
            if aux in ("is", "are", "was", "were"):
                if rest_words[0].lower().endswith("ing"):
                    return f"What keeps {subj_o} {rest}?"
                verb = "made" if aux in ("was", "were") else "makes"
                return f"What {verb} {subj_o} {rest}?"
            if aux in ("would", "will", "could", "can", "should"):
                return f"What would lead {subj_o} to {rest}?"
    return "What lies behind that for you?"


# --------------------------------------------------------------------------- tips

_TIPS = {
    "empty": "Write a question for the presenter, then check it here.",
    "naq_advice": "That is advice rather than a question: the presenter learns more by finding their own way forward.",
    "naq_leading": "That is your own view rather than a question: ask what the presenter thinks instead.",
    "naq_open": "That is a statement rather than a question: turn it into a question about the presenter's situation.",
    "advice": "This carries your own solution; ask about the presenter's options instead of proposing one.",
    "leading": "This suggests the answer you expect; ask what the presenter thinks instead.",
    "stacked": "That is more than one question; ask one at a time so the presenter can answer each fully.",
    "why": "A good open question, but 'why' can sound like a demand to justify; 'What led you to…' invites more.",
    "closed": "This can be answered with yes, no or a single fact: fine for clarifying, but an open question invites more thought.",
    "long": "A good open question, but it is long; a shorter one lands better.",
    "open": "A good open question: it invites the presenter to explore.",
}


def _with_rewrite(tip: str, rewrite: str) -> str:
    return f"{tip} Try: \u201c{rewrite}\u201d" if rewrite else tip


# --------------------------------------------------------------------------- classify


def _empty() -> Feedback:
    return Feedback("open", ("not_a_question",), _TIPS["empty"])


def classify(text: str) -> Feedback:
    """Classify a question and give one line of kind, plain feedback. Never raises."""
    try:
        return _classify(text if isinstance(text, str) else str(text))
    except Exception:  # pragma: no cover - a safety net; the rules should never raise
        return Feedback("open", (), _TIPS["open"])


def _classify(text: str) -> Feedback:
    full = text.strip()
    if not full:
        return _empty()
    n_words = len(full.split())
    long_ = n_words > _LONG_WORDS or len(full) > _LONG_CHARS
    norm = _normalise(full[:_MAX_ANALYSE])
    if not re.search(r"[^\W\d_]", norm):
        return _empty()

    sents = _sentences(norm)
    if not sents:
        return _empty()

    any_q = any(s.is_question for s in sents)
    flags: list[str] = []

    # kind
    kind = ""
    advice_cue = ""
    advice_rest = ""
    leading_sent: _Sentence | None = None
    for s in sents:
        statement = not s.is_question
        is_adv, cue, rest = _advice(s.core, s.opening, statement, s.whole)
        if not is_adv and s.inverted:
            is_adv, cue, rest = _advice(s.inverted, "aux", False)
        if is_adv:
            kind = "advice"
            advice_cue, advice_rest = cue, rest
            break
    if not kind:
        for s in sents:
            if (
                _leading(s.core, s.opening, not s.is_question, s.whole)
                or any(p.search(s.raw) for p in _LEADING_ANY)
                or (bool(s.inverted) and _leading(s.inverted, "aux", False))
                or (s.opening == "decl" and s.qmark and _LEADING_DECL.search(s.core))
            ):
                kind = "leading"
                leading_sent = s
                break
    questions = [s for s in sents if s.is_question]
    first_q = questions[0] if questions else None
    if not kind:
        kind = _base_kind(first_q.core, first_q.opening, first_q.yesno, first_q.invited) if first_q else "open"

    # flags
    n_qmarks = sum(1 for seg in re.split(r"\?+", norm)[:-1] if re.search(r"\w", seg))
    n_clauses = sum(max(1 if s.is_question else 0, len(_question_clauses(s.whole))) for s in sents)
    if n_qmarks >= 2 or n_clauses >= 2 or any(_ELLIPTICAL_SECOND.search(s.whole) for s in sents if s.is_question):
        flags.append("stacked")
    if any(
        re.match(r"^why\b", s.core, _I)
        or re.search(r"(?:^|[,;]\s*|\b(?:and|or|but|so)\s+)why\b", s.whole, _I)
        or re.match(r"^(?:tell\s+(?:me|us)|explain|say\s+more\s+about|help\s+me\s+understand)\s+why\b", s.whole, _I)
        for s in sents
    ):
        flags.append("why")
    if long_:
        flags.append("long")
    if not any_q:
        flags.append("not_a_question")

    # tip and rewrite
    rewrite = ""
    if kind == "advice":
        phrase = _action_phrase(advice_rest) if advice_rest and advice_cue != "np_help" else None
        if advice_cue == "np_help":
            rewrite = "What do you think would help most here?"
        elif phrase:
            rewrite = f"What options do you see for {phrase}?"
        elif advice_cue == "have_you":
            rewrite = "What have you already tried?"
        else:
            rewrite = "What options can you see from here?"
        tip = _TIPS["naq_advice" if "not_a_question" in flags else "advice"]
    elif kind == "leading":
        src = leading_sent.core if leading_sent else sents[0].core
        rewrite = _leading_rewrite(src)
        tip = _TIPS["naq_leading" if "not_a_question" in flags else "leading"]
    elif "not_a_question" in flags:
        tip = _TIPS["naq_open"]
        rewrite = "What feels most important to you about this?"
    elif kind == "closed":
        assert first_q is not None
        rewrite = _closed_rewrite(first_q.core)
        tip = _TIPS["stacked"] if "stacked" in flags else _TIPS["closed"]
    else:  # open
        assert first_q is not None
        first_clause = (_question_clauses(first_q.core) or [first_q.core])[0]
        if "why" in flags and re.match(r"^why\b", first_clause, _I):
            rewrite = _why_rewrite(first_clause)
            tip = _TIPS["why"]
        elif "stacked" in flags:
            rewrite = _first_question(first_clause)
            tip = _TIPS["stacked"]
        elif "why" in flags:
            tip = _TIPS["why"]
        elif "long" in flags:
            tip = _TIPS["long"]
        else:
            tip = _TIPS["open"]
    return Feedback(kind, tuple(f for f in FLAGS if f in flags), _with_rewrite(tip, rewrite), rewrite)


def _first_question(clause: str) -> str:
    c = re.sub(r"[\s?.!,;:]+$", "", clause.strip())
    if not c:
        return ""
    return c[0].upper() + c[1:] + "?"


# --------------------------------------------------------------------------- training content


def _as_tuple_of_str(value: Any, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValueError(f"{where}: '{field}' must be a list")
    out = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError(f"{where}: every item of '{field}' must be text")
        out.append(item)
    return tuple(out)


def _need_str(d: dict[str, Any], key: str, where: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: '{key}' is missing or empty")
    return value.strip()


def _parse_training(data: Any, source: str) -> Training:
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a mapping with 'examples' and 'scenarios'")
    examples: list[Example] = []
    for i, item in enumerate(data.get("examples") or [], start=1):
        where = f"{source}: examples[{i}]"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected a mapping")
        kind = _need_str(item, "kind", where)
        if kind not in KINDS:
            raise ValueError(f"{where}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
        flags = _as_tuple_of_str(item.get("flags"), where, "flags")
        bad = [f for f in flags if f not in FLAGS]
        if bad:
            raise ValueError(f"{where}: unknown flag {bad[0]!r} (one of {', '.join(FLAGS)})")
        examples.append(
            Example(
                text=_need_str(item, "text", where),
                kind=kind,
                flags=tuple(f for f in FLAGS if f in flags),
                explanation=_need_str(item, "explanation", where),
            )
        )
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    for i, item in enumerate(data.get("scenarios") or [], start=1):
        where = f"{source}: scenarios[{i}]"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected a mapping")
        sid = _need_str(item, "id", where)
        if sid in seen:
            raise ValueError(f"{where}: duplicate id {sid!r}")
        seen.add(sid)
        scenarios.append(
            Scenario(
                id=sid,
                title=_need_str(item, "title", where),
                presenter=_need_str(item, "presenter", where),
                issue=" ".join(_need_str(item, "issue", where).split()),
                good_questions=_as_tuple_of_str(item.get("good_questions"), where, "good_questions"),
            )
        )
    return Training(tuple(examples), tuple(scenarios))


def load_training(path: str | Path | None = None) -> Training:
    """Load examples and scenarios from ``content/training.yaml`` (or ``path``).

    Raises ``ValueError`` naming the file and the entry when the content is malformed.
    """
    import yaml  # lazy: keep the core import light

    if path is None:
        from als_tui.paths import content_file

        path = content_file("training.yaml")
    p = Path(path)
    with p.open(encoding="utf-8") as fh:
        try:
            data = yaml.safe_load(fh)
        except yaml.YAMLError as exc:
            raise ValueError(f"{p}: invalid YAML: {exc}") from exc
    return _parse_training(data, str(p))


# --------------------------------------------------------------------------- drills


def spot_round(training: Training, n: int = 10, rng: random.Random | None = None) -> list[Example]:
    """A round of ``n`` distinct examples for the "spot the type" drill.

    Kinds are mixed: when ``n >= 8`` each kind appears at least twice (as far as the
    content allows). ``rng`` is injected for reproducible rounds.
    """
    rng = rng or random.Random()
    pool = list(training.examples)
    if n <= 0 or not pool:
        return []
    if n >= len(pool):
        rng.shuffle(pool)
        return pool
    by_kind: dict[str, list[Example]] = {k: [] for k in KINDS}
    for ex in pool:
        by_kind.setdefault(ex.kind, []).append(ex)
    chosen: list[Example] = []
    per_kind = 2 if n >= 8 else (1 if n >= len(KINDS) else 0)
    for kind in KINDS:
        items = by_kind.get(kind, [])
        chosen.extend(rng.sample(items, min(per_kind, len(items))))
    chosen_ids = {id(e) for e in chosen}
    rest = [e for e in pool if id(e) not in chosen_ids]
    if len(chosen) > n:
        chosen = rng.sample(chosen, n)
    else:
        chosen.extend(rng.sample(rest, n - len(chosen)))
    rng.shuffle(chosen)
    return chosen


def _flag_note(flags: Iterable[str]) -> str:
    names = [FLAG_LABELS[f].lower() for f in flags if f in FLAG_LABELS]
    return f" Also worth noticing: {', '.join(names)}." if names else ""


def explain(example: Example, chosen_kind: str) -> str:
    """Instant feedback for the "spot the type" drill: right or wrong, and why."""
    right_label = KIND_LABELS.get(example.kind, example.kind)
    note = _flag_note(example.flags)
    if chosen_kind == example.kind:
        return f"Right: it's {right_label.lower()}. {example.explanation}{note}"
    chosen_label = KIND_LABELS.get(chosen_kind, str(chosen_kind))
    return (
        f"Not quite: you chose {chosen_label.lower()}, but it's {right_label.lower()}. "
        f"{example.explanation}{note}"
    )
