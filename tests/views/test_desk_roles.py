"""The assembled desk offers each role its windows: administration for unit admins, the shift
leader's board for leaders and auditors, the audit log for admins and auditors, the list of
replies awaiting approval for shift leaders."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.config import load_config
from desktop.domain.enums import OfficerRole
from desktop.gui.background import start_background
from desktop.gui.desk import open_desk
from desktop.gui.settings import SettingsOpener
from desktop.store.database import Database
from desktop.store.models import Officer, Unit
from tests.factories import setup_accounts

pytestmark = pytest.mark.asyncio(loop_scope="function")

EXPECTED = {
    OfficerRole.DUTY_OFFICER: set(),
    OfficerRole.SHIFT_LEADER: {"actionLeader"},
    OfficerRole.UNIT_ADMIN: {"actionAdmin", "actionAudit"},
    OfficerRole.AUDITOR: {"actionLeader", "actionAudit"},
}


async def test_each_role_gets_its_windows(qtbot: object) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # as desktop/app.py: closing a desk is not quitting
    config = load_config()
    db = Database(config.paths.database, backup_dir=config.paths.backups)
    await db.open_async()
    setup_accounts(db)

    def officers(session: Any) -> dict[OfficerRole, int]:
        unit = session.scalar(select(Unit.id).where(Unit.code == "TH"))
        made = {}
        for role in OfficerRole:
            officer = Officer(username=role.value, display_name=role.value, role=role, unit_id=unit)
            session.add(officer)
            session.flush()
            made[role] = officer.id
        return made

    ids = db.write_blocking(officers)
    stop = asyncio.Event()
    background = await start_background(config, db, stop)
    settings = SettingsOpener(lambda _officer: pytest.fail("not opened"))
    try:
        for role, expected in EXPECTED.items():
            desk = await open_desk(config, db, background, settings, officer_id=ids[role])
            try:
                names = {a.objectName() for a in desk.window.desk_menu.actions()}
                assert names & {"actionAdmin", "actionLeader", "actionAudit"} == expected, role
                assert desk.window.desk_menu.menuAction().isVisible() == bool(expected)
                queues = {
                    desk.window.left.widget(i).objectName() for i in range(desk.window.left.count())
                }
                # Only a shift leader approves sensitive replies: only his desk lists them.
                assert ("approvalQueue" in queues) == (role is OfficerRole.SHIFT_LEADER), role
                assert "forwardQueue" in queues
                if "actionAdmin" in expected:
                    admin = next(
                        a
                        for a in desk.window.findChildren(QAction)
                        if a.objectName() == "actionAdmin"
                    )
                    admin.trigger()  # the administration window opens and loads
                    await asyncio.sleep(0.3)
            finally:
                await desk.close()
    finally:
        stop.set()
        await background.aclose()
        db.close()
        app.setQuitOnLastWindowClosed(True)
