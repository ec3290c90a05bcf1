"""GraphClient writes against the simulator: public replies, private reply (once), Send API
windows (24 h RESPONSE, 7 days HUMAN_AGENT), hide/unhide, delete, block, read-backs."""

from __future__ import annotations

from typing import Any

import pytest
from test_platform_fixtures import Env, EnvFactory

from desktop.platforms import (
    AlreadyDone,
    NotFound,
    Permanent,
    PermissionMissing,
    RecipientUnavailable,
    WindowClosed,
)

HOUR = 3600.0
DAY = 24 * HOUR

pytest_plugins = ["test_platform_fixtures"]


def fresh_comment(env: Env, page_id: str, **kw: Any) -> dict[str, Any]:
    return env.control.add_comment(page_id, text="Tôi bị lừa qua mạng", **kw)


@pytest.mark.asyncio
async def test_reply_to_comment_returns_the_new_id_and_reads_back(env: Env) -> None:
    page_id, token = env.page()
    made = fresh_comment(env, page_id)
    new_id = await env.graph.reply_to_comment(str(made["comment_id"]), token, "Đã tiếp nhận")
    assert new_id.split("_")[0] == str(made["post_id"]).split("_")[1]
    [write] = env.writes("fb.comment.reply")
    assert write.result == {"id": new_id} and write.payload == {"message": "Đã tiếp nhận"}
    replies = await env.graph.recent_page_replies(str(made["comment_id"]), token, page_id=page_id)
    assert [r["id"] for r in replies] == [new_id]
    assert replies[0]["parent"]["id"] == made["comment_id"]


@pytest.mark.asyncio
async def test_a_reply_to_a_reply_lives_under_the_top_level_comment(env: Env) -> None:
    page_id, token = env.page()
    top = fresh_comment(env, page_id)
    reply = env.control.add_comment(page_id, parent_id=str(top["comment_id"]), text="Tôi nữa")
    new_id = await env.graph.reply_to_comment(str(reply["comment_id"]), token, "Xin gửi SĐT")
    replies = await env.graph.recent_page_replies(str(top["comment_id"]), token, page_id=page_id)
    assert [r["id"] for r in replies] == [new_id]
    assert replies[0]["parent"]["id"] == reply["comment_id"]


@pytest.mark.asyncio
async def test_private_reply_once(env: Env) -> None:
    page_id, token = env.page()
    made = fresh_comment(env, page_id)
    sent = await env.graph.private_reply(page_id, token, str(made["comment_id"]), "Chào bạn")
    assert sent.recipient_id == made["author_id"] and sent.message_id.startswith("m_")
    with pytest.raises(AlreadyDone) as caught:
        await env.graph.private_reply(page_id, token, str(made["comment_id"]), "Lần hai")
    assert caught.value.code == 10900 and not caught.value.retryable
    assert len(env.writes("fb.private_reply")) == 1
    assert len(env.writes("fb.private_reply", status="rejected")) == 1


@pytest.mark.asyncio
async def test_private_reply_without_recipient_id(make_env: EnvFactory) -> None:
    env = await make_env(fb_private_reply_returns_recipient_id=False)
    page_id, token = env.page()
    made = fresh_comment(env, page_id)
    sent = await env.graph.private_reply(page_id, token, str(made["comment_id"]), "Chào bạn")
    assert sent.recipient_id is None and sent.message_id


@pytest.mark.asyncio
async def test_private_reply_window_is_seven_days(env: Env) -> None:
    page_id, token = env.page()
    made = fresh_comment(env, page_id)
    env.control.advance_clock(7 * DAY + 60)
    with pytest.raises(WindowClosed) as caught:
        await env.graph.private_reply(page_id, token, str(made["comment_id"]), "Muộn rồi")
    assert (caught.value.code, caught.value.subcode) == (10, 2018278)


