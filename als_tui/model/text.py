"""What members type, made safe to keep: text cleaned, names checked, a member list parsed. No I/O."""

from __future__ import annotations

import re
from typing import Any

NAME_MAX = 60
TEXT_MAX = 2000


def clean_text(text: str, limit: int = TEXT_MAX, *, single_line: bool = False) -> str:
    """Strip control characters (keeping newlines unless single_line), replace lone surrogates
    (not text: no UTF-8 file can hold them) by U+FFFD, and clip to *limit*."""
    out = []
    for ch in str(text):
        if ch in "\n\t" and not single_line:
            out.append(ch)
        elif ch in "\n\r\t":
            out.append(" ")
        elif ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0:
            continue
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out).strip()[:limit]


_SURROGATE = re.compile("[\ud800-\udfff]")


def mend_surrogates(value: Any) -> tuple[Any, int]:
    """*value* (text, or lists and dicts of it) with each lone surrogate replaced by U+FFFD, and how
    many texts had one. (A valid pair never reaches Python as two surrogates.)"""
    if isinstance(value, str):
        mended, n = _SURROGATE.subn("\ufffd", value)
        return mended, int(n > 0)
    if isinstance(value, list):
        out, total = [], 0
        for item in value:
            item, n = mend_surrogates(item)
            out.append(item)
            total += n
        return out, total
    if isinstance(value, dict):
        pairs, total = {}, 0
        for k, v in value.items():
            k, n1 = mend_surrogates(k)
            v, n2 = mend_surrogates(v)
            pairs[k] = v
            total += n1 + n2
        return pairs, total
    return value, 0


def validate_name(name: str, taken: list[str] | tuple[str, ...] = ()) -> str | None:
    """Return a one-line problem with a member or set name, or None if it is fine."""
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in name):
        return "Names cannot contain control characters."
    stripped = name.strip()
    if not stripped:
        return "A name cannot be empty."
    if len(stripped) > NAME_MAX:
        return f"Names are at most {NAME_MAX} characters (this one has {len(stripped)})."
    if stripped.casefold() in {t.strip().casefold() for t in taken}:
        return f"“{stripped}” is already used; names must be unique."
    return None


MIN_MEMBERS = 2
MAX_MEMBERS = 12
USUAL_MEMBERS = (4, 8)


def parse_members(text: str) -> tuple[list[str], str | None]:
    """Member names from one-per-line text: (names, first problem or None)."""
    names: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        problem = validate_name(line, names)
        if problem:
            return names, f"Member line {number}: {problem}"
        names.append(line.strip())
    if len(names) < MIN_MEMBERS:
        return names, f"A set needs at least {MIN_MEMBERS} members (one name per line)."
    if len(names) > MAX_MEMBERS:
        return names, f"A set has at most {MAX_MEMBERS} members; this list has {len(names)}."
    return names, None


def members_warning(count: int) -> str | None:
    low, high = USUAL_MEMBERS
    if count < low:
        return f"{count} members is small: sets usually work best with {low}–{high}."
    if count > high:
        return f"{count} members is large: with more than {high}, each person gets little air time."
    return None
