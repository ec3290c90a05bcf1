"""The one way people-services change a case: a version-checked update (never a silent overwrite).

``StaleCase`` is the same exception the classification service raises, so the GUI handles one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from desktop.services.corrections import StaleCase
from desktop.store.models import Thread

__all__ = ["StaleCase", "versioned_update"]


def versioned_update(
    session: Session, thread_id: int, expected_version: int, values: dict[str, Any]
) -> int:
    """Apply ``values`` to the case if it is still at ``expected_version``; the new version."""
    result = session.execute(
        update(Thread)
        .where(Thread.id == thread_id, Thread.version == expected_version)
        .values(**values, version=Thread.version + 1)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise StaleCase(f"case {thread_id} changed since it was opened; reload it and decide again")
    return expected_version + 1
