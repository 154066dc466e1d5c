"""Every screen's header carries the icon every font has (the stock one is a box in the browser)."""

import ast
from pathlib import Path

import als_tui

ROOT = Path(als_tui.__file__).parent


def test_no_screen_uses_textuals_own_header():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.relative_to(ROOT).as_posix() == "widgets/header.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
                if any(alias.name == "Header" for alias in node.names):
                    offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == [], f"these use Textual's Header (its icon is a box in the browser): {offenders}"
