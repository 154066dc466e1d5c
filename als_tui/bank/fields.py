"""Checking YAML nodes field by field: mappings with known keys, lists, text, numbers, yes/no.
Each problem is kept with its line and reported as ``file:line: message``."""

from __future__ import annotations

import re
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_ERRORS = 50
MAX_TEXT = 2000
ID_RE = re.compile(r"[a-z0-9_-]{1,40}")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_FLOAT = "tag:yaml.org,2002:float"

_NOTHING = object()
_CONSTRUCTOR = SafeConstructor()


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(message: str) -> str:
    """*message* with any control character from the bank shown as an escape (ESC as ``\\x1b``), never sent
    to the terminal as it is (an escape sequence in a key or a name could rewrite the screen)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", message)


def short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def scalar_of(node: ScalarNode) -> tuple[str, Any]:
    """(kind, value) of a scalar: kind is str, int, bool, null, float or other."""
    tag = node.tag
    try:
        if tag == _STR:
            return "str", node.value
        if tag == _INT:
            return "int", _CONSTRUCTOR.construct_yaml_int(node)
        if tag == _BOOL:
            return "bool", _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == _NULL:
            return "null", None
        if tag == _FLOAT:
            return "float", _CONSTRUCTOR.construct_yaml_float(node)
    except Exception:  # noqa: BLE001 - e.g. "!!int abc", "!!bool maybe", a 10,000-digit number
        return "other", node.value
    return "other", node.value


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode):
        kind, _ = scalar_of(node)
        if kind == "null":
            return "nothing"
        if kind == "str":
            return f"'{short(node.value)}'"
        if node.tag not in (_INT, _BOOL, _FLOAT):
            return f"'{short(node.value)}' (tagged {short(node.tag)})"
        return short(node.value)
    return "something else"


def within(label: str) -> str:
    return f" in {label}" if label else ""


class FieldChecker:
    """Checks the fields of a YAML mapping, noting each problem with its line."""

    def __init__(self, name: str):
        self.name = name
        self.errors: list[tuple[int, int, str]] = []

    def err(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else node.start_mark.line + 1
        self.errors.append((line, len(self.errors), message))

    def result(self) -> list[str]:
        ordered = sorted(self.errors)
        out = [f"{self.name}:{line}: {_visible(msg)}" for line, _, msg in ordered[:MAX_ERRORS]]
        if len(ordered) > MAX_ERRORS:
            line = ordered[MAX_ERRORS][0]
            out.append(f"{self.name}:{line}: (and {len(ordered) - MAX_ERRORS} more problems not shown)")
        return out

    # -- containers

    def mapping(
        self, node: Node, label: str, allowed: tuple[str, ...], required: tuple[str, ...], what: str = ""
    ) -> dict[str, tuple[Node, Node]] | None:
        """Check *node* is a mapping with known keys; return {key: (key_node, value_node)}."""
        if not isinstance(node, MappingNode):
            self.err(node, f"{what or label} must be a mapping, got {describe(node)}")
            return None
        fields: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.err(key_node, f"keys must be plain words, got {describe(key_node)}{within(label)}")
                continue
            key = str(key_node.value)
            if key not in allowed:
                self.err(key_node, f"unknown key '{short(key)}'{within(label)} (allowed: {', '.join(allowed)})")
                continue
            if key in fields:
                self.err(key_node, f"duplicate key '{key}'{within(label)}")
                continue
            fields[key] = (key_node, value_node)
        for key in required:
            if key not in fields:
                self.err(node, f"missing required field '{key}'{within(label)}")
        return fields

    def sequence(self, fields: dict, key: str, label: str) -> list[Node] | None:
        if key not in fields:
            return None
        node = fields[key][1]
        if isinstance(node, ScalarNode) and scalar_of(node)[0] == "null":
            return []
        if not isinstance(node, SequenceNode):
            self.err(node, f"{key}{within(label)} must be a list, got {describe(node)}")
            return None
        return list(node.value)

    # -- scalars

    def text(self, fields: dict, key: str, label: str, default: str | None = None) -> str | None:
        if key not in fields:
            return default
        node = fields[key][1]
        if not isinstance(node, ScalarNode):
            self.err(node, f"{key}{within(label)} must be text, got {describe(node)}")
            return None
        kind, value = scalar_of(node)
        if kind == "null" or (kind == "str" and not value.strip()):
            self.err(node, f"{key}{within(label)} must not be empty")
            return None
        if kind != "str":
            self.err(node, f"{key}{within(label)} must be text, got {describe(node)} (put it in quotes)")
            return None
        value = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
        if len(value) > MAX_TEXT:
            self.err(node, f"{key}{within(label)} is too long ({len(value)} characters; the limit is {MAX_TEXT})")
            return None
        return value

    def ident(self, fields: dict, key: str, label: str) -> str | None:
        value = self.text(fields, key, label)
        if value is None:
            return None
        if not ID_RE.fullmatch(value):
            self.err(
                fields[key][1],
                f"{key}{within(label)} must be 1-40 of a-z, 0-9, '-' and '_', got '{short(value)}'",
            )
            return None
        return value

    def integer(self, fields: dict, key: str, label: str, lo: int, hi: int, default: Any = _NOTHING) -> Any:
        if key not in fields:
            return None if default is _NOTHING else default
        node = fields[key][1]
        kind, value = scalar_of(node) if isinstance(node, ScalarNode) else ("node", None)
        if kind != "int":
            self.err(node, f"{key}{within(label)} must be a whole number, got {describe(node)}")
            return None
        if not lo <= value <= hi:  # type: ignore[operator]
            self.err(node, f"{key}{within(label)} must be between {lo} and {hi}, got {short(str(value))}")
            return None
        return value

    def boolean(self, fields: dict, key: str, label: str) -> bool:
        if key not in fields:
            return False
        node = fields[key][1]
        kind, value = scalar_of(node) if isinstance(node, ScalarNode) else ("node", None)
        if kind != "bool":
            self.err(node, f"{key}{within(label)} must be true or false, got {describe(node)}")
            return False
        return bool(value)
