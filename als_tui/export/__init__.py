"""What leaves the app as text: minutes as Markdown, actions as CSV, the whole file as a JSON backup.

Pure (stdlib + core, no Textual): text in, text out. `als export` and the app's export use it.

    minutes.py      the minutes of a meeting, or of several, as Markdown
    actions_csv.py  the actions as CSV (RFC 4180), formulas defused
    backup.py       the versioned backup, and reading one back
"""

from ..store.privacy import CONFIDENTIAL_TITLE, scrub_confidential  # the scrub lives with forgetting
from .actions_csv import CSV_COLUMNS, actions_csv
from .backup import BACKUP_FORMAT, BackupError, backup_json, read_backup
from .minutes import (
    CONFIDENTIAL_NOTE,
    FLAGGED_KINDS,
    MEETING_SEPARATOR,
    all_minutes_markdown,
    long_date,
    md_inline,
    minutes_markdown,
    same_day_words,
)

__all__ = [
    "BACKUP_FORMAT", "CONFIDENTIAL_NOTE", "CONFIDENTIAL_TITLE", "CSV_COLUMNS", "FLAGGED_KINDS", "MEETING_SEPARATOR",
    "BackupError", "actions_csv", "all_minutes_markdown", "backup_json", "long_date", "md_inline",
    "minutes_markdown", "read_backup", "same_day_words", "scrub_confidential",
]
