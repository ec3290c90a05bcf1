"""Shared pieces of the unit admin's window: what it needs of the services (Protocols of their
async methods), the tab base (the shift leader's, with the admin's refusals named in the
interface language) and the unit choosers (the admin's units as an indented tree).

Every text typed by an admin (officers' names, rule names) is shown as plain text: table cells
through the default delegate, combo box items, plain labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from desktop.domain.enums import Category
from desktop.services.assignment import RuleDraft, RuleRow
from desktop.services.officers_admin import BadUsername, NewOfficer, OfficerChange, UsernameTaken
from desktop.services.passwords import PasswordPolicyError
from desktop.services.sla import SlaTargets
from desktop.store.cases import UnitRow
from desktop.store.officers import OfficerRow
from desktop.store.sla import Target
from desktop.views.leader_common import LeaderTab, error_text

NONE = -1  # a chooser's "any unit" / "any category" / "the case's own unit" entry


class OfficerAdminActions(Protocol):
    """``desktop.services.officers_admin.OfficerAdminService``."""

    async def units(self, actor_id: int) -> list[UnitRow]: ...
    async def officers(self, actor_id: int) -> list[OfficerRow]: ...
    async def add(self, actor_id: int, draft: NewOfficer, password: str) -> int: ...
    async def change(self, actor_id: int, officer_id: int, change: OfficerChange) -> int: ...
    async def unlock(self, actor_id: int, officer_id: int) -> None: ...
    async def reset_password(self, actor_id: int, officer_id: int, password: str) -> None: ...


class RuleActions(Protocol):
    """``desktop.services.assignment.AssignmentService``."""

    async def rules(self, actor_id: int) -> list[RuleRow]: ...
    async def save_rule(
        self, actor_id: int, draft: RuleDraft, rule_id: int | None = None
    ) -> int: ...
    async def delete_rule(self, actor_id: int, rule_id: int) -> None: ...


class SlaTargetActions(Protocol):
    """``desktop.services.sla.SlaService``."""

    async def targets(self, actor_id: int) -> SlaTargets: ...
    async def set_target(self, actor_id: int, category: Category, target: Target) -> None: ...


def admin_error_text(error: BaseException) -> str:
    """The service's refusal for the admin; its own words for what the interface can name."""
    if isinstance(error, UsernameTaken):
        return QCoreApplication.translate(
            "admin_common", "Tên đăng nhập {name} đã có người dùng."
        ).format(name=str(error))
    if isinstance(error, BadUsername):
        return QCoreApplication.translate(
            "admin_common",
            "Tên đăng nhập chỉ gồm chữ cái, chữ số, '.', '_' hoặc '-' (tối đa 64 ký tự).",
        )
    if isinstance(error, PasswordPolicyError):
        return QCoreApplication.translate(
            "admin_common",
            "Mật khẩu phải có ít nhất 8 ký tự và không bắt đầu hay kết thúc bằng khoảng trắng.",
        )
    return error_text(error)


class AdminTab(LeaderTab):
    """A tab of the admin's window: background loads and actions, refusals reported."""

    def describe_error(self, error: BaseException) -> str:
        return admin_error_text(error)


def fill_units(combo: QComboBox, units: Sequence[UnitRow], first: str | None = None) -> None:
    """The units (parents first) indented by depth; ``first``: an entry for "none" (``NONE``).
    The chosen entry is kept when it is still there."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if first is not None:
        combo.addItem(first, NONE)
    depth: dict[int, int] = {}
    for u in units:
        depth[u.id] = depth[u.parent_id] + 1 if u.parent_id in depth else 0
        combo.addItem("  " * depth[u.id] + u.name, u.id)
    index = combo.findData(keep) if keep is not None else -1
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def choose(combo: QComboBox, value: int | None) -> None:
    """Select the entry holding ``value`` (``None``: the "none" entry)."""
    index = combo.findData(NONE if value is None else value)
    if index >= 0:
        combo.setCurrentIndex(index)


def chosen(combo: QComboBox) -> int | None:
    """The chosen id; ``None`` for the "none" entry or nothing chosen."""
    value = combo.currentData()
    return value if isinstance(value, int) and value != NONE else None
