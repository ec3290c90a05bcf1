"""A handful of officers for the demo: a shift leader and duty officers in Thanh Hóa units.

``ensure_demo_officers`` creates those missing (by username, so a seeded store keeps its own
officers too) and returns the id of the officer the demo workstation acts as.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import OfficerRole
from desktop.domain.units import thanh_hoa_units
from desktop.store.database import Database
from desktop.store.directory import ensure_units
from desktop.store.models import Officer

DEMO_USERNAME = "demo.chihuy"
DEMO_DUTY_USERNAME = "demo.trucban"  # answers a complaint at start: the leader approves it

# (username, display name, role, unit code); the first is the demo workstation's own officer:
# the province's shift leader, so that the demo shows everything (assigning, priorities).
DEMO_OFFICERS: tuple[tuple[str, str, OfficerRole, str], ...] = (
    (DEMO_USERNAME, "Lê Văn Hùng", OfficerRole.SHIFT_LEADER, "TH"),
    (DEMO_DUTY_USERNAME, "Nguyễn Thị Thu Hà", OfficerRole.DUTY_OFFICER, "TH"),
    ("demo.tuan", "Trần Quốc Tuấn", OfficerRole.DUTY_OFFICER, "TH"),
    ("demo.trang", "Phạm Thu Trang", OfficerRole.DUTY_OFFICER, "TH-TPTH"),
    ("demo.duc", "Hoàng Minh Đức", OfficerRole.DUTY_OFFICER, "TH-SAMSON"),
    ("demo.lan", "Đỗ Thị Lan", OfficerRole.DUTY_OFFICER, "TH-HOANGHOA"),
)


def ensure_demo_officers(session: Session) -> int:
    """Create the demo roster's missing officers; the id of the demo's own officer."""
    existing = set(
        session.execute(
            select(Officer.username).where(Officer.username.in_([o[0] for o in DEMO_OFFICERS]))
        ).scalars()
    )
    missing = [o for o in DEMO_OFFICERS if o[0] not in existing]
    if missing:
        codes = ensure_units(session, thanh_hoa_units())
        for username, name, role, unit_code in missing:
            session.add(
                Officer(username=username, display_name=name, role=role, unit_id=codes[unit_code])
            )
        session.flush()
    return int(
        session.execute(select(Officer.id).where(Officer.username == DEMO_USERNAME)).scalar_one()
    )


async def demo_officer_id(db: Database) -> int:
    """``ensure_demo_officers`` on the writer thread."""
    return await db.write(ensure_demo_officers)
