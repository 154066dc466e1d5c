"""Create or edit a learning set: name, members, length, format, ground rules."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.validation import Function, Integer
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from .. import cadence, themes
from ..bank import Bank, load_ground_rules, shipped_banks
from ..flow import ACTIONS_MINUTES, suggested_meeting_minutes
from ..model import ALSet, clean_text, members_warning, parse_members, update_members, validate_name
from ..widgets.footer import Footer
from ..widgets.header import Header
from ..widgets.marked import MarkedCheckbox, MarkedSelectionList
from .styled import StyledOnMount


def _day_applies(how: str) -> bool:
    """The weekday choice matters (monthly on the first/…/last weekday)."""
    return how.startswith("monthly:") and how != cadence.MONTHLY_DATE


def _rule_line(title: str, text: str) -> str:
    return f"{title}: {text}"


class SetSetupScreen(StyledOnMount, Screen[str | None]):
    """Dismisses with the set's id when saved, None when cancelled."""

    CSS_PATH = "set_setup.tcss"

    HELP_ID = "set_setup"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save this set", id="save"),
        Binding("escape", "cancel", "Cancel", tooltip="Leave without saving", id="cancel"),
    ]

    def __init__(self, alset: ALSet | None = None) -> None:
        super().__init__()
        self.alset = alset
        self.template = load_ground_rules()
        self._banks: dict[str, Bank] = {}
        self._suggested = ""  # the meeting length the form last filled in by itself
        self._clean: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        s = self.alset
        others = [n.name for n in self.als.store.sets() if not s or n.id != s.id]
        template_lines = [_rule_line(r.title, r.text) for r in self.template]
        chosen = set(s.ground_rules) if s else set(template_lines)
        own = [r for r in (s.ground_rules if s else []) if r not in template_lines]
        yield Header()
        with VerticalScroll(id="form"):
            yield Static("Edit the set" if s else "A new learning set", classes="form-title")
            yield Label("Name of the set")
            yield Input(
                s.name if s else "",
                placeholder="e.g. Ward managers' set",
                id="name",
                max_length=60,
                validators=[Function(lambda v: validate_name(v, others) is None, "bad name")],
            )
            yield Label("Members — one name per line (2–12; 4–8 works best)")
            yield TextArea("\n".join(s.active_members) if s else "", id="members", soft_wrap=False)
            with Horizontal(id="numbers"):
                with Vertical():
                    yield Label("Meeting length (minutes)")
                    yield Input(str(s.meeting_minutes if s else 150), id="minutes", type="integer",
                                validators=[Integer(30, 480)])
                with Vertical():
                    yield Label("Check-in minutes each")
                    yield Input(str(s.checkin_minutes if s else 3), id="checkin", type="integer",
                                validators=[Integer(1, 15)])
            yield Label("How often the set meets (the next meeting's date is suggested from it)")
            how, day = cadence.fields(s.cadence_weeks, s.cadence) if s else ("weeks:4", "tuesday")
            with Horizontal(id="cadence-row"):
                yield Select([(Content(label), value) for label, value in cadence.choices()], value=how,
                             allow_blank=False, id="cadence")
                yield Select([(Content(d.capitalize()), d) for d in cadence.WEEKDAYS], value=day,
                             allow_blank=False, id="cadence-day", disabled=not _day_applies(how))
            yield Label("Format")
            banks = shipped_banks()
            self._banks = {b.id: b for b in banks}
            yield Select(
                [(f"{b.name} — {b.description}", b.id) for b in banks],
                value=s.bank if s and s.bank in {b.id for b in banks} else banks[0].id,
                allow_blank=False,
                id="bank",
            )
            yield Label("Ground rules — untick any your set does not agree to")
            yield MarkedSelectionList(
                *[(Content(line), line, line in chosen) for line in template_lines], id="rules"
            )
            yield Label("Your own rules (one per line)")
            yield TextArea("\n".join(own), id="own-rules")
            yield MarkedCheckbox(
                "Confidential: keep actions, attendance and timings, but not issue details or questions",
                s.confidential if s else False,
                id="confidential",
            )
            yield MarkedCheckbox("Coach questions live (flag advice and leading questions gently)",
                           s.coaching if s else True, id="coaching")
            yield MarkedCheckbox("Sound at stage end", s.sound if s else True, id="sound")
            yield Label("Theme for this set's meetings (F6 changes it during a meeting)")
            theme_choices = themes.choices(self.app.available_themes)
            yield Select(
                theme_choices,
                value=s.theme if s and s.theme in {v for _l, v in theme_choices} else "",
                allow_blank=False,
                id="theme",
            )
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Save  (Ctrl+S)", id="save", variant="primary")
                yield Button("Cancel  (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.call_after_refresh(self._take_clean)  # (once every field has its first value)
        # The meeting length follows the format chosen until someone types a length of their own.
        self._suggested = self.query_one("#minutes", Input).value
        if self.alset is not None:  # a set's own length is kept unless it is what its format suggests
            bank = self._banks.get(self.alset.bank)
            self._suggested = str(self._length_for(bank)) if bank else ""

    def _take_clean(self) -> None:
        self._clean = self._state()

    def _length_for(self, bank: Bank) -> int:
        names, _problem = parse_members(self.query_one("#members", TextArea).text)
        checkin = self.query_one("#checkin", Input).value
        return suggested_meeting_minutes(bank.typical_minutes, bank.stage_minutes + ACTIONS_MINUTES,
                                         len(names) or bank.group_min, int(checkin) if checkin.isdigit() else 3)

    @on(Select.Changed, "#bank")
    def _format_changed(self, event: Select.Changed) -> None:
        minutes = self.query_one("#minutes", Input)
        bank = self._banks.get(str(event.value))
        if bank is None or minutes.value.strip() != self._suggested:
            return  # (a length someone typed is theirs)
        length = self._length_for(bank)
        if minutes.value == str(length):
            return
        minutes.value = self._suggested = str(length)
        about = (f"{bank.name} typically takes {bank.typical_minutes} min"
                 + ("" if length == bank.typical_minutes else ", with the opening, check-in and review around it"))
        self.notify(f"Meeting length: {length} min. {about}.", title="Format", timeout=6, markup=False)

    @on(Select.Changed, "#cadence")
    def _cadence_changed(self, event: Select.Changed) -> None:
        how = str(event.value)
        self.query_one("#cadence-day", Select).disabled = not _day_applies(how)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def _error(self, message: str, focus: str) -> None:
        self.query_one("#form-error", Static).update(Content(message))
        self.query_one(focus).focus()
        self.app.bell()

    def action_save(self) -> None:
        store = self.als.store
        others = [n.name for n in store.sets() if not self.alset or n.id != self.alset.id]
        name = self.query_one("#name", Input).value
        problem = validate_name(name, others)
        if problem:
            self._error(f"Name: {problem}", "#name")
            return
        names, problem = parse_members(self.query_one("#members", TextArea).text)
        if problem:
            self._error(problem, "#members")
            return
        numbers = {}
        for field, label in (("minutes", "Meeting length"), ("checkin", "Check-in minutes")):
            widget = self.query_one(f"#{field}", Input)
            result = widget.validate(widget.value)
            if result is not None and not result.is_valid:
                self._error(f"{label}: {'; '.join(result.failure_descriptions)}", f"#{field}")
                return
            numbers[field] = int(widget.value)
        own_rules = [clean_text(r, 300, single_line=True) for r in self.query_one("#own-rules", TextArea).text.splitlines()]
        rules = list(self.query_one("#rules", SelectionList).selected) + [r for r in own_rules if r]
        alset = self.alset or ALSet(name=name.strip())
        alset.name = name.strip()
        update_members(alset, names)
        alset.meeting_minutes = numbers["minutes"]
        alset.cadence_weeks, alset.cadence = cadence.from_fields(
            str(self.query_one("#cadence", Select).value), str(self.query_one("#cadence-day", Select).value),
            alset.cadence_weeks)
        alset.checkin_minutes = numbers["checkin"]
        alset.bank = str(self.query_one("#bank", Select).value)
        alset.ground_rules = rules
        alset.confidential = self.query_one("#confidential", Checkbox).value
        alset.coaching = self.query_one("#coaching", Checkbox).value
        alset.sound = self.query_one("#sound", Checkbox).value
        alset.theme = str(self.query_one("#theme", Select).value or "")
        if self.als.persist(store.save_set, alset):
            warning = members_warning(len(names))
            bank = self.als.bank_for(alset.bank)
            if not bank.group_min <= len(names) <= bank.group_max:
                size = f"{bank.group_min}" if bank.group_min == bank.group_max else f"{bank.group_min}–{bank.group_max}"
                warning = f"{bank.name} is made for {size} people; this set has {len(names)}."
            self.notify(warning or f"Saved “{alset.name}”.", severity="warning" if warning else "information", markup=False)
        self.dismiss(alset.id)

    def _state(self) -> tuple[object, ...]:
        """What the form holds, to tell whether anything was typed or changed since it opened."""
        fields = (Input, TextArea, Select, Checkbox, SelectionList)
        return tuple(
            w.text if isinstance(w, TextArea) else tuple(w.selected) if isinstance(w, SelectionList) else w.value
            for w in self.query("#form *") if isinstance(w, fields))

    def action_cancel(self) -> None:
        """Esc: leave the form, asking first if anything typed would be lost."""
        if self._state() == self._clean:
            self.dismiss(None)
            return
        from .confirm import confirm_leaving

        confirm_leaving(self, lambda: self.dismiss(None),
                        "Leave without saving this set? Press Ctrl+S first to keep it.")
