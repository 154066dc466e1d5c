"""Per-screen help text (content/help.yaml). No Textual."""

from __future__ import annotations

from functools import cache

import yaml

from .paths import content_file


@cache
def help_topics() -> dict[str, dict[str, str]]:
    """{screen id: {"title", "body"}} from the shipped help file."""
    with open(content_file("help.yaml"), encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {key: {"title": str(v.get("title", key)), "body": str(v.get("body", ""))} for key, v in data.items()}


def help_for(screen_id: str) -> dict[str, str]:
    topics = help_topics()
    return topics.get(screen_id) or topics["general"]
