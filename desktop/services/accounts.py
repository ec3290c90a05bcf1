"""Pages and OAs: importing them (ids, names, units, tokens) and listing them with health.

The TOML format (``accounts import FILE.toml``)::

    [[accounts]]
    platform = "facebook"          # or "zalo"
    id = "104000000000001"         # Page id / OA id
    name = "Công an tỉnh Thanh Hóa"
    unit = "TH"                    # unit code (see desktop/domain/units.py)
    token = "EAA…"                 # Facebook: the Page access token

    [[accounts]]
    platform = "zalo"
    id = "3590000000000000009"
    name = "Zalo OA Công an tỉnh Thanh Hóa"
    unit = "TH"
    access_token = "…"
    refresh_token = "…"
    app_id = "…"
    secret_key = "…"
    expires_at = 2026-12-01T08:00:00Z   # optional; unknown means "refresh before first use"

Names and units go to the database; every secret goes to the keyring and nowhere else.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain.enums import Platform
from desktop.domain.units import thanh_hoa_units
from desktop.platforms.credentials import CredentialStore, ZaloCredentials
from desktop.store.database import Database
from desktop.store.directory import ensure_account, ensure_units
from desktop.store.sync_state import AccountRow, list_accounts


class AccountFileError(ValueError):
    """The accounts file is not usable; the message says where and why (never a secret)."""


@dataclass(frozen=True, slots=True, repr=False)
class AccountImport:
    platform: Platform
    external_id: str
    name: str
    unit_code: str | None
    secrets: Mapping[str, str] = field(default_factory=dict)
    expires_at: datetime | None = None

    def __repr__(self) -> str:
        return f"AccountImport({self.platform.value}, {self.external_id!r}, {self.name!r})"


def _text(entry: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise AccountFileError(f"{where}: '{key}' is missing")
        return None
    if isinstance(value, int) and key == "id":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise AccountFileError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def parse_accounts(text: str) -> list[AccountImport]:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AccountFileError(f"not valid TOML: {exc}") from None
    entries = document.get("accounts")
    if not isinstance(entries, list) or not entries:
        raise AccountFileError("the file needs at least one [[accounts]] table")
    found: list[AccountImport] = []
    seen: set[tuple[Platform, str]] = set()
    for index, entry in enumerate(entries, start=1):
        where = f"account #{index}"
        if not isinstance(entry, dict):
            raise AccountFileError(f"{where}: must be a table")
        platform_name = _text(entry, "platform", where)
        try:
            platform = Platform(platform_name or "")
        except ValueError:
            raise AccountFileError(f"{where}: platform must be 'facebook' or 'zalo'") from None
        external_id = _text(entry, "id", where)
        assert external_id is not None
        where = f"{where} ({platform.value} {external_id})"
        if (platform, external_id) in seen:
            raise AccountFileError(f"{where}: listed twice")
        seen.add((platform, external_id))
        name = _text(entry, "name", where) or external_id
        unit = _text(entry, "unit", where, required=False)
        if platform is Platform.FACEBOOK:
            secrets = {"token": _text(entry, "token", where) or ""}
            expires = None
        else:
            keys = ("access_token", "refresh_token", "app_id", "secret_key")
            secrets = {k: _text(entry, k, where) or "" for k in keys}
            expires = _expiry(entry.get("expires_at"), where)
        found.append(AccountImport(platform, external_id, name, unit, secrets, expires))
    return found


def _expiry(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise AccountFileError(f"{where}: expires_at is not a date and time") from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise AccountFileError(f"{where}: expires_at is not a date and time")


def from_manifest(accounts: Iterable[Mapping[str, Any]]) -> list[AccountImport]:
    """Accounts as the simulator's manifest lists them (demo and tests)."""
    found = []
    for acc in accounts:
        platform = Platform(acc["platform"])
        if platform is Platform.FACEBOOK:
            secrets = {"token": acc["access_token"]}
            expires = None
        else:
            secrets = {
                k: str(acc[k]) for k in ("access_token", "refresh_token", "app_id", "secret_key")
            }
            raw = acc.get("access_token_expires_at")
            expires = (
                datetime.fromtimestamp(float(raw), UTC)
                if isinstance(raw, int | float)
                else _expiry(raw, "manifest")
            )
        found.append(
            AccountImport(
                platform,
                str(acc["external_id"]),
                str(acc["name"]),
                acc.get("unit_code"),
                secrets,
                expires,
            )
        )
    return found


def import_accounts(
    db: Database, credentials: CredentialStore, entries: list[AccountImport]
) -> list[int]:
    """Create or update the accounts, then store their secrets in the keyring."""

    def write(session: Session) -> list[int]:
        ensure_units(session, thanh_hoa_units())
        return [
            ensure_account(session, e.platform, e.external_id, e.name, e.unit_code) for e in entries
        ]

    ids = db.write_blocking(write)
    for entry in entries:
        if entry.platform is Platform.FACEBOOK:
            credentials.set_page_token(entry.external_id, entry.secrets["token"])
        else:
            credentials.set_zalo(
                entry.external_id,
                ZaloCredentials(
                    access_token=entry.secrets["access_token"],
                    refresh_token=entry.secrets["refresh_token"],
                    expires_at=entry.expires_at or datetime.now(UTC),
                    app_id=entry.secrets["app_id"],
                    secret_key=entry.secrets["secret_key"],
                ),
            )
    return ids


async def accounts_with_health(db: Database) -> list[AccountRow]:
    return await db.read(list_accounts)
