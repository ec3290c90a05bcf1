"""The platform services that run for the whole application: sync and the outbox.

They start once the store is open and stop when the application quits; signing out or locking
the screen does not stop them (the duty desk keeps collecting). Without a secure keyring (and
without the development setting) nothing can be sent or fetched: the services exist (the case
panel queues actions into the outbox) but do not run, and ``keyring_problem`` says why.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

from desktop.composition import (
    PlatformServices,
    build_platform_services,
    load_classifier,
    offensive_words_with,
    triage_with,
)
from desktop.config import Config
from desktop.platforms.credentials import CredentialStore
from desktop.platforms.keyring_select import NoSecureKeyringError, select_keyring
from desktop.platforms.memory_keyring import MemoryKeyring
from desktop.services.assignment import AssignmentService
from desktop.services.cases import OffensiveWords
from desktop.services.sync.settings import SyncSettings
from desktop.store.database import Database

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Background:
    services: PlatformServices
    client: httpx.AsyncClient
    keyring_problem: str | None = None
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    offensive: OffensiveWords | None = None  # the case panel's word marker (None: no model)

    def finished(self, task: asyncio.Task[Any]) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background step failed", exc_info=task.exception())

    async def aclose(self) -> None:
        for task in self.tasks:
            task.cancel()
        if self.tasks:
            await asyncio.wait(self.tasks, timeout=10)
        await self.client.aclose()


async def start_background(
    config: Config, db: Database, stop: asyncio.Event, *, sync_interval_s: float | None = None
) -> Background:
    keyring_problem: str | None = None
    try:
        backend = select_keyring(config.allow_insecure_keyring, config.paths.insecure_keyring)
    except NoSecureKeyringError as exc:
        keyring_problem = str(exc)
        backend = MemoryKeyring()  # never written: sync and sending stay off
    # Building the client loads the CA bundle (~40 ms): off the GUI thread, like the model.
    client = await asyncio.to_thread(httpx.AsyncClient, timeout=20.0)
    classifier = await asyncio.to_thread(load_classifier, config)
    triage = None if classifier is None else triage_with(classifier)
    settings = (
        SyncSettings() if sync_interval_s is None else SyncSettings(interval_s=sync_interval_s)
    )
    services = build_platform_services(
        config, db, client, CredentialStore(backend=backend), settings, triage=triage
    )
    background = Background(services, client, keyring_problem)
    if classifier is not None:  # the same model sync uses, loaded once
        background.offensive = offensive_words_with(classifier)
    assignment = AssignmentService(db)

    def after_pass(_summary: object) -> None:  # auto-assign what arrived; settle ended shifts
        task = asyncio.ensure_future(assignment.tick())
        background.tasks.append(task)
        task.add_done_callback(background.finished)

    services.sync.listeners.append(after_pass)
    if keyring_problem is None:
        background.tasks.append(asyncio.ensure_future(_run(services, stop)))
    else:
        log.warning("sync and sending are off: %s", keyring_problem)
    return background


async def _run(services: PlatformServices, stop: asyncio.Event) -> None:
    await services.recover()
    await asyncio.gather(services.sync.run(stop), services.outbox.run(stop))
