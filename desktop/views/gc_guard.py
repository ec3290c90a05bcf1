"""Python's cyclic garbage collector, run on the GUI thread only.

CPython collects cycles on whichever thread happens to allocate when a threshold is crossed —
in this program often the database writer or a reader thread. A cycle holding a Qt widget (a
closed window, a dialog, a slot's closure) is then destroyed off the GUI thread: its timers stay
registered with the GUI thread's dispatcher and the next timer event reaches freed memory
(a segmentation fault in ``QTimerInfoList::activateTimers``; seen in this project's tests).

So automatic collection is switched off while the GUI runs, and a timer on the GUI thread
collects the generations whose thresholds were crossed, as CPython would. calibre, pyqtgraph
and Camelot do the same for the same reason.
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 250  # often enough that the youngest generation stays small
SLOW_MS = 50.0


class GuiGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        self.collections = [0, 0, 0]
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def settle(self) -> None:
        """After start-up: collect once, then freeze what is alive (modules, the model, the
        store's machinery) so that later full collections walk only what came after — fewer
        long pauses on the GUI thread. Call it before any window whose widgets may later become
        garbage (frozen objects are never collected)."""
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        """Collect everything here, on the GUI thread, then give the collector back."""
        self.timer.stop()
        gc.unfreeze()
        gc.collect()
        if self.was_enabled:
            gc.enable()

    def check(self) -> None:
        counts = gc.get_count()
        generation = -1
        if counts[0] > self.thresholds[0]:
            generation = 0
            if counts[1] > self.thresholds[1]:
                generation = 1
                if counts[2] > self.thresholds[2]:
                    generation = 2
        if generation < 0:
            return
        started = time.perf_counter()
        gc.collect(generation)
        self.collections[generation] += 1
        spent = (time.perf_counter() - started) * 1000
        if spent > SLOW_MS:
            log.info("garbage collection of generation %d took %.0f ms", generation, spent)
