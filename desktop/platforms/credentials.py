"""Tokens in the OS keyring, and Zalo access tokens that refresh themselves safely.

``CredentialStore`` keeps one JSON blob per account (service "DutyDesk"): a Page token, or a
Zalo OA's token pair with its app credentials and an optional "refresh in flight" marker.
``ZaloTokenManager`` refreshes a Zalo access token shortly before it expires, without ever
sending a refresh token twice, even across a crash (see ``ZaloTokenManager``).

Secrets never appear in logs, reprs or exception messages.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from desktop.platforms.errors import TokenExpired, TokenInvalid, Transient
from desktop.platforms.keyring_select import NoSecureKeyringError, select_keyring
from desktop.platforms.models import TokenPair
from desktop.platforms.redact import fingerprint

log = logging.getLogger(__name__)

SERVICE = "DutyDesk"
DEFAULT_REFRESH_MARGIN = timedelta(minutes=30)


class CredentialStoreError(RuntimeError):
    """The keyring could not be read or written (the message names no secret)."""


@dataclass(frozen=True, slots=True, repr=False)
class ZaloCredentials:
    access_token: str
    refresh_token: str
    expires_at: datetime  # of the access token (aware)
    app_id: str
    secret_key: str

    def __repr__(self) -> str:
        return (
            f"ZaloCredentials(access_token='***', refresh_token='***', "
            f"expires_at={self.expires_at!r}, app_id={self.app_id!r}, secret_key='***')"
        )

    def with_pair(self, pair: TokenPair) -> ZaloCredentials:
        return replace(
            self,
            access_token=pair.access_token,
            refresh_token=pair.refresh_token,
            expires_at=pair.expires_at,
        )


def _page_key(page_id: str) -> str:
    return f"facebook:page:{page_id}"


def _zalo_key(oa_id: str) -> str:
    return f"zalo:oa:{oa_id}"


class CredentialStore:
    """Blocking keyring access (call it from a worker thread in async code)."""

    def __init__(self, service: str = SERVICE, backend: KeyringBackend | None = None) -> None:
        self.service = service
        self._backend = backend
        # Keyring backends are not all thread-safe (the plain-file one rewrites one INI file):
        # one reader or writer at a time.
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"CredentialStore(service={self.service!r})"

    # ------------------------------------------------------------------ raw blobs
    def _keyring(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def _read(self, key: str) -> dict[str, Any] | None:
        try:
            with self._lock:
                text = self._keyring().get_password(self.service, key)
        except (KeyringError, OSError) as exc:
            raise CredentialStoreError(f"cannot read {key} from the keyring") from exc
        if text is None:
            return None
        try:
            blob = json.loads(text)
        except ValueError:
            raise CredentialStoreError(f"the keyring entry {key} is damaged") from None
        if not isinstance(blob, dict):
            raise CredentialStoreError(f"the keyring entry {key} is damaged")
        return blob

    def _write(self, key: str, blob: dict[str, Any]) -> None:
        try:
            with self._lock:
                self._keyring().set_password(self.service, key, json.dumps(blob, sort_keys=True))
        except (KeyringError, OSError) as exc:
            raise CredentialStoreError(f"cannot write {key} to the keyring") from exc

    def _remove(self, key: str) -> bool:
        try:
            with self._lock:
                self._keyring().delete_password(self.service, key)
        except PasswordDeleteError:
            return False
        except (KeyringError, OSError) as exc:
            raise CredentialStoreError(f"cannot delete {key} from the keyring") from exc
        return True

    # ------------------------------------------------------------------ Facebook Pages
    def get_page_token(self, page_id: str) -> str | None:
        blob = self._read(_page_key(page_id))
        token = None if blob is None else blob.get("access_token")
        return token if isinstance(token, str) and token else None

    def set_page_token(self, page_id: str, token: str) -> None:
        self._write(_page_key(page_id), {"access_token": token})

    # ------------------------------------------------------------------ Zalo OAs
    def get_zalo(self, oa_id: str) -> ZaloCredentials | None:
        blob = self._read(_zalo_key(oa_id))
        if blob is None:
            return None
        try:
            return ZaloCredentials(
                access_token=str(blob["access_token"]),
                refresh_token=str(blob["refresh_token"]),
                expires_at=datetime.fromisoformat(str(blob["expires_at"])),
                app_id=str(blob["app_id"]),
                secret_key=str(blob["secret_key"]),
            )
        except (KeyError, ValueError):
            raise CredentialStoreError(
                f"the keyring entry for Zalo OA {oa_id} is damaged"
            ) from None

    def set_zalo(self, oa_id: str, creds: ZaloCredentials) -> None:
        """Store a new pair (clears any refresh-in-flight marker in the same write)."""
        if creds.expires_at.tzinfo is None:
            raise ValueError("expires_at must be timezone-aware")
        self._write(_zalo_key(oa_id), _zalo_blob(creds, marker=None))

    def refresh_marker(self, oa_id: str) -> str | None:
        """The fingerprint of the refresh token a refresh was started with, if any."""
        blob = self._read(_zalo_key(oa_id))
        marker = None if blob is None else blob.get("refresh_in_flight")
        return marker if isinstance(marker, str) else None

    def mark_refresh_started(self, oa_id: str, refresh_fingerprint: str) -> None:
        creds = self.get_zalo(oa_id)
        if creds is None:
            raise CredentialStoreError(f"no credentials stored for Zalo OA {oa_id}")
        self._write(_zalo_key(oa_id), _zalo_blob(creds, marker=refresh_fingerprint))

    def clear_refresh_marker(self, oa_id: str, refresh_fingerprint: str) -> None:
        """Drop the marker if it still names ``refresh_fingerprint``."""
        creds = self.get_zalo(oa_id)
        if creds is not None and self.refresh_marker(oa_id) == refresh_fingerprint:
            self._write(_zalo_key(oa_id), _zalo_blob(creds, marker=None))

    # ------------------------------------------------------------------ both
    def delete(self, platform: str, account_id: str) -> bool:
        """Forget an account's credentials; False if there were none."""
        if platform == "facebook":
            return self._remove(_page_key(account_id))
        if platform == "zalo":
            return self._remove(_zalo_key(account_id))
        raise ValueError(f"unknown platform {platform!r}")


