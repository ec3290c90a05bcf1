"""The collision indicator: who else has this case open or is writing a reply.

The case pane calls :meth:`PresenceService.beat` when a case is opened, every
``heartbeat_interval`` while it stays open, and with ``replying=True`` while the reply box holds
text; :meth:`others` tells it whom to show ("Lan đang trả lời trên máy TRUCBAN-2"); :meth:`leave`
when the case is closed or the officer signs out. Presence only ever reveals officers' names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from desktop.services.access import Action, load_actor, require_case
from desktop.store.database import Database
from desktop.store.models import utcnow
from desktop.store.presence import (
    DEFAULT_TTL,
    REPLYING,
    VIEWING,
    PresenceRow,
    heartbeat,
    leave,
    present,
    purge_expired,
)

Clock = Callable[[], datetime]


def beat(
    session: Session,
    *,
    actor_id: int,
    thread_id: int,
    workstation: str,
    replying: bool,
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
) -> list[PresenceRow]:
    """Renew the officer's presence and return the others on the same case."""
    actor = load_actor(session, actor_id)
    require_case(session, actor, Action.VIEW_CASE, thread_id)
    heartbeat(
        session,
        officer_id=actor.officer_id,
        thread_id=thread_id,
        workstation=workstation,
        activity=REPLYING if replying else VIEWING,
        now=now,
        ttl=ttl,
    )
    return present(
        session,
        thread_id=thread_id,
        now=now,
        exclude_officer_id=actor.officer_id,
        exclude_workstation=workstation,
    )


class PresenceService:
    def __init__(
        self,
        db: Database,
        workstation: str,
        *,
        clock: Clock = utcnow,
        ttl: timedelta = DEFAULT_TTL,
    ) -> None:
        self._db = db
        self.workstation = workstation[:64]
        self._clock = clock
        self.ttl = ttl

    @property
    def heartbeat_interval(self) -> timedelta:
        return self.ttl / 3

    async def beat(
        self, actor_id: int, thread_id: int, *, replying: bool = False
    ) -> list[PresenceRow]:
        now = self._clock()
        return await self._db.write(
            lambda s: beat(
                s,
                actor_id=actor_id,
                thread_id=thread_id,
                workstation=self.workstation,
                replying=replying,
                now=now,
                ttl=self.ttl,
            )
        )

    async def others(self, actor_id: int, thread_id: int) -> list[PresenceRow]:
        now = self._clock()
        return await self._db.read(
            lambda s: present(
                s,
                thread_id=thread_id,
                now=now,
                exclude_officer_id=actor_id,
                exclude_workstation=self.workstation,
            )
        )

    async def leave(self, actor_id: int, thread_id: int | None = None) -> None:
        await self._db.write(
            lambda s: leave(
                s, officer_id=actor_id, workstation=self.workstation, thread_id=thread_id
            )
        )

    async def purge(self) -> int:
        now = self._clock()
        return await self._db.write(lambda s: purge_expired(s, now))
