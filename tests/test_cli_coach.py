"""`als coach` (a verdict for a person or JSON for scripts, one question or stdin lines) and `als train`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from als_tui import cli

QUESTIONS = {
    "advice": "Have you tried talking to your manager about it?",
    "open": "What matters most to you here?",
    "leading": "Don't you think the board is being unfair to you?",
    "closed": "What date is the deadline?",
}
WORDS = {"advice": "Advice in disguise", "open": "Open", "leading": "Leading", "closed": "Closed"}


def _als_command() -> list[str]:
    script = Path(sys.executable).with_name("als")
    return [str(script)] if script.exists() else [sys.executable, "-m", "als_tui"]


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_coach_prints_a_verdict_for_a_person(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["coach", QUESTIONS[kind]]) == 0
    out = capsys.readouterr().out
    first, *rest = out.splitlines()
    assert first.startswith(f"{WORDS[kind]} — ")
    assert any(line.startswith("  tip: ") for line in rest)
    if kind == "open":
        assert "try instead" not in out
    else:
        (rewrite,) = [line for line in rest if line.startswith("  try instead: ")]
        assert rewrite.removeprefix("  try instead: ").strip()
        assert "Try:" not in out  # the rewrite is said once, on its own line


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_coach_json(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["coach", "--json", QUESTIONS[kind]]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == kind
    assert isinstance(data["flags"], list)
    assert isinstance(data["tip"], str) and data["tip"]
    assert set(data) == {"kind", "flags", "reasons", "tip", "rewrite", "confidence"}  # as `als coach --help` says


def test_coach_flags_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["coach", "Why did you do that, and what will you do next?"]) == 0
    out = capsys.readouterr().out
    assert "  also: why — " in out
    assert cli.main(["coach", "--json", "Why did you do that?"]) == 0
    assert "why" in json.loads(capsys.readouterr().out)["flags"]


def test_coach_reads_lines_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    lines = f"{QUESTIONS['advice']}\n\n   \n{QUESTIONS['open']}\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert cli.main(["coach"]) == 0
    out = capsys.readouterr().out
    blocks = out.strip().split("\n\n")
    assert len(blocks) == 2  # blank lines are skipped
    assert blocks[0].startswith(f"“{QUESTIONS['advice']}”\nAdvice in disguise — ")
    assert blocks[1].startswith(f"“{QUESTIONS['open']}”\nOpen — ")


def test_coach_json_lines_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(QUESTIONS.values()) + "\n"))
    assert cli.main(["coach", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["kind"] for r in rows] == list(QUESTIONS)
    assert [r["question"] for r in rows] == list(QUESTIONS.values())


def test_coach_stdin_works_without_a_tty() -> None:
    """A real process with a pipe for stdin (no terminal at all): one verdict per line, no Textual."""
    proc = subprocess.run(
        [*_als_command(), "coach", "--json"],
        input=f"{QUESTIONS['closed']}\n{QUESTIONS['leading']}\n",
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert [json.loads(line)["kind"] for line in proc.stdout.splitlines()] == ["closed", "leading"]
    empty = subprocess.run([*_als_command(), "coach"], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=60)
    assert (empty.returncode, empty.stdout, empty.stderr) == (0, "", "")


def test_coach_empty_question_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["coach", ""]) == 1
    err = capsys.readouterr()
    assert err.out == ""
    assert err.err.startswith("als: the question is empty") and len(err.err.strip().splitlines()) == 1
    assert cli.main(["coach", "--json", "  \t "]) == 1


def test_coach_never_imports_textual() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from als_tui import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['coach', '--json', 'Have you tried it?'])\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_coach_and_train_have_help_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("coach", "train"):
        with pytest.raises(SystemExit) as exc:
            cli.main([command, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert f"als {command}" in out.split("example")[-1]


def test_train_opens_the_app_on_the_gym(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from als_tui.app import ALSApp

    started: dict[str, object] = {}

    def fake_run(self, *a, **kw):
        started["start"] = self.start_screen
        started["db"] = self.db_path
        self.store.close()

    monkeypatch.setattr(ALSApp, "run", fake_run)
    db = tmp_path / "team.json"
    assert cli.main(["train", "--db", str(db)]) == 0
    assert started == {"start": "gym", "db": db}
    started.clear()
    assert cli.main(["--db", str(db)]) == 0
    assert started["start"] is None


@pytest.mark.parametrize(
    "question,kind",
    [
        ("I wonder whether a rota might help?", "advice"),  # a suggestion inside "I wonder whether"
        ("Ever thought about going part-time?", "advice"),  # "have you" left out
        ("Is it any wonder they left?", "leading"),  # rhetorical
        ("Could you tell me when the review is?", "closed"),  # polite, but asks for a date
        ("Do you want to talk about the rota?", "open"),  # an invitation, not a yes/no
    ],
)
def test_coach_json_new_question_forms(question: str, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["coach", "--json", question]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == kind
    if data["rewrite"]:  # offered only when one keeps the topic and the coach calls it open
        from als_tui.questioning import classify

        assert classify(data["rewrite"]).kind == "open"
