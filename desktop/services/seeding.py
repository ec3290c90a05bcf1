"""Fill a store with realistic seed data (the ``seed`` command, the demo and the benchmarks).

Besides the items, seeding gives the store what a desk that has been running for a month looks
like: duty officers per unit, threads labelled with the category the text was written for
(``category_source = seed``, never passed off as a model's verdict), older cases resolved, some
assigned.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, CategorySource, OfficerRole
from desktop.domain.units import account_units, thanh_hoa_units
from desktop.store.database import Database
from desktop.store.directory import ensure_account, ensure_units, unit_names
from desktop.store.ingest import ingest_items
from desktop.store.models import Account, Officer, Thread, Unit

BATCH = 5000
OFFICERS_PER_UNIT = 2


@dataclass(frozen=True, slots=True)
class SeedSummary:
    items: int
    threads: int
    accounts: int


_GIVEN = ["Hùng", "Dũng", "Tuấn", "Hương", "Lan", "Minh", "Thảo", "Quân", "Hải", "Ngọc"]
_FAMILY = ["Nguyễn", "Lê", "Trần", "Phạm", "Hoàng", "Đỗ", "Vũ", "Bùi", "Đặng", "Lường"]


def _ensure_officers(session: Session, rng: random.Random) -> dict[int, list[int]]:
    """Two duty officers per account unit (created once), by unit id."""
    codes = {u.code for u in account_units()}
    by_unit: dict[int, list[int]] = {}
    for uid, code in session.execute(select(Unit.id, Unit.code)):
        if code not in codes:
            continue
        existing = list(session.execute(select(Officer.id).where(Officer.unit_id == uid)).scalars())
        for n in range(len(existing), OFFICERS_PER_UNIT):
            officer = Officer(
                username=f"{code.lower()}-{n + 1}",
                display_name=f"{rng.choice(_FAMILY)} Văn {rng.choice(_GIVEN)}",
                role=OfficerRole.DUTY_OFFICER,
                unit_id=uid,
            )
            session.add(officer)
            session.flush()
            existing.append(officer.id)
        by_unit[uid] = existing
    return by_unit


def _apply_seed_triage(
    session: Session,
    new_ids: frozenset[int],
    labels: dict[Any, Any],
    officers: dict[int, list[int]],
    now: datetime,
    rng: random.Random,
) -> None:
    """Label new threads with the generator's category and give them a plausible case state."""
    if not new_ids:
        return
    rows = session.execute(
        select(
            Thread.id,
            Account.external_id,
            Thread.channel,
            Thread.external_id,
            Thread.unit_id,
            Thread.last_activity_at,
        )
        .join(Account, Account.id == Thread.account_id)
        .where(Thread.id.in_(sorted(new_ids)))
    )
    updates: list[dict[str, Any]] = []
    for tid, account_ext, channel, ext, unit_id, last_at in rows:
        label = labels.pop((account_ext, channel, ext), None)
        if label is None:
            continue
        age = now - last_at
        values: dict[str, Any] = {
            "id": tid,
            "category": label.category,
            "category_source": CategorySource.SEED,
            "confidence": round(rng.uniform(0.55, 0.99), 2),
            "urgent": label.urgent,
            "priority": 2 if label.urgent else 0,
        }
        staff = officers.get(unit_id or -1, [])
        if age > timedelta(days=2) and rng.random() < 0.85:
            values["status"] = CaseStatus.RESOLVED
            values["unread"] = False
            values["assignee_id"] = rng.choice(staff) if staff else None
        elif staff and rng.random() < 0.35:
            values["status"] = CaseStatus.IN_PROGRESS
            values["assignee_id"] = rng.choice(staff)
        updates.append(values)
    if updates:
        session.execute(update(Thread), updates)


def seed_store(
    db: Database,
    *,
    items: int,
    accounts: int = 56,
    seed: int = 1,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> SeedSummary:
    """Add ``items`` generated items over ``accounts`` Pages/OAs of the Thanh Hóa units."""
    # Imported here: the text generator's tables are only needed when seeding.
    from desktop.services.seed.world import SeedWorld, account_specs

    rng = random.Random(seed)
    specs = account_specs(accounts, rng)
    now = now or datetime.now(UTC).replace(microsecond=0)

    def setup(session: Session) -> tuple[dict[str, str], dict[int, list[int]]]:
        ensure_units(session, thanh_hoa_units())
        for spec in specs:
            ensure_account(session, spec.platform, spec.external_id, spec.name, spec.unit_code)
        return unit_names(session), _ensure_officers(session, rng)

    names, officers = db.write_blocking(setup)
    world = SeedWorld(specs, names, seed=seed, now=now)
    stream = world.items(items)
    done = threads = 0
    while batch := list(islice(stream, BATCH)):

        def write(session: Session, batch: list[Any] = batch) -> int:
            result = ingest_items(session, items=batch, search=db.search)
            _apply_seed_triage(session, result.new_thread_ids, world.labels, officers, now, rng)
            return len(result.new_thread_ids)

        threads += db.write_blocking(write)
        done += len(batch)
        if progress is not None:
            progress(done)
    db.optimize()
    return SeedSummary(items=done, threads=threads, accounts=len(specs))
