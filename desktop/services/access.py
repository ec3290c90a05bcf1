"""Who may do what, where: the role × action policy and the unit scope, enforced in services.

Every service that acts for an officer starts its transaction with :func:`load_actor` (the
officer's current role, active flag and scope are read from the database, so a deactivated or
demoted officer loses rights at once) and then :func:`require` / :func:`require_case`. A denied
action raises :class:`PermissionDenied` before anything is written; the UI may hide what is
denied, but hiding is never the protection.

Scope: an officer's units are his own unit plus any extra units assigned to him
(``officer_units``); his scope is every unit in those subtrees (province → district → commune).
A case (thread) is in scope when its unit is, or when it was forwarded to a unit in scope. A case
without a unit is in scope only for officers whose scope holds a root unit (the province).

Informants (``VIEW_PROTECTED``): a crime tip or an informant's case is shown masked to everyone
by default. Revealing it needs ``VIEW_PROTECTED`` *and* need-to-know: shift leaders of the unit,
the officer the case is assigned to, or an officer granted ``need_to_know`` by a unit admin.
Every reveal is an audit event (``protected_viewed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, Category, OfficerRole
from desktop.store.models import Contact, Forward, Officer, Thread
from desktop.store.officers import root_unit_ids, scope_of


class Action(StrEnum):
    # Cases
    VIEW_CASE = "view_case"
    VIEW_PROTECTED = "view_protected"  # an informant's / crime tip's unmasked data
    CLASSIFY = "classify"
    REPLY = "reply"
    MODERATE = "moderate"  # hide, unhide, delete, block
    WRITE_NOTE = "write_note"
    RESOLVE = "resolve"  # resolve and reopen
    TAKE_CASE = "take_case"  # assign an unassigned case to oneself, release one's own
    ASSIGN = "assign"  # assign / reassign to anyone
    SET_PRIORITY = "set_priority"
    APPROVE_REPLY = "approve_reply"
    FORWARD = "forward"
    RECORD_FORWARD_RESULT = "record_forward_result"
    ESCALATE = "escalate"
    # Shifts
    END_OWN_SHIFT = "end_own_shift"
    VIEW_WORKLOAD = "view_workload"
    MANAGE_ROSTER = "manage_roster"
    SIGN_HANDOVER = "sign_handover"  # write and acknowledge handovers
    # Administration
    MANAGE_OFFICERS = "manage_officers"
    MANAGE_UNITS = "manage_units"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_TEMPLATES = "manage_templates"
    MANAGE_MODERATION_RULES = "manage_moderation_rules"
    MANAGE_ASSIGNMENT_RULES = "manage_assignment_rules"
    MANAGE_SLA = "manage_sla"
    # Accountability
    VIEW_AUDIT_LOG = "view_audit_log"
    VERIFY_AUDIT = "verify_audit"
    EXPORT = "export"  # masked
    EXPORT_UNMASKED = "export_unmasked"


_DUTY = frozenset(
    {
        Action.VIEW_CASE,
        Action.VIEW_PROTECTED,  # only with need-to-know: assigned to him, or granted
        Action.CLASSIFY,
        Action.REPLY,
        Action.MODERATE,
        Action.WRITE_NOTE,
        Action.RESOLVE,
        Action.TAKE_CASE,
        Action.FORWARD,
        Action.RECORD_FORWARD_RESULT,
        Action.END_OWN_SHIFT,
    }
)
_LEADER = _DUTY | {
    Action.ASSIGN,
    Action.SET_PRIORITY,
    Action.APPROVE_REPLY,
    Action.ESCALATE,
    Action.VIEW_WORKLOAD,
    Action.MANAGE_ROSTER,
    Action.SIGN_HANDOVER,
    Action.EXPORT,
    Action.EXPORT_UNMASKED,
}
_ADMIN = frozenset(
    {
        Action.VIEW_CASE,
        Action.MANAGE_OFFICERS,
        Action.MANAGE_UNITS,
        Action.MANAGE_ACCOUNTS,
        Action.MANAGE_TEMPLATES,
        Action.MANAGE_MODERATION_RULES,
        Action.MANAGE_ASSIGNMENT_RULES,
        Action.MANAGE_SLA,
        Action.MANAGE_ROSTER,
        Action.VIEW_AUDIT_LOG,
        Action.VERIFY_AUDIT,
        Action.EXPORT,
    }
)
_AUDITOR = frozenset(
    {
        Action.VIEW_CASE,
        Action.VIEW_WORKLOAD,
        Action.VIEW_AUDIT_LOG,
        Action.VERIFY_AUDIT,
        Action.EXPORT,
    }
)

POLICY: dict[OfficerRole, frozenset[Action]] = {
    OfficerRole.DUTY_OFFICER: _DUTY,
    OfficerRole.SHIFT_LEADER: frozenset(_LEADER),
    OfficerRole.UNIT_ADMIN: _ADMIN,
    OfficerRole.AUDITOR: _AUDITOR,
}

# Roles that handle cases (may be assigned one, be on a roster as case handlers).
CASE_HANDLERS = frozenset({OfficerRole.DUTY_OFFICER, OfficerRole.SHIFT_LEADER})
PROTECTED_CATEGORIES = frozenset({Category.CRIME_TIP})
OPEN_STATUSES = frozenset(
    {CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.FORWARDED, CaseStatus.REOPENED}
)


class PermissionDenied(PermissionError):
    """The signed-in officer may not do this (the message is safe to show)."""

    def __init__(self, message: str, *, action: str | None = None) -> None:
        super().__init__(message)
        self.action = action


class CaseNotFound(LookupError):
    pass


def allowed(role: OfficerRole, action: Action) -> bool:
    return action in POLICY[role]


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in officer as the services see him, read fresh in each transaction."""

    officer_id: int
    username: str
    display_name: str
    role: OfficerRole
    unit_id: int | None
    scope: frozenset[int]  # every unit id he may see
    sees_unitless: bool  # his scope holds a root unit
    need_to_know: bool

    def can(self, action: Action) -> bool:
        return allowed(self.role, action)

    def in_scope(self, unit_id: int | None) -> bool:
        return self.sees_unitless if unit_id is None else unit_id in self.scope


