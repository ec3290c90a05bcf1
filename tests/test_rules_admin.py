"""Auto-moderation rule changes: a unit admin's, refused in the service for anyone else, and
each change audited in its own transaction."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from desktop.domain.enums import ModerationCondition, OfficerRole
from desktop.services.access import PermissionDenied
from desktop.services.moderation.rules_admin import RulesAdmin
from desktop.store.audit import verify_chain
from desktop.store.database import Database
from desktop.store.models import AuditEvent, ModerationRule, Officer, Unit
from desktop.store.moderation import RuleDraft
from tests.factories import setup_accounts

pytestmark = pytest.mark.asyncio

PHONES = RuleDraft("Ẩn bình luận có số điện thoại", ModerationCondition.PHONE)


def _officer(db: Database, role: OfficerRole) -> int:
    def add(session: Any) -> int:
        unit = session.scalar(select(Unit.id).where(Unit.code == "TH"))
        officer = Officer(username=role.value, display_name="Cán bộ", role=role, unit_id=unit)
        session.add(officer)
        session.flush()
        return int(officer.id)

    return db.write_blocking(add)


async def test_a_unit_admin_changes_rules_and_every_change_is_audited(db: Database) -> None:
    setup_accounts(db)
    admin = _officer(db, OfficerRole.UNIT_ADMIN)
    rules = RulesAdmin(db, officer_id=admin)
    rule = await rules.create(PHONES)
    await rules.set_enabled(rule.id, False)
    events = db.read_blocking(
        lambda s: [(e.actor_id, e.action, e.details_json) for e in s.scalars(select(AuditEvent))]
    )
    assert [(a, act) for a, act, _ in events] == [(admin, "rule_changed")] * 2
    assert [d["change"] for _, _, d in events if d] == ["created", "disabled"]
    assert events[0][2] is not None and events[0][2]["condition"] == "phone"
    assert db.read_blocking(verify_chain).ok


@pytest.mark.parametrize("role", [OfficerRole.DUTY_OFFICER, OfficerRole.SHIFT_LEADER])
async def test_other_roles_are_refused_by_the_service(db: Database, role: OfficerRole) -> None:
    setup_accounts(db)
    rules = RulesAdmin(db, officer_id=_officer(db, role))
    with pytest.raises(PermissionDenied):
        await rules.create(PHONES)
    assert db.read_blocking(lambda s: s.scalars(select(ModerationRule)).all()) == []
    assert db.read_blocking(lambda s: s.scalars(select(AuditEvent)).all()) == []
