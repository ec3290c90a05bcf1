"""Graph API read shapes: feed/posts, comments (filter, order, summary, paging), replies'
parent, field expansion, conversations and messages, ids and timestamps, error shapes."""

from __future__ import annotations

import base64
import re
from typing import Any

from conftest import START, Sim

FB_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$")


def page_all(sim: Sim, first_url: str) -> list[dict[str, Any]]:
    """Follow paging.next to the end; returns every item."""
    items: list[dict[str, Any]] = []
    url: str | None = first_url
    pages = 0
    while url is not None:
        resp = sim.http.get(url)
        assert resp.status_code == 200, resp.text
        body = resp.json()
        items += body["data"]
        url = body.get("paging", {}).get("next")
        pages += 1
        assert pages < 500
    return items


def busiest_post(sim: Sim, page_id: str) -> Any:
    page = sim.world.pages[page_id]
    return max(page.posts, key=lambda p: len(p.comments_all))


def test_feed_shape_ids_and_timestamps(sim: Sim) -> None:
    page_id, token = sim.page()
    resp = sim.gget(
        f"{page_id}/feed",
        token,
        fields="id,message,created_time,updated_time,permalink_url,comments.limit(0).summary(true)",
        limit=2,
    )
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert len(body["data"]) == 2
    post = body["data"][0]
    assert re.fullmatch(rf"{page_id}_\d+", post["id"])
    assert FB_TIME.match(post["created_time"]) and FB_TIME.match(post["updated_time"])
    assert post["permalink_url"].startswith(f"https://www.facebook.com/{page_id}/posts/")
    assert post["comments"]["data"] == []
    assert set(post["comments"]["summary"]) == {"order", "total_count", "can_comment"}
    assert body["data"][0]["created_time"] >= body["data"][1]["created_time"]  # newest first
    paging = body["paging"]
    assert set(paging["cursors"]) == {"before", "after"}
    assert paging["next"].startswith(f"{sim.urls.graph}/{page_id}/feed?")
    assert f"access_token={token}" in paging["next"]
    assert "limit=2" in paging["next"] and "fields=" in paging["next"]


def test_feed_pages_to_the_end_without_next(sim: Sim) -> None:
    page_id, token = sim.page()
    first = f"{sim.urls.graph}/{page_id}/feed?access_token={token}&limit=1"
    items = page_all(sim, first)
    assert len(items) == len(sim.world.pages[page_id].posts)
    assert len({i["id"] for i in items}) == len(items)


def test_cursors_are_opaque_base64_and_bad_cursor_is_error_100(sim: Sim) -> None:
    page_id, token = sim.page()
    body = sim.gget(f"{page_id}/feed", token, limit=1).json()
    after = body["paging"]["cursors"]["after"]
    assert re.fullmatch(r"[A-Za-z0-9_-]+", after)
    base64.urlsafe_b64decode(after + "=" * (-len(after) % 4))  # decodes, means nothing to us
    bad = sim.gget(f"{page_id}/feed", token, after="not-a-cursor")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == 100


def test_previous_cursor_goes_back(sim: Sim) -> None:
    page_id, token = sim.page()
    first = sim.gget(f"{page_id}/feed", token, limit=1).json()
    second = sim.http.get(first["paging"]["next"]).json()
    assert "previous" in second["paging"]
    back = sim.http.get(second["paging"]["previous"]).json()
    assert back["data"][0]["id"] == first["data"][0]["id"]


def test_feed_since_returns_only_newer_posts(sim: Sim) -> None:
    page_id, token = sim.page()
    posts = sorted(sim.world.pages[page_id].posts, key=lambda p: p.created)
    since = int(posts[-1].created)
    resp = sim.gget(f"{page_id}/feed", token, since=since)
    ids = [p["id"] for p in resp.json()["data"]]
    assert ids == [posts[-1].id]
    quiet = sim.gget(f"{page_id}/feed", token, since=int(START) + 10).json()
    assert quiet == {"data": []}  # a quiet poll: empty, no paging
    made = sim.control.add_post(page_id, "Thông báo mới")
    assert [
        p["id"] for p in sim.gget(f"{page_id}/feed", token, since=int(START)).json()["data"]
    ] == [made["post_id"]]


