"""Signing in on the workstation: first-admin creation, sign-in, and the idle lock screen.

The dialog gets async callables from the composition root (``SignInActions``) and never touches
the store. Open it with ``open()``/``show()`` (never ``exec()``: a nested loop would stall the
qasync loop) and await :meth:`SignInDialog.prepare` to pick the page: the first-admin form on a
store nobody can sign in to yet, else the sign-in form. ``lock(session)`` turns it into the lock
screen of a signed-in officer (only his password unlocks it; "another officer" signs him out).

Every text shown is plain (officers' names are typed by admins, messages come from services).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.auth import SignInFailed, WorkstationSession
from desktop.services.passwords import PasswordPolicyError
from desktop.views.async_tasks import TaskSet
from desktop.views.widgets import plain_label


@dataclass(frozen=True, slots=True)
class SignInActions:
    first_run_needed: Callable[[], Awaitable[bool]]
    sign_in: Callable[[str, str], Awaitable[WorkstationSession]]
    # username, display name, password, unit id
    create_first_admin: Callable[[str, str, str, int], Awaitable[WorkstationSession]]
    units: Callable[[], Awaitable[list[tuple[int, str]]]]  # (id, name), the province first
    unlock: Callable[[WorkstationSession, str], Awaitable[None]]
    sign_out: Callable[[WorkstationSession], Awaitable[None]]


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(1024)
    return field


class SignInDialog(QDialog):
    signed_in = Signal(object)  # WorkstationSession
    unlocked = Signal()
    failed = Signal(str)

    SIGN_IN, FIRST_ADMIN, LOCKED = 0, 1, 2

    def __init__(self, actions: SignInActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self._tasks = TaskSet()
        self._session: WorkstationSession | None = None
        self.setWindowTitle(self.tr("DutyDesk — Đăng nhập"))
        # Application-modal through the composition root (open()), never exec().

        notice = plain_label(
            self.tr("Máy trạm kết nối Internet: chỉ xử lý thông tin không thuộc bí mật nhà nước."),
            self,
        )
        notice.setObjectName("secrecyNotice")
        notice.setWordWrap(True)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._sign_in_page())
        self.pages.addWidget(self._first_admin_page())
        self.pages.addWidget(self._locked_page())

        self.message = plain_label("", self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)

    # -- pages ---------------------------------------------------------------------------------
    def _sign_in_page(self) -> QWidget:
        page = QWidget(self)
        self.username = QLineEdit(page)
        self.username.setObjectName("username")
        self.username.setMaxLength(64)
        self.password = _password_field(page, "password")
        self.sign_in_button = QPushButton(self.tr("Đăng nhập"), page)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        form = QFormLayout(page)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow(self.sign_in_button)
        self.sign_in_button.clicked.connect(self._submit_sign_in)
        self.password.returnPressed.connect(self._submit_sign_in)
        return page

    def _first_admin_page(self) -> QWidget:
        page = QWidget(self)
        intro = plain_label(
            self.tr(
                "Lần chạy đầu tiên: tạo tài khoản quản trị đơn vị. Quản trị viên sẽ thêm các cán "
                "bộ khác."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.admin_username = QLineEdit(page)
        self.admin_username.setObjectName("adminUsername")
        self.admin_username.setMaxLength(64)
        self.admin_name = QLineEdit(page)
        self.admin_name.setObjectName("adminName")
        self.admin_name.setMaxLength(200)
        self.admin_unit = QComboBox(page)
        self.admin_unit.setObjectName("adminUnit")
        self.admin_password = _password_field(page, "adminPassword")
        self.admin_confirm = _password_field(page, "adminConfirm")
        self.create_button = QPushButton(self.tr("Tạo quản trị viên"), page)
        self.create_button.setObjectName("createAdminButton")
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.admin_username)
        form.addRow(self.tr("Họ và tên"), self.admin_name)
        form.addRow(self.tr("Đơn vị"), self.admin_unit)
        form.addRow(self.tr("Mật khẩu"), self.admin_password)
        form.addRow(self.tr("Nhập lại mật khẩu"), self.admin_confirm)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.create_button)
        self.create_button.clicked.connect(self._submit_first_admin)
        return page

    def _locked_page(self) -> QWidget:
        page = QWidget(self)
        self.locked_who = plain_label("", page)
        self.locked_who.setObjectName("lockedWho")
        self.locked_who.setWordWrap(True)
        self.unlock_password = _password_field(page, "unlockPassword")
        self.unlock_button = QPushButton(self.tr("Mở khóa"), page)
        self.unlock_button.setObjectName("unlockButton")
        self.switch_button = QPushButton(self.tr("Cán bộ khác đăng nhập"), page)
        self.switch_button.setObjectName("switchOfficerButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.switch_button)
        form = QFormLayout()
        form.addRow(self.tr("Mật khẩu"), self.unlock_password)
        layout = QVBoxLayout(page)
        layout.addWidget(self.locked_who)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.unlock_button.clicked.connect(self._submit_unlock)
        self.unlock_password.returnPressed.connect(self._submit_unlock)
        self.switch_button.clicked.connect(self._switch_officer)
        return page

    # -- modes ---------------------------------------------------------------------------------
    async def prepare(self) -> None:
        """Show the first-admin form on a store without officers, else the sign-in form."""
        if await self._actions.first_run_needed():
            units = await self._actions.units()
            self.admin_unit.clear()
            for unit_id, name in units:
                self.admin_unit.addItem(name, unit_id)
            self.pages.setCurrentIndex(self.FIRST_ADMIN)
        else:
            self.pages.setCurrentIndex(self.SIGN_IN)

    def lock(self, session: WorkstationSession) -> None:
        """The lock screen of ``session``'s officer."""
        self._session = session
        session.lock()
        self.locked_who.setText(
            self.tr("Màn hình đã khóa. Cán bộ: {name} ({username})").format(
                name=session.officer.display_name, username=session.officer.username
            )
        )
        self.unlock_password.clear()
        self.message.clear()
        self.pages.setCurrentIndex(self.LOCKED)

    # -- actions -------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        for button in (
            self.sign_in_button,
            self.create_button,
            self.unlock_button,
            self.switch_button,
        ):
            button.setEnabled(not busy)

    def _show_error(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, SignInFailed | PasswordPolicyError | PermissionError | ValueError):
            text = str(error)
        else:
            text = self.tr("Không đăng nhập được do lỗi hệ thống; thử lại hoặc báo quản trị.")
        self.message.setText(text)
        self.failed.emit(text)

    def _submit_sign_in(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        self.password.clear()
        if not username or not password:
            self.message.setText(self.tr("Nhập tên đăng nhập và mật khẩu."))
            return
        self._busy(True)
        self._tasks.start(self._sign_in(username, password), self._show_error)

    async def _sign_in(self, username: str, password: str) -> None:
        session = await self._actions.sign_in(username, password)
        self._done(session)

    def _submit_first_admin(self) -> None:
        password = self.admin_password.text()
        if password != self.admin_confirm.text():
            self.message.setText(self.tr("Hai lần nhập mật khẩu không khớp."))
            return
        unit_id = self.admin_unit.currentData()
        username = self.admin_username.text().strip()
        name = self.admin_name.text().strip()
        if not username or not name or unit_id is None:
            self.message.setText(self.tr("Điền đủ tên đăng nhập, họ tên và đơn vị."))
            return
        self.admin_password.clear()
        self.admin_confirm.clear()
        self._busy(True)
        self._tasks.start(
            self._first_admin(username, name, password, int(unit_id)), self._show_error
        )

    async def _first_admin(self, username: str, name: str, password: str, unit_id: int) -> None:
        session = await self._actions.create_first_admin(username, name, password, unit_id)
        self._done(session)

    def _submit_unlock(self) -> None:
        if self._session is None:
            return
        password = self.unlock_password.text()
        self.unlock_password.clear()
        if not password:
            return
        self._busy(True)
        self._tasks.start(self._unlock(self._session, password), self._show_error)

    async def _unlock(self, session: WorkstationSession, password: str) -> None:
        await self._actions.unlock(session, password)
        self._busy(False)
        self.message.clear()
        self.unlocked.emit()
        self.accept()

    def _switch_officer(self) -> None:
        session = self._session
        self._session = None
        self.message.clear()
        self.pages.setCurrentIndex(self.SIGN_IN)
        if session is not None:
            self._tasks.start(self._sign_out(session), self._show_error)

    async def _sign_out(self, session: WorkstationSession) -> None:
        await self._actions.sign_out(session)

    def _done(self, session: WorkstationSession) -> None:
        self._busy(False)
        self.message.clear()
        self._session = session
        self.signed_in.emit(session)
        self.accept()

    def reject(self) -> None:
        """Escape or closing the window never dismisses the lock screen (at start-up it does:
        the composition root then quits)."""
        if self.pages.currentIndex() == self.LOCKED:
            return
        super().reject()

    def shutdown(self) -> None:
        self._tasks.cancel_all()