def _zalo_blob(creds: ZaloCredentials, *, marker: str | None) -> dict[str, Any]:
    blob: dict[str, Any] = {
        "access_token": creds.access_token,
        "refresh_token": creds.refresh_token,
        "expires_at": creds.expires_at.isoformat(),
        "app_id": creds.app_id,
        "secret_key": creds.secret_key,
    }
    if marker is not None:
        blob["refresh_in_flight"] = marker
    return blob


class TokenRefresher(Protocol):
    async def refresh(self, app_id: str, secret_key: str, refresh_token: str) -> TokenPair: ...


class ZaloTokenManager:
    """A valid Zalo access token per OA, refreshed within ``margin`` of its expiry.

    Crash safety (a Zalo refresh token is single-use and the simulator, like the mirror docs,
    kills the old access token on refresh):

    * one ``asyncio.Lock`` per OA, so two refreshes never race;
    * before calling OAuth, the store records "refresh in flight for refresh token X"; after
      success the new pair is stored first (which clears the marker), then returned;
    * if the marker names the current refresh token, that token may already have been
      consumed by a refresh whose answer was lost: it is never sent again and
      ``TokenExpired`` tells the admin to authorise the OA again.

    The marker is dropped only when the OAuth request certainly never left (connection
    refused): any other failure keeps it.
    """

    def __init__(
        self,
        client: TokenRefresher,
        store: CredentialStore,
        clock: Callable[[], datetime],
        *,
        margin: timedelta = DEFAULT_REFRESH_MARGIN,
    ) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self.margin = margin
        self._locks: dict[str, asyncio.Lock] = {}

    def _lock(self, oa_id: str) -> asyncio.Lock:
        return self._locks.setdefault(oa_id, asyncio.Lock())

    async def access_token(self, oa_id: str) -> str:
        """The OA's access token, refreshed first if it expires within ``margin``."""
        return await self._get(oa_id, force=False)

    async def refresh_now(self, oa_id: str, rejected: str | None = None) -> str:
        """Refresh even if the token looks valid, after Zalo rejected it as expired.

        With ``rejected`` (the access token Zalo refused), nothing is refreshed when the stored
        token is already a different one (another task refreshed meanwhile).
        """
        return await self._get(oa_id, force=True, rejected=rejected)

    async def _get(self, oa_id: str, *, force: bool, rejected: str | None = None) -> str:
        async with self._lock(oa_id):
            creds = await asyncio.to_thread(self.store.get_zalo, oa_id)
            if creds is None:
                raise TokenInvalid(
                    f"no Zalo credentials stored for OA {oa_id}: connect the Official Account",
                    platform="zalo",
                )
            rt_fingerprint = fingerprint(creds.refresh_token)
            marker = await asyncio.to_thread(self.store.refresh_marker, oa_id)
            if marker == rt_fingerprint:
                raise TokenExpired(
                    f"a token refresh for Zalo OA {oa_id} was interrupted and its single-use "
                    "refresh token may already be spent: an administrator must authorise the "
                    "Official Account again",
                    platform="zalo",
                )
            if rejected is not None and creds.access_token != rejected:
                return creds.access_token
            if not force and creds.expires_at - self.clock() > self.margin:
                return creds.access_token
            return await self._refresh(oa_id, creds, rt_fingerprint)

    async def _refresh(self, oa_id: str, creds: ZaloCredentials, rt_fingerprint: str) -> str:
        await asyncio.to_thread(self.store.mark_refresh_started, oa_id, rt_fingerprint)
        try:
            pair = await self.client.refresh(creds.app_id, creds.secret_key, creds.refresh_token)
        except Transient as exc:
            if not exc.may_have_applied:  # the request never reached Zalo: safe to retry later
                await asyncio.to_thread(self.store.clear_refresh_marker, oa_id, rt_fingerprint)
            raise
        fresh = creds.with_pair(pair)
        try:
            await asyncio.to_thread(self.store.set_zalo, oa_id, fresh)
        except Exception:
            log.error(
                "the new Zalo tokens of OA %s could not be stored; the OA must be authorised again",
                oa_id,
            )
            raise
        log.info("refreshed the Zalo access token of OA %s", oa_id)
        return fresh.access_token


__all__ = [
    "DEFAULT_REFRESH_MARGIN",
    "SERVICE",
    "CredentialStore",
    "CredentialStoreError",
    "NoSecureKeyringError",
    "TokenRefresher",
    "ZaloCredentials",
    "ZaloTokenManager",
    "select_keyring",
]
