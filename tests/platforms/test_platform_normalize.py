"""Normalisers on the simulator's real payloads, on the seed world's items (synced items must
look exactly like seeded ones), and on malformed input (never KeyError/TypeError)."""

from __future__ import annotations

import contextlib
import dataclasses
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_platform_fixtures import Env, EnvFactory

from desktop.domain.enums import Channel, Direction, ItemKind
from desktop.domain.records import IncomingItem
from desktop.domain.units import account_units
from desktop.platforms import MalformedResponse
from desktop.platforms.normalize import (
    conversation_psid,
    graph_comment,
    graph_message,
    graph_post,
    parse_graph_time,
    resolve_thread_root,
    zalo_message,
)
from desktop.services.seed.world import SeedWorld, account_specs

pytest_plugins = ["test_platform_fixtures"]


# ---------------------------------------------------------------------------- real payloads
@pytest.mark.asyncio
async def test_posts_and_comment_threads_from_the_simulator(make_env: EnvFactory) -> None:
    env = await make_env(fb_reply_to_reply_parent="target")
    page_id, token = env.page()
    post_world = max(env.world.pages[page_id].posts, key=lambda p: len(p.comments_all))
    top = post_world.toplevel.newest(1)[0]
    reply = env.control.add_comment(page_id, parent_id=top.id, text="Tôi cũng vậy")
    deeper = env.control.add_comment(page_id, parent_id=str(reply["comment_id"]), text="Sao?")
    feed = await env.graph.feed(page_id, token)
    post_json = next(p for p in feed.data if p["id"] == post_world.id)
    post = graph_post(post_json)
    assert (post.external_id, post.message) == (post_world.id, post_world.message)
    assert post.created_at == datetime.fromtimestamp(int(post_world.created), UTC)
    assert post.permalink == post_json["permalink_url"]
    page = await env.graph.comments(post.external_id, token, limit=100)
    roots: dict[str, str] = {}
    items: list[IncomingItem] = []
    for comment in page.data:
        root = resolve_thread_root(comment, roots)
        roots[comment["id"]] = root
        assert resolve_thread_root(comment) == root  # from the permalink alone, too
        items.append(graph_comment(page_id, post, comment, root))
    by_id = {i.external_id: i for i in items}
    for item in items:
        truth = env.world.nodes[item.external_id]
        assert item.thread_external_id == (truth.top_id or truth.id)  # type: ignore[union-attr]
        assert item.kind is (ItemKind.REPLY if truth.top_id else ItemKind.COMMENT)  # type: ignore[union-attr]
        assert item.direction is (
            Direction.OUTBOUND if truth.author_id == page_id else Direction.INBOUND  # type: ignore[union-attr]
        )
        assert item.raw == next(c for c in page.data if c["id"] == item.external_id)
        assert item.post == post and item.channel is Channel.FB_COMMENT
    deep = by_id[str(deeper["comment_id"])]
    assert deep.parent_external_id == reply["comment_id"] and deep.thread_external_id == top.id


@pytest.mark.asyncio
async def test_outbound_comment_and_hidden_flag(env: Env) -> None:
    page_id, token = env.page()
    made = env.control.add_comment(page_id, text="Lừa đảo")
    cid = str(made["comment_id"])
    own = await env.graph.reply_to_comment(cid, token, "Đã tiếp nhận")
    env.control.platform_hide(cid)
    post = graph_post((await env.graph.feed(page_id, token, limit=100)).data[0])
    replies = await env.graph.comments(cid, token, filter="toplevel")
    item = graph_comment(page_id, post, replies.data[0], cid)
    assert item.external_id == own and item.direction is Direction.OUTBOUND
    assert item.author_external_id == page_id and item.kind is ItemKind.REPLY
    top = graph_comment(page_id, post, await env.graph.comment(cid, token), cid)
    assert top.is_hidden is True and top.kind is ItemKind.COMMENT and top.parent_external_id is None


@pytest.mark.asyncio
async def test_messenger_messages_from_the_simulator(env: Env) -> None:
    page_id, token = env.page()
    convs = await env.graph.conversations(page_id, token, limit=100, message_limit=25)
    assert convs.data
    for conv in convs.data:
        psid = conversation_psid(page_id, conv)
        truth = env.world.nodes[conv["id"]]
        assert psid == truth.psid  # type: ignore[union-attr]
        for msg in conv["messages"]["data"]:
            item = graph_message(page_id, conv["id"], msg)
            assert item.thread_external_id == conv["id"] and item.kind is ItemKind.MESSAGE
            inbound = msg["from"]["id"] == psid
            assert item.direction is (Direction.INBOUND if inbound else Direction.OUTBOUND)
            assert item.raw == msg and item.channel is Channel.FB_MESSAGE


