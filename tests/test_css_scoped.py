"""A screen's CSS file is global in Textual: a rule that does not start with its screen reaches
every screen with a widget of that id or class once the file is loaded. (The stage's "#harvest"
rule capped the actions screen's notes at 6 rows after a stage had been shown.)"""

import re
from pathlib import Path

import als_tui

SCREENS = Path(als_tui.__file__).parent / "screens"
SHARED = {"common.tcss", "dialog.tcss"}  # rules meant for every screen


def top_level_selectors(text: str) -> list[str]:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    selectors, depth, buf = [], 0, ""
    for ch in text:
        if ch == "{":
            if depth == 0:
                selectors += [s.strip() for s in buf.split(",") if s.strip()]
            depth, buf = depth + 1, ""
        elif ch == "}":
            depth, buf = depth - 1, ""
        elif depth == 0:
            buf += ch
    return selectors


def test_every_rule_of_a_screens_css_starts_with_a_screen():
    loose = []
    for path in sorted(SCREENS.glob("*.tcss")):
        if path.name in SHARED:
            continue
        for selector in top_level_selectors(path.read_text(encoding="utf-8")):
            first = re.split(r"[\s.#:>]", selector, maxsplit=1)[0]
            theme = selector.startswith(".-theme-") and re.split(r"\s+", selector)[1].split("#")[0].endswith("Screen")
            if not first.endswith("Screen") and not theme:
                loose.append(f"{path.name}: {selector}")
    assert loose == [], "rules that reach other screens:\n" + "\n".join(loose)