@pytest.mark.asyncio
async def test_send_message_inside_and_outside_the_24h_window(env: Env) -> None:
    page_id, token = env.page()
    msg = env.control.add_message(page_id, text="Cho hỏi thủ tục", new_thread=True)
    psid = str(msg["psid"])
    sent = await env.graph.send_message(page_id, token, psid, "Bạn mang CCCD nhé")
    assert sent.recipient_id == psid
    [write] = env.writes("fb.message.send")
    assert write.payload["messaging_type"] == "RESPONSE"
    back = await env.graph.conversation_messages(page_id, token, psid, limit=1)
    assert back[0]["id"] == sent.message_id and back[0]["from"]["id"] == page_id
    env.control.advance_clock(24 * HOUR + 60)
    with pytest.raises(WindowClosed) as caught:
        await env.graph.send_message(page_id, token, psid, "Quá 24 giờ")
    assert (caught.value.code, caught.value.subcode, caught.value.retryable) == (
        10,
        2018278,
        False,
    )


@pytest.mark.asyncio
async def test_human_agent_tag_reaches_seven_days_but_no_further(env: Env) -> None:
    page_id, token = env.page()
    psid = str(env.control.add_message(page_id, text="Alo", new_thread=True)["psid"])
    env.control.advance_clock(6 * DAY)
    sent = await env.graph.send_message(page_id, token, psid, "Cán bộ trả lời", human_agent=True)
    assert sent.message_id
    write = env.writes("fb.message.send")[-1]
    assert (write.payload["messaging_type"], write.payload["tag"]) == ("MESSAGE_TAG", "HUMAN_AGENT")
    env.control.advance_clock(DAY + 60)
    with pytest.raises(WindowClosed):
        await env.graph.send_message(page_id, token, psid, "Quá 7 ngày", human_agent=True)


@pytest.mark.asyncio
async def test_human_agent_without_the_feature_is_a_permission_error(env: Env) -> None:
    page_id, token = env.page()
    psid = str(env.control.add_message(page_id, text="Alo", new_thread=True)["psid"])
    env.control.revoke_permission(page_id, "human_agent")
    with pytest.raises(PermissionMissing) as caught:
        await env.graph.send_message(page_id, token, psid, "x", human_agent=True)
    assert caught.value.code == 10 and caught.value.subcode is None


@pytest.mark.asyncio
async def test_hide_unhide_and_the_page_cannot_hide_its_own_comment(env: Env) -> None:
    page_id, token = env.page()
    made = fresh_comment(env, page_id)
    cid = str(made["comment_id"])
    await env.graph.set_hidden(cid, token, True)
    assert (await env.graph.comment(cid, token))["is_hidden"] is True
    await env.graph.set_hidden(cid, token, False)
    assert (await env.graph.comment(cid, token))["is_hidden"] is False
    assert [w.action for w in env.writes("fb.comment")] == ["fb.comment.hide", "fb.comment.unhide"]
    own = await env.graph.reply_to_comment(cid, token, "Trang trả lời")
    with pytest.raises(Permanent) as caught:
        await env.graph.set_hidden(own, token, True)
    assert caught.value.code == 100 and not caught.value.retryable


@pytest.mark.asyncio
async def test_delete_comment(env: Env) -> None:
    page_id, token = env.page()
    cid = str(fresh_comment(env, page_id)["comment_id"])
    await env.graph.delete_comment(cid, token)
    assert env.world.nodes[cid].deleted
    with pytest.raises(NotFound):
        await env.graph.comment(cid, token)
    assert [w.action for w in env.writes("fb.comment")] == ["fb.comment.delete"]


@pytest.mark.asyncio
async def test_block_unblock_and_messaging_a_blocked_person(env: Env) -> None:
    page_id, token = env.page()
    msg = env.control.add_message(page_id, text="Đồ tồi", new_thread=True)
    psid = str(msg["psid"])
    assert await env.graph.block(page_id, token, psid) is True
    assert psid in env.world.pages[page_id].blocked
    with pytest.raises(RecipientUnavailable) as caught:
        await env.graph.send_message(page_id, token, psid, "x")
    assert (caught.value.code, caught.value.subcode) == (551, 1545041)
    await env.graph.unblock(page_id, token, psid)
    assert psid not in env.world.pages[page_id].blocked
    assert await env.graph.block(page_id, token, "999999999") is False


@pytest.mark.asyncio
async def test_message_to_an_unknown_person(env: Env) -> None:
    page_id, token = env.page()
    with pytest.raises(RecipientUnavailable) as caught:
        await env.graph.send_message(page_id, token, "424242", "x")
    assert (caught.value.code, caught.value.subcode) == (100, 2018001)
