"""The case panel's service: one case in detail, and every change an officer makes to it.

- ``detail`` reads the case, its items, its outgoing actions, the citizen's other cases and the
  personal data found in the citizen's text, in one read transaction on a reader thread; then,
  with a word model (``offensive``, given by the composition root), marks the offensive words of
  the citizens' text as it is shown (masked or not) in a worker thread.
- ``classify``, ``set_urgent``, ``assign``, ``set_status`` and ``set_priority`` change the case
  on the writer thread, checked against the version the officer saw (``StaleCase`` otherwise),
  bump the version and record an audit event in the same transaction.
- ``reply`` and ``moderate`` go through the outbox: the messaging window is checked first and a
  closed one is refused with a clear reason before anything is queued.
- With a signed-in officer (``officer_id``), the access policy (``services.access``) applies:
  each change is checked for his role and unit scope in its own transaction
  (``PermissionDenied`` otherwise), and ``detail`` masks personal data (and an informant's
  name) as ``services.disclosure`` says, until ``reveal`` records a need-to-know view.

No Qt: the views receive this service (typed by their own Protocol) from the composition root.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from desktop.domain.enums import (
    CaseStatus,
    Category,
    Channel,
    Direction,
    OutboxKind,
    OutboxState,
)
from desktop.services.access import (
    Action,
    Actor,
    PermissionDenied,
    load_actor,
    may_reveal,
    require_case,
    sees_unmasked_by_default,
)
from desktop.services.corrections import classify_case
from desktop.services.disclosure import INFORMANT_LABEL, mask_view, reveal_case_items
from desktop.services.outbox import MAX_TEXT, ActionRefused, OutboxService, WindowRefused
from desktop.services.reply_approval import hold_if_required
from desktop.services.reply_templates import ReplyTemplate, TemplateBook, load_templates
from desktop.services.sla import record_response
from desktop.services.windows import WindowReason, WindowState, refusal, reply_window
from desktop.store import cases as store
from desktop.store.audit import AuditAction, append_event
from desktop.store.cases import (
    PRIORITIES,
    AuthorThread,
    CaseRecord,
    OfficerRow,
    StaleCase,
    UnitRow,
)
from desktop.store.database import Database
from desktop.store.outbox import OutboxRow
from desktop.store.threads import ItemView, thread_items
from desktop.text.pii import PiiSpan, find_pii, mask_pii

log = logging.getLogger(__name__)

__all__ = [
    "MODERATION_KINDS",
    "REPLY_KINDS",
    "AuthorThread",
    "CaseDetail",
    "CaseRecord",
    "CaseRefused",
    "CaseService",
    "OffensiveFinding",
    "OffensiveWords",
    "OfficerRow",
    "PermissionDenied",
    "PiiFinding",
    "StaleCase",
    "UnitRow",
]

REPLY_KINDS: dict[Channel, tuple[OutboxKind, ...]] = {
    Channel.FB_COMMENT: (OutboxKind.PUBLIC_REPLY, OutboxKind.PRIVATE_REPLY),
    Channel.FB_MESSAGE: (OutboxKind.MESSAGE_REPLY,),
    Channel.ZALO_MESSAGE: (OutboxKind.MESSAGE_REPLY,),
}
MODERATION_KINDS: dict[Channel, tuple[OutboxKind, ...]] = {
    Channel.FB_COMMENT: (OutboxKind.HIDE, OutboxKind.UNHIDE, OutboxKind.DELETE, OutboxKind.BLOCK),
    Channel.FB_MESSAGE: (OutboxKind.BLOCK,),
    Channel.ZALO_MESSAGE: (),
}
ITEM_KINDS = frozenset({OutboxKind.HIDE, OutboxKind.UNHIDE, OutboxKind.DELETE})
# What the panel asks the policy about (``CaseDetail.allowed``).
CASE_ACTIONS = (
    Action.CLASSIFY,
    Action.REPLY,
    Action.MODERATE,
    Action.RESOLVE,
    Action.TAKE_CASE,
    Action.ASSIGN,
    Action.SET_PRIORITY,
    Action.FORWARD,
)
OPEN_STATUSES = (CaseStatus.NEW, CaseStatus.REOPENED)
TEXT_REPLY_KINDS = frozenset(
    {OutboxKind.PUBLIC_REPLY, OutboxKind.PRIVATE_REPLY, OutboxKind.MESSAGE_REPLY}
)
OUTBOX_AUDIT = {
    OutboxKind.PUBLIC_REPLY: AuditAction.REPLY_QUEUED,
    OutboxKind.PRIVATE_REPLY: AuditAction.REPLY_QUEUED,
    OutboxKind.MESSAGE_REPLY: AuditAction.REPLY_QUEUED,
    OutboxKind.HIDE: AuditAction.HIDDEN,
    OutboxKind.UNHIDE: AuditAction.UNHIDDEN,
    OutboxKind.DELETE: AuditAction.DELETED,
    OutboxKind.BLOCK: AuditAction.BLOCKED,
}


class CaseRefused(ActionRefused):
    """An officer's action that cannot be done; ``str()`` is the Vietnamese reason to show.

    ``window`` is set when a closed messaging window is the reason (views word it themselves).
    """

    def __init__(self, code: str, message: str, *, window: WindowReason | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.window = window


@dataclass(frozen=True, slots=True)
class PiiFinding:
    """Personal data found in one item's text: ``text[start:end] == value``."""

    item_id: int
    kind: str
    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class OffensiveFinding:
    """An offensive word in one item's text as shown (``CaseDetail.items``, masked or not):
    ``text[start:end]`` is the word. Not personal data: every officer who sees the text sees it."""

    item_id: int
    start: int
    end: int
    probability: float


