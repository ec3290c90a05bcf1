"""``main.py demo``: the built-in simulator in a background thread, its Pages and OAs imported."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.config import Config, PlatformUrls

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.services.outbox import OutboxService
    from desktop.simulator import SimulatorThread
    from desktop.store.database import Database


@dataclass(frozen=True, slots=True)
class DemoOptions:
    rate_per_minute: float = 20.0  # new citizen comments and messages arriving live
    sync_interval_s: float = 10.0


def start_simulator(demo: DemoOptions) -> SimulatorThread:
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


async def import_demo_accounts(config: Config, db: Database, simulator: SimulatorThread) -> Config:
    """The simulator's Pages and OAs as accounts (fake tokens in the demo's plain keyring);
    returns the configuration pointing the clients at the simulator."""
    from desktop.platforms.credentials import CredentialStore
    from desktop.platforms.keyring_select import select_keyring
    from desktop.services.accounts import from_manifest, import_accounts

    urls = simulator.urls
    assert urls is not None
    backend = select_keyring(config.allow_insecure_keyring, config.paths.insecure_keyring)
    manifest = simulator.control.manifest()["accounts"]
    await asyncio.to_thread(
        import_accounts, db, CredentialStore(backend=backend), from_manifest(manifest)
    )
    return replace(config, urls=PlatformUrls(urls.graph, urls.zalo, urls.zalo_oauth))


DEMO_HELD_REPLY = (
    "Cảm ơn anh/chị đã phản ánh. Công an phường sẽ kiểm tra vụ việc và trả lời anh/chị "
    "trong thời gian sớm nhất."
)


async def stage_held_reply(db: Database, outbox: OutboxService, *, attempts: int = 30) -> None:
    """Show the approval flow from the start: once sync has brought in a complaint, a duty
    officer of the demo roster answers it, and the reply waits in the shift leader's "Chờ duyệt"
    list (only when nothing is waiting there yet). Best effort: the demo works without it."""
    from sqlalchemy import select

    from desktop.domain.enums import Category, Channel, OutboxKind, OutboxState
    from desktop.services.cases import CaseService
    from desktop.services.demo_roster import DEMO_DUTY_USERNAME
    from desktop.store.models import Officer, OutboxAction, Thread

    def pick(session: Session) -> tuple[int, int] | bool:
        """(duty officer, complaint) to answer; True: nothing to do; False: not yet."""
        waiting = session.execute(
            select(OutboxAction.id).where(OutboxAction.state == OutboxState.PENDING_APPROVAL)
        ).first()
        duty = session.execute(
            select(Officer.id).where(Officer.username == DEMO_DUTY_USERNAME)
        ).scalar_one_or_none()
        if waiting is not None or duty is None:
            return True
        thread = session.execute(
            select(Thread.id)
            .where(Thread.category == Category.COMPLAINT, Thread.channel == Channel.FB_COMMENT)
            .order_by(Thread.last_activity_at.desc())
            .limit(1)
        ).scalar_one_or_none()
        return False if thread is None else (int(duty), int(thread))

    for _ in range(attempts):
        found = await db.read(pick)
        if found is True:
            return
        if isinstance(found, tuple):
            duty, thread_id = found
            service = CaseService(db, outbox, outbox.clock, officer_id=duty)
            await service.reply(thread_id, OutboxKind.PUBLIC_REPLY, DEMO_HELD_REPLY)
            return
        await asyncio.sleep(2.0)
