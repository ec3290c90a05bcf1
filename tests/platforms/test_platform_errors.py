"""Typed errors, token scrubbing, the error-code tables, and the usage tracker's arithmetic."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.platforms import (
    AlreadyDone,
    MalformedResponse,
    NotFound,
    Permanent,
    PermissionMissing,
    PlatformError,
    PlatformHttp,
    RateLimited,
    RecipientUnavailable,
    TokenExpired,
    TokenInvalid,
    Transient,
    UsagePolicy,
    UsageTracker,
    WindowClosed,
)
from desktop.platforms.fb_errors import graph_error
from desktop.platforms.http import JsonResponse
from desktop.platforms.redact import redact
from desktop.platforms.usage import parse_buc, regain_seconds
from desktop.platforms.zalo_errors import oauth_error, zalo_error

TOKEN = "EAAFAKEtestTOKEN0123456789"  # made up, Page-token shaped: scrubbing must hide it


def response(
    status: int, body: Any, headers: dict[str, str] | None = None, secrets: tuple[str, ...] = ()
) -> JsonResponse:
    return JsonResponse(status, httpx.Headers(headers or {}), body, True, "GET /x", secrets)


def fb(code: int, subcode: int | None = None, status: int = 400, **extra: Any) -> dict[str, Any]:
    err: dict[str, Any] = {"message": f"(#{code}) boom", "type": "OAuthException", "code": code}
    if subcode is not None:
        err["error_subcode"] = subcode
    err.update(extra)
    return {"error": err}


# ---------------------------------------------------------------------------- scrubbing
@pytest.mark.parametrize(
    "text",
    [
        f"https://graph.facebook.com/v19.0/1/feed?limit=1&access_token={TOKEN}&after=QVFI",
        f'{{"access_token": "{TOKEN}", "id": "1"}}',
        f'{{\\"refresh_token\\":\\"{TOKEN}\\"}}',
        f"Authorization: Bearer {TOKEN}",
        f"access_token: {TOKEN}",
        f"secret_key={TOKEN}&app_id=1",
        f"the token {TOKEN} was rejected",
        "SIMZL-AT-abcdefghijklmnop is dead",
    ],
)
def test_redact_removes_tokens(text: str) -> None:
    clean = redact(text)
    assert TOKEN not in clean and "SIMZL-AT" not in clean and "***" in clean


def test_redact_keeps_ids_and_removes_known_secrets() -> None:
    text = "comment 120000000000009_900000000000001 by 7000000000000001, secret opaque-xyz-123"
    clean = redact(text, ["opaque-xyz-123", None, ""])
    assert "120000000000009_900000000000001" in clean and "7000000000000001" in clean
    assert "opaque-xyz-123" not in clean


@given(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=8))
def test_a_known_secret_never_survives(secret: str) -> None:
    text = f"prefix {secret} middle ?access_token={secret}&x=1 {{'a': '{secret}'}}"
    assert secret not in redact(text, [secret])


def test_error_messages_reprs_and_args_are_scrubbed(http: PlatformHttp) -> None:
    body = fb(100, message=f"bad next https://x/feed?access_token={TOKEN}")
    err = graph_error(http, response(400, body), write=False)
    for text in (str(err), repr(err), *map(str, err.args)):
        assert TOKEN not in text
    direct = Permanent(f"boom {TOKEN}", platform="facebook", secrets=[TOKEN])
    assert TOKEN not in repr(direct) and TOKEN not in str(direct.args)


# ---------------------------------------------------------------------------- code tables
@pytest.fixture
def http() -> Iterator[PlatformHttp]:
    client = httpx.AsyncClient()
    yield PlatformHttp(client)
    asyncio.run(client.aclose())


GRAPH_CASES: list[tuple[dict[str, Any], int, type[PlatformError]]] = [
    (fb(190, 463), 400, TokenExpired),
    (fb(190, 467), 400, TokenInvalid),
    (fb(190, 460), 400, TokenInvalid),
    (fb(190), 400, TokenInvalid),
    (fb(102), 400, TokenInvalid),
    (fb(104), 400, TokenInvalid),
    (fb(4), 403, RateLimited),
    (fb(17), 403, RateLimited),
    (fb(32), 403, RateLimited),
    (fb(613), 400, RateLimited),
    (fb(80001), 400, RateLimited),
    (fb(80006), 400, RateLimited),
    (fb(341), 400, RateLimited),
    (fb(10), 400, PermissionMissing),
    (fb(3), 400, PermissionMissing),
    (fb(200), 403, PermissionMissing),
    (fb(230), 400, PermissionMissing),
    (fb(299), 400, PermissionMissing),
    (fb(10, 2018278), 400, WindowClosed),
    (fb(10, 2534022), 400, WindowClosed),
    (fb(10900), 400, AlreadyDone),
    (fb(100, 33), 400, NotFound),
    (fb(551, 1545041), 400, RecipientUnavailable),
    (fb(100, 2018001), 400, RecipientUnavailable),
    (fb(1), 500, Transient),
    (fb(2), 503, Transient),
    (fb(2, 2018344), 400, Transient),
    (fb(9999, is_transient=True), 400, Transient),
    (fb(100), 400, Permanent),
    (fb(506), 400, Permanent),
    (fb(368), 400, Permanent),
    ({"error": {"message": "?"}}, 502, Transient),
    ({"unexpected": True}, 400, Permanent),
    ({"unexpected": True}, 500, Transient),
]


@pytest.mark.parametrize(("body", "status", "kind"), GRAPH_CASES)
def test_graph_error_table(
    http: PlatformHttp, body: dict[str, Any], status: int, kind: type[PlatformError]
) -> None:
    err = graph_error(http, response(status, body), write=True)
    assert type(err) is kind and err.platform == "facebook" and err.http_status == status
    assert err.retryable is (kind in (RateLimited, Transient))
    if isinstance(err, Transient):
        assert err.may_have_applied is True


ZALO_CASES: list[tuple[int, int, type[PlatformError]]] = [
    (-32, 200, RateLimited),
    (-32, 429, RateLimited),
    (-216, 200, TokenExpired),
    (-220, 200, TokenExpired),
    (-124, 200, TokenExpired),
    (-401, 200, TokenExpired),
    (-242, 200, TokenInvalid),
    (-230, 200, WindowClosed),
    (-232, 200, WindowClosed),
    (-212, 200, PermissionMissing),
    (-204, 200, PermissionMissing),
    (-219, 200, PermissionMissing),
    (-213, 200, RecipientUnavailable),
    (-218, 200, RecipientUnavailable),
    (-201, 200, Permanent),
    (-205, 200, Permanent),
    (-211, 200, Permanent),
    (-999, 500, Transient),
]


@pytest.mark.parametrize(("code", "status", "kind"), ZALO_CASES)
def test_zalo_error_table(
    http: PlatformHttp, code: int, status: int, kind: type[PlatformError]
) -> None:
    err = zalo_error(http, response(status, {"error": code, "message": "x"}), write=False)
    assert type(err) is kind and err.code == code and err.platform == "zalo"


@pytest.mark.parametrize(
    ("code", "kind"),
    [(-14014, TokenInvalid), (-14019, TokenInvalid), (-118, TokenInvalid), (-14001, Permanent)],
)
def test_oauth_error_table(http: PlatformHttp, code: int, kind: type[PlatformError]) -> None:
    err = oauth_error(http, response(200, {"error": code, "error_name": "n"}))
    assert type(err) is kind and err.code == code


@pytest.mark.parametrize(
    ("status", "is_json", "kind"),
    [
        (200, False, MalformedResponse),
        (404, False, NotFound),
        (429, False, RateLimited),
        (503, False, Transient),
        (418, False, MalformedResponse),  # unreadable 4xx: temporary, not final
    ],
)
def test_answers_without_json(
    http: PlatformHttp, status: int, is_json: bool, kind: type[PlatformError]
) -> None:
    resp = JsonResponse(status, httpx.Headers(), None, is_json, "GET /x")
    assert type(http.not_json_error("zalo", resp, write=False)) is kind


def test_rate_limited_retry_after_from_headers(http: PlatformHttp) -> None:
    buc = {"104": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 7}]}
    resp = response(400, fb(80001), {"X-Business-Use-Case-Usage": json.dumps(buc)})
    err = graph_error(http, resp, write=False)
    assert isinstance(err, RateLimited) and err.retry_after == 420.0
    retry = response(403, fb(4), {"Retry-After": "12"})
    err = graph_error(http, retry, write=False)
    assert isinstance(err, RateLimited) and err.retry_after == 12.0 and err.scope == "app"
    bare = graph_error(http, response(403, fb(17)), write=False)
    assert isinstance(bare, RateLimited) and bare.retry_after == 300.0


# ---------------------------------------------------------------------------- usage tracker
class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_usage_delay_grows_before_the_limit_and_is_the_regain_time_after() -> None:
    clock = FakeClock()
    usage = UsageTracker(UsagePolicy(slow_from_pct=50, max_delay_s=60), clock=clock)
    delays = []
    for pct in (10, 49, 50, 75, 90, 99):
        buc = {"104": [{"type": "pages", "call_count": pct, "total_time": 1, "total_cputime": 1}]}
        usage.record("facebook", {"X-Business-Use-Case-Usage": json.dumps(buc)})
        delays.append(usage.delay_for("104"))
    assert delays[:3] == [0.0, 0.0, 0.0] and delays == sorted(delays)
    assert delays[3] == pytest.approx(15.0) and delays[-1] < 60
    buc = {"104": [{"call_count": 100, "estimated_time_to_regain_access": 2}]}
    usage.record("facebook", {"X-Business-Use-Case-Usage": json.dumps(buc)})
    assert usage.delay_for("104") == 120.0
    clock.now += 30
    usage.record(
        "facebook", {"X-Business-Use-Case-Usage": json.dumps({"104": [{"call_count": 100}]})}
    )
    assert usage.delay_for("104") == pytest.approx(90.0)  # a regain deadline is kept
    clock.now += 91
    assert usage.delay_for("104") == 0.0  # access regained
    assert usage.delay_for("999") == 0.0


def test_app_usage_counts_for_every_page_and_readings_go_stale() -> None:
    clock = FakeClock()
    usage = UsageTracker(clock=clock)
    usage.record("facebook", {"X-App-Usage": '{"call_count":20,"total_time":95,"total_cputime":5}'})
    assert usage.delay_for("any-page") > 40
    usage.record("zalo", {"X-RateLimit-Limit": "100", "X-RateLimit-Remain": "90"}, "oa1")
    assert usage.delay_for("oa1") == 0.0  # the OA is known to be on Zalo: 10 % used
    clock.now += usage.policy.stale_after_s + 1
    assert usage.delay_for("any-page") == 0.0


def test_page_usage_header_and_garbage_headers() -> None:
    usage = UsageTracker(clock=FakeClock())
    usage.record("facebook", {"X-Page-Usage": '{"call_count": 80}'}, account_id="104")
    assert usage.delay_for("104") > 0
    for garbage in ("not json", "[1,2]", '{"104": "x"}', '{"call_count": "NaN"}'):
        usage.record("facebook", {"X-App-Usage": garbage, "X-Business-Use-Case-Usage": garbage})
    usage.record("zalo", {"X-RateLimit-Limit": "0", "X-RateLimit-Remain": "x"})
    assert parse_buc({"X-Business-Use-Case-Usage": "{]"}) == {}
    assert regain_seconds({}) is None


def test_marked_throttling() -> None:
    clock = FakeClock()
    usage = UsageTracker(clock=clock)
    usage.mark_throttled("zalo", "oa1", 60.0, scope="app")
    assert usage.delay_for("oa2", "zalo") == 60.0 and usage.delay_for("p1", "facebook") == 0.0
    usage.mark_throttled("facebook", "p1", 30.0)
    assert usage.delay_for("p1") == 30.0 and usage.delay_for("p2", "facebook") == 0.0
