"""HTTP front of the Graph API: ``/graph[/vNN.0]/...`` (version prefix optional)."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any

from aiohttp import web

from desktop.simulator.core import SimCore
from desktop.simulator.faults import GRAPH_BATCH_KINDS, GRAPH_KINDS, NETWORK_KINDS, FaultRule
from desktop.simulator.graph_api import OP_FAULT_KINDS, trace_id
from desktop.simulator.graph_batch import run_batch
from desktop.simulator.graph_call import GraphCall, GraphResult
from desktop.simulator.graph_errors import server_error
from desktop.simulator.http_faults import json_response, with_network_fault

log = logging.getLogger(__name__)
_VERSION = re.compile(r"^/(v\d+\.\d+)(?=/|$)")


async def read_params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.method in ("POST", "DELETE", "PUT") and request.can_read_body:
        if request.content_type == "application/json":
            raw = await request.read()
            try:
                body = json.loads(raw or b"{}")
            except (json.JSONDecodeError, UnicodeDecodeError):
                body = {}
            if isinstance(body, dict):
                params.update(body)
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params


def bearer(request: web.Request) -> str | None:
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return None


class GraphRoutes:
    def __init__(self, core: SimCore, stopping: asyncio.Event) -> None:
        self.core = core
        self.stopping = stopping

    def register(self, app: web.Application) -> None:
        app.router.add_route("*", "/graph{tail:(/.*)?}", self.handle)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        tail = request.match_info.get("tail", "")
        match = _VERSION.match(tail)
        version = match.group(1) if match else None
        path = (tail[match.end() :] if match else tail).strip("/")
        origin = f"{request.scheme}://{request.host}"
        base = f"{origin}/graph/{version}" if version else f"{origin}/graph"
        params = await read_params(request)
        token = params.pop("access_token", None) or bearer(request)
        token_text = token if isinstance(token, str) else None
        method = request.method.upper()
        with self.core.lock:
            known = self.core.tokens.fb_tokens.get(token_text or "")
            account = None if known is None else known.page_id
            is_batch = path == "" and method == "POST" and "batch" in params
            kinds = GRAPH_BATCH_KINDS if is_batch else GRAPH_KINDS
            rule = self.core.faults.pick("graph", method, "/" + path, account, kinds)
        call = GraphCall(method, path, params, base, token_text)
        if rule is not None and rule.kind not in NETWORK_KINDS:
            call.forced = rule

        async def produce() -> web.StreamResponse:
            try:
                result = self._run(call, rule)
            except Exception:  # a simulator bug must still look like a Graph error
                log.exception("graph request failed: %s %s", method, path)
                err = server_error(500)
                result = GraphResult(err.status, err.body(trace_id()))
            headers = {
                "facebook-api-version": version or self.core.settings.graph_version,
                "x-fb-trace-id": trace_id(),
                **result.headers,
            }
            return json_response(
                result.status, result.body, headers, malformed=result.malformed, ascii_only=True
            )

        network = rule if rule is not None and rule.kind in NETWORK_KINDS else None
        if network is not None and network.kind == "malformed_json":
            call.forced = network
        return await with_network_fault(request, network, produce, self.stopping)

    def _run(self, call: GraphCall, rule: FaultRule | None) -> GraphResult:
        with self.core.lock:
            if call.path == "" and call.method == "POST" and "batch" in call.params:
                if rule is not None and rule.kind == "http_error":
                    err = server_error(rule.status)
                    return GraphResult(err.status, err.body(trace_id()))
                complete = (
                    rule.complete if rule is not None and rule.kind == "batch_partial" else None
                )
                result = run_batch(self.core.graph, call, self._pick_op, complete=complete)
                if call.token:
                    known = self.core.tokens.fb_tokens.get(call.token)
                    page = None if known is None else known.page_id
                    result.headers.update(self.core.fb_limiter.headers(page, self.core.clock.now()))
                result.malformed = rule is not None and rule.kind == "malformed_json"
                return result
            return self.core.graph.handle(call)

    def _pick_op(self, method: str, path: str, account: str | None) -> FaultRule | None:
        return self.core.faults.pick("graph", method, path, account, kinds=OP_FAULT_KINDS)
