"""A small world for the people/accountability tests: units, officers of every role, cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest
from sqlalchemy import select

from desktop.domain.enums import CaseStatus, Category, Channel, OfficerRole
from desktop.services.passwords import FAST_TEST_PARAMS, hash_password
from desktop.store.database import Database
from desktop.store.models import Thread, Unit
from desktop.store.officers import create_officer
from tests.factories import PAGE, T0, setup_accounts

PASSWORD = "mat-khau-thu-nghiem"
_HASH = hash_password(PASSWORD, FAST_TEST_PARAMS)
_ext = count(1)

# username → (role, unit code)
OFFICERS: dict[str, tuple[OfficerRole, str]] = {
    "admin": (OfficerRole.UNIT_ADMIN, "TH"),
    "leader": (OfficerRole.SHIFT_LEADER, "TH"),
    "duty": (OfficerRole.DUTY_OFFICER, "TH"),
    "auditor": (OfficerRole.AUDITOR, "TH"),
    "ss_leader": (OfficerRole.SHIFT_LEADER, "TH-SAMSON"),
    "ss_duty": (OfficerRole.DUTY_OFFICER, "TH-SAMSON"),
    "ss_duty2": (OfficerRole.DUTY_OFFICER, "TH-SAMSON"),
    "ss_admin": (OfficerRole.UNIT_ADMIN, "TH-SAMSON"),
    "ts_duty": (OfficerRole.DUTY_OFFICER, "TH-SAMSON-TRUNGSON"),
    "bs_duty": (OfficerRole.DUTY_OFFICER, "TH-BIMSON"),
}


@dataclass
class World:
    db: Database
    accounts: dict[str, int]
    units: dict[str, int]  # code → id
    officers: dict[str, int]  # username → id

    def case(
        self,
        unit: str = "TH",
        *,
        category: Category | None = None,
        urgent: bool = False,
        at: datetime = T0,
        status: CaseStatus = CaseStatus.NEW,
        assignee: str | None = None,
        contact_id: int | None = None,
    ) -> int:
        n = next(_ext)

        def work(session: Any) -> int:
            thread = Thread(
                account_id=self.accounts[PAGE],
                channel=Channel.FB_COMMENT,
                external_id=f"case_{n}",
                unit_id=self.units[unit] if unit else None,
                status=status,
                category=category,
                urgent=urgent,
                priority=2 if urgent else 0,
                assignee_id=self.officers[assignee] if assignee else None,
                contact_id=contact_id,
                created_at=at,
                last_activity_at=at,
                last_preview="",
                version=1,
            )
            session.add(thread)
            session.flush()
            return thread.id

        return self.db.write_blocking(work)

    def thread(self, thread_id: int) -> Thread:
        return self.db.read_blocking(lambda s: s.get(Thread, thread_id))


def build_world(db: Database) -> World:
    accounts = setup_accounts(db)

    def work(session: Any) -> tuple[dict[str, int], dict[str, int]]:
        units = {code: uid for code, uid in session.execute(select(Unit.code, Unit.id))}
        officers = {}
        for name, (role, unit) in OFFICERS.items():
            officers[name] = create_officer(
                session,
                username=name,
                display_name=name.replace("_", " ").title(),
                role=role,
                unit_id=units[unit],
                password_hash=_HASH,
                capacity=3,
            ).id
        return units, officers

    units, officers = db.write_blocking(work)
    return World(db, accounts, units, officers)


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)
