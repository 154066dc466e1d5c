"""Linguistic cues of a turn, as named features for the coach's linear model.

Each cue is a fact about the words a member used, written from the definitions of the four kinds
(``LABELS.md``): a named step after "could you" or "if you" (advice), a loaded word or a
presupposition (leading), a fact asked for by a wh-word (closed), an invitation to talk (open), and
so on. Cues have a plain-English description (:data:`CUE_TEXT`) so that each verdict can say which
ones decided it. Besides the cues, the model sees the opening words of each question, the words and
word pairs of the turn and the word classes of the lexicon, so that it learns from a corpus what the
cues cannot spell out. Standard library only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .frames import frame_cues, if_cues, skip, verb_kind
from .lexicon import lexicon
from .text import Part, normalise
from .words import AUX_FACT, MODAL, NEG_AUX, SELF, WE, WH, is_act, is_in

__all__ = ["CUE_TEXT", "part_cues"]

# Plain-English descriptions of the cues, used to explain a verdict.
CUE_TEXT = {
    "modal_you_act": "it asks whether you could or would take a particular step",
    "modal_you_speech": "it invites the presenter to tell, describe or explain",
    "modal_you_state": "it asks what the presenter can see, feel or imagine",
    "modal_other_act": "it asks whether someone could or should take a particular step",
    "modal_thing_helps": "it asks whether a particular remedy would help or work",
    "if_you_act": "it pictures the presenter taking a particular step",
    "if_you_state": "it pictures a different situation without naming a step",
    "what_if": "it begins 'what if', testing an idea of the asker's",
    "imagine_act": "it asks the presenter to imagine taking a particular step",
    "have_you_done": "it asks whether the presenter has already taken a particular step",
    "have_you_tried": "it asks 'have you tried / thought about', which usually carries a suggestion",
    "considered_that": "it asks the presenter to consider the asker's own reading of the situation",
    "why_not": "it asks 'why not', which carries the asker's solution",
    "how_about": "it offers a step: 'how about' / 'what about' doing something",
    "any_chance": "it floats a step: 'any chance of…'",
    "is_option": "it asks whether a particular remedy is an option, worth it or on the table",
    "something_you_could": "it names something the presenter could do or ask for",
    "should": "it says what should or needs to happen",
    "worth": "it says a step would be worth trying",
    "who_could": "it assumes a step and asks only who, which or when",
    "cost_to_act": "it asks what a particular step would cost or take",
    "step_in_act": "it asks about the first step of a plan the asker has in mind",
    "think_of_doing": "it asks the presenter's view of the asker's idea",
    "stops_you_act": "it asks what stops the presenter taking a particular step",
    "imperative_act": "it tells the presenter what to do",
    "maybe_step": "it offers a step with 'maybe' or 'perhaps'",
    "i_would": "the asker says what they would do",
    "loaded": "it uses a loaded word that carries the asker's judgement",
    "loaded_phrase": "it uses a phrase that takes a judgement for granted",
    "intensifier": "it pushes with a word like 'always', 'never', 'obviously' or 'surely'",
    "so_adj": "it judges with 'so' or 'such'",
    "neg_question": "it starts with a negative ('don't you…', 'isn't it…'), which invites agreement",
    "dont_you_think": "it asks the presenter to agree: 'don't you think…'",
    "tag": "it ends in a tag ('…, isn't it?', '…, right?') that asks for agreement",
    "tag_loaded": "its tag asks the presenter to agree with a judgement",
    "rhetorical": "it is rhetorical: 'who in their right mind', 'how could they', 'what kind of…'",
    "presupposes": "it takes something for granted ('when did they stop…', 'why are they always…')",
    "forced_choice": "it offers a choice between two judgements",
    "could_it_be": "it offers the asker's own explanation ('could it be that…')",
    "fair_to_say": "it asks the presenter to sign up to a view ('is it fair to say…', 'would you say…')",
    "think_judgement": "it asks whether the presenter shares a judgement of someone",
    "wh_fact": "it asks for one fact: a date, a number, a name",
    "how_much": "it asks 'how many / how long / how much'",
    "whether": "it asks whether something is so, which wants a yes or a no",
    "or_choice": "it offers a choice between two facts",
    "aux_fact": "it is a yes/no question about a fact",
    "past_fact": "it asks about what happened as a fact",
    "remind": "it asks to be reminded of a detail",
    "check_heard": "it checks the asker heard a detail right",
    "invite_talk": "it invites the presenter to tell, describe or walk through",
    "wh_feel": "it asks about the presenter's own experience or feelings",
    "wh_you_think": "it asks for the presenter's own view",
    "options_generic": "it asks about the presenter's own options, without naming any",
    "i_wonder": "it wonders aloud and leaves the answer open",
    "polite_invite": "it is a polite invitation to talk",
    "more_about": "it asks the presenter to say more",
    "hypo_free": "it pictures a freer situation without naming a step",
    "why_you": "it asks the presenter for their own reasons",
    "declarative": "it is said as a statement, not asked",
    "even_push": "'even' turns it into a jibe ('does the board even know…?')",
    "not_question": "it is a statement rather than a question",
    "stacked": "it puts more than one question in one turn",
}

_PHRASE_TAG = re.compile(
    r"(?:,|\s-)\s*(?:(?:is|are|was|were|do|does|did|has|have|had|would|could|should|can|will|must|might)"
    r"(?: not)? (?:it|they|he|she|you|we|there|that|i)|right|yeah|yes|no|innit|eh|hey|surely|correct|true|agreed|"
    r"am i right|would you agree|you agree|do you agree|do not you agree|would you not agree|is not it|"
    r"is it not|do not you think|wouldn't you say|would you not say|or what|or not|is it)\s*\??$"
)


@lru_cache(maxsize=1)
def _rhetorical() -> re.Pattern[str]:
    """The lexicon's rhetorical frames ("is it any wonder ...", "who do they think they are") as one pattern
    over normalised text; "..." stands for up to a dozen words."""
    alternatives = []
    lex = lexicon()
    whole = [" ".join(p) for p in lex.phrases.get("rhetorical", ())]
    for frame in list(lex.frames.get("rhetorical", ())) + whole:
        pieces = [normalise(p).strip(" ,?.") for p in frame.split("...")]
        pieces = [p for p in pieces if p]
        if pieces:
            alternatives.append(r"\b" + r"\b(?: \S+){0,12}? ".join(re.escape(p) for p in pieces) + r"\b")
    return re.compile("|".join(alternatives) or r"(?!)")


def part_cues(part: Part) -> dict[str, float]:
    """The named cues of one part of a turn."""
    L = lexicon()
    toks = list(part.toks)
    w = [t for t in toks if t[0].isalnum()]
    text = " ".join(w)
    cues: dict[str, float] = {}
    if not w:
        return cues

    def hit(name: str, value: float = 1.0) -> None:
        cues[name] = max(cues.get(name, 0.0), value)

    first = w[0]
    n = len(w)
    # ---- advice
    frame_cues(w, text, hit)
    for i in range(n - 2):
        if w[i] in ("if", "supposing", "suppose", "imagine", "once") and (i == 0 or w[i - 1] not in ("as", "even", "what", "only")):
            if_cues(w, i + 1, hit)
    if text.startswith("what if") or text.startswith("so what if") or " what if " in f" {text} ":
        hit("what_if")
    if first in ("imagine", "picture", "suppose", "supposing", "say", "assume", "assuming") and n > 2:
        if any(verb_kind(w, k) == "act" and (w[k].endswith("ing") or w[k].endswith("ed") or w[k] in L.irregular) for k in range(1, min(n, 7))):
            hit("imagine_act")
    if re.search(r"\b(?:on the (?:table|cards)|an option|a possibility|worth (?:a |it|(?!doing\b)\w+ing)|something (?:you|we|they|she|he) could|something worth|somewhere (?:you|to)|someone (?:you|who) could|feasible|viable|doable|realistic to)\b", text):
        hit("is_option")
    if re.search(r"\b(?:something|anything|someone|somebody) (?:you|we) (?:could|can|might) (?:ask|request|apply|push|go|bring|use|try)", text):
        hit("something_you_could")
    if re.search(r"\b(?:should|ought to|need to|needs to|have to|has to|must|got to|better off)\b", text) and not re.search(r"\bshould (?:not )?have\b|\bmust (?:have|be|feel)\b", text):
        hit("should")
    if re.search(r"\bworth (?:a (?:try|go|shot|look)|trying|considering|asking|talking|speaking|looking|getting|checking|exploring|thinking about)\b", text):
        hit("worth")
    if first in ("which", "who", "when", "where", "whom") and n > 3:
        k = next((i for i in range(1, min(n, 9)) if w[i] in ("could", "might", "would", "can", "should") and i + 1 < n), 0)
        if k:
            i = skip(w, k + 1 + (1 if w[k + 1] in SELF | WE else 0))
            verb = w[i] if i < n else ""
            # "Who could help you with this?" asks about the presenter's own support, not a step of the asker's
            own_support = verb in ("help", "support", "back") and i + 1 < n and w[i + 1] in SELF
            if (is_act(verb) and not is_in("speech", verb) or verb in ("take", "run", "cover", "lead", "pair", "help")) and not own_support:
                hit("who_could")
        if re.match(r"when(?: is| would be)? (?:the )?(?:earliest|soonest|next time|best time|first chance)", text):
            hit("who_could")
    if re.search(r"\bwhat (?:would|will|might|does|did) it (?:cost|take|mean|look like)\b.*\b(?:to|if you|for you to)\b", text):
        m = re.search(r"\b(?:to|if you|for you to) (?:just |simply )?(\w+)", text)
        if m and (is_act(m.group(1)) or m.group(1).endswith("ed")) and m.group(1) not in ("be", "feel", "have", "get", "see"):
            hit("cost_to_act")
    if re.search(r"\b(?:first|next) step (?:in|towards|to|of) (?:\w+ing|getting|setting)\b", text):
        hit("step_in_act")
    if re.match(r"(?:what|how) do you (?:think|feel|reckon) (?:of|about) (?:just |maybe )?\w+ing\b", text):
        hit("think_of_doing")
    if re.match(r"what (?:is )?(?:stops|stopping|prevents|preventing|keeps|keeping) you (?:from )?(?:just )?\w+", text):
        m = re.match(r"what (?:is )?\w+ you (?:from )?(?:just )?(\w+)", text)
        if m and is_act(m.group(1)) and not is_in("feeling", m.group(1)):
            hit("stops_you_act")
    if first not in WH and first not in MODAL and first not in AUX_FACT and is_act(first) and not is_in("speech", first) and first not in ("imagine", "picture", "say", "suppose", "let"):
        hit("imperative_act")
    if first in ("maybe", "perhaps", "possibly") and n > 1:
        hit("maybe_step")
    if re.search(r"\b(?:if i were you|if it were me|in your (?:shoes|position)|i would (?:just |probably |definitely )?(?!be |say |think |imagine |guess |wonder |like |love |want |feel |ask )\w+|i (?:would )?suggest|my advice|what worked for (?:me|us)|i recommend)\b", text):
        hit("i_would")
    # ---- leading
    loaded = sum(1 for x in w if is_in("loaded", x))
    if loaded:
        hit("loaded", min(loaded, 2))
    phrase_hits = L.phrase_hits("loaded_phrases", w) + L.phrase_hits("loaded", w)
    if phrase_hits:
        hit("loaded_phrase", min(len(phrase_hits), 2))
    inten = sum(1 for x in w if x in L.words.get("intensifier", ()))
    if inten:
        hit("intensifier", min(inten, 2))
    for i in range(n - 1):
        if w[i] in ("so", "such", "too") and i + 1 < n and (w[i] == "such" and w[i + 1] in ("a", "an") or is_in("loaded", w[i + 1]) or (i + 2 < n and w[i + 1] in ("a", "an") and is_in("loaded", w[i + 2]))):
            if not (w[i] == "so" and i + 1 < n and w[i + 1] in ("that", "what", "how", "you", "far", "much", "many", "the", "i", "we")):
                hit("so_adj")
    if first in NEG_AUX and n > 2 and w[1] == "not":
        hit("neg_question")
    if re.match(r"(?:do|would|did) (?:not )?you (?:not )?(?:really |honestly )?(?:think|reckon|feel|agree|believe|find it)\b", text) and ("not" in w[1:4]):
        hit("dont_you_think")
    raw_tail = " ".join(toks[-8:])
    if _PHRASE_TAG.search(raw_tail) or re.search(r"(?:is|are|was|were|do|does|did|has|have|had|would|could|should|can|will) not (?:it|they|he|she|you|we|there|that)$", text) and "," in toks:
        hit("tag")
        if loaded or phrase_hits or inten:
            hit("tag_loaded")
    if _rhetorical().search(text):
        hit("rhetorical")
    if re.search(r"\b(?:right mind|how (?:could|can|dare|on earth|is that not|is it not|come nobody|come no one)|what kind of|what sort of|who (?:on earth|in their|would not|wouldn't)|who could possibly|what reasonable|which (?:sane|reasonable)|why on earth|why would anyone|is it any wonder|any wonder|what did (?:they|he|she|you) expect|who could blame|can you blame|who can blame|how is that (?:fair|ok|okay|acceptable|right|legal))\b", text):
        hit("rhetorical")
    # (not the start of the matter itself: "When did this start to be a problem?" asks for a date)
    if re.search(r"\bwhen (?:did|will|are|is|do|does) (?!(?:it|this|that|the (?:problem|issue|situation|trouble)) (?:first |really )?(?:start|begin|began)\b).{0,40}\b(?:stop|start|begin|realise|realize|admit|going to admit|lose|lost|give up|finally)\b", text) or re.search(r"\bwhy (?:is|are|do|does|did|has|have) .{0,40}\b(?:always|never|forever|constantly|continually|keeps?)\b", text):
        hit("presupposes")
    if " or " in f" {text} " and (loaded or phrase_hits) and first in AUX_FACT | MODAL | {"which"}:
        hit("forced_choice")
    if first in AUX_FACT | MODAL and re.search(r"\beven (?:know|care|understand|notice|listen|read|bother|try|think|want|have a clue|realise|realize|qualified|aware|exist)\b", text):
        hit("even_push")
    if re.search(r"\b(?:could|might|can|may) (?:it|this|that) (?:not )?(?:be|just be|simply be|really be) (?:that|because|a case)\b|^(?:so |and |but )?(?:could|might|can) the (?:real )?(?:reason|problem|issue)\b|\bis it (?:possible|likely) that\b", text):
        hit("could_it_be")
    if re.search(r"\b(?:is it fair to say|would you (?:not )?say|would it be (?:fair|right|correct|true) to say|would you agree|do you agree|am i right|is it true that|is it not true|it seems to me|it sounds (?:to me )?like|sounds like|seems like|i get the (?:sense|feeling|impression)|i reckon|i think (?:that )?(?:they|he|she|the|your|it))\b", text):
        hit("fair_to_say")
    if re.match(r"(?:do|did|does) you (?:think|reckon|feel|believe|suppose) (?:that )?(?:she|he|they|the|your|it|this|that|management|people|everyone|nobody|someone)\b", text) and (loaded or phrase_hits or inten or any(x in ("jealous", "threatened", "scared", "afraid", "lazy") for x in w)):
        hit("think_judgement")
    # ---- closed
    if first in ("what", "which", "whose") and n > 1 and (is_in("fact", w[1]) or (w[1] in ("is", "was", "are", "were") and n > 3 and w[2] in ("the", "your", "her", "his", "their") and is_in("fact", w[3]))):
        hit("wh_fact")
    if first == "how" and n > 1 and w[1] in ("many", "much", "long", "old", "often", "big", "far", "soon", "late", "early", "large", "small", "tall", "frequently"):
        hit("how_much")
    if re.search(r"\b(?:whether|if) (?:or not )?(?:it|the|she|he|they|there|your|this|that|you (?:are|were|have|had|did))\b", text) and not re.search(r"\bwhat if\b|\bif you (?:could|had|were able)\b", text):
        hit("whether")
    if " or " in f" {text} " and not (loaded or phrase_hits) and n <= 25:
        hit("or_choice")
    if first in AUX_FACT and n > 1 and (w[1] not in SELF | {"not"} or (n > 2 and w[2] in ("the", "in", "on", "at", "still", "a"))):
        hit("aux_fact")
    if first in ("did", "was", "were", "had", "has", "have") and n > 2:
        hit("past_fact")
    if first in ("remind", "reminding") or re.search(r"\bremind (?:me|us)\b", text):
        hit("remind")
    if re.search(r"\b(?:did i (?:hear|get) (?:that|you|it) right|just so i have got it|have i got (?:that|it|this) right|is that right|is that correct|did you say|was it)\b", text):
        hit("check_heard")
    # ---- open
    if re.match(r"(?:(?:could|can|would|will|might) you (?:please |perhaps |maybe |just )?)?(?:tell (?:me|us|the set|the group)|describe|explain|talk (?:me |us )?(?:through|about|more)|walk (?:me|us) through|take (?:me|us) (?:back|through)|say (?:more|a (?:bit|little|word))|share|expand|elaborate|unpack|paint|sketch|outline|give (?:me|us) (?:a|an|some) (?:sense|picture|flavour|flavor|idea|example|feel)|help (?:me|us) (?:to )?understand|go (?:back )?over|run (?:me|us) through|fill (?:me|us) in)\b", text):
        hit("invite_talk")
    if re.search(r"\b(?:how (?:do|did|does|are|were|is|was) (?:you|that|it|this) (?:feel|felt|feeling|sit|land|sitting|landing)|what (?:is|was|has been) (?:it|that|this) like|how are you (?:doing|finding|getting on|holding up|feeling)|what (?:do|did) you (?:feel|notice|sense|make of|learn|want|need|hope|fear)|what (?:matters|mattered|worries|worried|excites|scares|frightens|drains|energises)|what is (?:at stake|important|hardest|going on for you)|how (?:do|would|did) you (?:see|describe|understand|make sense))\b", text):
        hit("wh_feel")
    if re.search(r"\bwhat (?:do|did|would) you (?:think|make|reckon)\b|\bwhat is your (?:own )?(?:view|sense|take|read|reading|feeling|hunch)\b|\bhow do you (?:read|see|interpret)\b", text):
        hit("wh_you_think")
    if re.search(r"\b(?:what|which) (?:options|choices|possibilities|alternatives|ideas|routes|ways|approaches|steps)\b|\bwhat (?:could|might|can|would|will) you (?:do|try)\b|\bwhat else (?:could|might|can)\b|\bhow (?:might|could|would|will|can) you (?:approach|tackle|go about|handle|move|take this|respond|proceed)\b|\bif anything\b|\bwhat (?:is|would be) (?:your|the) (?:next|first) (?:step|move)\b|\bwhere (?:would|could|might) you (?:start|begin)\b", text):
        hit("options_generic")
    if not part.qmark and re.match(
        r"(?:(?:the|a|an|this|that|these|those|it|they|he|she|i|we|you|there|everyone|nobody|everybody|someone|"
        r"your|my|our|their|his|her)\b(?: \w+){0,3}? (?:is|are|was|were|has|have|had|will|would|can|could|"
        r"should|must|need|needs|do|does|did|seem|seems|sound|sounds|feel|feels|look|looks|am)\b)", text
    ) and not cues.get("tag"):
        hit("declarative")
    if re.match(r"why (?:did|do|would|have|are|were) you (?!not\b)", text) and not loaded and not phrase_hits and not inten:
        hit("why_you")
    if re.match(r"(?:i (?:am |was )?(?:wonder|wondering|curious|interested)|i would (?:love|like) to (?:hear|know|understand))\b", text):
        hit("i_wonder")
    if re.match(r"(?:would|do) you (?:mind|be (?:up for|willing to|able to|open to|happy to|comfortable)|feel (?:able|comfortable|ready) to|want to|care to|like to)|(?:are|were) you (?:able|willing|comfortable|happy|ok|okay) (?:to|with|sharing|telling|talking)|is there (?:anything|something|more|a (?:part|bit))|are there (?:things|parts|other)", text):
        rest = w[2:8]
        if any(is_in("speech", x) or x in ("more", "anything", "something", "going", "bit") for x in rest):
            hit("polite_invite")
    if re.search(r"\b(?:say|tell (?:me|us)|talk|hear) (?:a (?:bit|little) )?more\b|\bmore about\b|\bgo on\b|\bkeep going\b", text):
        hit("more_about")
    if re.search(r"\bif (?:you|we) (?:had|could have|were given|were able to) (?:a |an |complete |completely |total |totally |the |any |free |no |all )*(?:free hand|magic wand|anything|no constraints|free rein|blank|clean slate|start again|over again|total control|all the time|more time|unlimited|no limits|the power)", text) or re.search(r"\bif (?:money|time|budget|nothing|anything) (?:were|was|is) (?:no object|not an issue|possible|no barrier)", text):
        hit("hypo_free")
    return cues


