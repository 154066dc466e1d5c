"""The whole data file as a versioned JSON backup, and reading one back for ``als import``. Pure."""

from __future__ import annotations

from datetime import date


BACKUP_FORMAT = "als-tui-backup"


class BackupError(ValueError):
    """A backup that cannot be imported; the message is one line fit to show a person."""


def _doc_key(doc_id: str) -> tuple[int, int, str]:
    return (0, int(doc_id), "") if doc_id.isdigit() else (1, 0, doc_id)


def backup_json(raw: dict, exported: str | None = None) -> str:
    """The whole data file as a versioned backup: ``{"format": "als-tui-backup", "schema": N,
    "exported": "YYYY-MM-DD", "data": {...}}``.

    Stable: tables sorted by name, documents by id, fixed separators, so the same data on the same
    day gives the same bytes (export → import → export is identical). Keys *inside* a document keep
    their order: attendance and review notes are in the set's member order, and sorting them would
    change the restored minutes."""
    import json

    from ..model import SCHEMA_VERSION

    from ..model import mend_surrogates

    raw, _ = mend_surrogates(raw)  # (a file may hold text no UTF-8 file can: a lone surrogate)
    data = {
        name: ({k: table[k] for k in sorted(table, key=_doc_key)} if isinstance(table, dict) else table)
        for name, table in sorted(raw.items())
    }
    doc = {
        "format": BACKUP_FORMAT,
        "schema": SCHEMA_VERSION,
        "exported": exported or date.today().isoformat(),
        "data": data,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def read_backup(text: str | bytes) -> dict:
    """The data of a backup made by :func:`backup_json`, ready for ``Store.import_data``.

    BackupError (one line) if it is not JSON, not an als-tui backup, from a newer als-tui, or
    damaged (data not a set of tables of documents)."""
    import json

    from ..model import SCHEMA_VERSION

    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BackupError("it is not a backup: not UTF-8 text") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BackupError(f"it is not a backup: not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise BackupError("it is not a backup: it is nested too deeply") from None
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise BackupError(f"it is not a backup: {str(exc).splitlines()[0][:120]}") from None
    if not isinstance(doc, dict) or doc.get("format") != BACKUP_FORMAT:
        raise BackupError(
            f'it is not an als-tui backup (no "format": "{BACKUP_FORMAT}"); make one with: als export --format json'
        )
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise BackupError(f"the backup is damaged: its schema is {schema!r}, not a version number")
    if schema > SCHEMA_VERSION:
        raise BackupError(
            f"the backup was made by a newer als-tui (data schema {schema}; this version reads up to "
            f"{SCHEMA_VERSION}); upgrade als-tui to import it"
        )
    data = doc.get("data")
    if not isinstance(data, dict):
        raise BackupError("the backup is damaged: it has no data")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise BackupError(f"the backup is damaged: table {name!r} is not a set of documents")
    if "_meta" not in data:  # a hand-made backup: record the schema it declares
        data["_meta"] = {"1": {"schema": schema}}
    return data
