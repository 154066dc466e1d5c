"""The question coach's parts: text as people type it, the cues, flags, rewrites, the shipped weights."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from als_tui.questioning import FLAGS, KIND_HELP, KIND_LABELS, KINDS, STATEMENT, classify, judge
from als_tui.questioning.cues import CUE_TEXT, part_cues
from als_tui.questioning.rewrite import content_words
from als_tui.questioning.text import analyse, normalise

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "coach" / "dev" / "dev_questions.tsv"


def dev_rows() -> list[tuple[str, str]]:
    with DEV.open(encoding="utf-8", newline="") as fh:
        return [(r[0], r[1]) for r in list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]]


# --------------------------------------------------------------------------- text as people type it


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("Have u thought about it", "have you thought about it"),
        ("dont you think ur manager knows", "do not you think your manager knows"),
        ("wh-what did the the board say", "what did the board say"),
        ("um, so, uh, what happened next?", "so, what happened next?"),
        ("What\u2019s stopping you?", "what is stopping you?"),
        ("Isn't it obvious?", "is not it obvious?"),
        ("you'd tried that already", "you had tried that already"),
        ("you'd need to ask", "you would need to ask"),
        ("did u recieve anything from hr", "did you receive anything from hr"),
    ],
)
def test_normalise_spells_out_what_people_type(typed: str, normal: str) -> None:
    assert normalise(typed) == normal


def test_a_preamble_is_set_aside_from_the_question() -> None:
    turn = analyse("Just picking up on what you said about the rota, how do the night staff see it?")
    assert [p.text for p in turn.parts] == ["how do the night staff see it"]
    assert "rota" in turn.parts[0].preamble


def test_a_lead_in_sentence_becomes_the_preamble() -> None:
    turn = analyse("You mentioned the new rota. How is it landing with the team?")
    assert [p.text for p in turn.parts] == ["how is it landing with the team"]


def test_two_questions_in_one_turn_are_two_parts() -> None:
    assert len(analyse("What happened? How did the staff react?").parts) == 2
    assert len(analyse("How are you feeling, and would some time off help?").parts) == 2
    assert len(analyse("When you think about the rota, what options do you see?").parts) == 2
    assert [p.qmark for p in analyse("When you think about the rota, what options do you see?").parts] == [False, True]


@pytest.mark.parametrize(
    "pair",
    [
        ("Have you tried asking HR?", "have u tried asking hr"),
        ("What matters most to you here?", "wat matters most to u here"),
        ("Don't you think she's out of her depth?", "dont you think shes out of her depth"),
        ("How many people are on the team?", "HOW MANY PEOPLE ARE ON THE TEAM"),
    ],
)
def test_case_punctuation_and_texting_do_not_change_the_kind(pair: tuple[str, str]) -> None:
    written, typed = pair
    assert classify(written).kind == classify(typed).kind


# --------------------------------------------------------------------------- cues (one family each)


def cues_of(text: str) -> set[str]:
    found: set[str] = set()
    for part in analyse(text).parts:
        found |= set(part_cues(part))
    return found


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Could you ask the district for a coach?", "modal_you_act"),
        ("Are you able to ask the district for a coach?", "modal_you_act"),
        ("Could you describe your week?", "modal_you_speech"),
        ("Would you be willing to tell us how it went?", "modal_you_speech"),
        ("Could the deputy take over the rota?", "modal_other_act"),
        ("Would a buddy system help?", "modal_thing_helps"),
        ("If you went part-time, what would you lose?", "if_you_act"),
        ("If Meena took over the budget, what would change?", "if_you_act"),
        ("If you had a free hand, what would you change?", "hypo_free"),
        ("Imagine you had already had the conversation with Mo", "imagine_act"),
        ("Have you tried talking to HR?", "have_you_tried"),
        ("Have you considered that she might feel threatened?", "considered_that"),
        ("Why not ask the owner to work a Saturday?", "why_not"),
        ("What about setting up a group chat?", "how_about"),
        ("Is mediation on the table?", "is_option"),
        ("Which of the seniors could take over the rota?", "who_could"),
        ("What would it cost you to let Jo run the close?", "cost_to_act"),
        ("Who in their right mind signed that off?", "rhetorical"),
        ("When did the team stop respecting you?", "presupposes"),
        ("Why is he always late?", "presupposes"),
        ("Bit of a cowboy outfit, that agency, aren't they?", "tag"),
        ("Don't you think she's jealous?", "dont_you_think"),
        ("Is it fair to say the board have no idea?", "fair_to_say"),
        ("What's it like working for someone so clueless?", "loaded"),
        ("What date is the hearing?", "wh_fact"),
        ("How many staff are on a night?", "how_much"),
        ("Can you tell us whether she's on a permanent contract?", "whether"),
        ("Was it the locum or the regular GP?", "or_choice"),
        ("Tell us about the team you inherited.", "invite_talk"),
        ("How are you feeling about the move?", "wh_feel"),
        ("What options can you see?", "options_generic"),
        ("Could you remind us what the deadline is?", "remind"),
        ("The board are clueless.", "declarative"),
    ],
)
def test_each_cue_fires_on_its_own_form(text: str, cue: str) -> None:
    assert cue in cues_of(text), cues_of(text)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Could you describe your week?", "modal_you_act"),
        ("If you could change one thing, what would it be?", "if_you_act"),
        ("Have you considered that she might feel threatened?", "have_you_tried"),
        ("What about the budget?", "how_about"),
        ("How do you feel about it?", "loaded"),
    ],
)
def test_a_cue_stays_quiet_off_its_form(text: str, cue: str) -> None:
    assert cue not in cues_of(text), cues_of(text)


def test_every_cue_has_words_for_the_member() -> None:
    import re

    source = (ROOT / "als_tui" / "questioning").glob("*.py")
    named = {m for path in source for m in re.findall(r'hit\("([a-z_]+)"', path.read_text(encoding="utf-8"))}
    assert named and named <= set(CUE_TEXT), named - set(CUE_TEXT)


# --------------------------------------------------------------------------- flags and verdicts


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("What happened? How did the staff react?", "stacked"),
        ("Why did you take the job?", "why"),
        ("So why did the first attempt stall?", "why"),
        (" ".join(["What"] + ["really"] * 31 + ["matters?"]), "long"),
        ("That sounds really tough.", "not_a_question"),
    ],
)
def test_flags(text: str, flag: str) -> None:
    assert flag in classify(text).flags


def test_a_clean_open_question_has_no_flags_and_no_rewrite() -> None:
    fb = classify("What matters most to you in this?")
    assert (fb.kind, fb.flags, fb.rewrite) == ("open", (), "")
    assert "open" in fb.tip.lower()


def test_each_verdict_says_which_cues_decided_it() -> None:
    fb = classify("Have you tried talking to HR?")
    assert fb.kind == "advice"
    assert fb.reasons and "have you tried" in fb.reasons[0]
    assert "Have you tried" in fb.tip  # the tip speaks to that cue


def test_empty_and_symbol_only_text() -> None:
    for text in ("", "   ", "???", "\u200b", "12345"):
        fb = classify(text)
        assert fb.kind == STATEMENT and "not_a_question" in fb.flags


def test_json_keys_are_the_documented_ones() -> None:
    data = classify("Isn't the inspection due in May?").to_dict()
    assert set(data) == {"kind", "flags", "reasons", "tip", "rewrite", "confidence"}
    assert data["kind"] in KINDS + (STATEMENT,) and set(data["flags"]) <= set(FLAGS)
    assert 0 <= data["confidence"] <= 1
    json.dumps(data)


def test_labels_and_help_cover_every_kind_and_flag() -> None:
    for kind in KINDS + (STATEMENT,):
        assert KIND_LABELS[kind] and KIND_HELP[kind]
    assert set(FLAGS) == {"stacked", "why", "long", "not_a_question"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_classify_never_raises(text: str) -> None:
    fb = classify(text)
    assert fb.kind in KINDS + (STATEMENT,)
    assert set(fb.flags) <= set(FLAGS)


# --------------------------------------------------------------------------- rewrites


def test_every_rewrite_of_the_dev_sets_non_open_questions_is_open_and_on_topic() -> None:
    """On 300 questions nobody on the team wrote: each rewrite the coach offers is one the coach itself
    calls open, with no flags, and keeps a content word of the original (the topic)."""
    offered = 0
    for label, question in dev_rows():
        if label == "open":
            continue
        rewrite = classify(question).rewrite
        if not rewrite:
            continue
        offered += 1
        assert judge(rewrite) == ("open", ()), (question, rewrite)
        assert content_words(question) & content_words(rewrite), (question, rewrite)
    assert offered >= 230  # a rewrite for three in four or more (none rather than an ungrammatical one)


@pytest.mark.parametrize(
    ("text", "must_not_contain"),
    [
        ("Have you tried talking to HR?", "talking"),
        ("Why is your director always moving the goalposts?", "always"),
        ("Could you just tell the founders straight?", "tell"),
        ("Isn't the appraisal scheme just a box-ticking exercise?", "box-ticking"),
    ],
)
def test_a_rewrite_drops_the_solution_or_the_judgement(text: str, must_not_contain: str) -> None:
    fb = classify(text)
    assert fb.rewrite and must_not_contain not in fb.rewrite.lower()


@pytest.mark.parametrize(
    ("text", "not_in_rewrite"),
    [
        ("Would it help to phone the landlord together before Friday?", "together"),  # a particle ends the phrase
        ("Have you thought about meeting the tenants through the housing forum?", "through,"),
        ("Are they really expecting you to run two sites on your own?", "run"),  # 'to' before a verb
        ("Could you find half a day to reset things with the team?", "reset"),
        ("Did she actually use the word 'lazy'?", "the word"),  # an idiom's noun is not a topic
        ("You've been covering for her for months, haven't you?", "months"),
        ("I'm sensing a lot of frustration - are you more upset than you say?", "frustration"),  # a feeling is not a topic
        ("Wouldn't you feel better at the end of the contract?", "the end"),
        ("I'd be furious in your shoes - wouldn't you?", "shoes"),
    ],
)
def test_a_rewrite_names_a_whole_noun_phrase_or_nothing(text: str, not_in_rewrite: str) -> None:
    """Rewrites are sentences people would say: no verb, particle or idiom taken for the topic."""
    assert not_in_rewrite not in classify(text).rewrite


def test_rewrites_are_grammatical_frames_with_the_original_noun_phrase() -> None:
    assert classify("What sort of manager ignores their own staff like that?").rewrite == (
        "How would you describe your working relationship with the manager?"
    )
    assert classify("How many people are on the team?").rewrite == "What would you like us to understand about the team?"
    assert classify("Have you tried talking to HR?").rewrite == "How do you see the role of HR in this?"


# --------------------------------------------------------------------------- the shipped weights


def test_the_weights_were_trained_on_the_corpus_in_the_repo() -> None:
    """coach/train.py records a digest of the corpus it trained on; a changed corpus needs a retrain."""
    meta = json.loads((ROOT / "als_tui" / "questioning" / "weights.json").read_text(encoding="utf-8"))["meta"]
    h = hashlib.sha256()
    for path in sorted((ROOT / "coach" / "corpus").glob("*.tsv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    assert meta["corpus_sha256"] == h.hexdigest()
    assert len(meta["writers"]) >= 20


def test_no_development_question_is_in_the_training_corpus() -> None:
    """Writers saw the guide's examples, which are development questions: train.py drops anything close."""
    dev = {" ".join(q.lower().split()) for _, q in dev_rows()}
    sys.path.insert(0, str(ROOT / "coach"))
    import train

    rows, dropped = train.load_corpus()
    kept = {" ".join(t.lower().split()) for _, _, t in rows}
    assert not kept & dev
    assert dropped["close to a development question"] > 0


def test_the_coach_loads_nothing_until_asked_and_never_imports_textual() -> None:
    code = (
        "import sys, als_tui.questioning as q\n"
        "from als_tui.questioning import model\n"
        "before = model.load.cache_info().currsize\n"
        "q.classify('What matters most?')\n"
        "print(before, model.load.cache_info().currsize, any(m.startswith('textual') for m in sys.modules), "
        "'yaml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "1", "False", "False"]


def test_nothing_of_the_coach_is_loaded_for_the_first_paint() -> None:
    """`als` and `als prep` paint without the coach: it is imported when the gym or a stage needs it."""
    code = (
        "import sys\n"
        "import als_tui.cli, als_tui.app, als_tui.screens.home, als_tui.screens.prep\n"
        "print(any(m.startswith(('als_tui.questioning', 'als_tui.drills')) for m in sys.modules))\n"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
