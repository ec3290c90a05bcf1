"""Answers the simulator never gives: a successful status with the wrong shape. Served by an
``httpx.MockTransport`` (still through the real clients), each must become
``MalformedResponse``, with ``may_have_applied`` set for writes."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import pytest_asyncio

from desktop.config import PlatformUrls
from desktop.platforms import (
    BatchRequest,
    MalformedResponse,
    PlatformClients,
    RateLimited,
    Transient,
    build_clients,
)

URLS = PlatformUrls(
    graph="http://graph.test/v19.0", zalo="http://zalo.test", zalo_oauth="http://oauth.test/v4"
)
Answer = Callable[[httpx.Request], httpx.Response]


@pytest_asyncio.fixture
async def serve() -> AsyncIterator[Callable[[Any], PlatformClients]]:
    clients: list[httpx.AsyncClient] = []

    def factory(answer: Any) -> PlatformClients:
        def handler(request: httpx.Request) -> httpx.Response:
            if callable(answer):
                return answer(request)  # type: ignore[no-any-return]
            return httpx.Response(200, json=answer)

        client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        clients.append(client)
        return build_clients(client, URLS)

    yield factory
    for client in clients:
        await client.aclose()


@pytest.mark.parametrize(
    "body",
    [
        {"data": "x"},
        {"data": [1, 2]},
        [],
        {"data": [], "paging": {"next": "http://graph.test/v19.0/1/feed"}},
    ],
)
@pytest.mark.asyncio
async def test_bad_lists(serve: Callable[[Any], PlatformClients], body: Any) -> None:
    with pytest.raises(MalformedResponse):
        await serve(body).graph.feed("1", "tok")


@pytest.mark.asyncio
async def test_writes_without_the_expected_keys(serve: Callable[[Any], PlatformClients]) -> None:
    graph = serve({"unexpected": 1}).graph
    calls = [
        graph.reply_to_comment("1_2", "tok", "x"),
        graph.set_hidden("1_2", "tok", True),
        graph.delete_comment("1_2", "tok"),
        graph.send_message("1", "tok", "9", "x"),
        graph.private_reply("1", "tok", "1_2", "x"),
        graph.unblock("1", "tok", "9"),
    ]
    for call in calls:
        with pytest.raises(MalformedResponse) as caught:
            await call
        assert caught.value.may_have_applied is True
    assert await serve({"9": False}).graph.block("1", "tok", "9") is False


@pytest.mark.asyncio
async def test_read_backs_with_bad_shapes(serve: Callable[[Any], PlatformClients]) -> None:
    for body in ({"data": "x"}, {"data": [{"messages": {"data": "x"}}]}, {"data": [3]}):
        with pytest.raises(MalformedResponse):
            await serve(body).graph.conversation_messages("1", "tok", "9")
    with pytest.raises(MalformedResponse):
        await serve([1]).graph.comment("1_2", "tok")


@pytest.mark.asyncio
async def test_batch_shapes(serve: Callable[[Any], PlatformClients]) -> None:
    ops = [BatchRequest.get("1"), BatchRequest("POST", "1_2", {"is_hidden": "true"})]
    with pytest.raises(MalformedResponse) as caught:
        await serve([None]).graph.batch("tok", ops)
    assert caught.value.may_have_applied is True
    results = await serve(["x", {"code": 200, "body": "{]"}]).graph.batch("tok", ops)
    assert all(isinstance(r.error, MalformedResponse) for r in results)
    assert results[1].error is not None and results[1].error.may_have_applied is True  # type: ignore[attr-defined]


@pytest.mark.asyncio
async def test_zalo_shapes(serve: Callable[[Any], PlatformClients]) -> None:
    ok = {"error": 0, "message": "Success"}
    with pytest.raises(MalformedResponse):
        await serve({**ok, "data": {"x": 1}}).zalo.recent_chats("tok")
    with pytest.raises(MalformedResponse):
        await serve({**ok, "data": [1]}).zalo.conversation("tok", "9")
    with pytest.raises(MalformedResponse):
        await serve({**ok, "data": []}).zalo.oa_info("tok")
    with pytest.raises(MalformedResponse) as caught:
        await serve({**ok, "data": {"user_id": "9"}}).zalo.send_text("tok", "9", "x")
    assert caught.value.may_have_applied is True
    sent = await serve({**ok, "data": {"message_id": "abc"}}).zalo.send_text("tok", "9", "x")
    assert (sent.recipient_id, sent.message_id) == ("9", "abc")
    with pytest.raises(MalformedResponse):
        await serve({"message": "no error key"}).zalo.oa_info("tok")


@pytest.mark.parametrize(
    "body",
    [
        {"access_token": "a", "refresh_token": "r", "expires_in": "soon"},
        {"access_token": "a", "refresh_token": "r", "expires_in": "-5"},
        {"access_token": "a", "refresh_token": "r"},
        {"access_token": "a", "expires_in": "90000"},
        {"refresh_token": "r", "expires_in": 90000},
        {"access_token": "a", "refresh_token": "r", "expires_in": True},
    ],
)
@pytest.mark.asyncio
async def test_token_answers_with_bad_shapes(
    serve: Callable[[Any], PlatformClients], body: dict[str, Any]
) -> None:
    with pytest.raises(MalformedResponse) as caught:
        await serve(body).zalo.refresh("app", "secret", "rt")
    assert caught.value.may_have_applied is True  # the refresh token is spent


@pytest.mark.asyncio
async def test_numeric_expires_in_is_accepted(serve: Callable[[Any], PlatformClients]) -> None:
    zalo = serve({"access_token": "a", "refresh_token": "r", "expires_in": 90000}).zalo
    pair = await zalo.refresh("app", "secret", "rt")
    assert pair.access_token == "a"


@pytest.mark.asyncio
async def test_retry_after_header_on_429(serve: Callable[[Any], PlatformClients]) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, text="slow down", headers={"Retry-After": "7"})

    with pytest.raises(RateLimited) as caught:
        await serve(answer).zalo.oa_info("tok")
    assert caught.value.retry_after == 7.0


@pytest.mark.asyncio
async def test_decoding_errors_are_malformed(serve: Callable[[Any], PlatformClients]) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"\x00garbage", headers={"Content-Encoding": "gzip"})

    with pytest.raises(MalformedResponse) as caught:
        await serve(answer).graph.set_hidden("1_2", "tok", True)
    assert caught.value.may_have_applied is True


def test_errors_survive_copy_and_pickle() -> None:
    err = RateLimited("slow", retry_after=12, scope="app", platform="facebook", code=4)
    for clone in (copy.copy(err), pickle.loads(pickle.dumps(err))):
        assert type(clone) is RateLimited and str(clone) == "slow"
        assert (clone.retry_after, clone.scope, clone.code) == (12.0, "app", 4)
    lost = pickle.loads(pickle.dumps(Transient("x", platform="zalo", may_have_applied=True)))
    assert lost.may_have_applied is True and lost.retryable is True
    assert json.dumps(lost.message) == '"x"'
