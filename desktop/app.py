"""The composition root: builds the object graph and runs the Qt event loop through qasync.

This is the only module that knows every layer. Widgets get the few callables they need.
In demo mode it also starts the built-in simulator, imports its Pages and OAs and keeps the
sync engine and the outbox running in the background.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.config import Config, PlatformUrls

if TYPE_CHECKING:
    from desktop.simulator import SimulatorThread
    from desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DemoOptions:
    rate_per_minute: float = 20.0  # new citizen comments and messages arriving live
    sync_interval_s: float = 10.0


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

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("DutyDesk")
    app.setOrganizationName("DutyDesk")
    return int(qasync.run(_main(config, demo)) or 0)


def _start_simulator(demo: DemoOptions) -> SimulatorThread:
    from desktop.simulator import SimSettings, SimulatorThread, WorldSize

    size = WorldSize(
        posts_per_page=8,
        comments_per_post=12,
        replies_per_comment=0.5,
        conversations_per_page=20,
        messages_per_conversation=4,
        zalo_users_per_oa=30,
        zalo_chatting_users_per_oa=20,
        zalo_messages_per_chat=4,
        history_days=10.0,
    )
    runner = SimulatorThread(SimSettings(size=size, stream_rate_per_minute=demo.rate_per_minute))
    runner.start()
    return runner


async def _main(config: Config, demo: DemoOptions | None) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.services.inbox import InboxFilter, InboxService
    from desktop.services.overview import load_overview
    from desktop.store.database import Database
    from desktop.store.migrate import StoreError
    from desktop.views.inbox_model import InboxModel
    from desktop.views.inbox_view import InboxView
    from desktop.views.main_window import MainWindow
    from desktop.views.thread_pane import ThreadPane

    quit_event = asyncio.Event()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # Closing the window ends main() while the loop still runs, so background work (sync, the
    # outbox, the demo simulator) is stopped in order; a session logout still quits via Qt.
    app.setQuitOnLastWindowClosed(False)
    app.aboutToQuit.connect(quit_event.set)

    db = Database(config.paths.database, backup_dir=config.paths.backups)
    inbox = InboxService(db)
    inbox_model = InboxModel(inbox.page)  # idle until the store is open
    window = MainWindow(
        str(config.paths.database),
        inbox=InboxView(inbox_model),
        thread_pane=ThreadPane(inbox.thread_items),
    )
    window.closing = quit_event.set
    window.show()
    background: list[asyncio.Task[None]] = []
    simulator: SimulatorThread | None = None
    try:
        try:
            report = await db.open_async()
            if report.backup is not None:
                log.info(
                    "store migrated from %s; backup at %s", report.from_revision, report.backup
                )
            window.show_overview(await load_overview(db))
            inbox_model.set_filter(InboxFilter())
        except StoreError as exc:
            window.show_store_error(str(exc))
            await quit_event.wait()
            return 0
        if demo is not None:
            simulator = await asyncio.to_thread(_start_simulator, demo)
            background += await _start_demo_services(
                config, db, simulator, demo, window, inbox_model.refresh, quit_event
            )
        await quit_event.wait()
    finally:
        for task in background:
            task.cancel()
        if background:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait(background, timeout=10)
        if simulator is not None:
            simulator.stop()  # joins the simulator's thread (it stops within a second)
        db.close()
    return 0


async def _start_demo_services(
    config: Config,
    db: object,
    simulator: SimulatorThread,
    demo: DemoOptions,
    window: MainWindow,
    refresh_inbox: Callable[[], None],
    stop: asyncio.Event,
) -> list[asyncio.Task[None]]:
    import httpx

    from desktop.composition import build_platform_services, load_triage
    from desktop.platforms.credentials import CredentialStore
    from desktop.platforms.keyring_select import select_keyring
    from desktop.services.accounts import from_manifest, import_accounts
    from desktop.services.overview import load_overview
    from desktop.services.sync.settings import SyncSettings
    from desktop.store.database import Database

    assert isinstance(db, Database)
    urls = simulator.urls
    assert urls is not None
    demo_config = replace(config, urls=PlatformUrls(urls.graph, urls.zalo, urls.zalo_oauth))
    backend = select_keyring(config.allow_insecure_keyring, config.paths.insecure_keyring)
    credentials = CredentialStore(backend=backend)
    manifest = simulator.control.manifest()["accounts"]
    await asyncio.to_thread(import_accounts, db, credentials, from_manifest(manifest))
    client = httpx.AsyncClient(timeout=20.0)
    triage = await asyncio.to_thread(load_triage, config)
    services = build_platform_services(
        demo_config,
        db,
        client,
        credentials,
        SyncSettings(interval_s=demo.sync_interval_s),
        triage=triage,
    )

    async def refresh(_summary: object) -> None:
        window.show_overview(await load_overview(db))
        window.show_sync_status(_summary_text(_summary))
        refresh_inbox()  # simple for now: reload the first page of the current filter

    pending: set[asyncio.Task[None]] = set()

    def on_pass(summary: object) -> None:
        task = asyncio.ensure_future(refresh(summary))
        pending.add(task)
        task.add_done_callback(pending.discard)

    services.sync.listeners.append(on_pass)

    async def run_all() -> None:
        try:
            await services.recover()
            await asyncio.gather(services.sync.run(stop), services.outbox.run(stop))
        finally:
            await client.aclose()

    return [asyncio.ensure_future(run_all())]


def _summary_text(summary: object) -> str:
    from desktop.services.sync.outcome import SyncSummary

    assert isinstance(summary, SyncSummary)
    ok = sum(1 for o in summary.outcomes if o.ok)
    return (
        f"Đồng bộ {datetime.now().strftime('%H:%M:%S')}: {ok}/{len(summary.outcomes)} tài khoản "
        f"ổn định, +{summary.inserted} mục mới"
    )
