"""Rate limits: BUC/app usage headers, throttling errors (80001, 32, 4), Zalo -32 and headers."""

from __future__ import annotations

import json
from typing import Any

from conftest import Sim


def buc(resp: Any, page_id: str) -> dict[str, Any]:
    return dict(json.loads(resp.headers["x-business-use-case-usage"])[page_id][0])


def test_usage_headers_grow_then_page_is_throttled(make_sim: Any) -> None:
    sim: Sim = make_sim(fb_page_calls_per_window=4, fb_page_window_s=3600.0)
    page_id, token = sim.page()
    seen = []
    for _ in range(4):
        resp = sim.gget(page_id, token)
        assert resp.status_code == 200
        usage = buc(resp, page_id)
        assert usage["type"] == "pages"
        assert set(usage) == {
            "type",
            "call_count",
            "total_cputime",
            "total_time",
            "estimated_time_to_regain_access",
        }
        seen.append(usage["call_count"])
        app = json.loads(resp.headers["x-app-usage"])
        assert set(app) == {"call_count", "total_time", "total_cputime"}
    assert seen == [25, 50, 75, 100]
    throttled = sim.gget(f"{page_id}/feed", token)
    err = throttled.json()["error"]
    assert throttled.status_code == 400
    assert err["code"] == 80001 and err["is_transient"] is True
    assert buc(throttled, page_id)["estimated_time_to_regain_access"] >= 1
    other_id, other_token = sim.page(1)
    assert sim.gget(other_id, other_token).status_code == 200  # per-Page counters
    sim.control.advance_clock(3600.0)
    assert sim.gget(page_id, token).status_code == 200


def test_code_32_switch_and_app_level_code_4(make_sim: Any) -> None:
    sim: Sim = make_sim(fb_page_calls_per_window=1, fb_page_throttle_code=32)
    page_id, token = sim.page()
    sim.gget(page_id, token)
    resp = sim.gget(page_id, token)
    assert resp.status_code == 403 and resp.json()["error"]["code"] == 32
    sim2: Sim = make_sim(fb_app_calls_per_window=2)
    (p0, t0), (p1, t1) = sim2.page(0), sim2.page(1)
    assert sim2.gget(p0, t0).status_code == 200
    assert sim2.gget(p1, t1).status_code == 200
    over = sim2.gget(p0, t0)
    assert over.status_code == 403 and over.json()["error"]["code"] == 4
    assert json.loads(over.headers["x-app-usage"])["call_count"] == 100


def test_settings_patch_over_control_api(sim: Sim) -> None:
    page_id, token = sim.page()
    sim.sim("POST", "/settings", {"fb_page_calls_per_window": 1})
    sim.gget(page_id, token)
    assert sim.gget(page_id, token).json()["error"]["code"] == 80001
    sim.sim("POST", "/ratelimit/reset")
    assert sim.gget(page_id, token).status_code == 200
    bad = sim.http.post(f"{sim.urls.control}/settings", json={"no_such": 1})
    assert bad.status_code == 400


def test_zalo_rate_limit(make_sim: Any) -> None:
    sim: Sim = make_sim(zalo_calls_per_minute=3)
    oa = sim.oa()
    remains = []
    for _ in range(3):
        resp = sim.zget("/v2.0/oa/getoa", oa["access_token"])
        assert resp.json()["error"] == 0
        assert resp.headers["x-ratelimit-limit"] == "3"
        remains.append(resp.headers["x-ratelimit-remain"])
    assert remains == ["2", "1", "0"]
    over = sim.zget("/v2.0/oa/getoa", oa["access_token"])
    assert over.status_code == 200 and over.json()["error"] == -32
    assert over.headers["x-ratelimit-remain"] == "0"
    sim.control.advance_clock(60.0)
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["error"] == 0
