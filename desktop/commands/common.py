"""What every headless command needs: the store, the keyring, the platform services."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import httpx

from desktop.composition import PlatformServices, build_platform_services, load_triage
from desktop.config import Config
from desktop.platforms.credentials import CredentialStore
from desktop.platforms.keyring_select import select_keyring
from desktop.store.database import Database

HTTP_TIMEOUT_S = 20.0


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def warn(line: str) -> None:
    sys.stderr.write(line + "\n")


@contextmanager
def open_store(config: Config) -> Iterator[Database]:
    db = Database(config.paths.database, backup_dir=config.paths.backups)
    try:
        db.open()
        yield db
    finally:
        db.close()


def credential_store(config: Config) -> CredentialStore:
    """The OS keyring, or the plain file only when the development setting allows it."""
    backend = select_keyring(config.allow_insecure_keyring, config.paths.insecure_keyring)
    return CredentialStore(backend=backend)


@asynccontextmanager
async def platform_services(
    config: Config, db: Database, credentials: CredentialStore
) -> AsyncIterator[PlatformServices]:
    triage = await asyncio.to_thread(load_triage, config)
    async with httpx.AsyncClient(timeout=HTTP_TIMEOUT_S) as client:
        yield build_platform_services(config, db, client, credentials, triage=triage)
