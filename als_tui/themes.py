"""Themes for a shared screen: one for a dark room, one for a washed-out projector.

``als-contrast`` is pure black, white and yellow, with strong borders (app.tcss thickens them
under the ``-theme-als-contrast`` class Textual puts on the app). ``als-projector`` is a light
theme with dark, saturated colours: projectors and TVs in a lit room wash dark backgrounds and
pale text out first. Textual's own themes stay available through the palette's "Change theme".

Colour is never the only signal in the app: every state is also said in words.
"""

from __future__ import annotations

from textual.theme import Theme

DEFAULT_THEME = "textual-dark"
CONTRAST = "als-contrast"
PROJECTOR = "als-projector"

BLACK = "#000000"
WHITE = "#FFFFFF"
YELLOW = "#FFFF00"

CONTRAST_THEME = Theme(
    name=CONTRAST,
    primary=YELLOW,
    secondary=WHITE,
    accent=YELLOW,
    warning=YELLOW,
    error=YELLOW,
    success=WHITE,
    foreground=WHITE,
    background=BLACK,
    surface=BLACK,
    panel=BLACK,
    boost=BLACK,
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text": WHITE,
        "text-muted": WHITE,
        "text-primary": YELLOW,
        "text-accent": YELLOW,
        "text-warning": YELLOW,
        "text-error": YELLOW,
        "text-success": WHITE,
        "border": YELLOW,
        "border-blurred": WHITE,
        "block-cursor-foreground": BLACK,
        "block-cursor-background": YELLOW,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": BLACK,
        "block-cursor-blurred-background": WHITE,
        "block-cursor-blurred-text-style": "bold",
        "block-hover-background": "#333333",
        "footer-foreground": WHITE,
        "footer-background": BLACK,
        "footer-key-foreground": BLACK,
        "footer-key-background": YELLOW,
        "footer-description-foreground": WHITE,
        "footer-description-background": BLACK,
        "footer-item-background": BLACK,
        "input-cursor-background": YELLOW,
        "input-cursor-foreground": BLACK,
        "input-selection-background": YELLOW,
        "input-selection-foreground": BLACK,
        "button-foreground": BLACK,
        "button-color-foreground": BLACK,
        "button-focus-text-style": "bold reverse",
        "scrollbar": WHITE,
        "scrollbar-hover": YELLOW,
        "scrollbar-active": YELLOW,
        "scrollbar-background": BLACK,
        "scrollbar-background-hover": BLACK,
        "scrollbar-background-active": BLACK,
        "link-color": YELLOW,
        "link-style": "bold underline",
        "markdown-h1-color": YELLOW,
        "markdown-h2-color": YELLOW,
        "markdown-h3-color": WHITE,
    },
)

PROJECTOR_THEME = Theme(
    name=PROJECTOR,
    primary="#003A8C",
    secondary="#00264D",
    accent="#8A3B00",
    warning="#7A4A00",
    error="#A1001A",
    success="#00632A",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F2F2F2",
    panel="#E0E6F0",
    dark=False,
    text_alpha=1.0,
    variables={
        "text-muted": "#333333",
        "border": "#003A8C",
        "border-blurred": "#555555",
        "footer-key-foreground": "#003A8C",
        "footer-background": "#E0E6F0",
        "footer-description-foreground": "#000000",
        "block-cursor-background": "#003A8C",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#003A8C 35%",
    },
)

ALS_THEMES = (CONTRAST_THEME, PROJECTOR_THEME)

CYCLE = (DEFAULT_THEME, CONTRAST, PROJECTOR)
"""What the theme key steps through on a meeting screen (every theme is in the palette)."""

LABELS = {
    DEFAULT_THEME: "Standard (dark)",
    CONTRAST: "High contrast (black, white, yellow)",
    PROJECTOR: "Projector (light)",
}


def label(name: str) -> str:
    return LABELS.get(name, name)


def register(app) -> None:
    """Register the app's own themes (Textual's built-in ones are there already)."""
    for theme in ALS_THEMES:
        app.register_theme(theme)


def next_in_cycle(current: str) -> str:
    """The theme after *current* in :data:`CYCLE` (the first one for a theme outside it)."""
    if current in CYCLE:
        return CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)]
    return CYCLE[0]


def choices(available: dict) -> list[tuple[str, str]]:
    """(label, name) for a Select: "the app's default" first, ours next, then Textual's."""
    ours = [(label(n), n) for n in CYCLE if n in available]
    others = sorted((n, n) for n in available if n not in CYCLE)
    return [("App default (whatever is in use at home)", ""), *ours, *others]