class OffensiveWords(Protocol):
    """The offensive words of each text as ``(start, end, probability)`` character offsets into
    it (CPU work: called in a worker thread). ``desktop.composition`` adapts the classifier."""

    def __call__(self, texts: Sequence[str]) -> list[Sequence[tuple[int, int, float]]]: ...


@dataclass(frozen=True, slots=True)
class CaseDetail:
    case: CaseRecord
    items: tuple[ItemView, ...]
    actions: tuple[OutboxRow, ...]
    pii: tuple[PiiFinding, ...]
    author_threads: tuple[AuthorThread, ...]
    private_replied: frozenset[int]  # comment ids (items) that already have a private reply
    loaded_at: datetime
    reply_kinds: tuple[OutboxKind, ...] = ()
    moderation_kinds: tuple[OutboxKind, ...] = ()
    windows: dict[OutboxKind, WindowState] = field(default_factory=dict)
    protected: bool = False  # a crime tip or an informant's case
    masked: bool = False  # personal data (and an informant's name) masked in what is shown
    can_reveal: bool = False  # this officer may ask for the unmasked view (recorded)
    allowed: frozenset[Action] | None = None  # None: no signed-in officer, no policy
    offensive: tuple[OffensiveFinding, ...] = ()  # in the citizens' text exactly as shown

    def may(self, action: Action) -> bool:
        """May the officer do ``action`` on this case (as far as the policy can tell now)."""
        return self.allowed is None or action in self.allowed

    @property
    def thread_id(self) -> int:
        return self.case.thread_id

    @property
    def version(self) -> int:
        return self.case.version

    def comment(self, item_id: int | None) -> ItemView | None:
        """A citizen's comment of this thread (the top-level one when ``item_id`` is None)."""
        wanted = self.case.root_item_id if item_id is None else item_id
        for item in self.moderation_targets:
            if item.item_id == wanted:
                return item
        return None

    @property
    def moderation_targets(self) -> tuple[ItemView, ...]:
        """Citizens' comments on the platform that the Page may hide, delete or answer privately."""
        if self.case.channel is not Channel.FB_COMMENT:
            return ()
        return tuple(
            i
            for i in self.items
            if i.direction is Direction.INBOUND and i.external_id is not None and i.item_id
        )

    def window(self, kind: OutboxKind, now: datetime, *, item_id: int | None = None) -> WindowState:
        """The reply window of ``kind`` at ``now`` (no database: computed from what was loaded)."""
        if kind not in self.reply_kinds:
            return WindowState(False, None, reason=WindowReason.NOT_FOR_CHANNEL)
        target = self.comment(item_id) if kind is OutboxKind.PRIVATE_REPLY else None
        return reply_window(
            kind,
            self.case.channel,
            now,
            last_citizen_at=self.case.last_citizen_at,
            comment_created_at=target.created_at if target else None,
            already_private_replied=target is not None and target.item_id in self.private_replied,
        )

    def windows_at(self, now: datetime) -> dict[OutboxKind, WindowState]:
        return {kind: self.window(kind, now) for kind in self.reply_kinds}


