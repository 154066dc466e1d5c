"""Tests of the question classifier (als_tui.questioning): accuracy, hard cases, robustness."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from als_tui.questioning import (
    FLAGS,
    KIND_HELP,
    KIND_LABELS,
    KINDS,
    Example,
    Feedback,
    Training,
    classify,
    explain,
    load_training,
    spot_round,
)
from als_tui.questioning import _classify  # the rules without classify()'s safety net


@pytest.fixture(scope="module")
def training() -> Training:
    return load_training()


# --------------------------------------------------------------------------- content


def test_training_content_counts(training: Training) -> None:
    kinds = Counter(e.kind for e in training.examples)
    flags = Counter(f for e in training.examples for f in e.flags)
    assert len(training.examples) >= 180
    assert all(kinds[k] >= 35 for k in KINDS), kinds
    assert all(flags[f] >= 15 for f in FLAGS), flags
    assert len(training.scenarios) >= 14
    assert len({e.text for e in training.examples}) == len(training.examples), "duplicate example"


def test_scenarios_are_well_formed(training: Training) -> None:
    for sc in training.scenarios:
        assert sc.id and sc.title and sc.presenter
        sentences = [s for s in sc.issue.replace("?", ".").split(".") if s.strip()]
        assert 3 <= len(sentences) <= 6, (sc.id, len(sentences))
        assert 2 <= len(sc.good_questions) <= 4, sc.id


def test_scenario_model_questions_are_clean_open_questions(training: Training) -> None:
    for sc in training.scenarios:
        for q in sc.good_questions:
            fb = classify(q)
            assert (fb.kind, fb.flags) == ("open", ()), (sc.id, q, fb)


# --------------------------------------------------------------------------- accuracy

# The rules were written alongside content/training.yaml, so on that set they should
# be close to perfect (they are at 100% when this was written). The thresholds leave
# some slack so that adding new, harder examples to the content does not break the
# build, while a real regression in a rule (which moves a whole family of questions)
# still fails: 0.9 per kind and per flag.
TRAIN_KIND_THRESHOLD = 0.9
TRAIN_FLAG_THRESHOLD = 0.9


@pytest.mark.parametrize("kind", KINDS)
def test_training_accuracy_per_kind(training: Training, kind: str) -> None:
    items = [e for e in training.examples if e.kind == kind]
    right = sum(classify(e.text).kind == kind for e in items)
    assert right / len(items) >= TRAIN_KIND_THRESHOLD, f"{kind}: {right}/{len(items)}"


@pytest.mark.parametrize("flag", FLAGS)
def test_training_accuracy_per_flag(training: Training, flag: str) -> None:
    # accuracy over all examples, and recall on the examples that carry the flag
    right = sum((flag in classify(e.text).flags) == (flag in e.flags) for e in training.examples)
    assert right / len(training.examples) >= TRAIN_FLAG_THRESHOLD
    carrying = [e for e in training.examples if flag in e.flags]
    found = sum(flag in classify(e.text).flags for e in carrying)
    assert found / len(carrying) >= TRAIN_FLAG_THRESHOLD, f"{flag}: {found}/{len(carrying)}"


# Hold-out set: written after the rules were frozen and never used to tune them.
# It guards against rules that only memorise the training sentences. A lower bar
# than on the training set (0.8 per kind) because these phrasings are new to the rules.
HOLDOUT_THRESHOLD = 0.8
HOLDOUT: list[tuple[str, str]] = [
    # open
    ("What's been the most surprising part of the pilot so far?", "open"),
    ("How are the tenants likely to read the letter?", "open"),
    ("What do you hope the panel will take away?", "open"),
    ("Tell us what a good week looks like in the warehouse.", "open"),
    ("What is it like to walk onto the ward on a Monday morning?", "open"),
    ("Who else might be feeling the same way as you?", "open"),
    ("What would your predecessor say about this?", "open"),
    ("How has your thinking changed since our last meeting?", "open"),
    ("What could get in the way?", "open"),
    ("Can you describe the moment you realised the project was off track?", "open"),
    ("What does the data not tell you?", "open"),
    ("In what ways are you holding back?", "open"),
    ("what would make next year different", "open"),
    ("How would the students describe the new timetable?", "open"),
    ("What options feel open to you right now?", "open"),
    # closed
    ("Is the consultation still open?", "closed"),
    ("Did the auditors flag it?", "closed"),
    ("How many complaints came in last month?", "closed"),
    ("When does your contract end?", "closed"),
    ("Who approved the overspend?", "closed"),
    ("Are the volunteers paid expenses?", "closed"),
    ("Has the tender gone out yet?", "closed"),
    ("Do you line-manage her directly?", "closed"),
    ("What's the headcount after the restructure?", "closed"),
    ("Was the head at the meeting?", "closed"),
    ("Which supplier are you using now?", "closed"),
    ("How long is the notice period?", "closed"),
    ("Will the new director start in January?", "closed"),
    ("Is your post funded beyond March?", "closed"),
    ("Does the board meet monthly?", "closed"),
    # leading
    ("Isn't that exactly what you were afraid of?", "leading"),
    ("Don't you think the council has let you down?", "leading"),
    ("You'd be mad to stay, wouldn't you?", "leading"),
    ("Surely the governors can see what's happening?", "leading"),
    ("Aren't they just testing you?", "leading"),
    ("It's really a question of confidence, isn't it?", "leading"),
    ("Wouldn't you say the whole thing was badly planned?", "leading"),
    ("Doesn't that prove your point?", "leading"),
    ("The funding was never going to last, was it?", "leading"),
    ("Obviously this is about power, right?", "leading"),
    ("You must have been livid?", "leading"),
    ("Didn't you feel undermined when she did that?", "leading"),
    ("So the real problem is the director?", "leading"),
    ("Do you honestly believe the team will change?", "leading"),
    ("Is it fair to say you've lost faith in the project?", "leading"),
    # advice
    ("Have you thought about asking for a mediator?", "advice"),
    ("Why don't you put the rota online?", "advice"),
    ("What if you brought the two teams together for an away day?", "advice"),
    ("Could you just hand it back to your manager?", "advice"),
    ("Have you looked at what other trusts are doing?", "advice"),
    ("How about splitting the role in two?", "advice"),
    ("Wouldn't it be easier to recruit from inside?", "advice"),
    ("Is it worth talking to the regional manager?", "advice"),
    ("Why not let the students design it?", "advice"),
    ("Shouldn't you be pushing back on the deadline?", "advice"),
    ("Would it help to get everyone in a room?", "advice"),
    ("What about setting up a buddy system?", "advice"),
    ("You could try a trial period with fewer meetings.", "advice"),
    ("Did you think about escalating it to the chief exec?", "advice"),
    ("Maybe it's time to speak to the union?", "advice"),
]


def test_holdout_is_balanced_and_unseen(training: Training) -> None:
    assert Counter(k for _, k in HOLDOUT) == {k: 15 for k in KINDS}
    seen = {e.text.lower() for e in training.examples}
    assert not [t for t, _ in HOLDOUT if t.lower() in seen]


@pytest.mark.parametrize("kind", KINDS)
def test_holdout_accuracy_per_kind(kind: str) -> None:
    items = [t for t, k in HOLDOUT if k == kind]
    wrong = [(t, classify(t).kind) for t in items if classify(t).kind != kind]
    accuracy = 1 - len(wrong) / len(items)
    assert accuracy >= HOLDOUT_THRESHOLD, f"{kind}: {accuracy:.0%}, wrong: {wrong}"


# --------------------------------------------------------------------------- hard cases

HARD_CASES = [
    ("What if you moved the meeting to Fridays?", "advice"),
    ("What if nothing changes?", "open"),
    ("What would happen if the funding stopped?", "open"),
    ("What about the budget?", "open"),
    ("What about talking to HR?", "advice"),
    ("Who is your sponsor?", "closed"),
    ("Who else has a stake in this?", "open"),
    ("Who could help you?", "open"),
    ("How many people report to you?", "closed"),
    ("How long has this been going on?", "closed"),
    ("How much is the grant?", "closed"),
    ("How old is the building?", "closed"),
    ("How do you feel about the decision?", "open"),
    ("What is the deadline?", "closed"),
    ("What time does the shift end?", "closed"),
    ("What date is the review?", "closed"),
    ("What is the hardest part?", "open"),
    ("Why don't you ask her?", "advice"),
    ("Why does this matter to you?", "open"),
    ("Have you tried a different rota?", "advice"),
    ("Have you finished?", "closed"),
    ("Do you think you should apologise?", "advice"),
    ("Have you spoken to your line manager?", "advice"),
    ("How about a team away day?", "advice"),
    ("Could you just say no?", "advice"),
    ("Shouldn't you tell the board?", "advice"),
    ("Would it help to write it down?", "advice"),
    ("Is it worth getting a second opinion?", "advice"),
    ("Might it be better to wait?", "advice"),
    ("Wouldn't it be better to tell them now?", "advice"),
    ("Did you consider a job share?", "advice"),
    ("Can't you delegate it?", "advice"),
    ("Don't you think the team is tired?", "leading"),
    ("Isn't it obvious what she wants?", "leading"),
    ("Wouldn't you agree it was handled badly?", "leading"),
    ("Surely they'll listen to you?", "leading"),
    ("Do you not feel let down?", "leading"),
    ("It's a mess, isn't it?", "leading"),
    ("That's the real issue, right?", "leading"),
    ("You were there, weren't you?", "leading"),
    ("Tell me more about the team.", "open"),
    ("Describe what happened next.", "open"),
    ("In what way has it changed?", "open"),
    ("What would success look like?", "open"),
    ("What's stopping you?", "open"),
]


@pytest.mark.parametrize("text,kind", HARD_CASES)
def test_hard_case(text: str, kind: str) -> None:
    assert classify(text).kind == kind


# General rules added after measuring on fresh, unseen questions. Each rule comes with a
# contrasting question that looks alike but is not the same kind, so a rule that
# over-reaches fails here as surely as one that is missing.
GENERAL_RULES = [
    # a suggested thing as the subject: "Would X help?"
    ("Would an away day help?", "advice"),
    ("Could a fresh pair of eyes make a difference?", "advice"),
    ("Would anything help?", "closed"),
    # a suggestion inside "I wonder whether/if ..." (and "you'd" meaning "you had")
    ("I wonder whether you could phone the tenant yourself?", "advice"),
    ("I was wondering if you'd spoken to the bursar?", "advice"),
    ("I wonder whether a second opinion might help?", "advice"),
    ("I wonder whether the tenant has phoned back?", "closed"),
    ("I wonder if you could tell me more about her.", "open"),
    # "have you" left out
    ("Tried asking the bursar?", "advice"),
    ("Ever considered a secondment?", "advice"),
    ("Ever been to a tribunal?", "closed"),
    # feasibility of the asker's own idea
    ("Is it possible to delay the launch?", "advice"),
    ("Is there room to renegotiate the fees?", "advice"),
    ("Is it possible to know who complained?", "closed"),
    ("Is it possible that he feels threatened?", "leading"),
    # "what if" with someone on the presenter's side acting (a proposal) vs a consequence
    ("What if your team leader ran the huddle instead?", "advice"),
    ("What if your team leader leaves?", "open"),
    ("What if the grant stopped?", "open"),
    # other people doing the asker's idea
    ("Couldn't the council just fund a warden?", "advice"),
    ("Would the office be better off with a rota?", "advice"),
    ("Have you taken your concerns to the head?", "advice"),
    ("Is there a reason you haven't told the board?", "advice"),
    ("Could the board overrule you?", "closed"),
    # presumed answers and rhetorical questions
    ("Are you sure that's wise?", "leading"),
    ("Are you sure?", "closed"),
    ("Is part of the problem that she never delegates?", "leading"),
    ("Is it any wonder nobody applied?", "leading"),
    ("Who wouldn't want out after that?", "leading"),
    ("Who couldn't come on Tuesday?", "closed"),
    ("How could they justify cutting the service?", "leading"),
    ("How could you find out what they think?", "open"),
    ("I'm assuming the board knew?", "leading"),
    ("So basically you're done with it?", "leading"),
    ("So the deadline is Friday?", "closed"),
    # open questions that look closed, closed ones that look open
    ("Where does all the anger come from?", "open"),
    ("Where is the office?", "closed"),
    ("Do you want to talk about the rota?", "open"),
    ("Do you want to talk to the rota manager?", "advice"),
    ("Whose voice is missing here?", "open"),
    ("Whose budget is it?", "closed"),
    ("If you had a free hand, what would you change?", "open"),
    ("Could you tell me when the review is?", "closed"),
    ("Could you tell me what happened?", "open"),
    ("Which team is short of staff most often?", "closed"),
    ("Which option appeals to you most?", "open"),
    # typed in a hurry
    ("hav u tried askin ur manager", "advice"),
    ("wat do u want from this", "open"),
]


@pytest.mark.parametrize("text,kind", GENERAL_RULES)
def test_general_rule(text: str, kind: str) -> None:
    assert _classify(text).kind == kind


@pytest.mark.parametrize(
    "text,kind,flags",
    [
        ("it's a bit of a mess isn't it", "leading", ()),  # a tag makes it a question, '?' or not
        ("what options are on the table", "open", ()),  # not a statement like "What helped was..."
        ("Have you tried the bursar, or emailed the head?", "advice", ("stacked",)),
        ("Have you tried emailing or phoning the head?", "advice", ()),  # one question, two ways
        ("Another option would be to job-share.", "advice", ("not_a_question",)),
        ("We had the same problem and a shared calendar fixed it.", "advice", ("not_a_question",)),
    ],
)
def test_general_rule_flags(text: str, kind: str, flags: tuple[str, ...]) -> None:
    fb = _classify(text)
    assert (fb.kind, fb.flags) == (kind, flags)


def test_rules_never_raise_on_the_content(training: Training) -> None:
    # classify() hides errors behind a safety net; the rules themselves must not need it
    texts = [e.text for e in training.examples] + [t for t, _ in HARD_CASES + GENERAL_RULES + HOLDOUT]
    for text in texts:
        for variant in (text, text.lower(), text.rstrip("?.") + " 🙂", "So, " + text):
            assert _classify(variant).kind in KINDS, variant


@pytest.mark.parametrize(
    "text,kind,flag",
    [
        ("Why does this matter to you?", "open", "why"),
        ("Why don't you ask her?", "advice", "why"),
        ("So, why did you take the job?", "open", "why"),
        ("Can I ask why you stayed?", "open", "why"),
        ("What happened? How did you feel?", "open", "stacked"),
        ("How did you feel and what did you do next?", "open", "stacked"),
        ("Is it fixed and who set it?", "closed", "stacked"),
        ("I had the same thing once.", "open", "not_a_question"),
        ("You should just talk to her.", "advice", "not_a_question"),
        ("I had the same thing once and I would just ignore it.", "advice", "not_a_question"),
        ("I think the problem is your boss.", "leading", "not_a_question"),
        (
            "What would it be like to go back into the team after the summer knowing that the head, "
            "the governors and the parents were all behind you and the budget was finally settled?",
            "open",
            "long",
        ),
    ],
)
def test_flags(text: str, kind: str, flag: str) -> None:
    fb = classify(text)
    assert fb.kind == kind
    assert flag in fb.flags


@pytest.mark.parametrize(
    "text",
    [
        "What is the hardest part for you?",
        "Tell me more about the restructure.",
        "Describe the team",
        "What do you want to happen",  # no question mark, still a question
        "I wonder what you would lose.",
    ],
)
def test_questions_without_flags(text: str) -> None:
    fb = classify(text)
    assert fb.kind == "open"
    assert fb.flags == ()


def test_empty_and_whitespace() -> None:
    for text in ("", "   ", "\n\t", "?", "🙂"):
        fb = classify(text)
        assert fb.kind == "open"
        assert fb.flags == ("not_a_question",)
        assert "question" in fb.tip.lower()


# --------------------------------------------------------------------------- robustness

VARIANTS = [
    "have you tried talking to your manager?",
    "HAVE YOU TRIED TALKING TO YOUR MANAGER?",
    "Have you tried talking to your manager",
    "So, have you tried talking to your manager?",
    "And have you tried talking to your manager?",
    "OK so have you tried talking to your manager?",
    "Just to check, have you tried talking to your manager?",
    "Can I ask, have you tried talking to your manager?",
    "\u201cHave you tried talking to your manager?\u201d",
    "'Have you tried talking to your manager?'",
    "   Have you tried   talking to your manager ?  ",
    "Have you tried talking to your manager? \U0001f642",
    "\U0001f914 Have you tried talking to your manager?",
    "Haven\u2019t you tried talking to your manager?",
    "havent you tried talking to your manager",
]


@pytest.mark.parametrize("text", VARIANTS)
def test_robust_to_surface_variation(text: str) -> None:
    assert classify(text).kind == "advice"


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Don't you think she's right?", "leading"),
        ("dont you think shes right", "leading"),
        ("Do not you think she is right?", "leading"),
        ("Do you not think she's right?", "leading"),
        ("Isn't it time?", "leading"),
        ("isnt it obvious", "leading"),
        ("Is it not obvious?", "leading"),
        ("What's the hardest part?", "open"),
        ("whats the hardest part", "open"),
        ("What is the hardest part?", "open"),
        ("Why don't you call her?", "advice"),
        ("why dont you call her", "advice"),
        ("Why do not you call her?", "advice"),
        ("I wonder if you could call her?", "advice"),
        ("I wonder whether the deadline is fixed?", "closed"),
        ("Hmm, ok so, what would help?", "open"),
        ("\u00abWhat would help?\u00bb", "open"),
    ],
)
def test_contractions_fillers_and_quotes(text: str, kind: str) -> None:
    assert classify(text).kind == kind


def test_very_long_input_is_fast() -> None:
    texts = [
        "Have you tried talking to your manager and " * 250,
        "why " * 2600,
        "a" * 12000,
        "What, " * 2000 + "?",
        "is it " * 2000 + "?",
    ]
    for text in texts:
        assert len(text) >= 10_000
        start = time.perf_counter()
        fb = classify(text)
        elapsed = time.perf_counter() - start
        assert elapsed < 0.05, (text[:20], elapsed)
        assert "long" in fb.flags


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_classify_never_raises(text: str) -> None:
    fb = _classify(text)  # the rules themselves, without the safety net in classify()
    assert isinstance(fb, Feedback)
    assert fb.kind in KINDS
    assert set(fb.flags) <= set(FLAGS)
    assert len(set(fb.flags)) == len(fb.flags)
    assert fb.tip.strip()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["have", "you", "why", "not", "what", "if", "isn't", "it", "?", ",", "and", "the", "don't", "so", "🙂", "\n"]), max_size=40))
def test_classify_never_raises_on_question_words(words: list[str]) -> None:
    # call the rules directly, so the safety net in classify() cannot hide an error
    fb = _classify(" ".join(words))
    assert fb.kind in KINDS and fb.tip


# --------------------------------------------------------------------------- feedback


def test_feedback_to_dict() -> None:
    fb = classify("Is the deadline fixed?")
    d = fb.to_dict()
    assert d["kind"] == "closed" and d["flags"] == [] and d["tip"]
    assert d["rewrite"] == fb.rewrite != ""
    plain = Feedback("open", (), "Good.").to_dict()
    assert plain == {"kind": "open", "flags": [], "tip": "Good."}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Have you tried talking to your manager?", "What options do you see for talking to your manager?"),
        ("Why don't you just ask for more staff?", "What options do you see for asking for more staff?"),
        ("What if you moved the meeting?", "What options do you see for moving the meeting?"),
        ("Is the deadline fixed?", "How fixed is the deadline, in your view?"),
        ("Who is your sponsor?", "What part does your sponsor play in this?"),
        ("Why did you take the job?", "What led you to take the job?"),
        ("Don't you think the team is overloaded?", "What's your own view on whether the team is overloaded?"),
    ],
)
def test_rewrites_reuse_the_presenters_terms(text: str, expected: str) -> None:
    fb = classify(text)
    assert fb.rewrite == expected
    assert f"\u201c{expected}\u201d" in fb.tip


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Have you looked at flexible working?", "What options do you see for flexible working?"),
        ("You could ask the dean for a sabbatical.", "What options do you see for asking the dean for a sabbatical?"),
        ("It might be worth speaking to the deanery.", "What options do you see for speaking to the deanery?"),
        ("Could a mentor help?", "What do you think would help most here?"),
        ("What if your deputy took the Monday meetings?", "What options do you see for taking the Monday meetings?"),
    ],
)
def test_rewrites_for_new_advice_forms(text: str, expected: str) -> None:
    fb = classify(text)
    assert fb.kind == "advice"
    assert fb.rewrite == expected
    assert classify(expected).kind == "open"


def test_rewrites_are_open_questions(training: Training) -> None:
    for e in training.examples:
        fb = classify(e.text)
        if fb.rewrite:
            again = classify(fb.rewrite)
            assert again.kind == "open", (e.text, fb.rewrite, again)
            assert "stacked" not in again.flags and "why" not in again.flags, (e.text, fb.rewrite)


def test_good_open_question_gets_praise_and_no_rewrite() -> None:
    fb = classify("What would success look like for you?")
    assert fb.kind == "open" and fb.flags == () and fb.rewrite == ""
    assert "good" in fb.tip.lower()


def test_labels_and_help_cover_every_kind() -> None:
    for k in KINDS:
        assert KIND_LABELS[k] and KIND_HELP[k]
        assert "\n" not in KIND_HELP[k]


# --------------------------------------------------------------------------- drills


def test_spot_round_mixes_kinds(training: Training) -> None:
    for seed in range(20):
        round_ = spot_round(training, 10, random.Random(seed))
        assert len(round_) == 10
        assert len({e.text for e in round_}) == 10
        counts = Counter(e.kind for e in round_)
        assert all(counts[k] >= 2 for k in KINDS), counts


def test_spot_round_is_reproducible_and_varied(training: Training) -> None:
    a = spot_round(training, 10, random.Random(7))
    b = spot_round(training, 10, random.Random(7))
    c = spot_round(training, 10, random.Random(8))
    assert a == b
    assert a != c


def test_spot_round_small_and_large(training: Training) -> None:
    assert spot_round(training, 0, random.Random(1)) == []
    assert len(spot_round(training, 4, random.Random(1))) == 4
    small = Training(tuple(training.examples[:3]), ())
    assert len(spot_round(small, 10, random.Random(1))) == 3
    assert spot_round(Training((), ()), 10) == []


def test_explain_right_and_wrong() -> None:
    ex = Example("Have you tried a rota?", "advice", (), "'Have you tried' carries your idea.")
    right = explain(ex, "advice")
    wrong = explain(ex, "open")
    assert right.startswith("Right") and "carries your idea" in right
    assert wrong.startswith("Not quite") and "open" in wrong.lower() and "advice" in wrong.lower()
    assert "carries your idea" in wrong


def test_explain_mentions_flags() -> None:
    ex = Example("Why not ask? Or email?", "advice", ("stacked", "why"), "Two suggestions.")
    assert "stacked" in explain(ex, "advice").lower()


# --------------------------------------------------------------------------- loading


def test_load_training_reports_bad_content(tmp_path) -> None:
    bad = tmp_path / "training.yaml"
    bad.write_text("examples:\n  - {text: 'Hi?', kind: rhetorical, flags: [], explanation: x}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rhetorical"):
        load_training(bad)
    bad.write_text("examples:\n  - {text: 'Hi?', kind: open, flags: [shouty], explanation: x}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="shouty"):
        load_training(bad)
    good = tmp_path / "ok.yaml"
    good.write_text(
        "examples:\n  - {text: 'Why?', kind: open, flags: [why], explanation: short}\n"
        "scenarios:\n  - {id: a, title: T, presenter: P, issue: 'One. Two. Three.', good_questions: ['What?', 'How?']}\n",
        encoding="utf-8",
    )
    t = load_training(good)
    assert t.examples[0].flags == ("why",) and t.scenarios[0].good_questions == ("What?", "How?")


# --------------------------------------------------------------------------- import hygiene


def test_core_does_not_import_textual_or_yaml() -> None:
    code = (
        "import sys, als_tui.questioning as q; "
        "q.classify('Have you tried asking?'); "
        "bad = [m for m in ('textual', 'yaml') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
