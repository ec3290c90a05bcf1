"""The audit viewer: newest first, paged, filtered by action, names shown literally, the chain
check (intact, then broken at the first edited event), and refusal for other roles."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desktop.domain.enums import OfficerRole
from desktop.services.notes import add_note
from desktop.store.audit import AuditAction, recent_events
from desktop.store.database import Database
from desktop.store.models import AuditEvent
from desktop.store.officers import create_officer
from desktop.views.audit_viewer import AuditViewer
from desktop.views.leader_common import cell_texts
from tests.views.duty_desk import PAYLOAD, DutyDesk, build_desk
from tests.views.helpers import emitted, wait_until


@pytest.fixture
def desk(db: Database) -> DutyDesk:
    desk = build_desk(db)

    def officer(session: Any) -> int:
        return create_officer(
            session,
            username="hostile",
            display_name=PAYLOAD,
            role=OfficerRole.DUTY_OFFICER,
            unit_id=desk.world.units["TH"],
            password_hash=None,
        ).id

    hostile = db.write_blocking(officer)
    desk.world.officers["hostile"] = hostile
    for n in range(4):  # four notes: four audit events by an officer with a hostile name
        db.write_blocking(
            lambda s, n=n: add_note(
                s,
                actor_id=hostile,
                thread_id=desk.cases["question"],
                text=f"ghi chú {n} {PAYLOAD}",
                now=desk.clock.now,
            )
        )
    return desk


async def _viewer(desk: DutyDesk, qtbot: QtBot, who: str, page_size: int = 100) -> AuditViewer:
    viewer = AuditViewer(desk.audit, desk.officer(who), page_size=page_size)
    qtbot.addWidget(viewer)
    viewer.show()
    return viewer


@pytest.mark.asyncio
async def test_events_newest_first_paged_and_literal(desk: DutyDesk, qtbot: QtBot) -> None:
    total = len(desk.db.read_blocking(lambda s: recent_events(s, limit=1000)))
    assert total == 4
    viewer = await _viewer(desk, qtbot, "auditor", page_size=3)
    async with emitted(viewer.loaded) as loaded:
        viewer.start()
    assert loaded == [3]
    rows = [cell_texts(viewer.table, r) for r in range(viewer.table.rowCount())]
    assert [r[0] for r in rows] == ["4", "3", "2"]
    first = rows[0]
    assert first[2] == f"{PAYLOAD} (hostile)"  # the admin-typed name, literally
    assert first[3] == "Ghi chú nội bộ"
    assert first[4] == f"Vụ việc #{desk.cases['question']}"
    assert first[5] == '{"item_id": 6, "mentions": []}'
    assert "ghi chú" not in " ".join(" ".join(r) for r in rows)  # no note text in the log
    assert viewer.more_button.isEnabled()
    async with emitted(viewer.loaded) as loaded:
        viewer.more_button.click()
    assert loaded == [4] and not viewer.more_button.isEnabled()
    assert cell_texts(viewer.table, 3)[0] == "1"
    assert viewer.count.text() == "4 sự kiện đang hiển thị"
    # Filtered by action: none of these are sign-ins.
    viewer.action.setCurrentIndex(viewer.action.findData(AuditAction.SIGN_IN.value))
    async with emitted(viewer.loaded) as loaded:
        viewer.action.activated.emit(viewer.action.currentIndex())
    assert loaded == [0]


@pytest.mark.asyncio
async def test_the_chain_check_finds_the_first_edited_event(desk: DutyDesk, qtbot: QtBot) -> None:
    viewer = await _viewer(desk, qtbot, "admin")
    async with emitted(viewer.loaded):
        viewer.start()
    async with emitted(viewer.verified) as verdict:
        viewer.verify_button.click()
    assert verdict == [True]
    assert viewer.verdict.text().startswith("✔ Chuỗi nhật ký nguyên vẹn: 4 sự kiện, mã băm cuối ")
    await wait_until(lambda: viewer.table.rowCount() == 5)  # the check is on record
    assert cell_texts(viewer.table, 0)[3] == "Kiểm tra chuỗi nhật ký"
    assert cell_texts(viewer.table, 0)[5] == '{"broken_id": null, "count": 4, "ok": true}'
    # Someone edits event 2 behind the application's back.
    desk.db.write_blocking(
        lambda s: s.execute(
            update(AuditEvent).where(AuditEvent.id == 2).values(details_json={"item_id": 99})
        )
    )
    async with emitted(viewer.verified) as verdict:
        viewer.verify_button.click()
    assert verdict == [False]
    assert viewer.verdict.text().startswith("✘ CHUỖI NHẬT KÝ BỊ PHÁ VỠ tại sự kiện #2 (event 2:")


@pytest.mark.asyncio
async def test_other_roles_are_refused(desk: DutyDesk, qtbot: QtBot) -> None:
    viewer = await _viewer(desk, qtbot, "leader")
    viewer.start()
    await wait_until(viewer.verdict.isVisible)
    assert viewer.verdict.text() == "Vai trò shift_leader không được phép: view_audit_log."
    assert not viewer.verify_button.isEnabled() and not viewer.reload_button.isEnabled()
    assert viewer.table.rowCount() == 0


def test_every_stored_action_has_a_vietnamese_name() -> None:
    from desktop.views.duty_labels import audit_action_label

    missing = [a.value for a in AuditAction if audit_action_label(a.value) == a.value]
    assert missing == []
    assert audit_action_label("made_up") == "made_up"
