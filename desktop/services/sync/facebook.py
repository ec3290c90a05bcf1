"""Polling a Facebook Page: posts' comments and Messenger conversations.

A pass starts with a *probe*: per Page, the recent posts with their comment counts and the first
page of conversations by last update — two operations that ride in Graph batch requests (up to
50 operations, several Pages, one HTTP request). Only what changed is fetched further:

- a post whose comment count or update time moved since the stored watermark: its comments,
  newest first, down to the watermark (less an overlap);
- a new post, or every post when a periodic rescan is due: all its comments, so that edits,
  hides and platform deletions reach the store;
- conversations updated since the conversation watermark, with their new messages.

Each post's items and its watermark are written in one transaction; so are the conversations'.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain.enums import Platform
from desktop.domain.records import IncomingItem, IncomingPost
from desktop.platforms.errors import MalformedResponse, PlatformError
from desktop.platforms.graph import COMMENT_COUNT_FIELD, POST_FIELDS, GraphClient
from desktop.platforms.graph_paging import graph_page
from desktop.platforms.models import BatchRequest
from desktop.platforms.normalize import (
    graph_comment,
    graph_message,
    graph_post,
    parse_graph_time,
    resolve_thread_root,
)
from desktop.services.sync.batch import BatchWriter
from desktop.services.sync.outcome import AccountOutcome
from desktop.services.sync.settings import SyncSettings
from desktop.store.database import Database
from desktop.store.lookups import (
    comment_roots,
    known_item_ids,
    mark_deleted,
    post_comment_ids,
)
from desktop.store.sync_state import AccountRow, get_cursors, set_cursor

JsonDict = dict[str, Any]

FEED_FIELDS = f"{POST_FIELDS},{COMMENT_COUNT_FIELD}"
CONVERSATION_STREAM = "conversations"
FEED_STREAM = "feed"  # "backfilled" once every post of the Page's history has been read
RESCAN_STREAM = "rescan"


@dataclass(slots=True)
class PageProbe:
    posts: list[JsonDict] = field(default_factory=list)
    posts_after: str | None = None  # where the probe's page of recent posts ended
    conversations: list[JsonDict] = field(default_factory=list)
    conversations_after: str | None = None  # where the first page of conversations ended
    error: PlatformError | None = None


def _post_state(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _comment_total(post: JsonDict) -> int | None:
    comments = post.get("comments")
    if isinstance(comments, dict):
        summary = comments.get("summary")
        if isinstance(summary, dict) and isinstance(summary.get("total_count"), int):
            return int(summary["total_count"])
    return None


class FacebookSync:
    def __init__(
        self,
        db: Database,
        graph: GraphClient,
        settings: SyncSettings,
        writer: BatchWriter,
    ) -> None:
        self.db = db
        self.graph = graph
        self.settings = settings
        self.writer = writer

    # -- probe ---------------------------------------------------------------------------
    def _probe_ops(self, page_id: str, token: str) -> list[BatchRequest]:
        feed = {"fields": FEED_FIELDS, "limit": str(self.settings.recent_posts)}
        conv = {
            "platform": "messenger",
            "fields": (
                "id,updated_time,participants,"
                f"messages.limit({self.settings.inline_messages})"
                "{id,created_time,from,to,message,attachments}"
            ),
            "limit": str(self.settings.conversation_page),
        }
        return [
            BatchRequest.get(f"{page_id}/feed", feed, token=token),
            BatchRequest.get(f"{page_id}/conversations", conv, token=token),
        ]

    async def probe(self, pages: Sequence[tuple[AccountRow, str]]) -> dict[int, PageProbe]:
        """One batch operation pair per Page, packed into as few HTTP requests as possible."""
        probes: dict[int, PageProbe] = {}
        for account, token in pages:
            self.graph.remember_page(token, account.external_id)
        per_call = max(1, self.settings.batch_ops // 2)
        for start in range(0, len(pages), per_call):
            chunk = pages[start : start + per_call]
            ops = [op for acc, token in chunk for op in self._probe_ops(acc.external_id, token)]
            try:
                results = await self.graph.batch(chunk[0][1], ops)
            except PlatformError:
                # The batch as a whole failed (e.g. its own token): probe each Page alone so one
                # Page's bad token cannot blind the others.
                for acc, token in chunk:
                    probes[acc.id] = await self._probe_alone(acc, token)
                continue
            for index, (acc, _token) in enumerate(chunk):
                feed, conv = results[2 * index], results[2 * index + 1]
                probe = PageProbe()
                for result in (feed, conv):
                    if result.error is not None and probe.error is None:
                        probe.error = result.error
                if probe.error is None:
                    try:
                        feed_page = graph_page(feed.body, {}, "feed")
                        probe.posts, probe.posts_after = feed_page.data, feed_page.next_cursor
                        conv_page = graph_page(conv.body, {}, "conversations")
                        probe.conversations = conv_page.data
                        probe.conversations_after = conv_page.next_cursor
                    except MalformedResponse as err:
                        probe.error = err
                probes[acc.id] = probe
        return probes

    async def _probe_alone(self, account: AccountRow, token: str) -> PageProbe:
        probe = PageProbe()
        try:
            results = await self.graph.batch(token, self._probe_ops(account.external_id, token))
            for result in results:
                if result.error is not None:
                    raise result.error
            feed_page = graph_page(results[0].body, {}, "feed")
            probe.posts, probe.posts_after = feed_page.data, feed_page.next_cursor
            conv_page = graph_page(results[1].body, {}, "conversations")
            probe.conversations = conv_page.data
            probe.conversations_after = conv_page.next_cursor
        except PlatformError as err:
            probe.error = err
        return probe

    # -- follow-up ---------------------------------------------------------------------------
    async def follow_up(
        self, account: AccountRow, token: str, probe: PageProbe, outcome: AccountOutcome
    ) -> None:
        if probe.error is not None:
            raise probe.error
        cursors = await self.db.read(lambda s: get_cursors(s, account.id))
        now = datetime.now(UTC)
        last_rescan = cursors.get(RESCAN_STREAM)
        rescan = last_rescan is None or (
            now - datetime.fromisoformat(last_rescan)
            >= timedelta(seconds=self.settings.rescan_every_s)
        )
        posts = list(probe.posts)
        backfill = cursors.get(FEED_STREAM) is None
        if backfill:  # the first pass reads the whole history, not just the recent posts
            after = probe.posts_after
            for _ in range(self.settings.max_pages):
                if after is None:
                    break
                page = await self.graph.feed(
                    account.external_id, token, after=after, comment_counts=True
                )
                posts += page.data
                after = page.next_cursor
        for post_json in posts:
            await self._sync_post(account, token, post_json, cursors, rescan, outcome)
        if backfill:
            await self.db.write(lambda s: set_cursor(s, account.id, FEED_STREAM, "backfilled"))
        if rescan:
            await self.db.write(lambda s: set_cursor(s, account.id, RESCAN_STREAM, now.isoformat()))
        await self._sync_conversations(account, token, probe, cursors, outcome)

    async def _sync_post(
        self,
        account: AccountRow,
        token: str,
        post_json: JsonDict,
        cursors: dict[str, str | None],
        rescan: bool,
        outcome: AccountOutcome,
    ) -> None:
        post = graph_post(post_json)
        stream = f"post:{post.external_id}"
        state = _post_state(cursors.get(stream))
        total = _comment_total(post_json)
        updated = post_json.get("updated_time")
        full = state is None or rescan
        if (
            not full
            and state is not None
            and (state.get("count") == total and state.get("updated") == updated)
        ):
            return
        since: datetime | None = None
        if not full and state is not None and state.get("newest"):
            since = datetime.fromisoformat(state["newest"]) - timedelta(
                seconds=self.settings.overlap_s
            )
        comments, complete = await self._fetch_comments(post.external_id, token, since, full)
        newest = max(
            (parse_graph_time(c.get("created_time"), "comment created_time") for c in comments),
            default=None,
        )
        if state is not None and state.get("newest"):
            previous = datetime.fromisoformat(state["newest"])
            newest = max(newest, previous) if newest else previous
        new_state = json.dumps(
            {"count": total, "updated": updated, "newest": newest.isoformat() if newest else None}
        )
        page_id = account.external_id
        items = await self.db.read(lambda s: self._comment_items(s, page_id, post, comments))

        def cursor_and_deletions(session: Session) -> None:
            if full and complete:
                seen = {i.external_id for i in items}
                gone = post_comment_ids(session, account.id, post.external_id) - seen
                outcome.deleted += mark_deleted(session, Platform.FACEBOOK, gone)
            set_cursor(session, account.id, stream, new_state)

        await self.writer.store(
            items,
            outcome,
            also=cursor_and_deletions,
        )

    async def _fetch_comments(
        self, post_id: str, token: str, since: datetime | None, full: bool
    ) -> tuple[list[JsonDict], bool]:
        """Comments of a post, oldest first; ``complete`` is False when the page cap cut it."""
        order = "chronological" if full else "reverse_chronological"
        found: list[JsonDict] = []
        after: str | None = None
        for _ in range(self.settings.max_pages):
            page = await self.graph.comments(post_id, token, order=order, after=after)
            stop = False
            for comment in page.data:
                if since is not None:
                    created = parse_graph_time(comment.get("created_time"), "created_time")
                    if created < since:
                        stop = True
                        continue
                found.append(comment)
            if stop or page.next_cursor is None:
                break
            after = page.next_cursor
        else:
            return (found if full else found[::-1]), False
        return (found if full else found[::-1]), True

    def _comment_items(
        self, session: Session, page_id: str, post: IncomingPost, comments: list[JsonDict]
    ) -> list[IncomingItem]:
        ids = {str(c.get("id")) for c in comments}
        parents = {
            str(p["id"])
            for c in comments
            if isinstance((p := c.get("parent")), dict) and p.get("id") not in ids
        }
        roots = comment_roots(session, parents) if parents else {}
        items = []
        for comment in comments:  # oldest first: a parent's root is known before its replies
            root = resolve_thread_root(comment, roots)
            roots[str(comment.get("id"))] = root
            items.append(graph_comment(page_id, post, comment, root))
        return items

    async def _sync_conversations(
        self,
        account: AccountRow,
        token: str,
        probe: PageProbe,
        cursors: dict[str, str | None],
        outcome: AccountOutcome,
    ) -> None:
        raw_mark = cursors.get(CONVERSATION_STREAM)
        mark = datetime.fromisoformat(raw_mark) if raw_mark else None
        page_id = account.external_id
        changed: list[JsonDict] = []
        conversations, after = probe.conversations, probe.conversations_after
        for _ in range(self.settings.max_pages):
            stop = False
            for conv in conversations:
                updated = parse_graph_time(conv.get("updated_time"), "conversation updated_time")
                if mark is not None and updated < mark:
                    stop = True
                    break
                changed.append(conv)
            if stop or after is None:
                break
            next_page = await self.graph.conversations(
                page_id,
                token,
                after=after,
                limit=self.settings.conversation_page,
                message_limit=self.settings.inline_messages,
            )
            conversations, after = next_page.data, next_page.next_cursor
        if not changed:
            return
        inline_ids = [
            str(m.get("id"))
            for conv in changed
            if isinstance(conv.get("messages"), dict)
            for m in conv["messages"].get("data") or []
            if isinstance(m, dict)
        ]
        known = await self.db.read(lambda s: known_item_ids(s, Platform.FACEBOOK, inline_ids))
        items: list[IncomingItem] = []
        newest = mark
        for conv in changed:
            conv_id = str(conv.get("id"))
            updated = parse_graph_time(conv.get("updated_time"), "conversation updated_time")
            newest = updated if newest is None else max(newest, updated)
            for msg in await self._new_messages(conv, token, mark, known):
                items.append(graph_message(page_id, conv_id, msg))
        new_mark = newest.isoformat() if newest else None
        await self.writer.store(
            items,
            outcome,
            also=lambda s: set_cursor(s, account.id, CONVERSATION_STREAM, new_mark),
        )

    async def _new_messages(
        self, conv: JsonDict, token: str, mark: datetime | None, known: set[str]
    ) -> list[JsonDict]:
        """The conversation's messages not stored yet, newest first.

        Messages are stored in complete runs (a conversation's new messages and the watermark in
        one transaction), so once an inline message is known, every older one is too. Only when
        none of the inline messages is known (and Graph says there are more) is the messages
        edge paged, down to a known message or the watermark.
        """
        inline = conv.get("messages")
        page = graph_page(inline, {}, "conversation messages") if inline else None
        messages = list(page.data) if page else []
        if (
            page is not None
            and page.has_next
            and not any(str(m.get("id")) in known for m in messages)
        ):
            messages = []
            after: str | None = None
            for _ in range(self.settings.max_pages):
                more = await self.graph.messages(str(conv.get("id")), token, after=after)
                messages.extend(more.data)
                reached_known = any(str(m.get("id")) in known for m in more.data)
                oldest = more.data[-1].get("created_time") if more.data else None
                older_than_mark = (
                    mark is not None and oldest is not None and parse_graph_time(oldest) < mark
                )
                if more.next_cursor is None or reached_known or older_than_mark:
                    break
                after = more.next_cursor
        return [m for m in messages if str(m.get("id")) not in known]
