"""The sign-in dialog over a real store: first admin on a new store, sign-in with refusals shown,
the lock screen that only the officer's password opens, names shown as plain text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.enums import OfficerRole
from desktop.services.auth import AuthService, LockoutPolicy
from desktop.services.passwords import FAST_TEST_PARAMS, hash_password
from desktop.store.database import Database
from desktop.store.officers import create_officer, unit_id_by_code
from desktop.views.sign_in_dialog import SignInActions, SignInDialog
from tests.factories import setup_accounts
from tests.views.helpers import emitted, wait_until

PASSWORD = "mat-khau-thu-nghiem"
RICH_NAME = "<b>Lan</b><img src='http://evil/x.png'>"


@pytest.fixture(autouse=True)
def _keep_running_when_the_dialog_closes(qapp: QApplication) -> Iterator[None]:
    """The dialog is the only window here: its closing must not quit the test's loop."""
    app = qapp
    before = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    yield
    app.setQuitOnLastWindowClosed(before)


def _actions(service: AuthService) -> SignInActions:
    return SignInActions(
        first_run_needed=service.first_run_needed,
        sign_in=service.sign_in,
        create_first_admin=lambda u, n, p, unit: service.create_first_admin(
            username=u, display_name=n, password=p, unit_id=unit
        ),
        units=service.first_admin_units,
        unlock=service.unlock,
        sign_out=service.sign_out,
    )


def _service(db: Database) -> AuthService:
    return AuthService(
        db,
        clock=lambda: datetime.now(UTC),
        params=FAST_TEST_PARAMS,
        policy=LockoutPolicy(max_failures=3),
        idle_timeout=timedelta(minutes=10),
    )


def _dialog(qtbot: QtBot, db: Database) -> SignInDialog:
    dialog = SignInDialog(_actions(_service(db)))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _officer(db: Database) -> None:
    setup_accounts(db)
    digest = hash_password(PASSWORD, FAST_TEST_PARAMS)
    db.write_blocking(
        lambda s: create_officer(
            s,
            username="lan",
            display_name=RICH_NAME,
            role=OfficerRole.DUTY_OFFICER,
            unit_id=unit_id_by_code(s, "TH"),
            password_hash=digest,
        )
    )


@pytest.mark.asyncio
async def test_first_run_creates_the_first_admin(db: Database, qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, db)
    await dialog.prepare()
    assert dialog.pages.currentIndex() == SignInDialog.FIRST_ADMIN
    assert dialog.admin_unit.count() == 28 and dialog.admin_unit.itemText(0).startswith(
        "Công an tỉnh"
    )
    dialog.admin_username.setText("quantri")
    dialog.admin_name.setText("Quản trị viên")
    dialog.admin_password.setText(PASSWORD)
    dialog.admin_confirm.setText(PASSWORD + "x")
    dialog.create_button.click()
    assert "không khớp" in dialog.message.text()
    dialog.admin_password.setText("ngan")
    dialog.admin_confirm.setText("ngan")
    async with emitted(dialog.failed) as got:
        dialog.create_button.click()
    assert "ít nhất" in got[0]
    dialog.admin_password.setText(PASSWORD)
    dialog.admin_confirm.setText(PASSWORD)
    async with emitted(dialog.signed_in) as got:
        dialog.create_button.click()
    session = got[0]
    assert session.officer.role is OfficerRole.UNIT_ADMIN and session.officer.username == "quantri"
    assert dialog.admin_password.text() == ""  # never kept in the widget


@pytest.mark.asyncio
async def test_sign_in_refusal_then_success(db: Database, qtbot: QtBot) -> None:
    _officer(db)
    dialog = _dialog(qtbot, db)
    await dialog.prepare()
    assert dialog.pages.currentIndex() == SignInDialog.SIGN_IN
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    dialog.username.setText("lan")
    dialog.password.setText("sai-mat-khau")
    async with emitted(dialog.failed) as got:
        dialog.sign_in_button.click()
    assert got[0] == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.sign_in_button.isEnabled() and dialog.password.text() == ""
    dialog.password.setText(PASSWORD)
    async with emitted(dialog.signed_in) as got:
        dialog.sign_in_button.click()
    assert got[0].officer.username == "lan"
    await wait_until(lambda: not dialog.isVisible())


@pytest.mark.asyncio
async def test_lock_screen_opens_only_with_the_officers_password(
    db: Database, qtbot: QtBot
) -> None:
    _officer(db)
    service = _service(db)
    session = await service.sign_in("lan", PASSWORD)
    dialog = SignInDialog(_actions(service))
    qtbot.addWidget(dialog)
    dialog.lock(session)
    dialog.show()
    assert session.is_locked(datetime.now(UTC))
    assert dialog.pages.currentIndex() == SignInDialog.LOCKED
    assert dialog.locked_who.textFormat() == Qt.TextFormat.PlainText
    assert RICH_NAME in dialog.locked_who.text()
    dialog.reject()  # Escape / closing does not dismiss the lock screen
    assert dialog.isVisible()
    dialog.unlock_password.setText("sai-mat-khau")
    async with emitted(dialog.failed):
        dialog.unlock_button.click()
    assert session.is_locked(datetime.now(UTC))
    dialog.unlock_password.setText(PASSWORD)
    async with emitted(dialog.unlocked):
        dialog.unlock_button.click()
    assert not session.is_locked(datetime.now(UTC))


@pytest.mark.asyncio
async def test_another_officer_can_sign_in_from_the_lock_screen(db: Database, qtbot: QtBot) -> None:
    _officer(db)
    service = _service(db)
    session = await service.sign_in("lan", PASSWORD)
    dialog = SignInDialog(_actions(service))
    qtbot.addWidget(dialog)
    dialog.lock(session)
    dialog.show()
    dialog.switch_button.click()
    assert dialog.pages.currentIndex() == SignInDialog.SIGN_IN
    await wait_until(lambda: dialog._tasks.running == 0)
