"""The sender process of the outbox drill (``test_outbox_drill.py``): killed with SIGKILL at
random moments, restarted, as the desk app would be after a crash.

Usage: ``python tests/drills/outbox_sender.py SIM_NOW`` with ``DUTYDESK_HOME``, the simulator's
``DUTYDESK_*_URL`` and ``DUTYDESK_ALLOW_INSECURE_KEYRING=1`` in the environment. ``SIM_NOW`` is
the simulator's (frozen) clock, in epoch seconds: the drill advances it only between runs.

Builds the services the way the app does, runs ``OutboxService.run`` (which starts with
``recover()``) and exits 0 as soon as nothing is due any more. Prints ``ready`` on stdout once
it is about to run; logs go to stderr.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import UTC, datetime

import httpx

from desktop.commands.common import credential_store
from desktop.composition import build_platform_services
from desktop.config import load_config
from desktop.services.outbox import OutboxService
from desktop.store.database import Database
from desktop.store.outbox import OutboxRow

HTTP_TIMEOUT_S = 5.0


def _stop_when_idle(service: OutboxService, stop: asyncio.Event) -> None:
    """Wrap ``send_next`` so that ``run`` ends at the first idle step."""
    step = service.send_next

    async def send_next() -> OutboxRow | None:
        row = await step()
        if row is None:
            stop.set()
        return row

    service.send_next = send_next  # type: ignore[method-assign]


async def run(sim_now: float) -> None:
    config = load_config()
    db = Database(config.paths.database, backup_dir=config.paths.backups)
    db.open()
    try:
        credentials = credential_store(config)
        async with httpx.AsyncClient(timeout=HTTP_TIMEOUT_S) as client:
            now = datetime.fromtimestamp(sim_now, UTC)
            services = build_platform_services(config, db, client, credentials, clock=lambda: now)
            services.zalo.clock = lambda: now  # the expiry of refreshed Zalo tokens
            # PlatformHttp passes its own per-request timeout (20 s), overriding the client's.
            services.http.timeout = HTTP_TIMEOUT_S
            sender = services.outbox
            sender.idle_poll_s = 0.01
            stop = asyncio.Event()
            _stop_when_idle(sender, stop)
            print("ready", flush=True)  # the drill's kill timer starts here
            await sender.run(stop)
    finally:
        db.close()


def main(argv: list[str]) -> int:
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    asyncio.run(run(float(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
