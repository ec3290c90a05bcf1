"""What an officer is shown of a case's items: personal data masked unless he needs it.

- Ordinary cases: case handlers (duty officers, shift leaders) of the unit see the text as is;
  auditors and unit admins see personal data masked (``desktop.text.pii.mask_pii``).
- Protected cases (a crime tip, or an informant's case): everyone sees them masked — personal
  data in every item and the citizen's name replaced by "Người báo tin" — until an officer with
  need-to-know (``access.may_reveal``: the shift leader, the assigned officer, or an officer
  granted need-to-know) reveals them. Each reveal writes a ``protected_viewed`` audit event in
  the same transaction that reads the items, so nobody sees an informant's data unrecorded.

:func:`mask_view` is also what other services (the case pane's detail) apply to their own item
lists: ``mask_view(items, protected=case.protected)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from desktop.domain.enums import Direction
from desktop.services.access import (
    Action,
    load_actor,
    may_reveal,
    require_case,
    sees_unmasked_by_default,
)
from desktop.store.audit import AuditAction, append_event
from desktop.store.database import Database
from desktop.store.models import utcnow
from desktop.store.threads import ItemView, thread_items
from desktop.text.pii import mask_pii

Clock = Callable[[], datetime]
INFORMANT_LABEL = "Người báo tin"


def mask_view(items: Iterable[ItemView], *, protected: bool) -> list[ItemView]:
    """Items with personal data masked; citizens' names hidden too when ``protected``."""
    out = []
    for item in items:
        author = item.author
        if protected and item.direction is Direction.INBOUND:
            author = INFORMANT_LABEL
        out.append(replace(item, author=author, text=mask_pii(item.text)))
    return out


@dataclass(frozen=True, slots=True)
class CaseItems:
    thread_id: int
    protected: bool  # a crime tip or an informant's case
    masked: bool  # what is shown is masked
    can_reveal: bool  # the officer may ask for the unmasked view (it will be recorded)
    items: list[ItemView]


def case_items(session: Session, *, actor_id: int, thread_id: int) -> CaseItems:
    """The case's items as this officer may see them by default (a read: nothing recorded)."""
    actor = load_actor(session, actor_id)
    case = require_case(session, actor, Action.VIEW_CASE, thread_id)
    items = thread_items(session, thread_id)
    plain = sees_unmasked_by_default(actor, case)
    return CaseItems(
        thread_id,
        case.protected,
        not plain,
        not plain and case.protected and may_reveal(actor, case),
        items if plain else mask_view(items, protected=case.protected),
    )


def reveal_case_items(
    session: Session, *, actor_id: int, thread_id: int, now: datetime, reason: str | None = None
) -> CaseItems:
    """The unmasked items of a protected case, for an officer with need-to-know; recorded.

    ``reason`` is a short code (e.g. ``verify``, ``forward``), never free text.
    """
    actor = load_actor(session, actor_id)
    case = require_case(session, actor, Action.VIEW_PROTECTED, thread_id)
    if reason is not None and (len(reason) > 32 or not reason.isidentifier()):
        raise ValueError("a reason is a short code such as 'verify'")
    items = thread_items(session, thread_id)
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.PROTECTED_VIEWED,
        subject_type="thread",
        subject_id=str(thread_id),
        details={
            "category": case.category.value if case.category else None,
            "informant": case.informant,
            "items": len(items),
            "reason": reason,
        },
        at=now,
    )
    return CaseItems(thread_id, case.protected, False, True, items)


class DisclosureService:
    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    async def items(self, actor_id: int, thread_id: int) -> CaseItems:
        return await self._db.read(lambda s: case_items(s, actor_id=actor_id, thread_id=thread_id))

    async def reveal(self, actor_id: int, thread_id: int, reason: str | None = None) -> CaseItems:
        now = self._clock()
        return await self._db.write(
            lambda s: reveal_case_items(
                s, actor_id=actor_id, thread_id=thread_id, now=now, reason=reason
            )
        )
