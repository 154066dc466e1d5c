"""Command line: ``als`` starts the app; subcommands do the rest.

Textual is imported only by the commands that open a screen, so the others start fast.
Every failure is one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

EPILOG = """\
examples:
  als                          open the app on your default data file
  als --db team.json           use another data file (or set ALS_DB)
  als banks                    list the meeting formats you can choose from
  als check-bank my-bank.yaml  validate a question bank
  als restore-backup           put <data file>.bak back after a bad crash
  als train                    open the question gym: practise asking, not telling
  als coach "Have you tried…?" check one question: its kind, what to watch, a better version
"""


class CliError(Exception):
    """A one-line problem to print and exit 1 with."""


def _db_path(args: argparse.Namespace) -> Path:
    from .paths import default_db_path

    return Path(args.db).expanduser() if args.db else default_db_path()


def _add_common(p: argparse.ArgumentParser, *, sub: bool = True) -> None:
    # Subcommands accept --db too; SUPPRESS keeps `als --db X cmd` from being reset to None.
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS if sub else None,
        help="data file (default: $ALS_DB, else als.json in your user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="als",
        description="Run a peer-led action learning set on one shared screen.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"als-tui {__version__}")
    _add_common(parser, sub=False)
    parser.add_argument("--bank", metavar="PATH", help="question bank YAML (default: the shipped classic bank)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "check-bank",
        help="validate a question bank YAML file",
        description="Validate a question bank. Prints path:line: message for each problem.",
        epilog="example:\n  als check-bank content/questions.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", nargs="?", help="bank file (default: every shipped bank)")

    sub.add_parser(
        "banks",
        help="list the shipped meeting formats (question banks)",
        description="List the shipped meeting formats with group size and typical total time.",
        epilog="example:\n  als banks",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )

    p = sub.add_parser(
        "restore-backup",
        help="put the .bak copy back in place of an unreadable data file",
        description="Replace the data file with <file>.bak; the current file is kept as <file>.broken.",
        epilog="example:\n  als restore-backup --db team.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(p)

    p = sub.add_parser(
        "coach",
        help="check a question: open, closed, leading or advice, with a tip",
        description=(
            "Say what kind of question this is (open, closed, leading, or advice in disguise), what to "
            "watch (stacked, why, long, not a question), and how it could be better. With no question, "
            "read one question per line from standard input."
        ),
        epilog=(
            "examples:\n"
            '  als coach "Have you tried talking to your manager?"\n'
            '  als coach --json "What matters most to you here?"\n'
            "  als coach < questions.txt        one verdict per line"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("question", nargs="?", help="the question, in quotes (default: read lines from stdin)")
    p.add_argument("--json", action="store_true",
                   help='print {"kind": ..., "flags": [...], "tip": ...} (one JSON object per line for stdin)')

    p = sub.add_parser(
        "train",
        help="open the app straight into the question gym",
        description="Open the question gym: spot the type, ask better, and your progress. Esc goes to the home screen.",
        epilog="example:\n  als train --db team.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(p)
    return parser


# -- commands ------------------------------------------------------------------------
def cmd_tui(args: argparse.Namespace, start: str | None = None) -> int:
    from .bank import BankError, load_bank
    from .store import StoreError

    db = _db_path(args)
    if args.bank:
        try:
            load_bank(args.bank)
        except BankError as exc:
            raise CliError(str(exc)) from None
    try:
        from .app import ALSApp

        app = ALSApp(db_path=db, bank_path=args.bank, start=start)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    app.run()
    return app.return_code or 0


def cmd_check_bank(args: argparse.Namespace) -> int:
    from .bank import BankError, load_bank, shipped_banks, validate_file

    if args.path:
        errors = validate_file(args.path)
        if errors:
            for line in errors:
                print(line, file=sys.stderr)
            return 1
        bank = load_bank(args.path)
        print(f"{args.path}: OK — {bank.name}: {len(bank.stages)} stages, {bank.stage_minutes} min of stages.")
        return 0
    try:
        banks = shipped_banks()
    except BankError as exc:
        raise CliError(str(exc)) from None
    for bank in banks:
        print(f"{bank.path}: OK — {bank.name}: {len(bank.stages)} stages.")
    return 0


def cmd_banks(args: argparse.Namespace) -> int:
    from .bank import BankError, shipped_banks

    try:
        banks = shipped_banks()
    except BankError as exc:
        raise CliError(str(exc)) from None
    width = max(len(b.id) for b in banks)
    for b in banks:
        size = f"{b.group_min}" if b.group_min == b.group_max else f"{b.group_min}–{b.group_max}"
        total = b.total_minutes or b.stage_minutes
        stages = " → ".join(st.title for st in b.stages)
        print(f"{b.id:<{width}}  {b.name}: {b.description}")
        print(f"{'':<{width}}  {size} people · typically {total} min · {stages}")
    return 0


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from .store import StoreError, restore_backup

    try:
        print(restore_backup(_db_path(args)))
    except StoreError as exc:
        raise CliError(str(exc)) from None
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    return cmd_tui(args, start="gym")


def _verdict_text(question: str, feedback) -> str:
    from .questioning import FLAG_HELP, FLAG_LABELS, KIND_HELP, KIND_LABELS

    what = KIND_HELP.get(feedback.kind, "")
    lines = [f"{KIND_LABELS.get(feedback.kind, feedback.kind)} — {what[:1].lower()}{what[1:]}"]
    for flag in feedback.flags:
        note = FLAG_HELP.get(flag, "")
        lines.append(f"  also: {FLAG_LABELS.get(flag, flag).lower()} — {note[:1].lower()}{note[1:]}")
    tip = feedback.tip
    if feedback.rewrite:
        tip = tip.removesuffix(f" Try: \u201c{feedback.rewrite}\u201d").strip()
    lines.append(f"  tip: {tip}")
    if feedback.rewrite:
        lines.append(f"  try instead: {feedback.rewrite}")
    return "\n".join(lines)


def cmd_coach(args: argparse.Namespace) -> int:
    import json

    from .model import clean_text
    from .questioning import classify

    def report(question: str, *, with_question: bool) -> None:
        feedback = classify(question)
        if args.json:
            data = feedback.to_dict()
            print(json.dumps({"question": question, **data} if with_question else data, ensure_ascii=False))
        else:
            if with_question:
                print(f"\u201c{question}\u201d")
            print(_verdict_text(question, feedback))

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


COMMANDS = {
    None: cmd_tui,
    "check-bank": cmd_check_bank,
    "banks": cmd_banks,
    "restore-backup": cmd_restore_backup,
    "coach": cmd_coach,
    "train": cmd_train,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "db", None) is None and os.environ.get("ALS_DB"):
        args.db = os.environ["ALS_DB"]
    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"als: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("als: interrupted; everything up to the last step is saved.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
