"""Where things live: the shipped content and the default data file. No Textual."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "als-tui"


def content_dir() -> Path:
    """The shipped content folder: inside the wheel, or the top-level ``content/`` of a checkout."""
    packaged = Path(__file__).parent / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "content"


def content_file(name: str) -> Path:
    return content_dir() / name


def user_path(text: str | os.PathLike[str]) -> Path:
    """*text* as a path, with a leading ``~`` or ``~user`` expanded as a shell would, and kept as
    typed when there is no such user or no home (``~0``, a stripped environment), as a shell does."""
    path = Path(text)
    try:
        return path.expanduser()
    except RuntimeError:
        return path


def default_db_path() -> Path:
    """``$ALS_DB`` if set, else ``als.json`` in the user data dir (platformdirs)."""
    env = os.environ.get("ALS_DB")
    if env:
        return user_path(env)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "als.json"


def shipped_bank_path(bank_id: str) -> Path | None:
    """The shipped file that should hold the bank *bank_id* (its id names the file; the
    default is ``questions.yaml``), or None if there is none."""
    if not bank_id.replace("-", "").replace("_", "").isalnum():
        return None
    path = content_file("questions.yaml") if bank_id == "classic" else content_dir() / "banks" / f"{bank_id}.yaml"
    return path if path.is_file() else None


def shipped_bank_name(bank_id: str) -> str | None:
    """The display name of a shipped format, read from the head of its file without loading
    PyYAML (the home screen shows it at start-up). None when it cannot be read plainly: the
    caller then loads the bank."""
    path = shipped_bank_path(bank_id)
    if path is None:
        return None
    try:
        with path.open(encoding="utf-8") as fh:
            head = [fh.readline() for _ in range(12)]
    except (OSError, UnicodeDecodeError):
        return None
    ids = [line[3:].strip() for line in head if line.startswith("id:")]
    names = [line[5:].strip() for line in head if line.startswith("name:")]
    if ids != [bank_id] or len(names) != 1:
        return None
    name = names[0]
    if not name or name[0] in "\"'&*!|>{[%@`#" or " #" in name:
        return None  # quoted or otherwise not a plain scalar: let PyYAML read it
    return name
