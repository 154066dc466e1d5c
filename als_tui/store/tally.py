"""The counts the file's index carries (see :mod:`.layout`): per set, its finished meetings, the
date of the last one and whether one is in progress; its open actions. Counted once, then kept in
step with each save that names the documents it changes, instead of counted again over the whole
history (600 meetings and 2,000 actions) on every save. The counts are always those a count over
everything gives, in the same order (the test suite checks every write's bytes against
serialising everything, index included)."""

from __future__ import annotations

from typing import Any

from .. import model

_OPEN = (model.OPEN, model.PARTLY, model.NOT_DONE)

_Facts = tuple[str, bool, bool, str] | None
"""What a meeting adds to the index: (set id, finished, in progress, date if finished), or None
for something that is not a document."""


def _meeting_facts(doc: Any) -> _Facts:
    if not isinstance(doc, dict):
        return None
    get = doc.get
    status, set_id = get("status"), get("set_id")
    finished = status == model.FINISHED
    date = get("date", "") if finished else ""
    return (set_id if isinstance(set_id, str) else str(set_id), finished, status == model.IN_PROGRESS,
            date if isinstance(date, str) else "")


class MeetingsTally:
    """Per set: [finished meetings, last finished date, meetings in progress], with each
    meeting's part in it (doc id -> facts), so that one meeting's change is one adjustment."""

    def __init__(self, meetings: dict[str, Any]) -> None:
        self.facts: dict[str, _Facts] = {}
        self.sets: dict[str, list[Any]] = {}
        for key, doc in meetings.items():  # (kept to one lookup per field: a long history)
            facts = self.facts[key] = _meeting_facts(doc)
            if facts is not None:
                self._add(facts)

    def _add(self, facts: tuple[str, bool, bool, str]) -> None:
        set_id, finished, running, date = facts
        entry = self.sets.get(set_id)
        if entry is None:
            entry = self.sets[set_id] = [0, "", 0]
        if finished:
            entry[0] += 1
            if date > entry[1]:
                entry[1] = date
        elif running:
            entry[2] += 1

    def changed(self, meetings: dict[str, Any], keys: set[str]) -> bool:
        """Take in the change of the meetings *keys* (doc ids; a new one is the newest). False if
        it cannot be (a meeting moved to another set or went): count again."""
        for key in keys:
            if key not in meetings:
                return False
            old, new = self.facts.get(key), _meeting_facts(meetings[key])
            if old == new:
                self.facts[key] = new
                continue
            if old is not None and (new is None or new[0] != old[0]):
                return False
            if old is None and key in self.facts:  # (was not a document: its set's place may move)
                return False
            if old is None and new is not None and new[0] not in self.sets and next(reversed(meetings)) != key:
                return False  # (a new set is last in the index only if its meeting is last)
            self.facts[key] = new
            if new is None:
                continue
            if old is not None:
                entry = self.sets[old[0]]
                if old[1]:
                    entry[0] -= 1
                elif old[2]:
                    entry[2] -= 1
                if old[1] and old[3] == entry[1] and (not new[1] or new[3] < old[3]):
                    entry[1] = max((f[3] for f in self.facts.values() if f is not None and f[0] == old[0] and f[1]
                                    and f is not new), default="")
            self._add(new)
        return True

    def __len__(self) -> int:
        return len(self.facts)

    def index(self, size: int) -> dict[str, Any]:
        return {"bytes": size, "sets": {k: [v[0], v[1], v[2] > 0] for k, v in self.sets.items()}}


def meetings_index(meetings: dict[str, Any], size: int) -> dict[str, Any]:
    """Per set: [finished meetings, last finished date, a meeting in progress], for the home screen."""
    return MeetingsTally(meetings).index(size)


def _open_in(doc: Any) -> str | None:
    """The set id of an open action (*doc*), None for any other document."""
    if isinstance(doc, dict) and doc.get("status") in _OPEN:
        set_id = doc.get("set_id")
        return set_id if isinstance(set_id, str) else str(set_id)
    return None


class ActionsTally:
    """Per set: how many actions are still open, with each action's part in it."""

    def __init__(self, actions: dict[str, Any]) -> None:
        self.open: dict[str, str | None] = {}
        self.counts: dict[str, int] = {}
        for key, doc in actions.items():
            set_id = self.open[key] = _open_in(doc)
            if set_id is not None:
                self.counts[set_id] = self.counts.get(set_id, 0) + 1

    def changed(self, actions: dict[str, Any], keys: set[str]) -> bool:
        """Take in the change of the actions *keys*; False if it cannot be (count again). (The
        sets are in the order of their first open action: with more than one set, an action
        opened or closed may move its set, so the count is taken again.)"""
        for key in keys:
            if key not in actions:
                return False
            old, new = self.open.get(key), _open_in(actions[key])
            if old == new:
                self.open[key] = new
                continue
            if len(self.counts) > 1 or (new is not None and new not in self.counts
                                        and next(reversed(actions)) != key):
                return False
            self.open[key] = new
            if old is not None:
                self.counts[old] -= 1
                if self.counts[old] == 0:
                    del self.counts[old]  # (a set with none open is not in the index)
            if new is not None:
                self.counts[new] = self.counts.get(new, 0) + 1
        return True

    def __len__(self) -> int:
        return len(self.open)

    def index(self, size: int) -> dict[str, Any]:
        return {"actions_bytes": size, "open_actions": dict(self.counts)}


def actions_index(actions: dict[str, Any], size: int) -> dict[str, Any]:
    """Per set: how many actions are still open (to report on), for the home screen."""
    return ActionsTally(actions).index(size)
