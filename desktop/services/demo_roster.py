"""A handful of officers for the demo: duty officers and a shift leader in Thanh Hóa units.

``ensure_demo_officers`` creates them only when the store has no officer at all, and returns the
id of the officer the demo workstation acts as.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import OfficerRole
from desktop.domain.units import thanh_hoa_units
from desktop.store.database import Database
from desktop.store.directory import ensure_units
from desktop.store.models import Officer

DEMO_USERNAME = "demo.trucban"

# (username, display name, role, unit code); the first is the demo workstation's own officer.
DEMO_OFFICERS: tuple[tuple[str, str, OfficerRole, str], ...] = (
    (DEMO_USERNAME, "Lê Văn Hùng", OfficerRole.DUTY_OFFICER, "TH"),
    ("demo.chihuy", "Nguyễn Thị Thu Hà", OfficerRole.SHIFT_LEADER, "TH"),
    ("demo.tuan", "Trần Quốc Tuấn", OfficerRole.DUTY_OFFICER, "TH"),
    ("demo.trang", "Phạm Thu Trang", OfficerRole.DUTY_OFFICER, "TH-TPTH"),
    ("demo.duc", "Hoàng Minh Đức", OfficerRole.DUTY_OFFICER, "TH-SAMSON"),
    ("demo.lan", "Đỗ Thị Lan", OfficerRole.DUTY_OFFICER, "TH-HOANGHOA"),
)


def ensure_demo_officers(session: Session) -> int:
    """Create the demo roster if no officer exists; the id of the demo's own officer."""
    if session.execute(select(Officer.id).limit(1)).first() is None:
        codes = ensure_units(session, thanh_hoa_units())
        for username, name, role, unit_code in DEMO_OFFICERS:
            session.add(
                Officer(username=username, display_name=name, role=role, unit_id=codes[unit_code])
            )
        session.flush()
    own = session.execute(
        select(Officer.id).where(Officer.username == DEMO_USERNAME)
    ).scalar_one_or_none()
    if own is not None:
        return int(own)
    # Officers came from elsewhere (the seed command): act as the first active duty officer.
    first = session.execute(
        select(Officer.id)
        .where(Officer.active.is_(True), Officer.role == OfficerRole.DUTY_OFFICER)
        .order_by(Officer.id)
        .limit(1)
    ).scalar_one_or_none()
    if first is None:
        first = session.execute(select(Officer.id).order_by(Officer.id).limit(1)).scalar_one()
    return int(first)


async def demo_officer_id(db: Database) -> int:
    """``ensure_demo_officers`` on the writer thread."""
    return await db.write(ensure_demo_officers)
