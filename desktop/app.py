"""The composition root's entry: runs the Qt event loop through qasync and the workstation's
lifecycle. The parts it assembles live in ``desktop/gui/`` (see its ``__init__``).

1. The store opens off the GUI thread (migrations, backup first). A store that cannot be used
   (newer than this program, not ours) is explained in a window; nothing is changed.
2. Demo mode starts the built-in simulator and imports its Pages and OAs.
3. The background starts: sync and the outbox run until the application quits.
4. Who is at the desk: the demo acts as its shift leader; otherwise the officer signs in (the
   first run creates the first admin). The desk (main window) opens for that officer; the idle
   lock guards it; "another officer" on the lock screen closes it and opens the next one.
5. Closing the window quits: background work stops in order, the simulator stops, the store
   closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from desktop.config import Config
from desktop.gui.demo import DemoOptions

if TYPE_CHECKING:
    from desktop.gui.background import Background
    from desktop.gui.settings import SettingsOpener
    from desktop.services.preferences import PreferencesStore
    from desktop.simulator import SimulatorThread
    from desktop.store.database import Database

__all__ = ["DemoOptions", "run_gui"]

log = logging.getLogger(__name__)
_STARTED = time.perf_counter()


def _display_available() -> bool:
    if sys.platform != "linux":
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM") in {"offscreen", "minimal", "vnc"}
    )


def run_gui(config: Config, demo: DemoOptions | None = None) -> int:
    if not _display_available():
        print(
            "dutydesk: no display found. On a server run the workstation under a virtual "
            "screen:\n  xvfb-run -a python main.py"
            + (" demo" if demo else "")
            + "\n(or set QT_QPA_PLATFORM=offscreen).",
            file=sys.stderr,
        )
        return 4
    os.environ.setdefault("QT_API", "pyside6")
    import qasync
    from PySide6.QtWidgets import QApplication

    from desktop.services.preferences import PreferencesStore, startup_language
    from desktop.views.gc_guard import GuiGarbageCollector
    from desktop.views.i18n import install_translator

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("DutyDesk")
    app.setOrganizationName("DutyDesk")
    prefs = PreferencesStore(config.paths.settings_file)
    language = startup_language(prefs.load())
    install_translator(app, language)  # before any widget exists
    collector = GuiGarbageCollector()  # cycles with widgets die on this thread only
    collector.start()
    try:
        return int(qasync.run(_main(config, demo, prefs, language, collector.settle)) or 0)
    finally:
        collector.stop()


async def _main(
    config: Config,
    demo: DemoOptions | None,
    prefs: PreferencesStore,
    language: str,
    settled: Callable[[], None] = lambda: None,
) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.gui.settings import settings_opener
    from desktop.services.stall_monitor import StallMonitor
    from desktop.store.database import Database
    from desktop.store.migrate import StoreError

    quit_event = asyncio.Event()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # Closing the window ends main() while the loop still runs, so background work (sync, the
    # outbox, the demo simulator) is stopped in order; a session logout still quits via Qt.
    app.setQuitOnLastWindowClosed(False)
    app.aboutToQuit.connect(quit_event.set)
    stalls = StallMonitor()
    stalls.start()

    db = Database(config.paths.database, backup_dir=config.paths.backups)
    background: Background | None = None
    simulator: SimulatorThread | None = None
    settings: SettingsOpener | None = None
    try:
        try:
            report = await db.open_async()
        except StoreError as exc:
            await _explain_store_error(str(exc), config, quit_event)
            return 0
        if report.backup is not None:
            log.info("store migrated from %s; backup at %s", report.from_revision, report.backup)
        settings = settings_opener(config, db, prefs, language)
        background, simulator = await _start_background(config, db, demo, quit_event)
        settled()  # start-up is over: freeze what lives for the whole run
        await _desks(config, db, background, settings, demo, quit_event, prefs)
    finally:
        stalls.stop()
        log.info(
            "event loop: longest stall %.0f ms, %d stalls over %.0f ms",
            stalls.stats.max_ms,
            stalls.stats.over_warn,
            stalls.warn_ms,
        )
        quit_event.set()
        if settings is not None:
            settings.shutdown()
        if background is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await background.aclose()
        if simulator is not None:
            simulator.stop()  # joins the simulator's thread (it stops within a second)
        db.close()
    return 0


async def _start_background(
    config: Config, db: Database, demo: DemoOptions | None, stop: asyncio.Event
) -> tuple[Background, SimulatorThread | None]:
    from desktop.gui.background import start_background
    from desktop.gui.demo import import_demo_accounts, start_simulator

    if demo is None:
        return await start_background(config, db, stop), None
    simulator = await asyncio.to_thread(start_simulator, demo)
    platform_config = await import_demo_accounts(config, db, simulator)
    background = await start_background(
        platform_config, db, stop, sync_interval_s=demo.sync_interval_s
    )
    return background, simulator


async def _desks(
    config: Config,
    db: Database,
    background: Background,
    settings: SettingsOpener,
    demo: DemoOptions | None,
    quit_event: asyncio.Event,
    prefs: PreferencesStore,
) -> None:
    """Open the desk for each officer in turn until the application quits."""
    from desktop.gui.demo import stage_held_reply
    from desktop.gui.desk import open_desk
    from desktop.gui.signin import IdleLock, sign_in, sign_in_actions
    from desktop.services.auth import AuthService
    from desktop.services.demo_roster import demo_officer_id
    from desktop.views.sign_in_dialog import SignInDialog

    if demo is not None:  # the demo's shift leader: no password, no lock
        officer_id = await demo_officer_id(db)
        desk = await open_desk(config, db, background, settings, officer_id=officer_id)
        log.info("window shown %.0f ms after start", (time.perf_counter() - _STARTED) * 1000)
        desk.spawn(stage_held_reply(db, background.services.outbox))
        await _first(desk.closed, quit_event)
        await desk.close()
        return

    auth = AuthService(db)
    dialog = SignInDialog(sign_in_actions(auth))
    try:
        session = await sign_in(dialog, quit_event)
        while session is not None and not quit_event.is_set():
            idle = timedelta(minutes=prefs.load().idle_lock_minutes)  # as saved in settings
            auth.idle_timeout = session.idle_timeout = idle
            officer_id = session.officer.officer_id
            desk = await open_desk(config, db, background, settings, officer_id=officer_id)
            lock = IdleLock(session, dialog, desk.window)
            lock.start()
            closed = asyncio.ensure_future(desk.closed.wait())
            quitting = asyncio.ensure_future(quit_event.wait())
            waiting: set[asyncio.Future[Any]] = {closed, quitting, lock.switched}
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
            for waiter in (closed, quitting):
                waiter.cancel()
            lock.stop()
            await desk.close()
            session = lock.switched.result() if lock.switched.done() else None
    finally:
        dialog.shutdown()
        dialog.deleteLater()


async def _first(*events: asyncio.Event) -> None:
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    for waiter in waiters:
        waiter.cancel()


async def _explain_store_error(message: str, config: Config, quit_event: asyncio.Event) -> None:
    """A store this program must not touch: say why in a window, change nothing, wait."""
    from desktop.views.main_window import MainWindow

    window = MainWindow(str(config.paths.database))
    window.show_store_error(message)
    window.closing = quit_event.set
    window.show()
    await quit_event.wait()
