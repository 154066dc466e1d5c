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
    return parser


# -- commands ------------------------------------------------------------------------
def cmd_tui(args: argparse.Namespace) -> int:
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

        app = ALSApp(db_path=db, bank_path=args.bank)
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


COMMANDS = {
    None: cmd_tui,
    "check-bank": cmd_check_bank,
    "banks": cmd_banks,
    "restore-backup": cmd_restore_backup,
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
