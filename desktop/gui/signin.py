"""Who is at the desk: the sign-in dialog (first admin on a new store), and the idle lock.

The lock hides the window's content and shows the sign-in dialog's lock page; only the same
officer's password unlocks it. "Another officer" signs him out: the desk closes and the next
officer signs in (``desktop/app.py`` loops).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from desktop.services.auth import AuthService, WorkstationSession
from desktop.views.idle_watch import IdleWatch
from desktop.views.main_window import MainWindow
from desktop.views.sign_in_dialog import SignInActions, SignInDialog

log = logging.getLogger(__name__)


def sign_in_actions(auth: AuthService) -> SignInActions:
    return SignInActions(
        first_run_needed=auth.first_run_needed,
        sign_in=auth.sign_in,
        create_first_admin=lambda username, name, password, unit_id: auth.create_first_admin(
            username=username, display_name=name, password=password, unit_id=unit_id
        ),
        units=auth.first_admin_units,
        unlock=auth.unlock,
        sign_out=auth.sign_out,
    )


async def sign_in(dialog: SignInDialog, stop: asyncio.Event) -> WorkstationSession | None:
    """Show the sign-in (or first-admin) page; None if the officer closed it or the app quits."""
    result: asyncio.Future[WorkstationSession | None] = asyncio.get_running_loop().create_future()

    def signed_in(session: object) -> None:
        if not result.done():
            assert isinstance(session, WorkstationSession)
            result.set_result(session)

    def rejected() -> None:
        if not result.done():
            result.set_result(None)

    dialog.signed_in.connect(signed_in)
    dialog.rejected.connect(rejected)
    try:
        await dialog.prepare()
        dialog.open()
        stopper = asyncio.ensure_future(stop.wait())
        waiting: set[asyncio.Future[Any]] = {result, stopper}
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        stopper.cancel()
        return result.result() if result.done() else None
    finally:
        dialog.signed_in.disconnect(signed_in)
        dialog.rejected.disconnect(rejected)


class IdleLock:
    """Locks the desk after the officer's idle time; ``switched`` is set when another officer
    signs in from the lock screen (the desk then closes)."""

    def __init__(
        self,
        session: WorkstationSession,
        dialog: SignInDialog,
        window: MainWindow,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.clock = clock
        self.session = session
        self.dialog = dialog
        self.window = window
        self.switched: asyncio.Future[WorkstationSession] = (
            asyncio.get_running_loop().create_future()
        )
        self.watch = IdleWatch(self._activity, self.check)
        dialog.unlocked.connect(self._unlocked)
        dialog.signed_in.connect(self._signed_in)

    def start(self) -> None:
        self.watch.start()

    def stop(self) -> None:
        self.watch.stop()
        self.dialog.unlocked.disconnect(self._unlocked)
        self.dialog.signed_in.disconnect(self._signed_in)

    def _activity(self) -> None:
        if not self.window.locked:
            self.session.touch(self.clock())

    def check(self) -> None:
        if not self.window.locked and self.session.is_locked(self.clock()):
            self.lock()

    def lock(self) -> None:
        self.window.set_locked(True)
        self.dialog.lock(self.session)
        self.dialog.open()

    def _unlocked(self) -> None:
        self.window.set_locked(False)

    def _signed_in(self, session: object) -> None:
        assert isinstance(session, WorkstationSession)
        if session.officer.officer_id == self.session.officer.officer_id:
            self.session = session
            self.window.set_locked(False)
        elif not self.switched.done():
            self.switched.set_result(session)
