"""Password hashing with scrypt (``hashlib``, no extra dependency).

Stored form: ``scrypt$<log2 n>$<r>$<p>$<salt, base64>$<key, base64>`` — the parameters travel
with each hash, so they can be raised later (:func:`needs_rehash`) without locking anyone out.
Every password gets its own 16-byte random salt; keys are 32 bytes; comparison is constant-time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

SCHEME = "scrypt"
SALT_BYTES = 16
KEY_BYTES = 32
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024


@dataclass(frozen=True, slots=True)
class ScryptParams:
    log2_n: int = 15  # n = 32768: 32 MiB and about 0.1 s per hash on a desk PC
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        return int(256 * self.r * (1 << self.log2_n) + 1024 * 1024)


DEFAULT_PARAMS = ScryptParams()
# Tests and benchmarks only: cheap enough for thousands of hashes.
FAST_TEST_PARAMS = ScryptParams(log2_n=10, r=8, p=1)


class PasswordPolicyError(ValueError):
    """The new password is not acceptable (the message says why, in Vietnamese)."""


def check_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordPolicyError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordPolicyError("Mật khẩu quá dài.")
    if password.strip() != password:
        raise PasswordPolicyError("Mật khẩu không được bắt đầu hoặc kết thúc bằng khoảng trắng.")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=2**params.log2_n,
        r=params.r,
        p=params.p,
        maxmem=params.maxmem,
        dklen=KEY_BYTES,
    )


def hash_password(password: str, params: ScryptParams = DEFAULT_PARAMS) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, params)
    return f"{SCHEME}${params.log2_n}${params.r}${params.p}${_b64(salt)}${_b64(key)}"


def _parse(stored: str) -> tuple[ScryptParams, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        params = ScryptParams(int(parts[1]), int(parts[2]), int(parts[3]))
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    if not (1 <= params.log2_n <= 22 and 1 <= params.r <= 32 and 1 <= params.p <= 16):
        return None
    return params, salt, key


def verify_password(
    password: str, stored: str | None, dummy_params: ScryptParams = DEFAULT_PARAMS
) -> bool:
    """True when ``password`` matches; an absent or unreadable hash never matches.

    When there is no usable hash, a dummy derivation still runs so that the time taken does not
    tell an unknown user from a wrong password.
    """
    parsed = _parse(stored) if stored else None
    if parsed is None:
        burn_time(password, dummy_params)
        return False
    params, salt, key = parsed
    return hmac.compare_digest(_derive(password, salt, params), key)


def burn_time(password: str, params: ScryptParams = DEFAULT_PARAMS) -> None:
    """Spend one derivation's time (for unknown usernames)."""
    _derive(password, b"\0" * SALT_BYTES, params)


def needs_rehash(stored: str, params: ScryptParams = DEFAULT_PARAMS) -> bool:
    parsed = _parse(stored)
    return parsed is None or parsed[0] != params