def _window_refusal(reason: WindowReason | None) -> CaseRefused:
    """The officer's reason, in Vietnamese, for a closed window (``window`` keeps the code)."""
    code, message = refusal(reason or WindowReason.NOT_FOR_CHANNEL)
    return CaseRefused(code, message, window=reason)


def _masked(
    items: tuple[ItemView, ...],
    pii: tuple[PiiFinding, ...],
    others: tuple[AuthorThread, ...],
    *,
    protected: bool,
) -> tuple[tuple[ItemView, ...], tuple[PiiFinding, ...], tuple[AuthorThread, ...]]:
    """What an officer without need-to-know sees: values masked, no offsets into the original
    text, and for a protected case no trail to the informant's other cases."""
    shown = tuple(mask_view(items, protected=protected))
    hidden = tuple(
        PiiFinding(
            f.item_id,
            f.kind,
            -1,
            -1,
            mask_pii(f.value, [PiiSpan(f.kind, 0, len(f.value), f.value)]),
        )
        for f in pii
    )
    if protected:
        return shown, hidden, ()
    return shown, hidden, tuple(replace(t, last_preview=mask_pii(t.last_preview)) for t in others)


def _audit(
    session: Session,
    *,
    actor_id: int | None,
    action: AuditAction,
    subject_type: str,
    subject_id: str,
    details: dict[str, Any],
) -> None:
    """The one place where case changes enter the audit log (in the change's transaction).

    Details are ids, codes and flags only: never citizen text or personal data.
    """
    append_event(
        session,
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        details=details,
    )


