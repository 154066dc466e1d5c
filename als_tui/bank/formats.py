"""The formats shipped with the app: the default bank and those in ``content/banks/``, each
loaded once (again only if its file changes)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from als_tui.paths import content_dir, content_file, shipped_bank_path

from .loading import load_bank
from .model import Bank, BankError


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> Bank:
    return load_bank(path)


def _shipped_paths() -> list[Path]:
    paths = [content_file("questions.yaml")]
    extra = content_dir() / "banks"
    if extra.is_dir():
        paths.extend(sorted(extra.glob("*.yaml")))
    return paths


def _load_shipped(p: Path) -> Bank:
    try:
        st = p.stat()
    except OSError:
        return load_bank(p)  # raises the "cannot read" BankError
    return _load_cached(str(p), st.st_mtime_ns, st.st_size)


def shipped_banks() -> list[Bank]:
    """The default bank followed by the extra formats in ``content/banks/``."""
    return [_load_shipped(p) for p in _shipped_paths()]


def find_bank(bank_id: str) -> Bank:
    """The shipped bank with this id; BankError if there is none.

    The file named after the id (``questions.yaml`` for the default) is tried first, so the
    home screen does not parse every format to name one."""
    likely = shipped_bank_path(bank_id)
    if likely is not None:
        try:
            bank = _load_shipped(likely)
        except BankError:
            bank = None
        if bank is not None and bank.id == bank_id:
            return bank
    banks = shipped_banks()
    for bank in banks:
        if bank.id == bank_id:
            return bank
    known = ", ".join(b.id for b in banks)
    raise BankError(f"unknown bank '{bank_id}' (known: {known})")
