"""Officers' corrections: each is a labelled example for retraining."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import Category
from desktop.store.models import LabelledExample


def add_correction(
    session: Session,
    *,
    text: str,
    category: Category,
    urgent: bool,
    item_id: int | None = None,
    officer_id: int | None = None,
) -> int:
    row = LabelledExample(
        text=text, category=category, urgent=urgent, item_id=item_id, officer_id=officer_id
    )
    session.add(row)
    session.flush()
    return row.id


def all_corrections(session: Session) -> list[tuple[str, str, bool]]:
    rows = session.execute(
        select(LabelledExample.text, LabelledExample.category, LabelledExample.urgent).order_by(
            LabelledExample.id
        )
    )
    return [(text, category.value, bool(urgent)) for text, category, urgent in rows]
