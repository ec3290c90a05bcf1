"""GraphClient reads against the simulator: Page, feed, comments, conversations, messages,
paging to the end (time paging, empty pages that still have ``next``), read-backs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from test_platform_fixtures import Env, EnvFactory

from desktop.platforms import GraphPage, NotFound
from desktop.platforms.graph import COMMENT_FIELDS

Fetch = Callable[[str | None], Awaitable[GraphPage[dict[str, Any]]]]

pytest_plugins = ["test_platform_fixtures"]


async def collect(fetch: Fetch, *, max_pages: int = 200) -> tuple[list[dict[str, Any]], int]:
    """Every item of a list, following ``next_cursor`` to the end; (items, pages fetched)."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for pages in range(1, max_pages + 1):
        page = await fetch(cursor)
        items.extend(page.data)
        if page.next_cursor is None:
            return items, pages
        cursor = page.next_cursor
    raise AssertionError("paging did not end")


def busiest_post(env: Env, page_id: str) -> Any:
    return max(env.world.pages[page_id].posts, key=lambda p: len(p.comments_all))


@pytest.mark.asyncio
async def test_page(env: Env) -> None:
    page_id, token = env.page()
    page = await env.graph.page(page_id, token)
    assert page["id"] == page_id and page["name"] == env.world.pages[page_id].name


@pytest.mark.asyncio
async def test_feed_pages_to_the_end(env: Env) -> None:
    page_id, token = env.page()
    items, pages = await collect(lambda c: env.graph.feed(page_id, token, after=c, limit=1))
    world_posts = env.world.pages[page_id].posts
    assert pages == len(world_posts) and len(items) == len(world_posts)
    assert [p["id"] for p in items] == [p.id for p in sorted(world_posts, key=lambda p: -p.created)]
    assert set(items[0]) >= {"id", "message", "created_time", "updated_time", "permalink_url"}


@pytest.mark.asyncio
async def test_feed_since_is_a_quiet_poll_until_a_new_post(env: Env) -> None:
    page_id, token = env.page()
    quiet = await env.graph.feed(page_id, token, since=env.now())
    assert quiet.data == [] and quiet.next_cursor is None
    made = env.control.add_post(page_id, "Thông báo mới")
    fresh = await env.graph.feed(page_id, token, since=env.now())
    assert [p["id"] for p in fresh.data] == [made["post_id"]]


@pytest.mark.asyncio
async def test_time_based_feed_paging_reaches_the_end(make_env: EnvFactory) -> None:
    env = await make_env(fb_feed_paging="time")
    page_id, token = env.page()
    since = datetime(2020, 1, 1, tzinfo=UTC)
    first = await env.graph.feed(page_id, token, since=since, limit=1)
    assert first.next_cursor is not None and first.next_cursor.startswith("?")
    assert token not in first.next_cursor
    items, _ = await collect(
        lambda c: env.graph.feed(page_id, token, since=since, after=c, limit=1)
    )
    assert len(items) == len(env.world.pages[page_id].posts)


@pytest.mark.asyncio
async def test_empty_page_with_next_is_not_the_end(env: Env) -> None:
    page_id, token = env.page()
    second = await env.graph.feed(page_id, token, limit=1)
    env.control.add_fault(kind="empty_page", surface="graph", path="*/feed")
    empty = await env.graph.feed(page_id, token, limit=1)
    assert empty.data == [] and empty.next_cursor is not None
    again = await env.graph.feed(page_id, token, after=empty.next_cursor, limit=1)
    assert again.data == second.data
    # an empty page in the middle keeps the position
    assert second.next_cursor is not None
    env.control.add_fault(kind="empty_page", surface="graph", path="*/feed")
    empty = await env.graph.feed(page_id, token, after=second.next_cursor, limit=1)
    assert empty.data == [] and empty.next_cursor is not None
    third = await env.graph.feed(page_id, token, after=empty.next_cursor, limit=1)
    direct = await env.graph.feed(page_id, token, after=second.next_cursor, limit=1)
    assert third.data == direct.data and third.data != second.data


