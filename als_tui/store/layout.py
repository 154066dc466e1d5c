"""The file's layout in lines, and the small index its first line carries.

The file is one JSON object, written as three lines: every table but ``actions`` and
``meetings`` first, then each of those two on its own line
(``{...},\n"actions":{...},\n"meetings":{...}}``). Any JSON reader, TinyDB's own included, reads
it as usual. Opening parses the first line only; the actions and the meetings, nearly all of a
long history, are each parsed when first needed (the app asks just after its first paint). The
first line's schema document carries a small index (per set: finished meetings, last date, one in
progress, open actions) and the length of each of the two lines, so the home screen needs neither
parsed. An index whose length does not match is ignored; one that still disagrees once they are
parsed (an edit by hand that kept the length) is reported by ``Store.load_history``, so the app
redraws what it showed.

Saving serialises what changed: the file's bytes are kept per table and per meeting, and the
store's upsert names the one document its write changes, so saving a meeting serialises that
meeting and the schema document, not the whole history; any other write serialises everything.
The bytes written are always exactly those of serialising everything (the test suite checks
every write: ``DurableStorage.verify_parts``).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from .codec import dumps, orjson
from .tally import ActionsTally, MeetingsTally, actions_index, meetings_index

META_TABLE = "_meta"
LAZY_TABLE = "meetings"  # written last, on its own line, parsed when first needed
ACTIONS_TABLE = "actions"  # written just before the meetings, on its own line, parsed when first needed
LAZY_TABLES = (ACTIONS_TABLE, LAZY_TABLE)  # in the order of their lines
_LINE_START = {name: b',\n"' + name.encode() + b'":' for name in LAZY_TABLES}
_FIRST_READ = 1 << 16  # bytes read at opening; a first line longer than this means reading the whole file
INDEX_KEY = "meetings_index"  # in the schema document of _meta: {"bytes": ..., "sets": {id: [n, last, running]},
#                             "actions_bytes": ..., "open_actions": {id: n}} (the actions part if they have a line)


def stored_index(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """The index kept in the schema document of *data* (as read from a file: unchecked), or None."""
    meta = data.get(META_TABLE) if isinstance(data, dict) else None
    doc = meta.get("1") if isinstance(meta, dict) else None
    index = doc.get(INDEX_KEY) if isinstance(doc, dict) else None
    return index if isinstance(index, dict) else None


Payload = bytes | tuple[bytes | memoryview, ...]
"""A file's bytes: one string, or chunks written one after the other (no megabyte-sized join on
the UI thread: a fresh 4 MB buffer costs more in page faults than serialising it)."""


def payload_bytes(payload: Payload) -> bytes:
    return payload if isinstance(payload, bytes) else b"".join(payload)


FileParts = tuple[dict[str, bytes], "LineParts", "LineParts | None"]
"""A file as serialised: each table of the first line (name -> bytes), each meeting and each action
(doc id -> ``'"<doc id>":<document>'``). Reused by the next write for what did not change."""

Changes = tuple[set[str], set[str], set[str]]
"""What a write may change: (tables of the first line, meeting doc ids, action doc ids)."""


def _dumps_head_tables(data: dict[str, Any], cached: dict[str, bytes] | None,
                       changed: set[str] | None) -> dict[str, bytes]:
    dumps_table = orjson.dumps
    out: dict[str, bytes] = {}
    for name, table in data.items():
        if name in LAZY_TABLES or name == META_TABLE:  # (the schema document is written last: it holds the index)
            continue
        part = None if cached is None or changed is None or name in changed else cached.get(name)
        out[name] = part if part is not None else dumps_table(table)
    return out


class LineParts(dict[str, bytes]):
    """The bytes of each document of a line's table (doc id -> ``'"<doc id>":<document>'``), in
    the order written; with the line's chunks, its length, the CRC-32 of the line up to the end of
    each part (:func:`_line_crc`) and the counts the index takes from it (:mod:`.tally`)."""

    order: list[bytes]
    running: list[int]
    body: list[bytes]
    size: int
    crc: int
    tally: Any


def _dumps_docs(docs: dict[str, Any], cached: LineParts | None, changed: set[str] | None) -> LineParts:
    """Each document's bytes: those of *cached* again for all but the *changed* doc ids (None: all
    changed). If none changed and none came or went, *cached* itself."""
    if cached is None or changed is None:
        return LineParts((k, _part(k, v)) for k, v in docs.items())
    if not changed and len(cached) == len(docs):
        return cached
    get = cached.get
    parts = LineParts()
    for k, v in docs.items():
        part = None if k in changed else get(k)
        parts[k] = part if part is not None else _part(k, v)
    return parts


def _part(key: str, doc: Any) -> bytes:
    """``"<key>":<doc>``, as serialising the whole table writes it."""
    if key.isascii() and key.isdigit():
        return b'"%s":%s' % (key.encode(), orjson.dumps(doc))
    return b"%s:%s" % (orjson.dumps(key), orjson.dumps(doc))


def _line(parts: LineParts, before: LineParts | None) -> None:
    """The line's chunks (``{``, part, ``,``, part, … ``}``), length and CRC-32, kept on *parts*
    (unless it is *before*, which has them)."""
    if parts is before:
        return
    body: list[bytes] = []
    for part in parts.values():
        body.append(b"," if body else b"{")
        body.append(part)
    body.append(b"}" if body else b"{}")
    parts.body = body
    parts.size = sum(map(len, parts.values())) + max(len(parts), 1) + 1  # braces and commas
    parts.crc = _line_crc(parts, before)


def _tally(kind: Any, docs: dict[str, Any], parts: LineParts, before: LineParts | None,
           changed: set[str] | None) -> Any:
    """The counts of *docs* for the index: those of *before* taken on by the *changed* documents,
    or counted again."""
    tally = getattr(before, "tally", None)
    if parts is before and tally is not None:
        return tally
    if tally is None or changed is None or not tally.changed(docs, changed) or len(tally) != len(docs):
        tally = kind(docs)
    parts.tally = tally
    return tally


def _line_crc(parts: LineParts, before: LineParts | None) -> int:
    """The CRC-32 of a line (``{part,part,...}``), from where it first differs from the line
    written last (*before*). A save changes one meeting, nearly always the newest, the last part
    (or an action, one of the newest): its CRC is taken on from the part before it, not over the
    whole history again (3 MB at 600 meetings, ~4 ms on every save). The parts kept are the same
    bytes objects, so an unchanged prefix is found by identity."""
    order = list(parts.values())
    start, running = 0, []
    old_order: list[bytes] | None = getattr(before, "order", None)
    old_running: list[int] | None = getattr(before, "running", None)
    if old_order is not None and old_running is not None:
        limit = min(len(order), len(old_order))
        while start < limit and order[start] is old_order[start]:
            start += 1
        running = old_running[:start]
    crc = running[-1] if running else 0
    crc32 = zlib.crc32
    for i in range(start, len(order)):
        crc = crc32(order[i], crc32(b"," if i else b"{", crc))
        running.append(crc)
    parts.order, parts.running = order, running
    return crc32(b"}", crc) if order else crc32(b"{}")


def dumps_file(data: dict[str, Any], cached: FileParts | None = None,
               changes: Changes | None = None) -> tuple[Payload, FileParts | None]:
    """The whole file, in the three-line layout (see the module doc) when it has meetings and a
    schema document (two lines if it has no actions table); otherwise as one line. The index is
    refreshed in *data* itself.

    Also returns the file as serialised, per table and per meeting: given back as *cached*
    with the *changes* the next write makes (None: anything may have changed), everything
    else is reused, so saving a meeting serialises that meeting and the schema document, not a
    4 MB history. The chunks are exactly the bytes of serialising everything."""
    meetings, meta = data.get(LAZY_TABLE), data.get(META_TABLE)
    schema_doc = meta.get("1") if isinstance(meta, dict) else None
    if orjson is None or not isinstance(schema_doc, dict) or "schema" not in schema_doc:
        return dumps(data), None
    if not isinstance(meetings, dict):
        return _dumps_one_line(data, schema_doc), None
    head_changed, meetings_changed, actions_changed = (
        (None, None, None) if changes is None else (changes[0] | {META_TABLE}, changes[1], changes[2]))
    try:
        before = None if cached is None else cached[1]
        parts = _dumps_docs(meetings, before, meetings_changed)
        _line(parts, before)
        tables = _dumps_head_tables(data, None if cached is None else cached[0], head_changed)
        index = _tally(MeetingsTally, meetings, parts, before, meetings_changed).index(parts.size)
        check = {"head": _NO_CRC, LAZY_TABLE: parts.crc}
        actions = data.get(ACTIONS_TABLE)
        action_parts = None
        if isinstance(actions, dict):
            before = None if cached is None else cached[2]
            action_parts = _dumps_docs(actions, before, actions_changed)
            _line(action_parts, before)
            index |= _tally(ActionsTally, actions, action_parts, before, actions_changed).index(action_parts.size)
            check[ACTIONS_TABLE] = action_parts.crc
        schema_doc[INDEX_KEY] = index | {CHECK_KEY: check}
        tables[META_TABLE] = orjson.dumps(meta)
    except TypeError:  # what orjson refuses: the plain layout, through the standard library
        schema_doc.pop(INDEX_KEY, None)
        return dumps(data), None
    head: list[bytes] = []
    meta_at = -1
    for name in data:
        if name in LAZY_TABLES:
            continue
        head.append((b"," if head else b"{") + orjson.dumps(name) + b":")
        if name == META_TABLE:
            meta_at = len(head)
        head.append(tables[name])
    head[meta_at] = tables[META_TABLE] = _sign_head(head, meta_at, schema_doc)
    if action_parts is not None:
        head += (_LINE_START[ACTIONS_TABLE], *action_parts.body)
    return (*head, _LINE_START[LAZY_TABLE], *parts.body, b"}"), (tables, parts, action_parts)


def _dumps_one_line(data: dict[str, Any], schema_doc: dict[str, Any]) -> Payload:
    """A file without a meetings table, in one line, its first line's checksum in the index."""
    schema_doc[INDEX_KEY] = {CHECK_KEY: {"head": _NO_CRC}}
    try:
        chunks, meta_at = [], -1  # type: ignore[var-annotated]
        for name, table in data.items():
            chunks.append((b"," if chunks else b"{") + orjson.dumps(name) + b":")
            if name == META_TABLE:
                meta_at = len(chunks)
            chunks.append(orjson.dumps(table))
    except TypeError:  # what orjson refuses: the plain layout, through the standard library
        schema_doc.pop(INDEX_KEY, None)
        return dumps(data)
    chunks[meta_at] = _sign_head(chunks, meta_at, schema_doc)
    return (*chunks, b"}")


