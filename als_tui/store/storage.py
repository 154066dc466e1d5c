"""The TinyDB storage: reads the file lazily by lines, writes it durably, keeps a failed change.

Reading keeps the parsed data in memory: TinyDB's tables read and mutate that dict and hand it
back to ``write``. If a write fails (disk full, read-only directory) the change stays in memory,
``pending`` says so, and the next successful write (or ``Store.retry``) saves it: nothing is
silently dropped.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import warnings
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ..model import SCHEMA_VERSION
from .codec import loads, loads_as_written
from .durable import FILE_MODE, Hold, ensure_private_dir, write_private
from .errors import SaveError, StoreError, _kind, corrupt, save_error, unreadable_reason
from .fields import data_problem
from .files import open_regular
from .layout import (
    _FIRST_READ,
    _LINE_START,
    ACTIONS_TABLE,
    CHECK_KEY,
    LAZY_TABLE,
    LAZY_TABLES,
    Changes,
    FileParts,
    Payload,
    actions_index,
    checksums_problem,
    dumps_file,
    head_checksum_problem,
    line_checksum_problem,
    meetings_index,
    payload_bytes,
    split_file,
    stored_index,
)
from .migrate import file_schema
from .shape import check_shape
from .unread import UnreadLines
from .writer import BackgroundWriter


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
        self._expected: tuple[str, int | str | None] | None = None  # see expect_change
        self._lazy: dict[str, memoryview | None] = {}  # the lines (actions, meetings) not parsed yet (None: not read)
        self._unread: UnreadLines | None = None  # the lines not read yet, from the file opened: _read_rest
        self._unread_error: StoreError | None = None  # why the rest could not be read (raised again each time)
        self._line_sizes: dict[str, int] = {}  # the length of each line in self._lazy, if known
        self._index_used: dict[str, Any] | None = None  # the index answered for unparsed meetings
        self._open_used: dict[str, Any] | None = None  # ... for unparsed actions
        self._index_now: dict[str, Any] | None = None  # the index of the parsed meetings, if known
        self._open_now: dict[str, int] | None = None  # the open actions per set of the parsed actions, if known
        self._loaded = False
        self.vouched: set[str] = set()  # "head": the first line matched its checksum (its tables are as written)
        self._pending = False
        self.write_seq = 0  # how many snapshots were handed to the disk (see saved_seq)
        self._saved_seq = 0
        self.last_error: str = ""
        self.last_why: str = ""  # the reason in last_error, in a few words ("the disk is full")
        self.writer: BackgroundWriter | None = None
        self.hold: Hold | None = None  # locks each new version before it is put in place (the store's lock)
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
            f = open_regular(self.path)
        except FileNotFoundError:
            return None
        except ValueError as exc:  # a pipe, a device, a folder …: never read
            raise corrupt(self.path, exc) from None
        try:
            first = f.read(_FIRST_READ)
            head = self._head_only(f, first) if self._utf8 else None
            if head is not None:
                f = None  # type: ignore[assignment]  # kept open until the lines are needed: _read_rest
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
                self._vouch_head(parts[0][:-1], head)
                self._lazy, self._index_used, self._open_used = dict(parts[1]), None, None
                self._line_sizes = {name: len(view) for name, view in parts[1].items()}
                self._freeze(len(parts[0]))  # (a large first line: many training results, say)
                return head
        data = self._parse(raw)
        if data is not None and self._utf8:
            self._vouch_whole(raw, data)
        self._freeze(len(raw))
        return data

    def _vouch_head(self, head: bytes, data: dict[str, Any]) -> None:
        """Check the first line (*head*: its bytes, *data*: parsed) against its checksum, if it has
        one: CorruptError if it does not match; noted in :attr:`vouched` if it does."""
        index = stored_index(data)
        why = head_checksum_problem(head, index)
        if why:
            raise corrupt(self.path, why)
        check = index.get(CHECK_KEY) if index is not None else None
        if isinstance(check, dict) and "head" in check:
            self.vouched.add("head")

    def _vouch_whole(self, raw: bytes, data: dict[str, Any]) -> None:
        """A file read whole (in one line, or written again by another tool) is checked against
        its checksums by what its data serialise to."""
        why = checksums_problem(data)
        if why:
            raise corrupt(self.path, why)
        if why == "":
            self.vouched.add("head")

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
        self._vouch_head(first[:end], head)
        self._unread = UnreadLines(self.path, f, first, end, names, head)
        self._lazy = dict.fromkeys(names, None)  # (read by _read_rest, or the actions alone: _read_line)
        self._index_used = self._open_used = None
        self._line_sizes = dict(self._unread.sizes)
        self._freeze(end)  # (a large first line: many training results, say)
        return head

    def _read_rest(self) -> None:
        """Read what :meth:`_head_only` left: the lines, from the file it read the first line of
        (kept open, so a file put in its place meanwhile is not mixed in). CorruptError, with
        nothing written, if the file changed meanwhile or turns out not to be in lines."""
        if self._unread_error is not None:
            raise self._unread_error  # (every later read and write is refused the same way)
        unread, self._unread = self._unread, None
        if unread is None:
            return
        try:
            raw, lines = unread.rest()
        except StoreError as exc:
            self._unread_error = exc
            raise
        finally:
            unread.close()
        self._saved = raw
        # (a line read alone before is not in *lines*; it stays as read until it is parsed)
        self._lazy = {name: lines.get(name, view) for name, view in self._lazy.items()}
        self._line_sizes |= {name: len(view) for name, view in lines.items()}

    def _read_line(self, name: str) -> memoryview:
        """The unparsed line of *name*: the actions alone if the file's index says where they end
        (the meetings line behind them is read when it is needed), else every line now."""
        line = self._lazy.get(name)
        if line is None and self._unread is not None and self._unread_error is None:
            try:
                line = self._unread.actions_alone() if name == ACTIONS_TABLE else None
            except StoreError as exc:
                self._unread_error = exc
                self._unread.close()
                self._unread = None
                raise
            self._lazy[name] = line
        if line is None:
            self._read_rest()
            line = self._lazy[name]
        if line is None:  # (cannot happen once _read_rest has run: never write without a line)
            raise corrupt(self.path, f"its table {name!r} could not be read")
        return line

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
        known = self._open_now
        if known is not None:  # (counted at parsing, or kept in step by the last write)
            return dict(known)
        actions = (self.peek() or {}).get(ACTIONS_TABLE)
        if not isinstance(actions, dict):
            return {}
        counted = self._open_now = actions_index(actions, 0)["open_actions"]  # (kept in step by each write)
        return dict(counted)

    def load_lazy(self, table: str | None = None) -> bool:
        """Parse the line of *table* now, or every line not parsed yet (CorruptError if one is
        broken; nothing is written then). True if an index was relied on that they contradict."""
        wrong = False
        if table is not None and table not in self._lazy:
            return False
        if table != ACTIONS_TABLE:
            self._read_rest()  # (the actions alone are read only as far as they go: _read_line)
        for name in [table] if table is not None else list(self._lazy):
            if name not in self._lazy:
                continue
            line = self._read_line(name)
            why = line_checksum_problem(name, line, stored_index(self._data))
            if why:
                raise corrupt(self.path, why)
            try:
                docs = loads_as_written(line) if why == "" else loads(line.tobytes())
            except (ValueError, UnicodeDecodeError, RecursionError):
                docs = None
            if not isinstance(docs, dict):
                self._read_rest()  # (if only the actions were read)
                self._parse(payload_bytes(self._saved))  # raises, with the position in the whole file
                raise corrupt(self.path, f"its table {name!r} is not an object of documents")
            self._freeze(len(line))  # (before anything else is made: a collection now would scan them all)
            check_shape({name: docs}, self.path)
            if why is None and file_schema(self._data) >= SCHEMA_VERSION:  # nothing vouches for it: check its types
                mistyped = data_problem({name: docs})
                if mistyped:
                    raise corrupt(self.path, mistyped)
            assert self._data is not None
            self._data[name] = docs
            del self._lazy[name]
            self._parts = None
            if name == LAZY_TABLE:
                used, self._index_used = self._index_used, None
                self._index_now = meetings_index(docs, 0)
                wrong = wrong or (used is not None and self._index_now["sets"] != used["sets"])
            else:
                used, self._open_used = self._open_used, None
                self._open_now = None  # (counted when first asked for: open_actions)
                if used is not None:
                    counts = self._open_now = actions_index(docs, 0)["open_actions"]
                    wrong = wrong or counts != used["open_actions"]
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
            raise corrupt(self.path, unreadable_reason(raw, exc)) from None
        if not isinstance(data, dict):
            raise corrupt(self.path, f"the top level is {_kind(data)}, not an object")
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
                payload, self._parts = dumps_file(data, self._parts, changes)  # type: ignore[assignment]
                if self.verify_parts and changes is not None and self._parts is not None:
                    whole = dumps_file(data)[0]
                    if payload_bytes(payload) != payload_bytes(whole):
                        raise AssertionError("the data changed where the store did not say it would")
        except Exception:
            self._parts = self._index_now = self._open_now = None
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
        counted = self._index_now.get("open_actions") if self._index_now is not None else None
        self._open_now = counted if isinstance(counted, dict) else None
        self.write_seq += 1
        if self.writer is not None:
            self.writer.submit(payload, self.write_seq)
            return
        self._pending = True
        try:
            write_private(self.path, payload, hold=self.hold)
        except OSError as exc:
            failure = save_error(self.path, exc)
            self.last_error, self.last_why = str(failure), failure.why
            raise failure from None
        self._pending = False
        self._saved_seq = self.write_seq
        self.last_error = self.last_why = ""

    # -- what the next write changes -------------------------------------------------------
    def expect_change(self, table: str, doc_id: int | str | None = None) -> None:
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
        ids = set() if doc_id is None else {str(doc_id)}
        if table == LAZY_TABLE:
            return set(), ids, set()
        if table == ACTIONS_TABLE:
            return set(), set(), ids
        return {table}, set(), set()

    @property
    def failure_reason(self) -> str:
        """Why the last save failed, in a few words ("the disk is full"); "" if it did not."""
        return self.writer.why if self.writer is not None else self.last_why

    @property
    def saved_seq(self) -> int:
        """The number (:attr:`write_seq` at the time) of the newest snapshot known to be on disk."""
        return self.writer.saved_seq if self.writer is not None else self._saved_seq

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
                raise SaveError(self.writer.error or f"Could not save to {self.path} yet.", self.path,
                                self.writer.why or "the disk did not answer in time")
            return
        if self._pending and self._data is not None:
            self.write(self._data)

    def close(self) -> None:
        if self._unread is not None:
            self._unread.close()
            self._unread = None
