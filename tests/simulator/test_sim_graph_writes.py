"""Graph API writes: replies, comments on posts, hide/unhide, edit, delete, block — each in the
write log and reflected in later reads."""

from __future__ import annotations

from typing import Any

from conftest import Sim


def citizen_comment(sim: Sim, page_id: str) -> Any:
    page = sim.world.pages[page_id]
    for post in page.posts:
        for comment in post.toplevel:
            if comment.author_id != page_id and not comment.is_hidden:
                return comment
    raise AssertionError("no citizen comment")


def test_reply_to_comment(sim: Sim) -> None:
    page_id, token = sim.page()
    target = citizen_comment(sim, page_id)
    resp = sim.gpost(f"{target.id}/comments", token, message="Cảm ơn bạn, chúng tôi đã tiếp nhận.")
    assert resp.status_code == 200
    new_id = resp.json()["id"]
    assert set(resp.json()) == {"id"}
    assert new_id.startswith(target.post_id.split("_")[1] + "_")
    reply = sim.gget(new_id, token, fields="id,message,from,parent,can_hide").json()
    assert reply["parent"]["id"] == target.id
    assert reply["from"]["id"] == page_id and reply["can_hide"] is False
    writes = sim.control.writes(action="fb.comment.reply")
    assert [(w.target, w.payload["message"], w.result["id"]) for w in writes] == [
        (target.id, "Cảm ơn bạn, chúng tôi đã tiếp nhận.", new_id)
    ]
    listed = sim.gget(f"{target.id}/comments", token).json()["data"]
    assert new_id in [c["id"] for c in listed]


def test_reply_to_a_reply_is_attached_under_the_top_comment(sim: Sim) -> None:
    page_id, token = sim.page()
    top = citizen_comment(sim, page_id)
    first = sim.gpost(f"{top.id}/comments", token, message="Lần 1").json()["id"]
    second = sim.gpost(f"{first}/comments", token, message="Lần 2").json()["id"]
    under_top = [c["id"] for c in sim.gget(f"{top.id}/comments", token).json()["data"]]
    assert first in under_top and second in under_top
    assert sim.gget(second, token, fields="parent").json()["parent"]["id"] == first


def test_comment_on_post_json_body(sim: Sim) -> None:
    page_id, token = sim.page()
    post = next(iter(sim.world.pages[page_id].posts))
    resp = sim.gjson(f"{post.id}/comments", token, {"message": "Thông tin thêm"})
    new_id = resp.json()["id"]
    top = [c["id"] for c in sim.gget(f"{post.id}/comments", token, limit=100).json()["data"]]
    assert new_id in top
    assert sim.control.writes(action="fb.comment.create")[0].target == post.id


def test_empty_message_is_rejected_and_logged_as_rejected(sim: Sim) -> None:
    page_id, token = sim.page()
    target = citizen_comment(sim, page_id)
    resp = sim.gpost(f"{target.id}/comments", token, message="  ")
    assert resp.status_code == 400 and resp.json()["error"]["code"] == 100
    assert sim.control.writes() == []
    rejected = sim.control.writes(status="rejected")
    assert rejected[0].action == "fb.comment.reply" and rejected[0].status == "rejected"


def test_hide_unhide_recorded_and_reflected(sim: Sim) -> None:
    page_id, token = sim.page()
    target = citizen_comment(sim, page_id)
    assert sim.gpost(target.id, token, is_hidden="true").json() == {"success": True}
    assert sim.gget(target.id, token, fields="is_hidden").json()["is_hidden"] is True
    assert sim.gpost(target.id, token, is_hidden="false").json() == {"success": True}
    assert sim.gget(target.id, token, fields="is_hidden").json()["is_hidden"] is False
    actions = [(w.action, w.target) for w in sim.control.writes()]
    assert actions == [("fb.comment.hide", target.id), ("fb.comment.unhide", target.id)]
    own = sim.gpost(f"{target.id}/comments", token, message="x").json()["id"]
    assert sim.gpost(own, token, is_hidden="true").status_code == 400  # can_hide is false


