"""Cyclic garbage is collected on the GUI thread only while the GUI runs."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from desktop.views.gc_guard import GuiGarbageCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.collected_on: list[str] = []


def test_collection_happens_on_the_gui_thread_and_the_collector_comes_back(
    qtbot: QtBot,
) -> None:
    gc.enable()  # the suite runs with automatic collection off (tests/conftest.py)
    guard = GuiGarbageCollector(interval_ms=10)
    guard.start()
    try:
        assert not gc.isenabled()
        freed: list[str] = []

        class Tracked(_Cycle):
            def __del__(self) -> None:
                freed.append(threading.current_thread().name)

        for _ in range(5):
            Tracked()  # unreachable cycles: only a collection frees them
        # allocate past generation 0's threshold from another thread: nothing is collected there
        worker = threading.Thread(target=lambda: [_Cycle() for _ in range(3000)], name="worker")
        worker.start()
        worker.join()
        assert freed == []
        qtbot.waitUntil(lambda: len(freed) == 5, timeout=3000)
        assert set(freed) == {threading.main_thread().name}
        assert guard.collections[0] >= 1
    finally:
        guard.stop()
    assert gc.isenabled()  # given back as it was
    gc.disable()
