"""What a parsed file must look like to be a TinyDB file of ours."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import CorruptError, _kind, corrupt
from .layout import META_TABLE


def check_shape(data: dict[str, Any], path: Path) -> None:
    """Refuse (CorruptError) a file that parses but is not a TinyDB file of ours: every table an
    object of documents keyed by number, every document an object, the schema a whole number."""

    def bad(why: str) -> CorruptError:
        return corrupt(path, why)

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
