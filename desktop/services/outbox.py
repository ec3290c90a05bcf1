"""The outbox service: write first, then send; never send twice blindly.

``queue`` validates an officer's action (target, messaging window) and writes it to the outbox.
``run`` sends queued actions one at a time, in order within a thread, and maps each result:

- sent → ``sent`` (and the store reflects it at once: the reply item, the hidden flag…);
- refused before it was processed (throttled, connection refused, token rejected) → back to
  ``queued`` with a retry time: queued offline, sent when the network returns;
- may have been applied (timeout, dropped connection, an answer that cannot be read) → ``unknown``,
  then checked on the platform: found → ``sent``; provably absent → queued again; cannot tell →
  stays ``unknown`` for the officer;
- refused for good (window closed, already replied, not found) → ``failed`` with the reason.

At start-up, actions left in ``sending`` by a crash become ``unknown`` and are checked the same way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from desktop.domain.enums import Channel, Direction, ItemKind, OutboxKind, OutboxState, Platform
from desktop.domain.records import IncomingItem
from desktop.platforms.credentials import CredentialStore, ZaloTokenManager
from desktop.platforms.errors import (
    NotFound,
    PermissionMissing,
    PlatformError,
    RateLimited,
    TokenError,
    Transient,
)
from desktop.platforms.graph import GraphClient
from desktop.platforms.normalize import parse_graph_time
from desktop.platforms.zalo import ZaloClient
from desktop.services.windows import WindowReason, closed_note, refusal, reply_window
from desktop.store import outbox
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Contact, Item
from desktop.store.outbox import OutboxRow
from desktop.store.thread_context import (
    ItemTarget,
    ThreadContext,
    external_item_deleted,
    has_private_reply,
    item_target,
    thread_context,
)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 30
RETRY_BASE_S = 5.0
RETRY_CAP_S = 300.0
AUTH_RETRY_S = 300.0
CHECK_DELAY_S = 30.0  # after an answer that was lost, before reading the platform back
MAX_TEXT = 2000
TEXT_KINDS = {OutboxKind.PUBLIC_REPLY, OutboxKind.PRIVATE_REPLY, OutboxKind.MESSAGE_REPLY}
COMMENT_KINDS = {OutboxKind.HIDE, OutboxKind.UNHIDE, OutboxKind.DELETE}


class WindowClosedLocally(PlatformError):
    """The window closed while the action waited in the queue (checked before sending)."""


class MissingToken(TokenError):
    """No token at all for the account in the keyring."""


class ActionRefused(ValueError):
    """The action cannot be queued; the message tells the officer why."""


class WindowRefused(ActionRefused):
    """A reply refused because its messaging window is closed; ``reason`` says which rule."""

    def __init__(self, reason: WindowReason) -> None:
        super().__init__(refusal(reason)[1])
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Verdict:
    state: OutboxState
    detail: str


ABSENT = Verdict(OutboxState.QUEUED, "checked: not on the platform; sending again")


def _backoff(attempts: int) -> float:
    return float(min(RETRY_CAP_S, RETRY_BASE_S * 2.0 ** max(0, attempts - 1)))


class OutboxService:
    def __init__(
        self,
        db: Database,
        graph: GraphClient,
        zalo: ZaloClient,
        credentials: CredentialStore,
        zalo_tokens: ZaloTokenManager,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        idle_poll_s: float = 5.0,
        check_delay_s: float = CHECK_DELAY_S,
    ) -> None:
        self.db = db
        self.graph = graph
        self.zalo = zalo
        self.credentials = credentials
        self.zalo_tokens = zalo_tokens
        self.clock = clock
        self.idle_poll_s = idle_poll_s
        self.check_delay_s = check_delay_s
        self._wake = asyncio.Event()
        self._checks: dict[int, int] = {}  # failed platform checks per unknown action
        self.listeners: list[Callable[[OutboxRow], None]] = []

    # -- queueing -------------------------------------------------------------------------
    async def queue(
        self,
        kind: OutboxKind,
        thread_id: int,
        *,
        item_id: int | None = None,
        text: str | None = None,
        officer_id: int | None = None,
        also: Callable[[Session, OutboxRow], OutboxRow | None] | None = None,
    ) -> OutboxRow:
        """Validate and write one action; raises ``ActionRefused`` with the reason.

        ``also`` runs in the same transaction once the action is written (e.g. an audit event);
        a row it returns replaces the written one (a reply held for a shift leader's approval).
        """
        now = self.clock()

        def write(session: Session) -> OutboxRow:
            ctx = thread_context(session, thread_id)
            payload = self._payload(session, ctx, kind, item_id, text, now)
            row = outbox.enqueue(
                session,
                account_id=ctx.account_id,
                thread_id=thread_id,
                item_id=item_id,
                kind=kind,
                payload=payload,
                created_by_id=officer_id,
                now=now,
            )
            if also is not None:
                row = also(session, row) or row
            return row

        row = await self.db.write(write)
        self.changed(row)
        return row

    def _payload(
        self,
        session: Session,
        ctx: ThreadContext,
        kind: OutboxKind,
        item_id: int | None,
        text: str | None,
        now: datetime,
    ) -> dict[str, Any]:
        if kind in TEXT_KINDS:
            if text is None or not text.strip():
                raise ActionRefused("Nội dung trả lời đang trống.")
            if len(text) > MAX_TEXT:
                raise ActionRefused("Nội dung trả lời dài quá 2.000 ký tự.")
        target = item_target(session, item_id) if item_id is not None else None
        if target is not None and target.external_id is None:
            raise ActionRefused(
                "Mục này không có trên nền tảng (chưa đồng bộ, hoặc là ghi chú nội bộ)."
            )
        if kind is not OutboxKind.BLOCK:
            deleted = (
                target.is_deleted
                if target is not None
                else kind is OutboxKind.PUBLIC_REPLY
                and external_item_deleted(session, ctx.platform, ctx.thread_external_id)
            )
            if deleted:
                raise ActionRefused("Bình luận hoặc tin nhắn này đã bị xoá trên nền tảng.")
        if kind is OutboxKind.PRIVATE_REPLY:
            return _private_reply_payload(session, ctx, target, text, now)
        if kind is OutboxKind.MESSAGE_REPLY:
            return _message_payload(ctx, text, now)
        if kind is OutboxKind.BLOCK:
            author = target.author_external_id if target else ctx.citizen_external_id
            if ctx.platform is not Platform.FACEBOOK or not author:
                raise ActionRefused("Chỉ chặn được người dùng trên Trang Facebook.")
            return {"psid": author}
        if ctx.channel is not Channel.FB_COMMENT:
            raise ActionRefused("Trả lời công khai, ẩn và xoá chỉ dùng cho bình luận.")
        if kind is OutboxKind.PUBLIC_REPLY:
            return {"comment_id": ctx.thread_external_id, "message": text}
        return {"comment_id": target.external_id if target else ctx.thread_external_id}

    # -- sending ---------------------------------------------------------------------------
    async def recover(self) -> list[int]:
        """After a crash: interrupted sends become unknown and are checked on the platform."""
        now = self.clock()
        ids = await self.db.write(lambda s: outbox.recover_interrupted(s, now=now))
        for action_id in ids:
            await self._verify(await self.db.read(partial(outbox.get, action_id=action_id)))
        return ids

    async def send_next(self) -> OutboxRow | None:
        """Send one queued action, or else check one unknown action that is due; None if idle."""
        now = self.clock()
        row = await self.db.write(lambda s: outbox.claim_next(s, now=now))
        if row is None:
            unknown = await self.db.read(lambda s: outbox.next_unknown_to_check(s, now=now))
            return None if unknown is None else await self._verify(unknown)
        try:
            result_id = await self._send(row)
        except PlatformError as error:
            return await self._after_error(row, error)
        except Exception as error:  # a bug must not lose the action: leave it for the officer
            log.exception("outbox action %s failed unexpectedly", row.id)
            reason = f"internal error: {type(error).__name__}"
            return await self._finish(lambda s: outbox.mark_unknown(s, row.id, reason))
        done = await self.db.write(lambda s: self._record_sent(s, row, result_id))
        self._notify(done)
        return done

    async def _after_error(self, row: OutboxRow, error: PlatformError) -> OutboxRow:
        reason = str(error)
        if isinstance(error, Transient) and error.may_have_applied:
            # Read back a little later, not at once: a platform may finish a write after the
            # client gave up waiting. The check time is stored, so a crash cannot lose it.
            check_at = self.clock() + timedelta(seconds=self.check_delay_s)
            return await self._finish(lambda s: outbox.mark_unknown(s, row.id, reason, check_at))
        if row.attempts >= MAX_ATTEMPTS:
            return await self._finish(
                lambda s: outbox.mark_failed(s, row.id, f"gave up after {row.attempts}: {reason}")
            )
        if isinstance(error, RateLimited):
            delay = max(error.retry_after, 1.0)
        elif isinstance(error, TokenError | PermissionMissing):
            delay = AUTH_RETRY_S
        elif isinstance(error, Transient):
            delay = _backoff(row.attempts)
        else:
            return await self._finish(lambda s: outbox.mark_failed(s, row.id, reason))
        retry_at = self.clock() + timedelta(seconds=delay)
        return await self._finish(lambda s: outbox.mark_retry(s, row.id, reason, retry_at))

    async def _finish(self, change: Callable[[Session], OutboxRow]) -> OutboxRow:
        row = await self.db.write(change)
        self._notify(row)
        return row

    async def _token(self, row: OutboxRow, ctx: ThreadContext) -> str:
        if ctx.platform is Platform.ZALO:
            return await self.zalo_tokens.access_token(ctx.account_external_id)
        token = await asyncio.to_thread(self.credentials.get_page_token, ctx.account_external_id)
        if token is None:
            raise MissingToken("no page token in the keyring", platform="facebook")
        return token

    async def _send(self, row: OutboxRow) -> str | None:
        assert row.thread_id is not None
        ctx = await self.db.read(lambda s: thread_context(s, row.thread_id or 0))
        token = await self._token(row, ctx)
        p = row.payload
        page = ctx.account_external_id
        if row.kind is OutboxKind.MESSAGE_REPLY:
            window = reply_window(
                row.kind, ctx.channel, self.clock(), last_citizen_at=ctx.last_citizen_at
            )
            if not window.open:
                reason = window.reason or WindowReason.NOT_FOR_CHANNEL
                raise WindowClosedLocally(closed_note(reason), platform=ctx.platform.value)
            if ctx.platform is Platform.ZALO:
                return (await self.zalo.send_text(token, p["recipient"], p["message"])).message_id
            sent = await self.graph.send_message(
                page, token, p["recipient"], p["message"], human_agent=window.human_agent
            )
            return sent.message_id
        if row.kind is OutboxKind.PUBLIC_REPLY:
            return await self.graph.reply_to_comment(p["comment_id"], token, p["message"])
        if row.kind is OutboxKind.PRIVATE_REPLY:
            sent = await self.graph.private_reply(page, token, p["comment_id"], p["message"])
            return sent.message_id
        if row.kind in {OutboxKind.HIDE, OutboxKind.UNHIDE}:
            await self.graph.set_hidden(p["comment_id"], token, row.kind is OutboxKind.HIDE)
            return None
        if row.kind is OutboxKind.DELETE:
            await self.graph.delete_comment(p["comment_id"], token)
            return None
        await self.graph.block(page, token, p["psid"])
        return None

    def _record_sent(self, session: Session, row: OutboxRow, result_id: str | None) -> OutboxRow:
        done = outbox.mark_sent(session, row.id, result_id)
        ctx = thread_context(session, row.thread_id or 0)
        p = row.payload
        now = self.clock()
        if row.kind in {OutboxKind.PUBLIC_REPLY, OutboxKind.MESSAGE_REPLY} and result_id:
            kind = ItemKind.REPLY if row.kind is OutboxKind.PUBLIC_REPLY else ItemKind.MESSAGE
            item = IncomingItem(
                account_external_id=ctx.account_external_id,
                channel=ctx.channel,
                thread_external_id=ctx.thread_external_id,
                external_id=result_id,
                kind=kind,
                direction=Direction.OUTBOUND,
                text=p["message"],
                created_at=now,
                author_external_id=ctx.account_external_id,
                parent_external_id=p.get("comment_id"),
                raw={"id": result_id, "message": p["message"], "sent_by_outbox": row.id},
            )
            ingest_items(session, items=[item], search=self.db.search)
        elif row.kind in {OutboxKind.HIDE, OutboxKind.UNHIDE, OutboxKind.DELETE}:
            values = (
                {"is_deleted": True}
                if row.kind is OutboxKind.DELETE
                else {"is_hidden": row.kind is OutboxKind.HIDE}
            )
            session.execute(
                update(Item)
                .where(Item.platform == Platform.FACEBOOK, Item.external_id == p["comment_id"])
                .values(**values)
            )
        elif row.kind is OutboxKind.BLOCK:
            session.execute(
                update(Contact)
                .where(Contact.platform == ctx.platform, Contact.external_id == p["psid"])
                .values(is_blocked=True)
            )
        return done

    # -- checking an unknown action on the platform ------------------------------------------
    async def _verify(self, row: OutboxRow) -> OutboxRow:
        try:
            verdict = await self._check(row)
        except PlatformError as error:
            detail = f"could not check on the platform yet: {error}"
            checks = self._checks.get(row.id, 0) + 1
            self._checks[row.id] = checks
            again = self.clock() + timedelta(seconds=_backoff(checks))
            return await self._finish(lambda s: outbox.mark_unknown(s, row.id, detail, again))
        self._checks.pop(row.id, None)
        if verdict.state is OutboxState.SENT:
            done = await self.db.write(lambda s: self._record_sent(s, row, verdict.detail or None))
            self._notify(done)
            return done
        if verdict.state is OutboxState.QUEUED:
            self._wake.set()
            return await self._finish(lambda s: outbox.requeue_unknown(s, row.id, verdict.detail))
        # The platform answered but cannot settle it: the officer decides.
        return await self._finish(lambda s: outbox.mark_unknown(s, row.id, verdict.detail))

    async def _check(self, row: OutboxRow) -> Verdict:
        ctx = await self.db.read(lambda s: thread_context(s, row.thread_id or 0))
        token = await self._token(row, ctx)
        since = row.created_at - timedelta(minutes=5)
        if row.kind is OutboxKind.PUBLIC_REPLY:
            return await self._check_public_reply(row, ctx, token, since)
        if row.kind is OutboxKind.MESSAGE_REPLY and ctx.platform is Platform.ZALO:
            return await self._check_zalo_message(row, token, since)
        if row.kind is OutboxKind.MESSAGE_REPLY:
            return await self._check_messenger(row, ctx, token, since)
        if row.kind is OutboxKind.BLOCK:
            # Idempotent on the platform: blocking again cannot duplicate anything.
            return Verdict(OutboxState.QUEUED, "blocking again is harmless; sending again")
        return await self._check_comment_state(row, token)

    async def _check_public_reply(
        self, row: OutboxRow, ctx: ThreadContext, token: str, since: datetime
    ) -> Verdict:
        try:
            replies = await self.graph.recent_page_replies(
                ctx.thread_external_id, token, page_id=ctx.account_external_id, limit=50
            )
        except NotFound:
            return Verdict(
                OutboxState.UNKNOWN,
                "the comment was deleted on the platform: the reply cannot be checked or sent",
            )
        for reply in replies:
            if reply.get("message") == row.payload["message"] and (
                parse_graph_time(reply.get("created_time")) >= since
            ):
                return Verdict(OutboxState.SENT, str(reply.get("id")))
        return ABSENT

    async def _check_zalo_message(self, row: OutboxRow, token: str, since: datetime) -> Verdict:
        rows = await self.zalo.conversation(token, row.payload["recipient"], 0, 10)
        for msg in rows:
            sent_at = datetime.fromtimestamp(float(msg.get("time", 0)) / 1000, UTC)
            if (
                msg.get("src") == 0
                and msg.get("message") == row.payload["message"]
                and sent_at >= since
            ):
                return Verdict(OutboxState.SENT, str(msg.get("message_id")))
        return ABSENT

    async def _check_messenger(
        self, row: OutboxRow, ctx: ThreadContext, token: str, since: datetime
    ) -> Verdict:
        messages = await self.graph.conversation_messages(
            ctx.account_external_id, token, row.payload["recipient"], limit=25
        )
        for msg in messages:
            sender = msg.get("from") or {}
            if (
                sender.get("id") == ctx.account_external_id
                and msg.get("message") == row.payload["message"]
                and parse_graph_time(msg.get("created_time")) >= since
            ):
                return Verdict(OutboxState.SENT, str(msg.get("id")))
        return ABSENT

    async def _check_comment_state(self, row: OutboxRow, token: str) -> Verdict:
        """Private reply, hide, unhide, delete: read the comment back."""
        try:
            comment = await self.graph.comment(row.payload["comment_id"], token)
        except NotFound:
            if row.kind is OutboxKind.DELETE:
                return Verdict(OutboxState.SENT, "")
            return Verdict(OutboxState.UNKNOWN, "the comment is gone from the platform")
        if row.kind is OutboxKind.PRIVATE_REPLY:
            replied = comment.get("private_reply_conversation") or (
                comment.get("can_reply_privately") is False
            )
            return Verdict(OutboxState.SENT, "") if replied else ABSENT
        if row.kind is OutboxKind.DELETE:
            return ABSENT
        if bool(comment.get("is_hidden")) == (row.kind is OutboxKind.HIDE):
            return Verdict(OutboxState.SENT, "")
        return ABSENT

    # -- the loop ------------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        await self.recover()
        while not stop.is_set():
            try:
                row = await self.send_next()
            except Exception:
                log.exception("outbox step failed")
                row = None
            if row is not None:
                continue
            self._wake.clear()
            waiter = asyncio.ensure_future(self._wake.wait())
            stopper = asyncio.ensure_future(stop.wait())
            await asyncio.wait(
                {waiter, stopper}, timeout=self.idle_poll_s, return_when=asyncio.FIRST_COMPLETED
            )
            for task in (waiter, stopper):
                task.cancel()

    def changed(self, row: OutboxRow) -> None:
        """An action was written or changed outside the loop (queued, approved): wake the
        sender and tell the listeners (the open cases)."""
        self._wake.set()
        self._notify(row)

    def _notify(self, row: OutboxRow) -> None:
        for listener in list(self.listeners):
            listener(row)


def _private_reply_payload(
    session: Session,
    ctx: ThreadContext,
    target: ItemTarget | None,
    text: str | None,
    now: datetime,
) -> dict[str, Any]:
    if target is None:
        raise ActionRefused("Hãy chọn bình luận cần trả lời riêng.")
    window = reply_window(
        OutboxKind.PRIVATE_REPLY,
        ctx.channel,
        now,
        last_citizen_at=ctx.last_citizen_at,
        comment_created_at=target.created_at,
        already_private_replied=has_private_reply(session, target.item_id),
    )
    if not window.open:
        raise WindowRefused(window.reason or WindowReason.NOT_FOR_CHANNEL)
    return {"comment_id": target.external_id, "message": text}


def _message_payload(ctx: ThreadContext, text: str | None, now: datetime) -> dict[str, Any]:
    window = reply_window(
        OutboxKind.MESSAGE_REPLY, ctx.channel, now, last_citizen_at=ctx.last_citizen_at
    )
    if not window.open:
        raise WindowRefused(window.reason or WindowReason.NOT_FOR_CHANNEL)
    zalo = ctx.channel is Channel.ZALO_MESSAGE
    recipient = ctx.thread_external_id if zalo else ctx.citizen_external_id
    if not recipient:
        raise ActionRefused("Chưa xác định được người dân trong cuộc trò chuyện này.")
    return {"recipient": recipient, "message": text}
