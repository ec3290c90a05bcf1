"""Opaque paging cursors (base64 text that clients must not interpret or store long-term)."""

from __future__ import annotations

import base64
import binascii

from desktop.simulator.timeindex import Key

_PREFIX = "sim1:"


class CursorError(ValueError):
    pass


def encode_cursor(key: Key) -> str:
    ts, seq = key
    raw = f"{_PREFIX}{seq}:{ts!r}".encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> Key:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
        if not raw.startswith(_PREFIX):
            raise CursorError(cursor)
        seq_text, ts_text = raw[len(_PREFIX) :].split(":", 1)
        return float(ts_text), int(seq_text)
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise CursorError(cursor) from exc