# -- checksums --------------------------------------------------------------------------------
# The index carries a CRC-32 of each line (as 8 hex digits for the first line, a number for the
# others): {"checksums": {"head": "1a2b3c4d", "actions": n, "meetings": n}}. The first line's own
# checksum is taken with its value written as eight zeros, then filled in. A file whose index has
# no checksums (an older file, or one edited by hand with the checksums taken out) is read as
# before, and its field types are checked instead.
CHECK_KEY = "checksums"
_NO_CRC = "00000000"
_HEAD_MARK = b'"' + CHECK_KEY.encode() + b'":{"head":"'


def _crc(chunks, tail: bytes = b"") -> int:
    crc = 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
    return zlib.crc32(tail, crc)


def _sign_head(chunks: list[bytes], meta_at: int, schema_doc: dict[str, Any]) -> bytes:
    """The schema table's chunk with the first line's checksum filled in (see above), which the
    index in *schema_doc* then holds too."""
    meta = chunks[meta_at]
    at = meta.find(_HEAD_MARK)
    if at < 0:
        return meta
    at += len(_HEAD_MARK)
    crc = b"%08x" % _crc(chunks)
    schema_doc[INDEX_KEY][CHECK_KEY]["head"] = crc.decode()
    return meta[:at] + crc + meta[at + 8:]


