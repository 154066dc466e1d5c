"""Records: dataclasses that convert to and from the plain dicts the store keeps. No I/O."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar


def _copy_plain(value: Any) -> Any:
    """Copy the plain containers a record holds (at most dict -> list -> scalars) without
    copy.deepcopy's cost; anything deeper falls back to deepcopy."""
    if isinstance(value, dict):
        return {k: (_copy_plain(v) if isinstance(v, (dict, list)) else v) for k, v in value.items()}
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return list(value)
        return copy.deepcopy(value)
    return value


_NAMES: dict[type, tuple[str, ...]] = {}  # a record's field names, in order
_FIELDS: dict[type, frozenset[str]] = {}  # ...as a set, for from_dict


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    return names


_R = TypeVar("_R")

if TYPE_CHECKING:  # what the type checker is told: a dataclass transform (fields, __init__)
    from typing import dataclass_transform

    @dataclass_transform(eq_default=False, field_specifiers=(field,))
    def record(cls: type[_R]) -> type[_R]: ...
else:
    record = dataclass(eq=False, repr=False)
    """A record's dataclass decorator (its ``__eq__`` and ``__repr__`` are :class:`Record`'s)."""


class Record:
    """Mixin: dataclass <-> dict, tolerant of unknown keys (newer fields are ignored).

    The records are ``@record`` dataclasses: equality and repr come from here, field by field as
    the dataclass ones would be, instead of being generated and compiled for every class at
    import (that took ~7 ms of every start of the app)."""

    NESTED: ClassVar[dict[str, type]] = {}

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _names(type(self)))

    __hash__ = None  # type: ignore[assignment]  # (mutable, like an eq=True dataclass)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names(type(self)))
        return f"{type(self).__qualname__}({shown})"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        known = _FIELDS.get(cls)
        if known is None:
            known = _FIELDS[cls] = frozenset(_names(cls))
        nested_types: dict[str, Any] = cls.NESTED  # (record classes: each has from_dict)
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            nested = nested_types.get(key)
            if nested is not None and isinstance(value, list):
                value = [nested.from_dict(v) if isinstance(v, dict) else v for v in value]
            elif nested is not None and isinstance(value, dict):
                value = nested.from_dict(value)
            elif isinstance(value, (dict, list)):
                value = _copy_plain(value)  # never share containers with the store's cache
            kwargs[key] = value
        return cls(**kwargs)
