"""Privacy: forgetting a member, and the confidential scrub of a finished meeting. Pure (no I/O)
except :func:`copies_mentioning`, which only reads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..model import Meeting
from .durable import glob_escape
from .errors import StoreError
from .layout import META_TABLE

CONFIDENTIAL_TITLE = "(confidential)"  # a confidential set's session titles, once its meeting is finished


def scrub_confidential(meeting: Meeting) -> None:
    """Drop the issue details of a confidential set's meeting, keeping attendance, timings and
    actions: session titles become "(confidential)", harvested questions and insights and the bid
    titles are cleared. Idempotent. (The store's ``rewrite_backup`` then clears them from ``.bak``.)"""
    for session in meeting.sessions:
        session.title = CONFIDENTIAL_TITLE
        session.questions = []
        session.insights = []
    for bid in meeting.bids:
        bid.title = ""
    meeting.confidential_scrubbed = True


# -- forgetting a member ------------------------------------------------------------------------
FORMER_MEMBER = "former member"  # placeholders are "former member 1", "former member 2", …
FORGOTTEN_TEXT = "(removed)"  # what an anonymous action or presented issue shows instead of its text


def _set_docs(data: dict[str, Any], set_id: str, table: str) -> list[dict[str, Any]]:
    return [d for d in data.get(table, {}).values() if isinstance(d, dict) and d.get("set_id") == set_id]


def _next_placeholder(data: dict[str, Any], set_id: str) -> str:
    pattern = re.compile(rf"{FORMER_MEMBER} (\d+)")
    used = {0}
    for doc in _set_docs(data, set_id, "meetings"):
        for who in doc.get("attendance", {}):
            match = pattern.fullmatch(str(who))
            if match:
                used.add(int(match.group(1)))
    for doc in _set_docs(data, set_id, "actions"):
        match = pattern.fullmatch(str(doc.get("owner", "")))
        if match:
            used.add(int(match.group(1)))
    return f"{FORMER_MEMBER} {max(used) + 1}"


def forget_member_data(data: dict[str, Any], set_id: str, name: str) -> dict[str, Any]:
    """Forget member *name* of set *set_id* in a whole file's *data*, in place. Pure (no I/O).

    Removed: their check-in notes and report-back lines, their bid titles, the issues they
    presented (title, harvested questions, insights), their process-review note, the texts of
    their actions (and support, status notes), their preps and question-gym results, and their
    place in the member list. Kept, under a placeholder ("former member N") so counts survive:
    attendance, roles, check-in times, report-back statuses, stage timings, the number and status
    of their actions, and their authorship of questions asked to others. Anywhere else in the
    set's record their name (as written, whole word) becomes the placeholder; in the file's
    metadata (remembered choices) it becomes "". Names in other sets are not touched.

    Returns counts: name, placeholder, meetings, checkin_notes, bid_titles, sessions,
    questions, review_notes, actions, preps, training, mentions. StoreError if the set or the
    member is unknown.
    """
    set_doc = next((d for d in _set_docs_by_id(data, set_id)), None)
    if set_doc is None:
        raise StoreError(f"There is no set with id {set_id}.")
    members = [m for m in set_doc.get("members", []) if isinstance(m, dict)]
    wanted = name.strip().casefold()
    member = next((m for m in members if str(m.get("name", "")).strip().casefold() == wanted), None)
    if member is None:
        listed = ", ".join(str(m.get("name", "")) for m in members) or "none"
        raise StoreError(f"“{name.strip()}” is not a member of {set_doc.get('name', 'this set')} (members: {listed}).")
    real = str(member["name"])
    placeholder = _next_placeholder(data, set_id)
    counts: dict[str, Any] = {"name": real, "placeholder": placeholder}
    for key in ("meetings", "checkin_notes", "bid_titles", "sessions", "questions", "review_notes",
                "actions", "preps", "training", "mentions"):
        counts[key] = 0
    set_doc["members"] = [m for m in set_doc.get("members", []) if m is not member]

    for meeting in _set_docs(data, set_id, "meetings"):
        if real in meeting.get("attendance", {}):
            counts["meetings"] += 1
        for checkin in meeting.get("checkins", []):
            if checkin.get("member") != real:
                continue
            if checkin.get("note"):
                counts["checkin_notes"] += 1
            checkin["note"] = ""
            for update in checkin.get("updates", []):
                update["note"] = ""
        for bid in meeting.get("bids", []):
            if bid.get("member") == real:
                if bid.get("title"):
                    counts["bid_titles"] += 1
                bid["title"] = ""
        for session in meeting.get("sessions", []):
            if session.get("presenter") == real:
                counts["sessions"] += 1
                session["title"] = FORGOTTEN_TEXT
                session["questions"] = []
                session["insights"] = []
                session["clock"] = {}
            for question in session.get("questions", []):
                if question.get("asker") == real:
                    counts["questions"] += 1
        notes = meeting.get("review", {}).get("notes", {})
        if real in notes:
            counts["review_notes"] += 1
            del notes[real]

    for action in _set_docs(data, set_id, "actions"):
        if action.get("owner") != real:
            continue
        counts["actions"] += 1
        action["text"] = FORGOTTEN_TEXT
        action["support"] = ""
        for change in action.get("history", []):
            change["note"] = ""

    for table, key in (("preps", "preps"), ("training", "training")):
        docs = data.get(table, {})
        gone = [k for k, d in docs.items()
                if isinstance(d, dict) and d.get("set_id") == set_id and d.get("member") == real]
        for k in gone:
            del docs[k]
        counts[key] = len(gone)

    # every other mention in the set's record: structural fields (attendance keys, owner,
    # presenter, asker, facilitator, …) and other members' text
    # (a longer name that contains theirs — "Ann" in "Ann Lee" — is another person: left alone)
    longer = sorted(
        (str(m.get("name", "")) for m in set_doc.get("members", []) if real in str(m.get("name", ""))),
        key=len, reverse=True,
    )
    word = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in [*longer, real]) + r")(?!\w)")

    def replace(match: re.Match[str]) -> str:
        if match.group(1) != real:
            return match.group(1)
        counts["mentions"] += 1
        return placeholder

    def swap(value: Any, key: str = "") -> Any:
        if isinstance(value, str):
            if key == "id" or key.endswith("_id") or real not in value:
                return value
            return word.sub(replace, value)
        if isinstance(value, list):
            return [swap(v, key) for v in value]
        if isinstance(value, dict):
            return {swap(k): swap(v, k) for k, v in value.items()}
        return value

    for table_name, table in data.items():
        if table_name in (META_TABLE, "sets") or not isinstance(table, dict):
            continue
        for doc_id, doc in table.items():
            if isinstance(doc, dict) and doc.get("set_id") == set_id:
                table[doc_id] = swap(doc)
    set_doc["ground_rules"] = swap(set_doc.get("ground_rules", []))

    def blank(value: Any) -> Any:  # remembered choices in the metadata: the name becomes ""
        if isinstance(value, str):
            return "" if value == real else value
        if isinstance(value, list):
            return [blank(v) for v in value]
        if isinstance(value, dict):
            return {k: blank(v) for k, v in value.items()}
        return value

    if isinstance(data.get(META_TABLE), dict):
        data[META_TABLE] = blank(data[META_TABLE])
    return counts


def _set_docs_by_id(data: dict[str, Any], set_id: str) -> list[dict[str, Any]]:
    return [d for d in data.get("sets", {}).values() if isinstance(d, dict) and d.get("id") == set_id]


def copies_mentioning(path: Path, name: str) -> list[Path]:
    """Other files beside the data file (``<db>.schemaN.bak``, ``<db>.broken``, …) that contain
    *name*: copies the store does not rewrite. ``<db>``, ``<db>.bak`` and the lock are not listed."""
    needles = {name.encode("utf-8"), json.dumps(name)[1:-1].encode("ascii")}
    skip = {path.name, path.name + ".bak", path.name + ".lock"}
    found = []
    for other in sorted(path.parent.glob(glob_escape(path.name) + ".*")):
        if other.name in skip or not other.is_file():
            continue
        try:
            raw = other.read_bytes()
        except OSError:
            continue
        if any(n in raw for n in needles):
            found.append(other)
    return found
