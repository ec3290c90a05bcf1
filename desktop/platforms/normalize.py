"""Platform JSON to ``IncomingItem`` / ``IncomingPost``, exactly as the seed world builds them
(desktop/services/seed/world.py): same ids, thread keys, kinds, directions and verbatim ``raw``.

Pure functions. Malformed input raises ``MalformedResponse`` (never KeyError / TypeError).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from desktop.domain.enums import Channel, Direction, ItemKind
from desktop.domain.records import IncomingItem, IncomingPost, JsonObject
from desktop.platforms.errors import MalformedResponse, PlatformName

_GRAPH_TIME_FORMATS = ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z")


def _bad(platform: PlatformName, what: str) -> MalformedResponse:
    return MalformedResponse(what, platform=platform)


def _object(value: Any, what: str, platform: PlatformName) -> JsonObject:
    if not isinstance(value, dict):
        raise _bad(platform, f"{what}: expected a JSON object, got {type(value).__name__}")
    return value


def _id(obj: Mapping[str, Any], key: str, what: str, platform: PlatformName) -> str:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int) or str(value) == "":
        raise _bad(platform, f"{what}: missing or invalid {key!r}")
    return str(value)


def _opt_str(obj: Mapping[str, Any], key: str, what: str, platform: PlatformName) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(platform, f"{what}: {key!r} must be a string")
    return value


def _flag(obj: Mapping[str, Any], key: str, what: str) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise _bad("facebook", f"{what}: {key!r} must be true or false")
    return value


def parse_graph_time(value: Any, what: str = "time") -> datetime:
    """``"2026-11-20T03:15:00+0000"`` (also ``+00:00``) to an aware UTC datetime."""
    if not isinstance(value, str) or not value:
        raise _bad("facebook", f"{what}: missing or invalid time")
    for fmt in _GRAPH_TIME_FORMATS:
        try:
            return datetime.strptime(value, fmt).astimezone(UTC)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _bad("facebook", f"{what}: unreadable time {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise _bad("facebook", f"{what}: time without an offset {value[:40]!r}")
    return parsed.astimezone(UTC)


def _person(obj: Mapping[str, Any], key: str, what: str) -> tuple[str | None, str | None]:
    who = obj.get(key)
    if who is None:
        return None, None  # hidden without pages_read_user_content
    who = _object(who, f"{what}.{key}", "facebook")
    pid = who.get("id")
    name = who.get("name")
    if pid is not None and not isinstance(pid, str):
        raise _bad("facebook", f"{what}: {key}.id must be a string")
    if name is not None and not isinstance(name, str):
        raise _bad("facebook", f"{what}: {key}.name must be a string")
    return pid, name


# ---------------------------------------------------------------------------- Graph
def graph_post(post: Any) -> IncomingPost:
    post = _object(post, "post", "facebook")
    what = "post"
    post_id = _id(post, "id", what, "facebook")
    return IncomingPost(
        external_id=post_id,
        message=_opt_str(post, "message", f"post {post_id}", "facebook") or "",
        created_at=parse_graph_time(post.get("created_time"), f"post {post_id} created_time"),
        permalink=_opt_str(post, "permalink_url", f"post {post_id}", "facebook"),
    )


def comment_parent_id(comment: Mapping[str, Any]) -> str | None:
    parent = comment.get("parent")
    if parent is None:
        return None
    if not isinstance(parent, dict) or not isinstance(parent.get("id"), str):
        raise _bad("facebook", "comment: parent must be an object with an id")
    return str(parent["id"])


def resolve_thread_root(comment: Any, known_roots: Mapping[str, str] | None = None) -> str:
    """The top-level comment id of ``comment``'s thread.

    A top-level comment is its own root. For a reply: the root already known for its parent
    (``known_roots``: comment id -> root, e.g. built while walking ``filter=stream``
    chronologically, or from the store), else the ``comment_id`` of its permalink
    (``?comment_id=TOP&reply_comment_id=REPLY``), else the parent id.
    """
    comment = _object(comment, "comment", "facebook")
    cid = _id(comment, "id", "comment", "facebook")
    parent = comment_parent_id(comment)
    if parent is None:
        return cid
    if known_roots and parent in known_roots:
        return known_roots[parent]
    top_local = _permalink_top(comment.get("permalink_url"))
    if top_local is not None and "_" in cid:
        return f"{cid.split('_', 1)[0]}_{top_local}"
    return parent


def _permalink_top(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    query = parse_qs(urlsplit(url).query)
    values = query.get("comment_id")
    if values and "reply_comment_id" in query and values[0].isdigit():
        return values[0]
    return None


def _attachments(value: Any, what: str) -> tuple[JsonObject, ...]:
    """Attachment metadata (type, url, size, ...): a comment's ``attachment`` object or a
    message's ``attachments{data:[...]}``."""
    if value is None:
        return ()
    value = _object(value, f"{what}.attachment", "facebook")
    rows = value.get("data") if "data" in value else [value]
    if not isinstance(rows, list):
        raise _bad("facebook", f"{what}: attachments.data must be a list")
    out: list[JsonObject] = []
    for item in rows:
        row = _object(item, f"{what}.attachment", "facebook")
        meta: JsonObject = {}
        for key in ("id", "type", "mime_type", "name", "size", "url", "file_url"):
            if key in row and isinstance(row[key], str | int) and not isinstance(row[key], bool):
                meta[key] = row[key]
        image = row.get("image_data")
        if isinstance(image, dict) and isinstance(image.get("url"), str):
            meta["image_url"] = image["url"]
        media = row.get("media")
        img = media.get("image") if isinstance(media, dict) else None
        if isinstance(img, dict) and isinstance(img.get("src"), str):
            meta["image_url"] = img["src"]
        target = row.get("target")
        if isinstance(target, dict) and isinstance(target.get("url"), str):
            meta["target_url"] = target["url"]
        out.append(meta)
    return tuple(out)


