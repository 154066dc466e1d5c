"""Loading a bank (or the ground-rules template) from text or a file: read, compose, check."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import Node, ScalarNode, SequenceNode

from als_tui.paths import content_file

from .checking import BankChecker
from .fields import FieldChecker, describe, scalar_of
from .model import SCHEMA_VERSION, Bank, BankError, GroundRule
from .reading import compose_nodes, decode_text, read_text


def load_bank_text(text: str | bytes, name: str = "<bank>") -> Bank:
    """Parse and validate a bank given as text; *name* is used in error messages and as ``Bank.path``."""
    if isinstance(text, (bytes, bytearray)):
        text = decode_text(bytes(text), name)
    elif not isinstance(text, str):
        raise BankError(f"{name}:1: a bank must be text, got {type(text).__name__}")
    root = compose_nodes(text, name)
    checker = BankChecker(name)
    bank = checker.bank(root, name)
    if bank is None:
        raise BankError(checker.result() or [f"{name}:1: the bank is not valid"])
    return bank


def load_bank(path: str | Path | None = None) -> Bank:
    """Load a bank from *path* (default: the shipped ``content/questions.yaml``)."""
    if path is None:
        path = content_file("questions.yaml")
    name = str(path)
    return load_bank_text(read_text(path, name), name)


def validate_file(path: str | Path) -> list[str]:
    """Every problem in the bank at *path*, as ``path:line: message``; ``[]`` when it is valid."""
    try:
        load_bank(path)
    except BankError as exc:
        return exc.errors
    return []


def load_ground_rules(path: str | Path | None = None) -> list[GroundRule]:
    """The ground-rules template: ``schema: 1`` and ``rules:`` a list of {title, text} (a bare list works too)."""
    if path is None:
        path = content_file("ground_rules.yaml")
    name = str(path)
    root = compose_nodes(read_text(path, name), name)
    c = FieldChecker(name)
    items: list[Node] = []
    if root is None:
        c.err(1, "the ground rules are empty")
    elif isinstance(root, SequenceNode):
        items = list(root.value)
    else:
        f = c.mapping(root, "", ("schema", "rules"), ("rules",), what="the ground rules")
        if f is not None:
            if "schema" in f:
                node = f["schema"][1]
                kind, value = scalar_of(node) if isinstance(node, ScalarNode) else ("node", None)
                if kind != "int" or value < 1:  # type: ignore[operator]
                    c.err(node, f"schema must be a whole number, got {describe(node)}")
                elif value > SCHEMA_VERSION:  # type: ignore[operator]
                    c.err(node, f"schema {value} is newer than this app supports ({SCHEMA_VERSION}); update als-tui")
            items = c.sequence(f, "rules", "") or []
    rules: list[GroundRule] = []
    for j, item in enumerate(items, start=1):
        label = f"rule {j}"
        rf = c.mapping(item, label, ("title", "text"), ("title", "text"))
        if rf is None:
            continue
        title, text = c.text(rf, "title", label), c.text(rf, "text", label)
        if title is not None and text is not None:
            rules.append(GroundRule(title, text))
    if root is not None and not c.errors and not rules:
        c.err(root, "there are no ground rules")
    if c.errors:
        raise BankError(c.result())
    return rules