@pytest.mark.asyncio
async def test_message_attachments_metadata(env: Env) -> None:
    page_id, token = env.page()
    psid = str(env.control.add_message(page_id, text="Alo", new_thread=True)["psid"])
    await env.graph.http.request(
        "facebook",
        "POST",
        f"{env.urls.graph}/{page_id}/messages",
        json_body={
            "recipient": {"id": psid},
            "messaging_type": "RESPONSE",
            "message": {
                "attachment": {"type": "image", "payload": {"url": "https://x.test/a.jpg"}}
            },
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    [msg] = await env.graph.conversation_messages(page_id, token, psid, limit=1)
    conv = env.world.pages[page_id].conversation_by_psid[psid]
    item = graph_message(page_id, conv.id, msg)
    assert item.attachments[0]["image_url"] == "https://x.test/a.jpg"
    assert item.attachments[0]["mime_type"] == "image/jpeg"


@pytest.mark.asyncio
async def test_zalo_rows_from_the_simulator(env: Env) -> None:
    oa = env.oa()
    oa_id = oa["external_id"]
    made = env.control.add_zalo_message(oa_id, text="Xin chào", new_user=True)
    user_id = str(made["user_id"])
    sent = await env.zalo.send_text(oa["access_token"], user_id, "Chào bạn")
    rows = await env.zalo.conversation(oa["access_token"], user_id)
    out, inbound = (zalo_message(oa_id, r) for r in rows)
    assert out.external_id == sent.message_id and out.direction is Direction.OUTBOUND
    assert inbound.external_id == made["message_id"] and inbound.direction is Direction.INBOUND
    for item in (out, inbound):
        assert item.thread_external_id == user_id and item.channel is Channel.ZALO_MESSAGE
        assert item.created_at == env.now() and item.kind is ItemKind.MESSAGE
    assert inbound.author_external_id == user_id and out.author_external_id == oa_id
    for row in await env.zalo.recent_chats(oa["access_token"]):
        item = zalo_message(oa_id, row)
        assert item.thread_external_id != oa_id and item.raw == row


# ---------------------------------------------------------------------------- seed parity
def seed_items(count: int = 400) -> list[IncomingItem]:
    rng = random.Random(7)
    specs = account_specs(4, rng)
    names = {u.code: u.name for u in account_units()}
    now = datetime(2026, 11, 18, 8, 0, tzinfo=UTC)
    return list(SeedWorld(specs, names, seed=7, now=now).items(count))


def same_but_time(synced: IncomingItem, seeded: IncomingItem) -> None:
    assert abs(synced.created_at - seeded.created_at) < timedelta(seconds=1)
    assert dataclasses.replace(synced, created_at=seeded.created_at) == seeded


def test_normalising_seed_payloads_gives_back_the_seed_items() -> None:
    seen = set()
    for item in seed_items():
        seen.add(item.channel)
        if item.channel is Channel.FB_COMMENT:
            assert item.post is not None
            root = resolve_thread_root(item.raw)
            same_but_time(graph_comment(item.account_external_id, item.post, item.raw, root), item)
        elif item.channel is Channel.FB_MESSAGE:
            synced = graph_message(item.account_external_id, item.thread_external_id, item.raw)
            same_but_time(synced, item)
        else:
            same_but_time(zalo_message(item.account_external_id, item.raw), item)
    assert seen == set(Channel)


@pytest.mark.asyncio
async def test_synced_raw_payloads_have_the_seed_shape(env: Env) -> None:
    """The keys the seed world writes are exactly what the simulator answers (plus extras)."""
    seeded = {i.channel: set(i.raw) for i in seed_items(200)}
    page_id, token = env.page()
    post = next(p for p in env.world.pages[page_id].posts if len(p.comments_all))
    comments = (await env.graph.comments(post.id, token)).data
    reply = next(c for c in comments if "parent" in c)
    assert set(reply) == seeded[Channel.FB_COMMENT]
    conv = (await env.graph.conversations(page_id, token, limit=1)).data[0]
    assert set(conv["messages"]["data"][0]) == seeded[Channel.FB_MESSAGE]
    row = (await env.zalo.recent_chats(env.oa()["access_token"], count=1))[0]
    assert set(row) >= seeded[Channel.ZALO_MESSAGE]


# ---------------------------------------------------------------------------- malformed
GOOD_COMMENT: dict[str, Any] = {
    "id": "1_2",
    "message": "x",
    "from": {"id": "9", "name": "A"},
    "created_time": "2026-11-20T03:15:00+0000",
    "is_hidden": False,
}
GOOD_ROW: dict[str, Any] = {
    "src": 1,
    "time": 1759512710365,
    "from_id": "31",
    "to_id": "35",
    "message_id": "0a1b",
    "type": "text",
    "message": "a",
}


def test_parse_graph_time() -> None:
    expected = datetime(2026, 11, 20, 3, 15, tzinfo=UTC)
    assert parse_graph_time("2026-11-20T03:15:00+0000") == expected
    assert parse_graph_time("2026-11-20T10:15:00+0700") == expected
    assert parse_graph_time("2026-11-20T03:15:00+00:00") == expected
    for bad in ("", "yesterday", "2026-11-20T03:15:00", None, 17):
        with pytest.raises(MalformedResponse):
            parse_graph_time(bad)


@pytest.mark.parametrize(
    "change",
    [
        {"id": None},
        {"id": ""},
        {"id": True},
        {"created_time": None},
        {"created_time": "20/11/2026"},
        {"message": 5},
        {"from": "someone"},
        {"from": {"id": 9}},
        {"is_hidden": "yes"},
        {"parent": "1_1"},
        {"parent": {"id": 3}},
        {"attachment": []},
        {"attachment": {"data": "x"}},
    ],
)
def test_malformed_comments(change: dict[str, Any]) -> None:
    post = graph_post({"id": "5_1", "created_time": "2026-11-20T03:15:00+0000"})
    comment = {**GOOD_COMMENT, **change}
    with pytest.raises(MalformedResponse) as caught:
        graph_comment("5", post, comment, "1_2")
    assert caught.value.platform == "facebook" and str(caught.value)


def test_a_reply_cannot_be_its_own_root_and_missing_from_is_allowed() -> None:
    post = graph_post({"id": "5_1", "created_time": "2026-11-20T03:15:00+0000"})
    with pytest.raises(MalformedResponse):
        graph_comment("5", post, {**GOOD_COMMENT, "parent": {"id": "1_1"}}, "1_2")
    anonymous = {k: v for k, v in GOOD_COMMENT.items() if k != "from"}
    item = graph_comment("5", post, anonymous, "1_2")
    assert item.author_external_id is None and item.direction is Direction.INBOUND


@pytest.mark.parametrize(
    "change",
    [
        {"message_id": None},
        {"time": None},
        {"time": "yesterday"},
        {"time": 1e300},
        {"time": True},
        {"src": 2},
        {"src": None},
        {"src": True},
        {"from_id": None},
        {"to_id": []},
        {"from_display_name": 3},
    ],
)
def test_malformed_zalo_rows(change: dict[str, Any]) -> None:
    with pytest.raises(MalformedResponse) as caught:
        zalo_message("35", {**GOOD_ROW, **change})
    assert caught.value.platform == "zalo"


def test_zalo_row_tolerances() -> None:
    item = zalo_message("35", {**GOOD_ROW, "time": "1759512710365", "src": "0", "from_id": 35})
    assert item.direction is Direction.OUTBOUND and item.thread_external_id == "35"
    photo = zalo_message("35", {**GOOD_ROW, "type": "photo", "url": "https://z/p.jpg"})
    assert photo.attachments == ({"type": "photo", "url": "https://z/p.jpg"},)


def test_not_objects_at_all() -> None:
    post = graph_post({"id": "5_1", "created_time": "2026-11-20T03:15:00+0000"})
    bad: Any
    for bad in (None, [], "x", 3):
        with pytest.raises(MalformedResponse):
            graph_post(bad)
        with pytest.raises(MalformedResponse):
            graph_comment("5", post, bad, "1_2")
        with pytest.raises(MalformedResponse):
            graph_message("5", "t_1", bad)
        with pytest.raises(MalformedResponse):
            zalo_message("5", bad)
        with pytest.raises(MalformedResponse):
            resolve_thread_root(bad)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(
    field=st.sampled_from(
        ["id", "message", "from", "created_time", "parent", "is_hidden", "attachment"]
    ),
    value=json_values,
)
def test_any_comment_field_value_is_normalised_or_rejected_cleanly(field: str, value: Any) -> None:
    post = graph_post({"id": "5_1", "created_time": "2026-11-20T03:15:00+0000"})
    comment = {**GOOD_COMMENT, field: value}
    try:
        root = resolve_thread_root(comment)
        item = graph_comment("5", post, comment, root)
    except MalformedResponse:
        return
    assert item.raw == comment


@settings(max_examples=150, deadline=None)
@given(
    field=st.sampled_from([*GOOD_ROW, "from_display_name"]),
    value=json_values,
)
def test_any_zalo_field_value_is_normalised_or_rejected_cleanly(field: str, value: Any) -> None:
    row = {**GOOD_ROW, field: value}
    try:
        item = zalo_message("35", row)
    except MalformedResponse:
        return
    assert item.raw == row and item.external_id


@settings(max_examples=100, deadline=None)
@given(
    msg=st.dictionaries(
        st.sampled_from(["id", "created_time", "from", "message", "attachments"]), json_values
    )
)
def test_any_message_is_normalised_or_rejected_cleanly(msg: dict[str, Any]) -> None:
    with contextlib.suppress(MalformedResponse):
        graph_message("5", "t_1", msg)
