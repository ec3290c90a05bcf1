"""The handover tab: the summary the service generates for the chosen unit (open, urgent, overdue,
unassigned cases and overdue forwards: counts and case ids), the outgoing leader's note and his
signature, and the recent handovers, the incoming leader acknowledging one.

Notes are officers' text: plain (``QPlainTextEdit``, table cells)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.access import Action
from desktop.store.shifts import HandoverRow
from desktop.views.duty_labels import summary_text
from desktop.views.labels import display_line, long_time, short_time
from desktop.views.leader_common import (
    LeaderContext,
    LeaderTab,
    ShiftActions,
    fill_table,
    make_table,
    selected_id,
)
from desktop.views.widgets import plain_label

MAX_NOTE = 4000


class HandoverTab(LeaderTab):
    def __init__(
        self, ctx: LeaderContext, shifts: ShiftActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("handoverTab")
        self._shifts = shifts
        self.rows: list[HandoverRow] = []
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("handoverSummary")
        self.summary.setReadOnly(True)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("handoverNote")
        self.note.setPlaceholderText(
            self.tr("Ghi chú bàn giao cho ca sau: việc đang dở, lưu ý (văn bản thuần)…")
        )
        self.note.textChanged.connect(self._note_changed)
        self.sign_button = QPushButton(self.tr("Ký bàn giao ca"), self)
        self.sign_button.setObjectName("signHandover")
        self.sign_button.clicked.connect(self._sign)
        self.table = make_table(
            self,
            "handoverTable",
            [
                self.tr("Lúc"),
                self.tr("Người bàn giao"),
                self.tr("Người nhận"),
                self.tr("Lúc nhận"),
                self.tr("Ghi chú"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("handoverDetails")
        self.details.setReadOnly(True)
        self.ack_button = QPushButton(self.tr("Nhận bàn giao"), self)
        self.ack_button.setObjectName("acknowledgeHandover")
        self.ack_button.clicked.connect(self._acknowledge)

        self._lay_out()
        self._may_sign = ctx.may(Action.SIGN_HANDOVER)
        self.note.setEnabled(self._may_sign)
        self._note_changed()
        self.ack_button.setEnabled(False)

    def _lay_out(self) -> None:
        outgoing = QWidget(self)
        left = QVBoxLayout(outgoing)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(plain_label(self.tr("Tóm tắt tự động (nếu ký bây giờ)"), outgoing))
        left.addWidget(self.summary, 1)
        left.addWidget(plain_label(self.tr("Ghi chú của người bàn giao"), outgoing))
        left.addWidget(self.note, 1)
        sign_row = QHBoxLayout()
        sign_row.addStretch(1)
        sign_row.addWidget(self.sign_button)
        left.addLayout(sign_row)
        incoming = QWidget(self)
        right = QVBoxLayout(incoming)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(plain_label(self.tr("Các lần bàn giao gần đây"), incoming))
        right.addWidget(self.table, 1)
        right.addWidget(self.details, 1)
        ack_row = QHBoxLayout()
        ack_row.addStretch(1)
        ack_row.addWidget(self.ack_button)
        right.addLayout(ack_row)
        split = QSplitter(self)
        split.addWidget(outgoing)
        split.addWidget(incoming)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    async def load(self) -> None:
        if self.unit_id is None:
            return
        me = self.ctx.officer_id
        rows = await self._shifts.handovers(me, self.unit_id)
        summary = await self._shifts.preview(me, self.unit_id) if self._may_sign else None
        self.show_rows(rows, summary)

    def show_rows(self, rows: list[HandoverRow], summary: dict[str, object] | None) -> None:
        self.rows = rows
        if summary is not None:
            self.summary.setPlainText(summary_text(summary))
        else:
            self.summary.setPlainText(self.tr("Chỉ lãnh đạo ca ký bàn giao."))
        fill_table(
            self.table,
            [
                [
                    short_time(h.created_at),
                    h.from_officer_name,
                    h.acknowledged_by_name or self.tr("(chưa nhận)"),
                    short_time(h.acknowledged_at) if h.acknowledged_at else "",
                    display_line(h.note),
                ]
                for h in rows
            ],
            [h.id for h in rows],
            [h.acknowledged_at is None for h in rows],
        )
        self._selection_changed()

    def _selected(self) -> HandoverRow | None:
        wanted = selected_id(self.table)
        return next((h for h in self.rows if h.id == wanted), None)

    def _selection_changed(self) -> None:
        row = self._selected()
        if row is None:
            self.details.clear()
            self.ack_button.setEnabled(False)
            return
        lines = [
            self.tr("Bàn giao lúc {t} — {who}").format(
                t=long_time(row.created_at), who=row.from_officer_name
            ),
        ]
        if row.acknowledged_at is not None:
            lines.append(
                self.tr("Đã nhận lúc {t} — {who}").format(
                    t=long_time(row.acknowledged_at), who=row.acknowledged_by_name or ""
                )
            )
        lines += ["", self.tr("Ghi chú:"), row.note or self.tr("(không ghi)"), ""]
        lines += [self.tr("Tóm tắt:"), summary_text(row.summary)]
        self.details.setPlainText("\n".join(lines))
        self.ack_button.setEnabled(
            self._may_sign
            and row.acknowledged_at is None
            and row.from_officer_id != self.ctx.officer_id
        )

    def _note_changed(self) -> None:
        self.sign_button.setEnabled(
            self._may_sign and len(self.note.toPlainText()) <= MAX_NOTE and self.unit_id is not None
        )

    def set_unit(self, unit_id: int | None) -> None:
        super().set_unit(unit_id)
        self._note_changed()

    def _sign(self) -> None:
        if self.unit_id is None:
            return
        note = self.note.toPlainText()

        def signed(_id: int) -> str:
            self.note.clear()
            return self.tr("Đã ký bàn giao ca; chờ ca sau nhận.")

        self.act(self._shifts.sign_handover(self.ctx.officer_id, self.unit_id, note), signed)

    def _acknowledge(self) -> None:
        row = self._selected()
        if row is None:
            return
        self.act(
            self._shifts.acknowledge(self.ctx.officer_id, row.id),
            lambda _row: self.tr("Đã nhận bàn giao ca của {who}.").format(
                who=row.from_officer_name
            ),
        )
