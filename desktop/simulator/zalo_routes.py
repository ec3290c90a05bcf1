"""HTTP front of the Zalo OA Open API (``/zalo/...``) and Zalo OAuth v4 (``/zalo-oauth/v4/...``)."""

from __future__ import annotations

import asyncio

from aiohttp import web

from desktop.simulator.core import SimCore
from desktop.simulator.faults import NETWORK_KINDS, OAUTH_KINDS, ZALO_KINDS
from desktop.simulator.http_faults import json_response, with_network_fault
from desktop.simulator.zalo_api import ZaloRequest

_ZALO_JSON = "application/json;charset=UTF-8"


def _plain(status: int) -> web.Response:
    reason = {
        404: "404 page not found",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Timeout",
    }.get(status, "Internal Server Error")
    return web.Response(status=status, text=reason, content_type="text/plain")


class ZaloRoutes:
    def __init__(self, core: SimCore, stopping: asyncio.Event) -> None:
        self.core = core
        self.stopping = stopping

    def register(self, app: web.Application) -> None:
        app.router.add_route("*", "/zalo/{tail:.*}", self.handle_api)
        app.router.add_route("*", "/zalo-oauth/{tail:.*}", self.handle_oauth)

    async def handle_api(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"].strip("/")
        method = request.method.upper()
        body = await request.read() if request.can_read_body else b""
        req = ZaloRequest(
            method, path, dict(request.query), request.headers.get("access_token"), body
        )
        with self.core.lock:
            account = self.core.zalo.account_of(req.token)
            rule = self.core.faults.pick("zalo", method, path, account, ZALO_KINDS)
        network = rule if rule is not None and rule.kind in NETWORK_KINDS else None
        req.forced = rule

        async def produce() -> web.StreamResponse:
            with self.core.lock:
                result = self.core.zalo.handle(req)
            if result.body is None:
                return _plain(result.status)
            return json_response(
                result.status,
                result.body,
                result.headers,
                malformed=result.malformed,
                content_type=_ZALO_JSON,
            )

        return await with_network_fault(request, network, produce, self.stopping)

    async def handle_oauth(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"].strip("/")
        method = request.method.upper()
        form: dict[str, str] = {}
        if method == "POST":
            posted = await request.post()
            form = {k: v for k, v in posted.items() if isinstance(v, str)}
        with self.core.lock:
            refresh = self.core.tokens.zalo_refresh.get(form.get("refresh_token", ""))
            account = None if refresh is None else refresh.oa_id
            rule = self.core.faults.pick("zalo_oauth", method, path, account, OAUTH_KINDS)
        network = rule if rule is not None and rule.kind in NETWORK_KINDS else None

        async def produce() -> web.StreamResponse:
            if rule is not None and rule.kind == "http_error":
                return _plain(rule.status)
            with self.core.lock:
                if method == "POST" and path == "/v4/oa/access_token":
                    result = self.core.oauth.access_token(form, request.headers.get("secret_key"))
                elif method == "GET" and path == "/v4/oa/permission":
                    result = self.core.oauth.permission(dict(request.query))
                else:
                    return _plain(404)
            if result.location is not None:
                raise web.HTTPFound(result.location)
            malformed = rule is not None and rule.kind == "malformed_json"
            return json_response(
                result.status, result.body, malformed=malformed, content_type=_ZALO_JSON
            )

        return await with_network_fault(request, network, produce, self.stopping)
