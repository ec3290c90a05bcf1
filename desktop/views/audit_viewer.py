"""The audit log for auditors and unit admins ("Nhật ký kiểm toán"): events newest first, a page
at a time (time, officer, action, subject, details as plain text), filtered by action, and the
chain check ("Kiểm tra chuỗi": intact, or the first broken event and why).

Only roles the access policy lets read the log can load it (the service refuses the others; the
main window also disables its menu action). Open with ``show()``/``open()``, never ``exec()``.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store.audit import AuditAction, AuditRow, VerifyResult
from desktop.views.async_tasks import TaskSet
from desktop.views.duty_labels import audit_action_label, details_text
from desktop.views.leader_common import error_text, fill_table, make_table
from desktop.views.widgets import plain_label

PAGE_SIZE = 100
HASH_SHOWN = 16


class AuditActions(Protocol):
    """What the viewer needs of ``desktop.services.audit.AuditService``."""

    async def read(self, actor_id: int, **filters: Any) -> list[AuditRow]: ...
    async def verify(self, actor_id: int) -> VerifyResult: ...
    async def names(self, actor_id: int) -> dict[int, str]: ...


class AuditViewer(QDialog):
    loaded = Signal(int)  # events shown
    verified = Signal(bool)  # the chain is intact

    def __init__(
        self,
        service: AuditActions,
        officer_id: int,
        *,
        page_size: int = PAGE_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditViewer")
        self.setWindowTitle(self.tr("Nhật ký kiểm toán"))
        self._service = service
        self._officer_id = officer_id
        self._page_size = page_size
        self._tasks = TaskSet()
        self.rows: list[AuditRow] = []
        self.names: dict[int, str] = {}
        self.has_more = False
        self.action = QComboBox(self)
        self.action.setObjectName("auditAction")
        self.action.addItem(self.tr("Mọi thao tác"), None)
        for action in AuditAction:
            self.action.addItem(audit_action_label(action.value), action.value)
        self.action.activated.connect(lambda _i: self.reload())
        self.reload_button = QPushButton(self.tr("Làm mới"), self)
        self.reload_button.clicked.connect(self.reload)
        self.verify_button = QPushButton(self.tr("Kiểm tra chuỗi"), self)
        self.verify_button.setObjectName("verifyChain")
        self.verify_button.clicked.connect(self.verify)
        self.verdict = plain_label("", self)
        self.verdict.setObjectName("verifyResult")
        self.verdict.setWordWrap(True)
        self.verdict.hide()
        self.table = make_table(
            self,
            "auditTable",
            [
                self.tr("Mã"),
                self.tr("Thời gian"),
                self.tr("Cán bộ"),
                self.tr("Thao tác"),
                self.tr("Đối tượng"),
                self.tr("Chi tiết"),
            ],
        )
        self.more_button = QPushButton(self.tr("Tải thêm (cũ hơn)"), self)
        self.more_button.setObjectName("auditMore")
        self.more_button.clicked.connect(self.load_more)
        self.more_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("Thao tác:"), self))
        top.addWidget(self.action, 1)
        top.addWidget(self.reload_button)
        top.addWidget(self.verify_button)
        bottom = QHBoxLayout()
        self.count = plain_label("", self)
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(980, 620)

    # -- loading ---------------------------------------------------------------------------------
    def start(self) -> None:
        """The officers' names, then the newest page."""
        self._tasks.start(self._start(), self._refused)

    async def _start(self) -> None:
        names, rows = await asyncio.gather(self._service.names(self._officer_id), self._page(None))
        self.names = names
        self._show(rows, append=False)

    def reload(self) -> None:
        self._tasks.start(self._reload(), self._refused)

    async def _reload(self) -> None:
        self._show(await self._page(None), append=False)

    def load_more(self) -> None:
        if not self.rows:
            return
        oldest = self.rows[-1].id
        self.more_button.setEnabled(False)
        self._tasks.start(self._more(oldest), self._refused)

    async def _more(self, before_id: int) -> None:
        self._show(await self._page(before_id), append=True)

    async def _page(self, before_id: int | None) -> list[AuditRow]:
        filters: dict[str, Any] = {"limit": self._page_size + 1, "before_id": before_id}
        action = self.action.currentData()
        if isinstance(action, str):
            filters["action"] = action
        return await self._service.read(self._officer_id, **filters)

    def _show(self, rows: list[AuditRow], *, append: bool) -> None:
        self.has_more = len(rows) > self._page_size
        rows = rows[: self._page_size]
        self.rows = [*self.rows, *rows] if append else rows
        fill_table(
            self.table,
            [
                [
                    str(r.id),
                    r.at.astimezone().strftime("%d/%m/%Y %H:%M:%S"),
                    self.actor_text(r.actor_id),
                    audit_action_label(r.action),
                    self.subject_text(r.subject_type, r.subject_id),
                    details_text(r.details),
                ]
                for r in self.rows
            ],
            [r.id for r in self.rows],
        )
        self.more_button.setEnabled(self.has_more)
        self.count.setText(self.tr("{n} sự kiện đang hiển thị").format(n=len(self.rows)))
        self.loaded.emit(len(self.rows))

    def actor_text(self, actor_id: int | None) -> str:
        if actor_id is None:
            return self.tr("(hệ thống)")
        return self.names.get(actor_id, f"#{actor_id}")

    def subject_text(self, subject_type: str | None, subject_id: str | None) -> str:
        if subject_type is None:
            return ""
        name = {
            "thread": self.tr("Vụ việc"),
            "officer": self.tr("Cán bộ"),
            "handover": self.tr("Bàn giao"),
            "shift": self.tr("Ca trực"),
            "unit": self.tr("Đơn vị"),
            "account": self.tr("Tài khoản trang"),
            "audit": self.tr("Nhật ký"),
            "export": self.tr("Xuất dữ liệu"),
        }.get(subject_type, subject_type)
        return f"{name} #{subject_id}" if subject_id else name

    # -- the chain ---------------------------------------------------------------------------------
    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.verdict.setText(self.tr("Đang kiểm tra chuỗi…"))
        self.verdict.setStyleSheet("")
        self.verdict.show()
        self._tasks.start(self._verify(), self._refused)

    async def _verify(self) -> None:
        outcome = await self._service.verify(self._officer_id)
        self.verify_button.setEnabled(True)
        self.show_verdict(outcome)
        self.verified.emit(outcome.ok)
        await self._reload()  # the check itself is on record now

    def show_verdict(self, outcome: VerifyResult) -> None:
        if outcome.ok:
            text = self.tr("✔ Chuỗi nhật ký nguyên vẹn: {n} sự kiện, mã băm cuối {head}…").format(
                n=outcome.count, head=outcome.head_hash[:HASH_SHOWN]
            )
            style = "color: #1b5e20; background: #e3f1e4;"
        else:
            text = self.tr(
                "✘ CHUỖI NHẬT KÝ BỊ PHÁ VỠ tại sự kiện #{id} ({reason}). Báo ngay cho lãnh đạo "
                "và quản trị; giữ nguyên tệp dữ liệu."
            ).format(id=outcome.broken_id, reason=outcome.reason or "")
            style = "color: #8c1d18; background: #fbe0de; font-weight: bold;"
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"#verifyResult {{ {style} padding: 4px; }}")
        self.verdict.show()

    def _refused(self, error: BaseException) -> None:
        self.verify_button.setEnabled(not isinstance(error, PermissionError))
        if isinstance(error, PermissionError):
            for widget in (self.action, self.reload_button, self.more_button):
                widget.setEnabled(False)
        self.verdict.setText(error_text(error))
        self.verdict.setStyleSheet("#verifyResult { color: #8c1d18; padding: 4px; }")
        self.verdict.show()

    def shutdown(self) -> None:
        self._tasks.cancel_all()
