"""The question bank: shipped content, validation messages (path:line: message), and robustness."""

from __future__ import annotations

import dataclasses
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from als_tui.bank import (
    Bank,
    BankError,
    find_bank,
    load_bank,
    load_bank_text,
    load_ground_rules,
    shipped_banks,
    validate_file,
)
from als_tui.paths import content_file

QUESTION_STAGES = ("clarify", "reflect", "deeper", "future")
STAGE_KEYS = "id, title, purpose, minutes, speaker, guidance, rules, prompts, methods"
TOP_KEYS = "schema, id, name, description, group_size, total_minutes, checkin, stages, review"


def errors_for(tmp_path: Path, text: str, name: str = "bad.yaml") -> tuple[str, list[str]]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path), validate_file(path)


# --------------------------------------------------------------------------- the default bank


def test_default_bank_loads_in_order():
    bank = load_bank()
    assert bank.id == "classic"
    assert [s.id for s in bank.stages] == ["account", *QUESTION_STAGES]
    account = bank.stages[0]
    assert account.speaker == "presenter" and account.rules.uninterrupted
    assert account.rule_text == "The presenter speaks; nobody interrupts"
    assert bank.stage_minutes == sum(s.minutes for s in bank.stages)
    assert bank.path == str(content_file("questions.yaml"))


def test_default_bank_question_stages_are_rich():
    bank = load_bank()
    for sid in QUESTION_STAGES:
        stage = bank.stage(sid)
        assert stage is not None
        assert stage.rules.questions_only and not stage.rules.advice_allowed
        assert stage.rule_text == "Questions only — no advice"
        assert len(stage.prompts) >= 14, sid
        assert all(p.text.endswith("?") and p.purpose for p in stage.prompts)
        assert stage.purpose and stage.guidance
        assert len({p.text for p in stage.prompts}) == len(stage.prompts)


def test_default_bank_checkin_and_review():
    bank = load_bank()
    assert len(bank.checkin_prompts) >= 8
    assert len(bank.review_prompts) >= 8
    assert all(p.text.endswith("?") for p in bank.checkin_prompts + bank.review_prompts)
    assert 1 <= bank.checkin_minutes <= 5


BANNED = re.compile(
    r"\b(have you tried|what if you|could you just|why don't you|why not|don't you think|"
    r"wouldn't it|shouldn't you|isn't it|aren't you)\b",
    re.IGNORECASE,
)


def test_shipped_prompts_are_open_not_advice():
    for bank in shipped_banks():
        prompts = [p for s in bank.stages for p in s.prompts] + list(bank.checkin_prompts + bank.review_prompts)
        for p in prompts:
            assert not BANNED.search(p.text), (bank.id, p.text)
            assert p.text.count("?") == 1, (bank.id, p.text)  # no stacked questions
        whys = [p.text for p in prompts if p.text.lower().startswith("why")]
        assert len(whys) <= 2, whys


def test_ground_rules():
    rules = load_ground_rules()
    assert 10 <= len(rules) <= 12
    titles = [r.title.lower() for r in rules]
    assert any("confidential" in t for t in titles)
    assert any("question" in t and "advice" in t for t in titles)
    assert all(r.text for r in rules)


