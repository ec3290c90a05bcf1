"""Token storage (in-memory keyring; never a real one), keyring selection, masked reprs, and
the Zalo token manager against the simulator: rotation, one refresh at a time, and the
crash-safety marker that keeps a single-use refresh token from ever being sent twice."""

from __future__ import annotations

import asyncio
import logging
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from keyring.backends import chainer, fail
from test_platform_fixtures import Env, MemoryKeyring

from desktop.config import PlatformUrls
from desktop.platforms import (
    NoSecureKeyringError,
    TokenExpired,
    TokenInvalid,
    Transient,
    build_clients,
    select_keyring,
)
from desktop.platforms.credentials import (
    CredentialStore,
    CredentialStoreError,
    ZaloCredentials,
    ZaloTokenManager,
)
from desktop.platforms.redact import fingerprint
from desktop.platforms.zalo import ZaloClient

HOUR = 3600.0

pytest_plugins = ["test_platform_fixtures"]


def creds_of(oa: dict[str, object]) -> ZaloCredentials:
    return ZaloCredentials(
        access_token=str(oa["access_token"]),
        refresh_token=str(oa["refresh_token"]),
        expires_at=datetime.fromtimestamp(float(oa["access_token_expires_at"]), UTC),  # type: ignore[arg-type]
        app_id=str(oa["app_id"]),
        secret_key=str(oa["secret_key"]),
    )


