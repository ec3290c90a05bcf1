"""The /_sim control API: manifest, stats, writes, events, clock, inbound items, platform-side
edits/deletions/hides, stream control."""

from __future__ import annotations

from conftest import START, Sim


def test_manifest_health_stats_and_clock(sim: Sim) -> None:
    manifest = sim.sim("GET", "/manifest")
    assert manifest["urls"]["graph"] == sim.urls.graph
    assert manifest["urls"]["zalo"].endswith("/zalo")
    assert manifest["urls"]["zalo_oauth"].endswith("/zalo-oauth/v4")
    fb = [a for a in manifest["accounts"] if a["platform"] == "facebook"]
    zl = [a for a in manifest["accounts"] if a["platform"] == "zalo"]
    assert len(fb) == len(zl) == 3  # WorldSize.tiny() seeds 3 units
    assert fb[0]["unit_code"] == "TH" and fb[0]["name"] == "Công an tỉnh Thanh Hóa"
    assert {"refresh_token", "app_id", "secret_key", "access_token"} <= set(zl[0])
    assert sim.sim("GET", "/health")["ok"] is True
    stats = sim.sim("GET", "/stats")
    assert stats["pages"] == 3 and stats["items"] > 50 and stats["writes"] == 0
    assert sim.sim("GET", "/clock")["now"] == START
    moved = sim.sim("POST", "/clock/advance", {"seconds": 3600})
    assert moved["now"] == START + 3600 and moved["iso"].startswith("2026-11-")


def test_inbound_comment_message_and_zalo_show_up_in_reads(sim: Sim) -> None:
    page_id, token = sim.page()
    comment = sim.sim(
        "POST",
        "/inbound/comment",
        {"account": "TH", "text": "CỨU VỚI, có đánh nhau ở chợ", "urgent": True},
    )
    assert comment["page_id"] == page_id and comment["urgent"] is True
    body = sim.gget(comment["comment_id"], token, fields="message,from").json()
    assert body["message"] == "CỨU VỚI, có đánh nhau ở chợ"
    reply = sim.sim("POST", "/inbound/comment", {"parent_id": comment["comment_id"]})
    assert reply["parent_id"] == comment["comment_id"]
    msg = sim.sim("POST", "/inbound/message", {"account": page_id, "category": "scam_report"})
    assert msg["category"] == "scam_report" and msg["text"]
    convs = sim.gget(f"{page_id}/conversations", token, fields="id,snippet", limit=1).json()
    assert convs["data"][0]["id"] == msg["conversation_id"]
    oa = sim.oa()
    zmsg = sim.sim("POST", "/inbound/zalo", {"account": oa["external_id"], "text": "alo"})
    rows = sim.zget("/v2.0/oa/listrecentchat", oa["access_token"], {"count": 1}).json()["data"]
    assert rows[0]["message_id"] == zmsg["message_id"] and rows[0]["message"] == "alo"
    post = sim.sim("POST", "/inbound/post", {"account": page_id, "text": "Cảnh báo lừa đảo"})
    assert sim.gget(f"{page_id}/feed", token, limit=1).json()["data"][0]["id"] == post["post_id"]
    events = sim.sim("GET", "/events")["data"]
    kinds = [e["kind"] for e in events]
    assert kinds == ["comment.add", "comment.add", "message.add", "message.add", "post.add"]
    bad = sim.http.post(f"{sim.urls.control}/inbound/comment", json={"category": "nope"})
    assert bad.status_code == 400
    missing = sim.http.post(f"{sim.urls.control}/inbound/comment", json={"account": "XX"})
    assert missing.status_code == 404


def test_platform_side_edit_hide_delete(sim: Sim) -> None:
    page_id, token = sim.page()
    cid = sim.control.add_comment(page_id, text="bản gốc")["comment_id"]
    sim.sim("POST", "/platform/edit", {"comment_id": cid, "text": "bản đã sửa"})
    assert sim.gget(cid, token, fields="message").json()["message"] == "bản đã sửa"
    sim.sim("POST", "/platform/hide", {"comment_id": cid, "hidden": True})
    assert sim.gget(cid, token, fields="is_hidden").json()["is_hidden"] is True
    sim.sim("POST", "/platform/delete", {"comment_id": cid})
    assert sim.gget(cid, token).json()["error"]["error_subcode"] == 33
    kinds = [e["kind"] for e in sim.sim("GET", "/events?after_seq=1")["data"]]
    assert kinds == ["comment.edit", "comment.hide", "comment.remove"]
    assert sim.control.writes() == []  # platform-side changes are not client writes


def test_writes_route_filters(sim: Sim) -> None:
    page_id, token = sim.page()
    cid = sim.control.add_comment(page_id)["comment_id"]
    sim.gpost(cid, token, is_hidden="true")
    sim.gpost(f"{cid}/comments", token, message="")
    applied = sim.sim("GET", "/writes")["data"]
    assert [w["action"] for w in applied] == ["fb.comment.hide"]
    assert applied[0]["account"] == page_id and applied[0]["status"] == "applied"
    everything = sim.sim("GET", "/writes?status=all")["data"]
    assert [w["status"] for w in everything] == ["applied", "rejected"]
    assert sim.sim("GET", "/writes?after_seq=1&status=all")["data"][0]["seq"] == 2
    assert sim.sim("GET", "/writes?action=fb.comment")["data"][0]["action"] == "fb.comment.hide"


def test_token_routes(sim: Sim) -> None:
    page_id, token = sim.page()
    sim.sim("POST", "/tokens/expire", {"platform": "facebook", "account": page_id})
    assert sim.gget(page_id, token).json()["error"]["error_subcode"] == 463
    fresh = sim.sim("POST", "/tokens/reissue", {"platform": "facebook", "account": "TH"})
    assert sim.gget(page_id, fresh["access_token"]).status_code == 200
    sim.sim("POST", "/permissions/revoke", {"account": page_id, "permission": "pages_messaging"})
    assert (
        sim.gget(f"{page_id}/conversations", fresh["access_token"]).json()["error"]["code"] == 230
    )
    sim.sim("POST", "/permissions/grant", {"account": page_id, "permission": "pages_messaging"})
    assert sim.gget(f"{page_id}/conversations", fresh["access_token"]).status_code == 200


def test_stream_route_emits_now(sim: Sim) -> None:
    before = sim.sim("GET", "/stats")["items"]
    out = sim.sim("POST", "/stream", {"emit": 12})
    assert len(out["events"]) == 12
    assert {e["kind"] for e in out["events"]} <= {"comment", "reply", "messenger", "zalo", "post"}
    assert sim.sim("GET", "/stats")["items"] == before + 12
    zalo = sim.sim("POST", "/stream", {"emit": 2, "kind": "zalo"})["events"]
    assert [e["kind"] for e in zalo] == ["zalo", "zalo"]


def test_writes_refused_before_routing_are_logged_as_rejected(sim: Sim) -> None:
    page_id, token = sim.page()
    cid = sim.control.add_comment(page_id)["comment_id"]
    sim.control.expire_token("facebook", page_id)
    assert sim.gpost(cid, token, is_hidden="true").status_code == 400
    oa = sim.oa()
    sim.control.expire_token("zalo", oa["external_id"])
    sent = sim.zpost("/v3.0/oa/message/cs", oa["access_token"], {"recipient": {"user_id": "1"}})
    assert sent.json()["error"] == -216
    rows = sim.control.writes(status="rejected")
    assert [(w.action, w.target) for w in rows] == [
        ("fb.request", cid),
        ("zalo.request", "/v3.0/oa/message/cs"),
    ]
    assert sim.control.writes() == []
