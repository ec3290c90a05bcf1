"""The "Duyệt trả lời" tab of the admin's window: for each category, whether a duty officer's reply
waits for a shift leader's approval before it is sent. A province admin changes it (each change
saved at once and audited); other unit admins see it."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem, QVBoxLayout, QWidget

from desktop.domain.enums import Category
from desktop.services.reply_approval import PolicyRow, ReplyPolicy
from desktop.views.admin_common import AdminTab
from desktop.views.labels import category_label
from desktop.views.leader_common import LeaderContext, make_table
from desktop.views.widgets import plain_label

CATEGORIES = list(Category)


class ReplyPolicyActions(Protocol):
    """``desktop.services.reply_approval.ReplyApprovals``."""

    async def policy(self, actor_id: int) -> ReplyPolicy: ...
    async def set_required(self, actor_id: int, category: Category, required: bool) -> None: ...


class ReplyPolicyTab(AdminTab):
    def __init__(
        self, ctx: LeaderContext, approvals: ReplyPolicyActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("adminReplyPolicyTab")
        self._approvals = approvals
        self.view: ReplyPolicy | None = None
        self._filling = False
        self.table = make_table(
            self,
            "adminReplyPolicy",
            [self.tr("Loại vụ việc"), self.tr("Cần lãnh đạo ca duyệt"), self.tr("Nguồn")],
        )
        self.table.itemChanged.connect(self._changed)
        self.note = plain_label("", self)
        self.note.setObjectName("replyPolicyNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    async def load(self) -> None:
        self.show_policy(await self._approvals.policy(self.ctx.officer_id))

    def show_policy(self, view: ReplyPolicy) -> None:
        self.view = view
        self._filling = True
        try:
            self.table.setRowCount(len(view.rows))
            for r, row in enumerate(view.rows):
                name = QTableWidgetItem(category_label(row.category))
                check = QTableWidgetItem(self.tr("Cần duyệt") if row.required else self.tr("Không"))
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if view.editable:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                check.setFlags(flags)
                check.setCheckState(
                    Qt.CheckState.Checked if row.required else Qt.CheckState.Unchecked
                )
                check.setData(Qt.ItemDataRole.UserRole, CATEGORIES.index(row.category))
                source = QTableWidgetItem(
                    self.tr("Đã đặt") if row.customised else self.tr("Mặc định")
                )
                for c, item in enumerate((name, check, source)):
                    self.table.setItem(r, c, item)
        finally:
            self._filling = False
        self.note.setText(
            self.tr(
                "Trả lời của cán bộ trực trên vụ việc thuộc loại được đánh dấu sẽ chờ lãnh đạo ca "
                "duyệt rồi mới gửi; trả lời của lãnh đạo ca không phải chờ. Thay đổi áp dụng cho "
                "các trả lời viết từ lúc đó."
            )
            if view.editable
            else self.tr("Chỉ quản trị cấp tỉnh được thay đổi quy định này; ở đây chỉ xem được.")
        )

    def row_for(self, category: Category) -> PolicyRow | None:
        if self.view is None:
            return None
        return next((r for r in self.view.rows if r.category is category), None)

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._filling or self.view is None or not self.view.editable or item.column() != 1:
            return
        category = CATEGORIES[int(item.data(Qt.ItemDataRole.UserRole))]
        required = item.checkState() == Qt.CheckState.Checked
        current = self.row_for(category)
        if current is None or current.required == required:
            return
        label = category_label(category)
        self.act(
            self._approvals.set_required(self.ctx.officer_id, category, required),
            lambda _none: (
                self.tr("Từ nay trả lời loại {category} cần lãnh đạo ca duyệt.")
                if required
                else self.tr("Từ nay trả lời loại {category} được gửi ngay.")
            ).format(category=label),
        )
