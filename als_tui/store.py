"""Persistence: one TinyDB file, written durably, guarded by a single-writer lock.

This is the only module that touches the data file. No Textual here.

Durability (``DurableStorage.write``): serialise first; write the bytes to a temp
file created 0600 in the same directory; flush + fsync; keep the previous file as
``<db>.bak`` (a hard link, so it costs no copy); ``os.replace`` the temp file over
the data file; fsync the directory. The data file is never written in place, so a
crash at any instant leaves either the old or the new file, whole.

Reading keeps the parsed data in memory: TinyDB's tables read and mutate that dict
and hand it back to ``write``. If a write fails (disk full, read-only directory)
the change stays in memory, ``pending`` says so, and the next successful write
(or :meth:`Store.retry`) saves it: nothing is silently dropped.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
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


# A hook for crash testing: called with a label at each step of the write path
# ("before-fsync", "after-fsync", "before-link", ...). None in normal use.
CrashHook = Callable[[str], None]
crash_hook: CrashHook | None = None


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


def ensure_private_dir(directory: Path) -> None:
    """Create *directory* (and parents) 0700 if missing; leave existing ones alone."""
    if not directory.exists():
        directory.mkdir(parents=True, mode=DIR_MODE, exist_ok=True)
        os.chmod(directory, DIR_MODE)


def dumps(data: Any, **json_kwargs: Any) -> bytes:
    if json_kwargs or orjson is None:
        return json.dumps(data, **json_kwargs).encode("utf-8")
    try:
        return orjson.dumps(data)
    except TypeError:  # what orjson refuses (non-str keys, huge ints), json may still take
        return json.dumps(data).encode("utf-8")


def loads(raw: bytes) -> Any:
    if orjson is not None:
        return orjson.loads(raw)
    return json.loads(raw)  # pragma: no cover


def write_private(path: Path, payload: bytes, *, keep_backup: bool = True) -> None:
    """Atomically replace *path* with *payload*; the old file becomes ``<path>.bak``."""
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            _point("before-fsync")
            os.fsync(fh.fileno())
            _point("after-fsync")
        if keep_backup and path.exists():
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
        tmp.unlink(missing_ok=True)
        raise


class DurableStorage(Storage):
    """A TinyDB storage that never writes in place and keeps a ``.bak``.

    Accepts JSONStorage's arguments (path, create_dirs, encoding, access_mode,
    json keyword arguments) so TinyDB's own test-suite can run against it.
    """

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
        self._data: dict[str, Any] | None = None
        self._saved: bytes = b""  # the last data known to serialise (read or written)
        self._loaded = False
        self.pending = False
        self.last_error: str = ""
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
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        data = self._parse(raw)
        self._saved = raw
        return data

    def _parse(self, raw: bytes) -> dict[str, Any] | None:
        if not raw.strip():
            return None
        try:
            if self._encoding.lower().replace("-", "") in ("utf8",):
                data = loads(raw)
            else:
                data = json.loads(raw.decode(self._encoding))
        except (ValueError, UnicodeDecodeError) as exc:
            raise CorruptError(corrupt_message(self.path, exc)) from None
        if not isinstance(data, dict):
            raise CorruptError(corrupt_message(self.path, "the top level is not an object"))
        return data

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._data = self._load()
            self._loaded = True
        return self._data

    # -- writing -------------------------------------------------------------------
    def write(self, data: dict[str, Any]) -> None:
        if not any(c in self._mode for c in "+wa"):
            raise OSError(f'Cannot update the database. Access mode is "{self._mode}"')
        try:
            if self._kwargs or self._encoding.lower().replace("-", "") != "utf8":
                payload = json.dumps(data, **self._kwargs).encode(self._encoding)
            else:
                payload = dumps(data)
        except Exception:
            # Not serialisable (TypeError, ValueError): nothing is written. TinyDB has already
            # changed the dict read() returned in place, so go back to the last good state:
            # the bad document must not stay in memory and make every later write fail.
            # (JSONStorage gets this for free by re-reading the file on each read.)
            if self._loaded:  # (if nothing was read yet, the next read() loads the file)
                self._data = self._parse(self._saved)
            raise
        self._data = data
        self._saved = payload
        self._loaded = True
        self.pending = True
        try:
            write_private(self.path, payload)
        except OSError as exc:
            self.last_error = save_error_message(self.path, exc)
            raise SaveError(self.last_error) from None
        self.pending = False
        self.last_error = ""

    def flush_pending(self) -> None:
        if self.pending and self._data is not None:
            self.write(self._data)

    def close(self) -> None:
        pass


def corrupt_message(path: Path, why: object) -> str:
    bak = path.with_name(path.name + ".bak")
    hint = (
        f"the last good copy is {bak}; run `als restore-backup --db {path}` to put it back"
        if bak.exists()
        else "there is no backup beside it"
    )
    return f"{path} cannot be read ({why}); it has not been changed — {hint}."


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
    data.setdefault(META_TABLE, {})["1"] = {"schema": SCHEMA_VERSION}
    return data, changed


# -- the lock ----------------------------------------------------------------------
def acquire_lock(path: Path):
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".lock", timeout=0, mode=FILE_MODE, fallback_to_soft=False)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(
            f"{path} is already open in another als window or process; close that one first."
        ) from None
    except OSError as exc:
        raise StoreError(f"Cannot lock {path}: {exc.strerror or exc}.") from None
    return lock


# -- the store ---------------------------------------------------------------------
class Store:
    """The set's record: sets, meetings, actions, preps and training results.

    Opening takes the single-writer lock; :meth:`close` releases it.
    """

    def __init__(self, path: str | os.PathLike[str], *, lock: bool = True) -> None:
        self.path = Path(path).expanduser()
        ensure_private_dir(self.path.parent)
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a data file.")
        if not self.path.exists() and not os.access(self.path.parent, os.W_OK):
            raise StoreError(f"Cannot create {self.path}: the folder is read-only.")
        self._lock = acquire_lock(self.path) if lock else None
        try:
            self._db = self._open()
        except BaseException:
            self.close()
            raise

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
        data = storage.read()
        if data is None:
            data = {}
        old_version = file_schema(data)
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

    def close(self) -> None:
        db = getattr(self, "_db", None)
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
        if existing is None:
            tbl.insert(doc)
        else:
            tbl.update(lambda d: (d.clear(), d.update(doc)), doc_ids=[existing.doc_id])

    def _all(self, table: str) -> list[dict[str, Any]]:
        return list(self._db.table(table).all())

    def get_meta(self, key: str, default: Any = None) -> Any:
        doc = self._db.table(META_TABLE).get(Query().key == key)
        return default if doc is None else doc.get("value", default)

    def set_meta(self, key: str, value: Any) -> None:
        self._upsert(META_TABLE, {"key": key, "value": value}, Query().key == key)

    # -- sets -------------------------------------------------------------------------
    def sets(self) -> list[ALSet]:
        return sorted((ALSet.from_dict(d) for d in self._all("sets")), key=lambda s: s.name.casefold())

    def get_set(self, set_id: str) -> ALSet | None:
        doc = self._db.table("sets").get(Query().id == set_id)
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

    def meeting_in_progress(self, set_id: str) -> Meeting | None:
        return next((m for m in reversed(self.meetings(set_id)) if m.status == model.IN_PROGRESS), None)

    def save_meeting(self, meeting: Meeting) -> None:
        self._upsert("meetings", meeting.to_dict())

    def delete_meeting(self, meeting_id: str) -> None:
        self._db.table("meetings").remove(Query().id == meeting_id)

    # -- actions ----------------------------------------------------------------------
    def actions(self, set_id: str, owner: str | None = None) -> list[Action]:
        q = Query().set_id == set_id
        if owner is not None:
            q = q & (Query().owner == owner)
        docs = self._db.table("actions").search(q)
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
        doc = self._db.table("preps").get((Query().set_id == set_id) & (Query().member == member))
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
        docs = self._db.table("training").search(Query().member == member)
        return sorted((TrainingResult.from_dict(d) for d in docs), key=lambda r: r.date)

    # -- whole file -------------------------------------------------------------------
    def raw(self) -> dict[str, Any]:
        """The whole file as plain data (for export/backup)."""
        return json.loads(json.dumps(self.storage.read() or {}))


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
        if db.exists():
            broken = db.with_name(db.name + ".broken")
            os.replace(db, broken)
            os.chmod(broken, FILE_MODE)
        write_private(db, bak.read_bytes(), keep_backup=False)
    finally:
        lock.release()
    return f"Restored {db} from {bak}; the unreadable file was kept as {db.name}.broken."