def load_actor(session: Session, officer_id: int) -> Actor:
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active:
        raise PermissionDenied("Tài khoản cán bộ không tồn tại hoặc đã bị vô hiệu hóa.")
    scope = scope_of(session, officer_id)
    return Actor(
        officer_id=officer.id,
        username=officer.username,
        display_name=officer.display_name,
        role=officer.role,
        unit_id=officer.unit_id,
        scope=scope,
        sees_unitless=bool(scope & root_unit_ids(session)),
        need_to_know=officer.need_to_know,
    )


def require(actor: Actor, action: Action) -> None:
    if not actor.can(action):
        raise PermissionDenied(
            f"Vai trò {actor.role.value} không được phép: {action.value}.", action=action.value
        )


def require_unit(actor: Actor, action: Action, unit_id: int | None) -> None:
    require(actor, action)
    if not actor.in_scope(unit_id):
        raise PermissionDenied("Đơn vị này nằm ngoài phạm vi được giao.", action=action.value)


@dataclass(frozen=True, slots=True)
class CaseRef:
    """What the policy needs to know about a case."""

    id: int
    unit_id: int | None
    status: CaseStatus
    category: Category | None
    assignee_id: int | None
    contact_id: int | None
    urgent: bool
    version: int
    informant: bool
    forwarded_to: frozenset[int]  # units the case was forwarded to (any state)

    @property
    def protected(self) -> bool:
        return self.informant or self.category in PROTECTED_CATEGORIES


def case_ref(session: Session, thread_id: int) -> CaseRef:
    row = session.execute(
        select(
            Thread.id,
            Thread.unit_id,
            Thread.status,
            Thread.category,
            Thread.assignee_id,
            Thread.contact_id,
            Thread.urgent,
            Thread.version,
            Contact.is_informant,
        )
        .outerjoin(Contact, Contact.id == Thread.contact_id)
        .where(Thread.id == thread_id)
    ).first()
    if row is None:
        raise CaseNotFound(f"case {thread_id} does not exist")
    forwarded = frozenset(
        session.execute(select(Forward.to_unit_id).where(Forward.thread_id == thread_id)).scalars()
    )
    return CaseRef(
        id=row[0],
        unit_id=row[1],
        status=row[2],
        category=row[3],
        assignee_id=row[4],
        contact_id=row[5],
        urgent=bool(row[6]),
        version=row[7],
        informant=bool(row[8]),
        forwarded_to=forwarded,
    )


def case_in_scope(actor: Actor, case: CaseRef) -> bool:
    return actor.in_scope(case.unit_id) or bool(case.forwarded_to & actor.scope)


def require_case(session: Session, actor: Actor, action: Action, thread_id: int) -> CaseRef:
    """The case, if ``actor`` may do ``action`` on it; else :class:`PermissionDenied`."""
    require(actor, action)
    case = case_ref(session, thread_id)
    if not case_in_scope(actor, case):
        raise PermissionDenied(
            "Vụ việc này thuộc đơn vị ngoài phạm vi được giao.", action=action.value
        )
    if action is Action.VIEW_PROTECTED and not may_reveal(actor, case):
        raise PermissionDenied(
            "Chỉ người có nhu cầu cần biết (lãnh đạo ca, cán bộ được phân công) mới được xem "
            "thông tin người báo tin.",
            action=action.value,
        )
    return case


def may_reveal(actor: Actor, case: CaseRef) -> bool:
    """Need-to-know for an informant's unmasked data (the role check is separate)."""
    if not actor.can(Action.VIEW_PROTECTED) or not case_in_scope(actor, case):
        return False
    if actor.role is OfficerRole.SHIFT_LEADER or actor.need_to_know:
        return True
    return case.assignee_id == actor.officer_id


def sees_unmasked_by_default(actor: Actor, case: CaseRef) -> bool:
    """Personal data shown without an explicit (audited) reveal.

    Case handlers see the personal data of ordinary cases of their units (they act on it);
    protected cases are masked until revealed; auditors and admins always see masked text.
    """
    return actor.role in CASE_HANDLERS and not case.protected and case_in_scope(actor, case)
