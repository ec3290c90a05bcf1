"""The case service: detail, version-checked changes, reply windows, moderation, templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.domain.enums import (
    CaseStatus,
    Category,
    CategorySource,
    Channel,
    OutboxKind,
    OutboxState,
)
from desktop.services import cases as cases_module
from desktop.services.access import Action, PermissionDenied
from desktop.services.cases import CaseRefused, CaseService, StaleCase
from desktop.services.demo_roster import DEMO_OFFICERS, ensure_demo_officers
from desktop.services.outbox import OutboxService
from desktop.services.reply_templates import (
    TemplateError,
    load_templates,
    parse_templates,
)
from desktop.services.windows import WindowReason
from desktop.store.audit import AuditAction, verify_chain
from desktop.store.corrections import all_corrections
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import (
    AuditEvent,
    Item,
    LabelledExample,
    Officer,
    OutboxAction,
    Thread,
    Unit,
)
from tests.factories import PAGE2, T0, comment, message, setup_accounts


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Desk:
    db: Database
    service: CaseService
    clock: Clock
    officer: int
    comment: int  # a comment thread (top-level comment + a reply with a phone number)
    other_page: int  # the same citizen's comment on another Page
    messenger: int
    zalo: int


@pytest.fixture
def desk(db: Database) -> Desk:
    setup_accounts(db)
    root = comment("Cho hỏi làm căn cước ở đâu ạ", minutes=0)
    reply = comment("gọi em số 0912 345 678 nhé", thread=root.external_id, minutes=5)
    elsewhere = comment("bên Sầm Sơn cũng vậy", minutes=7, page=PAGE2)
    chat = [message("có người đánh nhau ở chợ", thread="t_9", minutes=m) for m in (10, 20)]
    zalo = [message("em bị lừa chuyển tiền", channel=Channel.ZALO_MESSAGE, thread="u9", minutes=30)]
    result = db.write_blocking(
        lambda s: ingest_items(s, items=[root, reply, elsewhere, *chat, *zalo], search=db.search)
    )
    assert len(result.new_thread_ids) == 4
    officer = db.write_blocking(ensure_demo_officers)
    clock = Clock(T0 + timedelta(hours=1))
    outbox = OutboxService(db, None, None, None, None, clock)  # type: ignore[arg-type]
    service = CaseService(db, outbox, clock, officer_id=officer)

    def ids(session: Any) -> dict[tuple[Channel, str], int]:
        return {
            (c, e): i
            for i, c, e in session.execute(select(Thread.id, Thread.channel, Thread.external_id))
        }

    by_key = db.read_blocking(ids)
    return Desk(
        db,
        service,
        clock,
        officer,
        by_key[(Channel.FB_COMMENT, root.external_id)],
        by_key[(Channel.FB_COMMENT, elsewhere.external_id)],
        by_key[(Channel.FB_MESSAGE, "t_9")],
        by_key[(Channel.ZALO_MESSAGE, "u9")],
    )


def _queued(db: Database) -> int:
    return db.read_blocking(lambda s: s.execute(select(func.count(OutboxAction.id))).scalar_one())


@pytest.mark.asyncio
async def test_detail_holds_the_thread_its_context_personal_data_and_windows(desk: Desk) -> None:
    detail = await desk.service.detail(desk.comment)
    case = detail.case
    assert case.channel is Channel.FB_COMMENT and case.version == 1
    assert case.post_message == "Cảnh báo lừa đảo qua mạng"
    assert case.account_name == "CA tỉnh" and case.unit_name == "Công an tỉnh Thanh Hóa"
    assert case.comment_created_at == T0 and case.root_item_id is not None
    assert [i.text for i in detail.items] == [
        "Cho hỏi làm căn cước ở đâu ạ",
        "gọi em số 0912 345 678 nhé",
    ]
    assert [(p.kind, p.value) for p in detail.pii] == [("phone", "0912 345 678")]
    finding = detail.pii[0]
    item = next(i for i in detail.items if i.item_id == finding.item_id)
    assert item.text[finding.start : finding.end] == "0912 345 678"
    assert detail.reply_kinds == (OutboxKind.PUBLIC_REPLY, OutboxKind.PRIVATE_REPLY)
    assert OutboxKind.HIDE in detail.moderation_kinds
    private = detail.windows[OutboxKind.PRIVATE_REPLY]
    assert private.open and private.closes_at == T0 + timedelta(days=7)
    assert detail.windows[OutboxKind.PUBLIC_REPLY].closes_at is None
    # The same citizen commented on another Page: that case is listed, not this one.
    assert [t.thread_id for t in detail.author_threads] == [desk.other_page]
    assert detail.author_threads[0].account_name == "CA Sầm Sơn"

    zalo = await desk.service.detail(desk.zalo)
    assert zalo.reply_kinds == (OutboxKind.MESSAGE_REPLY,) and zalo.moderation_kinds == ()
    assert zalo.windows[OutboxKind.MESSAGE_REPLY].closes_at == T0 + timedelta(minutes=30, days=7)
    with pytest.raises(LookupError):
        await desk.service.detail(10**9)


@pytest.mark.asyncio
async def test_classification_is_version_checked_and_becomes_an_example(desk: Desk) -> None:
    service = desk.service
    version = await service.classify(desk.comment, Category.ADMIN_QUESTION, False, 1)
    assert version == 2
    case = (await service.detail(desk.comment)).case
    assert case.category is Category.ADMIN_QUESTION and case.confidence == 1.0
    assert case.category_source is CategorySource.OFFICER
    assert case.category_by_name == DEMO_OFFICERS[0][1]
    assert desk.db.read_blocking(all_corrections) == [
        ("Cho hỏi làm căn cước ở đâu ạ", "admin_question", False)
    ]
    with pytest.raises(StaleCase):
        await service.classify(desk.comment, Category.SPAM, False, 1)
    assert (await service.detail(desk.comment)).case.category is Category.ADMIN_QUESTION
    assert len(desk.db.read_blocking(all_corrections)) == 1


@pytest.mark.asyncio
async def test_urgency_alone_leaves_the_category_and_adds_no_example(desk: Desk) -> None:
    service = desk.service
    assert await service.set_urgent(desk.messenger, True, 1) == 2
    case = (await service.detail(desk.messenger)).case
    assert case.urgent and case.priority == 2 and case.category is None
    assert await service.set_urgent(desk.messenger, False, 2) == 3
    case = (await service.detail(desk.messenger)).case
    assert not case.urgent and case.priority == 0
    count = desk.db.read_blocking(
        lambda s: s.execute(select(func.count(LabelledExample.id))).scalar_one()
    )
    assert count == 0


@pytest.mark.asyncio
async def test_assignment_to_an_officer_or_a_unit(desk: Desk) -> None:
    service = desk.service
    officers = await service.officers()
    assert len(officers) == len(DEMO_OFFICERS)
    leader = next(o for o in officers if o.display_name == "Nguyễn Thị Thu Hà")
    assert leader.unit_name == "Công an tỉnh Thanh Hóa"
    units = await service.units()
    samson = next(u for u in units if u.code == "TH-SAMSON")

    version = await service.assign(desk.comment, leader.id, None, 1)
    case = (await service.detail(desk.comment)).case
    assert (case.assignee_name, case.status, case.version) == (
        "Nguyễn Thị Thu Hà",
        CaseStatus.IN_PROGRESS,
        version,
    )
    # Reassigned by someone who still saw version 1: refused, nothing overwritten.
    with pytest.raises(StaleCase):
        await service.assign(desk.comment, None, samson.id, 1)
    # Forwarded to a lower unit, nobody holds it there yet.
    version = await service.assign(desk.comment, None, samson.id, version)
    case = (await service.detail(desk.comment)).case
    assert case.assignee_id is None and case.unit_name == "Công an TP Sầm Sơn"
    assert case.status is CaseStatus.FORWARDED
    with pytest.raises(CaseRefused, match="không còn hoạt động"):
        await service.assign(desk.comment, 10**6, None, version)


@pytest.mark.asyncio
async def test_status_and_priority(desk: Desk) -> None:
    service = desk.service
    version = await service.set_status(desk.zalo, CaseStatus.RESOLVED, 1)
    version = await service.set_priority(desk.zalo, 1, version)
    case = (await service.detail(desk.zalo)).case
    assert (case.status, case.priority, case.version) == (CaseStatus.RESOLVED, 1, 3)
    with pytest.raises(CaseRefused):
        await service.set_priority(desk.zalo, 7, version)
    with pytest.raises(StaleCase):
        await service.set_status(desk.zalo, CaseStatus.REOPENED, 2)


@pytest.mark.asyncio
async def test_every_change_is_audited_in_its_own_transaction(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = desk.service
    version = await service.classify(desk.comment, Category.CRIME_TIP, True, 1)
    version = await service.assign(desk.comment, desk.officer, None, version)
    version = await service.set_status(desk.comment, CaseStatus.RESOLVED, version)
    await service.set_priority(desk.comment, 1, version)
    reply = await service.reply(desk.comment, OutboxKind.PUBLIC_REPLY, "Đã tiếp nhận 0912 345 678")
    await service.moderate(desk.comment, None, OutboxKind.HIDE)
    events = desk.db.read_blocking(
        lambda s: [
            (e.action, e.subject_type, e.subject_id, e.actor_id, e.details_json)
            for e in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()
        ]
    )
    tid = str(desk.comment)
    assert [(a, t, i, who) for a, t, i, who, _d in events] == [
        (action, "thread", tid, desk.officer)
        for action in (
            AuditAction.CLASSIFICATION_CHANGED,
            AuditAction.ASSIGNED,
            AuditAction.STATUS_CHANGED,
            AuditAction.PRIORITY_CHANGED,
            AuditAction.REPLY_QUEUED,
            AuditAction.HIDDEN,
        )
    ]
    assert events[0][4] == {"category": "crime_tip", "urgent": True}
    assert events[4][4]["outbox_id"] == reply.id
    assert "0912" not in repr(events)  # no message text or personal data in the log
    assert desk.db.read_blocking(verify_chain).ok

    def fail(session: Any, **event: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(cases_module, "_audit", fail)
    before = await service.detail(desk.comment)
    with pytest.raises(RuntimeError):
        await service.set_status(desk.comment, CaseStatus.REOPENED, before.version)
    with pytest.raises(RuntimeError):
        await service.reply(desk.comment, OutboxKind.PUBLIC_REPLY, "không được ghi")
    after = await service.detail(desk.comment)
    assert after.case.status is CaseStatus.RESOLVED and after.version == before.version
    assert len(after.actions) == len(before.actions)  # no change without its audit event


@pytest.mark.asyncio
async def test_messenger_window_24h_then_human_agent_then_refused(desk: Desk) -> None:
    service, clock = desk.service, desk.clock
    last = T0 + timedelta(minutes=20)
    clock.now = last + timedelta(hours=2)
    window = (await service.detail(desk.messenger)).windows[OutboxKind.MESSAGE_REPLY]
    assert window.open and not window.human_agent and window.closes_at == last + timedelta(hours=24)
    row = await service.reply(desk.messenger, OutboxKind.MESSAGE_REPLY, "Chào bạn")
    assert row.state is OutboxState.QUEUED and row.payload["message"] == "Chào bạn"
    assert row.created_by_id == desk.officer

    clock.now = last + timedelta(hours=30)
    window = (await service.detail(desk.messenger)).windows[OutboxKind.MESSAGE_REPLY]
    assert window.open and window.human_agent and window.closes_at == last + timedelta(days=7)
    await service.reply(desk.messenger, OutboxKind.MESSAGE_REPLY, "Cán bộ trực ban trả lời")

    clock.now = last + timedelta(days=8)
    detail = await service.detail(desk.messenger)
    assert not detail.windows[OutboxKind.MESSAGE_REPLY].open
    before = _queued(desk.db)
    with pytest.raises(CaseRefused, match="Đã hết hạn trả lời") as refused:
        await service.reply(desk.messenger, OutboxKind.MESSAGE_REPLY, "quá hạn")
    assert refused.value.code == "window_closed" and "HUMAN_AGENT" in str(refused.value)
    assert _queued(desk.db) == before  # refused before anything was queued
    # The detail computes the window at any moment without the database.
    assert detail.window(OutboxKind.MESSAGE_REPLY, last + timedelta(hours=1)).open


@pytest.mark.asyncio
async def test_zalo_window_closes_after_7_days(desk: Desk) -> None:
    desk.clock.now = T0 + timedelta(days=8)
    with pytest.raises(CaseRefused, match="-230"):
        await desk.service.reply(desk.zalo, OutboxKind.MESSAGE_REPLY, "Chào bạn")
    with pytest.raises(CaseRefused, match="không cho kiểu trả lời"):
        await desk.service.reply(desk.zalo, OutboxKind.PUBLIC_REPLY, "Chào bạn")
    assert _queued(desk.db) == 0


@pytest.mark.asyncio
async def test_private_reply_once_per_comment_within_7_days(desk: Desk) -> None:
    service = desk.service
    row = await service.reply(desk.comment, OutboxKind.PRIVATE_REPLY, "Bạn nhắn riêng nhé")
    detail = await service.detail(desk.comment)
    assert row.item_id == detail.case.root_item_id and detail.case.has_private_reply
    assert not detail.windows[OutboxKind.PRIVATE_REPLY].open
    with pytest.raises(CaseRefused) as again:
        await service.reply(desk.comment, OutboxKind.PRIVATE_REPLY, "lần hai")
    assert again.value.code == "already_replied"
    # The reply in the thread is another comment: it can still be answered privately, until
    # 7 days after it was written.
    other = next(i for i in detail.items if i.item_id != detail.case.root_item_id)
    await service.reply(desk.comment, OutboxKind.PRIVATE_REPLY, "Cảm ơn bạn", item_id=other.item_id)
    desk.clock.now = T0 + timedelta(days=8)
    root2 = await service.detail(desk.other_page)
    with pytest.raises(CaseRefused, match="quá 7 ngày") as late:
        await service.reply(root2.thread_id, OutboxKind.PRIVATE_REPLY, "muộn")
    assert late.value.code == "window_closed"
    # A public reply has no window.
    await service.reply(desk.comment, OutboxKind.PUBLIC_REPLY, "Đã tiếp nhận")
    with pytest.raises(CaseRefused, match="trống"):
        await service.reply(desk.comment, OutboxKind.PUBLIC_REPLY, "   ")


@pytest.mark.asyncio
async def test_moderation_targets_citizens_comments(desk: Desk) -> None:
    service = desk.service
    detail = await service.detail(desk.comment)
    hide = await service.moderate(desk.comment, None, OutboxKind.HIDE)
    root_ext = detail.comment(None)
    assert root_ext is not None
    assert hide.payload == {"comment_id": root_ext.external_id}
    other = detail.items[1]
    delete = await service.moderate(desk.comment, other.item_id, OutboxKind.DELETE)
    assert delete.payload == {"comment_id": other.external_id} and delete.item_id == other.item_id
    block = await service.moderate(desk.messenger, None, OutboxKind.BLOCK)
    assert block.payload == {"psid": "7000000000000002"}
    with pytest.raises(CaseRefused, match="không cho thao tác"):
        await service.moderate(desk.zalo, None, OutboxKind.BLOCK)
    with pytest.raises(CaseRefused, match="không cho thao tác"):
        await service.moderate(desk.messenger, None, OutboxKind.HIDE)
    actions = (await service.detail(desk.comment)).actions
    assert [a.kind for a in actions] == [OutboxKind.HIDE, OutboxKind.DELETE]
    assert all(a.state is OutboxState.QUEUED for a in actions)


@pytest.mark.asyncio
async def test_outbox_changes_reach_subscribers(desk: Desk) -> None:
    seen: list[int] = []
    unsubscribe = desk.service.subscribe(lambda row: seen.append(row.id))
    row = await desk.service.reply(desk.comment, OutboxKind.PUBLIC_REPLY, "một")
    unsubscribe()
    await desk.service.reply(desk.comment, OutboxKind.PUBLIC_REPLY, "hai")
    assert seen == [row.id]


@pytest.mark.asyncio
async def test_templates_render_with_the_cases_unit(desk: Desk) -> None:
    service = desk.service
    detail = await service.detail(desk.comment)
    first = service.templates(OutboxKind.PUBLIC_REPLY, Category.ADMIN_QUESTION)[0]
    assert first.id == "admin_portal"
    text = service.render(first, detail)
    assert "https://dichvucong.bocongan.gov.vn" in text
    assert "Công an tỉnh Thanh Hóa" in text and "{" not in text
    private = [t.id for t in service.templates(OutboxKind.PRIVATE_REPLY, Category.CRIME_TIP)]
    assert private[0] == "tip_private" and "tip_move_private" not in private
    # Every shipped template renders with no variable left over.
    book = load_templates()
    for template in book.templates:
        assert "{" not in book.render(template, unit_code="TH", unit_name="Công an tỉnh Thanh Hóa")


def test_template_variables_per_unit_and_refusals() -> None:
    book = parse_templates(
        {
            "variables": {"hotline": "113", "portal_link": "https://example.invalid"},
            "units": {"TH-SAMSON": {"hotline": "0000"}},
            "templates": [
                {
                    "id": "a",
                    "title": "A",
                    "kinds": ["public_reply"],
                    "text": "{unit_name}: {hotline}",
                }
            ],
        }
    )
    template = book.get("a")
    assert (
        book.render(template, unit_code="TH-SAMSON", unit_name="CA Sầm Sơn") == "CA Sầm Sơn: 0000"
    )
    assert book.render(template, unit_code="TH", unit_name="CA tỉnh") == "CA tỉnh: 113"
    assert book.for_case(OutboxKind.MESSAGE_REPLY, None) == []
    with pytest.raises(TemplateError, match="unknown variable"):
        parse_templates(
            {"templates": [{"id": "b", "title": "B", "text": "{secret.__class__}x{pw}"}]}
        )
    with pytest.raises(TemplateError, match="kinds"):
        parse_templates({"templates": [{"id": "c", "title": "C", "kinds": ["hide"], "text": "x"}]})
    with pytest.raises(TemplateError):
        parse_templates({"templates": [{"id": "d", "title": "D", "kinds": ["nope"], "text": "x"}]})


def test_demo_roster_is_created_once(db: Database) -> None:
    first = db.write_blocking(ensure_demo_officers)
    again = db.write_blocking(ensure_demo_officers)
    assert first == again
    officers = db.read_blocking(
        lambda s: s.execute(select(Officer.display_name, Officer.role, Unit.code).join(Unit)).all()
    )
    assert len(officers) == len(DEMO_OFFICERS)
    assert {role.value for _n, role, _c in officers} == {"duty_officer", "shift_leader"}
    assert {code for *_x, code in officers} <= {"TH", "TH-TPTH", "TH-SAMSON", "TH-HOANGHOA"}


def _as(desk: Desk, username: str) -> CaseService:
    officer = desk.db.read_blocking(
        lambda s: s.execute(select(Officer.id).where(Officer.username == username)).scalar_one()
    )
    return CaseService(desk.db, desk.service.outbox, desk.clock, officer_id=officer)


@pytest.mark.asyncio
async def test_a_crime_tip_is_masked_until_revealed_and_the_reveal_is_recorded(
    desk: Desk,
) -> None:
    await desk.service.classify(desk.comment, Category.CRIME_TIP, False, 1)
    duty = _as(desk, "demo.trucban")  # a duty officer of the province, not assigned
    detail = await duty.detail(desk.comment)
    assert detail.protected and detail.masked and not detail.can_reveal
    assert {i.author for i in detail.items} == {"Người báo tin"}
    assert "0912 345 678" not in repr(detail)
    assert [(p.kind, p.start) for p in detail.pii] == [("phone", -1)]
    assert detail.pii[0].value.startswith("[SĐT 09")
    assert detail.author_threads == ()  # no trail to the informant's other cases
    with pytest.raises(PermissionDenied):
        await duty.reveal(desk.comment)

    leader = desk.service  # the shift leader has need-to-know, but still sees it masked first
    masked = await leader.detail(desk.comment)
    assert masked.masked and masked.can_reveal
    shown = await leader.reveal(desk.comment)
    assert not shown.masked and "gọi em số 0912 345 678 nhé" in [i.text for i in shown.items]
    viewed = desk.db.read_blocking(
        lambda s: s.execute(
            select(AuditEvent.actor_id).where(AuditEvent.action == AuditAction.PROTECTED_VIEWED)
        ).all()
    )
    assert viewed == [(desk.officer,)]


@pytest.mark.asyncio
async def test_the_access_policy_applies_to_every_change(desk: Desk) -> None:
    duty = _as(desk, "demo.trucban")
    detail = await duty.detail(desk.messenger)
    assert detail.may(Action.CLASSIFY) and detail.may(Action.REPLY)
    assert not detail.may(Action.SET_PRIORITY) and not detail.may(Action.ASSIGN)
    with pytest.raises(PermissionDenied):
        await duty.set_priority(desk.messenger, 1, 1)
    leader_id = desk.officer
    with pytest.raises(PermissionDenied):
        await duty.assign(desk.messenger, leader_id, None, 1)
    assert _queued(desk.db) == 0
    # He may take an unassigned case himself, classify it and answer.
    assert duty.officer_id is not None
    version = await duty.assign(desk.messenger, duty.officer_id, None, 1)
    version = await duty.classify(desk.messenger, Category.COMPLAINT, False, version)
    await duty.reply(desk.messenger, OutboxKind.MESSAGE_REPLY, "Chào bạn")
    # An officer of another district does not see the province's cases at all.
    outsider = _as(desk, "demo.lan")
    with pytest.raises(PermissionDenied, match="ngoài phạm vi"):
        await outsider.detail(desk.messenger)
    with pytest.raises(PermissionDenied):
        await outsider.set_status(desk.messenger, CaseStatus.RESOLVED, version)
    assert (await desk.service.detail(desk.messenger)).version == version


@pytest.mark.asyncio
async def test_a_queued_reply_stops_the_first_response_clock_a_hide_does_not(desk: Desk) -> None:
    from desktop.services.sla import SlaService

    sla = SlaService(desk.db, clock=desk.clock)
    before = await sla.clocks(desk.officer, [desk.messenger, desk.comment])
    assert before[desk.messenger].responded_at is None
    desk.clock.now = T0 + timedelta(hours=2)
    await desk.service.moderate(desk.comment, None, OutboxKind.HIDE)
    await desk.service.reply(desk.messenger, OutboxKind.MESSAGE_REPLY, "Chào bạn, đã tiếp nhận")
    after = await sla.clocks(desk.officer, [desk.messenger, desk.comment])
    assert after[desk.messenger].responded_at == T0 + timedelta(hours=2)
    assert after[desk.comment].responded_at is None  # hiding is not answering
    # a second reply keeps the first response's time
    desk.clock.now = T0 + timedelta(hours=3)
    await desk.service.reply(desk.messenger, OutboxKind.MESSAGE_REPLY, "Bổ sung thông tin")
    again = await sla.clocks(desk.officer, [desk.messenger])
    assert again[desk.messenger].responded_at == T0 + timedelta(hours=2)


@pytest.mark.asyncio
async def test_a_comment_the_platform_deleted_takes_no_reply_or_hide(desk: Desk) -> None:
    def delete_root(session: Any) -> int:
        thread = session.get(Thread, desk.comment)
        item = session.execute(
            select(Item).where(Item.thread_id == thread.id).order_by(Item.created_at).limit(1)
        ).scalar_one()
        item.is_deleted = True
        return int(item.id)

    root = desk.db.write_blocking(delete_root)
    before = _queued(desk.db)
    with pytest.raises(CaseRefused, match="đã bị xoá"):
        await desk.service.reply(desk.comment, OutboxKind.PUBLIC_REPLY, "Cảm ơn bạn")
    with pytest.raises(CaseRefused, match="đã bị xoá"):
        await desk.service.moderate(desk.comment, root, OutboxKind.HIDE)
    assert _queued(desk.db) == before


@pytest.mark.asyncio
async def test_a_window_refusal_keeps_its_code_even_when_it_closes_during_the_queueing(
    desk: Desk,
) -> None:
    last = T0 + timedelta(minutes=20)
    desk.clock.now = last + timedelta(days=8)
    with pytest.raises(CaseRefused) as closed:
        await desk.service.reply(desk.messenger, OutboxKind.MESSAGE_REPLY, "quá hạn")
    assert closed.value.window is WindowReason.MESSENGER_EXPIRED
    assert closed.value.code == "window_closed"
    # The case panel's check passes (its clock), the outbox's write-time check does not: the
    # officer still gets the Vietnamese refusal with its code, not an outbox message.
    desk.clock.now = last + timedelta(hours=1)
    later = Clock(last + timedelta(days=8))
    outbox = OutboxService(desk.db, None, None, None, None, later)  # type: ignore[arg-type]
    racing = CaseService(desk.db, outbox, desk.clock, officer_id=desk.officer)
    with pytest.raises(CaseRefused, match="Đã hết hạn trả lời") as raced:
        await racing.reply(desk.messenger, OutboxKind.MESSAGE_REPLY, "vừa hết hạn")
    assert raced.value.code == "window_closed"
    assert raced.value.window is WindowReason.MESSENGER_EXPIRED
    assert _queued(desk.db) == 0
    with pytest.raises(CaseRefused) as no_comment:
        await desk.service.reply(desk.zalo, OutboxKind.PRIVATE_REPLY, "x")
    assert no_comment.value.code == "not_allowed" and no_comment.value.window is None