def test_posts_and_published_posts_edges(sim: Sim) -> None:
    page_id, token = sim.page()
    for edge in ("posts", "published_posts"):
        resp = sim.gget(f"{page_id}/{edge}", token)
        assert resp.status_code == 200 and resp.json()["data"]


def test_version_prefix_is_optional_and_bearer_token_works(sim: Sim) -> None:
    page_id, token = sim.page()
    bare = sim.http.get(f"{sim.urls.root}/graph/{page_id}", params={"access_token": token})
    v21 = sim.http.get(
        f"{sim.urls.root}/graph/v21.0/{page_id}", headers={"Authorization": f"Bearer {token}"}
    )
    assert bare.status_code == v21.status_code == 200
    assert bare.json() == v21.json() == {"name": sim.fb[0]["name"], "id": page_id}
    listing = sim.http.get(
        f"{sim.urls.root}/graph/{page_id}/feed", params={"access_token": token, "limit": 1}
    ).json()
    assert listing["paging"]["next"].startswith(f"{sim.urls.root}/graph/{page_id}/feed?")


def test_comments_toplevel_vs_stream_and_parent(sim: Sim) -> None:
    page_id, token = sim.page()
    post = busiest_post(sim, page_id)
    top = page_all(
        sim,
        f"{sim.urls.graph}/{post.id}/comments?access_token={token}"
        "&fields=id,parent,created_time&limit=2",
    )
    stream = page_all(
        sim,
        f"{sim.urls.graph}/{post.id}/comments?access_token={token}"
        "&filter=stream&fields=id,parent,created_time&limit=2",
    )
    assert len(top) == len(post.toplevel)
    assert len(stream) == len(post.comments_all) > len(top)
    assert all("parent" not in c for c in top)
    replies = [c for c in stream if "parent" in c]
    assert replies
    ids = {c["id"] for c in stream}
    assert all(r["parent"]["id"] in ids for r in replies)
    times = [c["created_time"] for c in stream]
    assert times == sorted(times)  # chronological by default
    local = post.id.split("_")[1]
    assert all(c["id"].startswith(local + "_") for c in stream)  # {post_local}_{comment_local}


def test_comment_replies_edge_order_and_summary(sim: Sim) -> None:
    page_id, token = sim.page()
    post = busiest_post(sim, page_id)
    resp = sim.gget(
        f"{post.id}/comments", token, order="reverse_chronological", summary="true", filter="stream"
    )
    body = resp.json()
    times = [c["created_time"] for c in body["data"]]
    assert times == sorted(times, reverse=True)
    assert body["summary"] == {
        "order": "reverse_chronological",
        "total_count": len(post.comments_all),
        "can_comment": True,
    }
    with_replies = next(c for c in post.toplevel if len(c.replies))
    replies = sim.gget(f"{with_replies.id}/comments", token, fields="id,message,parent{id}")
    data = replies.json()["data"]
    assert len(data) == len(with_replies.replies)
    assert data[0]["parent"]["id"] == with_replies.id


def test_comment_fields(sim: Sim) -> None:
    page_id, token = sim.page()
    post = busiest_post(sim, page_id)
    comment = next(c for c in post.toplevel if c.author_id != page_id)
    fields = (
        "id,message,created_time,from,is_hidden,is_private,can_hide,can_remove,can_like,"
        "can_comment,can_reply_privately,comment_count,like_count,permalink_url"
    )
    body = sim.gget(comment.id, token, fields=fields).json()
    assert body["from"] == {"name": comment.author_name, "id": comment.author_id}
    assert body["can_hide"] is True and body["is_private"] is False
    assert body["comment_count"] == len(comment.replies)
    assert body["permalink_url"].endswith(f"?comment_id={comment.local_id}")
    assert FB_TIME.match(body["created_time"])


def test_nested_field_expansion_on_posts(sim: Sim) -> None:
    page_id, token = sim.page()
    post = busiest_post(sim, page_id)
    body = sim.gget(
        post.id,
        token,
        fields="id,message,comments.limit(2).summary(true){id,message,from,comments{id,parent}}",
    ).json()
    comments = body["comments"]
    assert len(comments["data"]) == min(2, len(post.toplevel))
    assert comments["summary"]["total_count"] == len(post.toplevel)
    assert "comments" in comments["data"][0]
    if len(post.toplevel) > 2:
        assert comments["paging"]["next"].startswith(f"{sim.urls.graph}/{post.id}/comments?")
        more = sim.http.get(comments["paging"]["next"]).json()
        assert more["data"][0]["id"] != comments["data"][0]["id"]


