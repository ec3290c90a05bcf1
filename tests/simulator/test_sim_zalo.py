"""Zalo OA Open API reads and the CS send (7-day window, 2000 characters)."""

from __future__ import annotations

import re
from typing import Any

from conftest import Sim

DAY = 86_400.0
ROW_KEYS = [
    "src",
    "time",
    "sent_time",
    "from_id",
    "from_display_name",
    "from_avatar",
    "to_id",
    "to_display_name",
    "to_avatar",
    "message_id",
    "type",
    "message",
]


def test_listrecentchat_rows(sim: Sim) -> None:
    oa = sim.oa()
    body = sim.zget("/v2.0/oa/listrecentchat", oa["access_token"], {"offset": 0, "count": 5}).json()
    assert body["error"] == 0 and body["message"] == "Success"
    assert list(body) == ["data", "error", "message"]
    rows = body["data"]
    assert len(rows) == 5
    row = rows[0]
    assert list(row) == ROW_KEYS
    assert isinstance(row["time"], int) and row["time"] > 10**12
    assert re.fullmatch(r"\d\d:\d\d:\d\d \d\d/\d\d/\d{4}", row["sent_time"])
    assert re.fullmatch(r"[0-9a-f]{20}", row["message_id"])
    assert isinstance(row["from_id"], str) and len(row["from_id"]) >= 18
    times = [r["time"] for r in rows]
    assert times == sorted(times, reverse=True)
    assert {r["src"] for r in rows} <= {0, 1}
    for r in rows:
        oa_side = r["to_id"] if r["src"] == 1 else r["from_id"]
        assert oa_side == oa["external_id"]


def test_listrecentchat_modes_and_count_cap(make_sim: Any) -> None:
    sim = make_sim(zalo_recentchat_mode="per_conversation")
    oa = sim.oa()
    rows = sim.zget(
        "/v2.0/oa/listrecentchat", oa["access_token"], {"offset": 0, "count": 50}
    ).json()["data"]
    users = [r["from_id"] if r["src"] == 1 else r["to_id"] for r in rows]
    assert len(users) == len(set(users))  # one row per conversation
    assert len(rows) <= 10  # count is capped at 10
    strict = make_sim(zalo_count_over_max="error")
    err = strict.zget("/v2.0/oa/listrecentchat", strict.oa()["access_token"], {"count": 11})
    assert err.json()["error"] == -201


def test_conversation_offset_paging(sim: Sim) -> None:
    oa = sim.oa()
    user_id = next(iter(sim.world.oas[oa["external_id"]].threads)).id
    total = len(sim.world.zalo_user(oa["external_id"], user_id).messages)
    seen: list[str] = []
    offset = 0
    while True:
        rows = sim.zget(
            "/v2.0/oa/conversation",
            oa["access_token"],
            {"user_id": user_id, "offset": offset, "count": 2},
        ).json()["data"]
        if not rows:
            break
        seen += [r["message_id"] for r in rows]
        offset += len(rows)
    assert len(seen) == total == len(set(seen))
    bad = sim.zget("/v2.0/oa/conversation", oa["access_token"], {"user_id": "1"}).json()
    assert bad["error"] == -201
    garbage = sim.http.get(
        f"{sim.urls.zalo}/v2.0/oa/conversation",
        params={"data": "{oops"},
        headers={"access_token": oa["access_token"]},
    ).json()
    assert garbage["error"] == -201


def test_user_detail_and_getlist(sim: Sim) -> None:
    oa = sim.oa()
    world_oa = sim.world.oas[oa["external_id"]]
    follower = next(u for u in world_oa.users.values() if u.is_follower)
    detail = sim.zget("/v3.0/oa/user/detail", oa["access_token"], {"user_id": follower.id}).json()
    data = detail["data"]
    assert data["user_id"] == follower.id and data["display_name"] == follower.name
    assert data["user_is_follower"] is True and data["shared_info"]["phone"] == 0
    assert set(data["avatars"]) == {"120", "240"}
    listing = sim.zget(
        "/v3.0/oa/user/getlist", oa["access_token"], {"offset": 0, "count": 50, "is_follower": True}
    ).json()["data"]
    assert listing["total"] == sum(1 for u in world_oa.users.values() if u.is_follower)
    assert {"user_id": follower.id} in listing["users"]
    assert set(listing) == {"total", "count", "offset", "users"}
    sim.control.zalo_set_follower(oa["external_id"], follower.id, False)
    gone = sim.zget("/v3.0/oa/user/detail", oa["access_token"], {"user_id": follower.id}).json()
    assert gone == {"error": -213, "message": "User has not followed OA"}
    info = sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["data"]
    assert info["oa_id"] == oa["external_id"] and info["name"] == oa["name"]


def send_cs(sim: Sim, token: str, user_id: str, text: str) -> Any:
    return sim.zpost(
        "/v3.0/oa/message/cs", token, {"recipient": {"user_id": user_id}, "message": {"text": text}}
    ).json()


def test_cs_send_in_window(sim: Sim) -> None:
    oa = sim.oa()
    made = sim.control.add_zalo_message(oa["external_id"], text="Cho hỏi thủ tục", new_user=True)
    body = send_cs(sim, oa["access_token"], made["user_id"], "Chào bạn, mời bạn xem hướng dẫn.")
    assert body["error"] == 0, body
    data = body["data"]
    assert re.fullmatch(r"[0-9a-f]{20}", data["message_id"])
    assert data["user_id"] == made["user_id"] and data["sent_time"].isdigit()
    assert data["quota"] == {"quota_type": "reply"}
    rows = sim.zget(
        "/v2.0/oa/conversation",
        oa["access_token"],
        {"user_id": made["user_id"], "offset": 0, "count": 10},
    ).json()["data"]
    assert rows[0]["message_id"] == data["message_id"] and rows[0]["src"] == 0
    write = sim.control.writes(action="zalo.message.cs")[0]
    assert write.target == made["user_id"] and write.account == oa["external_id"]


def test_cs_send_rejected_after_7_days_and_over_2000_chars(make_sim: Any) -> None:
    sim = make_sim(zalo_access_token_ttl_s=30 * DAY)  # no token refresh in this test
    oa = sim.oa()
    made = sim.control.add_zalo_message(oa["external_id"], text="alo", new_user=True)
    assert send_cs(sim, oa["access_token"], made["user_id"], "a" * 2001)["error"] == -201
    sim.control.advance_clock(3 * DAY)
    paid = send_cs(sim, oa["access_token"], made["user_id"], "ngoài 48 giờ")
    assert paid["error"] == 0 and paid["data"]["quota"]["quota_type"] == "sub_quota"
    sim.control.advance_clock(4 * DAY + 60)
    late = send_cs(sim, oa["access_token"], made["user_id"], "muộn")
    assert late["error"] == -230
    statuses = [(w.status, w.result.get("error")) for w in sim.control.writes(status=None)]
    assert statuses == [("rejected", -201), ("applied", None), ("rejected", -230)]


def test_unknown_route_is_404(sim: Sim) -> None:
    oa = sim.oa()
    resp = sim.http.get(
        f"{sim.urls.zalo}/v2.0/oa/nothing", headers={"access_token": oa["access_token"]}
    )
    assert resp.status_code == 404
