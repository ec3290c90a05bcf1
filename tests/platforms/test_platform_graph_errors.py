"""GraphClient failures against the simulator: dead/invalid tokens, missing permissions,
throttling with retry times and the slow-down before it, 5xx, timeouts, dropped connections
(before/after the write), malformed JSON, connection refused; never a token in a message."""

from __future__ import annotations

import json

import httpx
import pytest
from test_platform_fixtures import Env, EnvFactory

from desktop.config import PlatformUrls
from desktop.platforms import (
    MalformedResponse,
    PermissionMissing,
    PlatformError,
    RateLimited,
    TokenError,
    TokenExpired,
    TokenInvalid,
    Transient,
    build_clients,
)

pytest_plugins = ["test_platform_fixtures"]


def assert_clean(err: PlatformError, *secrets: str) -> None:
    for text in (str(err), repr(err), err.message):
        for secret in secrets:
            assert secret not in text
        assert "SIMFB-" not in text and "SIMZL-" not in text


@pytest.mark.asyncio
async def test_expired_invalid_and_revoked_tokens(env: Env) -> None:
    page_id, token = env.page()
    env.control.expire_token("facebook", page_id)
    with pytest.raises(TokenExpired) as expired:
        await env.graph.feed(page_id, token)
    err = expired.value
    assert (err.platform, err.code, err.subcode, err.http_status) == ("facebook", 190, 463, 400)
    assert not err.retryable and err.trace_id and "Session has expired" in str(err)
    assert_clean(err, token)
    with pytest.raises(TokenInvalid) as invalid:
        await env.graph.page(page_id, "SIMFB-not-a-token")
    assert (invalid.value.code, invalid.value.subcode) == (190, 467)
    assert_clean(invalid.value)
    new = env.control.reissue_token("facebook", page_id)["access_token"]
    env.control.revoke_token("facebook", page_id)
    with pytest.raises(TokenInvalid) as revoked:
        await env.graph.comments(f"{page_id}_1", new)
    assert revoked.value.subcode == 460 and isinstance(revoked.value, TokenError)


@pytest.mark.asyncio
async def test_token_faults(env: Env) -> None:
    page_id, token = env.page()
    env.control.add_fault(kind="token_expired", surface="graph")
    with pytest.raises(TokenExpired):
        await env.graph.page(page_id, token)
    env.control.add_fault(kind="token_invalid", surface="graph")
    with pytest.raises(TokenInvalid):
        await env.graph.page(page_id, token)


@pytest.mark.asyncio
async def test_permissions_revoked(env: Env) -> None:
    page_id, token = env.page()
    made = env.control.add_comment(page_id, text="x")
    env.control.revoke_permission(page_id, "pages_read_engagement")
    with pytest.raises(PermissionMissing) as read:
        await env.graph.feed(page_id, token)
    assert read.value.code == 10 and not read.value.retryable
    env.control.revoke_permission(page_id, "pages_manage_engagement")
    with pytest.raises(PermissionMissing) as manage:
        await env.graph.reply_to_comment(str(made["comment_id"]), token, "x")
    assert manage.value.code == 200
    env.control.revoke_permission(page_id, "pages_messaging")
    with pytest.raises(PermissionMissing) as messaging:
        await env.graph.conversations(page_id, token)
    assert messaging.value.code == 230
    env.control.add_fault(kind="permission", surface="graph", code=299)
    env.control.grant_permission(page_id, "pages_read_engagement")
    with pytest.raises(PermissionMissing):
        await env.graph.feed(page_id, token)


@pytest.mark.asyncio
async def test_page_throttling_slows_down_first_then_gives_the_regain_time(
    make_env: EnvFactory,
) -> None:
    env = await make_env(fb_page_calls_per_window=10)
    page_id, token = env.page()
    usage = env.clients.usage
    delays = []
    for _ in range(10):
        await env.graph.page(page_id, token)
        delays.append(usage.delay_for(page_id))
    assert delays[:4] == [0.0] * 4  # 10..40 %
    assert delays[5] > 0 and delays == sorted(delays)  # grows from 60 % on
    assert delays[-2] < usage.policy.max_delay_s
    with pytest.raises(RateLimited) as caught:
        await env.graph.feed(page_id, token)
    err = caught.value
    assert (err.code, err.http_status, err.scope, err.retryable) == (80001, 400, "account", True)
    regain = usage.account_usage(page_id)
    assert regain is not None and regain.regain_s == err.retry_after
    assert err.retry_after >= 60 and err.retry_after % 60 == 0  # minutes from the header
    assert usage.delay_for(page_id) == pytest.approx(err.retry_after, abs=1)
    other_id, other_token = env.page(1)
    assert usage.delay_for(other_id) < 1  # another Page is not throttled
    await env.graph.page(other_id, other_token)


@pytest.mark.asyncio
async def test_app_throttling_uses_the_default_wait(env: Env) -> None:
    page_id, token = env.page()
    env.control.add_fault(kind="throttle", surface="graph", code=4)
    with pytest.raises(RateLimited) as caught:
        await env.graph.page(page_id, token)
    err = caught.value
    assert (err.code, err.http_status, err.scope) == (4, 403, "app")
    assert err.retry_after == 300.0
    other_id, _ = env.page(2)
    assert env.clients.usage.delay_for(other_id) == pytest.approx(300.0, abs=1)


