"""The composition root: builds the object graph and runs the Qt event loop through qasync.

This is the only module that knows every layer. Widgets get the few callables they need.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys

from desktop.config import Config

log = logging.getLogger(__name__)


def _display_available() -> bool:
    if sys.platform != "linux":
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM") in {"offscreen", "minimal", "vnc"}
    )


def run_gui(config: Config) -> int:
    if not _display_available():
        print(
            "dutydesk: no display found. On a server run the workstation under a virtual "
            "screen:\n  xvfb-run -a python main.py\n(or set QT_QPA_PLATFORM=offscreen).",
            file=sys.stderr,
        )
        return 4
    os.environ.setdefault("QT_API", "pyside6")
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("DutyDesk")
    app.setOrganizationName("DutyDesk")
    return int(qasync.run(_main(config)) or 0)


async def _main(config: Config) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.services.overview import load_overview
    from desktop.store.database import Database
    from desktop.store.migrate import StoreError
    from desktop.views.main_window import MainWindow

    quit_event = asyncio.Event()
    app = QApplication.instance()
    assert app is not None
    app.aboutToQuit.connect(quit_event.set)

    window = MainWindow(str(config.paths.database))
    window.show()
    db = Database(config.paths.database, backup_dir=config.paths.backups)
    try:
        try:
            report = await db.open_async()
            if report.backup is not None:
                log.info(
                    "store migrated from %s; backup at %s", report.from_revision, report.backup
                )
            window.show_overview(await load_overview(db))
        except StoreError as exc:
            window.show_store_error(str(exc))
        await quit_event.wait()
    finally:
        db.close()
    return 0