def test_unknown_field_unknown_object_and_foreign_object(sim: Sim) -> None:
    page_id, token = sim.page()
    bad_field = sim.gget(f"{page_id}/feed", token, fields="id,bogus")
    err = bad_field.json()["error"]
    assert bad_field.status_code == 400 and err["code"] == 100
    assert "nonexisting field (bogus)" in err["message"] and err["fbtrace_id"]
    missing = sim.gget("123456789_987654321", token).json()["error"]
    assert (missing["code"], missing["error_subcode"]) == (100, 33)
    other_page, _ = sim.page(1)
    foreign = sim.gget(f"{other_page}/feed", token).json()["error"]
    assert (foreign["code"], foreign["error_subcode"]) == (100, 33)
    syntax = sim.gget(f"{page_id}/feed", token, fields="comments{").status_code
    assert syntax == 400


def test_conversations_newest_first_user_id_filter_and_messages(sim: Sim) -> None:
    page_id, token = sim.page()
    fields = "id,updated_time,snippet,unread_count,participants,messages.limit(1){id,message,from}"
    body = sim.gget(f"{page_id}/conversations", token, platform="messenger", fields=fields).json()
    convs = body["data"]
    assert convs and all(c["id"].startswith("t_") for c in convs)
    updated = [c["updated_time"] for c in convs]
    assert updated == sorted(updated, reverse=True)
    first = convs[0]
    psid = first["participants"]["data"][0]["id"]
    assert first["participants"]["data"][0]["email"] == f"{psid}@facebook.com"
    assert first["messages"]["data"][0]["id"].startswith("m_")
    one = sim.gget(f"{page_id}/conversations", token, platform="messenger", user_id=psid).json()
    assert [c["id"] for c in one["data"]] == [first["id"]]
    none = sim.gget(f"{page_id}/conversations", token, user_id="7999999999999999").json()
    assert none == {"data": []}
    msgs = sim.gget(
        f"{first['id']}/messages", token, fields="id,created_time,from,to,message", limit=50
    ).json()["data"]
    times = [m["created_time"] for m in msgs]
    assert times == sorted(times, reverse=True)  # newest first
    assert msgs[0]["to"]["data"][0]["id"] in (psid, page_id)
    node = sim.gget(msgs[0]["id"], token, fields="message").json()
    assert node == {"message": msgs[0]["message"], "id": msgs[0]["id"]}


def test_conversations_page_to_the_end(sim: Sim) -> None:
    page_id, token = sim.page()
    url = (
        f"{sim.urls.graph}/{page_id}/conversations?platform=messenger&limit=1&access_token={token}"
    )
    assert len(page_all(sim, url)) == len(sim.world.pages[page_id].conversations)


def test_time_based_feed_paging_switch(make_sim: Any) -> None:
    sim = make_sim(fb_feed_paging="time")
    page_id, token = sim.page()
    body = sim.gget(f"{page_id}/feed", token, limit=1).json()
    assert "until=" in body["paging"]["next"] and "__paging_token=" in body["paging"]["next"]
    url = f"{sim.urls.graph}/{page_id}/feed?limit=1&access_token={token}"
    assert len(page_all(sim, url)) == len(sim.world.pages[page_id].posts)


def test_me_accounts_with_user_token_and_debug_token(sim: Sim) -> None:
    manifest = sim.control.manifest()
    user = manifest["facebook_user_token"]
    accounts = sim.gget("me/accounts", user).json()["data"]
    assert {a["id"] for a in accounts} == {a["external_id"] for a in sim.fb}
    assert all(
        a["access_token"].startswith("SIMFB-") and "MODERATE" in a["tasks"] for a in accounts
    )
    page_id, token = sim.page()
    info = sim.gget("debug_token", token, input_token=token).json()["data"]
    assert info["is_valid"] and info["type"] == "PAGE" and info["profile_id"] == page_id
    needs_page = sim.gget(f"{page_id}/feed", user).json()["error"]
    assert needs_page["code"] == 190