class CaseService:
    def __init__(
        self,
        db: Database,
        outbox: OutboxService,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        officer_id: int | None = None,
        templates: TemplateBook | None = None,
        offensive: OffensiveWords | None = None,
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.clock = clock
        self.officer_id = officer_id
        self.book = templates if templates is not None else load_templates()
        self.offensive = offensive  # None: no word model, nothing marked

    # -- reading -------------------------------------------------------------------------------
    async def detail(self, thread_id: int) -> CaseDetail:
        """The case as this officer may see it (personal data masked where the policy says),
        offensive words marked in what is shown."""
        return await self._mark_offensive(await self._read_detail(thread_id))

    async def reveal(self, thread_id: int) -> CaseDetail:
        """A protected case unmasked, for an officer with need-to-know; recorded in the audit
        log in the same transaction that reads it (``disclosure.reveal_case_items``)."""
        now = self.clock()
        shown = await self.db.write(lambda s: self._detail(s, thread_id, now, reveal=True))
        return await self._mark_offensive(shown)

    async def _read_detail(self, thread_id: int) -> CaseDetail:
        """The case without offensive words (what a reply or moderation checks against)."""
        now = self.clock()
        return await self.db.read(lambda s: self._detail(s, thread_id, now, reveal=False))

    async def _mark_offensive(self, detail: CaseDetail) -> CaseDetail:
        """``detail`` with the offensive words of its citizens' text, found on exactly the text
        it holds: masked text is scanned as masked, so no offset points into the original.

        The words help the officer read; a failing model leaves them out (logged) rather than
        keeping the case from opening.
        """
        find = self.offensive
        items = [i for i in detail.items if i.direction is Direction.INBOUND and i.text.strip()]
        if find is None or not items:
            return detail
        try:
            found = await asyncio.to_thread(find, [i.text for i in items])
        except Exception:
            log.exception("offensive words not marked in case %s", detail.thread_id)
            return detail
        marks = tuple(
            OffensiveFinding(item.item_id, start, end, probability)
            for item, spans in zip(items, found, strict=True)
            for start, end, probability in spans
            if 0 <= start < end <= len(item.text)
        )
        return replace(detail, offensive=marks)

    def _detail(
        self, session: Session, thread_id: int, now: datetime, *, reveal: bool
    ) -> CaseDetail:
        case = store.case_record(session, thread_id)
        items = tuple(thread_items(session, thread_id))
        others = tuple(store.author_threads(session, thread_id))
        pii = tuple(
            PiiFinding(item.item_id, span.kind, span.start, span.end, span.value)
            for item in items
            if item.direction is Direction.INBOUND
            for span in find_pii(item.text)
        )
        protected = masked = can_reveal = False
        allowed: frozenset[Action] | None = None
        if self.officer_id is not None:
            actor = load_actor(session, self.officer_id)
            ref = require_case(session, actor, Action.VIEW_CASE, thread_id)
            protected = ref.protected
            allowed = frozenset(a for a in CASE_ACTIONS if actor.can(a))
            if reveal:
                shown = reveal_case_items(
                    session, actor_id=actor.officer_id, thread_id=thread_id, now=now
                )
                items = tuple(shown.items)
            elif not sees_unmasked_by_default(actor, ref):
                masked, can_reveal = True, protected and may_reveal(actor, ref)
                items, pii, others = _masked(items, pii, others, protected=protected)
                if protected and case.contact_name:
                    case = replace(case, contact_name=INFORMANT_LABEL)
        detail = CaseDetail(
            case=case,
            items=items,
            actions=tuple(store.thread_actions(session, thread_id)),
            pii=pii,
            author_threads=others,
            private_replied=frozenset(store.private_replied_items(session, thread_id)),
            loaded_at=now,
            reply_kinds=REPLY_KINDS[case.channel],
            moderation_kinds=MODERATION_KINDS[case.channel],
            protected=protected,
            masked=masked,
            can_reveal=can_reveal,
            allowed=allowed,
        )
        return replace(detail, windows=detail.windows_at(now))

    async def officers(self) -> list[OfficerRow]:
        return await self.db.read(store.officers)

    async def units(self) -> list[UnitRow]:
        return await self.db.read(store.units)

    async def author_threads(self, thread_id: int) -> list[AuthorThread]:
        return await self.db.read(lambda s: store.author_threads(s, thread_id))

    async def actions(self, thread_id: int) -> list[OutboxRow]:
        return await self.db.read(lambda s: store.thread_actions(s, thread_id))

    def subscribe(self, listener: Callable[[OutboxRow], None]) -> Callable[[], None]:
        """Be told of every change of an outgoing action; returns the unsubscribe function."""
        self.outbox.listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self.outbox.listeners:
                self.outbox.listeners.remove(listener)

        return unsubscribe

    # -- templates -------------------------------------------------------------------------------
    def templates(self, kind: OutboxKind, category: Category | None) -> list[ReplyTemplate]:
        return self.book.for_case(kind, category)

    def render(self, template: ReplyTemplate, detail: CaseDetail) -> str:
        case = detail.case
        return self.book.render(
            template, unit_code=case.unit_code, unit_name=case.unit_name or case.account_name
        )

    # -- changing the case -----------------------------------------------------------------------
    async def classify(
        self, thread_id: int, category: Category, urgent: bool, expected_version: int
    ) -> int:
        """The officer's category (and urgency): stored on the case and as a labelled example."""

        def work(session: Session) -> int:
            self._require(session, Action.CLASSIFY, thread_id)
            done = classify_case(
                session,
                thread_id=thread_id,
                category=category,
                urgent=urgent,
                officer_id=self.officer_id,
                expected_version=expected_version,
            )
            self._audit_case(
                session,
                AuditAction.CLASSIFICATION_CHANGED,
                thread_id,
                category=category.value,
                urgent=urgent,
            )
            return done.version

        return await self.db.write(work)

    async def set_urgent(self, thread_id: int, urgent: bool, expected_version: int) -> int:
        """Flag or unflag the case as urgent (its category is left as it is)."""

        def work(session: Session) -> int:
            self._require(session, Action.CLASSIFY, thread_id)
            case = store.case_record(session, thread_id)
            priority = 2 if urgent else (0 if case.priority == 2 else case.priority)
            version = store.update_case(
                session, thread_id, expected_version, urgent=urgent, priority=priority
            )
            self._audit_case(session, AuditAction.CLASSIFICATION_CHANGED, thread_id, urgent=urgent)
            return version

        return await self.db.write(work)

    async def assign(
        self,
        thread_id: int,
        officer_id: int | None,
        unit_id: int | None,
        expected_version: int,
    ) -> int:
        """Give the case to an officer (None: nobody) and/or a unit (None: keep its unit).

        A new or reopened case given to an officer is in progress; a case given to another unit
        without an officer is forwarded (unless already resolved).
        """

        def work(session: Session) -> int:
            if officer_id is not None and not store.officer_exists(session, officer_id):
                raise CaseRefused("no_officer", "Cán bộ này không còn hoạt động.")
            if unit_id is not None and not store.unit_exists(session, unit_id):
                raise CaseRefused("no_unit", "Không có đơn vị này.")
            case = store.case_record(session, thread_id)
            me = self.officer_id
            taking = unit_id is None and (
                (officer_id == me and case.assignee_id in (None, me))
                or (officer_id is None and case.assignee_id == me)
            )
            self._require(session, Action.TAKE_CASE if taking else Action.ASSIGN, thread_id)
            values: dict[str, Any] = {"assignee_id": officer_id}
            if unit_id is not None:
                values["unit_id"] = unit_id
            if officer_id is not None and case.status in OPEN_STATUSES:
                values["status"] = CaseStatus.IN_PROGRESS
            elif (
                officer_id is None
                and unit_id is not None
                and unit_id != case.unit_id
                and case.status is not CaseStatus.RESOLVED
            ):
                values["status"] = CaseStatus.FORWARDED
            version = store.update_case(session, thread_id, expected_version, **values)
            self._audit_case(
                session,
                AuditAction.ASSIGNED,
                thread_id,
                officer_id=officer_id,
                unit_id=values.get("unit_id", case.unit_id),
                previous_officer_id=case.assignee_id,
                previous_unit_id=case.unit_id,
            )
            return version

        return await self.db.write(work)

    async def set_status(self, thread_id: int, status: CaseStatus, expected_version: int) -> int:
        def work(session: Session) -> int:
            needed = Action.FORWARD if status is CaseStatus.FORWARDED else Action.RESOLVE
            self._require(session, needed, thread_id)
            version = store.update_case(session, thread_id, expected_version, status=status)
            self._audit_case(session, AuditAction.STATUS_CHANGED, thread_id, status=status.value)
            return version

        return await self.db.write(work)

    async def set_priority(self, thread_id: int, priority: int, expected_version: int) -> int:
        if priority not in PRIORITIES:
            raise CaseRefused("bad_priority", "Mức ưu tiên không hợp lệ.")

        def work(session: Session) -> int:
            self._require(session, Action.SET_PRIORITY, thread_id)
            version = store.update_case(session, thread_id, expected_version, priority=priority)
            self._audit_case(session, AuditAction.PRIORITY_CHANGED, thread_id, priority=priority)
            return version

        return await self.db.write(work)

    # -- outgoing actions ----------------------------------------------------------------------
    async def reply(
        self, thread_id: int, kind: OutboxKind, text: str, item_id: int | None = None
    ) -> OutboxRow:
        """Queue a public, private or message reply; refused first if its window has closed.

        A private reply answers ``item_id`` (the top-level comment when None).
        """
        if not text.strip():
            raise CaseRefused("empty", "Nội dung trả lời đang trống.")
        if len(text) > MAX_TEXT:
            raise CaseRefused("too_long", f"Nội dung dài quá {MAX_TEXT:,} ký tự.".replace(",", "."))
        detail = await self._read_detail(thread_id)
        if kind not in detail.reply_kinds:
            raise CaseRefused("not_allowed", "Kênh này không cho kiểu trả lời đó.")
        target_id = None
        if kind is OutboxKind.PRIVATE_REPLY:
            target = detail.comment(item_id)
            if target is None:
                raise CaseRefused("no_target", "Hãy chọn bình luận của người dân để trả lời riêng.")
            target_id = target.item_id
        window = detail.window(kind, self.clock(), item_id=target_id)
        if not window.open:
            raise _window_refusal(window.reason)
        return await self._queue(kind, thread_id, item_id=target_id, text=text)

    async def moderate(self, thread_id: int, item_id: int | None, kind: OutboxKind) -> OutboxRow:
        """Hide, unhide or delete a citizen's comment, or block its author (or the thread's
        citizen when ``item_id`` is None)."""
        detail = await self._read_detail(thread_id)
        if kind not in detail.moderation_kinds:
            raise CaseRefused("not_allowed", "Kênh này không cho thao tác đó.")
        if kind in ITEM_KINDS or item_id is not None:
            target = detail.comment(item_id)
            if target is None:
                raise CaseRefused("no_target", "Hãy chọn bình luận của người dân.")
            item_id = target.item_id
        return await self._queue(kind, thread_id, item_id=item_id)

    async def _queue(
        self, kind: OutboxKind, thread_id: int, *, item_id: int | None, text: str | None = None
    ) -> OutboxRow:
        def also(session: Session, row: OutboxRow) -> OutboxRow:
            needed = Action.REPLY if kind in TEXT_REPLY_KINDS else Action.MODERATE
            actor = self._require(session, needed, thread_id)  # refused: nothing is queued
            row = hold_if_required(session, actor, row)  # a sensitive reply waits for a leader
            held = row.state is OutboxState.PENDING_APPROVAL
            details: dict[str, Any] = {"kind": kind.value, "outbox_id": row.id, "item_id": item_id}
            if held:
                details["awaiting_approval"] = True
            self._audit_case(session, OUTBOX_AUDIT[kind], thread_id, **details)
            # The officer answered: the first-response clock stops (a held reply: on approval).
            if kind in TEXT_REPLY_KINDS and not held:
                record_response(session, thread_id=thread_id, at=row.created_at)
            return row

        try:
            return await self.outbox.queue(
                kind, thread_id, item_id=item_id, text=text, officer_id=self.officer_id, also=also
            )
        except CaseRefused:
            raise
        except WindowRefused as exc:  # the window closed between the check and the write
            raise _window_refusal(exc.reason) from exc
        except ActionRefused as exc:  # re-checked in the write: the state moved meanwhile
            raise CaseRefused("refused", f"Không thể xếp hàng thao tác: {exc}") from exc

    def _require(self, session: Session, action: Action, thread_id: int) -> Actor | None:
        """The signed-in officer, if he may do ``action`` on the case (``PermissionDenied`` if
        not). Without a signed-in officer (``officer_id`` None: tests and headless tools) there
        is no policy to apply: None.
        """
        if self.officer_id is None:
            return None
        actor = load_actor(session, self.officer_id)
        require_case(session, actor, action, thread_id)
        return actor

    def _audit_case(
        self, session: Session, action: AuditAction, thread_id: int, **details: Any
    ) -> None:
        _audit(
            session,
            actor_id=self.officer_id,
            action=action,
            subject_type="thread",
            subject_id=str(thread_id),
            details=details,
        )
