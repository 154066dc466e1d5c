"""Persistence: one TinyDB file, written durably, guarded by a single-writer lock.

This is the only module that touches the data file. No Textual here.

Durability (``DurableStorage.write``): serialise first; write the bytes to a temp
file created 0600 in the same directory; flush + fsync; keep the previous file as
``<db>.bak`` (a hard link, so it costs no copy); ``os.replace`` the temp file over
the data file; fsync the directory. The data file is never written in place, so a
crash at any instant leaves either the old or the new file, whole.

Layout and lazy history: the file is one JSON object, written as three lines: every table but
``actions`` and ``meetings`` first, then each of those two on its own line
(``{...},\n"actions":{...},\n"meetings":{...}}``). Any JSON reader, TinyDB's own included, reads it
as usual. Opening parses the first line only; the actions and the meetings, nearly all of a long
history, are each parsed when first needed (the app asks just after its first paint). The first
line's schema document carries a small index (per set: finished meetings, last date, one in
progress, open actions) and the length of each of the two lines, so the home screen needs neither
parsed. An index whose length does not match is ignored; one that still disagrees once they are
parsed (an edit by hand that kept the length) is reported by :meth:`Store.load_history`, so the
app redraws what it showed.

Saving serialises what changed: the file's bytes are kept per table and per meeting, and the
store's upsert names the one document its write changes, so saving a meeting serialises that
meeting and the schema document, not the whole history; any other write serialises everything.
The bytes written are always exactly those of serialising everything (the test suite checks
every write: ``DurableStorage.verify_parts``).

Reading keeps the parsed data in memory: TinyDB's tables read and mutate that dict
and hand it back to ``write``. If a write fails (disk full, read-only directory)
the change stays in memory, ``pending`` says so, and the next successful write
(or :meth:`Store.retry`) saves it: nothing is silently dropped.
"""

from __future__ import annotations

import atexit
import codecs
import errno
import gc
import json
import os
import re
import stat
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import Storage

from . import model
from .model import SCHEMA_VERSION, Action, ALSet, Meeting, Prep, TrainingResult

try:  # orjson is much faster on large histories; plain json is the fallback.
    import orjson
except ImportError:  # pragma: no cover - orjson is a declared dependency
    orjson = None  # type: ignore[assignment]

FILE_MODE = 0o600
DIR_MODE = 0o700
META_TABLE = "_meta"
LAZY_TABLE = "meetings"  # written last, on its own line, parsed when first needed
ACTIONS_TABLE = "actions"  # written just before the meetings, on its own line, parsed when first needed
LAZY_TABLES = (ACTIONS_TABLE, LAZY_TABLE)  # in the order of their lines
_LINE_START = {name: b',\n"' + name.encode() + b'":' for name in LAZY_TABLES}
_FIRST_READ = 1 << 16  # bytes read at opening; a first line longer than this means reading the whole file
INDEX_KEY = "meetings_index"  # in the schema document of _meta: {"bytes": ..., "sets": {id: [n, last, running]},
#                             "actions_bytes": ..., "open_actions": {id: n}} (the actions part if they have a line)


class StoreError(Exception):
    """A problem with the data file, with a one-line message fit to show a person."""


class LockedError(StoreError):
    pass


class CorruptError(StoreError, json.JSONDecodeError):
    """The data file cannot be parsed.

    Also a ``json.JSONDecodeError`` (so a ``ValueError``): that is what TinyDB's
    JSONStorage raises for an unreadable file, and code written against TinyDB catches it.
    ``str()`` is the one-line message."""

    def __init__(self, message: str, doc: str = "", pos: int = 0) -> None:
        Exception.__init__(self, message)
        self.msg, self.doc, self.pos = message, doc, pos
        self.lineno = doc.count("\n", 0, pos) + 1
        self.colno = pos - doc.rfind("\n", 0, pos)


class NewerSchemaError(StoreError):
    pass


class SaveError(StoreError):
    """A write failed; the data is still in memory and will be retried."""


# A hook for crash testing: called with a label at each step of the write path. None in
# normal use. Crash tests set it in-process, or run a child with ALS_CRASH_AT=<label>[:<n>]:
# the process then dies (os._exit(137), no clean-up, as if SIGKILLed) the n-th time (default:
# the first) the write path reaches <label>. Read once, at import.
CrashHook = Callable[[str], None]
CRASH_POINTS = (
    "before-fsync",  # temp file written and flushed, not yet fsynced
    "after-fsync",  # temp file on disk
    "before-link",  # about to hard-link the current file as the next .bak
    "after-link",  # .bak.tmp linked, .bak not yet replaced
    "before-replace",  # .bak replaced; the data file is still the old one
    "after-replace",  # the data file is the new one; directory not yet fsynced
    "after-dirsync",  # all done
)
CRASH_ENV = "ALS_CRASH_AT"
CRASH_EXIT_CODE = 137


def crash_hook_from_env(spec: str | None = None) -> CrashHook | None:
    """The hook ``ALS_CRASH_AT=<label>[:<n>]`` asks for (None when unset)."""
    spec = (os.environ.get(CRASH_ENV, "") if spec is None else spec).strip()
    if not spec:
        return None
    label, _, nth = spec.partition(":")
    if label not in CRASH_POINTS:
        raise ValueError(f"{CRASH_ENV}={spec!r}: the label must be one of {', '.join(CRASH_POINTS)}")
    target = int(nth) if nth else 1
    seen = 0

    def hook(point: str) -> None:
        nonlocal seen
        if point == label:
            seen += 1
            if seen >= target:
                os._exit(CRASH_EXIT_CODE)

    return hook


crash_hook: CrashHook | None = crash_hook_from_env()


def _point(label: str) -> None:
    if crash_hook is not None:
        crash_hook(label)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse directory fsync
        pass
    finally:
        os.close(fd)


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def ensure_private_dir(directory: Path) -> None:
    """Create *directory* 0700 if missing, and any missing parents 0700 too (as the XDG base
    directory spec asks; ``mkdir(parents=True)`` would make them 0777 minus the umask); leave
    existing ones alone."""
    missing = []
    while not directory.exists() and directory != directory.parent:
        missing.append(directory)
        directory = directory.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:  # made meanwhile by someone else: theirs, leave it
            continue
        os.chmod(folder, DIR_MODE)  # whatever the umask


def dumps(data: Any, **json_kwargs: Any) -> bytes:
    if json_kwargs or orjson is None:
        return json.dumps(data, **json_kwargs).encode("utf-8")
    try:
        return orjson.dumps(data)
    except TypeError:  # what orjson refuses (non-str keys, huge ints), json may still take
        return json.dumps(data).encode("utf-8")


# What orjson reads differently from what ``dumps`` may have written: integers beyond 64 bits
# (orjson turns them into floats) and escaped lone surrogates (orjson refuses them; ``dumps``
# writes them through the standard library, e.g. text from a command line in a broken locale).
_LONE_SURROGATE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
_DIGITS_ONLY = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))  # digit -> "0", else " "