def test_ground_rules_errors(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("schema: 1\nrules:\n  - title: Time\n  - {title: x, text: y, extra: z}\n")
    with pytest.raises(BankError) as info:
        load_ground_rules(path)
    assert info.value.errors == [
        f"{path}:3: missing required field 'text' in rule 1",
        f"{path}:4: unknown key 'extra' in rule 2 (allowed: title, text)",
    ]
    # a bare list works too
    path.write_text("- {title: A, text: B}\n")
    assert [r.title for r in load_ground_rules(path)] == ["A"]


# --------------------------------------------------------------------------- shipped banks


def test_every_shipped_bank_validates_and_ids_are_unique():
    banks = shipped_banks()
    ids = [b.id for b in banks]
    assert ids[0] == "classic"
    assert set(ids) == {"classic", "kollegiale", "intervision", "troika", "clearness"}
    assert len(ids) == len(set(ids))
    for bank in banks:
        assert validate_file(bank.path) == []
        assert bank.name and bank.description and bank.stages
        assert bank.checkin_prompts and bank.review_prompts
        assert bank.group_min <= bank.group_max


def test_shipped_formats_have_their_shape():
    troika = find_bank("troika")
    assert (troika.group_min, troika.group_max) == (3, 3)
    assert [s.minutes for s in troika.stages] == [2, 2, 5, 2]
    consult = troika.stages[2]
    assert consult.rules.presenter_listens and consult.rules.advice_allowed
    assert consult.rule_text == "The presenter listens; the set offers suggestions"

    kb = find_bank("kollegiale")
    assert 45 <= kb.stage_minutes <= 50
    method = kb.stage("method")
    assert method is not None
    assert {m.name for m in method.methods} >= {
        "Brainstorming", "Hypotheses", "Resonance round", "Headstand", "Good advice round",
    }
    assert kb.stage("consultation").rules.presenter_listens  # type: ignore[union-attr]

    iv = find_bank("intervision")
    assert [s.minutes for s in iv.stages] == [5, 10, 5, 15, 10, 10, 10]
    assert iv.stage("questions").rules.questions_only  # type: ignore[union-attr]
    assert iv.stage("advice").rules.advice_allowed  # type: ignore[union-attr]

    cc = find_bank("clearness")
    assert cc.stage("questions").minutes == 60  # type: ignore[union-attr]
    assert cc.stage("questions").rules.questions_only  # type: ignore[union-attr]


def test_find_bank_unknown():
    with pytest.raises(BankError) as info:
        find_bank("nope")
    assert str(info.value).startswith("unknown bank 'nope' (known: classic, ")


def test_dataclasses_are_frozen():
    bank = load_bank()
    with pytest.raises(dataclasses.FrozenInstanceError):
        bank.id = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        bank.stages[0].minutes = 1  # type: ignore[misc]


def test_core_does_not_import_textual():
    code = "import als_tui.bank, sys; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------- malformed banks

TINY = """\
schema: 1
id: tiny
name: Tiny bank
stages:
  - id: clarify
    title: Clarify
    purpose: Get the facts.
    minutes: 10
    speaker: set
    rules:
      questions_only: true
    prompts:
      - {text: "What happened?", purpose: facts}
"""


def tiny(**lines: str) -> str:
    """TINY with some lines replaced: tiny(l8="    minutes: ten") (1-based line numbers)."""
    out = TINY.splitlines()
    for key, value in lines.items():
        out[int(key[1:]) - 1] = value
    return "\n".join(out) + "\n"


def test_tiny_is_valid():
    bank = load_bank_text(TINY, "tiny.yaml")
    assert isinstance(bank, Bank)
    assert (bank.group_min, bank.group_max, bank.total_minutes, bank.checkin_minutes) == (2, 12, None, 3)


MALFORMED = [
    ("unknown-stage-key", tiny(l8="    minuts: 10"),
     f"8: unknown key 'minuts' in stage 'clarify' (allowed: {STAGE_KEYS})"),
    ("unknown-top-key", TINY + "colour: blue\n",
     f"14: unknown key 'colour' (allowed: {TOP_KEYS})"),
    ("missing-title", tiny(l6="    guidance: Be brief."),
     "5: missing required field 'title' in stage 'clarify'"),
    ("missing-name", tiny(l3="description: No name here."),
     "1: missing required field 'name'"),
    ("missing-stages", "schema: 1\nid: tiny\nname: Tiny\n",
     "1: missing required field 'stages'"),
    ("minutes-word", tiny(l8="    minutes: ten"),
     "8: minutes in stage 'clarify' must be a whole number, got 'ten'"),
    ("minutes-bool", tiny(l8="    minutes: true"),
     "8: minutes in stage 'clarify' must be a whole number, got true"),
    ("minutes-float", tiny(l8="    minutes: 2.5"),
     "8: minutes in stage 'clarify' must be a whole number, got 2.5"),
    ("minutes-zero", tiny(l8="    minutes: 0"),
     "8: minutes in stage 'clarify' must be between 1 and 120, got 0"),
    ("minutes-too-many", tiny(l8="    minutes: 121"),
     "8: minutes in stage 'clarify' must be between 1 and 120, got 121"),
    ("minutes-quoted", tiny(l8='    minutes: "10"'),
     "8: minutes in stage 'clarify' must be a whole number, got '10'"),
    ("duplicate-stage-id",
     TINY + "  - {id: clarify, title: Again, purpose: P, minutes: 5, speaker: set}\n",
     "14: duplicate stage id 'clarify' (first used on line 5)"),
    ("empty-stages", "schema: 1\nid: tiny\nname: Tiny\nstages: []\n",
     "4: stages must not be empty: a bank needs at least one stage"),
    ("stages-not-list", "schema: 1\nid: tiny\nname: Tiny\nstages: clarify\n",
     "4: stages must be a list, got 'clarify'"),
    ("stage-scalar", "schema: 1\nid: tiny\nname: Tiny\nstages:\n  - clarify\n",
     "5: stage 1 must be a mapping, got 'clarify'"),
    ("not-a-question", tiny(l13='      - {text: "Tell me more.", purpose: facts}'),
     "13: prompt 1 of stage 'clarify' must be a question ending in '?' (the stage is questions_only): "
     "'Tell me more.'"),
    ("questions-and-advice", tiny(l11="      questions_only: true\n      advice_allowed: true"),
     "12: stage 'clarify' cannot have both questions_only and advice_allowed"),
    ("unknown-speaker", tiny(l9="    speaker: coach"),
     "9: speaker in stage 'clarify' must be one of presenter, set, scribe, all; got 'coach'"),
    ("empty-prompt-text", tiny(l13='      - {text: "", purpose: facts}'),
     "13: text in prompt 1 of stage 'clarify' must not be empty"),
    ("null-purpose", tiny(l7="    purpose:"),
     "7: purpose in stage 'clarify' must not be empty"),
    ("bad-bank-id", tiny(l2="id: Tiny Bank"),
     "2: id must be 1-40 of a-z, 0-9, '-' and '_', got 'Tiny Bank'"),
    ("bad-stage-id", tiny(l5="  - id: Clarify!"),
     "5: id in stage 1 must be 1-40 of a-z, 0-9, '-' and '_', got 'Clarify!'"),
    ("schema-newer", tiny(l1="schema: 2"),
     "1: schema 2 is newer than this app supports (1); update als-tui"),
    ("schema-word", tiny(l1="schema: one"),
     "1: schema must be a whole number, got 'one'"),
    ("yaml-syntax", tiny(l3="name: [Tiny bank"),
     "4: YAML syntax error: expected ',' or ']', but got ':'"),
    ("yaml-tab", tiny(l6="\ttitle: Clarify"),
     "6: YAML syntax error: a tab (column 1): YAML indents with spaces only; replace the tab with spaces "
     "(most editors have a setting that does it)"),
    ("yaml-two-documents", TINY + "---\nmore: 1\n",
     "14: YAML syntax error: expected a single document in the stream, but found another document"),
    ("yaml-nul", tiny(l7="    purpose: Get\x00 the facts."),
     "7: YAML syntax error: a character that is not allowed (#x0000)"),
    ("top-level-list", "- schema: 1\n- id: tiny\n",
     "1: the bank must be a mapping, got a list"),
    ("top-level-scalar", "just some words\n",
     "1: the bank must be a mapping, got 'just some words'"),
    ("empty-document", "# only a comment\n",
     "1: the bank is empty"),
    ("duplicate-key", tiny(l9="    speaker: set\n    speaker: all"),
     "10: duplicate key 'speaker' in stage 'clarify'"),
    ("checkin-not-question", TINY + "checkin:\n  prompts:\n    - {text: How are you, purpose: arrival}\n",
     "16: checkin prompt 1 must be a question ending in '?': 'How are you'"),
    ("review-not-question", TINY + "review:\n  prompts:\n    - {text: We did well., purpose: what}\n",
     "16: review prompt 1 must be a question ending in '?': 'We did well.'"),
    ("checkin-minutes", TINY + "checkin:\n  minutes_per_member: 0\n",
     "15: minutes_per_member in checkin must be between 1 and 120, got 0"),
    ("group-min-over-max", TINY + "group_size: {min: 6, max: 4}\n",
     "14: group_size min (6) is larger than max (4)"),
    ("group-size-list", TINY + "group_size: [3, 8]\n",
     "14: group_size must be a mapping, got a list"),
    ("total-minutes-word", TINY + "total_minutes: long\n",
     "14: total_minutes must be a whole number, got 'long'"),
    ("rules-scalar", tiny(l10="    rules: strict", l11="", ),
     "10: rules in stage 'clarify' must be a mapping, got 'strict'"),
    ("rule-not-bool", tiny(l11="      questions_only: sometimes"),
     "11: questions_only in the rules of stage 'clarify' must be true or false, got 'sometimes'"),
    ("unknown-rule", tiny(l11="      questions_only: true\n      no_phones: true"),
     "12: unknown key 'no_phones' in the rules of stage 'clarify' "
     "(allowed: questions_only, advice_allowed, presenter_listens, uninterrupted, planning)"),
    ("prompts-mapping", tiny(l13='      text: "What happened?"'),
     "13: prompts in stage 'clarify' must be a list, got a mapping"),
    ("prompt-plain-string", tiny(l13='      - "What happened?"'),
     "13: prompt 1 of stage 'clarify' must be a mapping like {text: ..., purpose: ...}, got 'What happened?'"),
    ("prompt-missing-purpose", tiny(l13='      - {text: "What happened?"}'),
     "13: missing required field 'purpose' in prompt 1 of stage 'clarify'"),
    ("questions-only-no-prompts", tiny(l12="    guidance: Ask.", l13=""),
     "5: stage 'clarify' is questions_only, so it needs prompts (at least one question)"),
    ("questions-only-empty-prompts", tiny(l12="    prompts: []", l13=""),
     "12: prompts in stage 'clarify' must not be empty (the stage is questions_only)"),
    ("presenter-listens-presenter", tiny(l9="    speaker: presenter", l11="      presenter_listens: true"),
     "11: stage 'clarify' cannot have presenter_listens when the speaker is the presenter"),
    ("method-no-description", TINY + "    methods:\n      - {name: Brainstorming}\n",
     "15: missing required field 'description' in method 1 of stage 'clarify'"),
    ("title-number", tiny(l6="    title: 2024"),
     "6: title in stage 'clarify' must be text, got 2024 (put it in quotes)"),
    ("title-list", tiny(l6="    title: [a, b]"),
     "6: title in stage 'clarify' must be text, got a list"),
    ("unknown-tag", tiny(l8="    minutes: !minutes 10"),
     "8: minutes in stage 'clarify' must be a whole number, got '10' (tagged !minutes)"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_malformed_bank(tmp_path, text, expected):
    path, errors = errors_for(tmp_path, text)
    assert f"{path}:{expected}" in errors, "\n".join(errors)
    assert all(re.match(rf"{re.escape(path)}:\d+: \S", e) for e in errors), errors
    with pytest.raises(BankError) as info:
        load_bank(path)
    assert info.value.errors == errors
    assert str(info.value) == "\n".join(errors)


def test_malformed_cases_are_many_and_distinct():
    assert len(MALFORMED) >= 30
    assert len({c[0] for c in MALFORMED}) == len(MALFORMED)


def test_all_errors_are_reported_in_line_order(tmp_path):
    text = """\
        schema: 1
        id: Bad Id
        name: Tiny
        stages:
          - id: clarify
            title: Clarify
            purpose: Facts.
            minutes: ten
            speaker: coach
            rules: {questions_only: true}
            prompts:
              - {text: "Tell me.", purpose: facts}
          - id: clarify
            title: Again
            purpose: P
            minutes: 500
            speaker: set
        """
    path, errors = errors_for(tmp_path, text)
    assert errors == [
        f"{path}:2: id must be 1-40 of a-z, 0-9, '-' and '_', got 'Bad Id'",
        f"{path}:8: minutes in stage 'clarify' must be a whole number, got 'ten'",
        f"{path}:9: speaker in stage 'clarify' must be one of presenter, set, scribe, all; got 'coach'",
        f"{path}:12: prompt 1 of stage 'clarify' must be a question ending in '?' (the stage is questions_only): "
        "'Tell me.'",
        f"{path}:13: duplicate stage id 'clarify' (first used on line 5)",
        f"{path}:16: minutes in stage 'clarify' must be between 1 and 120, got 500",
    ]


def test_error_flood_is_capped(tmp_path):
    stages = "".join(f"  - {{id: s{i}, title: T, purpose: P, minutes: 0, speaker: set}}\n" for i in range(80))
    path, errors = errors_for(tmp_path, "schema: 1\nid: x\nname: X\nstages:\n" + stages)
    assert len(errors) == 51
    assert errors[-1] == f"{path}:55: (and 30 more problems not shown)"


def test_load_bank_text_name_and_bytes():
    with pytest.raises(BankError) as info:
        load_bank_text(tiny(l8="    minutes: ten"), "mine.yaml")
    assert info.value.errors == ["mine.yaml:8: minutes in stage 'clarify' must be a whole number, got 'ten'"]
    assert load_bank_text(TINY.encode(), "b.yaml").id == "tiny"
    with pytest.raises(BankError) as info:
        load_bank_text(b"id: \xff\n", "b.yaml")
    assert info.value.errors == ["b.yaml:1: not UTF-8 text (byte 0xff); save the file as UTF-8"]


# --------------------------------------------------------------------------- files that are not banks


def one_error(path) -> str:
    errors = validate_file(path)
    assert len(errors) == 1, errors
    return errors[0]


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    assert one_error(path) == f"{path}: cannot read: no such file"


def test_directory(tmp_path):
    assert one_error(tmp_path) == f"{tmp_path}: cannot read: it is a directory, not a file"


def test_random_bytes(tmp_path):
    path = tmp_path / "noise.yaml"
    path.write_bytes(random.Random(7).randbytes(4096))
    assert one_error(path).startswith(f"{path}:")


def test_non_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(TINY.replace("Tiny bank", "Größe").encode("latin-1"))
    assert one_error(path) == f"{path}:3: not UTF-8 text (byte 0xf6); save the file as UTF-8"


def test_utf8_bom_is_fine(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + TINY.encode())
    assert validate_file(path) == []


def test_empty_file(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    assert one_error(path) == f"{path}:1: the bank is empty"


def test_huge_file(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * 500_000)  # 5 MB
    assert one_error(path) == (
        f"{path}:1: the file is too large (5,000,000 bytes; a bank is a few dozen KB, the limit is 1,000,000)"
    )


def test_deeply_nested(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("stages: " + "[" * 3000 + "]" * 3000 + "\n")
    assert one_error(path) == f"{path}:1: YAML syntax error: nested too deeply"


def test_recursive_alias_does_not_hang():
    text = TINY + "review: &r\n  prompts:\n    - *r\n"
    with pytest.raises(BankError) as info:
        load_bank_text(text, "b.yaml")
    assert info.value.errors == [
        "b.yaml:14: missing required field 'text' in review prompt 1",
        "b.yaml:14: missing required field 'purpose' in review prompt 1",
        "b.yaml:15: unknown key 'prompts' in review prompt 1 (allowed: text, purpose)",
    ]


# --------------------------------------------------------------------------- fuzzing

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["schema", "id", "stages", "minutes", "prompts", "rules", "text", "?", "questions_only"]),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(["schema", "id", "name", "stages", "title", "purpose", "minutes",
                                       "speaker", "rules", "prompts", "text", "checkin", "review"]),
                      st.text(max_size=8)),
            children, max_size=6,
        ),
    ),
    max_leaves=30,
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(trees)
def test_fuzz_yaml_trees(tree):
    text = yaml.safe_dump(tree, allow_unicode=True)
    try:
        load_bank_text(text, "fuzz.yaml")
    except BankError as exc:
        assert exc.errors and all(e.startswith("fuzz.yaml:") for e in exc.errors)


@FUZZ
@given(st.text(max_size=300))
def test_fuzz_text(text):
    try:
        load_bank_text(text, "fuzz.yaml")
    except BankError:
        pass


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_bytes_file(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "b.yaml"
    path.write_bytes(data)
    try:
        load_bank(path)
    except BankError as exc:
        assert exc.errors


def test_home_screen_format_names_match_the_loaded_banks(tmp_path):
    """The home screen names a format from the head of its file, without PyYAML; it must say
    what the loaded bank says, and fall back (None) where the plain read cannot be trusted."""
    from als_tui.bank import shipped_banks
    from als_tui.paths import shipped_bank_name

    for bank in shipped_banks():
        assert shipped_bank_name(bank.id) == bank.name
    assert shipped_bank_name("no-such-format") is None
    assert shipped_bank_name("../questions") is None


def test_a_tab_is_named_in_words_with_the_fix(tmp_path):
    path = tmp_path / "tabbed.yaml"
    path.write_text("schema: 1\nid: x\nname: y\nstages:\n\t- id: a\n", encoding="utf-8")
    with pytest.raises(BankError) as err:
        load_bank(path)
    message = str(err.value)
    assert message.startswith(f"{path}:5: ") and "\n" not in message
    assert "a tab (column 1)" in message and "spaces" in message
    assert "\\t" not in message and "'\t'" not in message
