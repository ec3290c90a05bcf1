"""ZaloClient against the simulator: every route, the 7-day window, envelope errors, rate
limits, network faults, and OAuth v4 (refresh rotation, spent refresh token, code exchange)."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from test_platform_fixtures import Env, EnvFactory

from desktop.platforms import (
    MalformedResponse,
    NotFound,
    Permanent,
    PermissionMissing,
    RateLimited,
    RecipientUnavailable,
    TokenExpired,
    TokenInvalid,
    Transient,
    WindowClosed,
    ZaloClient,
)

DAY = 86_400.0

pytest_plugins = ["test_platform_fixtures"]


def user_with_chat(env: Env, oa_id: str, *, follower: bool = True) -> str:
    made = env.control.add_zalo_message(oa_id, text="Cho hỏi", new_user=True)
    user_id = str(made["user_id"])
    env.control.zalo_set_follower(oa_id, user_id, follower)
    return user_id


def zalo_with_clock(env: Env) -> ZaloClient:
    return ZaloClient(env.clients.http, env.urls.zalo, env.urls.zalo_oauth, clock=env.now)


@pytest.mark.asyncio
async def test_recent_chats(env: Env) -> None:
    oa = env.oa()
    rows = await env.zalo.recent_chats(oa["access_token"], count=5)
    world = env.world.oas[oa["external_id"]]
    assert [r["message_id"] for r in rows] == [m.id for m in world.messages.newest(5)]
    assert set(rows[0]) >= {"src", "time", "from_id", "to_id", "message_id", "type", "message"}
    later = await env.zalo.recent_chats(oa["access_token"], offset=5, count=5)
    assert [r["message_id"] for r in later] == [m.id for m in world.messages.newest(5, 5)]
    for bad in (0, 11):
        with pytest.raises(ValueError, match=r"1\.\.10"):
            await env.zalo.recent_chats(oa["access_token"], count=bad)


@pytest.mark.asyncio
async def test_conversation_offset_paging_to_the_end(env: Env) -> None:
    oa = env.oa()
    user_id = user_with_chat(env, oa["external_id"])
    for n in range(4):
        env.control.add_zalo_message(oa["external_id"], user_id=user_id, text=f"tin {n}")
    rows: list[dict[str, object]] = []
    offset = 0
    while True:
        page = await env.zalo.conversation(oa["access_token"], user_id, offset=offset, count=2)
        rows.extend(page)
        if len(page) < 2:
            break
        offset += len(page)
    assert len(rows) == 5 and rows[0]["message"] == "tin 3" and rows[-1]["message"] == "Cho hỏi"


@pytest.mark.asyncio
async def test_user_detail_and_non_followers(env: Env) -> None:
    oa = env.oa()
    follower = user_with_chat(env, oa["external_id"])
    detail = await env.zalo.user_detail(oa["access_token"], follower)
    assert detail["user_id"] == follower and detail["user_is_follower"] is True
    stranger = user_with_chat(env, oa["external_id"], follower=False)
    with pytest.raises(RecipientUnavailable) as caught:
        await env.zalo.user_detail(oa["access_token"], stranger)
    assert (caught.value.platform, caught.value.code, caught.value.http_status) == (
        "zalo",
        -213,
        200,
    )


@pytest.mark.asyncio
async def test_bad_parameter_is_permanent(env: Env) -> None:
    oa = env.oa()
    with pytest.raises(Permanent) as caught:
        await env.zalo.user_detail(oa["access_token"], "0")
    assert caught.value.code == -201 and not caught.value.retryable


@pytest.mark.asyncio
async def test_oa_info(env: Env) -> None:
    oa = env.oa()
    info = await env.zalo.oa_info(oa["access_token"])
    assert info["oa_id"] == oa["external_id"] and info["name"] == oa["name"]


@pytest.mark.asyncio
async def test_send_text_inside_and_outside_the_7_day_window(env: Env) -> None:
    oa = env.oa()
    user_id = user_with_chat(env, oa["external_id"])
    env.control.advance_clock(6 * DAY)
    token = env.control.reissue_token("zalo", oa["external_id"])["access_token"]  # 25-h tokens
    sent = await env.zalo.send_text(token, user_id, "Công an phường xin trả lời")
    assert sent.recipient_id == user_id and len(sent.message_id) == 20
    [write] = env.writes("zalo.message.cs")
    assert write.result == {"message_id": sent.message_id} and write.target == user_id
    rows = await env.zalo.conversation(token, user_id, count=1)
    assert rows[0]["message_id"] == sent.message_id and rows[0]["src"] == 0
    env.control.advance_clock(DAY + 60)
    with pytest.raises(WindowClosed) as caught:
        await env.zalo.send_text(token, user_id, "Quá 7 ngày")
    assert caught.value.code == -230 and not caught.value.retryable


@pytest.mark.asyncio
async def test_expired_and_revoked_access_tokens(env: Env) -> None:
    oa = env.oa()
    env.control.expire_token("zalo", oa["external_id"])
    with pytest.raises(TokenExpired) as expired:
        await env.zalo.recent_chats(oa["access_token"])
    assert expired.value.code == -216 and oa["access_token"] not in repr(expired.value)
    other = env.oa(1)
    env.control.revoke_token("zalo", other["external_id"])
    with pytest.raises(TokenExpired):
        await env.zalo.oa_info(other["access_token"])


@pytest.mark.asyncio
async def test_expired_token_as_minus_220(make_env: EnvFactory) -> None:
    env = await make_env(zalo_expired_token_error=-220)
    oa = env.oa()
    env.control.add_fault(kind="token_expired", surface="zalo")
    with pytest.raises(TokenExpired) as caught:
        await env.zalo.oa_info(oa["access_token"])
    assert caught.value.code == -220
    env.control.add_fault(kind="token_invalid", surface="zalo")
    with pytest.raises(TokenExpired):
        await env.zalo.oa_info(oa["access_token"])


@pytest.mark.asyncio
async def test_permission_missing(env: Env) -> None:
    oa = env.oa()
    env.control.add_fault(kind="permission", surface="zalo")
    with pytest.raises(PermissionMissing) as caught:
        await env.zalo.recent_chats(oa["access_token"])
    assert caught.value.code == -212


@pytest.mark.parametrize("status", [200, 429])
@pytest.mark.asyncio
async def test_rate_limit_slows_down_then_throttles(make_env: EnvFactory, status: int) -> None:
    env = await make_env(zalo_calls_per_minute=4, zalo_throttle_http_status=status)
    oa = env.oa()
    usage = env.clients.usage
    delays = []
    for _ in range(4):
        await env.zalo.oa_info(oa["access_token"])
        delays.append(usage.delay_for(oa["external_id"], "zalo"))
    assert delays[0] == 0.0 and 0 < delays[2] < delays[3]
    with pytest.raises(RateLimited) as caught:
        await env.zalo.oa_info(oa["access_token"])
    err = caught.value
    assert (err.code, err.http_status, err.scope, err.retry_after) == (-32, status, "app", 60.0)
    assert usage.delay_for(oa["external_id"], "zalo") == pytest.approx(60.0, abs=1)


@pytest.mark.asyncio
async def test_network_faults(env: Env) -> None:
    oa = env.oa()
    token = oa["access_token"]
    user_id = user_with_chat(env, oa["external_id"])
    env.control.add_fault(kind="http_error", surface="zalo", status=502)
    with pytest.raises(Transient) as bad_gateway:
        await env.zalo.recent_chats(token)
    assert bad_gateway.value.http_status == 502 and bad_gateway.value.code is None
    env.control.add_fault(kind="malformed_json", surface="zalo")
    with pytest.raises(MalformedResponse):
        await env.zalo.recent_chats(token)
    env.control.add_fault(kind="drop_after", surface="zalo", method="POST")
    with pytest.raises(Transient) as dropped:
        await env.zalo.send_text(token, user_id, "Đã nhận")
    assert dropped.value.may_have_applied is True
    [write] = env.writes("zalo.message.cs")
    rows = await env.zalo.conversation(token, user_id, count=1)
    assert rows[0]["message_id"] == write.result["message_id"]  # the outbox's read-back
    quick = env.other_clients(timeout=0.3)
    env.control.add_fault(kind="timeout", surface="zalo", delay_s=5.0)
    with pytest.raises(Transient) as timed_out:
        await quick.zalo.oa_info(token)
    assert "timed out" in str(timed_out.value) and token not in str(timed_out.value)


@pytest.mark.asyncio
async def test_unknown_route_is_not_found(env: Env) -> None:
    resp = await env.clients.http.request("zalo", "GET", f"{env.urls.zalo}/v2.0/oa/nope")
    err = env.clients.http.not_json_error("zalo", resp, write=False)
    assert isinstance(err, NotFound) and err.http_status == 404


# ---------------------------------------------------------------------------- OAuth v4
@pytest.mark.asyncio
async def test_refresh_rotates_and_the_old_refresh_token_is_spent(env: Env) -> None:
    oa = env.oa()
    zalo = zalo_with_clock(env)
    pair = await zalo.refresh(oa["app_id"], oa["secret_key"], oa["refresh_token"])
    assert pair.refresh_token != oa["refresh_token"]
    assert pair.expires_at == env.now() + timedelta(hours=25)  # expires_in "90000" (a string)
    assert "SIMZL" not in repr(pair)
    assert (await zalo.oa_info(pair.access_token))["oa_id"] == oa["external_id"]
    with pytest.raises(TokenExpired):  # the old access token died with the refresh
        await zalo.oa_info(oa["access_token"])
    with pytest.raises(TokenInvalid) as spent:
        await zalo.refresh(oa["app_id"], oa["secret_key"], oa["refresh_token"])
    err = spent.value
    assert err.code == -14014 and "authorised again" in str(err)
    for secret in (oa["refresh_token"], oa["secret_key"], pair.refresh_token):
        assert secret not in str(err) and secret not in repr(err)


@pytest.mark.asyncio
async def test_refresh_with_a_wrong_secret(env: Env) -> None:
    oa = env.oa()
    with pytest.raises(TokenInvalid) as caught:
        await env.zalo.refresh(oa["app_id"], "SIMZL-SECRET-wrong", oa["refresh_token"])
    assert caught.value.code == -14004
    pair = await env.zalo.refresh(oa["app_id"], oa["secret_key"], oa["refresh_token"])
    assert pair.access_token  # the refresh token was not spent by the failed call


@pytest.mark.asyncio
async def test_oauth_errors_with_http_400(make_env: EnvFactory) -> None:
    env = await make_env(zalo_oauth_error_http_status=400)
    oa = env.oa()
    with pytest.raises(TokenInvalid) as caught:
        await env.zalo.refresh("1", oa["secret_key"], oa["refresh_token"])
    assert (caught.value.code, caught.value.http_status) == (-14002, 400)


@pytest.mark.asyncio
async def test_oauth_server_errors(env: Env) -> None:
    oa = env.oa()
    env.control.add_fault(kind="http_error", surface="zalo_oauth", status=503)
    with pytest.raises(Transient) as caught:
        await env.zalo.refresh(oa["app_id"], oa["secret_key"], oa["refresh_token"])
    assert caught.value.http_status == 503 and caught.value.may_have_applied is True
    env.control.add_fault(kind="malformed_json", surface="zalo_oauth")
    with pytest.raises(MalformedResponse):
        await env.zalo.refresh(oa["app_id"], oa["secret_key"], oa["refresh_token"])


@pytest.mark.asyncio
async def test_exchange_code_with_pkce(env: Env) -> None:
    oa = env.oa()
    verifier = "v" * 43
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    )
    consent = await env.client.get(
        f"{env.urls.zalo_oauth}/oa/permission",
        params={
            "app_id": oa["app_id"],
            "redirect_uri": "http://127.0.0.1/cb",
            "code_challenge": challenge,
            "state": "s1",
            "oa_id": oa["external_id"],
        },
    )
    assert consent.status_code == 302
    back = parse_qs(urlsplit(consent.headers["location"]).query)
    code = back["code"][0]
    with pytest.raises(TokenInvalid):
        await env.zalo.exchange_code(oa["app_id"], oa["secret_key"], code, "w" * 43)
    pair = await env.zalo.exchange_code(oa["app_id"], oa["secret_key"], code, verifier)
    assert (await env.zalo.oa_info(pair.access_token))["oa_id"] == oa["external_id"]