def checksums_problem(data: dict[str, Any]) -> str | None:
    """For a file read whole that is not in the layout als writes (another tool wrote it again,
    indented, say): do its data still give the checksums its index holds? "" if they do, a reason
    if not, None if it has none. (Serialises everything once: only for such files.)"""
    meta = data.get(META_TABLE)
    doc = meta.get("1") if isinstance(meta, dict) else None
    index = doc.get(INDEX_KEY) if isinstance(doc, dict) else None
    check = index.get(CHECK_KEY) if isinstance(index, dict) else None
    if not isinstance(check, dict):
        return None
    again = {**data, META_TABLE: {**meta, "1": dict(doc)}}  # type: ignore[dict-item,arg-type]  # (dumps_file writes a fresh index there)
    dumps_file(again)
    fresh = stored_index(again)
    if not isinstance(fresh, dict) or fresh.get(CHECK_KEY) != check:
        return "its data do not match its checksums: it was changed after als wrote it"
    return ""


def head_checksum_problem(head: bytes | memoryview, index: dict[str, Any] | None) -> str:
    """Why the first line (its bytes, without the closing brace of a file in lines) does not match
    its checksum; "" if it does or has none."""
    check = index.get(CHECK_KEY) if isinstance(index, dict) else None
    if not isinstance(check, dict) or "head" not in check:
        return ""
    raw = bytes(head)
    at = raw.find(_HEAD_MARK)
    if at < 0:
        return "its first line does not match its checksum"
    at += len(_HEAD_MARK)
    written = raw[at:at + 8]
    if not _is_hex(written) or zlib.crc32(raw[:at] + _NO_CRC.encode() + raw[at + 8:]) != int(written, 16):
        return "its first line does not match its checksum: it was changed after als wrote it"
    return ""


