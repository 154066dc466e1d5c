"""``als banks`` and ``als check-bank``: the meeting formats shipped, and a bank file checked."""

from __future__ import annotations

import argparse
import sys

from .common import CliError


def cmd_check_bank(args: argparse.Namespace) -> int:
    from ..bank import BankError, load_bank, shipped_banks, validate_file

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
    from ..bank import BankError, shipped_banks

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
