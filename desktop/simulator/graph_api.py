"""The Graph API dispatcher: authentication, rate limits, operation-level faults and routing.

``GraphApi.handle`` takes a ``GraphCall`` (from an HTTP request or one batch operation) and
returns a ``GraphResult``; it never touches HTTP itself.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from desktop.simulator.faults import FaultRule
from desktop.simulator.graph_call import GraphCall, GraphResult, Json
from desktop.simulator.graph_errors import (
    GraphError,
    messaging_permission_missing,
    nonexisting_field,
    page_token_required,
    permission,
    read_permission_missing,
    server_error,
    throttled,
    token_expired,
    token_invalid,
    token_missing,
    token_revoked,
    unknown_path,
    unsupported,
)
from desktop.simulator.graph_format import GraphContext, render_page
from desktop.simulator.graph_reads import (
    conversation_messages,
    me_accounts,
    object_comments,
    page_blocked,
    page_conversations,
    page_posts,
    render_node,
)
from desktop.simulator.graph_send import send
from desktop.simulator.graph_writes import (
    block,
    create_comment,
    delete_comment,
    unblock,
    update_comment,
)
from desktop.simulator.model import FbComment, FbConversation, FbMessage, FbPage, FbPost
from desktop.simulator.ratelimit import FbRateLimiter
from desktop.simulator.settings import SimSettings
from desktop.simulator.tokens import FB_PAGE_PERMISSIONS, FbToken, TokenState, TokenStore
from desktop.simulator.world import FbNode, World

OP_FAULT_KINDS = frozenset(
    {
        "http_error",
        "throttle",
        "token_expired",
        "token_invalid",
        "permission",
        "empty_page",
        "malformed_json",
    }
)


def trace_id() -> str:
    return "A" + secrets.token_urlsafe(16)


class GraphApi:
    def __init__(
        self, world: World, tokens: TokenStore, limiter: FbRateLimiter, settings: SimSettings
    ) -> None:
        self.world = world
        self.tokens = tokens
        self.limiter = limiter
        self.settings = settings

    # ------------------------------------------------------------------ entry point
    def handle(self, call: GraphCall) -> GraphResult:
        now = self.world.now()
        page_id: str | None = None
        authenticated = False
        forced = call.forced
        try:
            if forced is not None and forced.kind == "http_error":
                raise server_error(forced.status)
            token = self._authenticate(call, now, forced)
            authenticated = True
            page_id = token.page_id
            call.account = page_id or ""
            self._check_limits(page_id, now, forced)
            self.limiter.hit(page_id, now)
            if forced is not None and forced.kind == "permission":
                raise permission(forced.code or 200, "Permissions error")
            ctx = GraphContext(
                self.world,
                self.tokens,
                self.settings,
                call.base_url,
                call.token or "",
                page_id,
                now,
            )
            body = self._route(ctx, call, token)
            if forced is not None and forced.kind == "empty_page" and _is_list(body):
                body = self._empty_page(ctx, call)
            result = GraphResult(200, body)
        except GraphError as err:
            if call.method != "GET":
                self.world.writes.record(
                    at=now,
                    platform="facebook",
                    action=call.action or "fb.request",  # refused before reaching its handler
                    account=call.account,
                    target=call.target or call.path,
                    payload=_loggable(call.params),
                    status="rejected",
                    result={"code": err.code, "error_subcode": err.subcode},
                )
            result = GraphResult(err.status, err.body(trace_id()))
        if authenticated:
            result.headers.update(self.limiter.headers(page_id, now))
        result.malformed = forced is not None and forced.kind == "malformed_json"
        return result

    # ------------------------------------------------------------------ checks
    def _authenticate(self, call: GraphCall, now: float, forced: FaultRule | None) -> FbToken:
        if not call.token:
            raise token_missing()
        if forced is not None and forced.kind == "token_expired":
            raise token_expired(now - 60, now)
        if forced is not None and forced.kind == "token_invalid":
            raise token_invalid()
        state, token = self.tokens.check_fb(call.token, now)
        if state is TokenState.UNKNOWN or token is None:
            raise token_invalid()
        if state is TokenState.EXPIRED:
            raise token_expired(token.expires_at or now, now)
        if state is TokenState.REVOKED:
            raise token_revoked(self.settings.fb_revoked_token_subcode)
        return token

    def _check_limits(self, page_id: str | None, now: float, forced: FaultRule | None) -> None:
        if forced is not None and forced.kind == "throttle":
            code = forced.code or (
                self.settings.fb_page_throttle_code
                if page_id
                else self.settings.fb_app_throttle_code
            )
            status = self.settings.fb_page_throttle_status if code == 80001 else 403
            raise throttled(code, status)
        if page_id is not None and self.limiter.page_usage(page_id, now).throttled:
            code = self.settings.fb_page_throttle_code
            status = self.settings.fb_page_throttle_status if code == 80001 else 403
            raise throttled(code, status)
        if self.limiter.app_usage(now).throttled:
            raise throttled(
                self.settings.fb_app_throttle_code, self.settings.fb_app_throttle_status
            )

    def _empty_page(self, ctx: GraphContext, call: GraphCall) -> Json:
        params = call.request_params()
        for name in ("after", "before", "__paging_token", "__previous"):
            value = call.text(name)
            if value is not None:
                params[name] = value
        return {"data": [], "paging": {"next": ctx.url(call.path, params)}}

    # ------------------------------------------------------------------ routing
    def _route(self, ctx: GraphContext, call: GraphCall, token: FbToken) -> Any:
        segs = [s for s in call.path.split("/") if s]
        method = call.method
        if segs and segs[0] == "debug_token" and method == "GET":
            return self._debug_token(ctx, call)
        if segs and segs[0] == "me":
            if ctx.page_id is None:
                return self._user_me(ctx, call, segs)
            segs[0] = ctx.page_id
            call.path = "/".join(segs)  # paging URLs name the Page, as the Graph API does
        if not segs:
            raise unknown_path(call.path)
        node = self.world.nodes.get(segs[0])
        if node is None or (isinstance(node, FbComment) and node.deleted):
            raise unsupported(method, segs[0])
        owner = node.id if isinstance(node, FbPage) else node.page_id
        if ctx.page_id is None:
            if isinstance(node, FbPage) and len(segs) == 1 and method == "GET":
                return render_page(ctx, node, call.fields())
            raise page_token_required()
        if owner != ctx.page_id:
            raise unsupported(method, segs[0])
        if len(segs) == 1:
            return self._node(ctx, call, node)
        if len(segs) == 2:
            return self._edge(ctx, call, node, segs[1])
        raise unknown_path("/".join(segs[2:]))

    def _node(self, ctx: GraphContext, call: GraphCall, node: FbNode) -> Any:
        if call.method == "GET":
            if isinstance(node, FbConversation | FbMessage):
                self._require_messaging(ctx)
            elif not isinstance(node, FbPage):
                self._require_read(ctx)
            return render_node(ctx, node, call.fields())
        if isinstance(node, FbComment):
            if call.method == "POST":
                return update_comment(ctx, call, node)
            if call.method == "DELETE":
                return delete_comment(ctx, call, node)
        raise unsupported(call.method, node.id)

    def _edge(self, ctx: GraphContext, call: GraphCall, node: FbNode, edge: str) -> Any:
        method = call.method
        if isinstance(node, FbPage):
            page_route = _PAGE_EDGES.get((method, edge))
            if page_route is None:
                return self._bad_edge(call, node, edge, "Page")
            needs, handler = page_route
            self._require(ctx, needs)
            return handler(ctx, call, node)
        if isinstance(node, FbPost | FbComment) and edge == "comments":
            if method == "GET":
                self._require(ctx, "read")
                return object_comments(ctx, call, node)
            if method == "POST":
                return create_comment(ctx, call, node)
        if isinstance(node, FbConversation) and edge == "messages" and method == "GET":
            self._require(ctx, "messaging")
            return conversation_messages(ctx, call, node)
        return self._bad_edge(call, node, edge, type(node).__name__.removeprefix("Fb"))

    def _require(self, ctx: GraphContext, needs: str) -> None:
        if needs == "read":
            self._require_read(ctx)
        elif needs == "messaging":
            self._require_messaging(ctx)

    def _bad_edge(self, call: GraphCall, node: FbNode, edge: str, node_type: str) -> Any:
        if call.method == "GET":
            raise nonexisting_field(edge, node_type)
        raise unsupported(call.method, f"{node.id}/{edge}")

    def _require_read(self, ctx: GraphContext) -> None:
        if ctx.page_id is not None and not self.tokens.fb_has(ctx.page_id, "pages_read_engagement"):
            raise read_permission_missing()

    def _require_messaging(self, ctx: GraphContext) -> None:
        if ctx.page_id is not None and not self.tokens.fb_has(ctx.page_id, "pages_messaging"):
            raise messaging_permission_missing()

    # ------------------------------------------------------------------ user token / debug
    def _user_me(self, ctx: GraphContext, call: GraphCall, segs: list[str]) -> Any:
        if segs == ["me"] and call.method == "GET":
            return {"name": "DutyDesk Simulator System User", "id": "100000000000001"}
        if segs == ["me", "accounts"] and call.method == "GET":
            return me_accounts(ctx, call)
        raise page_token_required()

    def _debug_token(self, ctx: GraphContext, call: GraphCall) -> Json:
        raw = call.text("input_token") or ""
        state, tok = self.tokens.check_fb(raw, ctx.now)
        data: Json = {
            "app_id": self.tokens.fb_app_id,
            "application": "DutyDesk Simulator",
            "is_valid": state is TokenState.OK,
        }
        if tok is not None:
            data["type"] = tok.kind.upper()
            data["expires_at"] = int(tok.expires_at or 0)
            data["data_access_expires_at"] = int(ctx.now + 90 * 86_400)
            scopes = (
                sorted(self.tokens.fb_page_permissions.get(tok.page_id, set()))
                if tok.page_id
                else sorted(FB_PAGE_PERMISSIONS)
            )
            data["scopes"] = scopes
            data["granular_scopes"] = [{"scope": s} for s in scopes]
            data["user_id"] = "100000000000001"
            if tok.page_id:
                data["profile_id"] = tok.page_id
        if state is not TokenState.OK:
            data["error"] = {
                "code": 190,
                "message": "Invalid OAuth access token.",
                "subcode": {
                    TokenState.EXPIRED: 463,
                    TokenState.REVOKED: self.settings.fb_revoked_token_subcode,
                }.get(state, 467),
            }
        return {"data": data}


PageHandler = Callable[[GraphContext, GraphCall, FbPage], Any]
# (method, edge) -> (permission family checked up front, handler); writes check their own
_PAGE_EDGES: dict[tuple[str, str], tuple[str, PageHandler]] = {
    ("GET", "feed"): ("read", lambda ctx, call, page: page_posts(ctx, call, page, "feed")),
    ("GET", "posts"): ("read", lambda ctx, call, page: page_posts(ctx, call, page, "posts")),
    ("GET", "published_posts"): (
        "read",
        lambda ctx, call, page: page_posts(ctx, call, page, "published_posts"),
    ),
    ("GET", "conversations"): ("messaging", page_conversations),
    ("POST", "messages"): ("", send),
    ("GET", "blocked"): ("read", page_blocked),
    ("POST", "blocked"): ("", block),
    ("DELETE", "blocked"): ("", unblock),
}


def _is_list(body: Any) -> bool:
    return isinstance(body, dict) and isinstance(body.get("data"), list)


def _loggable(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if k != "access_token"}