@pytest.mark.asyncio
async def test_page_throttle_code_32(make_env: EnvFactory) -> None:
    env = await make_env(fb_page_throttle_code=32)
    page_id, token = env.page()
    env.control.add_fault(kind="throttle", surface="graph")
    with pytest.raises(RateLimited) as caught:
        await env.graph.page(page_id, token)
    assert (caught.value.code, caught.value.http_status) == (32, 403)


@pytest.mark.parametrize(("status", "code"), [(500, 1), (503, 2)])
@pytest.mark.asyncio
async def test_server_errors_are_transient(env: Env, status: int, code: int) -> None:
    page_id, token = env.page()
    env.control.add_fault(kind="http_error", surface="graph", status=status)
    with pytest.raises(Transient) as caught:
        await env.graph.feed(page_id, token)
    err = caught.value
    assert (err.code, err.http_status, err.retryable, err.may_have_applied) == (
        code,
        status,
        True,
        False,
    )
    assert type(err) is Transient


@pytest.mark.asyncio
async def test_timeouts(env: Env) -> None:
    page_id, token = env.page()
    quick = env.other_clients(timeout=0.3)
    env.control.add_fault(kind="timeout", surface="graph", method="GET", delay_s=5.0)
    with pytest.raises(Transient) as read:
        await quick.graph.feed(page_id, token)
    assert "timed out" in str(read.value) and read.value.may_have_applied is False
    made = env.control.add_comment(page_id, text="x")
    env.control.add_fault(kind="timeout", surface="graph", method="POST", delay_s=5.0)
    with pytest.raises(Transient) as write:
        await quick.graph.reply_to_comment(str(made["comment_id"]), token, "x")
    assert write.value.may_have_applied is True  # the client cannot know
    assert env.writes("fb.comment.reply") == []  # (the simulator did not apply it)
    assert_clean(write.value, token)


@pytest.mark.asyncio
async def test_dropped_connection_after_the_write(env: Env) -> None:
    page_id, token = env.page()
    made = env.control.add_comment(page_id, text="x")
    cid = str(made["comment_id"])
    env.control.add_fault(kind="drop_after", surface="graph", method="POST")
    with pytest.raises(Transient) as caught:
        await env.graph.reply_to_comment(cid, token, "Đã nhận")
    assert caught.value.may_have_applied is True
    assert "connection dropped" in str(caught.value)
    [write] = env.writes("fb.comment.reply")
    replies = await env.graph.recent_page_replies(cid, token, page_id=page_id)
    assert [r["id"] for r in replies] == [write.result["id"]]  # the outbox's read-back


@pytest.mark.asyncio
async def test_dropped_connection_before_anything(env: Env) -> None:
    page_id, token = env.page()
    env.control.add_fault(kind="drop_before", surface="graph")
    with pytest.raises(Transient) as caught:
        await env.graph.page(page_id, token)
    assert caught.value.may_have_applied is False  # a read never applies anything


@pytest.mark.asyncio
async def test_malformed_json(env: Env) -> None:
    page_id, token = env.page()
    env.control.add_fault(kind="malformed_json", surface="graph", method="GET")
    with pytest.raises(MalformedResponse) as read:
        await env.graph.feed(page_id, token)
    assert read.value.retryable and read.value.http_status == 200
    made = env.control.add_comment(page_id, text="x")
    env.control.add_fault(kind="malformed_json", surface="graph", method="POST")
    with pytest.raises(MalformedResponse) as write:
        await env.graph.set_hidden(str(made["comment_id"]), token, True)
    assert write.value.may_have_applied is True
    assert len(env.writes("fb.comment.hide")) == 1


@pytest.mark.asyncio
async def test_connection_refused_is_transient_and_never_applied(env: Env) -> None:
    closed = PlatformUrls(graph="http://127.0.0.1:9/graph", zalo="http://127.0.0.1:9/zalo")
    async with httpx.AsyncClient() as client:
        clients = build_clients(client, closed, timeout=2.0)
        with pytest.raises(Transient) as caught:
            await clients.graph.set_hidden("1_2", "SIMFB-secret-token-value", True)
    assert caught.value.may_have_applied is False and "could not connect" in str(caught.value)
    assert_clean(caught.value, "SIMFB-secret-token-value")


@pytest.mark.asyncio
async def test_token_never_in_urls_or_cursors(env: Env) -> None:
    page_id, token = env.page()
    seen: list[str] = []

    async def hook(request: httpx.Request) -> None:
        seen.append(str(request.url) + request.content.decode(errors="replace"))

    env.client.event_hooks["request"].append(hook)
    convs = await env.graph.conversations(page_id, token, limit=100, message_limit=1)
    assert any("next" in c["messages"]["paging"] for c in convs.data)  # answers are scrubbed
    assert token not in json.dumps(convs.data)
    page = await env.graph.feed(page_id, token, limit=1)
    assert page.next_cursor is not None and token not in page.next_cursor
    await env.graph.feed(page_id, token, limit=1, after=page.next_cursor)
    assert seen and all(token not in s for s in seen)
