"""Graph API JSON shapes: nodes with ``fields=`` selection, edges, cursors and ``paging``.

Shapes follow platform-apis.md A.1-A.5: ``+0000`` timestamps, ``paging.cursors`` with opaque
cursors, absolute ``paging.next`` URLs carrying every original parameter (and the token), and
no ``next`` on the last page. ``id`` is always returned for nodes, as the Graph API does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from desktop.simulator.cursors import encode_cursor
from desktop.simulator.graph_errors import GraphError, nonexisting_field
from desktop.simulator.graph_fields import FieldSpec, fields_text
from desktop.simulator.model import FbComment, FbConversation, FbMessage, FbPage, FbPost
from desktop.simulator.settings import SimSettings
from desktop.simulator.timeindex import Slice
from desktop.simulator.tokens import FB_PAGE_TASKS, TokenStore
from desktop.simulator.world import World

Json = dict[str, Any]
_ORDERS = ("chronological", "reverse_chronological", "ranked")


def fb_time(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


@dataclass(slots=True)
class GraphContext:
    world: World
    tokens: TokenStore
    settings: SimSettings
    base_url: str  # e.g. http://127.0.0.1:8080/graph/v19.0 (no trailing slash)
    access_token: str
    page_id: str | None  # the Page the token acts for
    now: float

    def url(self, path: str, params: Mapping[str, str]) -> str:
        query = {"access_token": self.access_token, **params}
        return f"{self.base_url}/{path}?{urlencode(query)}"

    def can_read_authors(self) -> bool:
        if not self.settings.fb_hide_from_without_user_content or self.page_id is None:
            return True
        return self.tokens.fb_has(self.page_id, "pages_read_user_content")


def paging(
    ctx: GraphContext,
    sl: Slice[Any],
    path: str,
    params: Mapping[str, str],
    *,
    time_based: bool = False,
) -> Json | None:
    """``paging`` for a slice; ``params`` are the request's own (without token/cursors)."""
    if not sl.keys:
        return None
    before, after = encode_cursor(sl.keys[0]), encode_cursor(sl.keys[-1])
    out: Json = {"cursors": {"before": before, "after": after}}
    if time_based:
        if sl.has_previous:
            prev = {
                **_without(params, "until", "since"),
                "since": str(int(sl.keys[0][0])),
                "__paging_token": before,
                "__previous": "1",
            }
            out["previous"] = ctx.url(path, prev)
        if sl.has_next:
            nxt = {
                **_without(params, "until", "since"),
                "until": str(int(sl.keys[-1][0])),
                "__paging_token": after,
            }
            out["next"] = ctx.url(path, nxt)
        return out
    if sl.has_previous:
        out["previous"] = ctx.url(path, {**params, "before": before})
    if sl.has_next:
        out["next"] = ctx.url(path, {**params, "after": after})
    return out