def graph_comment(page_id: str, post: IncomingPost, comment: Any, thread_root: str) -> IncomingItem:
    """A Page-post comment. ``thread_root`` is the top-level comment id (the comment itself
    for a top-level comment; see ``resolve_thread_root``)."""
    comment = _object(comment, "comment", "facebook")
    cid = _id(comment, "id", "comment", "facebook")
    what = f"comment {cid}"
    created = parse_graph_time(comment.get("created_time"), f"{what} created_time")
    author, name = _person(comment, "from", what)
    parent = comment_parent_id(comment)
    is_reply = cid != thread_root
    if parent is not None and not is_reply:
        raise _bad("facebook", f"{what}: a reply cannot be its own thread root")
    return IncomingItem(
        account_external_id=page_id,
        channel=Channel.FB_COMMENT,
        thread_external_id=thread_root,
        external_id=cid,
        kind=ItemKind.REPLY if is_reply else ItemKind.COMMENT,
        direction=Direction.OUTBOUND if author == page_id else Direction.INBOUND,
        text=_opt_str(comment, "message", what, "facebook") or "",
        created_at=created,
        author_external_id=author,
        author_name=name,
        parent_external_id=(parent or thread_root) if is_reply else None,
        is_hidden=_flag(comment, "is_hidden", what),
        permalink=_opt_str(comment, "permalink_url", what, "facebook"),
        attachments=_attachments(comment.get("attachment"), what),
        raw=copy.deepcopy(comment),
        post=post,
    )


def graph_message(page_id: str, conversation_id: str, msg: Any) -> IncomingItem:
    """A Messenger message; the thread is the conversation id (``t_...``)."""
    msg = _object(msg, "message", "facebook")
    mid = _id(msg, "id", "message", "facebook")
    what = f"message {mid}"
    author, name = _person(msg, "from", what)
    return IncomingItem(
        account_external_id=page_id,
        channel=Channel.FB_MESSAGE,
        thread_external_id=conversation_id,
        external_id=mid,
        kind=ItemKind.MESSAGE,
        direction=Direction.OUTBOUND if author == page_id else Direction.INBOUND,
        text=_opt_str(msg, "message", what, "facebook") or "",
        created_at=parse_graph_time(msg.get("created_time"), f"{what} created_time"),
        author_external_id=author,
        author_name=name,
        attachments=_attachments(msg.get("attachments"), what),
        raw=copy.deepcopy(msg),
    )


def conversation_psid(page_id: str, conversation: Any) -> str | None:
    """The citizen's PSID in a conversation (the participant that is not the Page)."""
    conversation = _object(conversation, "conversation", "facebook")
    people = conversation.get("participants")
    rows = people.get("data") if isinstance(people, dict) else None
    if not isinstance(rows, list):
        return None
    for row in rows:
        if isinstance(row, dict) and isinstance(row.get("id"), str) and row["id"] != page_id:
            return str(row["id"])
    return None


# ---------------------------------------------------------------------------- Zalo
def _zalo_time(row: Mapping[str, Any], what: str) -> datetime:
    value = row.get("time")
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _bad("zalo", f"{what}: missing or invalid 'time' (epoch milliseconds)")
    try:
        return datetime.fromtimestamp(value / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        raise _bad("zalo", f"{what}: 'time' out of range") from None


def zalo_message(oa_id: str, row: Any) -> IncomingItem:
    """A Zalo chat row (listrecentchat / conversation); the thread is the user id."""
    row = _object(row, "zalo message", "zalo")
    mid = _id(row, "message_id", "zalo message", "zalo")
    what = f"zalo message {mid}"
    src = row.get("src")
    if isinstance(src, str) and src in ("0", "1"):
        src = int(src)
    if isinstance(src, bool) or src not in (0, 1):
        raise _bad("zalo", f"{what}: 'src' must be 0 (OA) or 1 (user)")
    from_id = _id(row, "from_id", what, "zalo")
    to_id = _id(row, "to_id", what, "zalo")
    inbound = src == 1
    text = row.get("message")
    kind = row.get("type", "text")
    attachments: tuple[JsonObject, ...] = ()
    if kind != "text":
        meta: JsonObject = {"type": str(kind)}
        for key in ("url", "thumb", "description"):
            if isinstance(row.get(key), str):
                meta[key] = row[key]
        attachments = (meta,)
    return IncomingItem(
        account_external_id=oa_id,
        channel=Channel.ZALO_MESSAGE,
        thread_external_id=from_id if inbound else to_id,
        external_id=mid,
        kind=ItemKind.MESSAGE,
        direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
        text=text if isinstance(text, str) else "",
        created_at=_zalo_time(row, what),
        author_external_id=from_id,
        author_name=_opt_str(row, "from_display_name", what, "zalo"),
        attachments=attachments,
        raw=copy.deepcopy(row),
    )
