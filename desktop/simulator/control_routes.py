"""The ``/_sim`` control API (JSON in, JSON out) over ``SimControl``.

=======================================  ====================================================
GET    /_sim/health                      ``{"ok": true, "now": ...}``
GET    /_sim/manifest                    base URLs, Facebook app/user token, accounts + tokens
GET    /_sim/stats                       world counts, writes, events, stream count, now
GET    /_sim/writes?after_seq=&action=&account=&status=applied|rejected|all
GET    /_sim/events?after_seq=&kind=     changes made by citizens / other moderators
GET    /_sim/faults                      active fault rules
POST   /_sim/faults                      add a rule (faults.FaultRule fields) -> the rule
DELETE /_sim/faults                      remove every rule
DELETE /_sim/faults/{id}                 remove one rule
GET    /_sim/clock                       ``{"now": epoch, "iso": ...}``
POST   /_sim/clock/advance               ``{"seconds": 90000}``
GET    /_sim/settings                    every setting
POST   /_sim/settings                    ``{"name": value, ...}`` (top-level settings)
POST   /_sim/ratelimit/reset             forget all call counters
POST   /_sim/tokens/expire               ``{"platform": "facebook"|"zalo", "account": id|unit}``
POST   /_sim/tokens/revoke               same body
POST   /_sim/tokens/reissue              same body -> new token(s)
POST   /_sim/permissions/revoke          ``{"account": page id|unit, "permission": "..."}``
POST   /_sim/permissions/grant           same body
POST   /_sim/inbound/comment             ``{"account"?, "post_id"?, "parent_id"?, "text"?,
                                         "author_id"?, "category"?, "urgent"?}``
POST   /_sim/inbound/message             ``{"account"?, "psid"?, "text"?, "new_thread"?, ...}``
POST   /_sim/inbound/zalo                ``{"account"?, "user_id"?, "text"?, "new_user"?, ...}``
POST   /_sim/inbound/post                ``{"account"?, "text"?}``
POST   /_sim/stream                      ``{"rate_per_minute"?: R, "emit"?: N, "kind"?: k}``
POST   /_sim/platform/edit               ``{"comment_id", "text"}``
POST   /_sim/platform/delete             ``{"comment_id"}``
POST   /_sim/platform/hide               ``{"comment_id", "hidden": true|false}``
POST   /_sim/platform/follow             ``{"account", "user_id", "follower": bool}`` (Zalo)
=======================================  ====================================================
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from desktop.simulator.control import SimControl
from desktop.simulator.world import WorldError

Json = dict[str, Any]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def reply(body: Any, status: int = 200) -> web.Response:
    return web.Response(
        status=status, text=json.dumps(body, ensure_ascii=False), content_type="application/json"
    )


async def body_of(request: web.Request) -> Json:
    if not request.can_read_body:
        return {}
    try:
        data = json.loads(await request.read() or b"{}")
    except json.JSONDecodeError as exc:
        raise web.HTTPBadRequest(
            text=json.dumps({"error": f"invalid JSON: {exc}"}), content_type="application/json"
        ) from exc
    if not isinstance(data, dict):
        raise web.HTTPBadRequest(
            text=json.dumps({"error": "body must be a JSON object"}),
            content_type="application/json",
        )
    return data


def guarded(fn: Callable[[web.Request], Awaitable[Any]]) -> Handler:
    async def wrapper(request: web.Request) -> web.StreamResponse:
        try:
            return reply(await fn(request))
        except WorldError as exc:
            return reply({"error": f"not found: {exc}"}, 404)
        except (KeyError, TypeError, ValueError) as exc:
            return reply({"error": f"{type(exc).__name__}: {exc}"}, 400)

    return wrapper


class ControlRoutes:
    def __init__(self, control: SimControl) -> None:
        self.c = control

    def register(self, app: web.Application) -> None:
        r = app.router
        r.add_get("/_sim/health", guarded(self.health))
        r.add_get("/_sim/manifest", guarded(self.manifest))
        r.add_get("/_sim/stats", guarded(self.stats))
        r.add_get("/_sim/writes", guarded(self.writes))
        r.add_get("/_sim/events", guarded(self.events))
        r.add_get("/_sim/faults", guarded(self.faults))
        r.add_post("/_sim/faults", guarded(self.add_fault))
        r.add_delete("/_sim/faults", guarded(self.clear_faults))
        r.add_delete("/_sim/faults/{id}", guarded(self.remove_fault))
        r.add_get("/_sim/clock", guarded(self.clock))
        r.add_post("/_sim/clock/advance", guarded(self.advance))
        r.add_get("/_sim/settings", guarded(self.settings))
        r.add_post("/_sim/settings", guarded(self.patch_settings))
        r.add_post("/_sim/ratelimit/reset", guarded(self.reset_limits))
        r.add_post("/_sim/tokens/{action}", guarded(self.tokens))
        r.add_post("/_sim/permissions/{action}", guarded(self.permissions))
        r.add_post("/_sim/inbound/{kind}", guarded(self.inbound))
        r.add_post("/_sim/stream", guarded(self.stream))
        r.add_post("/_sim/platform/{action}", guarded(self.platform))

    async def health(self, request: web.Request) -> Json:
        return {"ok": True, "now": self.c.now()}

    async def manifest(self, request: web.Request) -> Json:
        return self.c.manifest()

    async def stats(self, request: web.Request) -> Json:
        return self.c.stats()

    async def writes(self, request: web.Request) -> Json:
        q = request.query
        status = q.get("status", "applied")
        if status not in ("applied", "rejected", "all"):
            raise ValueError("status must be applied, rejected or all")
        rows = self.c.writes(
            after_seq=int(q.get("after_seq", "0")),
            action=q.get("action"),
            account=q.get("account"),
            status=None if status == "all" else ("applied" if status == "applied" else "rejected"),
        )
        return {"data": [r.as_dict() for r in rows]}

    async def events(self, request: web.Request) -> Json:
        rows = self.c.events(
            after_seq=int(request.query.get("after_seq", "0")), kind=request.query.get("kind")
        )
        return {"data": [e.as_dict() for e in rows]}

    async def faults(self, request: web.Request) -> Json:
        return {"data": [r.as_dict() for r in self.c.faults()]}

    async def add_fault(self, request: web.Request) -> Json:
        return self.c.add_fault(**await body_of(request)).as_dict()

    async def clear_faults(self, request: web.Request) -> Json:
        self.c.clear_faults()
        return {"success": True}

    async def remove_fault(self, request: web.Request) -> Json:
        return {"success": self.c.remove_fault(int(request.match_info["id"]))}

    async def clock(self, request: web.Request) -> Json:
        now = self.c.now()
        return {"now": now, "iso": datetime.fromtimestamp(now, UTC).isoformat()}

    async def advance(self, request: web.Request) -> Json:
        body = await body_of(request)
        now = self.c.advance_clock(float(body.get("seconds", 0)))
        return {"now": now, "iso": datetime.fromtimestamp(now, UTC).isoformat()}

    async def settings(self, request: web.Request) -> Json:
        return self.c.core.settings.as_dict()

    async def patch_settings(self, request: web.Request) -> Json:
        return {"changed": self.c.patch_settings(await body_of(request))}

    async def reset_limits(self, request: web.Request) -> Json:
        self.c.reset_rate_limits()
        return {"success": True}

    async def tokens(self, request: web.Request) -> Json:
        body = await body_of(request)
        platform = body["platform"]
        if platform not in ("facebook", "zalo"):
            raise ValueError("platform must be facebook or zalo")
        account = str(body["account"])
        action = request.match_info["action"]
        if action == "expire":
            self.c.expire_token(platform, account)
        elif action == "revoke":
            self.c.revoke_token(platform, account)
        elif action == "reissue":
            return self.c.reissue_token(platform, account)
        else:
            raise KeyError(action)
        return {"success": True}

    async def permissions(self, request: web.Request) -> Json:
        body = await body_of(request)
        action = request.match_info["action"]
        if action == "revoke":
            self.c.revoke_permission(str(body["account"]), str(body["permission"]))
        elif action == "grant":
            self.c.grant_permission(str(body["account"]), str(body["permission"]))
        else:
            raise KeyError(action)
        return {"success": True}

    async def inbound(self, request: web.Request) -> Json:
        body = await body_of(request)
        kind = request.match_info["kind"]
        account = body.pop("account", None)
        if kind == "comment":
            return self.c.add_comment(account, **body)
        if kind == "message":
            return self.c.add_message(account, **body)
        if kind == "zalo":
            return self.c.add_zalo_message(account, **body)
        if kind == "post":
            return self.c.add_post(account, body.get("text"))
        raise KeyError(kind)

    async def stream(self, request: web.Request) -> Json:
        body = await body_of(request)
        if "rate_per_minute" in body:
            self.c.set_stream_rate(float(body["rate_per_minute"]))
        events = self.c.emit(int(body.get("emit", 0)), body.get("kind"))
        return {"rate_per_minute": self.c.core.settings.stream_rate_per_minute, "events": events}

    async def platform(self, request: web.Request) -> Json:
        body = await body_of(request)
        action = request.match_info["action"]
        if action == "edit":
            self.c.platform_edit(str(body["comment_id"]), str(body["text"]))
        elif action == "delete":
            self.c.platform_delete(str(body["comment_id"]))
        elif action == "hide":
            self.c.platform_hide(str(body["comment_id"]), bool(body.get("hidden", True)))
        elif action == "follow":
            self.c.zalo_set_follower(
                str(body["account"]), str(body["user_id"]), bool(body["follower"])
            )
        else:
            raise KeyError(action)
        return {"success": True}