# ---------------------------------------------------------------------------- store
def test_page_tokens_round_trip(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    assert store.get_page_token("104") is None
    store.set_page_token("104", "SIMFB-PAGE-abc")
    assert store.get_page_token("104") == "SIMFB-PAGE-abc"
    assert list(memory_keyring.entries) == [("DutyDesk", "facebook:page:104")]
    assert store.delete("facebook", "104") is True
    assert store.delete("facebook", "104") is False
    assert store.get_page_token("104") is None


def test_zalo_credentials_round_trip_and_marker(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore(service="DutyDesk-test")
    creds = ZaloCredentials("AT-1", "RT-1", datetime(2026, 11, 19, tzinfo=UTC), "app", "sec")
    store.set_zalo("388", creds)
    assert store.get_zalo("388") == creds and store.refresh_marker("388") is None
    store.mark_refresh_started("388", fingerprint("RT-1"))
    assert store.refresh_marker("388") == fingerprint("RT-1")
    assert store.get_zalo("388") == creds
    store.clear_refresh_marker("388", "another")
    assert store.refresh_marker("388") is not None
    store.clear_refresh_marker("388", fingerprint("RT-1"))
    assert store.refresh_marker("388") is None
    store.mark_refresh_started("388", "x")
    store.set_zalo("388", creds)  # storing a pair clears the marker in the same write
    assert store.refresh_marker("388") is None
    assert store.delete("zalo", "388") and store.get_zalo("388") is None
    with pytest.raises(ValueError, match="aware"):
        store.set_zalo("388", ZaloCredentials("a", "r", datetime(2026, 1, 1), "app", "s"))
    with pytest.raises(ValueError, match="platform"):
        store.delete("myspace", "1")


def test_damaged_entries_and_keyring_failures(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    memory_keyring.entries[("DutyDesk", "zalo:oa:1")] = "{not json"
    with pytest.raises(CredentialStoreError, match="damaged"):
        store.get_zalo("1")
    memory_keyring.entries[("DutyDesk", "zalo:oa:1")] = '{"access_token": "SIMZL-x"}'
    with pytest.raises(CredentialStoreError) as caught:
        store.get_zalo("1")
    assert "SIMZL" not in str(caught.value)
    broken = CredentialStore(backend=fail.Keyring())
    with pytest.raises(CredentialStoreError, match="cannot read"):
        broken.get_page_token("1")
    with pytest.raises(CredentialStoreError, match="cannot write"):
        broken.set_page_token("1", "SIMFB-x")


def test_reprs_mask_secrets() -> None:
    creds = ZaloCredentials(
        "SIMZL-AT-secret", "SIMZL-RT-secret", datetime(2026, 1, 1, tzinfo=UTC), "42", "SIMZL-S"
    )
    for text in (repr(creds), str(creds), repr([creds]), f"{creds}"):
        assert "SIMZL" not in text and "42" in text and "***" in text
    assert "DutyDesk" in repr(CredentialStore())


# ---------------------------------------------------------------------------- keyring choice
def test_a_secure_system_keyring_is_used(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    chosen = select_keyring(allow_insecure=False, insecure_path=tmp_path / "k.cfg")
    assert chosen is memory_keyring and not (tmp_path / "k.cfg").exists()


def test_no_secure_keyring_is_refused_with_advice(
    memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    with pytest.raises(NoSecureKeyringError) as caught:
        select_keyring(allow_insecure=False, insecure_path=tmp_path / "k.cfg")
    text = str(caught.value)
    assert "gnome-keyring" in text and "DUTYDESK_ALLOW_INSECURE_KEYRING=1" in text


def test_the_plaintext_file_only_when_allowed(
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from keyrings.alt.file import PlaintextKeyring

    monkeypatch.setattr(keyring, "get_keyring", PlaintextKeyring)  # what keyring picks here
    path = tmp_path / "secrets" / "keyring.cfg"
    with caplog.at_level(logging.WARNING):
        chosen = select_keyring(allow_insecure=True, insecure_path=path)
    monkeypatch.undo()
    assert isinstance(chosen, PlaintextKeyring) and keyring.get_keyring() is chosen
    assert "INSECURE" in caplog.text and str(path) in caplog.text
    store = CredentialStore()
    store.set_page_token("1", "SIMFB-plain")
    assert store.get_page_token("1") == "SIMFB-plain"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "SIMFB-plain" not in caplog.text


def test_a_chainer_is_narrowed_to_its_secure_member(
    memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyrings.alt.file import PlaintextKeyring

    secure = MemoryKeyring()
    monkeypatch.setattr(
        chainer.ChainerBackend, "backends", [PlaintextKeyring(), secure], raising=False
    )
    monkeypatch.setattr(keyring, "get_keyring", chainer.ChainerBackend)
    assert select_keyring(False, tmp_path / "k.cfg") is secure
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextKeyring()], raising=False)
    with pytest.raises(NoSecureKeyringError):
        select_keyring(False, tmp_path / "k.cfg")


# ---------------------------------------------------------------------------- token manager
def manager_for(env: Env, store: CredentialStore, **kw: object) -> ZaloTokenManager:
    zalo = ZaloClient(env.clients.http, env.urls.zalo, env.urls.zalo_oauth, clock=env.now)
    return ZaloTokenManager(zalo, store, env.now, **kw)  # type: ignore[arg-type]


def oauth_calls(env: Env) -> list[Any]:
    return env.control.writes(action="zalo.oauth.token", status=None)


@pytest.mark.asyncio
async def test_a_fresh_token_is_not_refreshed(env: Env, memory_keyring: MemoryKeyring) -> None:
    oa = env.oa()
    store = CredentialStore()
    store.set_zalo(oa["external_id"], creds_of(oa))
    manager = manager_for(env, store)
    assert await manager.access_token(oa["external_id"]) == oa["access_token"]
    assert oauth_calls(env) == []


@pytest.mark.asyncio
async def test_rotation_near_expiry(env: Env, memory_keyring: MemoryKeyring) -> None:
    oa = env.oa()
    oa_id = oa["external_id"]
    store = CredentialStore()
    store.set_zalo(oa_id, creds_of(oa))
    manager = manager_for(env, store, margin=timedelta(hours=1))
    env.control.advance_clock(24 * HOUR + 60)  # 25-h token: less than an hour left
    token = await manager.access_token(oa_id)
    stored = store.get_zalo(oa_id)
    assert stored is not None and token == stored.access_token != oa["access_token"]
    assert stored.refresh_token != oa["refresh_token"] and store.refresh_marker(oa_id) is None
    assert stored.expires_at == env.now() + timedelta(hours=25)
    assert (await env.zalo.oa_info(token))["oa_id"] == oa_id
    assert await manager.access_token(oa_id) == token  # no second refresh
    assert len(oauth_calls(env)) == 1
    with pytest.raises(TokenInvalid) as spent:  # the old refresh token is rejected
        await env.zalo.refresh(oa["app_id"], oa["secret_key"], oa["refresh_token"])
    assert spent.value.code == -14014


@pytest.mark.asyncio
async def test_concurrent_callers_share_one_refresh(
    env: Env, memory_keyring: MemoryKeyring
) -> None:
    oa = env.oa()
    store = CredentialStore()
    store.set_zalo(oa["external_id"], creds_of(oa))
    manager = manager_for(env, store)
    env.control.advance_clock(25 * HOUR)
    tokens = await asyncio.gather(*(manager.access_token(oa["external_id"]) for _ in range(5)))
    assert len(set(tokens)) == 1
    assert [w.status for w in oauth_calls(env)] == ["applied"]


@pytest.mark.asyncio
async def test_refresh_now_after_a_rejection(env: Env, memory_keyring: MemoryKeyring) -> None:
    oa = env.oa()
    oa_id = oa["external_id"]
    store = CredentialStore()
    store.set_zalo(oa_id, creds_of(oa))
    manager = manager_for(env, store)
    env.control.add_fault(kind="token_expired", surface="zalo")
    with pytest.raises(TokenExpired):
        await env.zalo.oa_info(oa["access_token"])
    first, second = await asyncio.gather(
        manager.refresh_now(oa_id, rejected=oa["access_token"]),
        manager.refresh_now(oa_id, rejected=oa["access_token"]),
    )
    assert first == second != oa["access_token"] and len(oauth_calls(env)) == 1


@pytest.mark.asyncio
async def test_a_crash_after_the_refresh_never_reuses_the_refresh_token(
    env: Env, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    oa = env.oa()
    oa_id = oa["external_id"]
    store = CredentialStore()
    store.set_zalo(oa_id, creds_of(oa))
    real_set = store.set_zalo
    failures = iter([True])

    def flaky_set(oa_id: str, creds: ZaloCredentials) -> None:
        if next(failures, False):
            raise CredentialStoreError("disk full (simulated crash before the store)")
        real_set(oa_id, creds)

    monkeypatch.setattr(store, "set_zalo", flaky_set)
    env.control.advance_clock(25 * HOUR)
    manager = manager_for(env, store)
    with pytest.raises(CredentialStoreError):
        await manager.access_token(oa_id)
    assert store.refresh_marker(oa_id) == fingerprint(oa["refresh_token"])
    restarted = manager_for(env, store)  # e.g. the app started again
    for candidate in (manager, restarted):
        with pytest.raises(TokenExpired) as caught:
            await candidate.access_token(oa_id)
        assert "authorise the Official Account again" in str(caught.value)
        assert oa["refresh_token"] not in str(caught.value)
    calls = oauth_calls(env)
    assert [w.status for w in calls] == ["applied"]
    # the admin re-authorises: new credentials clear the marker and all works again
    fresh = env.control.reissue_token("zalo", oa_id)
    store.set_zalo(
        oa_id, creds_of({**oa, **fresh, "access_token_expires_at": env.now().timestamp() + 90000})
    )
    assert await restarted.access_token(oa_id) == fresh["access_token"]


@pytest.mark.asyncio
async def test_an_answer_lost_on_the_wire_keeps_the_marker(
    env: Env, memory_keyring: MemoryKeyring
) -> None:
    oa = env.oa()
    oa_id = oa["external_id"]
    store = CredentialStore()
    store.set_zalo(oa_id, creds_of(oa))
    manager = manager_for(env, store)
    env.control.advance_clock(25 * HOUR)
    env.control.add_fault(kind="drop_after", surface="zalo_oauth")
    with pytest.raises(Transient) as caught:
        await manager.access_token(oa_id)
    assert caught.value.may_have_applied
    with pytest.raises(TokenExpired):
        await manager.access_token(oa_id)
    assert len(oauth_calls(env)) == 1


@pytest.mark.asyncio
async def test_a_refresh_that_never_left_can_be_retried(
    env: Env, memory_keyring: MemoryKeyring
) -> None:
    oa = env.oa()
    oa_id = oa["external_id"]
    store = CredentialStore()
    store.set_zalo(oa_id, creds_of(oa))
    env.control.advance_clock(25 * HOUR)
    async with httpx.AsyncClient() as client:
        offline = build_clients(
            client, PlatformUrls(zalo_oauth="http://127.0.0.1:9/zalo-oauth/v4"), timeout=2.0
        )
        manager = ZaloTokenManager(offline.zalo, store, env.now)
        with pytest.raises(Transient) as caught:
            await manager.access_token(oa_id)
    assert caught.value.may_have_applied is False and store.refresh_marker(oa_id) is None
    token = await manager_for(env, store).access_token(oa_id)
    assert (await env.zalo.oa_info(token))["oa_id"] == oa_id


@pytest.mark.asyncio
async def test_a_revoked_refresh_token_and_missing_credentials(
    env: Env, memory_keyring: MemoryKeyring
) -> None:
    oa = env.oa()
    oa_id = oa["external_id"]
    store = CredentialStore()
    manager = manager_for(env, store)
    with pytest.raises(TokenInvalid, match="connect"):
        await manager.access_token(oa_id)
    store.set_zalo(oa_id, creds_of(oa))
    env.control.revoke_token("zalo", oa_id)
    with pytest.raises(TokenInvalid) as caught:
        await manager.refresh_now(oa_id)
    assert caught.value.code == -14014
    with pytest.raises(TokenExpired):  # never sent again
        await manager.access_token(oa_id)
    assert [w.status for w in oauth_calls(env)] == ["rejected"]