def _without(params: Mapping[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in params.items() if k not in names}


def list_body(data: list[Json], page: Json | None, summary: Json | None = None) -> Json:
    out: Json = {"data": data}
    if page is not None:
        out["paging"] = page
    if summary is not None:
        out["summary"] = summary
    return out


def _person(pid: str, name: str, *, email: bool = False) -> Json:
    out: Json = (
        {"name": name, "id": pid}
        if not email
        else {"name": name, "email": f"{pid}@facebook.com", "id": pid}
    )
    return out


# ---------------------------------------------------------------------------- generic node
Getter = Callable[[GraphContext, Any, FieldSpec], Any]


def _render(
    ctx: GraphContext,
    obj: Any,
    specs: tuple[FieldSpec, ...] | None,
    table: Mapping[str, Getter],
    defaults: tuple[str, ...],
    node_type: str,
) -> Json:
    wanted = specs if specs is not None else tuple(FieldSpec(n) for n in defaults)
    out: Json = {}
    for spec in wanted:
        getter = table.get(spec.name)
        if getter is None:
            raise nonexisting_field(spec.name, node_type)
        value = getter(ctx, obj, spec)
        if value is not None:
            out[spec.name] = value
    if "id" not in out:
        out["id"] = obj.id
    return out


def _edge_params(spec: FieldSpec, limit: int, **extra: str) -> dict[str, str]:
    params: dict[str, str] = {}
    if spec.children is not None:
        params["fields"] = fields_text(spec.children)
    params["limit"] = str(limit)
    params.update(extra)
    return params


# ---------------------------------------------------------------------------- comments
def comments_summary(ctx: GraphContext, total: int, order: str) -> Json:
    return {"order": order, "total_count": total, "can_comment": True}


def comment_slice_source(obj: FbPost | FbComment, filter_: str) -> Any:
    if isinstance(obj, FbComment):
        return obj.replies
    return obj.comments_all if filter_ == "stream" else obj.toplevel


def check_order(order: str) -> str:
    if order not in _ORDERS:
        raise GraphError(100, f"Invalid order: {order}")
    return order


def check_filter(filter_: str) -> str:
    if filter_ not in ("toplevel", "stream"):
        raise GraphError(100, f"Invalid filter: {filter_}")
    return filter_


def comments_edge(ctx: GraphContext, obj: FbPost | FbComment, spec: FieldSpec) -> Json:
    limit = min(
        spec.modifier_int("limit", ctx.settings.fb_default_limit), ctx.settings.fb_max_limit
    )
    filter_ = check_filter(spec.modifiers.get("filter", "toplevel"))
    order = check_order(spec.modifiers.get("order", "chronological"))
    source = comment_slice_source(obj, filter_)
    out: Json = {"data": []}
    if limit > 0:
        sl = source.page(limit=limit, descending=order == "reverse_chronological")
        out["data"] = [render_comment(ctx, c, spec.children) for c in sl.items]
        extra = {k: v for k, v in spec.modifiers.items() if k in ("filter", "order", "summary")}
        page = paging(ctx, sl, f"{obj.id}/comments", _edge_params(spec, limit, **extra))
        if page is not None:
            out["paging"] = page
    if spec.modifier_bool("summary"):
        out["summary"] = comments_summary(ctx, len(source), order)
    return out


def _reactions_edge(ctx: GraphContext, obj: FbPost | FbComment, spec: FieldSpec) -> Json:
    out: Json = {"data": []}
    if spec.modifier_bool("summary"):
        out["summary"] = {"total_count": obj.like_count, "viewer_reaction": "NONE"}
    return out


def _likes_edge(ctx: GraphContext, obj: FbPost | FbComment, spec: FieldSpec) -> Json:
    out: Json = {"data": []}
    if spec.modifier_bool("summary"):
        out["summary"] = {"total_count": obj.like_count, "can_like": True, "has_liked": False}
    return out


def _comment_permalink(ctx: GraphContext, c: FbComment, spec: FieldSpec) -> str:
    post_local = c.post_id.split("_", 1)[1]
    base = f"https://www.facebook.com/{c.page_id}/posts/{post_local}/?comment_id="
    if c.top_id is None:
        return base + c.local_id
    top_local = c.top_id.split("_", 1)[1]
    return f"{base}{top_local}&reply_comment_id={c.local_id}"


def _comment_from(ctx: GraphContext, c: FbComment, spec: FieldSpec) -> Json | None:
    if c.author_id != c.page_id and not ctx.can_read_authors():
        return None
    return _person(c.author_id, c.author_name)


def _comment_parent(ctx: GraphContext, c: FbComment, spec: FieldSpec) -> Json | None:
    if c.parent_id is None:
        return None
    parent = ctx.world.nodes.get(c.parent_id)
    if not isinstance(parent, FbComment) or parent.deleted:
        return {"id": c.parent_id}
    return render_comment(ctx, parent, spec.children)


def can_reply_privately(ctx: GraphContext, c: FbComment) -> bool:
    return (
        c.author_id != c.page_id
        and c.private_reply_message_id is None
        and ctx.now - c.created <= ctx.settings.fb_private_reply_window_s
    )


COMMENT_FIELDS: dict[str, Getter] = {
    "id": lambda ctx, c, s: c.id,
    "message": lambda ctx, c, s: c.message,
    "created_time": lambda ctx, c, s: fb_time(c.created),
    "from": _comment_from,
    "parent": _comment_parent,
    "is_hidden": lambda ctx, c, s: c.is_hidden,
    "is_private": lambda ctx, c, s: False,
    "can_hide": lambda ctx, c, s: c.author_id != c.page_id,
    "can_remove": lambda ctx, c, s: True,
    "can_like": lambda ctx, c, s: True,
    "can_comment": lambda ctx, c, s: True,
    "can_reply_privately": lambda ctx, c, s: can_reply_privately(ctx, c),
    "comment_count": lambda ctx, c, s: len(c.replies) if c.top_id is None else 0,
    "like_count": lambda ctx, c, s: c.like_count,
    "permalink_url": _comment_permalink,
    "attachment": lambda ctx, c, s: None,
    "message_tags": lambda ctx, c, s: None,
    "object": lambda ctx, c, s: {"id": c.post_id},
    "private_reply_conversation": lambda ctx, c, s: (
        None if c.private_reply_conversation_id is None else {"id": c.private_reply_conversation_id}
    ),
    "user_likes": lambda ctx, c, s: False,
    "comments": comments_edge,
    "reactions": _reactions_edge,
    "likes": _likes_edge,
}
COMMENT_DEFAULT = ("created_time", "from", "message", "id")


def render_comment(ctx: GraphContext, c: FbComment, specs: tuple[FieldSpec, ...] | None) -> Json:
    return _render(ctx, c, specs, COMMENT_FIELDS, COMMENT_DEFAULT, "Comment")


# ---------------------------------------------------------------------------- posts
def _post_from(ctx: GraphContext, p: FbPost, spec: FieldSpec) -> Json:
    page = ctx.world.pages[p.page_id]
    return _person(page.id, page.name)


POST_FIELDS: dict[str, Getter] = {
    "id": lambda ctx, p, s: p.id,
    "message": lambda ctx, p, s: p.message,
    "created_time": lambda ctx, p, s: fb_time(p.created),
    "updated_time": lambda ctx, p, s: fb_time(p.updated),
    "permalink_url": lambda ctx, p, s: f"https://www.facebook.com/{p.page_id}/posts/{p.local_id}/",
    "status_type": lambda ctx, p, s: p.status_type,
    "is_published": lambda ctx, p, s: True,
    "is_hidden": lambda ctx, p, s: False,
    "is_expired": lambda ctx, p, s: False,
    "from": _post_from,
    "full_picture": lambda ctx, p, s: None,
    "story": lambda ctx, p, s: None,
    "shares": lambda ctx, p, s: {"count": p.share_count} if p.share_count else None,
    "attachments": lambda ctx, p, s: {"data": []},
    "comments": comments_edge,
    "reactions": _reactions_edge,
    "likes": _likes_edge,
}
POST_DEFAULT = ("created_time", "message", "id")


def render_post(ctx: GraphContext, p: FbPost, specs: tuple[FieldSpec, ...] | None) -> Json:
    return _render(ctx, p, specs, POST_FIELDS, POST_DEFAULT, "PagePost")


# ---------------------------------------------------------------------------- Pages
PAGE_FIELDS: dict[str, Getter] = {
    "id": lambda ctx, p, s: p.id,
    "name": lambda ctx, p, s: p.name,
    "username": lambda ctx, p, s: p.username,
    "category": lambda ctx, p, s: "Government organization",
    "category_list": lambda ctx, p, s: [{"id": "2235", "name": "Government organization"}],
    "link": lambda ctx, p, s: f"https://www.facebook.com/{p.id}",
    "fan_count": lambda ctx, p, s: 1000 + len(p.people) * 7,
    "followers_count": lambda ctx, p, s: 1100 + len(p.people) * 7,
    "about": lambda ctx, p, s: f"Trang thông tin chính thức của {p.name} (mô phỏng).",
    "verification_status": lambda ctx, p, s: "blue_verified",
    "access_token": lambda ctx, p, s: ctx.tokens.fb_page_token.get(p.id),
    "tasks": lambda ctx, p, s: list(FB_PAGE_TASKS),
}
PAGE_DEFAULT = ("name", "id")


def render_page(
    ctx: GraphContext, p: FbPage, specs: tuple[FieldSpec, ...] | None, *, with_token: bool = False
) -> Json:
    if specs is not None and not with_token:
        for spec in specs:
            if spec.name in ("access_token", "tasks"):
                raise nonexisting_field(spec.name, "Page")
    return _render(ctx, p, specs, PAGE_FIELDS, PAGE_DEFAULT, "Page")


# ---------------------------------------------------------------------------- Messenger
def _msg_from(ctx: GraphContext, m: FbMessage, spec: FieldSpec) -> Json:
    return _person(m.from_id, m.from_name, email=True)


def _msg_to(ctx: GraphContext, m: FbMessage, spec: FieldSpec) -> Json:
    return {"data": [_person(m.to_id, m.to_name, email=True)]}


def _msg_tags(ctx: GraphContext, m: FbMessage, spec: FieldSpec) -> Json:
    names = ["inbox", "read"] + (["source:mobile"] if m.inbound else ["source:web", "sent"])
    return {"data": [{"name": n} for n in names + m.tags]}


def _msg_attachments(ctx: GraphContext, m: FbMessage, spec: FieldSpec) -> Json | None:
    if not m.attachments:
        return None
    return {"data": [dict(a) for a in m.attachments]}


MESSAGE_FIELDS: dict[str, Getter] = {
    "id": lambda ctx, m, s: m.id,
    "created_time": lambda ctx, m, s: fb_time(m.created),
    "from": _msg_from,
    "to": _msg_to,
    "message": lambda ctx, m, s: m.text,
    "tags": _msg_tags,
    "attachments": _msg_attachments,
    "sticker": lambda ctx, m, s: None,
    "shares": lambda ctx, m, s: None,
    "is_unsupported": lambda ctx, m, s: False,
}
MESSAGE_DEFAULT = ("id", "created_time")


def render_message(ctx: GraphContext, m: FbMessage, specs: tuple[FieldSpec, ...] | None) -> Json:
    return _render(ctx, m, specs, MESSAGE_FIELDS, MESSAGE_DEFAULT, "Message")


def messages_edge(ctx: GraphContext, conv: FbConversation, spec: FieldSpec) -> Json:
    limit = min(
        spec.modifier_int("limit", ctx.settings.fb_default_limit), ctx.settings.fb_max_limit
    )
    out: Json = {"data": []}
    if limit > 0:
        sl = conv.messages.page(limit=limit, descending=True)
        out["data"] = [render_message(ctx, m, spec.children) for m in sl.items]
        page = paging(ctx, sl, f"{conv.id}/messages", _edge_params(spec, limit))
        if page is not None:
            out["paging"] = page
    return out


def _participants(ctx: GraphContext, conv: FbConversation, spec: FieldSpec) -> Json:
    page = ctx.world.pages[conv.page_id]
    return {
        "data": [
            _person(conv.psid, conv.person_name, email=True),
            _person(page.id, page.name, email=True),
        ]
    }


def window_open(ctx: GraphContext, conv: FbConversation) -> bool:
    return conv.last_inbound is not None and (
        ctx.now - conv.last_inbound <= ctx.settings.fb_messaging_window_s
    )


def _snippet(ctx: GraphContext, conv: FbConversation, spec: FieldSpec) -> str:
    last = conv.messages.latest()
    return "" if last is None else last.text[:100]


CONVERSATION_FIELDS: dict[str, Getter] = {
    "id": lambda ctx, c, s: c.id,
    "updated_time": lambda ctx, c, s: fb_time(c.updated),
    "link": lambda ctx, c, s: f"/{c.page_id}/inbox/{c.id[2:]}/",
    "message_count": lambda ctx, c, s: len(c.messages),
    "unread_count": lambda ctx, c, s: c.unread_count,
    "snippet": _snippet,
    "can_reply": lambda ctx, c, s: window_open(ctx, c),
    "participants": _participants,
    "senders": _participants,
    "former_participants": lambda ctx, c, s: {"data": []},
    "is_subscribed": lambda ctx, c, s: True,
    "scoped_thread_key": lambda ctx, c, s: f"t_{c.psid}",
    "messages": messages_edge,
}
CONVERSATION_DEFAULT = ("id", "updated_time")


def render_conversation(
    ctx: GraphContext, conv: FbConversation, specs: tuple[FieldSpec, ...] | None
) -> Json:
    return _render(ctx, conv, specs, CONVERSATION_FIELDS, CONVERSATION_DEFAULT, "UnifiedThread")
