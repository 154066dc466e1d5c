"""Question banks: load and validate the YAML that describes a meeting format.

A bank names the stages a set works through for one presenter (account,
clarify, reflect, ...), how long each takes, who speaks, the rules of the
stage and the open questions members can borrow. See ``content/BANK_FORMAT.md``.

Pure core: no Textual, no I/O beyond reading the file. Every problem in a bank
is reported (not just the first), each as ``path:line: message``; no input,
however broken, ends in a traceback: only :class:`BankError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from als_tui.paths import content_dir, content_file, shipped_bank_path

SCHEMA_VERSION = 1
# libyaml's composer (same nodes and marks) when available: several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SPEAKERS = ("presenter", "set", "scribe", "all")
MAX_BYTES = 1_000_000  # a bank is a few dozen KB; anything this large is a mistake
MAX_ERRORS = 50
MAX_PARTS = 10_000  # YAML events (scalars, lists, mappings…): the shipped banks have a few hundred
_SCAN_FROM = 32_768  # texts shorter than this compose in milliseconds whatever they hold
MAX_TEXT = 2000
MINUTES_RANGE = (1, 120)
TOTAL_RANGE = (1, 600)
GROUP_RANGE = (1, 30)
DEFAULT_GROUP = (2, 12)
DEFAULT_CHECKIN_MINUTES = 3
ID_RE = re.compile(r"[a-z0-9_-]{1,40}")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_FLOAT = "tag:yaml.org,2002:float"

TOP_KEYS = (
    "schema", "id", "name", "description", "group_size", "total_minutes", "checkin", "stages", "review",
)
STAGE_KEYS = ("id", "title", "purpose", "minutes", "speaker", "guidance", "rules", "prompts", "methods")
RULE_KEYS = ("questions_only", "advice_allowed", "presenter_listens", "uninterrupted")


class BankError(Exception):
    """A bank (or ground-rules file) that cannot be used. ``errors`` holds every problem found."""

    def __init__(self, errors: list[str] | str):
        self.errors: list[str] = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("\n".join(self.errors))

    def __str__(self) -> str:
        return "\n".join(self.errors)


@dataclass(frozen=True)
class Prompt:
    text: str
    purpose: str


@dataclass(frozen=True)
class Method:
    name: str
    description: str


@dataclass(frozen=True)
class StageRules:
    questions_only: bool = False
    advice_allowed: bool = False
    presenter_listens: bool = False
    uninterrupted: bool = False


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    purpose: str
    minutes: int
    speaker: str
    guidance: str
    rules: StageRules
    prompts: tuple[Prompt, ...]
    methods: tuple[Method, ...]

    @property
    def rule_text(self) -> str:
        """One short line the set can read: who talks and what is allowed."""
        r = self.rules
        if r.questions_only:
            return "Questions only — no advice"
        if r.presenter_listens:
            if r.advice_allowed:
                return "The presenter listens; the set offers suggestions"
            return "The presenter listens; the set talks it through"
        if self.speaker == "presenter":
            return "The presenter speaks; nobody interrupts" if r.uninterrupted else "The presenter speaks"
        if r.advice_allowed:
            text = "Suggestions welcome"
        elif self.speaker == "scribe":
            text = "The scribe speaks"
        elif self.speaker == "set":
            text = "The set talks it through — no advice"
        else:
            text = "Open conversation — no advice"
        if r.uninterrupted:
            text += "; nobody interrupts"
        return text


@dataclass(frozen=True)
class Bank:
    id: str
    name: str
    description: str
    group_min: int
    group_max: int
    total_minutes: int | None
    checkin_minutes: int
    checkin_prompts: tuple[Prompt, ...]
    stages: tuple[Stage, ...]
    review_prompts: tuple[Prompt, ...]
    path: str

    @property
    def stage_minutes(self) -> int:
        return sum(s.minutes for s in self.stages)

    @property
    def typical_minutes(self) -> int:
        """How long a meeting in this format typically takes (its stated total, else its stages)."""
        return self.total_minutes or self.stage_minutes

    def stage(self, stage_id: str) -> Stage | None:
        for s in self.stages:
            if s.id == stage_id:
                return s
        return None


@dataclass(frozen=True)
class GroundRule:
    title: str
    text: str


# --------------------------------------------------------------------------- reading


def _read(path: str | Path, name: str) -> str:
    """The file's text, or BankError with one ``path: cannot read: ...`` line (or a line for bad bytes)."""
    p = Path(path)
    try:
        if p.is_dir():
            raise BankError(f"{name}: cannot read: it is a directory, not a file")
        if not p.exists():
            raise BankError(f"{name}: cannot read: no such file")
        if not p.is_file():
            raise BankError(f"{name}: cannot read: not a regular file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise BankError(f"{name}:1: the file is too large ({size:,} bytes; a bank is a few dozen KB, the limit "
                            f"is {MAX_BYTES:,})")
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except BankError:
        raise
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise BankError(f"{name}: cannot read: {reason}") from None
    if len(data) > MAX_BYTES:
        raise BankError(f"{name}:1: the file is too large (more than {MAX_BYTES:,} bytes)")
    return _decode(data, name)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BankError(
            f"{name}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None


def _refuse_too_many_parts(text: str, name: str) -> None:
    """A long text is counted part by part before it is composed (composing 300,000 list items
    takes most of a second, and checking them as long again): BankError at the line where it
    passes :data:`MAX_PARTS`. Syntax errors are left to :func:`_compose` and its messages."""
    if len(text) < _SCAN_FROM:
        return
    try:
        for count, event in enumerate(yaml.parse(text, Loader=_LOADER), start=1):
            if count > MAX_PARTS:
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                raise BankError(f"{name}:{line}: the bank has too many parts (more than {MAX_PARTS:,}; "
                                "a bank has a few hundred)")
    except BankError:
        raise
    except Exception:  # noqa: BLE001 - a YAML error: _compose reports it with its line
        return


def _compose(text: str, name: str) -> Node | None:
    """Parse *text* into a node tree that keeps line marks; YAML problems become BankError."""
    if len(text) > MAX_BYTES:
        raise BankError(f"{name}:1: the text is too large ({len(text):,} characters; the limit is {MAX_BYTES:,})")
    _refuse_too_many_parts(text, name)
    if _LOADER is not yaml.SafeLoader:
        try:
            return yaml.compose(text, Loader=_LOADER)
        except yaml.MarkedYAMLError as exc:
            if len(text) >= _SCAN_FROM:  # (the pure loader would take most of a second on it)
                mark = exc.problem_mark or exc.context_mark
                line = mark.line + 1 if mark is not None else 1
                problem = " ".join((exc.problem or exc.context or "invalid YAML").split())
                raise BankError(f"{name}:{line}: YAML syntax error: {problem}") from None
        except Exception:  # noqa: BLE001 - re-parsed below for the pure loader's exact message
            pass
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:
        pos = exc.position if isinstance(exc.position, int) else 0
        line = text.count("\n", 0, pos) + 1
        char = exc.character
        code = ord(char[0]) if isinstance(char, str) and char else char
        shown = f"#x{code:04x}" if isinstance(code, int) else repr(code)
        raise BankError(f"{name}:{line}: YAML syntax error: a character that is not allowed ({shown})") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if exc.context and exc.problem and problem.startswith("but "):
            problem = f"{exc.context.strip()}, {problem}"
        if "'\\t'" in problem:  # PyYAML's "found character '\t' that cannot start any token"
            column = f" (column {mark.column + 1})" if mark is not None else ""
            problem = (f"a tab{column}: YAML indents with spaces only; replace the tab with spaces "
                       "(most editors have a setting that does it)")
        raise BankError(f"{name}:{line}: YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise BankError(f"{name}:1: YAML syntax error: {str(exc).splitlines()[0] if str(exc) else 'invalid'}") from None
    except RecursionError:
        raise BankError(f"{name}:1: YAML syntax error: nested too deeply") from None
    except MemoryError:
        raise BankError(f"{name}:1: the text is too large to read") from None
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        raise BankError(f"{name}:1: YAML syntax error: {type(exc).__name__}") from None


# --------------------------------------------------------------------------- checking

_NOTHING = object()
_CONSTRUCTOR = SafeConstructor()


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(message: str) -> str:
    """*message* with any control character from the bank shown as an escape (ESC as ``\\x1b``), never sent
    to the terminal as it is (an escape sequence in a key or a name could rewrite the screen)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", message)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _scalar(node: ScalarNode) -> tuple[str, Any]:
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


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode):
        kind, _ = _scalar(node)
        if kind == "null":
            return "nothing"
        if kind == "str":
            return f"'{_short(node.value)}'"
        if node.tag not in (_INT, _BOOL, _FLOAT):
            return f"'{_short(node.value)}' (tagged {_short(node.tag)})"
        return _short(node.value)
    return "something else"


def _in(label: str) -> str:
    return f" in {label}" if label else ""


class _Checker:
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
            self.err(node, f"{what or label} must be a mapping, got {_describe(node)}")
            return None
        fields: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.err(key_node, f"keys must be plain words, got {_describe(key_node)}{_in(label)}")
                continue
            key = str(key_node.value)
            if key not in allowed:
                self.err(key_node, f"unknown key '{_short(key)}'{_in(label)} (allowed: {', '.join(allowed)})")
                continue
            if key in fields:
                self.err(key_node, f"duplicate key '{key}'{_in(label)}")
                continue
            fields[key] = (key_node, value_node)
        for key in required:
            if key not in fields:
                self.err(node, f"missing required field '{key}'{_in(label)}")
        return fields

    def sequence(self, fields: dict, key: str, label: str) -> list[Node] | None:
        if key not in fields:
            return None
        node = fields[key][1]
        if isinstance(node, ScalarNode) and _scalar(node)[0] == "null":
            return []
        if not isinstance(node, SequenceNode):
            self.err(node, f"{key}{_in(label)} must be a list, got {_describe(node)}")
            return None
        return list(node.value)

    # -- scalars

    def text(self, fields: dict, key: str, label: str, default: str | None = None) -> str | None:
        if key not in fields:
            return default
        node = fields[key][1]
        if not isinstance(node, ScalarNode):
            self.err(node, f"{key}{_in(label)} must be text, got {_describe(node)}")
            return None
        kind, value = _scalar(node)
        if kind == "null" or (kind == "str" and not value.strip()):
            self.err(node, f"{key}{_in(label)} must not be empty")
            return None
        if kind != "str":
            self.err(node, f"{key}{_in(label)} must be text, got {_describe(node)} (put it in quotes)")
            return None
        value = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
        if len(value) > MAX_TEXT:
            self.err(node, f"{key}{_in(label)} is too long ({len(value)} characters; the limit is {MAX_TEXT})")
            return None
        return value

    def ident(self, fields: dict, key: str, label: str) -> str | None:
        value = self.text(fields, key, label)
        if value is None:
            return None
        if not ID_RE.fullmatch(value):
            self.err(
                fields[key][1],
                f"{key}{_in(label)} must be 1-40 of a-z, 0-9, '-' and '_', got '{_short(value)}'",
            )
            return None
        return value

    def integer(self, fields: dict, key: str, label: str, lo: int, hi: int, default: Any = _NOTHING) -> Any:
        if key not in fields:
            return None if default is _NOTHING else default
        node = fields[key][1]
        kind, value = _scalar(node) if isinstance(node, ScalarNode) else ("node", None)
        if kind != "int":
            self.err(node, f"{key}{_in(label)} must be a whole number, got {_describe(node)}")
            return None
        if not lo <= value <= hi:  # type: ignore[operator]
            self.err(node, f"{key}{_in(label)} must be between {lo} and {hi}, got {_short(str(value))}")
            return None
        return value

    def boolean(self, fields: dict, key: str, label: str) -> bool:
        if key not in fields:
            return False
        node = fields[key][1]
        kind, value = _scalar(node) if isinstance(node, ScalarNode) else ("node", None)
        if kind != "bool":
            self.err(node, f"{key}{_in(label)} must be true or false, got {_describe(node)}")
            return False
        return bool(value)

    # -- pieces of a bank

    def prompts(
        self, fields: dict, key: str, owner: str, item_label, must_ask: bool, why: str
    ) -> tuple[Prompt, ...]:
        items = self.sequence(fields, key, owner)
        out: list[Prompt] = []
        for j, item in enumerate(items or (), start=1):
            label = item_label(j)
            if not isinstance(item, MappingNode):
                self.err(item, f"{label} must be a mapping like {{text: ..., purpose: ...}}, got {_describe(item)}")
                continue
            f = self.mapping(item, label, ("text", "purpose"), ("text", "purpose"))
            if f is None:
                continue
            text = self.text(f, "text", label)
            purpose = self.text(f, "purpose", label)
            if text is not None and must_ask and not text.endswith("?"):
                self.err(f["text"][1], f"{label} must be a question ending in '?'{why}: '{_short(text)}'")
                text = None
            if text is not None and purpose is not None:
                out.append(Prompt(text, purpose))
        return tuple(out)

    def methods(self, fields: dict, owner: str) -> tuple[Method, ...]:
        out: list[Method] = []
        for j, item in enumerate(self.sequence(fields, "methods", owner) or (), start=1):
            label = f"method {j} of {owner}"
            f = self.mapping(item, label, ("name", "description"), ("name", "description"))
            if f is None:
                continue
            name = self.text(f, "name", label)
            description = self.text(f, "description", label)
            if name is not None and description is not None:
                out.append(Method(name, description))
        return tuple(out)

    def stage(self, node: Node, index: int, seen: dict[str, int]) -> Stage | None:
        label = f"stage {index}"
        if isinstance(node, MappingNode):  # name the stage by its id as early as possible
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode):
                    if _scalar(v)[0] == "str" and ID_RE.fullmatch(v.value.strip()):
                        label = f"stage '{v.value.strip()}'"
                    break
        f = self.mapping(node, label, STAGE_KEYS, ("id", "title", "purpose", "minutes", "speaker"))
        if f is None:
            return None
        n_before = len(self.errors)
        sid = self.ident(f, "id", label)
        if sid is not None:
            id_node = f["id"][1]
            if sid in seen:
                self.err(id_node, f"duplicate stage id '{sid}' (first used on line {seen[sid]})")
            else:
                seen[sid] = id_node.start_mark.line + 1
        title = self.text(f, "title", label)
        purpose = self.text(f, "purpose", label)
        guidance = self.text(f, "guidance", label, default="")
        minutes = self.integer(f, "minutes", label, *MINUTES_RANGE)
        speaker = self.text(f, "speaker", label)
        if speaker is not None and speaker not in SPEAKERS:
            self.err(
                f["speaker"][1],
                f"speaker{_in(label)} must be one of {', '.join(SPEAKERS)}; got '{_short(speaker)}'",
            )
        rules = StageRules()
        if "rules" in f:
            rlabel = f"the rules of {label}"
            rf = self.mapping(f["rules"][1], rlabel, RULE_KEYS, (), what=f"rules{_in(label)}")
            if rf is not None:
                rules = StageRules(**{k: self.boolean(rf, k, rlabel) for k in RULE_KEYS})
                if rules.questions_only and rules.advice_allowed:
                    self.err(
                        rf["advice_allowed"][0],
                        f"{label} cannot have both questions_only and advice_allowed",
                    )
                if rules.presenter_listens and speaker == "presenter":
                    self.err(
                        rf["presenter_listens"][0],
                        f"{label} cannot have presenter_listens when the speaker is the presenter",
                    )
        if rules.questions_only:
            pnode = f["prompts"][1] if "prompts" in f else None
            if pnode is None:
                self.err(node, f"{label} is questions_only, so it needs prompts (at least one question)")
            elif (isinstance(pnode, SequenceNode) and not pnode.value) or (
                isinstance(pnode, ScalarNode) and _scalar(pnode)[0] == "null"
            ):
                self.err(pnode, f"prompts{_in(label)} must not be empty (the stage is questions_only)")
        prompts = self.prompts(
            f, "prompts", label, lambda j: f"prompt {j} of {label}", rules.questions_only,
            " (the stage is questions_only)",
        )
        methods = self.methods(f, label)
        if len(self.errors) != n_before:
            return None
        return Stage(sid, title, purpose, minutes, speaker, guidance, rules, prompts, methods)  # type: ignore[arg-type]

    def bank(self, root: Node | None, path: str) -> Bank | None:
        if root is None:
            self.err(1, "the bank is empty")
            return None
        f = self.mapping(root, "", TOP_KEYS, ("schema", "id", "name", "stages"), what="the bank")
        if f is None:
            return None
        if "schema" in f:
            node = f["schema"][1]
            kind, value = _scalar(node) if isinstance(node, ScalarNode) else ("node", None)
            if kind != "int":
                self.err(node, f"schema must be a whole number, got {_describe(node)}")
            elif value > SCHEMA_VERSION:  # type: ignore[operator]
                self.err(node, f"schema {value} is newer than this app supports ({SCHEMA_VERSION}); update als-tui")
            elif value < 1:  # type: ignore[operator]
                self.err(node, f"schema must be {SCHEMA_VERSION}, got {value}")
        bank_id = self.ident(f, "id", "")
        name = self.text(f, "name", "")
        description = self.text(f, "description", "", default="")
        total = self.integer(f, "total_minutes", "", *TOTAL_RANGE, default=None)

        gmin, gmax = DEFAULT_GROUP
        if "group_size" in f:
            gf = self.mapping(f["group_size"][1], "group_size", ("min", "max"), ())
            if gf is not None:
                lo = self.integer(gf, "min", "group_size", *GROUP_RANGE, default=gmin)
                hi = self.integer(gf, "max", "group_size", *GROUP_RANGE, default=gmax)
                if lo is not None and hi is not None:
                    if lo > hi:
                        self.err(f["group_size"][1], f"group_size min ({lo}) is larger than max ({hi})")
                    gmin, gmax = lo, hi

        checkin_minutes, checkin_prompts = DEFAULT_CHECKIN_MINUTES, ()
        if "checkin" in f:
            cf = self.mapping(f["checkin"][1], "checkin", ("minutes_per_member", "prompts"), ())
            if cf is not None:
                checkin_minutes = self.integer(
                    cf, "minutes_per_member", "checkin", *MINUTES_RANGE, default=DEFAULT_CHECKIN_MINUTES
                )
                checkin_prompts = self.prompts(cf, "prompts", "checkin", lambda j: f"checkin prompt {j}", True, "")  # type: ignore[assignment]

        review_prompts: tuple[Prompt, ...] = ()
        if "review" in f:
            rf = self.mapping(f["review"][1], "review", ("prompts",), ())
            if rf is not None:
                review_prompts = self.prompts(rf, "prompts", "review", lambda j: f"review prompt {j}", True, "")

        stages: list[Stage] = []
        items = self.sequence(f, "stages", "")
        if items is not None and not items:
            self.err(f["stages"][1], "stages must not be empty: a bank needs at least one stage")
        seen: dict[str, int] = {}
        for i, item in enumerate(items or (), start=1):
            stage = self.stage(item, i, seen)
            if stage is not None:
                stages.append(stage)

        if self.errors:
            return None
        return Bank(
            id=bank_id, name=name, description=description,  # type: ignore[arg-type]
            group_min=gmin, group_max=gmax, total_minutes=total,
            checkin_minutes=checkin_minutes, checkin_prompts=checkin_prompts,
            stages=tuple(stages), review_prompts=review_prompts, path=path,
        )


# --------------------------------------------------------------------------- public API


def load_bank_text(text: str | bytes, name: str = "<bank>") -> Bank:
    """Parse and validate a bank given as text; *name* is used in error messages and as ``Bank.path``."""
    if isinstance(text, (bytes, bytearray)):
        text = _decode(bytes(text), name)
    elif not isinstance(text, str):
        raise BankError(f"{name}:1: a bank must be text, got {type(text).__name__}")
    root = _compose(text, name)
    checker = _Checker(name)
    bank = checker.bank(root, name)
    if bank is None:
        raise BankError(checker.result() or [f"{name}:1: the bank is not valid"])
    return bank


def load_bank(path: str | Path | None = None) -> Bank:
    """Load a bank from *path* (default: the shipped ``content/questions.yaml``)."""
    if path is None:
        path = content_file("questions.yaml")
    name = str(path)
    return load_bank_text(_read(path, name), name)


def validate_file(path: str | Path) -> list[str]:
    """Every problem in the bank at *path*, as ``path:line: message``; ``[]`` when it is valid."""
    try:
        load_bank(path)
    except BankError as exc:
        return exc.errors
    return []


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


def load_ground_rules(path: str | Path | None = None) -> list[GroundRule]:
    """The ground-rules template: ``schema: 1`` and ``rules:`` a list of {title, text} (a bare list works too)."""
    if path is None:
        path = content_file("ground_rules.yaml")
    name = str(path)
    root = _compose(_read(path, name), name)
    c = _Checker(name)
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
                kind, value = _scalar(node) if isinstance(node, ScalarNode) else ("node", None)
                if kind != "int" or value < 1:  # type: ignore[operator]
                    c.err(node, f"schema must be a whole number, got {_describe(node)}")
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


__all__ = [
    "Bank", "BankError", "GroundRule", "Method", "Prompt", "Stage", "StageRules",
    "SCHEMA_VERSION", "SPEAKERS",
    "find_bank", "load_bank", "load_bank_text", "load_ground_rules", "shipped_banks", "validate_file",
]
