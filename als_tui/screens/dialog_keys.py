"""Dialog keys in either case: a button that says "Resume (R)" answers to R as well as to r.

Mix :class:`EitherCase` into a dialog (before the Screen base). Each one-letter key in the
dialog's own ``BINDINGS`` is bound in both cases, and the footer shows it as the buttons do, in
capitals. Done as the class is made, so every dialog gets it the same way and no key is listed
twice by hand.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from textual.binding import Binding


def either_case(binding: Binding) -> Binding:
    """*binding* with each one-letter key also bound in the other case."""
    keys = [k.strip() for k in binding.key.split(",")]
    letters = [k for k in keys if len(k) == 1 and k.isalpha()]
    if not letters:
        return binding
    extra = [k.swapcase() for k in letters if k.swapcase() not in keys]
    display = binding.key_display or (keys[0].upper() if keys[0] in letters else None)
    return replace(binding, key=",".join([*keys, *extra]), key_display=display)


class EitherCase:
    """Mix into a dialog: its one-letter keys work in either case (see the module's note)."""

    BINDINGS: ClassVar[list[Any]]  # (the screen's own; declared for the type checker only)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Before Textual's own __init_subclass__ (next in the MRO), which merges the bindings.
        own = cls.__dict__.get("BINDINGS")
        if own:
            cls.BINDINGS = [either_case(b) if isinstance(b, Binding) else b for b in own]
        super().__init_subclass__(**kwargs)
