"""GUI tests: async tests run on a qasync loop so Qt events and asyncio tasks both progress."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping

import pytest
import qasync
from PySide6.QtWidgets import QApplication


def _qasync_loop() -> asyncio.AbstractEventLoop:
    app = QApplication.instance() or QApplication([])
    return qasync.QEventLoop(app)


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    return {"qasync": _qasync_loop}