def _is_hex(raw: bytes) -> bool:
    return len(raw) == 8 and all(c in b"0123456789abcdef" for c in raw)


def line_checksum_problem(name: str, line: bytes | memoryview, index: dict[str, Any] | None) -> str | None:
    """Why the line of the table *name* does not match its checksum; "" if it does; None if the
    index has no checksum for it (nothing vouches for it)."""
    check = index.get(CHECK_KEY) if isinstance(index, dict) else None
    if not isinstance(check, dict) or name not in check:
        return None
    if zlib.crc32(line) != check[name]:
        return f"its {name} line does not match its checksum: it was changed after als wrote it"
    return ""


def split_file(raw: bytes) -> tuple[bytes, dict[str, memoryview]] | None:
    """(the first line as a whole JSON object, {table: its line's value}) of a file in the
    layout of the module doc, which ends with the meetings' line; None for any other file (which
    is then parsed whole). The lines' values are views into *raw*, not copies (a fresh 3 MB
    buffer costs milliseconds in page faults)."""
    if not raw.endswith(b"}") or not 1 <= raw.count(b"\n") <= len(LAZY_TABLES):
        return None
    starts: list[tuple[str, int, int]] = []  # (table, where its line starts, where its value starts)
    at = raw.find(b"\n") - 1
    names = iter(LAZY_TABLES)
    while at >= 0:
        name = next((n for n in names if raw.startswith(_LINE_START[n], at)), None)
        if name is None or at == 0:
            return None
        starts.append((name, at, at + len(_LINE_START[name])))
        at = raw.find(b"\n", at + 2) - 1
    if not starts or starts[-1][0] != LAZY_TABLE:
        return None
    view = memoryview(raw)
    ends = [line for _, line, _ in starts[1:]] + [len(raw) - 1]
    return raw[:starts[0][1]] + b"}", {name: view[value:end] for (name, _, value), end in zip(starts, ends)}


def is_blank(path: Path) -> bool:
    """The file holds nothing but whitespace (read only as far as the first other byte)."""
    from .files import open_regular

    try:
        f = open_regular(path)
    except ValueError:  # a pipe, a device …: not blank, and never read
        return False
    with f:
        while chunk := f.read(1 << 16):
            if chunk.strip():
                return False
    return True
