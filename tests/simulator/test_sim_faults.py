"""Faults on demand, each kind, via Python and via the control API."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
from conftest import Sim


def target_comment(sim: Sim, page_id: str) -> str:
    return str(sim.control.add_comment(page_id, text="Có ai bị lừa chưa")["comment_id"])


def wait_for(predicate: Any, timeout: float = 3.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return bool(predicate())


def test_http_error_graph_and_zalo(sim: Sim) -> None:
    page_id, token = sim.page()
    sim.control.add_fault(kind="http_error", surface="graph", status=500)
    resp = sim.gget(page_id, token)
    assert resp.status_code == 500
    err = resp.json()["error"]
    assert err["code"] == 1 and err["is_transient"] is True
    assert sim.gget(page_id, token).status_code == 200  # count=1 by default
    oa = sim.oa()
    sim.control.add_fault(kind="http_error", surface="zalo", status=502)
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).status_code == 502
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).status_code == 200


def test_timeout_never_applies_the_write(sim: Sim) -> None:
    page_id, token = sim.page()
    comment = target_comment(sim, page_id)
    sim.control.add_fault(kind="timeout", method="POST", path="*/comments", delay_s=5.0)
    with pytest.raises(httpx.TimeoutException):
        sim.http.post(
            f"{sim.urls.graph}/{comment}/comments",
            data={"message": "x", "access_token": token},
            timeout=0.3,
        )
    assert sim.control.writes() == []


def test_delay_applies_the_write_even_after_the_client_gave_up(sim: Sim) -> None:
    page_id, token = sim.page()
    comment = target_comment(sim, page_id)
    sim.control.add_fault(kind="delay", method="POST", delay_s=0.25, count=2)
    started = time.monotonic()
    ok = sim.gpost(f"{comment}/comments", token, message="chậm")
    assert ok.status_code == 200 and time.monotonic() - started >= 0.25
    with pytest.raises(httpx.TimeoutException):
        sim.http.post(
            f"{sim.urls.graph}/{comment}/comments",
            data={"message": "chậm nữa", "access_token": token},
            timeout=0.05,
        )
    assert wait_for(lambda: len(sim.control.writes()) == 2)


def test_drop_before_write(sim: Sim) -> None:
    page_id, token = sim.page()
    comment = target_comment(sim, page_id)
    sim.control.add_fault(kind="drop_before", surface="graph", method="POST")
    with pytest.raises(httpx.TransportError):
        sim.gpost(comment, token, is_hidden="true")
    assert sim.control.writes() == []
    assert sim.gget(comment, token, fields="is_hidden").json()["is_hidden"] is False


def test_drop_after_write_is_applied_but_client_sees_a_reset(sim: Sim) -> None:
    page_id, token = sim.page()
    comment = target_comment(sim, page_id)
    sim.control.add_fault(kind="drop_after", surface="graph", method="POST")
    with pytest.raises(httpx.TransportError):
        sim.gpost(comment, token, is_hidden="true")
    assert [w.action for w in sim.control.writes()] == ["fb.comment.hide"]
    assert sim.gget(comment, token, fields="is_hidden").json()["is_hidden"] is True


def test_drop_after_zalo_send(sim: Sim) -> None:
    oa = sim.oa()
    made = sim.control.add_zalo_message(oa["external_id"], text="alo", new_user=True)
    sim.control.add_fault(kind="drop_after", surface="zalo", path="/v3.0/oa/message/cs")
    with pytest.raises(httpx.TransportError):
        sim.zpost(
            "/v3.0/oa/message/cs",
            oa["access_token"],
            {"recipient": {"user_id": made["user_id"]}, "message": {"text": "đã nhận"}},
        )
    assert [w.action for w in sim.control.writes()] == ["zalo.message.cs"]


def test_malformed_json(sim: Sim) -> None:
    page_id, token = sim.page()
    sim.control.add_fault(kind="malformed_json", surface="graph")
    resp = sim.gget(f"{page_id}/feed", token)
    assert resp.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(resp.text)
    oa = sim.oa()
    sim.control.add_fault(kind="malformed_json", surface="zalo")
    with pytest.raises(json.JSONDecodeError):
        json.loads(sim.zget("/v2.0/oa/getoa", oa["access_token"]).text)


def test_throttle_token_and_permission_faults(sim: Sim) -> None:
    page_id, token = sim.page()
    oa = sim.oa()
    c = sim.control
    c.add_fault(kind="throttle", surface="graph")
    assert sim.gget(page_id, token).json()["error"]["code"] == 80001
    c.add_fault(kind="throttle", surface="graph", code=4)
    assert sim.gget(page_id, token).status_code == 403
    c.add_fault(kind="token_expired", surface="graph")
    assert sim.gget(page_id, token).json()["error"]["error_subcode"] == 463
    c.add_fault(kind="token_invalid", surface="graph")
    assert sim.gget(page_id, token).json()["error"]["error_subcode"] == 467
    c.add_fault(kind="permission", surface="graph")
    assert sim.gget(page_id, token).json()["error"]["code"] == 200
    c.add_fault(kind="throttle", surface="zalo")
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["error"] == -32
    c.add_fault(kind="token_expired", surface="zalo")
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["error"] == -216
    c.add_fault(kind="permission", surface="zalo")
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["error"] == -212
    assert sim.gget(page_id, token).status_code == 200
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["error"] == 0


def test_empty_page_that_still_has_next(sim: Sim) -> None:
    page_id, token = sim.page()
    sim.control.add_fault(kind="empty_page", surface="graph", path="*/feed")
    body = sim.gget(f"{page_id}/feed", token, limit=2).json()
    assert body["data"] == [] and "next" in body["paging"]
    after = sim.http.get(body["paging"]["next"]).json()
    assert len(after["data"]) == 2


def test_targeting_by_account_count_skip_and_probability(sim: Sim) -> None:
    (p0, t0), (p1, t1) = sim.page(0), sim.page(1)
    c = sim.control
    c.add_fault(kind="http_error", account=p1, count=2, skip=1)
    assert sim.gget(p0, t0).status_code == 200
    assert [sim.gget(p1, t1).status_code for _ in range(4)] == [200, 500, 500, 200]
    c.add_fault(kind="http_error", probability=0.0, count=None)
    assert all(sim.gget(p0, t0).status_code == 200 for _ in range(5))
    assert len(c.faults()) == 1
    c.clear_faults()
    assert c.faults() == []


def test_faults_over_the_control_api(sim: Sim) -> None:
    page_id, token = sim.page()
    rule = sim.sim(
        "POST", "/faults", {"kind": "http_error", "status": 503, "surface": "graph", "count": None}
    )
    assert rule["id"] >= 1
    assert sim.gget(page_id, token).status_code == 503
    assert sim.gget(page_id, token).status_code == 503
    assert [r["id"] for r in sim.sim("GET", "/faults")["data"]] == [rule["id"]]
    sim.sim("DELETE", f"/faults/{rule['id']}")
    assert sim.gget(page_id, token).status_code == 200
    bad = sim.http.post(f"{sim.urls.control}/faults", json={"kind": "nope"})
    assert bad.status_code == 400
