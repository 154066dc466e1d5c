"""``als coach``: one question's verdict, or one per line of standard input."""

from __future__ import annotations

import argparse
import sys

from .common import CliError


def _verdict_text(question: str, feedback) -> str:
    from ..questioning import FLAG_HELP, FLAG_LABELS, KIND_HELP, KIND_LABELS

    what = KIND_HELP.get(feedback.kind, "")
    lines = [f"{KIND_LABELS.get(feedback.kind, feedback.kind)} — {what[:1].lower()}{what[1:]}"]
    if feedback.reasons:
        lines.append("  because: " + "; ".join(feedback.reasons))
    for flag in feedback.flags:
        if flag == "not_a_question" and feedback.kind == "statement":
            continue
        note = FLAG_HELP.get(flag, "")
        lines.append(f"  also: {FLAG_LABELS.get(flag, flag).lower()} — {note[:1].lower()}{note[1:]}")
    lines.append(f"  tip: {feedback.tip}")
    if feedback.rewrite:
        lines.append(f"  try instead: {feedback.rewrite}")
    return "\n".join(lines)


def _planning_note(question: str) -> str:
    """For advice that a planning stage would accept: where it is fine, so a member can tell why the
    app itself offers it there ("" when it is advice there too)."""
    from ..questioning import KIND_LABELS, classify

    planned = classify(question, planning=True)
    if planned.kind == "advice":
        return ""
    return (f"  where the presenter is choosing their actions (Future action; --planning): "
            f"{KIND_LABELS.get(planned.kind, planned.kind).lower()} — {'; '.join(planned.reasons)}")


def cmd_coach(args: argparse.Namespace) -> int:
    import json

    from ..model import clean_text
    from ..questioning import classify

    def report(question: str, *, with_question: bool) -> None:
        feedback = classify(question, planning=args.planning)
        if args.json:
            data = feedback.to_dict()
            print(json.dumps({"question": question, **data} if with_question else data, ensure_ascii=False))
        else:
            if with_question:
                print(f"\u201c{question}\u201d")
            print(_verdict_text(question, feedback))
            note = _planning_note(question) if feedback.kind == "advice" and not args.planning else ""
            if note:
                print(note)

    if args.question is not None:
        question = clean_text(args.question, single_line=True)
        if not question:
            raise CliError('the question is empty; put it in quotes, e.g. als coach "What matters most to you here?"')
        report(question, with_question=False)
        return 0
    if sys.stdin is None:
        raise CliError('no question given; put one in quotes, e.g. als coach "What matters most to you here?"')
    if sys.stdin.isatty():
        print("Type a question and press Enter for its verdict; Ctrl+D to finish.", file=sys.stderr)
    first = True
    try:
        for line in sys.stdin:
            question = clean_text(line, single_line=True)
            if not question:
                continue
            if not first and not args.json:
                print()
            report(question, with_question=True)
            sys.stdout.flush()
            first = False
    except UnicodeDecodeError:
        raise CliError("standard input is not readable text; give one question per line in UTF-8") from None
    return 0
