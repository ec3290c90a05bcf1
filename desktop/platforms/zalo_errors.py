"""Zalo envelopes (``{"error": <negative>, "message": ...}``, HTTP 200) and OAuth v4 errors
(``{"error": -14014, "error_name", "error_description"}``) to typed errors."""

from __future__ import annotations

from typing import Any

from desktop.platforms.errors import (
    Permanent,
    PermissionMissing,
    PlatformError,
    RecipientUnavailable,
    TokenExpired,
    TokenInvalid,
    Transient,
    WindowClosed,
)
from desktop.platforms.http import JsonResponse, PlatformHttp

THROTTLED = frozenset({-32})
TOKEN_EXPIRED = frozenset({-216, -220, -124, 216, 401, -401})  # refresh and retry
TOKEN_INVALID = frozenset({-242})  # appsecret_proof rejected
WINDOW_CLOSED = frozenset({-230, -232})
PERMISSION = frozenset({-204, -212, -219})  # OA disabled, API not registered, app removed
UNAVAILABLE = frozenset({-213, -218})  # not a follower, recipient receive limit
OAUTH_PARAMETER = frozenset({-14001})  # a bad request, not a bad credential

_BY_CODE: dict[int, type[PlatformError]] = {
    **dict.fromkeys(TOKEN_EXPIRED, TokenExpired),
    **dict.fromkeys(TOKEN_INVALID, TokenInvalid),
    **dict.fromkeys(WINDOW_CLOSED, WindowClosed),
    **dict.fromkeys(PERMISSION, PermissionMissing),
    **dict.fromkeys(UNAVAILABLE, RecipientUnavailable),
}


def _code(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


def zalo_error(http: PlatformHttp, resp: JsonResponse, *, write: bool) -> PlatformError:
    """The typed error for a Zalo OA API answer whose envelope is not a success."""
    body = resp.body
    if not isinstance(body, dict) or _code(body.get("error")) is None:
        return http.not_json_error("zalo", resp, write=write)
    code = _code(body.get("error"))
    message = f"{resp.what}: {body.get('message') or 'Zalo API error'} (error {code})"
    kw: dict[str, Any] = {
        "platform": "zalo",
        "code": code,
        "http_status": resp.status,
        "secrets": resp.secrets,
    }
    if code in THROTTLED or resp.status == 429:
        return http.throttled("zalo", resp, message, code=code, scope="app")
    kind = _BY_CODE.get(code) if code is not None else None
    if kind is not None:
        return kind(message, **kw)
    if resp.status >= 500:
        return Transient(message, may_have_applied=write, **kw)
    return Permanent(message, **kw)


def oauth_error(http: PlatformHttp, resp: JsonResponse) -> PlatformError:
    """The typed error for a failed ``/oa/access_token`` answer."""
    body = resp.body
    code = _code(body.get("error")) if isinstance(body, dict) else None
    if not isinstance(body, dict) or code is None or code == 0:
        return http.not_json_error("zalo", resp, write=True)
    name = body.get("error_name") or "OAuth error"
    detail = body.get("error_description") or body.get("message") or ""
    message = f"{resp.what}: {name}: {detail} (error {code})"
    kw: dict[str, Any] = {
        "platform": "zalo",
        "code": code,
        "http_status": resp.status,
        "secrets": resp.secrets,
    }
    if code in OAUTH_PARAMETER:
        return Permanent(message, **kw)
    if resp.status >= 500:
        return Transient(message, may_have_applied=True, **kw)
    # -14014 invalid/used refresh token, -14019 invalid code, -14002 app, -14004 secret, -118 ...
    return TokenInvalid(message + ": the Official Account must be authorised again", **kw)
