"""The stage screen's keys: what each does, and which of them type while the scribe writes."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# The actions on printable keys (and on the arrows that move the cursor): not offered while typing.
TYPED_KEYS = frozenset({"toggle_clock", "prompt", "random_prompt", "extend", "scribe", "insight",
                        "choose_method", "large_clock"})

STAGE_BINDINGS: list[BindingType] = [
    # (the footer is full at 120 columns: Home is in the palette and in F1's list here)
    Binding("ctrl+l", "leave", "Home", show=False, id="leave",
            tooltip="Back to the home screen; the meeting is saved and can be resumed"),
    Binding("space", "toggle_clock", "Start/Pause", tooltip="Start or pause the clock", id="toggle"),
    # Ctrl+T works at any time; the footer shows it while the scribe types (Space types a space then)
    Binding("ctrl+t", "clock_while_typing", "Start/Pause", priority=True, id="toggle_typing_shown",
            tooltip="Start or pause the clock while the scribe is typing"),
    Binding("ctrl+t", "toggle_clock", "Start/Pause while typing", show=False, priority=True,
            id="toggle_typing", tooltip="Start or pause the clock, also while the scribe is typing"),
    Binding("n,right", "prompt(1)", "Prompt", tooltip="Show another question from the bank", id="prompt_next"),
    Binding("p,left", "prompt(-1)", "Prev prompt", show=False, id="prompt_prev",
            tooltip="Show the previous question from the bank"),
    Binding("r", "random_prompt", "Random prompt", show=False, id="prompt_random",
            tooltip="Show a question from the bank at random"),
    Binding("plus,equals_sign", "extend(2)", "+2 min", tooltip="Give this stage two more minutes", id="extend"),
    Binding("s", "scribe", "Note question", tooltip="The scribe writes down a question that was asked", id="scribe"),
    Binding("i", "insight", "Insight", show=False, id="insight",
            tooltip="The scribe writes down an insight the presenter wants to keep"),
    Binding("down", "asker(1)", "Who asked: next", show=False, id="asker_next",
            tooltip="In the question line: the next member as the one who asked"),
    Binding("up", "asker(-1)", "Who asked: previous", show=False, id="asker_prev",
            tooltip="In the question line: the previous member as the one who asked"),
    Binding("ctrl+n", "next_stage", "Next stage", tooltip="Record this stage's time and move on", id="next"),
    Binding("ctrl+b", "back_stage", "Back", tooltip="Back to the previous stage, with the time it had used",
            id="back"),
    Binding("ctrl+x", "left_early", "Presenter leaving", show=False, id="left_early",
            tooltip="The presenter has to leave: skip to their actions"),
    Binding("m", "choose_method", "Method", tooltip="Choose the method for this stage", id="method"),
    Binding("escape", "close_scribe", "Close", id="close_scribe",
            tooltip="Put the scribe's line away (s or i brings it back, with what was typed)"),
    Binding("L,l", "large_clock", "Large clock", key_display="L", id="large_clock",
            tooltip="The clock as big as the screen allows, for the far end of the room (L again: back)"),
]
