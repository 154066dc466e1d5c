"""The lines of a file in lines (see :mod:`.layout`) not read at opening, read later from the
same open file, each only as far as it is needed.

Opening reads the first 64 KB and parses the first line; the file stays open. The actions line is
asked for first (the member's actions, just after the first paint of ``als prep``): when the
file's index says where it ends (and the meetings line is found starting there), only the file up
to that point is read, not the 3 MB meetings line behind it. The rest is read when the meetings
are needed, from the same file. At each read the file must still be the one opened, unchanged
(its size and modification time), and its lines must fit together; otherwise CorruptError, and
nothing is written. A line read early is part of the whole file read later, byte for byte.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, BinaryIO, cast

from .errors import StoreError, corrupt
from .layout import _LINE_START, ACTIONS_TABLE, LAZY_TABLE, split_file, stored_index

CHANGED = "another program changed it while als had it open"
MISFIT = "its lines do not fit together"


class UnreadLines:
    """The lines *names* (in the file's order) of the open file *f*, of which the first *got*
    bytes are read, the first line ending at *end* (its comma) and parsed into *head*."""

    def __init__(self, path: Path, f: BinaryIO, got: bytes, end: int, names: list[str],
                 head: dict[str, Any]) -> None:
        self.path, self.f, self.end, self.names = path, f, end, names
        self.got: bytes | bytearray = got  # the file's first bytes, read so far
        self.stat = os.fstat(f.fileno())
        self.early: dict[str, tuple[int, int]] = {}  # the lines read alone: where their values are
        self.sizes = self._predicted_sizes(head)

    def _predicted_sizes(self, head: dict[str, Any]) -> dict[str, int]:
        """The lengths of the unread lines, from the file's index, checked where the index
        says the meetings line starts (one small read); {} if they cannot be known yet."""
        index = stored_index(head)
        if index is None:
            return {}
        at = self.end
        sizes: dict[str, int] = {}
        if self.names[0] == ACTIONS_TABLE:
            actions = index.get("actions_bytes")
            if not isinstance(actions, int) or actions < 0:
                return {}
            sizes[ACTIONS_TABLE] = actions
            at = self.end + len(_LINE_START[ACTIONS_TABLE]) + actions
            mark = _LINE_START[LAZY_TABLE]
            try:
                self.f.seek(at)
                if self.f.read(len(mark)) != mark:
                    return {}
            except (OSError, OverflowError):
                return {}
        sizes[LAZY_TABLE] = self.stat.st_size - at - len(_LINE_START[LAZY_TABLE]) - 1  # (less the closing brace)
        return sizes

    def actions_alone(self) -> memoryview | None:
        """The actions line's value, the file read only as far as its end; None if where that is
        cannot be known (read the whole file then)."""
        if self.names[0] != ACTIONS_TABLE or ACTIONS_TABLE not in self.sizes:
            return None
        start = self.end + len(_LINE_START[ACTIONS_TABLE])
        stop = start + self.sizes[ACTIONS_TABLE]
        got = self._read_to(stop)  # (the meetings line starts there: looked at when the file was opened)
        if got.find(b"\n", self.end + 2, stop) >= 0:
            raise corrupt(self.path, MISFIT)  # (the whole file would not split either)
        self.early[ACTIONS_TABLE] = (start, stop)
        return memoryview(got)[start:stop]

    def _read_to(self, size: int) -> bytes | bytearray:
        """The file's first *size* bytes; CorruptError if the file is shorter or changed since it
        was opened. (Read on into one buffer of that size: joining a megabyte to the bytes read at
        opening would copy it once more.)"""
        got = self.got
        if size > len(got):
            buf = bytearray(size)
            buf[:len(got)] = got
            at = len(got)
            try:
                self.f.seek(at)
                readinto = cast(io.BufferedIOBase, self.f).readinto
                with memoryview(buf) as view:
                    while at < size and (count := readinto(view[at:])):
                        at += count
            except OSError as exc:
                raise StoreError(f"Cannot read {self.path}: {exc.strerror or exc}.") from None
            got = self.got = buf if at == size else buf[:at]
        self._check_unchanged(len(got) >= size)
        return got

    def _read(self) -> bytes:
        """The rest of the file, from where the last read stopped."""
        try:
            self.f.seek(len(self.got))
            return self.f.read()
        except OSError as exc:
            raise StoreError(f"Cannot read {self.path}: {exc.strerror or exc}.") from None

    def _check_unchanged(self, whole: bool) -> None:
        try:
            now = os.fstat(self.f.fileno())
        except OSError as exc:
            raise StoreError(f"Cannot read {self.path}: {exc.strerror or exc}.") from None
        if not whole or (now.st_size, now.st_mtime_ns) != (self.stat.st_size, self.stat.st_mtime_ns):
            raise corrupt(self.path, CHANGED)

    def rest(self) -> tuple[bytes, dict[str, memoryview]]:
        """The whole file and the value of each line not read alone before (views into it).
        CorruptError if the file changed since it was opened or turns out not to be in lines."""
        raw = b"".join((self.got, self._read()))
        self._check_unchanged(len(raw) == self.stat.st_size)
        parts = split_file(raw)
        if parts is None or list(parts[1]) != self.names or not self.got.startswith(parts[0][:-1]):
            raise corrupt(self.path, MISFIT)
        lines = parts[1]
        for name, (start, stop) in self.early.items():  # (it was read alone: the same bytes, the same place)
            if lines.pop(name).nbytes != stop - start:  # (the first line ends where it did: *got* starts with it)
                raise corrupt(self.path, MISFIT)
        return raw, lines

    def close(self) -> None:
        self.f.close()
