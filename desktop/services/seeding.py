"""Fill a store with realistic seed data (the ``seed`` command, the demo and the benchmarks)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from itertools import islice

from sqlalchemy.orm import Session

from desktop.domain.units import thanh_hoa_units
from desktop.store.database import Database
from desktop.store.directory import ensure_account, ensure_units, unit_names
from desktop.store.ingest import ingest_items

BATCH = 2000


@dataclass(frozen=True, slots=True)
class SeedSummary:
    items: int
    threads: int
    accounts: int


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

    specs = account_specs(accounts, random.Random(seed))

    def setup(session: Session) -> dict[str, str]:
        ensure_units(session, thanh_hoa_units())
        for spec in specs:
            ensure_account(session, spec.platform, spec.external_id, spec.name, spec.unit_code)
        return unit_names(session)

    names = db.write_blocking(setup)
    world = SeedWorld(specs, names, seed=seed, now=now)
    stream = world.items(items)
    done = threads = 0
    while batch := list(islice(stream, BATCH)):
        result = db.write_blocking(partial(ingest_items, items=batch, search=db.search))
        done += len(batch)
        threads += len(result.new_thread_ids)
        if progress is not None:
            progress(done)
    db.optimize()
    return SeedSummary(items=done, threads=threads, accounts=len(specs))
