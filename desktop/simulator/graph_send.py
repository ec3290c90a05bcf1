"""The Send API (``POST /{page-id}/messages``): replies inside the 24-h window, the 7-day
HUMAN_AGENT tag, and private replies to comments (once per comment, within 7 days).
"""

from __future__ import annotations

from typing import Any

from desktop.simulator.graph_call import GraphCall, Json
from desktop.simulator.graph_errors import (
    GraphError,
    human_agent_missing,
    invalid_param,
    messaging_permission_missing,
    no_matching_user,
    outside_window,
    unsupported,
    user_unavailable,
)
from desktop.simulator.graph_format import GraphContext
from desktop.simulator.graph_writes import log_write
from desktop.simulator.model import FbComment, FbPage

MESSAGING_TYPES = ("RESPONSE", "UPDATE", "MESSAGE_TAG")
LEGACY_TAGS = ("ACCOUNT_UPDATE", "CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE")
SENDER_ACTIONS = ("typing_on", "typing_off", "mark_seen")


def _content(ctx: GraphContext, message: Any) -> tuple[str, list[dict[str, Any]]]:
    if not isinstance(message, dict):
        raise invalid_param("param message must be non-empty.")
    text = message.get("text")
    attachment = message.get("attachment")
    if text is None and attachment is None:
        raise invalid_param("param message must be non-empty.")
    if text is not None and not isinstance(text, str):
        raise invalid_param("param message[text] must be a string")
    if text is not None and len(text) > ctx.settings.fb_text_limit:
        raise invalid_param(
            f"Length of param message[text] must be less than or equal to "
            f"{ctx.settings.fb_text_limit}"
        )
    attachments: list[dict[str, Any]] = []
    if isinstance(attachment, dict):
        kind = str(attachment.get("type", "file"))
        payload = attachment.get("payload") if isinstance(attachment.get("payload"), dict) else {}
        url = str((payload or {}).get("url", ""))
        mime = {"image": "image/jpeg", "video": "video/mp4", "audio": "audio/mpeg"}.get(
            kind, "application/octet-stream"
        )
        row: dict[str, Any] = {
            "id": ctx.world.ids.numeric(16, "9"),
            "mime_type": mime,
            "name": url.rsplit("/", 1)[-1] or kind,
            "size": 0,
        }
        if kind == "image":
            row["image_data"] = {
                "width": 640,
                "height": 480,
                "max_width": 640,
                "max_height": 480,
                "url": url,
                "preview_url": url,
            }
        else:
            row["file_url"] = url
        attachments.append(row)
    return text or "", attachments


def send(ctx: GraphContext, call: GraphCall, page: FbPage) -> Json:
    call.action, call.account = "fb.message.send", page.id
    recipient = call.structured("recipient")
    if not isinstance(recipient, dict) or not recipient:
        raise invalid_param("param recipient must be non-empty.")
    call.target = str(
        recipient.get("id") or recipient.get("comment_id") or recipient.get("post_id")
    )
    if "comment_id" in recipient or "post_id" in recipient:
        call.action = "fb.private_reply"
    if not ctx.tokens.fb_has(page.id, "pages_messaging"):
        raise messaging_permission_missing()
    if call.action == "fb.private_reply":
        return _private_reply(ctx, call, page, recipient)
    sender_action = call.text("sender_action")
    psid = str(recipient.get("id", ""))
    person = page.people.get(psid)
    if person is None:
        raise no_matching_user()
    if psid in page.blocked:
        raise user_unavailable()
    if sender_action is not None:
        return _sender_action(ctx, call, psid, sender_action)
    mtype = (call.text("messaging_type") or "RESPONSE").upper()
    if mtype not in MESSAGING_TYPES:
        raise invalid_param("param messaging_type must be one of RESPONSE, UPDATE, MESSAGE_TAG")
    tag = call.text("tag")
    text, attachments = _content(ctx, call.structured("message"))
    _check_window(ctx, page, psid, mtype, tag)
    conv = ctx.world.conversation_for(page, person)
    tags = [f"tag:{tag}"] if mtype == "MESSAGE_TAG" and tag else []
    msg = ctx.world.add_message(conv, text, inbound=False, tags=tags, attachments=attachments)
    payload: dict[str, Any] = {"messaging_type": mtype, "text": text}
    if tag:
        payload["tag"] = tag
    if attachments:
        payload["attachments"] = attachments
    result = {"recipient_id": psid, "message_id": msg.id}
    log_write(ctx, call, payload, result)
    return result


def _sender_action(ctx: GraphContext, call: GraphCall, psid: str, action: str) -> Json:
    call.action = "fb.message.sender_action"
    if action not in SENDER_ACTIONS:
        raise invalid_param("param sender_action must be one of typing_on, typing_off, mark_seen")
    log_write(ctx, call, {"sender_action": action}, {"recipient_id": psid})
    return {"recipient_id": psid}


def _check_window(ctx: GraphContext, page: FbPage, psid: str, mtype: str, tag: str | None) -> None:
    """24 h after the person's last message; 7 days with HUMAN_AGENT (platform-apis.md A.4)."""
    conv = page.conversation_by_psid.get(psid)
    last = None if conv is None else conv.last_inbound
    age = None if last is None else ctx.now - last
    if mtype != "MESSAGE_TAG":
        if age is None or age > ctx.settings.fb_messaging_window_s:
            raise outside_window()
        return
    if not tag:
        raise invalid_param("param tag must be non-empty when messaging_type is MESSAGE_TAG")
    if tag == "HUMAN_AGENT":
        if not ctx.tokens.fb_has(page.id, "human_agent"):
            raise human_agent_missing()
        if age is None or age > ctx.settings.fb_human_agent_window_s:
            raise outside_window()
    elif tag not in LEGACY_TAGS or not ctx.settings.fb_legacy_tags_allowed:
        raise invalid_param(f"Param tag ({tag}) is not a supported message tag")


def _private_reply(
    ctx: GraphContext, call: GraphCall, page: FbPage, recipient: dict[str, Any]
) -> Json:
    comment_id = recipient.get("comment_id")
    if comment_id is None:
        raise invalid_param("Private replies to visitor posts are not available for this Page")
    node = ctx.world.nodes.get(str(comment_id))
    if not isinstance(node, FbComment) or node.deleted or node.page_id != page.id:
        raise unsupported("post", str(comment_id))
    if node.author_id == page.id:
        raise invalid_param("A Page cannot reply privately to its own comment")
    if node.private_reply_message_id is not None:
        code, sub = ctx.settings.fb_private_reply_duplicate_error
        raise GraphError(code, "Activity already replied to", subcode=sub)
    if ctx.now - node.created > ctx.settings.fb_private_reply_window_s:
        code, sub = ctx.settings.fb_private_reply_expired_error
        if (code, sub) == (10, 2018278):
            raise outside_window()
        raise GraphError(code, "This activity cannot be replied to any more", subcode=sub)
    if node.author_id in page.blocked:
        raise user_unavailable()
    text, attachments = _content(ctx, call.structured("message"))
    person = page.people[node.author_id]
    conv = ctx.world.conversation_for(page, person)
    msg = ctx.world.add_message(conv, text, inbound=False, attachments=attachments)
    node.private_reply_message_id = msg.id
    node.private_reply_conversation_id = conv.id
    result: dict[str, Any] = {"message_id": msg.id}
    if ctx.settings.fb_private_reply_returns_recipient_id:
        result = {"recipient_id": node.author_id, "message_id": msg.id}
    log_write(
        ctx, call, {"comment_id": node.id, "text": text}, {**result, "conversation_id": conv.id}
    )
    return result