def _needs_stdlib(raw: bytes) -> bool:
    # bytes.translate + find run at C speed: a regex for 19 digits took ~45 ms on 4 MB.
    return _LONE_SURROGATE.search(raw) is not None or raw.translate(_DIGITS_ONLY).find(b"0" * 19) >= 0


def _stdlib_loads(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("depth limit exceeded") from None


def loads(raw: bytes) -> Any:
    """Parse JSON bytes (UTF-8; a leading byte-order mark is allowed). Exact: what ``dumps``
    wrote comes back equal."""
    raw = raw.removeprefix(codecs.BOM_UTF8)
    if orjson is None:  # pragma: no cover
        return _stdlib_loads(raw)
    if not _needs_stdlib(raw):
        # The collector would otherwise run repeatedly while millions of objects are made.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return orjson.loads(raw)
        finally:
            if enabled:
                gc.enable()
    try:
        return _stdlib_loads(raw)
    except ValueError:
        return orjson.loads(raw)  # raises, with orjson's more precise message


def meetings_index(meetings: dict[str, Any], size: int) -> dict[str, Any]:
    """Per set: [finished meetings, last finished date, a meeting in progress], for the home screen."""
    finished, running = model.FINISHED, model.IN_PROGRESS
    sets: dict[str, list[Any]] = {}
    for doc in meetings.values():  # (on every save: kept to one lookup per field)
        if not isinstance(doc, dict):
            continue
        get = doc.get
        status, set_id = get("status"), get("set_id")
        if not isinstance(set_id, str):
            set_id = str(set_id)
        entry = sets.get(set_id)
        if entry is None:
            entry = sets[set_id] = [0, "", False]
        if status == finished:
            entry[0] += 1
            date = get("date", "")
            if isinstance(date, str) and date > entry[1]:
                entry[1] = date
        elif status == running:
            entry[2] = True
    return {"bytes": size, "sets": sets}


def stored_index(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """The index kept in the schema document of *data* (as read from a file: unchecked), or None."""
    meta = data.get(META_TABLE) if isinstance(data, dict) else None
    doc = meta.get("1") if isinstance(meta, dict) else None
    index = doc.get(INDEX_KEY) if isinstance(doc, dict) else None
    return index if isinstance(index, dict) else None


def actions_index(actions: dict[str, Any], size: int) -> dict[str, Any]:
    """Per set: how many actions are still open (to report on), for the home screen."""
    open_statuses = (model.OPEN, model.PARTLY, model.NOT_DONE)
    counts: dict[str, int] = {}
    for doc in actions.values():
        if isinstance(doc, dict) and doc.get("status") in open_statuses:
            set_id = doc.get("set_id")
            set_id = set_id if isinstance(set_id, str) else str(set_id)
            counts[set_id] = counts.get(set_id, 0) + 1
    return {"actions_bytes": size, "open_actions": counts}


Payload = bytes | tuple[bytes | memoryview, ...]
"""A file's bytes: one string, or chunks written one after the other (no megabyte-sized join on
the UI thread: a fresh 4 MB buffer costs more in page faults than serialising it)."""


def payload_bytes(payload: Payload) -> bytes:
    return payload if isinstance(payload, bytes) else b"".join(payload)


FileParts = tuple[dict[str, bytes], dict[str, bytes]]
"""A file as serialised: each table but the meetings (name -> bytes; the actions too), and each
meeting (doc id -> ``'"<doc id>":<document>'``). Reused by the next write for what did not change."""

Changes = tuple[set[str], set[str]]
"""What a write may change: (tables other than the meetings, meeting doc ids)."""


def _dumps_head_tables(data: dict[str, Any], cached: dict[str, bytes] | None,
                       changed: set[str] | None) -> dict[str, bytes]:
    dumps_table = orjson.dumps
    out: dict[str, bytes] = {}
    for name, table in data.items():
        if name == LAZY_TABLE or name == META_TABLE:  # (the schema document is written last: it holds the index)
            continue
        part = None if cached is None or changed is None or name in changed else cached.get(name)
        out[name] = part if part is not None else dumps_table(table)
    return out


def _dumps_meetings(meetings: dict[str, Any], cached: dict[str, bytes] | None,
                    changed: set[str] | None) -> dict[str, bytes]:
    dumps_doc = orjson.dumps
    if cached is None or changed is None:
        return {k: b'"%s":%s' % (k.encode(), dumps_doc(v)) for k, v in meetings.items()}
    get = cached.get
    parts: dict[str, bytes] = {}
    for k, v in meetings.items():
        part = None if k in changed else get(k)
        parts[k] = part if part is not None else b'"%s":%s' % (k.encode(), dumps_doc(v))
    return parts


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
    if orjson is None or not isinstance(meetings, dict) or not isinstance(schema_doc, dict) or "schema" not in schema_doc:
        return dumps(data), None
    head_changed, meetings_changed = (None, None) if changes is None else (changes[0] | {META_TABLE}, changes[1])
    try:
        parts = _dumps_meetings(meetings, None if cached is None else cached[1], meetings_changed)
        body: list[bytes] = []
        for part in parts.values():
            body.append(b"," if body else b"{")
            body.append(part)
        size = sum(map(len, parts.values())) + max(len(parts), 1) + 1  # braces and commas
        tables = _dumps_head_tables(data, None if cached is None else cached[0], head_changed)
        index = meetings_index(meetings, size)
        actions = data.get(ACTIONS_TABLE)
        if isinstance(actions, dict):
            before = schema_doc.get(INDEX_KEY)
            if (cached is not None and tables[ACTIONS_TABLE] is cached[0].get(ACTIONS_TABLE)
                    and isinstance(before, dict) and "open_actions" in before):
                index |= {k: before[k] for k in ("actions_bytes", "open_actions")}  # (the actions did not change)
            else:
                index |= actions_index(actions, len(tables[ACTIONS_TABLE]))
        schema_doc[INDEX_KEY] = index
        tables[META_TABLE] = orjson.dumps(meta)
    except TypeError:  # what orjson refuses: the plain layout, through the standard library
        schema_doc.pop(INDEX_KEY, None)
        return dumps(data), None
    head: list[bytes] = []
    for name in data:
        if name in LAZY_TABLES:
            continue
        head.append((b"," if head else b"{") + orjson.dumps(name) + b":")
        head.append(tables[name])
    if ACTIONS_TABLE in tables:
        head += (_LINE_START[ACTIONS_TABLE], tables[ACTIONS_TABLE])
    return (*head, _LINE_START[LAZY_TABLE], *(body or [b"{"]), b"}}"), (tables, parts)


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
    with path.open("rb") as f:
        while chunk := f.read(1 << 16):
            if chunk.strip():
                return False
    return True


def unreadable_reason(raw: bytes, exc: BaseException) -> str:
    """Why *raw* is not a data file, in words (for :func:`corrupt_message`)."""
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            return f"it is {name} text, not UTF-8"
    if len(raw) >= 2 and (raw[0] == 0) != (raw[1] == 0):
        return "it is UTF-16 text, not UTF-8"
    nul = raw.find(b"\x00")
    if nul >= 0:
        return f"it contains NUL bytes (the first at byte {nul}), not text"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"it is not UTF-8 text (byte {bad.start} is invalid)"
    if isinstance(exc, RecursionError) or "depth limit" in str(exc):
        return "it is nested too deeply (more than 1024 levels)"
    if isinstance(exc, json.JSONDecodeError):
        where = f"line {exc.lineno}, column {exc.colno}"
        if exc.pos >= len(raw.rstrip()):
            return f"it stops in the middle of the data at {where}: it was cut short"
        return f"it is not valid JSON at {where}"
    return str(exc)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {list: "a list", str: "a string", int: "a number", float: "a number", dict: "an object"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def write_private(path: Path, payload: Payload, *, keep_backup: bool = True) -> None:
    """Atomically replace *path* with *payload*; the old file becomes ``<path>.bak``."""
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            for chunk in (payload,) if isinstance(payload, bytes) else payload:
                fh.write(chunk)
            fh.flush()
            _point("before-fsync")
            os.fsync(fh.fileno())
            _point("after-fsync")
        # An empty current file is never kept as the backup: it would replace the last good
        # copy with nothing (an empty file is what a crash between creating a new file and its
        # first write leaves, or what a tool that truncated the file leaves).
        if keep_backup and path.exists() and path.stat().st_size > 0:
            bak = path.with_name(path.name + ".bak")
            bak_tmp = path.with_name(f".{path.name}.bak.tmp")
            try:
                bak_tmp.unlink(missing_ok=True)
                _point("before-link")
                os.link(path, bak_tmp)
                _point("after-link")
            except OSError:  # filesystems without hard links: copy instead
                bak_tmp.write_bytes(path.read_bytes())
                os.chmod(bak_tmp, FILE_MODE)
            os.replace(bak_tmp, bak)
        _point("before-replace")
        os.replace(tmp, path)
        _point("after-replace")
        _fsync_dir(directory)
        _point("after-dirsync")
    except BaseException:
        for leftover in (tmp, path.with_name(f".{path.name}.bak.tmp")):  # best effort: the
            try:  # original error is what counts (and a read-only folder refuses this too)
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        raise


class BackgroundWriter:
    """One thread that makes snapshots durable off the UI thread.

    The UI thread serialises (a consistent snapshot) and hands over the bytes; the writer
    runs :func:`write_private` (temp file, fsync, ``.bak``, replace, directory fsync). If saves
    come faster than the disk, only the newest waiting snapshot is written: each one is the
    whole file, so nothing is lost by skipping an older one. :meth:`flush` is the durability
    barrier (quit, close, tests).
    """

    def __init__(self, path: Path, on_error: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.on_error = on_error
        self.error = ""
        self.commits = 0
        self.last_commit_seconds = 0.0
        self._cond = threading.Condition()
        self._next: Payload | None = None
        self._failed: Payload | None = None
        self._busy = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="als-writer", daemon=True)
        self._thread.start()
        atexit.register(self._flush_at_exit)

    def _flush_at_exit(self) -> None:
        """The interpreter is exiting without :meth:`close` (an exception out of the app,
        ``sys.exit``, an interrupt the CLI caught): the writer is a daemon thread and would die
        with its queue, so wait for it first. (A signal that kills the process skips this.)"""
        self.flush(timeout=30.0)

    @property
    def pending(self) -> bool:
        with self._cond:
            return self._next is not None or self._busy or self._failed is not None

    def submit(self, payload: Payload) -> None:
        with self._cond:
            if self._closed:
                raise SaveError(f"Could not save to {self.path}: the writer is closed.")
            self._next = payload
            self._failed = None
            self._cond.notify_all()

    def retry(self) -> None:
        with self._cond:
            if self._failed is not None and self._next is None:
                self._next, self._failed = self._failed, None
                self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._next is None and not self._closed:
                    self._cond.wait()
                if self._next is None:
                    return
                payload, self._next = self._next, None
                self._busy = True
            started = time.perf_counter()
            error = ""
            try:
                write_private(self.path, payload)
            except OSError as exc:
                error = save_error_message(self.path, exc)
            except Exception as exc:  # noqa: BLE001 - never let the writer die silently
                error = f"Could not save to {self.path}: {exc}."
            with self._cond:
                self._busy = False
                self.error = error
                if error and self._next is None:
                    self._failed = payload
                if not error:
                    self.commits += 1
                    self.last_commit_seconds = time.perf_counter() - started
                self._cond.notify_all()
            if error and self.on_error is not None:
                try:
                    self.on_error(error)
                except Exception:  # noqa: BLE001 - a closed UI must not stop the writer
                    pass

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything submitted is on disk; False if the last write failed or timed out."""
        with self._cond:
            done = self._cond.wait_for(lambda: self._next is None and not self._busy, timeout)
            return done and self._failed is None and not self.error

    def close(self, timeout: float | None = 10.0) -> bool:
        saved = self.flush(timeout)
        atexit.unregister(self._flush_at_exit)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return saved


class DurableStorage(Storage):
    """A TinyDB storage that never writes in place and keeps a ``.bak``.

    Accepts JSONStorage's arguments (path, create_dirs, encoding, access_mode,
    json keyword arguments) so TinyDB's own test-suite can run against it.
    """

    verify_parts = False
    """Check every write that reuses bytes serialised earlier against serialising it all (the
    test suite turns this on: a change the store did not name fails loudly)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        create_dirs: bool = False,
        encoding: str | None = None,
        access_mode: str = "r+",
        **kwargs: Any,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._mode = access_mode
        self._kwargs = kwargs
        self._encoding = encoding or "utf-8"
        self._utf8 = self._encoding.lower().replace("-", "") == "utf8"  # orjson and the layout in lines
        self._data: dict[str, Any] | None = None
        self._saved: Payload = b""  # the last data known to serialise (read or written)
        self._parts: FileParts | None = None  # the file as last written, per table and meeting
        self._expected: tuple[str, int | None] | None = None  # see expect_change
        self._lazy: dict[str, memoryview | None] = {}  # the lines (actions, meetings) not parsed yet (None: not read)
        self._unread: tuple[Any, os.stat_result, bytes] | None = None  # (open file, its stat, bytes read): _read_rest
        self._unread_error: StoreError | None = None  # why the rest could not be read (raised again each time)
        self._line_sizes: dict[str, int] = {}  # the length of each line in self._lazy, if known
        self._index_used: dict[str, Any] | None = None  # the index answered for unparsed meetings
        self._open_used: dict[str, Any] | None = None  # ... for unparsed actions
        self._index_now: dict[str, Any] | None = None  # the index of the parsed meetings, if known
        self._loaded = False
        self._pending = False
        self.last_error: str = ""
        self.writer: BackgroundWriter | None = None
        writable = any(c in access_mode for c in "+wa")
        if access_mode not in ("r", "rb", "r+", "rb+"):  # JSONStorage warns the same way
            warnings.warn(
                "Using an `access_mode` other than 'r', 'rb', 'r+' or 'rb+' can cause data loss or "
                f"corruption with JSONStorage; {type(self).__name__} treats {access_mode!r} as "
                f"{'read-write' if writable else 'read-only'}",
                stacklevel=2,
            )
        if writable:
            if create_dirs:
                ensure_private_dir(self.path.parent)
            if not self.path.exists():
                # Create an empty private file now, as JSONStorage does (touch).
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
                os.close(fd)
        elif not self.path.exists():  # read-only: a missing file is an error, as with open(path, "r")
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(self.path))

    # -- reading -------------------------------------------------------------------
    def _load(self) -> dict[str, Any] | None:
        try:
            f = self.path.open("rb")
        except FileNotFoundError:
            return None
        try:
            first = f.read(_FIRST_READ)
            head = self._head_only(f, first) if self._utf8 else None
            if head is not None:
                f = None  # kept open until the lines are needed: _read_rest
                return head
            raw = first + f.read()
        finally:
            if f is not None:
                f.close()
        self._saved = raw
        parts = split_file(raw) if self._utf8 else None
        if parts is not None:
            try:
                head = loads(parts[0])
            except (ValueError, UnicodeDecodeError, RecursionError):
                head = None  # parsed whole below, for the message
            if isinstance(head, dict) and not any(name in head for name in parts[1]):
                self._lazy, self._index_used, self._open_used = dict(parts[1]), None, None
                self._line_sizes = {name: len(view) for name, view in parts[1].items()}
                self._freeze(len(parts[0]))  # (a large first line: many training results, say)
                return head
        data = self._parse(raw)
        self._freeze(len(raw))
        return data

    def _head_only(self, f: Any, first: bytes) -> dict[str, Any] | None:
        """The first line of a file in lines, parsed from the *first* bytes read, with *f* kept
        open to read the rest when the lines are needed (a 4 MB read at opening costs a few
        milliseconds, in page faults mostly); None to read the whole file now instead."""
        end = first.find(b"\n") - 1  # the comma before the first line break
        if end <= 0 or first[end:end + 1] != b",":
            return None
        names = [n for n in LAZY_TABLES if first.startswith(_LINE_START[n], end)][:1]
        if not names:
            return None
        if names[0] == ACTIONS_TABLE:
            names.append(LAZY_TABLE)
        try:
            head = loads(first[:end] + b"}")
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None
        if not isinstance(head, dict) or any(name in head for name in LAZY_TABLES):
            return None
        stat = os.fstat(f.fileno())
        self._unread = (f, stat, first)
        self._lazy = dict.fromkeys(names, None)  # (read by _read_rest)
        self._index_used = self._open_used = None
        self._line_sizes = self._predicted_sizes(f, head, end, stat.st_size, names)
        self._freeze(end)  # (a large first line: many training results, say)
        return head

    @staticmethod
    def _predicted_sizes(f: Any, head: dict[str, Any], end: int, size: int, names: list[str]) -> dict[str, int]:
        """The lengths of the unread lines, from the file's index, checked where the index
        says the meetings line starts (one small read); {} if they cannot be known yet."""
        index = stored_index(head)
        if index is None:
            return {}
        at = end
        sizes: dict[str, int] = {}
        if names[0] == ACTIONS_TABLE:
            actions = index.get("actions_bytes")
            if not isinstance(actions, int) or actions < 0:
                return {}
            sizes[ACTIONS_TABLE] = actions
            at = end + len(_LINE_START[ACTIONS_TABLE]) + actions
            mark = _LINE_START[LAZY_TABLE]
            try:
                f.seek(at)
                if f.read(len(mark)) != mark:
                    return {}
            except OSError:
                return {}
        sizes[LAZY_TABLE] = size - at - len(_LINE_START[LAZY_TABLE]) - 1  # (less the closing brace)
        return sizes

    def _read_rest(self) -> None:
        """Read what :meth:`_head_only` left: the lines, from the file it read the first line of
        (kept open, so a file put in its place meanwhile is not mixed in). CorruptError, with
        nothing written, if the file changed meanwhile or turns out not to be in lines."""
        if self._unread_error is not None:
            raise self._unread_error  # (every later read and write is refused the same way)
        if self._unread is None:
            return
        f, stat, first = self._unread
        self._unread = None
        try:
            with f:
                f.seek(len(first))
                raw = first + f.read()
                now = os.fstat(f.fileno())
        except OSError as exc:
            self._unread_error = StoreError(f"Cannot read {self.path}: {exc.strerror or exc}.")
            raise self._unread_error from None
        parts, why = None, ""
        if len(raw) != stat.st_size or (now.st_size, now.st_mtime_ns) != (stat.st_size, stat.st_mtime_ns):
            why = "another program changed it while als had it open"
        elif (parts := split_file(raw)) is None or list(parts[1]) != list(self._lazy) \
                or not first.startswith(parts[0][:-1]):
            why = "its lines do not fit together"
        if parts is None or why:
            self._unread_error = CorruptError(corrupt_message(self.path, why))
            raise self._unread_error
        self._saved = raw
        self._lazy = dict(parts[1])
        self._line_sizes = {name: len(view) for name, view in parts[1].items()}

    @staticmethod
    def _freeze(size: int) -> None:
        if size > 500_000:
            # A long history is millions of long-lived objects: move them out of the collector's
            # way, so later collections don't pause the UI for tens of milliseconds each.
            gc.freeze()

    @property
    def lazy_pending(self) -> bool:
        """The actions or the meetings are read from the file but not parsed yet."""
        return bool(self._lazy)

    def pending_table(self, table: str) -> bool:
        return table in self._lazy

    def peek(self) -> dict[str, Any] | None:
        """The data as read so far: every table, except those :meth:`pending_table` names."""
        if not self._loaded:
            self._data = self._load()
            self._loaded = True
        return self._data

    def _file_index(self, line: str, size_key: str, part_key: str) -> dict[str, Any] | None:
        """The file's index, if it has *part_key* and fits the unparsed *line*."""
        index = stored_index(self._data)
        if index is None or not isinstance(index.get(part_key), dict):
            return None
        if line not in self._line_sizes:
            self._read_rest()  # (the index did not fit where the lines start: find them)
        if index.get(size_key) != self._line_sizes.get(line):
            return None  # the line was changed by something else: the index is stale
        return index

    def index(self) -> dict[str, Any] | None:
        """The meetings index: of the file as read, if it fits the unparsed meetings line; once
        the meetings are parsed, the one worked out from them at parsing or at the last write."""
        if LAZY_TABLE not in self._lazy:
            return self._index_now
        index = self._file_index(LAZY_TABLE, "bytes", "sets")
        if index is not None:
            self._index_used = index
        return index

    def open_actions(self) -> dict[str, int]:
        """Open actions per set id: from the file's index while the actions are not parsed (if
        it fits their line), else counted (parsing them if need be)."""
        if ACTIONS_TABLE in self._lazy:
            index = self._file_index(ACTIONS_TABLE, "actions_bytes", "open_actions")
            if index is not None:
                self._open_used = index
                return {str(k): int(v) for k, v in index["open_actions"].items() if isinstance(v, int)}
            self.load_lazy(ACTIONS_TABLE)
        actions = (self.peek() or {}).get(ACTIONS_TABLE)
        return actions_index(actions, 0)["open_actions"] if isinstance(actions, dict) else {}

    def load_lazy(self, table: str | None = None) -> bool:
        """Parse the line of *table* now, or every line not parsed yet (CorruptError if one is
        broken; nothing is written then). True if an index was relied on that they contradict."""
        wrong = False
        if table is not None and table not in self._lazy:
            return False
        self._read_rest()
        for name in [table] if table is not None else list(self._lazy):
            if name not in self._lazy:
                continue
            line = self._lazy[name]
            if line is None:  # (cannot happen once _read_rest has run: never write without a line)
                raise CorruptError(corrupt_message(self.path, f"its table {name!r} could not be read"))
            try:
                docs = loads(line.tobytes())
            except (ValueError, UnicodeDecodeError, RecursionError):
                docs = None
            if not isinstance(docs, dict):
                self._parse(payload_bytes(self._saved))  # raises, with the position in the whole file
                raise CorruptError(corrupt_message(self.path, f"its table {name!r} is not an object of documents"))
            check_shape({name: docs}, self.path)
            assert self._data is not None
            self._data[name] = docs
            del self._lazy[name]
            self._parts = None
            self._freeze(len(line))
            if name == LAZY_TABLE:
                used, self._index_used = self._index_used, None
                self._index_now = meetings_index(docs, 0)
                wrong = wrong or (used is not None and self._index_now["sets"] != used["sets"])
            else:
                used, self._open_used = self._open_used, None
                counts = actions_index(docs, 0)["open_actions"]
                wrong = wrong or (used is not None and counts != used["open_actions"])
        return wrong

    def _parse(self, raw: bytes) -> dict[str, Any] | None:
        if not raw.strip():
            return None
        try:
            if self._utf8:
                data = loads(raw)
            else:
                data = json.loads(raw.decode(self._encoding))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise CorruptError(corrupt_message(self.path, unreadable_reason(raw, exc))) from None
        if not isinstance(data, dict):
            raise CorruptError(corrupt_message(self.path, f"the top level is {_kind(data)}, not an object"))
        return data

    def read(self) -> dict[str, Any] | None:
        self.peek()
        if self._lazy:
            self.load_lazy()
        return self._data

    # -- writing -------------------------------------------------------------------
    def write(self, data: dict[str, Any]) -> None:
        if not any(c in self._mode for c in "+wa"):
            raise OSError(f'Cannot update the database. Access mode is "{self._mode}"')
        if self._lazy:  # (TinyDB always reads first; this is for direct writes)
            self.load_lazy()
        try:
            if self._kwargs or not self._utf8:
                payload, self._parts = json.dumps(data, **self._kwargs).encode(self._encoding), None
            else:
                changes = self._changes()
                payload, self._parts = dumps_file(data, self._parts, changes)
                if self.verify_parts and changes is not None and self._parts is not None:
                    whole = dumps_file(data)[0]
                    if payload_bytes(payload) != payload_bytes(whole):
                        raise AssertionError("the data changed where the store did not say it would")
        except Exception:
            self._parts = self._index_now = None
            # Not serialisable (TypeError, ValueError): nothing is written. TinyDB has already
            # changed the dict read() returned in place, so go back to the last good state:
            # the bad document must not stay in memory and make every later write fail.
            # (JSONStorage gets this for free by re-reading the file on each read.)
            if self._loaded:  # (if nothing was read yet, the next read() loads the file)
                self._data = self._parse(payload_bytes(self._saved))
            raise
        self._data = data
        self._saved = payload
        self._loaded = True
        self._index_now = stored_index(data) if self._parts is not None else None
        if self.writer is not None:
            self.writer.submit(payload)
            return
        self._pending = True
        try:
            write_private(self.path, payload)
        except OSError as exc:
            self.last_error = save_error_message(self.path, exc)
            raise SaveError(self.last_error) from None
        self._pending = False
        self.last_error = ""

    # -- what the next write changes -------------------------------------------------------
    def expect_change(self, table: str, doc_id: int | None = None) -> None:
        """The next write changes one document of *table* (*doc_id*; None for a new one) and
        nothing else: every other table and meeting is written from the bytes it had last time.
        Only for a write made at once (by the store's upsert); any other write serialises all."""
        self._expected = (table, doc_id)

    def forget_expected_change(self) -> None:
        self._expected = None

    def _changes(self) -> Changes | None:
        """What the coming write may change (None: anything)."""
        expected, self._expected = self._expected, None
        if expected is None or self._parts is None:
            return None
        table, doc_id = expected
        if table == LAZY_TABLE:
            return set(), set() if doc_id is None else {str(doc_id)}
        return {table}, set()

    @property
    def pending(self) -> bool:
        """A change is in memory that is not (yet) on disk."""
        if self.writer is not None:
            return self.writer.pending
        return self._pending

    def flush_pending(self) -> None:
        if self.writer is not None:
            self.writer.retry()
            if not self.writer.flush():
                raise SaveError(self.writer.error or f"Could not save to {self.path} yet.")
            return
        if self._pending and self._data is not None:
            self.write(self._data)

    def close(self) -> None:
        if self._unread is not None:
            self._unread[0].close()
            self._unread = None


def _readable(bak: Path) -> bool:
    try:
        return isinstance(loads(bak.read_bytes()), dict)
    except (OSError, ValueError):
        return False


def corrupt_message(path: Path, why: object) -> str:
    bak = path.with_name(path.name + ".bak")
    if not bak.exists():
        hint = "there is no backup beside it"
    elif _readable(bak):
        hint = f"the last good copy is {bak}; run `als restore-backup --db {path}` to put it back"
    else:
        hint = f"its backup {bak} cannot be read either"
    return f"{path} cannot be read ({why}); it has not been changed — {hint}."


def check_shape(data: dict[str, Any], path: Path) -> None:
    """Refuse (CorruptError) a file that parses but is not a TinyDB file of ours: every table an
    object of documents keyed by number, every document an object, the schema a whole number."""

    def bad(why: str) -> CorruptError:
        return CorruptError(corrupt_message(path, why))

    for name, table in data.items():
        if not isinstance(table, dict):
            raise bad(f"the table {name!r} is {_kind(table)}, not an object of documents")
        for key, doc in table.items():
            if not (key.isascii() and key.isdigit()):
                raise bad(f"the table {name!r} has a document id {key[:40]!r} that is not a number")
            if not isinstance(doc, dict):
                raise bad(f"document {key} of the table {name!r} is {_kind(doc)}, not an object")
            if name == META_TABLE and "schema" in doc:
                version = doc["schema"]
                if isinstance(version, bool) or not isinstance(version, int) or version < 0:
                    shown = repr(version[:40]) if isinstance(version, str) else json.dumps(version)[:40]
                    raise bad(f"its schema version {shown} is not a whole number of 0 or more")


def save_error_message(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "the folder is read-only"
    else:
        why = exc.strerror or str(exc)
    return f"Could not save to {path}: {why}. Nothing is lost: the change is kept in memory and will be saved when possible."


# -- migrations --------------------------------------------------------------------
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (the pre-release format): members were plain strings, set length
    was ``minutes``, actions had ``done: bool`` instead of a status."""
    for doc in data.get("sets", {}).values():
        doc["members"] = [
            {"name": m, "active": True, "joined": doc.get("created", "")} if isinstance(m, str) else m
            for m in doc.get("members", [])
        ]
        if "minutes" in doc:
            doc["meeting_minutes"] = doc.pop("minutes")
    for doc in data.get("actions", {}).values():
        if "done" in doc:
            doc["status"] = model.DONE if doc.pop("done") else model.OPEN
    return data


MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1}


def file_schema(data: dict[str, Any] | None) -> int:
    if not data:
        return SCHEMA_VERSION
    meta = data.get(META_TABLE, {})
    for doc in meta.values() if isinstance(meta, dict) else []:
        if isinstance(doc, dict) and "schema" in doc:
            return int(doc["schema"])
    return 0


def migrate(data: dict[str, Any], path: Path) -> tuple[dict[str, Any], bool]:
    version = file_schema(data)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path} was written by a newer als-tui (data schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}). It has not been changed: upgrade als-tui to open it."
        )
    changed = False
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        for table in data.values():
            if isinstance(table, dict):
                for doc in table.values():
                    if isinstance(doc, dict) and "schema" in doc:
                        doc["schema"] = version
        changed = True
    meta = data.setdefault(META_TABLE, {})
    if not (isinstance(meta.get("1"), dict) and meta["1"].get("schema") == SCHEMA_VERSION):
        meta["1"] = {"schema": SCHEMA_VERSION}  # (a current schema document keeps its meetings index)
    return data, changed


# -- the lock ----------------------------------------------------------------------
def acquire_lock(path: Path):
    from filelock import FileLock, Timeout

    # thread_local=False: the lock is the process's (released by whichever thread closes the store)
    lock = FileLock(str(path) + ".lock", timeout=0, mode=FILE_MODE, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(
            f"{path} is already open in another als window or process; close that one first."
        ) from None
    except NotImplementedError:  # flock(2) refused with ENOSYS: some network file systems
        raise StoreError(f"Cannot lock {path}: its file system does not support file locks; "
                         "keep the data file on a local disk (--db PATH).") from None
    except OSError as exc:
        raise StoreError(f"Cannot lock {path}: {exc.strerror or exc}.") from None
    return lock


# -- the store ---------------------------------------------------------------------
class Store:
    """The set's record: sets, meetings, actions, preps and training results.

    Opening takes the single-writer lock; :meth:`close` releases it.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        lock: bool = True,
        background: bool = False,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """*background*: saves return once the snapshot is taken; a single writer thread makes
        it durable (the app uses this to keep the UI responsive). :meth:`flush` waits for it."""
        self.path = Path(path).expanduser()
        try:
            ensure_private_dir(self.path.parent)
        except OSError as exc:
            raise StoreError(f"Cannot create the folder {self.path.parent}: {exc.strerror or exc}.") from None
        if not self.path.parent.is_dir():
            raise StoreError(f"Cannot use {self.path}: {self.path.parent} is a file, not a folder.")
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a data file.")
        if not self.path.exists() and not os.access(self.path.parent, os.W_OK):
            raise StoreError(f"Cannot create {self.path}: the folder is read-only.")
        self._lock = acquire_lock(self.path) if lock else None
        try:
            if self._lock is not None:
                self._remove_stale_temp_files()
            self._refuse_missing_or_empty_with_backup()
            self._db = self._open()
        except BaseException:
            self.close()
            raise
        if background:
            self.storage.writer = BackgroundWriter(self.path, on_error)

    def _remove_stale_temp_files(self) -> None:
        """Temp files a killed writer left (``.<name>.*.tmp``): never the data, always a copy.
        Removed under the lock, so no other writer can be using them."""
        for tmp in self.path.parent.glob(f".{glob_escape(self.path.name)}.*.tmp"):
            try:
                tmp.unlink()
            except OSError:
                pass

    def _refuse_missing_or_empty_with_backup(self) -> None:
        """A missing or empty data file beside a good ``.bak`` is an accident (the app never
        deletes or empties it): starting a new file would soon replace the backup, so refuse."""
        bak = self.path.with_name(self.path.name + ".bak")
        try:
            empty = not self.path.exists() or is_blank(self.path)
        except OSError:
            return
        if empty and bak.is_file() and bak.stat().st_size > 0:
            why = "it is empty" if self.path.exists() else "it is missing"
            raise CorruptError(
                f"{self.path} cannot be read ({why}) but its backup {bak} is there; run "
                f"`als restore-backup --db {self.path}` to put it back, or move the backup away to start a new file."
            )

    def _open(self) -> TinyDB:
        existed = self.path.exists() and self.path.stat().st_size > 0
        if self.path.exists() and stat.S_IMODE(self.path.stat().st_mode) & 0o077:
            try:
                os.chmod(self.path, FILE_MODE)
            except OSError:
                pass
        try:
            db = TinyDB(self.path, storage=DurableStorage, access_mode="r+")
        except PermissionError as exc:
            raise StoreError(f"Cannot open {self.path}: {exc.strerror}.") from None
        storage: DurableStorage = db.storage  # type: ignore[assignment]
        data = storage.peek()  # the meetings of a long history are parsed later (see the module doc)
        if data is None:
            data = {}
        check_shape(data, self.path)
        old_version = file_schema(data)
        if old_version != SCHEMA_VERSION and storage.lazy_pending:
            data = storage.read() or {}  # a migration sees every table
        data, changed = migrate(data, self.path)
        if changed or not existed:
            if changed and existed:  # keep the pre-migration file for good
                pre = self.path.with_name(self.path.name + f".schema{old_version}.bak")
                if not pre.exists():
                    write_private(pre, self.path.read_bytes(), keep_backup=False)
            try:
                storage.write(data)
            except SaveError:
                if not existed:
                    raise
        else:
            storage._data = data
        return db

    @property
    def storage(self) -> DurableStorage:
        return self._db.storage  # type: ignore[return-value]

    @property
    def pending(self) -> bool:
        return self.storage.pending

    def retry(self) -> bool:
        """Try again to save a change a failed write kept in memory. True when saved."""
        try:
            self.storage.flush_pending()
        except SaveError:
            return False
        return True

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every save is on disk (a no-op for a synchronous store). False on failure."""
        db = getattr(self, "_db", None)
        writer = db.storage.writer if db is not None else None  # type: ignore[attr-defined]
        return True if writer is None else writer.flush(timeout)

    def close(self) -> None:
        db = getattr(self, "_db", None)
        writer = getattr(db.storage, "writer", None) if db is not None else None
        if writer is not None:
            writer.close()  # everything submitted reaches the disk before the lock goes
            db.storage.writer = None  # type: ignore[union-attr]
        if db is not None:
            db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- generic helpers -------------------------------------------------------------
    def _upsert(self, table: str, doc: dict[str, Any], cond: Any = None) -> None:
        """Insert or replace one document with exactly one write.

        (TinyDB's own ``upsert`` writes twice for a new document: a no-op update, then
        the insert.)"""
        tbl = self._db.table(table)
        existing = tbl.get(cond if cond is not None else Query().id == doc["id"])
        storage = self.storage
        durable = isinstance(storage, DurableStorage)  # (a test's reference store may use another)
        if durable:  # the write changes this document only: the other meetings keep their bytes
            storage.expect_change(table, None if existing is None else existing.doc_id)
        try:
            if existing is None:
                tbl.insert(doc)
            else:
                tbl.update(lambda d: (d.clear(), d.update(doc)), doc_ids=[existing.doc_id])
        finally:
            if durable:
                storage.forget_expected_change()

    def _all(self, table: str) -> list[dict[str, Any]]:
        return self._find(table)

    def _direct(self, table: str) -> bool:
        """Read *table* straight from the storage, not through TinyDB: while a line is not parsed
        yet (TinyDB's tables always read the whole file), parsing the line of *table* alone."""
        storage = self.storage
        if storage.pending_table(table):
            storage.load_lazy(table)
        return storage.lazy_pending

    def _find(self, table: str, cond: Any = None) -> list[dict[str, Any]]:
        """The documents of *table* that match *cond* (all without one). While the meetings or
        the actions are not parsed yet, the other tables are searched directly, so that reading
        them does not parse those lines (see :meth:`_direct`)."""
        if not self._direct(table):
            tbl = self._db.table(table)
            return list(tbl.all() if cond is None else tbl.search(cond))
        docs = ((self.storage.peek() or {}).get(table) or {}).values()
        return [dict(d) for d in docs if cond is None or cond(d)]

    def _first(self, table: str, cond: Any) -> dict[str, Any] | None:
        if not self._direct(table):
            return self._db.table(table).get(cond)
        return next(iter(self._find(table, cond)), None)

    def load_history(self) -> bool:
        """Parse the actions and the meetings now if they are not yet (the app calls this just
        after its first paint). Raises CorruptError, with nothing written, if they cannot be read.
        True if what :meth:`overview` said from the index was wrong (the file was edited by hand)."""
        return self.storage.load_lazy()

    @property
    def history_pending(self) -> bool:
        return self.storage.lazy_pending

    def get_meta(self, key: str, default: Any = None) -> Any:
        doc = self._first(META_TABLE, Query().key == key)
        return default if doc is None else doc.get("value", default)

    def set_meta(self, key: str, value: Any) -> None:
        self._upsert(META_TABLE, {"key": key, "value": value}, Query().key == key)

    # -- sets -------------------------------------------------------------------------
    def sets(self) -> list[ALSet]:
        return sorted((ALSet.from_dict(d) for d in self._all("sets")), key=lambda s: s.name.casefold())

    def get_set(self, set_id: str) -> ALSet | None:
        doc = self._first("sets", Query().id == set_id)
        return ALSet.from_dict(doc) if doc else None

    def set_by_name(self, name: str) -> ALSet | None:
        wanted = name.strip().casefold()
        return next((s for s in self.sets() if s.name.casefold() == wanted), None)

    def save_set(self, alset: ALSet) -> None:
        self._upsert("sets", alset.to_dict())

    # -- meetings ---------------------------------------------------------------------
    def meetings(self, set_id: str) -> list[Meeting]:
        docs = self._db.table("meetings").search(Query().set_id == set_id)
        return sorted((Meeting.from_dict(d) for d in docs), key=lambda m: (m.date, m.started_at))

    def get_meeting(self, meeting_id: str) -> Meeting | None:
        doc = self._db.table("meetings").get(Query().id == meeting_id)
        return Meeting.from_dict(doc) if doc else None

    def _raw(self, table: str) -> Iterable[dict[str, Any]]:
        """The stored documents of *table*, read-only and uncopied (for quick scans)."""
        data = self.storage.read() or {}
        return (data.get(table) or {}).values()

    def meeting_in_progress(self, set_id: str) -> Meeting | None:
        """The set's newest unfinished meeting: found by a scan, only that one converted."""
        found = [d for d in self._raw("meetings")
                 if d.get("set_id") == set_id and d.get("status") == model.IN_PROGRESS]
        if not found:
            return None
        newest = max(found, key=lambda d: (str(d.get("date", "")), str(d.get("started_at", ""))))
        return Meeting.from_dict(newest)

    def overview(self, set_id: str) -> dict[str, Any]:
        """What the home screen shows of a set: finished meetings, the last date, open actions,
        and whether a meeting is in progress. From the file's meetings index while the meetings
        are not parsed yet (and the index matches them), else from one scan of the documents."""
        index = self.storage.index()
        if index is None:  # not known yet (a file in one line, or written the plain way): from the meetings
            index = meetings_index((self.storage.read() or {}).get(LAZY_TABLE) or {}, 0)
        entry = index["sets"].get(set_id)
        if isinstance(entry, list) and len(entry) == 3:  # (read from the file: checked)
            count, last, in_progress = int(entry[0]), str(entry[1]), bool(entry[2])
        else:  # no meeting of this set
            count, last, in_progress = 0, "", False
        open_actions = self.storage.open_actions().get(set_id, 0)
        return {"finished": count, "last": last, "open_actions": open_actions, "in_progress": in_progress}

    def save_meeting(self, meeting: Meeting) -> None:
        self._upsert("meetings", meeting.to_dict())

    def delete_meeting(self, meeting_id: str) -> None:
        self._db.table("meetings").remove(Query().id == meeting_id)

    # -- actions ----------------------------------------------------------------------
    def actions(self, set_id: str, owner: str | None = None) -> list[Action]:
        q = Query().set_id == set_id
        if owner is not None:
            q = q & (Query().owner == owner)
        docs = self._find("actions", q)
        return sorted((Action.from_dict(d) for d in docs), key=lambda a: (a.created, a.id))

    def save_action(self, action: Action) -> None:
        self._upsert("actions", action.to_dict())

    def save_actions(self, actions: Iterable[Action]) -> None:
        for action in actions:
            self.save_action(action)

    def delete_action(self, action_id: str) -> None:
        self._db.table("actions").remove(Query().id == action_id)

    # -- preps ------------------------------------------------------------------------
    def get_prep(self, set_id: str, member: str) -> Prep | None:
        doc = self._first("preps", (Query().set_id == set_id) & (Query().member == member))
        return Prep.from_dict(doc) if doc else None

    def save_prep(self, prep: Prep) -> None:
        q = (Query().set_id == prep.set_id) & (Query().member == prep.member)
        self._upsert("preps", prep.to_dict(), q)

    def delete_prep(self, set_id: str, member: str) -> None:
        self._db.table("preps").remove((Query().set_id == set_id) & (Query().member == member))

    # -- training ---------------------------------------------------------------------
    def add_training(self, result: TrainingResult) -> None:
        self._db.table("training").insert(result.to_dict())

    def training(self, member: str) -> list[TrainingResult]:
        docs = self._find("training", Query().member == member)
        return sorted((TrainingResult.from_dict(d) for d in docs), key=lambda r: r.date)

    # -- whole file -------------------------------------------------------------------
    def raw(self) -> dict[str, Any]:
        """The whole file as plain data (for export/backup), without the meetings index."""
        data = json.loads(json.dumps(self.storage.read() or {}))
        for doc in (data.get(META_TABLE) or {}).values():
            if isinstance(doc, dict):
                doc.pop(INDEX_KEY, None)
        return data

    # -- bulk writes, import, forgetting a member (issue 5: demo, export/import, forget) --------
    def _tables_changed(self) -> None:
        """Drop TinyDB's per-table caches (next document id, query results) after the data was
        replaced under it by a direct storage write."""
        self._db._tables.clear()

    def is_empty(self) -> bool:
        """True when the file holds no documents (sets, meetings, …) besides its own metadata."""
        data = self.storage.read() or {}
        return not any(table for name, table in data.items() if name != META_TABLE)

    def bulk_load(self, tables: dict[str, Iterable[dict[str, Any]]]) -> dict[str, int]:
        """Add many documents to several tables with ONE durable write (the demo set, benchmarks).

        Document ids continue each table's numbering. Returns how many were added per table."""
        prepared = {name: [dict(doc) for doc in docs] for name, docs in tables.items()}
        if META_TABLE in prepared:
            raise ValueError(f"bulk_load does not write the {META_TABLE} table")
        data = self.storage.read()
        if data is None:
            data = {}
        try:
            for name, docs in prepared.items():
                table = data.setdefault(name, {})
                next_id = max((int(k) for k in table if k.isdigit()), default=0) + 1
                for doc in docs:
                    table[str(next_id)] = doc
                    next_id += 1
            self.storage.write(data)
        finally:
            self._tables_changed()
        return {name: len(docs) for name, docs in prepared.items()}

    def import_data(self, data: dict[str, Any]) -> dict[str, int]:
        """Restore a whole file's data (from a backup) into this store, which must be empty.

        Older schemas are migrated; one durable write. Returns the number of documents per table."""
        if not self.is_empty():
            raise StoreError(f"{self.path} already holds data; a backup is only restored into an empty data file.")
        data = loads(dumps(data))  # our own copy
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise StoreError("The backup's data is not a set of tables; nothing was imported.")
        data, _ = migrate(data, self.path)
        try:
            self.storage.write(data)
        finally:
            self._tables_changed()
        return {name: len(t) for name, t in data.items() if name != META_TABLE}

    def rewrite_backup(self) -> None:
        """Write the current data once more, so ``<db>.bak`` holds it too and no longer the version
        before the last change: for changes that must not survive in the backup (forgetting a
        member; a confidential meeting's details)."""
        self.storage.write(self.storage.read() or {})

    def forget_member(self, set_id: str, name: str) -> dict[str, Any]:
        """Remove a member's personal content from the set's record, in the file AND its ``.bak``.

        See :func:`forget_member_data` for what goes and what stays. Returns its counts plus
        ``other_copies``: older files beside the data file (a pre-migration ``.schemaN.bak``, a
        ``.broken`` file) that still mention the name; they are reported, never deleted."""
        data = loads(dumps(self.storage.read() or {}))
        counts = forget_member_data(data, set_id, name)
        try:
            self.storage.write(data)  # the data file is clean; .bak is the previous file
        finally:
            self._tables_changed()
        bak = self.path.with_name(self.path.name + ".bak")
        try:
            self.storage.write(data)  # again: now .bak is the clean file too
        except SaveError as exc:
            raise StoreError(
                f"{counts['name']} was forgotten in {self.path}, but the backup {bak} still mentions them ({exc})"
            ) from None
        counts["other_copies"] = [str(p) for p in copies_mentioning(self.path, counts["name"])]
        return counts


def restore_backup(path: str | os.PathLike[str]) -> str:
    """Put ``<db>.bak`` back in place of the data file; the current file is kept as
    ``<db>.broken``. Returns a one-line report. Raises StoreError if impossible."""
    db = Path(path).expanduser()
    bak = db.with_name(db.name + ".bak")
    if not bak.exists():
        raise StoreError(f"There is no backup {bak} to restore.")
    try:
        data = loads(bak.read_bytes())
        if not isinstance(data, dict):
            raise ValueError("the top level is not an object")
    except ValueError as exc:
        raise StoreError(f"The backup {bak} cannot be read either ({exc}); nothing was changed.") from None
    lock = acquire_lock(db)
    try:
        if db.exists():  # keep the unreadable file; the data file itself never goes missing
            broken = db.with_name(db.name + ".broken")
            broken.unlink(missing_ok=True)
            try:
                os.link(db, broken)
            except OSError:
                write_private(broken, db.read_bytes(), keep_backup=False)
            os.chmod(broken, FILE_MODE)
        write_private(db, bak.read_bytes(), keep_backup=False)
    finally:
        lock.release()
    return f"Restored {db} from {bak}; the unreadable file was kept as {db.name}.broken."


# -- forgetting a member (issue 5) --------------------------------------------------------------
FORMER_MEMBER = "former member"  # placeholders are "former member 1", "former member 2", …
FORGOTTEN_TEXT = "(removed)"  # what an anonymous action or presented issue shows instead of its text


def _set_docs(data: dict[str, Any], set_id: str, table: str) -> list[dict[str, Any]]:
    return [d for d in data.get(table, {}).values() if isinstance(d, dict) and d.get("set_id") == set_id]


def _next_placeholder(data: dict[str, Any], set_id: str) -> str:
    import re

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
    import re

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

