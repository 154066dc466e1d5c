"""Reading a bank's YAML: the file's text (size-limited, UTF-8) and its node tree with line marks.
Every problem is a :class:`~.model.BankError` naming ``file:line``, never a traceback."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import Node

from .model import BankError

# libyaml's composer (same nodes and marks) when available: several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 1_000_000  # a bank is a few dozen KB; anything this large is a mistake
MAX_PARTS = 10_000  # YAML events (scalars, lists, mappings…): the shipped banks have a few hundred
_SCAN_FROM = 32_768  # texts shorter than this compose in milliseconds whatever they hold


def read_text(path: str | Path, name: str) -> str:
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
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
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
    passes :data:`MAX_PARTS`. Syntax errors are left to :func:`compose_nodes` and its messages."""
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
    except Exception:  # noqa: BLE001 - a YAML error: compose_nodes reports it with its line
        return


def compose_nodes(text: str, name: str) -> Node | None:
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
