"""pytest plugin, loaded with ``-p tinydb_conformance.plugin``: TinyDB's own test suite,
run against :class:`als_tui.store.DurableStorage`.

``-p`` plugins are imported before any conftest or test module, so the names TinyDB's
tests import — ``tinydb.storages.JSONStorage`` and ``tinydb.JSONStorage`` — and the class
``TinyDB(path)`` uses by default (``TinyDB.default_storage_class``) all resolve to a thin
subclass of DurableStorage. Every test that stores JSON on disk therefore exercises ours.

Never import this module from our own test process: it patches TinyDB globally. The
deselection list lives in tests/test_tinydb_conformance.py.
"""

from __future__ import annotations

import os

import tinydb
import tinydb.database
import tinydb.storages

from als_tui.store import DurableStorage

ORIGINAL_JSON_STORAGE = tinydb.storages.JSONStorage

# TinyDB's suite checks what a storage reads back, not what survives a power cut (our crash
# tests do that, with real fsyncs). Its thousands of writes each fsync a file and a directory,
# which made this one test take ~45 s of the suite; in this subprocess fsync returns at once.
os.fsync = lambda fd: None
created = 0  # how many storages the suite built: proof the replacement took effect


class JSONStorage(DurableStorage):
    """DurableStorage under the name TinyDB's tests import; it only counts instances."""

    def __init__(self, *args, **kwargs):
        global created
        created += 1
        super().__init__(*args, **kwargs)


tinydb.storages.JSONStorage = JSONStorage
tinydb.JSONStorage = JSONStorage
tinydb.database.TinyDB.default_storage_class = JSONStorage


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(
        f"als-conformance: tinydb {tinydb.__version__}; {created} DurableStorage instances created"
    )