def test_edit_own_comment_only(sim: Sim) -> None:
    page_id, token = sim.page()
    target = citizen_comment(sim, page_id)
    own = sim.gpost(f"{target.id}/comments", token, message="bản nháp").json()["id"]
    assert sim.gpost(own, token, message="bản sửa").json() == {"success": True}
    assert sim.gget(own, token, fields="message").json()["message"] == "bản sửa"
    denied = sim.gpost(target.id, token, message="sửa của người khác")
    assert denied.status_code == 400 and denied.json()["error"]["code"] == 200


def test_delete_comment_removes_it_and_its_replies(sim: Sim) -> None:
    page_id, token = sim.page()
    target = citizen_comment(sim, page_id)
    reply = sim.gpost(f"{target.id}/comments", token, message="trả lời").json()["id"]
    post = sim.world.post(target.post_id)
    before = sim.gget(f"{post.id}/comments", token, summary="true", filter="stream").json()
    removed = 1 + len(target.replies)  # the seeded replies and ours go with it
    assert sim.gdelete(target.id, token).json() == {"success": True}
    gone = sim.gget(target.id, token).json()["error"]
    assert (gone["code"], gone["error_subcode"]) == (100, 33)
    assert sim.gget(reply, token).status_code == 400
    after = sim.gget(
        f"{post.id}/comments", token, summary="true", filter="stream", limit=100
    ).json()
    assert after["summary"]["total_count"] == before["summary"]["total_count"] - removed
    assert target.id not in [c["id"] for c in after["data"]]
    assert sim.control.writes(action="fb.comment.delete")[0].target == target.id


def test_block_user(sim: Sim) -> None:
    page_id, token = sim.page()
    target = citizen_comment(sim, page_id)
    resp = sim.gpost(f"{page_id}/blocked", token, psid=target.author_id)
    assert resp.json() == {target.author_id: True}
    listed = sim.gget(f"{page_id}/blocked", token).json()["data"]
    assert listed == [{"id": target.author_id, "name": target.author_name}]
    send = sim.gjson(
        f"{page_id}/messages",
        token,
        {"recipient": {"id": target.author_id}, "message": {"text": "x"}},
    )
    err = send.json()["error"]
    assert (err["code"], err["error_subcode"]) == (551, 1545041)
    assert sim.control.writes(action="fb.page.block")[0].payload == {"ids": [target.author_id]}
    assert sim.gdelete(f"{page_id}/blocked", token, psid=target.author_id).json() == {
        "success": True
    }
    assert sim.gget(f"{page_id}/blocked", token).json()["data"] == []


def test_writes_need_manage_permission(sim: Sim) -> None:
    page_id, token = sim.page()
    target = citizen_comment(sim, page_id)
    sim.control.revoke_permission(page_id, "pages_manage_engagement")
    resp = sim.gpost(target.id, token, is_hidden="true")
    assert resp.status_code == 400 and resp.json()["error"]["code"] == 200
    assert sim.gget(target.id, token, fields="is_hidden").json()["is_hidden"] is False
    sim.control.revoke_permission(page_id, "pages_read_engagement")
    read = sim.gget(f"{page_id}/feed", token).json()["error"]
    assert read["code"] == 10
    sim.control.revoke_permission(page_id, "pages_messaging")
    msg = sim.gget(f"{page_id}/conversations", token).json()["error"]
    assert msg["code"] == 230


def test_authors_hidden_without_user_content_permission(sim: Sim) -> None:
    page_id, token = sim.page()
    target = citizen_comment(sim, page_id)
    sim.control.revoke_permission(page_id, "pages_read_user_content")
    body = sim.gget(target.id, token, fields="id,from,message").json()
    assert "from" not in body and body["message"] == target.message
