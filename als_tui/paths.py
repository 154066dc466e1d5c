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


def default_db_path() -> Path:
    """``$ALS_DB`` if set, else ``als.json`` in the user data dir (platformdirs)."""
    env = os.environ.get("ALS_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "als.json"
