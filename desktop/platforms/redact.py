"""Remove credentials from text before it goes into an exception message or a log line.

Tokens must never reach logs, reprs or error messages. Clients send tokens in headers (never in
URLs), but platform answers can echo them (Graph ``paging.next`` URLs carry ``access_token``),
so every message built from a URL or a response body passes through ``redact``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

MASK = "***"

# Parameter / field / header names whose values are secrets.
_SECRET_NAMES = (
    "access_token",
    "refresh_token",
    "secret_key",
    "client_secret",
    "app_secret",
    "appsecret_proof",
    "fb_exchange_token",
    "input_token",
    "code_verifier",
    "password",
)
_NAMES = "|".join(_SECRET_NAMES)
# name=value in query strings and form bodies (stops at &, whitespace and quotes)
_QUERY = re.compile(rf"(?i)(?<![\w-])((?:{_NAMES}|code))=([^&\s\"'#<>]+)")
# "name": "value" in JSON text (also with escaped quotes inside JSON strings)
_JSON = re.compile(rf'(?i)(\\?"(?:{_NAMES})\\?"\s*:\s*\\?")((?:[^"\\]|\\(?!"))*)')
# name: value in header dumps
_HEADER = re.compile(rf"(?i)(?<![\w-])((?:{_NAMES}))(\s*:\s*)([^\s,;\"'}}]+)")
# Authorization: Bearer xxx / OAuth xxx
_AUTH = re.compile(r"(?i)\b(bearer|oauth)\s+[A-Za-z0-9._~+/=-]{8,}")
# token-shaped strings: Facebook tokens start with EAA; the simulator's with SIMFB-/SIMZL-
_SHAPES = re.compile(r"\bEAA[A-Za-z0-9]{16,}|\bSIM(?:FB|ZL)-[A-Za-z0-9_-]+")


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with every known secret and every token-looking value replaced by ``***``."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, MASK)
    text = _QUERY.sub(lambda m: f"{m.group(1)}={MASK}", text)
    text = _JSON.sub(lambda m: f"{m.group(1)}{MASK}", text)
    text = _HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    text = _AUTH.sub(lambda m: f"{m.group(1)} {MASK}", text)
    return _SHAPES.sub(MASK, text)


def fingerprint(secret: str) -> str:
    """A short, stable, non-reversible name for a secret (for markers and log correlation)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()[:16]
