"""Graph API reads: nodes, a Page's feed/posts, comments, conversations, messages, blocked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from desktop.simulator.cursors import CursorError, decode_cursor, encode_cursor
from desktop.simulator.graph_call import GraphCall, Json
from desktop.simulator.graph_errors import invalid_param
from desktop.simulator.graph_fields import FieldSpec
from desktop.simulator.graph_format import (
    GraphContext,
    check_filter,
    check_order,
    comment_slice_source,
    comments_summary,
    list_body,
    paging,
    render_comment,
    render_conversation,
    render_message,
    render_page,
    render_post,
)
from desktop.simulator.model import FbComment, FbConversation, FbPage, FbPost
from desktop.simulator.timeindex import Key
from desktop.simulator.world import FbNode


def parse_time(call: GraphCall, name: str, now: float) -> float | None:
    raw = call.text(name)
    if raw is None or raw == "":
        return None
    text = raw.strip()
    if text == "now":
        return now
    try:
        return float(text)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(text.replace("+0000", "+00:00"))
    except ValueError as exc:
        raise invalid_param(f"The parameter {name} is not a valid time") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def cursors(call: GraphCall) -> tuple[Key | None, Key | None]:
    after_raw, before_raw = call.text("after"), call.text("before")
    token = call.text("__paging_token")
    if token is not None:
        if call.flag("__previous"):
            before_raw = before_raw or token
        else:
            after_raw = after_raw or token
    try:
        after = decode_cursor(after_raw) if after_raw else None
        before = decode_cursor(before_raw) if before_raw else None
    except CursorError as exc:
        raise invalid_param("The cursor is invalid or expired") from exc
    return after, before


def limit_of(ctx: GraphContext, call: GraphCall) -> int:
    limit = call.integer("limit", ctx.settings.fb_default_limit)
    if limit < 0:
        raise invalid_param("The parameter limit must be a non-negative integer")
    return min(limit, ctx.settings.fb_max_limit)


def render_node(ctx: GraphContext, node: FbNode, specs: tuple[FieldSpec, ...] | None) -> Json:
    if isinstance(node, FbPage):
        return render_page(ctx, node, specs)
    if isinstance(node, FbPost):
        return render_post(ctx, node, specs)
    if isinstance(node, FbComment):
        return render_comment(ctx, node, specs)
    if isinstance(node, FbConversation):
        return render_conversation(ctx, node, specs)
    return render_message(ctx, node, specs)


def page_posts(ctx: GraphContext, call: GraphCall, page: FbPage, edge: str) -> Json:
    after, before = cursors(call)
    since = parse_time(call, "since", ctx.now)
    until = parse_time(call, "until", ctx.now)
    sl = page.posts.page(
        limit=limit_of(ctx, call),
        descending=True,
        after=after,
        before=before,
        since=since,
        until=until,
    )
    specs = call.fields()
    data = [render_post(ctx, p, specs) for p in sl.items]
    time_based = edge == "feed" and ctx.settings.fb_feed_paging == "time"
    return list_body(data, paging(ctx, sl, call.path, call.request_params(), time_based=time_based))


def object_comments(ctx: GraphContext, call: GraphCall, obj: FbPost | FbComment) -> Json:
    after, before = cursors(call)
    filter_ = check_filter(call.text("filter", "toplevel") or "toplevel")
    order = check_order(call.text("order", "chronological") or "chronological")
    source = comment_slice_source(obj, filter_)
    sl = source.page(
        limit=limit_of(ctx, call),
        descending=order == "reverse_chronological",
        after=after,
        before=before,
        since=parse_time(call, "since", ctx.now),
        until=parse_time(call, "until", ctx.now),
    )
    specs = call.fields()
    data = [render_comment(ctx, c, specs) for c in sl.items]
    summary_flag = (call.text("summary") or "").lower() in ("true", "1", "total_count")
    summary = comments_summary(ctx, len(source), order) if summary_flag else None
    return list_body(data, paging(ctx, sl, call.path, call.request_params()), summary)


def page_conversations(ctx: GraphContext, call: GraphCall, page: FbPage) -> Json:
    platform = call.text("platform", "messenger")
    if platform not in ("messenger", "instagram"):
        raise invalid_param("Param platform must be one of {MESSENGER, INSTAGRAM}")
    specs = call.fields()
    if platform == "instagram":
        return {"data": []}
    user_id = call.text("user_id")
    if user_id is not None:
        conv = page.conversation_by_psid.get(user_id)
        items = [] if conv is None or not len(conv.messages) else [conv]
        return {"data": [render_conversation(ctx, c, specs) for c in items]}
    after, before = cursors(call)  # since/until are not supported on this edge: ignored
    sl = page.conversations.page(
        limit=limit_of(ctx, call), descending=True, after=after, before=before
    )
    data = [render_conversation(ctx, c, specs) for c in sl.items]
    return list_body(data, paging(ctx, sl, call.path, call.request_params()))


def conversation_messages(ctx: GraphContext, call: GraphCall, conv: FbConversation) -> Json:
    after, before = cursors(call)
    sl = conv.messages.page(limit=limit_of(ctx, call), descending=True, after=after, before=before)
    specs = call.fields()
    data = [render_message(ctx, m, specs) for m in sl.items]
    return list_body(data, paging(ctx, sl, call.path, call.request_params()))


def page_blocked(ctx: GraphContext, call: GraphCall, page: FbPage) -> Json:
    wanted = call.text("psid") or call.text("uid") or call.text("user")
    rows = [
        {"id": pid, "name": name}
        for pid, name in page.blocked.items()
        if wanted is None or pid == wanted
    ]
    return {"data": rows}


def me_accounts(ctx: GraphContext, call: GraphCall) -> Json:
    specs = call.fields()
    if specs is None:
        specs = tuple(FieldSpec(n) for n in ("access_token", "category", "name", "id", "tasks"))
    after, _ = cursors(call)
    pages = sorted(ctx.world.pages.values(), key=lambda p: p.id)
    start = 0 if after is None else int(after[1])
    limit = limit_of(ctx, call)
    chunk = pages[start : start + limit]
    data = [render_page(ctx, p, specs, with_token=True) for p in chunk]
    body: Json = {"data": data}
    if chunk:
        cur: dict[str, Any] = {
            "cursors": {
                "before": encode_cursor((0.0, start)),
                "after": encode_cursor((0.0, start + len(chunk))),
            }
        }
        if start + len(chunk) < len(pages):
            cur["next"] = ctx.url(
                call.path, {**call.request_params(), "after": cur["cursors"]["after"]}
            )
        body["paging"] = cur
    return body
