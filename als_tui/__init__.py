"""als-tui: run a peer-led action learning set on one shared screen."""

__version__ = "0.1.0"
