"""One officer's workstation: the main window with the inbox and the case panel, wired to the
services and to the background's events (sync passes, outbox changes, connectivity).

A desk lives from sign-in to sign-out (or quit); the background (sync, outbox) outlives it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop.config import Config
from desktop.gui.background import Background
from desktop.gui.settings import SettingsOpener
from desktop.services.alerts import UrgentWatcher
from desktop.services.cases import CaseService
from desktop.services.health import load_health
from desktop.services.inbox import InboxService
from desktop.services.overview import load_overview
from desktop.services.saved_views import SavedViewStore
from desktop.services.sync.outcome import SyncSummary
from desktop.store.database import Database
from desktop.views.alerts import TrayNotifier
from desktop.views.case_panel import CasePanel
from desktop.views.inbox_model import InboxModel
from desktop.views.inbox_view import InboxView
from desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)

HEALTH_REFRESH_S = 5.0


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Desk:
    window: MainWindow
    inbox: InboxView
    panel: CasePanel
    closed: asyncio.Event  # the officer closed the window
    _tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    _undo: list[Callable[[], None]] = field(default_factory=list)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("desk task failed", exc_info=task.exception())

    async def close(self) -> None:
        """Unhook from the background, stop this desk's tasks, close the window."""
        for undo in self._undo:
            undo()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait(self._tasks, timeout=5)
        self.window.closing = None
        self.window.close()
        self.window.deleteLater()


async def open_desk(
    config: Config,
    db: Database,
    background: Background,
    settings: SettingsOpener,
    *,
    officer_id: int | None,
    scope: frozenset[int] | None,
) -> Desk:
    """Build and show the main window for ``officer_id`` (None: no policy, the demo's leader)."""
    services = background.services
    clock = services.outbox.clock
    inbox = InboxService(db)
    await inbox.restrict_to(scope)
    model = InboxModel(inbox.page, rows_loader=inbox.rows)
    view = InboxView(
        model,
        saved_views=SavedViewStore(config.paths.home / "views.json"),
        officer_id=officer_id,
        counter=inbox.counts,
        units=inbox.units,
        accounts=inbox.accounts,
        officers=inbox.officers,
    )
    window = MainWindow(str(config.paths.database), inbox=view)
    cases = CaseService(db, services.outbox, clock, officer_id=officer_id)
    panel = CasePanel(cases, clock)
    window.set_case_panel(panel, panel)
    window.open_settings = settings.open
    closed = asyncio.Event()
    window.closing = closed.set
    desk = Desk(window, view, panel, closed)

    panel.case_changed.connect(view.refresh_thread)
    panel.open_requested.connect(window.open_case)
    view.thread_opened.connect(lambda _thread_id: panel.setFocus())
    window.alerts.show_urgent.connect(lambda: view.filters.apply_view("urgent"))
    if background.keyring_problem is not None:
        window.show_sync_status(background.keyring_problem)

    _wire_events(desk, db, background)
    window.showMaximized()
    view.activate()
    window.show_overview(await load_overview(db))
    return desk


def _wire_events(desk: Desk, db: Database, background: Background) -> None:
    """Sync passes, outbox changes and connectivity → the window (undone by ``Desk.close``)."""
    services = background.services
    window, view, panel = desk.window, desk.inbox, desk.panel
    watcher = UrgentWatcher(db, services.outbox.clock)
    tray = TrayNotifier(window.windowIcon(), window)
    connectivity = services.http.connectivity

    async def show_health() -> None:
        window.show_health(await load_health(db, connectivity.state))

    async def after_pass(summary: SyncSummary) -> None:
        touched: set[int] = set()
        for outcome in summary.outcomes:
            touched |= outcome.touched_thread_ids | outcome.new_thread_ids
        ok = sum(1 for o in summary.outcomes if o.ok)
        window.show_sync_pass(utc_now(), ok, len(summary.outcomes), summary.inserted)
        view.sync_pass_done(touched)
        panel.refresh(touched)
        urgent = await watcher.check(touched)
        if urgent:
            window.alerts.add(urgent)
            tray.notify(urgent)
        window.show_overview(await load_overview(db))
        await show_health()

    def on_pass(summary: SyncSummary) -> None:
        desk.spawn(after_pass(summary))

    def on_outbox(_row: object) -> None:
        desk.spawn(show_health())

    def on_connectivity(_state: object) -> None:
        desk.spawn(show_health())

    for listeners, listener in (
        (services.sync.listeners, on_pass),
        (services.outbox.listeners, on_outbox),
        (connectivity.listeners, on_connectivity),
    ):
        listeners.append(listener)  # type: ignore[arg-type]
        desk._undo.append(lambda ls=listeners, li=listener: ls.remove(li))  # type: ignore[misc]

    async def health_loop() -> None:
        while True:
            await show_health()
            await asyncio.sleep(HEALTH_REFRESH_S)

    desk.spawn(health_loop())
