"""Auto-moderation in the store: rules, the items they may act on, and hits.

Rules are per account or global (``account_id`` None). A rule that has fired is never edited in
place: ``update_rule`` disables it and creates its successor, so every hit keeps pointing at the
definition that fired. Deleting a rule disables it (its hits stay).

A hit is written *before* its action is queued (``claim``): it fixes the item's ``content_hash``
at that moment and, being checked and written in one write transaction, makes a second firing on
the same item impossible. ``link_hit`` then records the outbox action. The evidence itself is
never lost: an item's previous state goes to ``item_revisions`` whenever the platform changes it,
so the text and raw JSON a hit saw are found by its hash (``evidence``).

Only inbound comments and replies still on the platform (not deleted, with an external id) are
moderated: never the page's own items, private messages or internal notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, and_, delete, exists, literal, select
from sqlalchemy.orm import Session

from desktop.domain.enums import (
    Category,
    Direction,
    ItemKind,
    ModerationCondition,
    OutboxKind,
    OutboxState,
    Platform,
)
from desktop.store.models import (
    Item,
    ItemRevision,
    ModerationHit,
    ModerationRule,
    OutboxAction,
    Thread,
)

ACTIONS = frozenset({OutboxKind.HIDE, OutboxKind.DELETE})
MODERATED_KINDS = (ItemKind.COMMENT, ItemKind.REPLY)
_OPEN_STATES = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.UNKNOWN)
_IN_CHUNK = 500


class RuleError(ValueError):
    """A rule that cannot be saved; the message tells the officer why."""


@dataclass(frozen=True, slots=True)
class RuleDraft:
    """A rule as the officer writes it (saved or not: a dry run takes a draft)."""

    name: str
    condition: ModerationCondition
    account_id: int | None = None  # None: every account
    category: Category | None = None  # the category condition's category
    min_confidence: float | None = None  # the category condition's threshold
    action: OutboxKind = OutboxKind.HIDE


@dataclass(frozen=True, slots=True)
class RuleRow:
    id: int
    name: str
    account_id: int | None
    condition: ModerationCondition
    category: Category | None
    min_confidence: float | None
    action: OutboxKind
    enabled: bool
    created_by_id: int | None
    created_at: datetime
    updated_at: datetime

    def draft(self) -> RuleDraft:
        return RuleDraft(
            self.name,
            self.condition,
            self.account_id,
            self.category,
            self.min_confidence,
            self.action,
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A moderatable item as rules see it."""

    item_id: int
    thread_id: int
    account_id: int
    text: str
    category: Category | None
    confidence: float | None
    is_hidden: bool
    content_hash: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class HitRow:
    id: int
    rule_id: int
    item_id: int
    content_hash: str
    outbox_action_id: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the item was when the rule fired: from the item itself or from a revision."""

    item_id: int
    content_hash: str
    text: str
    raw_json: str | None
    captured_at: datetime
    source: str  # "item" | "revision"


# -- rules ---------------------------------------------------------------------------------
def validate_draft(draft: RuleDraft) -> None:
    if not draft.name.strip():
        raise RuleError("the rule needs a name")
    if draft.condition not in set(ModerationCondition):
        raise RuleError(f"unknown condition {draft.condition!r}")
    if draft.condition is ModerationCondition.CATEGORY and draft.category is None:
        raise RuleError("a category rule needs a category")
    if draft.min_confidence is not None and not 0.0 <= draft.min_confidence <= 1.0:
        raise RuleError("the minimum confidence is between 0 and 1")
    if draft.action not in ACTIONS:
        raise RuleError("a rule can hide or delete a comment, nothing else")


def _rule_row(rule: ModerationRule) -> RuleRow:
    return RuleRow(
        rule.id,
        rule.name,
        rule.account_id,
        ModerationCondition(rule.condition),
        rule.category,
        rule.min_confidence,
        rule.action,
        rule.enabled,
        rule.created_by_id,
        rule.created_at,
        rule.updated_at,
    )


def _fields(draft: RuleDraft) -> dict[str, object]:
    return {
        "name": draft.name.strip(),
        "account_id": draft.account_id,
        "condition": draft.condition.value,
        "category": draft.category,
        "min_confidence": draft.min_confidence,
        "action": draft.action,
    }


def create_rule(
    session: Session,
    draft: RuleDraft,
    *,
    created_by_id: int | None = None,
    now: datetime | None = None,
) -> RuleRow:
    validate_draft(draft)
    now = now or datetime.now(UTC)
    rule = ModerationRule(
        **_fields(draft), enabled=True, created_by_id=created_by_id, created_at=now, updated_at=now
    )
    session.add(rule)
    session.flush()
    return _rule_row(rule)


def _rule(session: Session, rule_id: int) -> ModerationRule:
    rule = session.get(ModerationRule, rule_id)
    if rule is None:
        raise LookupError(f"no moderation rule {rule_id}")
    return rule


def get_rule(session: Session, rule_id: int) -> RuleRow:
    return _rule_row(_rule(session, rule_id))


def list_rules(session: Session, *, include_disabled: bool = True) -> list[RuleRow]:
    stmt = select(ModerationRule).order_by(ModerationRule.id)
    if not include_disabled:
        stmt = stmt.where(ModerationRule.enabled.is_(True))
    return [_rule_row(r) for r in session.execute(stmt).scalars()]


def update_rule(
    session: Session,
    rule_id: int,
    draft: RuleDraft,
    *,
    officer_id: int | None = None,
    now: datetime | None = None,
) -> RuleRow:
    """Change a rule. One that has fired is disabled and replaced (the new row is returned),
    so that its hits keep the definition they were made under."""
    validate_draft(draft)
    now = now or datetime.now(UTC)
    rule = _rule(session, rule_id)
    fired = session.execute(
        select(ModerationHit.id).where(ModerationHit.rule_id == rule_id).limit(1)
    ).first()
    if fired is None:
        for name, value in _fields(draft).items():
            setattr(rule, name, value)
        rule.updated_at = now
        session.flush()
        return _rule_row(rule)
    enabled = rule.enabled
    rule.enabled = False
    rule.updated_at = now
    successor = create_rule(session, draft, created_by_id=officer_id, now=now)
    return successor if enabled else set_enabled(session, successor.id, False, now=now)


def set_enabled(
    session: Session, rule_id: int, enabled: bool, *, now: datetime | None = None
) -> RuleRow:
    rule = _rule(session, rule_id)
    if rule.enabled != enabled:
        rule.enabled = enabled
        rule.updated_at = now or datetime.now(UTC)
        session.flush()
    return _rule_row(rule)


def delete_rule(session: Session, rule_id: int, *, now: datetime | None = None) -> RuleRow:
    """Rules are never removed (their hits refer to them): deleting disables."""
    return set_enabled(session, rule_id, False, now=now)


def rules_for(session: Session, account_id: int) -> list[RuleRow]:
    """The enabled rules for one account, in firing order: its own, then global, each by id."""
    return rules_for_accounts(session, [account_id])[account_id]


def rules_for_accounts(session: Session, account_ids: Iterable[int]) -> dict[int, list[RuleRow]]:
    wanted = sorted(set(account_ids))
    rows = [
        _rule_row(r)
        for r in session.execute(
            select(ModerationRule)
            .where(
                ModerationRule.enabled.is_(True),
                (ModerationRule.account_id.is_(None) | ModerationRule.account_id.in_(wanted)),
            )
            .order_by(ModerationRule.id)
        ).scalars()
    ]
    glob = [r for r in rows if r.account_id is None]
    return {a: [r for r in rows if r.account_id == a] + glob for a in wanted}


# -- items ---------------------------------------------------------------------------------
def _moderatable() -> ColumnElement[bool]:
    """Unindexed columns of the item only, so that scans stay on the items' primary key
    (comments and replies exist on Facebook Pages alone; inbound ones always have an id)."""
    return and_(
        Item.direction == Direction.INBOUND,
        Item.kind.in_(MODERATED_KINDS),
        Item.is_deleted.is_(False),
    )


def _has_hit() -> ColumnElement[bool]:
    return exists().where(ModerationHit.item_id == Item.id)


# The item's account, looked up per row: a join would let the planner walk threads first and
# sort every item of the store for each page.
_ACCOUNT = select(Thread.account_id).where(Thread.id == Item.thread_id).scalar_subquery()
_CANDIDATE_COLUMNS = (
    Item.id,
    Item.thread_id,
    _ACCOUNT,
    Item.text,
    Item.category,
    Item.confidence,
    Item.is_hidden,
    Item.content_hash,
    Item.created_at,
)


def candidates(
    session: Session,
    *,
    before_id: int | None = None,
    limit: int = 1000,
    account_id: int | None = None,
) -> list[Candidate]:
    """One page of moderatable items (hidden ones included), newest first: keyset on the item
    id, so paging the whole cache costs one index walk and constant memory."""
    stmt = select(*_CANDIDATE_COLUMNS).where(_moderatable()).order_by(Item.id.desc()).limit(limit)
    if before_id is not None:
        stmt = stmt.where(Item.id < before_id)
    if account_id is not None:
        stmt = stmt.where(literal(account_id) == _ACCOUNT)
    return [Candidate(*row) for row in session.execute(stmt)]


def unmoderated(session: Session, item_ids: Sequence[int]) -> list[Candidate]:
    """The items among ``item_ids`` a rule may still act on: moderatable, not hidden, no hit."""
    found: list[Candidate] = []
    ids = sorted(set(item_ids))
    for start in range(0, len(ids), _IN_CHUNK):
        stmt = (
            select(*_CANDIDATE_COLUMNS)
            .where(
                Item.id.in_(ids[start : start + _IN_CHUNK]),
                _moderatable(),
                Item.is_hidden.is_(False),
                ~_has_hit(),
            )
            .order_by(Item.id)
        )
        found += [Candidate(*row) for row in session.execute(stmt)]
    return found


def moderated(session: Session, item_ids: Sequence[int]) -> set[int]:
    """The items among ``item_ids`` that some rule has already fired on."""
    ids = sorted(set(item_ids))
    found: set[int] = set()
    for start in range(0, len(ids), _IN_CHUNK):
        found.update(
            session.execute(
                select(ModerationHit.item_id).where(
                    ModerationHit.item_id.in_(ids[start : start + _IN_CHUNK])
                )
            ).scalars()
        )
    return found


# -- hits ----------------------------------------------------------------------------------
def _hit_row(hit: ModerationHit) -> HitRow:
    return HitRow(
        hit.id, hit.rule_id, hit.item_id, hit.content_hash, hit.outbox_action_id, hit.created_at
    )


def _open_action(session: Session, item_id: int) -> bool:
    """A hide or delete of the item is queued, being sent or unknown."""
    return (
        session.execute(
            select(OutboxAction.id)
            .where(
                OutboxAction.item_id == item_id,
                OutboxAction.kind.in_(ACTIONS),
                OutboxAction.state.in_(_OPEN_STATES),
            )
            .limit(1)
        ).first()
        is not None
    )


def _current_hash(session: Session, item_id: int) -> str | None:
    """The content hash of the item if it is moderatable and not hidden, else None."""
    return session.execute(
        select(Item.content_hash).where(
            Item.id == item_id,
            _moderatable(),
            Item.is_hidden.is_(False),
            Item.platform == Platform.FACEBOOK,
            Item.external_id.is_not(None),
        )
    ).scalar_one_or_none()


def actionable(session: Session, item_id: int) -> bool:
    """The item can still be hidden or deleted: moderatable, not hidden, nothing on its way."""
    return _current_hash(session, item_id) is not None and not _open_action(session, item_id)


def claim(
    session: Session, rule_id: int, item_id: int, *, now: datetime | None = None
) -> HitRow | None:
    """Record that ``rule_id`` fires on ``item_id`` with the item's current content hash, or
    None if the rule was disabled meanwhile or the item may no longer be acted on: hidden,
    deleted, already hit by a rule, or a hide/delete of it already on its way (an officer's)."""
    if not _rule(session, rule_id).enabled:
        return None
    content_hash = _current_hash(session, item_id)
    if content_hash is None or _open_action(session, item_id):
        return None
    hit = select(ModerationHit.id).where(ModerationHit.item_id == item_id).limit(1)
    if session.execute(hit).first() is not None:
        return None
    return record_hit(session, rule_id, item_id, content_hash, now=now)


def record_hit(
    session: Session,
    rule_id: int,
    item_id: int,
    content_hash: str,
    *,
    outbox_action_id: int | None = None,
    now: datetime | None = None,
) -> HitRow:
    hit = ModerationHit(
        rule_id=rule_id,
        item_id=item_id,
        content_hash=content_hash,
        outbox_action_id=outbox_action_id,
        created_at=now or datetime.now(UTC),
    )
    session.add(hit)
    session.flush()
    return _hit_row(hit)


def link_hit(session: Session, hit_id: int, outbox_action_id: int) -> HitRow:
    hit = session.get(ModerationHit, hit_id)
    if hit is None:
        raise LookupError(f"no moderation hit {hit_id}")
    hit.outbox_action_id = outbox_action_id
    session.flush()
    return _hit_row(hit)


def discard_claim(session: Session, hit_id: int) -> None:
    """Forget a hit whose action was refused before anything was written (nothing happened)."""
    session.execute(
        delete(ModerationHit).where(
            ModerationHit.id == hit_id, ModerationHit.outbox_action_id.is_(None)
        )
    )


def unlinked_hits(session: Session) -> list[tuple[HitRow, OutboxKind, int]]:
    """Hits without an action (the app stopped between claim and link), with the rule's action
    and the item's thread."""
    rows = session.execute(
        select(ModerationHit, ModerationRule.action, Item.thread_id)
        .join(ModerationRule, ModerationRule.id == ModerationHit.rule_id)
        .join(Item, Item.id == ModerationHit.item_id)
        .where(ModerationHit.outbox_action_id.is_(None))
        .order_by(ModerationHit.id)
    ).all()
    return [(_hit_row(hit), action, thread_id) for hit, action, thread_id in rows]


def unlinked_action(session: Session, item_id: int, kind: OutboxKind) -> int | None:
    """An automatic (no officer) action of ``kind`` on the item that no hit claims yet."""
    linked = select(ModerationHit.outbox_action_id).where(
        ModerationHit.outbox_action_id.is_not(None)
    )
    return session.execute(
        select(OutboxAction.id)
        .where(
            OutboxAction.item_id == item_id,
            OutboxAction.kind == kind,
            OutboxAction.created_by_id.is_(None),
            OutboxAction.id.not_in(linked),
        )
        .order_by(OutboxAction.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def hits_for_item(session: Session, item_id: int) -> list[HitRow]:
    stmt = select(ModerationHit).where(ModerationHit.item_id == item_id).order_by(ModerationHit.id)
    return [_hit_row(h) for h in session.execute(stmt).scalars()]


def hits_for_rule(
    session: Session, rule_id: int, *, before_id: int | None = None, limit: int = 100
) -> list[HitRow]:
    """A rule's hits, newest first, in keyset pages."""
    stmt = (
        select(ModerationHit)
        .where(ModerationHit.rule_id == rule_id)
        .order_by(ModerationHit.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        stmt = stmt.where(ModerationHit.id < before_id)
    return [_hit_row(h) for h in session.execute(stmt).scalars()]


def evidence(session: Session, hit_id: int) -> Evidence | None:
    """The item as the rule saw it: the item itself if unchanged since, else the revision
    with the hit's hash. None only if that state was never stored (should not happen)."""
    hit = session.get(ModerationHit, hit_id)
    if hit is None:
        raise LookupError(f"no moderation hit {hit_id}")
    item = session.get(Item, hit.item_id)
    if item is not None and item.content_hash == hit.content_hash:
        return Evidence(
            item.id, hit.content_hash, item.text, item.raw_json, item.captured_at, "item"
        )
    revision = session.execute(
        select(ItemRevision)
        .where(ItemRevision.item_id == hit.item_id, ItemRevision.content_hash == hit.content_hash)
        .order_by(ItemRevision.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if revision is None:
        return None
    return Evidence(
        hit.item_id,
        hit.content_hash,
        revision.text,
        revision.raw_json,
        revision.captured_at,
        "revision",
    )
