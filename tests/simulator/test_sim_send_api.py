"""Send API windows on the controllable clock: 24 h standard window, 7-day HUMAN_AGENT tag,
private replies (once per comment, within 7 days)."""

from __future__ import annotations

from typing import Any

from conftest import Sim

HOUR = 3600.0
DAY = 86_400.0


def fresh_thread(sim: Sim, page_id: str) -> str:
    """A citizen writes now; returns the PSID."""
    return str(
        sim.control.add_message(page_id, text="Cho em hỏi làm căn cước ở đâu ạ", new_thread=True)[
            "psid"
        ]
    )


def send(sim: Sim, page_id: str, token: str, psid: str, **extra: Any) -> Any:
    body = {"recipient": {"id": psid}, "message": {"text": "Chào bạn, mời bạn đến trụ sở."}}
    body.update(extra)
    return sim.gjson(f"{page_id}/messages", token, body)


def test_send_inside_24h_window(sim: Sim) -> None:
    page_id, token = sim.page()
    psid = fresh_thread(sim, page_id)
    sim.control.advance_clock(23 * HOUR)
    resp = send(sim, page_id, token, psid, messaging_type="RESPONSE")
    assert resp.status_code == 200
    body = resp.json()
    assert body["recipient_id"] == psid and body["message_id"].startswith("m_")
    conv = sim.gget(
        f"{page_id}/conversations", token, user_id=psid, fields="messages.limit(1){id,message,from}"
    ).json()["data"][0]
    newest = conv["messages"]["data"][0]
    assert newest["id"] == body["message_id"] and newest["from"]["id"] == page_id
    write = sim.control.writes(action="fb.message.send")[0]
    assert write.target == psid and write.payload["messaging_type"] == "RESPONSE"


def test_send_after_24h_fails_with_2018278(sim: Sim) -> None:
    page_id, token = sim.page()
    psid = fresh_thread(sim, page_id)
    sim.control.advance_clock(24 * HOUR + 60)
    resp = send(sim, page_id, token, psid)
    err = resp.json()["error"]
    assert resp.status_code == 400
    assert (err["code"], err["error_subcode"], err["type"]) == (10, 2018278, "OAuthException")
    assert sim.control.writes() == []
    assert sim.control.writes(status="rejected")[0].action == "fb.message.send"


def test_human_agent_tag_until_7_days(sim: Sim) -> None:
    page_id, token = sim.page()
    psid = fresh_thread(sim, page_id)
    sim.control.advance_clock(6 * DAY)
    ok = send(sim, page_id, token, psid, messaging_type="MESSAGE_TAG", tag="HUMAN_AGENT")
    assert ok.status_code == 200, ok.text
    sim.control.advance_clock(1 * DAY + 60)
    late = send(sim, page_id, token, psid, messaging_type="MESSAGE_TAG", tag="HUMAN_AGENT")
    assert late.json()["error"]["error_subcode"] == 2018278
    legacy = send(sim, page_id, token, psid, messaging_type="MESSAGE_TAG", tag="ACCOUNT_UPDATE")
    assert legacy.json()["error"]["code"] == 100
    assert sim.control.writes()[0].payload["tag"] == "HUMAN_AGENT"


def test_human_agent_needs_the_feature(sim: Sim) -> None:
    page_id, token = sim.page()
    psid = fresh_thread(sim, page_id)
    sim.control.revoke_permission(page_id, "human_agent")
    resp = send(sim, page_id, token, psid, messaging_type="MESSAGE_TAG", tag="HUMAN_AGENT")
    assert resp.json()["error"]["code"] == 10


def test_form_encoded_send_text_limit_and_unknown_user(sim: Sim) -> None:
    page_id, token = sim.page()
    psid = fresh_thread(sim, page_id)
    form = sim.gpost(
        f"{page_id}/messages",
        token,
        recipient=f'{{"id":"{psid}"}}',
        message='{"text":"Xin chào"}',
        messaging_type="RESPONSE",
    )
    assert form.status_code == 200, form.text
    too_long = send(sim, page_id, token, psid, message={"text": "a" * 2001})
    assert too_long.json()["error"]["code"] == 100
    nobody = send(sim, page_id, token, "7000000000000000")
    assert nobody.json()["error"]["error_subcode"] == 2018001
    typing = sim.gjson(
        f"{page_id}/messages", token, {"recipient": {"id": psid}, "sender_action": "typing_on"}
    )
    assert typing.json() == {"recipient_id": psid}


def test_me_messages_alias(sim: Sim) -> None:
    page_id, token = sim.page()
    psid = fresh_thread(sim, page_id)
    resp = sim.gjson("me/messages", token, {"recipient": {"id": psid}, "message": {"text": "ok"}})
    assert resp.status_code == 200


def private_target(sim: Sim, page_id: str) -> str:
    made = sim.control.add_comment(page_id, text="Em muốn tố giác đường dây cá độ ạ")
    return str(made["comment_id"])


def test_private_reply_once(sim: Sim) -> None:
    page_id, token = sim.page()
    comment_id = private_target(sim, page_id)
    body = {
        "recipient": {"comment_id": comment_id},
        "message": {"text": "Cảm ơn bạn, vui lòng cung cấp thêm thông tin."},
    }
    first = sim.gjson(f"{page_id}/messages", token, body)
    assert first.status_code == 200, first.text
    author = sim.world.comment(comment_id).author_id
    assert first.json()["recipient_id"] == author and first.json()["message_id"].startswith("m_")
    second = sim.gjson(f"{page_id}/messages", token, body)
    assert second.status_code == 400 and second.json()["error"]["code"] == 10900
    fields = "can_reply_privately,private_reply_conversation"
    state = sim.gget(comment_id, token, fields=fields).json()
    assert state["can_reply_privately"] is False
    conv_id = state["private_reply_conversation"]["id"]
    msgs = sim.gget(f"{conv_id}/messages", token, fields="message,from").json()["data"]
    assert msgs[0]["from"]["id"] == page_id
    # the 24-h window only opens when the person answers
    plain = send(sim, page_id, token, author)
    assert plain.json()["error"]["error_subcode"] == 2018278
    sim.control.add_message(page_id, psid=author, text="Dạ em gửi ạ")
    assert send(sim, page_id, token, author).status_code == 200
    assert [w.action for w in sim.control.writes()] == ["fb.private_reply", "fb.message.send"]


def test_private_reply_within_7_days_only(sim: Sim) -> None:
    page_id, token = sim.page()
    comment_id = private_target(sim, page_id)
    sim.control.advance_clock(7 * DAY + 60)
    body = {"recipient": {"comment_id": comment_id}, "message": {"text": "Muộn rồi"}}
    err = sim.gjson(f"{page_id}/messages", token, body).json()["error"]
    assert (err["code"], err["error_subcode"]) == (10, 2018278)
    assert (
        sim.gget(comment_id, token, fields="can_reply_privately").json()["can_reply_privately"]
        is False
    )
