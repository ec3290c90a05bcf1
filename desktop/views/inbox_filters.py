"""The inbox's filter bar: search, urgent only, saved views with their counts, detailed filters.

The bar holds the officer's choice as a ``ViewSpec`` and turns it into the store's filter with
``to_filter`` (the composition root's officer id "mine", the unit tree from the injected loaders).
Counting runs through an injected async counter, one request at a time, never on paint: the
current filter's count after it settles, every view's count on ``refresh_counts`` (after each
sync pass). Saved views are kept by an injected ``SavedViewStore`` (no store: built-ins only).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.services.inbox import AccountOption, InboxFilter, OfficerOption, UnitOption
from desktop.services.saved_views import (
    Assignee,
    Period,
    SavedView,
    SavedViewsState,
    SavedViewStore,
    StatusChoice,
    ViewSpec,
    all_views,
    find_view,
    new_view,
    to_filter,
    with_view,
    without_view,
)
from desktop.views.labels import category_label, channel_label, grouped, status_label
from desktop.views.widgets import plain_label

log = logging.getLogger(__name__)

UnitsLoader = Callable[[], Awaitable[list[UnitOption]]]
AccountsLoader = Callable[[], Awaitable[list[AccountOption]]]
OfficersLoader = Callable[[], Awaitable[list[OfficerOption]]]
Counter = Callable[[Sequence[InboxFilter]], Awaitable[list[int]]]
Clock = Callable[[], datetime]

SEARCH_DEBOUNCE_MS = 250
COUNT_DELAY_MS = 400  # the current filter is counted once it has settled (the page loads first)
CURRENT = "\0current"  # the counts key of the filter on screen


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class InboxFilterBar(QWidget):
    filter_changed = Signal()  # what the officer wants to see changed (see ``current_filter``)
    counts_changed = Signal()  # new counts are shown

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        store: SavedViewStore | None = None,
        officer_id: int | None = None,
        counter: Counter | None = None,
        units: UnitsLoader | None = None,
        accounts: AccountsLoader | None = None,
        officers: OfficersLoader | None = None,
        clock: Clock = _utc_now,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._officer_id = officer_id
        self._counter = counter
        self._units_loader = units
        self._accounts_loader = accounts
        self._officers_loader = officers
        self._clock = clock
        self._state = store.load() if store is not None else SavedViewsState()
        self._views: list[SavedView] = all_views(self._state, officer_id)
        self._spec = ViewSpec()
        self._subtrees: dict[int, frozenset[int]] = {}
        self._counts: dict[str, int] = {}
        self._counted_current: InboxFilter | None = None
        self._count_task: asyncio.Task[None] | None = None
        self._count_pending: set[str] = set()  # "current" / "views"
        self._choices_task: asyncio.Task[None] | None = None
        self._builtin_names = {
            "all": self.tr("Tất cả"),
            "urgent": self.tr("Khẩn cấp"),
            "unclassified": self.tr("Chưa phân loại"),
            "mine": self.tr("Của tôi"),
            "unassigned": self.tr("Chưa giao"),
            "open": self.tr("Đang mở"),
        }
        self._build()
        view = find_view(self._views, self._state.selected) or self._views[0]
        self._spec = view.spec
        self._show_spec(view.spec)
        self._rebuild_tabs(view.key)

    # -- construction --------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("inboxSearch")
        self.search.setPlaceholderText(self.tr("Tìm theo nội dung, tên, số điện thoại…"))
        self.search.setClearButtonEnabled(True)
        self.urgent = QCheckBox(self.tr("Chỉ khẩn cấp"), self)
        self.urgent.setObjectName("inboxUrgentOnly")
        self.more = QToolButton(self)
        self.more.setObjectName("inboxMoreFilters")
        self.more.setText(self.tr("Bộ lọc ▾"))
        self.more.setCheckable(True)
        self.total = plain_label("", self)
        self.total.setObjectName("inboxTotal")

        self.views = QTabBar(self)
        self.views.setObjectName("inboxViews")
        self.views.setExpanding(False)
        self.views.setUsesScrollButtons(True)
        self.views.setDrawBase(False)
        self.views.setDocumentMode(True)
        self.save_view = QToolButton(self)
        self.save_view.setObjectName("inboxSaveView")
        self.save_view.setText(self.tr("Lưu…"))
        self.save_view.setToolTip(self.tr("Lưu bộ lọc hiện tại thành một chế độ xem"))
        self.delete_view = QToolButton(self)
        self.delete_view.setObjectName("inboxDeleteView")
        self.delete_view.setText(self.tr("Xoá"))
        self.delete_view.setToolTip(self.tr("Xoá chế độ xem đã lưu này"))
        self.save_view.setVisible(self._store is not None)
        self.delete_view.setVisible(self._store is not None)

        self._build_panel()
        self._lay_out()
        self._connect()

    def _build_panel(self) -> None:
        self.panel = QWidget(self)
        self.panel.setObjectName("inboxFilterPanel")
        self.scope = self._combo("inboxScope")
        self.channel = self._combo("inboxChannel")
        self.category = self._combo("inboxCategory")
        self.status = self._combo("inboxStatus")
        self.assignee = self._combo("inboxAssignee")
        self.period = self._combo("inboxPeriod")
        self.since = QDateEdit(self.panel)
        self.until = QDateEdit(self.panel)
        for edit, name in ((self.since, "inboxSince"), (self.until, "inboxUntil")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(_qdate(self._clock().astimezone().date()))
            edit.dateChanged.connect(self._controls_changed)
        self.reset = QToolButton(self.panel)
        self.reset.setText(self.tr("Đặt lại"))
        self._fill_static_choices()

        grid = QGridLayout(self.panel)
        grid.setContentsMargins(0, 0, 0, 0)
        cells: list[tuple[str, QWidget]] = [
            (self.tr("Đơn vị / tài khoản"), self.scope),
            (self.tr("Kênh"), self.channel),
            (self.tr("Phân loại"), self.category),
            (self.tr("Trạng thái"), self.status),
            (self.tr("Người xử lý"), self.assignee),
            (self.tr("Thời gian"), self.period),
        ]
        for n, (label, control) in enumerate(cells):
            row, col = divmod(n, 2)
            grid.addWidget(plain_label(label, self.panel), row, col * 2)
            grid.addWidget(control, row, col * 2 + 1)
            grid.setColumnStretch(col * 2 + 1, 1)
        dates = QHBoxLayout()
        self._date_labels = [plain_label(self.tr("Từ"), self.panel)]
        self._date_labels.append(plain_label(self.tr("đến"), self.panel))
        dates.addWidget(self._date_labels[0])
        dates.addWidget(self.since)
        dates.addWidget(self._date_labels[1])
        dates.addWidget(self.until)
        dates.addStretch(1)
        dates.addWidget(self.reset)
        grid.addLayout(dates, 3, 0, 1, 4)
        self.panel.setVisible(False)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.urgent)
        top.addWidget(self.more)
        top.addWidget(self.total)
        tabs = QHBoxLayout()
        tabs.addWidget(self.views, 1)
        tabs.addWidget(self.save_view)
        tabs.addWidget(self.delete_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(tabs)
        layout.addWidget(self.panel)

    def _connect(self) -> None:
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._controls_changed)
        self._count_delay = QTimer(self)
        self._count_delay.setSingleShot(True)
        self._count_delay.setInterval(COUNT_DELAY_MS)
        self._count_delay.timeout.connect(lambda: self._request_counts("current"))
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._controls_changed)
        self.urgent.toggled.connect(self._controls_changed)
        self.more.toggled.connect(self.panel.setVisible)
        self.views.currentChanged.connect(self._view_chosen)
        self.views.tabBarClicked.connect(self._tab_clicked)
        self.save_view.clicked.connect(self._ask_view_name)
        self.delete_view.clicked.connect(self._delete_current_view)
        self.reset.clicked.connect(lambda *_: self.apply_view("all"))

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self.panel)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        combo.currentIndexChanged.connect(self._controls_changed)
        return combo

    def _fill_static_choices(self) -> None:
        with QSignalBlocker(self.scope):
            self.scope.addItem(self.tr("Mọi đơn vị, tài khoản"), "")
        with QSignalBlocker(self.channel):
            self.channel.addItem(self.tr("Mọi kênh"), "")
            for channel in Channel:
                self.channel.addItem(channel_label(channel), channel.value)
        with QSignalBlocker(self.category):
            self.category.addItem(self.tr("Mọi phân loại"), "")
            self.category.addItem(self.tr("Chưa phân loại"), "unclassified")
            for category in Category:
                self.category.addItem(category_label(category), category.value)
        with QSignalBlocker(self.status):
            self.status.addItem(self.tr("Mọi trạng thái"), StatusChoice.ANY.value)
            self.status.addItem(self.tr("Đang mở (chưa xong)"), StatusChoice.OPEN.value)
            for status in CaseStatus:
                self.status.addItem(status_label(status), status.value)
        self._fill_assignees([])
        with QSignalBlocker(self.period):
            for period, label in (
                (Period.ALL, self.tr("Mọi lúc")),
                (Period.DAY, self.tr("24 giờ qua")),
                (Period.WEEK, self.tr("7 ngày qua")),
                (Period.MONTH, self.tr("30 ngày qua")),
                (Period.CUSTOM, self.tr("Khoảng ngày…")),
            ):
                self.period.addItem(label, period.value)

    def _fill_assignees(self, officers: list[OfficerOption]) -> None:
        with QSignalBlocker(self.assignee):
            self.assignee.clear()
            self.assignee.addItem(self.tr("Mọi người"), Assignee.ANY.value)
            if self._officer_id is not None:
                self.assignee.addItem(self.tr("Của tôi"), Assignee.MINE.value)
            self.assignee.addItem(self.tr("Chưa giao"), Assignee.UNASSIGNED.value)
            for officer in officers:
                self.assignee.addItem(officer.display_name, f"officer:{officer.id}")

    # -- the views -----------------------------------------------------------------------------
    @property
    def spec(self) -> ViewSpec:
        return self._spec

    @property
    def view_list(self) -> list[SavedView]:
        return list(self._views)

    def view_name(self, view: SavedView) -> str:
        return self._builtin_names.get(view.key, view.name) if view.builtin else view.name

    def current_view(self) -> SavedView | None:
        key = self.views.tabData(self.views.currentIndex())
        return find_view(self._views, key) if isinstance(key, str) else None

    def apply_view(self, key: str) -> None:
        """Select a view and show what it holds (also when it is already selected)."""
        index = next((i for i in range(self.views.count()) if self.views.tabData(i) == key), None)
        if index is None:
            return
        if index != self.views.currentIndex():
            self.views.setCurrentIndex(index)  # -> _view_chosen
        else:
            self._view_chosen(index)

    def _tab_clicked(self, index: int) -> None:
        if index == self.views.currentIndex():
            self._view_chosen(index)  # a click on the selected view undoes the changes

    def _view_chosen(self, index: int) -> None:
        key = self.views.tabData(index)
        view = find_view(self._views, key) if isinstance(key, str) else None
        if view is None:
            return
        self.delete_view.setEnabled(not view.builtin)
        self._show_spec(view.spec)
        self._set_spec(view.spec)
        if self._store is not None and self._state.selected != view.key:
            self._state = SavedViewsState(self._state.views, view.key)
            self._save()

    def _rebuild_tabs(self, selected: str) -> None:
        with QSignalBlocker(self.views):
            while self.views.count():
                self.views.removeTab(0)
            for view in self._views:
                index = self.views.addTab(self.view_name(view))
                self.views.setTabData(index, view.key)
            chosen = next((i for i, v in enumerate(self._views) if v.key == selected), 0)
            self.views.setCurrentIndex(chosen)
        current = self.current_view()
        self.delete_view.setEnabled(current is not None and not current.builtin)
        self._update_tab_texts()

    def _update_tab_texts(self) -> None:
        current = self.current_view()
        for i in range(self.views.count()):
            view = find_view(self._views, self.views.tabData(i))
            if view is None:
                continue
            text = self.view_name(view)
            count = self._counts.get(view.key)
            if count is not None:
                text += f" ({grouped(count)})"
            if view is current and view.spec != self._spec:
                text += " *"  # the controls were changed since the view was chosen
            self.views.setTabText(i, text)
            self.views.setTabToolTip(i, "")  # names are the officer's own: no rich tooltips

    def _ask_view_name(self, *_args: object) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("inboxSaveViewDialog")
        dialog.setWindowTitle(self.tr("Lưu chế độ xem"))
        dialog.setLabelText(self.tr("Tên chế độ xem:"))
        dialog.textValueSelected.connect(self.save_current_as)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): no nested loop under qasync

    def save_current_as(self, name: str) -> None:
        """Save the controls' current state as a view named ``name`` and select it."""
        if self._store is None or not name.strip():
            return
        view = new_view(name, self._spec)
        self._state = with_view(self._state, view)
        self._views = all_views(self._state, self._officer_id)
        self._save()
        self._rebuild_tabs(view.key)
        self.refresh_counts()

    def _delete_current_view(self, *_args: object) -> None:
        view = self.current_view()
        if self._store is None or view is None or view.builtin:
            return
        self._state = without_view(self._state, view.key)
        self._views = all_views(self._state, self._officer_id)
        self._counts.pop(view.key, None)
        self._save()
        self._rebuild_tabs("all")
        self._view_chosen(0)

    def _save(self) -> None:
        if self._store is None:
            return
        try:
            self._store.save(self._state)
        except OSError as exc:
            log.warning("saved views: could not write %s: %s", self._store.path, exc)

    # -- controls <-> spec ---------------------------------------------------------------------
    def _show_spec(self, spec: ViewSpec) -> None:
        """Put ``spec`` into the controls without reacting to it."""
        widgets = (
            self.search, self.urgent, self.scope, self.channel, self.category, self.status,
            self.assignee, self.period, self.since, self.until,
        )  # fmt: skip
        blockers = [QSignalBlocker(w) for w in widgets]
        try:
            self._debounce.stop()
            self.search.setText(spec.text)
            self.urgent.setChecked(spec.urgent_only)
            scope = (
                f"u:{spec.unit_id}"
                if spec.unit_id is not None
                else f"a:{spec.account_id}"
                if spec.account_id is not None
                else ""
            )
            self._select(self.scope, scope)
            self._select(self.channel, spec.channel.value if spec.channel else "")
            category = (
                spec.category.value
                if spec.category is not None
                else "unclassified"
                if spec.unclassified
                else ""
            )
            self._select(self.category, category)
            self._select(self.status, spec.status.value)
            assignee = (
                f"officer:{spec.officer_id}"
                if spec.assignee is Assignee.OFFICER
                else spec.assignee.value
            )
            self._select(self.assignee, assignee)
            self._select(self.period, spec.period.value)
            today = self._clock().astimezone().date()
            self.since.setDate(_qdate(spec.since or today - timedelta(days=7)))
            self.until.setDate(_qdate(spec.until or today))
            self._show_dates(spec.period is Period.CUSTOM)
        finally:
            for blocker in blockers:
                blocker.unblock()

    def _show_dates(self, shown: bool) -> None:
        for widget in (self.since, self.until, *self._date_labels):
            widget.setVisible(shown)

    @staticmethod
    def _select(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        if index < 0 and data:
            combo.addItem(
                f"#{data.rsplit(':', maxsplit=1)[-1]}", data
            )  # a unit/officer no longer listed
            index = combo.count() - 1
        combo.setCurrentIndex(max(0, index))

    def spec_from_controls(self) -> ViewSpec:
        scope = str(self.scope.currentData() or "")
        category = str(self.category.currentData() or "")
        status = str(self.status.currentData() or StatusChoice.ANY.value)
        assignee = str(self.assignee.currentData() or Assignee.ANY.value)
        period = Period(str(self.period.currentData() or Period.ALL.value))
        officer_id = int(assignee.split(":")[1]) if assignee.startswith("officer:") else None
        return ViewSpec(
            unit_id=int(scope[2:]) if scope.startswith("u:") else None,
            account_id=int(scope[2:]) if scope.startswith("a:") else None,
            channel=Channel(self.channel.currentData()) if self.channel.currentData() else None,
            category=Category(category) if category not in {"", "unclassified"} else None,
            unclassified=category == "unclassified",
            status=(
                StatusChoice(status)
                if status in {s.value for s in StatusChoice}
                else CaseStatus(status)
            ),
            assignee=Assignee.OFFICER if officer_id is not None else Assignee(assignee),
            officer_id=officer_id,
            urgent_only=self.urgent.isChecked(),
            period=period,
            since=_pydate(self.since.date()) if period is Period.CUSTOM else None,
            until=_pydate(self.until.date()) if period is Period.CUSTOM else None,
            text=self.search.text().strip(),
        )

    def _controls_changed(self, *_args: object) -> None:
        self._debounce.stop()
        spec = self.spec_from_controls()
        self._show_dates(spec.period is Period.CUSTOM)
        self._set_spec(spec)

    def apply_now(self) -> None:
        """Apply pending search text at once (no debounce)."""
        self._controls_changed()

    def _set_spec(self, spec: ViewSpec) -> None:
        changed = spec != self._spec
        self._spec = spec
        self._update_tab_texts()
        self.filter_changed.emit()
        if self._counter is not None and (
            changed or self._counted_current != self.current_filter()
        ):
            self.total.setText("…")  # never a number that belongs to another filter
            self._count_delay.start()

    def current_filter(self) -> InboxFilter:
        return self.filter_of(self._spec)

    def filter_of(self, spec: ViewSpec) -> InboxFilter:
        return to_filter(
            spec, officer_id=self._officer_id, now=self._clock(), unit_subtrees=self._subtrees
        )

    # -- choices (units, accounts, officers) ---------------------------------------------------
    def load_choices(self) -> None:
        """Fetch the lists the controls offer (after the store is open)."""
        if self._choices_task is not None:
            return
        task = asyncio.ensure_future(self._load_choices())
        self._choices_task = task
        task.add_done_callback(self._choices_done)

    async def _load_choices(self) -> None:
        units = await self._units_loader() if self._units_loader else []
        accounts = await self._accounts_loader() if self._accounts_loader else []
        officers = await self._officers_loader() if self._officers_loader else []
        self.set_choices(units, accounts, officers)

    def _choices_done(self, task: asyncio.Task[None]) -> None:
        self._choices_task = None
        if not task.cancelled() and task.exception() is not None:
            log.error("inbox filter choices failed to load", exc_info=task.exception())

    def set_choices(
        self, units: list[UnitOption], accounts: list[AccountOption], officers: list[OfficerOption]
    ) -> None:
        before = self.current_filter()
        self._subtrees = {u.id: u.subtree for u in units}
        with QSignalBlocker(self.scope):
            self.scope.clear()
            self.scope.addItem(self.tr("Mọi đơn vị, tài khoản"), "")
            for unit in units:
                self.scope.addItem("    " * unit.depth + unit.name, f"u:{unit.id}")
            if accounts:
                self.scope.insertSeparator(self.scope.count())
            for account in accounts:
                self.scope.addItem(self.tr("Tài khoản: {name}").format(name=account.name),
                                   f"a:{account.id}")  # fmt: skip
        self._fill_assignees(officers)
        self._show_spec(self._spec)
        if self.current_filter() != before:
            self.filter_changed.emit()  # the unit now covers its whole subtree
        self.refresh_counts()

    # -- counts --------------------------------------------------------------------------------
    def count_of(self, key: str) -> int | None:
        return self._counts.get(key)

    @property
    def counting(self) -> bool:
        return self._count_task is not None

    def refresh_counts(self) -> None:
        """Count the current filter and every view (after a sync pass or a change of views)."""
        self._request_counts("current", "views")

    def _request_counts(self, *what: str) -> None:
        if self._counter is None:
            return
        self._count_pending.update(what)
        if self._count_task is not None:
            return  # one at a time: the pending request runs when this one ends
        what_now, self._count_pending = self._count_pending, set()
        keys: list[str] = [CURRENT]
        filters = [self.current_filter()]
        if "views" in what_now:
            keys += [v.key for v in self._views]
            filters += [self.filter_of(v.spec) for v in self._views]
        task = asyncio.ensure_future(self._count(keys, filters))
        self._count_task = task
        task.add_done_callback(self._count_done)

    async def _count(self, keys: list[str], filters: list[InboxFilter]) -> None:
        assert self._counter is not None
        numbers = await self._counter(filters)
        self._counts.update(zip(keys, numbers, strict=True))
        self._counted_current = filters[0]
        self._show_counts()

    def _show_counts(self) -> None:
        total = self._counts.get(CURRENT)
        if total is not None and self._counted_current == self.current_filter():
            self.total.setText(self.tr("{n} vụ việc").format(n=grouped(total)))
        self._update_tab_texts()
        self.counts_changed.emit()

    def _count_done(self, task: asyncio.Task[None]) -> None:
        self._count_task = None
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("inbox counts failed", exc_info=error)
        if self._count_pending:
            try:
                self._request_counts()
            except RuntimeError:  # the widget is gone
                self._count_pending.clear()
