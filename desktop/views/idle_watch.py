"""Notices the officer's input (for the idle screen lock) without knowing what a session is.

An application-wide event filter sees every key press, click and wheel turn, and reports
activity at most once a second; a timer asks the composition root's ``check`` periodically.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
CHECK_MS = 15_000


class IdleWatch(QObject):
    def __init__(
        self,
        on_activity: Callable[[], None],
        check: Callable[[], None],
        *,
        check_ms: int = CHECK_MS,
    ) -> None:
        super().__init__()
        self._on_activity = on_activity
        self._last_report = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(check)

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            now = time.monotonic()
            if now - self._last_report >= 1.0:
                self._last_report = now
                self._on_activity()
        return False
