"""The gym's drill content: every answer agrees with the labelling guide, as three blind reviewers read it."""

from __future__ import annotations

import csv
import random
from collections import Counter
from pathlib import Path

import pytest

from als_tui.drills import DRILL_FLAGS, Example, Training, explain, load_training, spot_round
from als_tui.questioning import KINDS, classify

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def training() -> Training:
    return load_training()


def reviews() -> dict[str, tuple[str, list[str]]]:
    with (ROOT / "coach" / "drill_review.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return {r[0]: (r[1], r[2:5]) for r in rows}


def test_every_drill_answer_is_the_blind_reviewers_majority(training: Training) -> None:
    """coach/drill_review.tsv: each example labelled by three reviewers who saw only the guide."""
    review = reviews()
    for example in training.examples:
        assert example.text in review, f"not reviewed: {example.text}"
        answer, votes = review[example.text]
        assert answer == example.kind
        assert Counter(votes).most_common(1)[0] == (example.kind, Counter(votes)[example.kind])
        assert Counter(votes)[example.kind] >= 2, (example.text, votes)


def test_the_drill_leaves_statements_out(training: Training) -> None:
    assert {e.kind for e in training.examples} == set(KINDS)
    assert all(set(e.flags) <= set(DRILL_FLAGS) for e in training.examples)


def test_content_is_balanced_and_unique(training: Training) -> None:
    kinds = Counter(e.kind for e in training.examples)
    assert all(kinds[k] >= 50 for k in KINDS), kinds
    assert len({e.text for e in training.examples}) == len(training.examples)
    assert len(training.scenarios) >= 14


def test_scenarios_are_well_formed(training: Training) -> None:
    for sc in training.scenarios:
        assert sc.id and sc.title and sc.presenter
        assert 2 <= len(sc.good_questions) <= 4, sc.id


def test_model_questions_are_open_by_the_blind_reviewers() -> None:
    """coach/scenario_review.tsv: three reviewers, the guide alone, called every model question open."""
    with (ROOT / "coach" / "scenario_review.tsv").open(encoding="utf-8", newline="") as fh:
        review = {r[0]: r[1:4] for r in list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]}
    questions = [q for sc in load_training().scenarios for q in sc.good_questions]
    assert set(questions) == set(review)
    for q in questions:
        assert Counter(review[q])["open"] >= 2, (q, review[q])


def test_model_questions_are_clean_open_questions(training: Training) -> None:
    """Ask better shows them as the way to ask: the coach calls each open, with nothing to watch."""
    for sc in training.scenarios:
        for q in sc.good_questions:
            fb = classify(q)
            assert (fb.kind, fb.flags) == ("open", ()), (sc.id, q, fb.kind, fb.reasons)


def test_spot_round_mixes_kinds_and_is_reproducible(training: Training) -> None:
    one = spot_round(training, 10, random.Random(3))
    two = spot_round(training, 10, random.Random(3))
    assert [e.text for e in one] == [e.text for e in two]
    assert len({e.text for e in one}) == 10
    assert all(Counter(e.kind for e in one)[k] >= 2 for k in KINDS)
    assert spot_round(training, 0) == []


def test_explain_right_and_wrong() -> None:
    ex = Example("Have you tried the union?", "advice", ("why",), "It carries a step.")
    assert explain(ex, "advice").startswith("Right: it's advice in disguise.")
    wrong = explain(ex, "open")
    assert wrong.startswith("Not quite: you chose open, but it's advice in disguise.") and "why" in wrong


def test_bad_content_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "training.yaml"
    bad.write_text("examples:\n  - {text: 'What now?', kind: statement, explanation: x}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"examples\[1\]: unknown kind 'statement'"):
        load_training(bad)
