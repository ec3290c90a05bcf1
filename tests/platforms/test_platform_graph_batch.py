"""Graph batch against the simulator: per-operation tokens for many Pages, per-operation
errors as values, splitting above 50 operations, unfinished operations, write operations."""

from __future__ import annotations

import json

import httpx
import pytest
from test_platform_fixtures import Env

from desktop.platforms import (
    BatchRequest,
    NotFound,
    RateLimited,
    TokenExpired,
    TokenInvalid,
    Transient,
)

pytest_plugins = ["test_platform_fixtures"]


@pytest.mark.asyncio
async def test_batch_reads_for_several_pages_with_their_own_tokens(env: Env) -> None:
    pages = [env.page(i) for i in range(3)]
    ops = [
        BatchRequest.get(f"{pid}/feed", {"fields": "id,updated_time", "limit": "2"}, token=tok)
        for pid, tok in pages
    ]
    results = await env.graph.batch(pages[0][1], ops)
    assert [r.status for r in results] == [200, 200, 200] and all(r.ok for r in results)
    for (pid, tok), result in zip(pages, results, strict=True):
        assert all(post["id"].startswith(pid + "_") for post in result.body["data"])
        assert "next" in result.body["paging"] and tok not in json.dumps(result.body)
        assert "X-Business-Use-Case-Usage" in result.headers
    assert env.clients.usage.account_usage(pages[2][0]) is not None


@pytest.mark.asyncio
async def test_batch_errors_are_values(env: Env) -> None:
    page_id, token = env.page()
    ops = [
        BatchRequest.get(page_id, {"fields": "id,name"}),
        BatchRequest.get(page_id, token="SIMFB-unknown"),
        BatchRequest.get("123_456", {"fields": "id"}),
        BatchRequest.get(f"{page_id}/feed"),
    ]
    env.control.add_fault(kind="throttle", surface="graph", path="*/feed")
    results = await env.graph.batch(token, ops)
    assert results[0].ok and results[0].body["id"] == page_id
    assert isinstance(results[1].error, TokenInvalid) and results[1].status == 400
    assert isinstance(results[2].error, NotFound)
    assert isinstance(results[3].error, RateLimited) and results[3].error.code == 80001
    for result in results[1:]:
        assert "SIMFB-" not in str(result.error)


@pytest.mark.asyncio
async def test_batch_token_expired_per_operation(env: Env) -> None:
    page_id, token = env.page()
    other_id, other_token = env.page(1)
    env.control.expire_token("facebook", other_id)
    ops = [BatchRequest.get(page_id), BatchRequest.get(other_id, token=other_token)]
    results = await env.graph.batch(token, ops)
    assert results[0].ok and isinstance(results[1].error, TokenExpired)


@pytest.mark.asyncio
async def test_more_than_fifty_operations_are_split(env: Env) -> None:
    page_id, token = env.page()
    batches: list[int] = []

    async def hook(request: httpx.Request) -> None:
        if request.method == "POST":
            form = dict(httpx.QueryParams(request.content.decode()))
            batches.append(len(json.loads(form["batch"])))

    env.client.event_hooks["request"].append(hook)
    ops = [BatchRequest.get(page_id, {"fields": "id"}, name=f"op{i}") for i in range(120)]
    results = await env.graph.batch(token, ops)
    assert batches == [50, 50, 20]
    assert len(results) == 120 and all(r.ok and r.body["id"] == page_id for r in results)


@pytest.mark.asyncio
async def test_unfinished_operations(env: Env) -> None:
    page_id, token = env.page()
    made = env.control.add_comment(page_id, text="x")
    cid = str(made["comment_id"])
    env.control.add_fault(kind="batch_partial", surface="graph", complete=1)
    ops = [
        BatchRequest.get(page_id),
        BatchRequest("POST", cid, {"is_hidden": "true"}),
        BatchRequest.get(page_id),
    ]
    results = await env.graph.batch(token, ops)
    assert results[0].ok
    for result, write in ((results[1], True), (results[2], False)):
        assert result.status is None and isinstance(result.error, Transient)
        assert result.error.may_have_applied is write


@pytest.mark.asyncio
async def test_batch_writes(env: Env) -> None:
    page_id, token = env.page()
    cid = str(env.control.add_comment(page_id, text="x")["comment_id"])
    results = await env.graph.batch(
        token,
        [
            BatchRequest("POST", cid, {"is_hidden": "true"}),
            BatchRequest("POST", f"{cid}/comments", {"message": "Đã nhận"}),
        ],
    )
    assert results[0].body == {"success": True}
    assert results[1].body["id"] == env.writes("fb.comment.reply")[0].result["id"]
    assert [w.action for w in env.writes("fb.comment")] == ["fb.comment.hide", "fb.comment.reply"]


@pytest.mark.asyncio
async def test_a_failed_batch_call_raises(env: Env) -> None:
    page_id, token = env.page()
    env.control.add_fault(kind="http_error", surface="graph", status=502)
    with pytest.raises(Transient) as caught:
        await env.graph.batch(token, [BatchRequest.get(page_id)])
    assert caught.value.http_status == 502
    env.control.add_fault(kind="malformed_json", surface="graph", method="POST")
    with pytest.raises(Transient):
        await env.graph.batch(token, [BatchRequest.get(page_id)])


@pytest.mark.asyncio
async def test_malformed_operation_body_is_a_value(env: Env) -> None:
    page_id, token = env.page()
    env.control.add_fault(kind="malformed_json", surface="graph", path=f"/{page_id}")
    results = await env.graph.batch(token, [BatchRequest.get(page_id), BatchRequest.get(page_id)])
    assert type(results[0].error).__name__ == "MalformedResponse" and results[1].ok


def test_batch_request_repr_hides_the_token() -> None:
    op = BatchRequest.get("1/feed", {"limit": "1"}, token="SIMFB-very-secret")
    assert "SIMFB" not in repr(op) and op.relative_url == "1/feed?limit=1"


@pytest.mark.asyncio
async def test_large_bodies_parse_off_the_loop_exactly_as_small_ones() -> None:
    from desktop.platforms.http import PARSE_INLINE_LIMIT, parse_json

    value = {"data": [{"id": str(i), "message": "Xin chào công an 👮" * 3} for i in range(2000)]}
    big = json.dumps(value, ensure_ascii=False).encode()
    assert len(big) > PARSE_INLINE_LIMIT
    assert await parse_json(big) == (value, True)
    assert await parse_json(b"<html>" + b"x" * PARSE_INLINE_LIMIT) == (None, False)
    assert await parse_json(b"  ") == (None, False)


def test_batch_items_are_decoded_and_scrubbed_together() -> None:
    from desktop.platforms.graph_batch import decode_items

    next_url = "https://graph.facebook.com/v23.0/1/comments?access_token=SECRET&after=QVFI"
    items = [
        {"code": 200, "body": json.dumps({"data": [], "paging": {"next": next_url}})},
        {"code": 200, "body": "not json"},
        None,  # an operation that did not finish
    ]
    (first, ok), second, third = decode_items(items)
    assert ok and "SECRET" not in json.dumps(first) and "after=QVFI" in first["paging"]["next"]
    assert second == (None, False) and third == (None, False)
