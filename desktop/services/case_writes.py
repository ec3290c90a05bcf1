"""The one way people-services change a case: a version-checked update (never a silent overwrite).

A thin name over ``desktop.store.cases.update_case``; ``StaleCase`` is the exception the case
pane already handles.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desktop.store.cases import StaleCase, update_case

__all__ = ["StaleCase", "versioned_update"]


def versioned_update(
    session: Session, thread_id: int, expected_version: int, values: dict[str, Any]
) -> int:
    """Apply ``values`` to the case if it is still at ``expected_version``; the new version."""
    return update_case(session, thread_id, expected_version, **values)
