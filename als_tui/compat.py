"""Every use of a private Textual API, in one place.

Textual is pinned (see pyproject.toml); each function here names what it relies on, and
``tests/test_compat.py`` checks each one against the installed Textual, so an upgrade that moves
one of them fails there, with its name, rather than somewhere in a meeting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Footer, Select


# -- the footer (textual.widgets._footer) -----------------------------------------------------
def footer_key_action(widget: Widget) -> str | None:
    """The action of a key shown in the footer (a ``FooterKey``), or None for any other widget."""
    from textual.widgets._footer import FooterKey

    return widget.action if isinstance(widget, FooterKey) else None


def footer_bindings_ready(footer: Footer) -> None:
    """Tell the footer its screen's bindings are known (``Footer._bindings_ready``), without the
    rebuild that :meth:`Footer.bindings_changed` would queue."""
    footer._bindings_ready = True


def settle_footer_key(widget: Widget, compact: bool) -> None:
    """Give a ``FooterKey`` not yet mounted its ``compact`` look now (the reactive and its
    ``-compact`` class), so that mounting it does not restyle it twice: ``FooterKey.compact``
    starts True, its watcher adds the class, then the binding to ``Footer.compact`` takes it off
    again. Other widgets are left alone."""
    from textual.widgets._footer import FooterKey

    if isinstance(widget, FooterKey):
        widget.set_reactive(FooterKey.compact, compact)
        widget.set_class(compact, "-compact", update=False)


# -- Select (textual.widgets._select) ---------------------------------------------------------
def select_values(select: Select[Any]) -> list[Any]:
    """The values a Select offers, in order (``Select._options``; the blank row is not one)."""
    return [value for _label, value in select._options if value is not select.NULL]


def highlight_in_open_select(select: Select[Any], index: int) -> None:
    """Put the highlight of an expanded Select's list on row *index* (row 0 is the prompt
    row when the Select allows a blank). ``SelectOverlay`` is private to Textual."""
    from textual.widgets._select import SelectOverlay

    select.query_one(SelectOverlay).select(index)


# -- App and Screen internals -----------------------------------------------------------------
def give_result_callback(screen: Screen[Any], app: App[Any]) -> None:
    """What ``push_screen`` gives a screen (``Screen._push_result_callback``), for the screen the
    app starts on, so that it can be switched out (``switch_screen`` pops a result callback)."""
    screen._push_result_callback(app, None)


def being_removed(node: Widget) -> bool:
    """Whether *node* is being taken out of the DOM (``DOMNode._pruning``): its screen was
    replaced or the app is closing. Mounting into such a node is silently skipped by Textual, so
    work that awaited a mount must stop here rather than look for what it mounted."""
    return bool(node._pruning)


class ExceptionHook:
    """Mix into an App (before ``App``): :meth:`intercept_exception` is asked first about an
    exception that reaches Textual's handler (``App._handle_exception``); True means handled."""

    def intercept_exception(self, error: Exception) -> bool:
        return False

    def _handle_exception(self, error: Exception) -> None:
        if self.intercept_exception(error):
            return
        super()._handle_exception(error)  # type: ignore[misc]
