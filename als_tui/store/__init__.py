"""Persistence: one TinyDB file, written durably, guarded by a single-writer lock.

This package is the only code that touches the data file. No Textual here. One job a file:

- ``codec``: JSON in and out (orjson where exact, the standard library where not);
- ``layout``: the file in three lines, the index its first line carries, serialising what changed;
  ``tally``: the index's counts, kept in step with each save;
- ``durable``: writing a file without ever writing it in place (temp, fsync, ``.bak``, replace,
  directory fsync), with the crash-test hooks; ``writer``: the same off the UI thread;
- ``storage``: the TinyDB storage (lazy reading by lines, durable writing, a failed change kept);
- ``shape``: what a parsed file must look like; ``migrate``: older schemas brought forward;
- ``lock``: one writer per file; ``restore``: putting the ``.bak`` back;
- ``privacy``: forgetting a member and the confidential scrub;
- ``docindex``: where each document is (by its id; the actions by owner), kept in step with writes;
  ``documents``: one document read or put in place; ``wholefile``: writes of the whole file (the
  demo, a restore, forgetting a member);
- ``repository``: :class:`Store`, the set's record as the app and the commands use it.

Everything callers use is importable from ``als_tui.store``.
"""

from __future__ import annotations

from .codec import dumps, loads
from .durable import (
    CRASH_ENV,
    CRASH_EXIT_CODE,
    CRASH_POINTS,
    DIR_MODE,
    FILE_MODE,
    CrashHook,
    crash_hook_from_env,
    ensure_private_dir,
    glob_escape,
    write_private,
)
from .errors import (
    CorruptError,
    LockedError,
    NewerSchemaError,
    SaveError,
    StoreError,
    corrupt_message,
    save_error_message,
    unreadable_reason,
)
from .layout import (
    ACTIONS_TABLE,
    INDEX_KEY,
    LAZY_TABLE,
    LAZY_TABLES,
    META_TABLE,
    Changes,
    FileParts,
    Payload,
    actions_index,
    dumps_file,
    is_blank,
    meetings_index,
    payload_bytes,
    split_file,
    stored_index,
)
from .lock import acquire_lock
from .migrate import MIGRATIONS, Migration, file_schema, migrate
from .privacy import (
    CONFIDENTIAL_TITLE,
    FORGOTTEN_TEXT,
    FORMER_MEMBER,
    copies_mentioning,
    forget_member_data,
    scrub_confidential,
)
from .repository import Store
from .restore import restore_backup
from .shape import check_shape
from .storage import DurableStorage
from .writer import BackgroundWriter

__all__ = [
    "ACTIONS_TABLE", "CONFIDENTIAL_TITLE", "CRASH_ENV", "CRASH_EXIT_CODE", "CRASH_POINTS", "DIR_MODE", "FILE_MODE",
    "FORGOTTEN_TEXT", "FORMER_MEMBER", "INDEX_KEY", "LAZY_TABLE", "LAZY_TABLES", "META_TABLE", "MIGRATIONS",
    "BackgroundWriter", "Changes", "CorruptError", "CrashHook", "DurableStorage", "FileParts", "LockedError",
    "Migration", "NewerSchemaError", "Payload", "SaveError", "Store", "StoreError", "acquire_lock",
    "actions_index", "check_shape", "copies_mentioning", "corrupt_message", "crash_hook_from_env", "dumps",
    "dumps_file", "ensure_private_dir", "file_schema", "forget_member_data", "glob_escape", "is_blank", "loads",
    "meetings_index", "migrate", "payload_bytes", "restore_backup", "save_error_message", "scrub_confidential",
    "split_file", "stored_index", "unreadable_reason", "write_private",
]
