"""Batch requests: per-operation tokens, string bodies, order, limits, references, nulls."""

from __future__ import annotations

import json
from typing import Any

from conftest import Sim


def batch(sim: Sim, ops: list[dict[str, Any]], token: str | None = None, **extra: str) -> Any:
    data = {"batch": json.dumps(ops), **extra}
    if token is not None:
        data["access_token"] = token
    return sim.http.post(f"{sim.urls.graph}/", data=data)


def test_batch_with_a_token_per_operation(sim: Sim) -> None:
    (p0, t0), (p1, t1) = sim.page(0), sim.page(1)
    ops = [
        {
            "method": "GET",
            "relative_url": f"{p0}/feed?fields=id,updated_time&limit=2&access_token={t0}",
        },
        {"method": "GET", "relative_url": f"v19.0/{p1}/feed?limit=1&access_token={t1}"},
        {"method": "GET", "relative_url": f"{p1}/feed?limit=1"},  # falls back to the top token
    ]
    resp = batch(sim, ops, t0)
    assert resp.status_code == 200
    results = resp.json()
    assert [r["code"] for r in results] == [200, 200, 400]
    assert all(isinstance(r["body"], str) for r in results)
    first = json.loads(results[0]["body"])
    assert len(first["data"]) == 2 and first["data"][0]["id"].startswith(p0 + "_")
    assert json.loads(results[1]["body"])["data"][0]["id"].startswith(p1 + "_")
    assert json.loads(results[2]["body"])["error"]["error_subcode"] == 33
    names = {h["name"] for h in results[0]["headers"]}
    assert {"Content-Type", "X-Business-Use-Case-Usage"} <= names
    no_headers = batch(sim, ops[:1], t0, include_headers="false").json()
    assert "headers" not in no_headers[0]


def test_batch_writes_with_body(sim: Sim) -> None:
    page_id, token = sim.page()
    comment = next(
        c for p in sim.world.pages[page_id].posts for c in p.toplevel if c.author_id != page_id
    )
    ops = [
        {"method": "POST", "relative_url": f"{comment.id}/comments", "body": "message=Đã+nhận"},
        {"method": "POST", "relative_url": comment.id, "body": "is_hidden=true"},
    ]
    results = batch(sim, ops, token).json()
    assert [r["code"] for r in results] == [200, 200]
    assert json.loads(results[1]["body"]) == {"success": True}
    assert [w.action for w in sim.control.writes()] == ["fb.comment.reply", "fb.comment.hide"]
    assert sim.control.writes()[0].payload["message"] == "Đã nhận"


def test_batch_limit_50(sim: Sim) -> None:
    page_id, token = sim.page()
    ops = [{"method": "GET", "relative_url": page_id}] * 51
    resp = batch(sim, ops, token)
    assert resp.status_code == 400 and resp.json()["error"]["code"] == 100
    assert len(batch(sim, ops[:50], token).json()) == 50


def test_batch_jsonpath_reference_and_omitted_response(sim: Sim) -> None:
    page_id, token = sim.page()
    ops = [
        {"method": "GET", "name": "posts", "relative_url": f"{page_id}/feed?limit=2"},
        {"method": "GET", "relative_url": "{result=posts:$.data.1.id}?fields=id"},
    ]
    results = batch(sim, ops, token).json()
    assert results[0] is None  # a named, referenced operation is omitted on success
    second = sim.world.pages[page_id].posts.newest(2)[1].id
    assert results[1]["code"] == 200 and json.loads(results[1]["body"]) == {"id": second}
    ops2 = [
        {
            "method": "GET",
            "name": "feed",
            "relative_url": f"{page_id}/feed?limit=1",
            "omit_response_on_success": False,
        },
        {"method": "GET", "relative_url": "{result=feed:$.data.0.id}?fields=id,message"},
    ]
    results2 = batch(sim, ops2, token).json()
    first_id = json.loads(results2[0]["body"])["data"][0]["id"]
    assert json.loads(results2[1]["body"])["id"] == first_id


def test_batch_partial_fault_gives_nulls(sim: Sim) -> None:
    page_id, token = sim.page()
    sim.control.add_fault(kind="batch_partial", surface="graph", complete=1)
    ops = [{"method": "GET", "relative_url": page_id}] * 3
    results = batch(sim, ops, token).json()
    assert results[0]["code"] == 200 and results[1:] == [None, None]


def test_batch_operations_count_separately_and_faults_hit_one_op(sim: Sim) -> None:
    page_id, token = sim.page()
    sim.control.add_fault(kind="throttle", surface="graph", path="*/conversations")
    ops = [
        {"method": "GET", "relative_url": f"{page_id}/feed?limit=1"},
        {"method": "GET", "relative_url": f"{page_id}/conversations?platform=messenger"},
    ]
    results = batch(sim, ops, token).json()
    assert results[0]["code"] == 200
    assert json.loads(results[1]["body"])["error"]["code"] == 80001
