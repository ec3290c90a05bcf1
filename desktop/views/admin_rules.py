"""The auto-assignment rules tab of the admin's window: the rules of his units in matching order,
one rule's form (name, unit, category, where it is given, order, on/off), new, save, delete.

How the rules are used (``desktop.services.assignment``): open unassigned cases, urgent first,
each go by the first enabled rule matching their unit and category, round-robin to the officers
on shift at the rule's target unit, within each officer's capacity.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Category
from desktop.services.access import Action
from desktop.services.assignment import MAX_RULE_NAME, RuleDraft, RuleRow
from desktop.store.cases import UnitRow
from desktop.views.admin_common import NONE, AdminTab, RuleActions, choose, chosen, fill_units
from desktop.views.labels import category_label
from desktop.views.leader_common import LeaderContext, fill_table, make_table, selected_id
from desktop.views.widgets import plain_label

MAX_POSITION = 999


class RulesTab(AdminTab):
    def __init__(
        self, ctx: LeaderContext, rules: RuleActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("adminRulesTab")
        self._rules = rules
        self.rows: list[RuleRow] = []
        self.unit_names: dict[int, str] = {}
        self._editing: int | None = None  # the rule in the form (None: a new one)
        intro = plain_label(
            self.tr(
                "Vụ việc mới chưa giao được xét theo thứ tự các quy tắc đang bật (số nhỏ trước). "
                "Quy tắc đầu tiên khớp đơn vị và loại vụ việc giao lần lượt cho từng cán bộ "
                "đang trong ca trực tại đơn vị được chọn, không vượt quá số vụ việc tối đa của "
                "mỗi người; tin khẩn được giao trước. Vụ việc không khớp quy tắc nào được giao "
                "cho ca trực tại đơn vị của vụ việc (hoặc đơn vị cấp trên gần nhất có người trực)."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = make_table(
            self,
            "adminRules",
            [
                self.tr("Thứ tự"),
                self.tr("Tên quy tắc"),
                self.tr("Đơn vị"),
                self.tr("Loại vụ việc"),
                self.tr("Giao cho ca trực tại"),
                self.tr("Trạng thái"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._form_box())
        self._manage = ctx.may(Action.MANAGE_ASSIGNMENT_RULES)
        for widget in self._form_widgets():
            widget.setEnabled(self._manage)
        self.delete_button.setEnabled(False)

    def _form_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Quy tắc"), self)
        self.name = QLineEdit(box)
        self.name.setObjectName("ruleName")
        self.name.setMaxLength(MAX_RULE_NAME)
        self.unit = QComboBox(box)
        self.unit.setObjectName("ruleUnit")
        self.category = QComboBox(box)
        self.category.setObjectName("ruleCategory")
        self.category.addItem(self.tr("Mọi loại"), NONE)
        for category in Category:
            self.category.addItem(category_label(category), category.value)
        self.target = QComboBox(box)
        self.target.setObjectName("ruleTarget")
        self.position = QSpinBox(box)
        self.position.setObjectName("rulePosition")
        self.position.setRange(0, MAX_POSITION)
        self.enabled = QCheckBox(self.tr("Đang bật"), box)
        self.enabled.setObjectName("ruleEnabled")
        self.enabled.setChecked(True)
        self.new_button = QPushButton(self.tr("Quy tắc mới"), box)
        self.new_button.setObjectName("newRule")
        self.new_button.clicked.connect(self.new_rule)
        self.save_button = QPushButton(self.tr("Lưu quy tắc"), box)
        self.save_button.setObjectName("saveRule")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(self.tr("Xóa quy tắc"), box)
        self.delete_button.setObjectName("deleteRule")
        self.delete_button.clicked.connect(self.delete)
        self.editing_label = plain_label("", box)
        self.editing_label.setObjectName("ruleEditing")
        form = QFormLayout(box)
        form.addRow(self.editing_label)
        form.addRow(self.tr("Tên quy tắc"), self.name)
        form.addRow(self.tr("Vụ việc của đơn vị (và cấp dưới)"), self.unit)
        form.addRow(self.tr("Loại vụ việc"), self.category)
        form.addRow(self.tr("Giao cho ca trực tại"), self.target)
        form.addRow(self.tr("Thứ tự"), self.position)
        form.addRow(self.enabled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self._show_editing()
        return box

    def _form_widgets(self) -> list[QWidget]:
        return [
            self.name,
            self.unit,
            self.category,
            self.target,
            self.position,
            self.enabled,
            self.new_button,
            self.save_button,
        ]

    # -- data ------------------------------------------------------------------------------------
    def set_units(self, units: Sequence[UnitRow]) -> None:
        self.unit_names = {u.id: u.name for u in units}
        fill_units(self.unit, units, self.tr("Mọi đơn vị"))
        fill_units(self.target, units, self.tr("Đơn vị của vụ việc"))

    async def load(self) -> None:
        self.show_rows(await self._rules.rules(self.ctx.officer_id))

    def unit_text(self, unit_id: int | None, none: str) -> str:
        if unit_id is None:
            return none
        return self.unit_names.get(unit_id, f"#{unit_id}")

    def show_rows(self, rows: list[RuleRow]) -> None:
        self.rows = rows
        fill_table(
            self.table,
            [
                [
                    str(r.position),
                    r.name,
                    self.unit_text(r.unit_id, self.tr("Mọi đơn vị")),
                    category_label(r.category) if r.category else self.tr("Mọi loại"),
                    self.unit_text(r.target_unit_id, self.tr("Đơn vị của vụ việc")),
                    self.tr("Đang bật") if r.enabled else self.tr("Đã tắt"),
                ]
                for r in rows
            ],
            [r.id for r in rows],
        )
        ids = [r.id for r in rows]
        if self._editing is not None and self._editing not in ids:
            self.new_rule()  # the rule in the form is gone
        elif self._editing is not None and selected_id(self.table) != self._editing:
            self.table.selectRow(ids.index(self._editing))  # the rule just saved
        self._selection_changed()

    def selected(self) -> RuleRow | None:
        wanted = selected_id(self.table)
        return next((r for r in self.rows if r.id == wanted), None)

    def _selection_changed(self) -> None:
        row = self.selected()
        if row is not None and row.id != self._editing:
            self._editing = row.id
            self.name.setText(row.name)
            choose(self.unit, row.unit_id)
            index = self.category.findData(row.category.value if row.category else NONE)
            self.category.setCurrentIndex(max(index, 0))
            choose(self.target, row.target_unit_id)
            self.position.setValue(row.position)
            self.enabled.setChecked(row.enabled)
            self._show_editing()
        self.delete_button.setEnabled(self._manage and self._editing is not None)

    def _show_editing(self) -> None:
        if self._editing is None:
            self.editing_label.setText(self.tr("Quy tắc mới"))
        else:
            self.editing_label.setText(self.tr("Đang sửa quy tắc #{id}").format(id=self._editing))

    def new_rule(self) -> None:
        """An empty form for a new rule, after the last one."""
        self._editing = None
        self.table.clearSelection()
        self.name.clear()
        choose(self.unit, None)
        self.category.setCurrentIndex(0)
        choose(self.target, None)
        self.position.setValue(max((r.position for r in self.rows), default=-1) + 1)
        self.enabled.setChecked(True)
        self._show_editing()
        self.delete_button.setEnabled(False)

    def draft(self) -> RuleDraft:
        value = self.category.currentData()
        category = Category(str(value)) if value != NONE else None
        return RuleDraft(
            name=self.name.text().strip(),
            unit_id=chosen(self.unit),
            category=category,
            target_unit_id=chosen(self.target),
            position=self.position.value(),
            enabled=self.enabled.isChecked(),
        )

    # -- actions ---------------------------------------------------------------------------------
    def save(self) -> None:
        draft = self.draft()
        if not draft.name:
            self.message.emit(self.tr("Đặt tên cho quy tắc."), True)
            return
        rule_id = self._editing

        def done(saved: int) -> str:
            self._editing = saved
            self._show_editing()
            return self.tr("Đã lưu quy tắc giao việc {name}.").format(name=draft.name)

        self.act(self._rules.save_rule(self.ctx.officer_id, draft, rule_id), done)

    def delete(self) -> None:
        rule_id = self._editing
        if rule_id is None:
            return
        name = self.name.text().strip()
        self.act(
            self._rules.delete_rule(self.ctx.officer_id, rule_id),
            lambda _none: self.tr("Đã xóa quy tắc giao việc {name}.").format(name=name),
        )
