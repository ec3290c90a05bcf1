"""The collision indicator: "Đ/c Trần Quốc Tuấn đang mở vụ này" / "… đang soạn trả lời".

While a case is shown the bar renews the officer's presence on it (``beat`` every
``heartbeat_interval``, at once when he starts or stops writing a reply), polls who else is on it
every few seconds, and leaves it when another case is shown. Everything goes through the
presence service's async calls (the writer thread and a reader thread): the GUI never waits, and a
call still running is never doubled. Names are typed by admins: shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop.store.presence import REPLYING, PresenceRow
from desktop.views.async_tasks import TaskSet
from desktop.views.widgets import plain_label

POLL_MS = 4000


class PresenceActions(Protocol):
    """What the bar needs of ``desktop.services.presence.PresenceService``."""

    @property
    def heartbeat_interval(self) -> timedelta: ...
    async def beat(
        self, actor_id: int, thread_id: int, *, replying: bool = False
    ) -> list[PresenceRow]: ...
    async def others(self, actor_id: int, thread_id: int) -> list[PresenceRow]: ...
    async def leave(self, actor_id: int, thread_id: int | None = None) -> None: ...


class PresenceBar(QWidget):
    def __init__(
        self,
        service: PresenceActions,
        officer_id: int,
        *,
        poll_ms: int = POLL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presenceBar")
        self._service = service
        self._officer_id = officer_id
        self._tasks = TaskSet()
        self.thread_id: int | None = None
        self.replying = False
        self.others: list[PresenceRow] = []
        self._beating = False
        self._beat_again = False
        self._polling = False
        self.label = plain_label("", self)
        self.label.setObjectName("presenceText")
        self.label.setWordWrap(True)
        self.label.setStyleSheet(
            "#presenceText { background: #fff3c4; color: #6d4c00; padding: 2px 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.beat_timer = QTimer(self)
        self.beat_timer.setInterval(
            max(1000, int(service.heartbeat_interval.total_seconds() * 1000))
        )
        self.beat_timer.timeout.connect(self.beat)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self.poll)
        self.hide()

    # -- what the panel tells it -----------------------------------------------------------------
    def set_case(self, thread_id: int | None) -> None:
        """The case now shown (None: none); the previous one is left at once."""
        if thread_id == self.thread_id:
            return
        previous = self.thread_id
        self.thread_id = thread_id
        self.replying = False
        self._show([])
        if previous is not None:
            self._tasks.start(self._service.leave(self._officer_id, previous), self._ignore)
        if thread_id is None:
            self.beat_timer.stop()
            self.poll_timer.stop()
            return
        self.beat()
        self.beat_timer.start()
        self.poll_timer.start()

    def set_replying(self, replying: bool) -> None:
        """The reply editor has text (True) or not: told to the others at once."""
        if replying != self.replying:
            self.replying = replying
            if self.thread_id is not None:
                self.beat()

    def shutdown(self) -> None:
        """Leave the shown case (closing the panel, signing out)."""
        self.set_case(None)

    # -- talking to the service ------------------------------------------------------------------
    def beat(self) -> None:
        if self.thread_id is None:
            return
        if self._beating:
            self._beat_again = True  # once the running one is back (replying may have changed)
            return
        self._beating = True
        self._tasks.start(self._beat(self.thread_id, self.replying), self._beat_failed)

    async def _beat(self, thread_id: int, replying: bool) -> None:
        try:
            rows = await self._service.beat(self._officer_id, thread_id, replying=replying)
        finally:
            self._beating = False
        if thread_id == self.thread_id:
            self._show(rows)
        if self._beat_again:
            self._beat_again = False
            self.beat()

    def _beat_failed(self, _error: BaseException) -> None:
        self._beating = False
        self._beat_again = False

    def poll(self) -> None:
        if self.thread_id is None or self._polling or self._beating:
            return
        self._polling = True
        self._tasks.start(self._poll(self.thread_id), self._poll_failed)

    async def _poll(self, thread_id: int) -> None:
        try:
            rows = await self._service.others(self._officer_id, thread_id)
        finally:
            self._polling = False
        if thread_id == self.thread_id:
            self._show(rows)

    def _poll_failed(self, _error: BaseException) -> None:
        self._polling = False

    @staticmethod
    def _ignore(_error: BaseException) -> None:
        """Leaving failed: the row simply expires."""

    # -- showing ---------------------------------------------------------------------------------
    def _show(self, rows: Sequence[PresenceRow]) -> None:
        self.others = list(rows)
        self.label.setText(self.text_for(rows))
        self.setVisible(bool(rows))

    def text_for(self, rows: Sequence[PresenceRow]) -> str:
        names: dict[str, int] = {}
        for row in rows:
            names[row.display_name] = names.get(row.display_name, 0) + 1
        parts = []
        for row in rows:
            where = (
                self.tr(" (máy {ws})").format(ws=row.workstation)
                if names[row.display_name] > 1
                else ""
            )
            if row.activity == REPLYING:
                parts.append(
                    self.tr("✍ Đ/c {name}{where} đang soạn trả lời").format(
                        name=row.display_name, where=where
                    )
                )
            else:
                parts.append(
                    self.tr("👁 Đ/c {name}{where} đang mở vụ này").format(
                        name=row.display_name, where=where
                    )
                )
        return "; ".join(parts)
