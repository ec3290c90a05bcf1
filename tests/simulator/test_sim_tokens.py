"""Credentials: Graph 104/190 (463 expired, 467 invalid, 460 revoked); Zalo header-only token,
-216 invalid/expired, OAuth v4 refresh with single-use rotating refresh tokens."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from conftest import Sim

HOUR = 3600.0


def test_graph_token_errors(sim: Sim) -> None:
    page_id, token = sim.page()
    missing = sim.gget(page_id)
    assert missing.status_code == 400 and missing.json()["error"]["code"] == 104
    bad = sim.gget(page_id, "SIMFB-nope").json()["error"]
    assert (bad["code"], bad["error_subcode"], bad["type"]) == (190, 467, "OAuthException")
    sim.control.expire_token("facebook", page_id)
    expired = sim.gget(page_id, token)
    err = expired.json()["error"]
    assert expired.status_code == 400
    assert (err["code"], err["error_subcode"]) == (190, 463)
    assert err["message"].startswith("Error validating access token: Session has expired")
    new = sim.control.reissue_token("facebook", page_id)["access_token"]
    assert new.startswith("SIMFB-") and sim.gget(page_id, new).status_code == 200
    sim.control.revoke_token("facebook", page_id)
    assert sim.gget(page_id, new).json()["error"]["error_subcode"] == 460


def test_tokens_are_fake_and_prefixed(sim: Sim) -> None:
    for acc in sim.fb:
        assert acc["access_token"].startswith("SIMFB-")
    for acc in sim.zl:
        assert acc["access_token"].startswith("SIMZL-")
        assert acc["refresh_token"].startswith("SIMZL-")
        assert acc["secret_key"].startswith("SIMZL-") and acc["app_id"].isdigit()


def test_zalo_token_only_in_header(sim: Sim) -> None:
    oa = sim.oa()
    url = f"{sim.urls.zalo}/v2.0/oa/listrecentchat"
    in_query = sim.http.get(url, params={"access_token": oa["access_token"]})
    assert in_query.status_code == 404
    in_header = sim.http.get(url, headers={"access_token": oa["access_token"]})
    assert in_header.status_code == 200 and in_header.json()["error"] == 0
    none = sim.http.get(url)
    assert none.status_code == 200 and none.json() == {
        "error": -216,
        "message": "Access token is invalid",
    }
    bearer = sim.http.get(url, headers={"Authorization": f"Bearer {oa['access_token']}"})
    assert bearer.json()["error"] == -216


def refresh(sim: Sim, oa: dict[str, str], refresh_token: str) -> httpx.Response:
    return sim.http.post(
        f"{sim.urls.zalo_oauth}/oa/access_token",
        data={
            "refresh_token": refresh_token,
            "app_id": oa["app_id"],
            "grant_type": "refresh_token",
        },
        headers={"secret_key": oa["secret_key"]},
    )


def test_oauth_refresh_rotates_single_use_tokens(sim: Sim) -> None:
    oa = sim.oa()
    first = refresh(sim, oa, oa["refresh_token"])
    assert first.status_code == 200
    body = first.json()
    assert set(body) == {"access_token", "refresh_token", "expires_in"}
    assert body["expires_in"] == "90000" and isinstance(body["expires_in"], str)
    assert body["refresh_token"] != oa["refresh_token"]
    again = refresh(sim, oa, oa["refresh_token"]).json()  # the old refresh token is spent
    assert again["error"] == -14014 and "access_token" not in again
    assert sim.zget("/v2.0/oa/getoa", body["access_token"]).json()["error"] == 0
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["error"] == -216
    second = refresh(sim, oa, body["refresh_token"]).json()
    assert second["refresh_token"] not in (body["refresh_token"], oa["refresh_token"])
    manifest = {a["external_id"]: a for a in sim.control.manifest()["accounts"]}
    assert manifest[oa["external_id"]]["refresh_token"] == second["refresh_token"]
    actions = [(w.action, w.status) for w in sim.control.writes(status=None)]
    assert actions == [
        ("zalo.oauth.token", "applied"),
        ("zalo.oauth.token", "rejected"),
        ("zalo.oauth.token", "applied"),
    ]


def test_oauth_wrong_secret_and_app(sim: Sim) -> None:
    oa = sim.oa()
    wrong = sim.http.post(
        f"{sim.urls.zalo_oauth}/oa/access_token",
        data={
            "refresh_token": oa["refresh_token"],
            "app_id": oa["app_id"],
            "grant_type": "refresh_token",
        },
        headers={"secret_key": "nope"},
    ).json()
    assert wrong["error"] < 0 and wrong["error_name"]
    assert refresh(sim, {**oa, "app_id": "1"}, oa["refresh_token"]).json()["error"] < 0
    assert refresh(sim, oa, oa["refresh_token"]).status_code == 200  # still unused


def test_access_token_expires_after_25_hours(sim: Sim) -> None:
    oa = sim.oa()
    sim.control.advance_clock(24 * HOUR)
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["error"] == 0
    sim.control.advance_clock(1 * HOUR + 1)
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["error"] == -216
    fresh = refresh(sim, oa, oa["refresh_token"]).json()
    assert sim.zget("/v2.0/oa/getoa", fresh["access_token"]).json()["error"] == 0


def test_expired_error_code_switch_and_control_expire(make_sim: Any) -> None:
    sim = make_sim(zalo_expired_token_error=-220)
    oa = sim.oa()
    sim.control.expire_token("zalo", oa["external_id"])
    body = sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()
    assert body == {"error": -220, "message": "access_token is expired or removed"}


def test_revoked_oa_kills_refresh_token_too(sim: Sim) -> None:
    oa = sim.oa()
    sim.control.revoke_token("zalo", oa["external_id"])
    assert sim.zget("/v2.0/oa/getoa", oa["access_token"]).json()["error"] == -216
    assert refresh(sim, oa, oa["refresh_token"]).json()["error"] == -14014


def test_authorization_code_flow_with_pkce(sim: Sim) -> None:
    oa = sim.oa()
    verifier = "v" * 43
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode()
    consent = sim.http.get(
        f"{sim.urls.zalo_oauth}/oa/permission",
        params={
            "app_id": oa["app_id"],
            "redirect_uri": "http://127.0.0.1:1/cb",
            "code_challenge": challenge.rstrip("="),
            "state": "s1",
            "oa_id": oa["external_id"],
        },
    )
    assert consent.status_code == 302
    query = parse_qs(urlsplit(consent.headers["location"]).query)
    assert query["state"] == ["s1"] and query["oa_id"] == [oa["external_id"]]
    form = {
        "code": query["code"][0],
        "app_id": oa["app_id"],
        "grant_type": "authorization_code",
        "code_verifier": verifier,
    }
    url = f"{sim.urls.zalo_oauth}/oa/access_token"
    got = sim.http.post(url, data=form, headers={"secret_key": oa["secret_key"]}).json()
    assert got["access_token"].startswith("SIMZL-") and got["expires_in"] == "90000"
    reused = sim.http.post(url, data=form, headers={"secret_key": oa["secret_key"]}).json()
    assert reused["error"] < 0
