"""Graph API error objects (``{"error": {message, type, code, error_subcode, ...}}``) to typed
errors. Branch on ``code``/``error_subcode``, not on the HTTP status (platform-apis.md A.6)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.platforms.errors import (
    AlreadyDone,
    NotFound,
    Permanent,
    PermissionMissing,
    PlatformError,
    RecipientUnavailable,
    Scope,
    TokenExpired,
    TokenInvalid,
    Transient,
    WindowClosed,
)
from desktop.platforms.graph_paging import scrub_paging
from desktop.platforms.http import JsonResponse, PlatformHttp

APP_THROTTLE_CODES = frozenset({4, 17, 341})
ACCOUNT_THROTTLE_CODES = frozenset({32, 613}) | frozenset(range(80000, 80015))
TOKEN_EXPIRED_SUBCODES = frozenset({463})
TOKEN_INVALID_CODES = frozenset({102, 104})
WINDOW_SUBCODES = frozenset({2018278, 2534022})
PERMISSION_CODES = frozenset({3, 10}) | frozenset(range(200, 300))
TRANSIENT_CODES = frozenset({1, 2})
ALREADY_DONE_CODES = frozenset({10900})
OBJECT_MISSING = (100, 33)
UNAVAILABLE = frozenset({(551, None), (551, 1545041), (100, 2018001)})


Rule = Callable[[int | None, int | None], bool]
# (code, subcode) -> error class, first match wins; throttling is handled before these
_RULES: tuple[tuple[Rule, type[PlatformError]], ...] = (
    (lambda c, s: c == 190 and s in TOKEN_EXPIRED_SUBCODES, TokenExpired),
    (lambda c, s: c == 190 or c in TOKEN_INVALID_CODES, TokenInvalid),
    (lambda c, s: c == 10 and s in WINDOW_SUBCODES, WindowClosed),
    (lambda c, s: c in ALREADY_DONE_CODES, AlreadyDone),
    (lambda c, s: c in PERMISSION_CODES, PermissionMissing),
    (lambda c, s: (c, s) == OBJECT_MISSING, NotFound),
    (lambda c, s: (c, s) in UNAVAILABLE, RecipientUnavailable),
)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


def answer_or_raise(
    http: PlatformHttp, resp: JsonResponse, *, write: bool, account_id: str | None = None
) -> Any:
    """The JSON body of a successful Graph answer; the typed error of a failed one."""
    body = resp.body
    failed = isinstance(body, dict) and "error" in body
    if 200 <= resp.status < 300 and resp.is_json and not failed:
        return body if resp.scrubbed else scrub_paging(body)
    raise graph_error(http, resp, write=write, account_id=account_id)


def graph_error(
    http: PlatformHttp,
    resp: JsonResponse,
    *,
    write: bool,
    account_id: str | None = None,
) -> PlatformError:
    """The typed error for a failed Graph answer (whole request or one batch operation)."""
    body = resp.body
    err = body.get("error") if isinstance(body, dict) else None
    if not isinstance(err, dict):
        return _without_error_object(http, resp, write=write)
    code = _int(err.get("code"))
    subcode = _int(err.get("error_subcode"))
    message = f"{resp.what}: {err.get('message') or 'Graph API error'}"
    trace = err.get("fbtrace_id") if isinstance(err.get("fbtrace_id"), str) else None
    kw: dict[str, Any] = {
        "platform": "facebook",
        "code": code,
        "subcode": subcode,
        "http_status": resp.status,
        "trace_id": trace,
        "secrets": resp.secrets,
    }
    if code in APP_THROTTLE_CODES or code in ACCOUNT_THROTTLE_CODES:
        scope: Scope = "app" if code in APP_THROTTLE_CODES else "account"
        return http.throttled(
            "facebook",
            resp,
            message,
            code=code,
            subcode=subcode,
            scope=scope,
            account_id=account_id,
            trace_id=trace,
        )
    for matches, kind in _RULES:
        if matches(code, subcode):
            return kind(message, **kw)
    if code in TRANSIENT_CODES or err.get("is_transient") is True or resp.status >= 500:
        return Transient(message, may_have_applied=write, **kw)
    return Permanent(message, **kw)


def _without_error_object(http: PlatformHttp, resp: JsonResponse, *, write: bool) -> PlatformError:
    if resp.is_json and 300 <= resp.status < 500 and resp.status not in (404, 429):
        return Permanent(
            f"{resp.what}: HTTP {resp.status} with an unexpected body",
            platform="facebook",
            http_status=resp.status,
            secrets=resp.secrets,
        )
    return http.not_json_error("facebook", resp, write=write)
