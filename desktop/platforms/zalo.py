"""Zalo Official Account Open API client (reads, CS text send) and OAuth v4 token refresh.

The OA access token goes in the ``access_token`` header only; GET parameters travel as one
JSON ``data=`` query parameter; every answer is an envelope whose ``error`` must be 0.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop.platforms.errors import MalformedResponse
from desktop.platforms.http import JsonResponse, PlatformHttp
from desktop.platforms.models import JsonDict, SendResult, TokenPair
from desktop.platforms.zalo_errors import oauth_error, zalo_error

MAX_CHAT_COUNT = 10  # listrecentchat / conversation page size cap


def utc_now() -> datetime:
    return datetime.now(UTC)


class ZaloClient:
    def __init__(
        self,
        http: PlatformHttp,
        base_url: str,
        oauth_url: str,
        *,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.oauth_url = oauth_url.rstrip("/")
        self.clock = clock  # the time ``expires_in`` counts from

    # ------------------------------------------------------------------ plumbing
    async def _call(
        self, method: str, path: str, token: str, *, data: JsonDict | None = None
    ) -> Any:
        params = None
        body = None
        if method == "GET" and data is not None:
            params = {"data": json.dumps(data, separators=(",", ":"))}
        elif method != "GET":
            body = data or {}
        resp = await self.http.request(
            "zalo",
            method,
            f"{self.base_url}{path}",
            secrets=(token,),
            params=params,
            json_body=body,
            headers={"access_token": token},
        )
        return _envelope_data(self.http, resp, write=method != "GET")

    async def _rows(self, path: str, token: str, data: JsonDict) -> list[JsonDict]:
        count = data.get("count")
        if not isinstance(count, int) or not 1 <= count <= MAX_CHAT_COUNT:
            raise ValueError(f"count must be 1..{MAX_CHAT_COUNT}, not {count!r}")
        rows = await self._call("GET", path, token, data=data)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise MalformedResponse(f"GET {path}: data is not a list of rows", platform="zalo")
        return list(rows)

    async def _object(self, path: str, token: str, data: JsonDict | None = None) -> JsonDict:
        value = await self._call("GET", path, token, data=data)
        if not isinstance(value, dict):
            raise MalformedResponse(f"GET {path}: data is not an object", platform="zalo")
        return value

    # ------------------------------------------------------------------ reads
    async def recent_chats(
        self, token: str, offset: int = 0, count: int = MAX_CHAT_COUNT
    ) -> list[JsonDict]:
        """Newest message rows across the OA's chats (``count`` 1..10; fewer rows than
        ``count`` means the end)."""
        return await self._rows(
            "/v2.0/oa/listrecentchat", token, {"offset": offset, "count": count}
        )

    async def conversation(
        self, token: str, user_id: str, offset: int = 0, count: int = MAX_CHAT_COUNT
    ) -> list[JsonDict]:
        """Message rows of the chat with ``user_id``, newest first (``count`` 1..10; fewer
        rows than ``count`` means the end)."""
        data = {"user_id": user_id, "offset": offset, "count": count}
        return await self._rows("/v2.0/oa/conversation", token, data)

    async def user_detail(self, token: str, user_id: str) -> JsonDict:
        """Profile of a user (``RecipientUnavailable`` -213 if they do not follow the OA)."""
        return await self._object("/v3.0/oa/user/detail", token, {"user_id": user_id})

    async def oa_info(self, token: str) -> JsonDict:
        return await self._object("/v2.0/oa/getoa", token)

    # ------------------------------------------------------------------ writes
    async def send_text(self, token: str, user_id: str, text: str) -> SendResult:
        """A consultation (CS) text message; ``WindowClosed`` (-230/-232) after 7 days without
        an interaction from the user."""
        path = "/v3.0/oa/message/cs"
        body = {"recipient": {"user_id": user_id}, "message": {"text": text}}
        data = await self._call("POST", path, token, data=body)
        message_id = data.get("message_id") if isinstance(data, dict) else None
        if not isinstance(message_id, str) or not message_id:
            raise MalformedResponse(
                f"POST {path}: the answer has no message_id", platform="zalo", may_have_applied=True
            )
        recipient = data.get("user_id")
        return SendResult(recipient if isinstance(recipient, str) else user_id, message_id)

    # ------------------------------------------------------------------ OAuth v4
    async def refresh(self, app_id: str, secret_key: str, refresh_token: str) -> TokenPair:
        """Trade a refresh token for a new pair. The refresh token is single-use: whatever
        happens after this call is sent, never send the same one again."""
        form = {"refresh_token": refresh_token, "app_id": app_id, "grant_type": "refresh_token"}
        return await self._token(form, secret_key, (refresh_token,))

    async def exchange_code(
        self, app_id: str, secret_key: str, code: str, code_verifier: str
    ) -> TokenPair:
        """Trade an authorisation code (admin consent, PKCE) for the first pair."""
        form = {
            "code": code,
            "app_id": app_id,
            "grant_type": "authorization_code",
            "code_verifier": code_verifier,
        }
        return await self._token(form, secret_key, (code, code_verifier))

    async def _token(
        self, form: dict[str, str], secret_key: str, secrets: tuple[str, ...]
    ) -> TokenPair:
        resp = await self.http.request(
            "zalo",
            "POST",
            f"{self.oauth_url}/oa/access_token",
            secrets=(secret_key, *secrets),
            data=form,
            headers={"secret_key": secret_key},
        )
        body = resp.body
        if not (200 <= resp.status < 300 and resp.is_json and isinstance(body, dict)):
            raise oauth_error(self.http, resp)
        if "access_token" not in body and body.get("error") not in (None, 0):
            raise oauth_error(self.http, resp)
        return _token_pair(body, self.clock(), resp)


def _envelope_data(http: PlatformHttp, resp: JsonResponse, *, write: bool) -> Any:
    body = resp.body
    if resp.status == 200 and isinstance(body, dict) and body.get("error") == 0:
        return body.get("data")
    raise zalo_error(http, resp, write=write)


def _token_pair(body: JsonDict, now: datetime, resp: JsonResponse) -> TokenPair:
    access, refresh = body.get("access_token"), body.get("refresh_token")
    expires_in = _seconds(body.get("expires_in"))
    if not isinstance(access, str) or not access or not isinstance(refresh, str) or not refresh:
        raise MalformedResponse(
            f"{resp.what}: the answer lacks the new tokens", platform="zalo", may_have_applied=True
        )
    if expires_in is None:
        raise MalformedResponse(
            f"{resp.what}: expires_in is missing or not a number",
            platform="zalo",
            may_have_applied=True,
        )
    return TokenPair(access, refresh, now + timedelta(seconds=expires_in))


def _seconds(value: Any) -> float | None:
    """``expires_in`` arrives as a string ("90000"); accept a number too."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value > 0 else None
    if isinstance(value, str):
        try:
            parsed = float(value.strip())
        except ValueError:
            return None
        return parsed if parsed > 0 else None
    return None
