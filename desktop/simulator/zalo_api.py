"""Zalo OA Open API logic: token header, ``data=`` JSON parameters, rate limit, the reads
(listrecentchat, conversation, user detail/getlist, getoa) and the CS send with its 7-day window.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop.simulator.faults import FaultRule
from desktop.simulator.model import ZaloOA, ZaloUser
from desktop.simulator.ratelimit import ZaloRateLimiter
from desktop.simulator.settings import SimSettings
from desktop.simulator.tokens import TokenState, TokenStore, ZaloAccessToken
from desktop.simulator.world import World
from desktop.simulator.zalo_format import (
    Json,
    ZaloError,
    message_row,
    ms,
    oa_info,
    ok,
    user_detail,
)

_PERIODS = {"TODAY": 1, "YESTERDAY": 2, "L7D": 7, "L30D": 30}


@dataclass(slots=True)
class ZaloRequest:
    method: str
    path: str  # "/v2.0/oa/listrecentchat"
    query: dict[str, str]
    token: str | None  # the access_token header
    body: bytes = b""
    forced: FaultRule | None = None


@dataclass(slots=True)
class ZaloResult:
    status: int
    body: Any  # JSON value, or None for a plain-text 404
    headers: dict[str, str] = field(default_factory=dict)
    malformed: bool = False


Handler = Callable[["ZaloApi", ZaloRequest, ZaloOA, float], Json]


def invalid(name: str) -> ZaloError:
    return ZaloError(-201, f"{name} is invalid!")


class ZaloApi:
    def __init__(
        self, world: World, tokens: TokenStore, limiter: ZaloRateLimiter, settings: SimSettings
    ) -> None:
        self.world = world
        self.tokens = tokens
        self.limiter = limiter
        self.settings = settings

    def known(self, method: str, path: str) -> bool:
        return (method, path) in ROUTES

    def account_of(self, token: str | None) -> str | None:
        tok = self.tokens.zalo_access.get(token or "")
        return None if tok is None else tok.oa_id

    def handle(self, req: ZaloRequest) -> ZaloResult:
        handler = ROUTES.get((req.method, req.path))
        if handler is None or "access_token" in req.query:
            return ZaloResult(404, None)
        now = self.world.now()
        forced = req.forced
        if forced is not None and forced.kind == "http_error":
            return ZaloResult(forced.status, None)
        headers: dict[str, str] = {}
        status = 200
        reached = False
        try:
            token = self._authenticate(req, now)
            throttled = forced is not None and forced.kind == "throttle"
            if throttled or not self.limiter.allow(token.app_id, now):
                headers = self.limiter.headers(token.app_id, now)
                status = self.settings.zalo_throttle_http_status
                raise ZaloError(-32, "Your application reached limit call api")
            headers = self.limiter.headers(token.app_id, now)
            if forced is not None and forced.kind == "permission":
                raise ZaloError(forced.code or -212, "Application is not registered for this api")
            reached = True
            body = handler(self, req, self.world.oas[token.oa_id], now)
        except ZaloError as err:
            body = err.body()
            if req.method == "POST" and not reached:
                self._log_refused(req, err, now)
        malformed = forced is not None and forced.kind == "malformed_json"
        return ZaloResult(status, body, headers, malformed)

    def _log_refused(self, req: ZaloRequest, err: ZaloError, now: float) -> None:
        """A write refused before its handler ran (token, rate limit, permission)."""
        self.world.writes.record(
            at=now,
            platform="zalo",
            action="zalo.request",
            account=self.account_of(req.token) or "",
            target=req.path,
            payload={},
            status="rejected",
            result={"error": err.code},
        )

    def _authenticate(self, req: ZaloRequest, now: float) -> ZaloAccessToken:
        forced = req.forced
        if forced is not None and forced.kind == "token_invalid":
            raise ZaloError(-216, "Access token is invalid")
        if forced is not None and forced.kind == "token_expired":
            raise self._expired()
        state, tok = self.tokens.check_zalo(req.token or "", now)
        if state is TokenState.EXPIRED:
            raise self._expired()
        if state is not TokenState.OK or tok is None:
            raise ZaloError(-216, "Access token is invalid")
        return tok

    def _expired(self) -> ZaloError:
        code = self.settings.zalo_expired_token_error
        if code == -220:
            return ZaloError(-220, "access_token is expired or removed")
        return ZaloError(code, "Access token is invalid")

    # ------------------------------------------------------------------ parameters
    @staticmethod
    def data(req: ZaloRequest) -> dict[str, Any]:
        raw = req.query.get("data")
        if raw is None or raw == "":
            return {}
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise invalid("data") from exc
        if not isinstance(parsed, dict):
            raise invalid("data")
        return parsed

    def paging(self, data: dict[str, Any], cap: int, default: int) -> tuple[int, int]:
        try:
            offset = int(data.get("offset", 0))
            count = int(data.get("count", default))
        except (TypeError, ValueError) as exc:
            raise invalid("offset/count") from exc
        if offset < 0:
            raise invalid("offset")
        if count < 1:
            raise invalid("count")
        if count > cap:
            if self.settings.zalo_count_over_max == "error":
                raise invalid("count")
            count = cap
        return offset, count

    def user(self, oa: ZaloOA, data: dict[str, Any]) -> ZaloUser:
        user_id = str(data.get("user_id", "")).strip()
        user = oa.users.get(user_id)
        if not user_id or user is None:
            raise invalid("user_id")
        return user

    # ------------------------------------------------------------------ routes
    def recent_chats(self, req: ZaloRequest, oa: ZaloOA, now: float) -> Json:
        offset, count = self.paging(self.data(req), self.settings.zalo_max_chat_count, 10)
        if self.settings.zalo_recentchat_mode == "per_message":
            rows = [
                message_row(oa, oa.users[m.user_id], m) for m in oa.messages.newest(count, offset)
            ]
        else:
            rows = []
            for user in oa.threads.newest(count, offset):
                last = user.messages.latest()
                if last is not None:
                    rows.append(message_row(oa, user, last))
        return ok(rows)

    def conversation(self, req: ZaloRequest, oa: ZaloOA, now: float) -> Json:
        data = self.data(req)
        user = self.user(oa, data)
        offset, count = self.paging(data, self.settings.zalo_max_chat_count, 10)
        return ok([message_row(oa, user, m) for m in user.messages.newest(count, offset)])

    def user_detail(self, req: ZaloRequest, oa: ZaloOA, now: float) -> Json:
        user = self.user(oa, self.data(req))
        if self.settings.zalo_detail_requires_follower and not user.is_follower:
            raise ZaloError(-213, "User has not followed OA")
        return ok(user_detail(user))

    def user_list(self, req: ZaloRequest, oa: ZaloOA, now: float) -> Json:
        data = self.data(req)
        offset, count = self.paging(data, self.settings.zalo_max_user_count, 50)
        follower = data.get("is_follower")
        period = data.get("last_interaction_period")
        tag = data.get("tag_name")
        if period is not None and period not in _PERIODS:
            raise invalid("last_interaction_period")
        users = [oa.users[uid] for uid in reversed(oa.user_order)]
        if isinstance(follower, bool):
            users = [u for u in users if u.is_follower == follower]
        if period is not None:
            horizon = now - _PERIODS[str(period)] * 86_400
            users = [
                u for u in users if u.last_interaction is not None and u.last_interaction >= horizon
            ]
        if tag:
            users = []  # no tags exist in the simulated OAs
        chunk = users[offset : offset + count]
        return ok(
            {
                "total": len(users),
                "count": count,
                "offset": offset,
                "users": [{"user_id": u.id} for u in chunk],
            }
        )

    def oa_info(self, req: ZaloRequest, oa: ZaloOA, now: float) -> Json:
        return ok(oa_info(oa))

    def send_cs(self, req: ZaloRequest, oa: ZaloOA, now: float) -> Json:
        target = ""
        payload: dict[str, Any] = {}
        try:
            try:
                body = json.loads(req.body or b"{}")
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise invalid("body") from exc
            if not isinstance(body, dict):
                raise invalid("body")
            recipient = body.get("recipient")
            message = body.get("message")
            if not isinstance(recipient, dict):
                raise invalid("recipient")
            target = str(recipient.get("user_id", ""))
            if not isinstance(message, dict):
                raise invalid("message")
            payload = {"message": message}
            user = self.user(oa, recipient)
            text = message.get("text")
            if message.get("attachment") is None:
                if not isinstance(text, str) or not text.strip():
                    raise invalid("text")
                if len(text) > self.settings.zalo_text_limit:
                    raise ZaloError(
                        -201, f"text is invalid! Length must be <= {self.settings.zalo_text_limit}"
                    )
            if self.settings.zalo_cs_requires_follower and not user.is_follower:
                raise ZaloError(-213, "User has not followed OA")
            last = user.last_interaction
            if last is None or now - last > self.settings.zalo_cs_window_s:
                raise ZaloError(-230, "User has not interacted with the OA in the past 7 days")
            shown = text if isinstance(text, str) else "[attachment]"
            msg = self.world.add_zalo_message(oa, user, shown, from_user=False)
            if message.get("attachment") is not None:
                msg.type = "photo"
            data: Json = {"message_id": msg.id, "user_id": user.id, "sent_time": str(ms(msg.time))}
            quota = self._quota(now - last)
            if quota is not None:
                data["quota"] = quota
            self.world.writes.record(
                at=now,
                platform="zalo",
                action="zalo.message.cs",
                account=oa.id,
                target=user.id,
                payload=payload,
                result={"message_id": msg.id},
            )
            return ok(data)
        except ZaloError as err:
            self.world.writes.record(
                at=now,
                platform="zalo",
                action="zalo.message.cs",
                account=oa.id,
                target=target,
                payload=payload,
                status="rejected",
                result={"error": err.code},
            )
            raise

    def _quota(self, since_interaction: float) -> Json | None:
        style = self.settings.zalo_quota_style
        if style == "omit":
            return None
        free = since_interaction <= self.settings.zalo_free_window_s
        quota: Json = {"quota_type": "reply" if free else "sub_quota"}
        if style == "full":
            quota.update({"remain": "8", "total": "8"})
        return quota


ROUTES: dict[tuple[str, str], Handler] = {
    ("GET", "/v2.0/oa/listrecentchat"): ZaloApi.recent_chats,
    ("GET", "/v2.0/oa/conversation"): ZaloApi.conversation,
    ("GET", "/v3.0/oa/user/detail"): ZaloApi.user_detail,
    ("GET", "/v3.0/oa/user/getlist"): ZaloApi.user_list,
    ("GET", "/v2.0/oa/getoa"): ZaloApi.oa_info,
    ("POST", "/v3.0/oa/message/cs"): ZaloApi.send_cs,
}
