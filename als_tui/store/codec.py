"""JSON in and out of the data file: fast (orjson) where that is exact, the standard library where
it is not. What :func:`dumps` writes, :func:`loads` reads back equal."""

from __future__ import annotations

import codecs
import gc
import json
import re
from typing import Any

try:  # orjson is much faster on large histories; plain json is the fallback.
    import orjson
except ImportError:  # pragma: no cover - orjson is a declared dependency
    orjson = None  # type: ignore[assignment]


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


def loads_as_written(raw: bytes | memoryview) -> Any:
    """Parse a line of the data file that its checksum vouches for: bytes written by
    :func:`.layout.dumps_file`, which serialises with orjson only. orjson refuses to write what it
    would read back differently (integers beyond 64 bits, lone surrogates: such data goes the plain
    way, without checksums), so orjson reads these bytes back exactly, without the scan
    :func:`loads` makes for them; anything it refuses all the same goes through :func:`loads`."""
    if orjson is None:  # pragma: no cover
        return loads(bytes(raw))
    enabled = gc.isenabled()
    gc.disable()
    try:
        return orjson.loads(raw)
    except ValueError:
        pass
    finally:
        if enabled:
            gc.enable()
    return loads(bytes(raw))


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
