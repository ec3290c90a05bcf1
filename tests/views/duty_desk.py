"""A store with officers of every role (``tests.people.conftest``) and real cases with items, and
case panels wired as the composition root wires them (forwarding, notes, presence, SLA)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.enums import Category
from desktop.services.assignment import AssignmentService
from desktop.services.audit import AuditService
from desktop.services.cases import CaseService
from desktop.services.forwarding import ForwardingService
from desktop.services.notes import NoteService
from desktop.services.outbox import OutboxService
from desktop.services.presence import PresenceService
from desktop.services.reply_approval import ReplyApprovals
from desktop.services.shifts import ShiftService
from desktop.services.sla import SlaService
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Thread
from desktop.views.case_panel import CasePanel
from tests.factories import T0, comment
from tests.people.conftest import World, build_world
from tests.views.helpers import emitted

# Officer-typed text that must be shown literally: HTML, a link, an image and RTL overrides.
PAYLOAD = (
    '<b>đậm</b><img src="http://evil/x.png"><a href="http://evil">bấm</a> \u202eabc\u202c שלום'
)
PHONE = "0912345678"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class DutyDesk:
    db: Database
    world: World
    clock: Clock
    cases: dict[str, int]  # name → thread id
    outbox: OutboxService
    forwarding: ForwardingService
    notes: NoteService
    sla: SlaService
    shifts: ShiftService
    assignment: AssignmentService
    audit: AuditService
    approvals: ReplyApprovals
    presences: dict[str, PresenceService] = field(default_factory=dict)

    def officer(self, username: str) -> int:
        return self.world.officers[username]

    def presence(self, workstation: str) -> PresenceService:
        if workstation not in self.presences:
            self.presences[workstation] = PresenceService(self.db, workstation, clock=self.clock)
        return self.presences[workstation]

    def panel(
        self,
        qtbot: QtBot,
        username: str,
        *,
        workstation: str = "PC-1",
        with_presence: bool = True,
        presence_poll_ms: int = 50,
    ) -> CasePanel:
        officer = self.officer(username)
        service = CaseService(self.db, self.outbox, self.clock, officer_id=officer)
        panel = CasePanel(
            service,
            self.clock,
            forwarding=self.forwarding,
            notes=self.notes,
            presence=self.presence(workstation) if with_presence else None,
            sla=self.sla,
            presence_poll_ms=presence_poll_ms,
        )
        qtbot.addWidget(panel)
        panel.resize(900, 1100)
        panel.show()
        return panel

    def thread(self, thread_id: int) -> Thread:
        return self.db.read_blocking(lambda s: s.get(Thread, thread_id))


async def show(panel: CasePanel, thread_id: int) -> None:
    async with emitted(panel.case_loaded) as loaded:
        panel.show_case(thread_id)
    assert loaded == [thread_id]


def build_desk(db: Database) -> DutyDesk:
    world = build_world(db)
    question = comment("Cho hỏi làm căn cước ở đâu ạ", minutes=0)
    tip = comment(
        f"Em báo có ổ ma túy ở xóm 3, gọi em số {PHONE}",
        minutes=2,
        author="7000000000000099",
        author_name="Người dân X",
    )
    db.write_blocking(lambda s: ingest_items(s, items=[question, tip], search=db.search))

    def ids(session: Any) -> dict[str, int]:
        return {e: i for e, i in session.execute(select(Thread.external_id, Thread.id))}

    by_ext = db.read_blocking(ids)
    cases = {"question": by_ext[question.external_id], "tip": by_ext[tip.external_id]}

    def classify(session: Any) -> None:
        session.get(Thread, cases["tip"]).category = Category.CRIME_TIP
        session.get(Thread, cases["question"]).category = Category.ADMIN_QUESTION

    db.write_blocking(classify)
    clock = Clock(T0 + timedelta(minutes=10))
    outbox = OutboxService(db, None, None, None, None, clock)  # type: ignore[arg-type]
    return DutyDesk(
        db,
        world,
        clock,
        cases,
        outbox,
        ForwardingService(db, clock=clock),
        NoteService(db, clock=clock),
        SlaService(db, clock=clock),
        ShiftService(db, clock=clock),
        AssignmentService(db, clock=clock),
        AuditService(db, clock=clock),
        ReplyApprovals(db, clock=clock, on_change=outbox.changed),
    )
