"""Graph API writes on comments and Pages: reply/comment, hide/unhide, edit, delete, block.

Every applied write goes to the world's write log (rejections are logged by graph_api.py).
"""

from __future__ import annotations

import json
from typing import Any

from desktop.simulator.graph_call import GraphCall, Json
from desktop.simulator.graph_errors import GraphError, invalid_param, manage_permission_missing
from desktop.simulator.graph_format import GraphContext
from desktop.simulator.model import FbComment, FbPage, FbPost


def log_write(
    ctx: GraphContext, call: GraphCall, payload: dict[str, Any], result: dict[str, Any]
) -> None:
    ctx.world.writes.record(
        at=ctx.now,
        platform="facebook",
        action=call.action or "fb.unknown",
        account=call.account,
        target=call.target,
        payload=payload,
        result=result,
    )


def require_manage(ctx: GraphContext, page_id: str) -> None:
    if not ctx.tokens.fb_has(page_id, "pages_manage_engagement"):
        raise manage_permission_missing()


def create_comment(ctx: GraphContext, call: GraphCall, target: FbPost | FbComment) -> Json:
    call.action = "fb.comment.reply" if isinstance(target, FbComment) else "fb.comment.create"
    call.target = target.id
    require_manage(ctx, target.page_id)
    message = call.text("message") or ""
    attachment = call.text("attachment_url") or call.text("attachment_id")
    if not message.strip() and not attachment:
        raise invalid_param("Missing message or attachment")
    page = ctx.world.pages[target.page_id]
    if isinstance(target, FbComment):
        post = ctx.world.post(target.post_id)
        created = ctx.world.add_comment(post, page.id, page.name, message, parent=target)
    else:
        created = ctx.world.add_comment(target, page.id, page.name, message)
    payload: dict[str, Any] = {"message": message}
    if attachment:
        payload["attachment"] = attachment
    log_write(ctx, call, payload, {"id": created.id})
    return {"id": created.id}


def update_comment(ctx: GraphContext, call: GraphCall, comment: FbComment) -> Json:
    hidden = call.flag("is_hidden")
    message = call.text("message")
    if hidden is None and message is None:
        call.action, call.target = "fb.comment.update", comment.id
        raise invalid_param("Missing parameter: is_hidden or message")
    call.target = comment.id
    if hidden is not None:
        call.action = "fb.comment.hide" if hidden else "fb.comment.unhide"
        require_manage(ctx, comment.page_id)
        if comment.author_id == comment.page_id:
            raise invalid_param("A Page cannot hide its own comment")
    if message is not None:
        call.action = call.action or "fb.comment.edit"
        require_manage(ctx, comment.page_id)
        if comment.author_id != comment.page_id:
            raise GraphError(200, "Permissions error")
    if hidden is not None:
        ctx.world.set_hidden(comment, hidden)
        call.action = "fb.comment.hide" if hidden else "fb.comment.unhide"
        log_write(ctx, call, {"is_hidden": hidden}, {"success": True})
    if message is not None:
        ctx.world.edit_comment(comment, message)
        call.action = "fb.comment.edit"
        log_write(ctx, call, {"message": message}, {"success": True})
    return {"success": True}


def delete_comment(ctx: GraphContext, call: GraphCall, comment: FbComment) -> Json:
    call.action, call.target = "fb.comment.delete", comment.id
    require_manage(ctx, comment.page_id)
    ctx.world.delete_comment(comment)
    log_write(ctx, call, {}, {"success": True})
    return {"success": True}


def _ids(call: GraphCall) -> list[str]:
    for name in ("psid", "uid", "user", "asid"):
        raw = call.params.get(name)
        if raw is None:
            continue
        if isinstance(raw, list):
            return [str(x) for x in raw]
        text = str(raw).strip()
        if text.startswith("["):
            try:
                return [str(x) for x in json.loads(text)]
            except json.JSONDecodeError as exc:
                raise invalid_param(f"Invalid parameter: {name}") from exc
        return [x.strip() for x in text.split(",") if x.strip()]
    return []


def block(ctx: GraphContext, call: GraphCall, page: FbPage) -> Json:
    call.action, call.target = "fb.page.block", page.id
    require_manage(ctx, page.id)
    ids = _ids(call)
    if not ids:
        raise invalid_param("Missing parameter: psid, uid, user or asid")
    call.target = ",".join(ids)
    result: dict[str, Any] = {}
    for pid in ids:
        known = pid in page.people
        if known:
            ctx.world.block(page, pid)
        result[pid] = known
    log_write(ctx, call, {"ids": ids}, result)
    return result


def unblock(ctx: GraphContext, call: GraphCall, page: FbPage) -> Json:
    call.action, call.target = "fb.page.unblock", page.id
    require_manage(ctx, page.id)
    ids = _ids(call)
    if not ids:
        raise invalid_param("Missing parameter: psid, uid, user or asid")
    call.target = ",".join(ids)
    for pid in ids:
        ctx.world.unblock(page, pid)
    log_write(ctx, call, {"ids": ids}, {"success": True})
    return {"success": True}
