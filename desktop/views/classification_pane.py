"""The case's category (with who set it and how sure), its urgency and the personal data found.

Keys 1–9 pick the categories in their enum order; each button shows its digit. The pane only
shows and asks: the case panel performs the change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Category
from desktop.views.case_labels import pii_kind_label, source_label
from desktop.views.labels import category_label
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.services.cases import CaseDetail

CATEGORIES: tuple[Category, ...] = tuple(Category)  # digit n picks CATEGORIES[n - 1]
COLUMNS = 3
MAX_PII_ROWS = 4


class ClassificationPane(QGroupBox):
    classify_requested = Signal(object)  # Category
    urgent_requested = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Phân loại"), parent)
        self.setObjectName("classificationPane")
        self.current = plain_label(self.tr("Chưa phân loại"), self)
        self.current.setObjectName("categoryCurrent")
        self.current.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[Category, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(3)
        for n, category in enumerate(CATEGORIES):
            button = QPushButton(f"{n + 1}  {category_label(category)}", self)
            button.setCheckable(True)
            button.setObjectName(f"category_{category.value}")
            button.setStyleSheet("QPushButton { text-align: left; padding: 3px 6px; }")
            button.clicked.connect(lambda _=False, c=category: self.classify_requested.emit(c))
            self.group.addButton(button)
            self.buttons[category] = button
            grid.addWidget(button, n // COLUMNS, n % COLUMNS)
        self.urgent = QPushButton(self.tr("⚠ Khẩn cấp"), self)
        self.urgent.setObjectName("urgentToggle")
        self.urgent.setCheckable(True)
        self.urgent.setStyleSheet(
            "#urgentToggle:checked { background: #b3261e; color: white; font-weight: bold; }"
        )
        self.urgent.clicked.connect(lambda checked: self.urgent_requested.emit(bool(checked)))
        self.pii_title = plain_label(self.tr("Dữ liệu cá nhân phát hiện được"), self)
        self.pii_list = QListWidget(self)
        self.pii_list.setObjectName("piiList")
        top = QHBoxLayout()
        top.addWidget(self.current, 1)
        top.addWidget(self.urgent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.pii_title)
        layout.addWidget(self.pii_list)

    def show_case(self, detail: CaseDetail) -> None:
        case = detail.case
        if case.category is None:
            self.current.setText(self.tr("Chưa phân loại — chọn 1–9"))
        else:
            self.current.setText(
                self.tr("{category} ({source})").format(
                    category=category_label(case.category),
                    source=source_label(
                        case.category_source, case.category_by_name, case.confidence
                    ),
                )
            )
        self.group.setExclusive(False)
        for category, button in self.buttons.items():
            button.setChecked(category is case.category)
        self.group.setExclusive(True)
        self.urgent.setChecked(case.urgent)
        self.pii_list.clear()
        positions = {item.item_id: n + 1 for n, item in enumerate(detail.items)}
        for finding in detail.pii:
            where = self.tr("mục {n}").format(n=positions.get(finding.item_id, "?"))
            if finding.start >= 0:  # masked findings carry no offsets into the hidden text
                where += self.tr(", ký tự {start}–{end}").format(
                    start=finding.start, end=finding.end
                )
            self.pii_list.addItem(
                QListWidgetItem(
                    self.tr("{kind}: {value} — {where}").format(
                        kind=pii_kind_label(finding.kind), value=finding.value, where=where
                    )
                )
            )
        if not detail.pii:
            self.pii_list.addItem(QListWidgetItem(self.tr("Không phát hiện")))
        rows = min(max(len(detail.pii), 1), MAX_PII_ROWS)
        self.pii_list.setFixedHeight(rows * self.pii_list.fontMetrics().height() + 8)
        self.pii_title.setText(
            self.tr("Dữ liệu cá nhân phát hiện được ({n})").format(n=len(detail.pii))
        )