@pytest.mark.asyncio
async def test_comments_stream_pages_to_the_end_with_parent_and_summary(env: Env) -> None:
    page_id, token = env.page()
    post = busiest_post(env, page_id)
    items, pages = await collect(lambda c: env.graph.comments(post.id, token, after=c, limit=2))
    assert len(items) == len(post.comments_all) and pages >= 2
    assert [c["id"] for c in items] == [c.id for c in post.comments_all]
    replies = [c for c in items if "parent" in c]
    assert len(replies) == len(post.comments_all) - len(post.toplevel)
    assert all(set(r["parent"]) == {"id"} for r in replies)
    first = await env.graph.comments(post.id, token, limit=1)
    assert first.summary is not None
    assert first.summary["total_count"] == len(post.comments_all)
    wanted = set(COMMENT_FIELDS.replace("parent{id}", "parent").split(",")) - {"attachment"}
    assert set(items[0]) >= wanted - {"parent"}


@pytest.mark.asyncio
async def test_comments_toplevel_reverse_and_replies_of_a_comment(env: Env) -> None:
    page_id, token = env.page()
    post = busiest_post(env, page_id)
    top = await env.graph.comments(
        post.id, token, filter="toplevel", order="reverse_chronological", limit=100
    )
    assert [c["id"] for c in top.data] == [c.id for c in reversed(list(post.toplevel))]
    assert top.next_cursor is None
    parent = max(post.toplevel, key=lambda c: len(c.replies))
    replies = await env.graph.comments(parent.id, token, filter="toplevel")
    assert [c["id"] for c in replies.data] == [c.id for c in parent.replies]


@pytest.mark.asyncio
async def test_comments_since(env: Env) -> None:
    page_id, token = env.page()
    post = busiest_post(env, page_id)
    assert (await env.graph.comments(post.id, token, since=env.now())).data == []
    made = env.control.add_comment(page_id, post_id=post.id, text="Mới")
    fresh = await env.graph.comments(post.id, token, since=env.now())
    assert [c["id"] for c in fresh.data] == [made["comment_id"]]


@pytest.mark.asyncio
async def test_conversations_with_inline_messages_page_to_the_end(env: Env) -> None:
    page_id, token = env.page()
    items, pages = await collect(
        lambda c: env.graph.conversations(page_id, token, after=c, limit=1, message_limit=2)
    )
    world = env.world.pages[page_id]
    assert len(items) == len(world.conversations) and pages == len(items)
    for conv in items:
        assert conv["id"].startswith("t_")
        inline = conv["messages"]["data"]
        assert 1 <= len(inline) <= 2
        assert set(inline[0]) >= {"id", "created_time", "from", "message"}
        psids = {p["id"] for p in conv["participants"]["data"]}
        assert page_id in psids and len(psids) == 2


@pytest.mark.asyncio
async def test_messages_newest_first_to_the_end(env: Env) -> None:
    page_id, token = env.page()
    conv = max(env.world.pages[page_id].conversations, key=lambda c: len(c.messages))
    items, _ = await collect(lambda c: env.graph.messages(conv.id, token, after=c, limit=1))
    assert [m["id"] for m in items] == [m.id for m in reversed(list(conv.messages))]


@pytest.mark.asyncio
async def test_comment_read_back_and_deleted_comment_is_not_found(env: Env) -> None:
    page_id, token = env.page()
    made = env.control.add_comment(page_id, text="Cần hỗ trợ")
    got = await env.graph.comment(made["comment_id"], token)
    assert got["id"] == made["comment_id"] and got["can_reply_privately"] is True
    assert "private_reply_conversation" not in got
    env.control.platform_delete(made["comment_id"])
    with pytest.raises(NotFound) as caught:
        await env.graph.comment(made["comment_id"], token)
    assert (caught.value.code, caught.value.subcode, caught.value.retryable) == (100, 33, False)


@pytest.mark.asyncio
async def test_private_reply_shows_in_the_comment_read_back(env: Env) -> None:
    page_id, token = env.page()
    made = env.control.add_comment(page_id, text="Nhắn riêng giúp")
    sent = await env.graph.private_reply(page_id, token, made["comment_id"], "Chào bạn")
    got = await env.graph.comment(made["comment_id"], token)
    assert got["can_reply_privately"] is False
    assert got["private_reply_conversation"]["id"].startswith("t_")
    messages = await env.graph.conversation_messages(page_id, token, made["author_id"])
    assert messages[0]["id"] == sent.message_id


@pytest.mark.asyncio
async def test_conversation_messages_of_someone_without_a_conversation(env: Env) -> None:
    page_id, token = env.page()
    assert await env.graph.conversation_messages(page_id, token, "1234567890123456") == []
