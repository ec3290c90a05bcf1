"""Auto-moderation: conditions in Vietnamese, rules per account or global, hits with evidence,
the outbox, dry runs over a seeded store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from desktop.domain.enums import (
    Category,
    Channel,
    Direction,
    ModerationCondition,
    OutboxKind,
    OutboxState,
)
from desktop.domain.records import IncomingItem
from desktop.services.moderation.conditions import Criterion, Subject, evidence, matches
from desktop.services.moderation.dry_run import DryRunReport
from desktop.services.moderation.engine import ModerationEngine
from desktop.services.outbox import ActionRefused, OutboxService
from desktop.services.seeding import seed_store
from desktop.store import moderation as mod
from desktop.store import outbox
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Item
from desktop.store.outbox import OutboxRow
from tests.factories import OA, PAGE, PAGE2, T0, comment, message, setup_accounts

NOW = T0 + timedelta(hours=1)
PHONE = Criterion(ModerationCondition.PHONE)
LINK = Criterion(ModerationCondition.LINK)
BETTING = Criterion(ModerationCondition.BETTING)
BET_TEXT = "Nhà cái uy tín số 1, nạp đầu tặng 100% 👉 https://bet88x.example/abc"


# -- conditions -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Ai nhặt được ví liên hệ em 0912 345 678 với ạ",
        "sdt: 0912.345.678",
        "Goi cho toi so +84 912345678",
        "LH zalo 0385-123-456 nhé",
        "SĐT bàn 0237.3852.123",
    ],
)
def test_phone_numbers_match(text: str) -> None:
    assert matches(PHONE, Subject(text))


@pytest.mark.parametrize(
    "text",
    [
        "Giá 84.900.000đ một chiếc",
        "Ngày 12/05/2024 tôi bị mất xe",
        "CCCD của tôi là 038090123456",  # an id card, not a phone
        "Số nhà 12 đường Bà Triệu",
        "không có số nào cả",
    ],
)
def test_no_phone_no_match(text: str) -> None:
    assert not matches(PHONE, Subject(text))


@pytest.mark.parametrize(
    "text",
    [
        "xem tại https://abc.xyz/a?b=1",
        "www.nhacai.com",
        "vào abc.com/xyz nhé mọi người",
        "nhacai88.vip",
        "tham gia nhóm zalo.me/g/abcdef",
        "kênh t.me/kenh_vip_88",
        "facebook.com/groups/12345",
        "inbox m.me/trang.vip",
        "bit.ly/3xYzAb rút gọn",
        "bet88 (.) com",
        "bet88 chấm com",
        "ｗｗｗ．ａｂｃ．ｃｏｍ",
        "https://bet88x.example/abc",
    ],
)
def test_links_match(text: str) -> None:
    assert matches(LINK, Subject(text))


@pytest.mark.parametrize(
    "text",
    [
        "email em là hung.le@gmail.com",
        "em ở TP.HCM, quận 1",
        "ăn cơm chưa",
        "an com chua",  # "cơm" typed without marks is not ".com"
        "lúc 8.30 sáng",
        "xem hướng dẫn tại dichvucong.gov.vn",  # government sites are trusted
        "https://dichvucong.bocongan.gov.vn/thu-tuc",
        "v.v...",
    ],
)
def test_no_link_no_match(text: str) -> None:
    assert not matches(LINK, Subject(text))


@pytest.mark.parametrize(
    "text",
    [
        "🔥 NHÀ CÁI UY TÍN SỐ 1 🔥 Nạp đầu tặng 100%",
        "nha cai uy tin so 1, nap dau tang 100%",  # no marks
        "nhà kái uy tín, k lừa đảo, nạp rút 1 phút",  # teencode, the promoters' "not a scam"
        "Kèo bóng đá thơm tối nay, anh em vào link: https://w88vip-th.example/x",
        "Nổ hũ đổi thưởng, tặng code 50k",
        "Soi cầu lô đề chuẩn 99%, vào nhóm VIP",
        "lô đề online tỉ lệ 1 ăn 99",
        "Tài xỉu online uy tín, nạp rút nhanh",
        "tai xiu onl uy tin nap rut nhanh",
        "ká độ bóng đá, đăng ký ngay",
        "c4 d0 bong da tang 50k",  # digits for letters
        "xoc dia truc tuyen",
        "casino: nạp 100k tặng 100k",
        "vào KUBET nhận 88k",
        "F8BET tặng thành viên mới",
        "đá gà thomo trực tiếp",
    ],
)
def test_betting_promotion_matches(text: str) -> None:
    assert matches(BETTING, Subject(text)), text


@pytest.mark.parametrize(
    "text",
    [
        # Citizens reporting gambling or a betting-site scam: crime tips, never hidden.
        "Ở thôn Đông có sới xóc đĩa mỗi tối, đề nghị công an xử lý",
        "Cá độ bóng đá ở quán cà phê gần chợ công khai, ai cũng biết.",
        "Mấy quán net cho học sinh chơi thâu đêm, có cả cá độ qua mạng.",
        "Tôi bị lừa nạp tiền vào web cá độ bet88, link bet88x.com",
        "con tôi nghiện tài xỉu, nạp hết tiền",
        # Look-alikes.
        "tất cả đó là lừa đảo",  # "cả đó" is not "cá độ"
        "cả đó nạp tiền đăng ký",
        "Tôi muốn được hoàn trả tiền, đã nạp 5 triệu",
        "kéo dài quá lâu rồi",
        "còn slot không shop",
        "kèo này căng",
        "anh tuan88 ơi",  # a nickname alone
        "email tuan88@gmail.com",
    ],
)
def test_betting_mentions_and_lookalikes_do_not_match(text: str) -> None:
    assert not matches(BETTING, Subject(text)), text


def test_betting_never_matches_what_the_classifier_reads_as_a_report() -> None:
    assert matches(BETTING, Subject(BET_TEXT, Category.SPAM, 0.99))
    assert not matches(BETTING, Subject(BET_TEXT, Category.SCAM_REPORT, 0.6))
    assert not matches(BETTING, Subject(BET_TEXT, Category.CRIME_TIP, 0.6))


def test_category_condition_needs_the_category_at_the_confidence() -> None:
    rule = Criterion(ModerationCondition.CATEGORY, Category.ABUSIVE, 0.8)
    assert evidence(rule, Subject("x", Category.ABUSIVE, 0.8)) == "abusive 0.80"
    assert matches(rule, Subject("x", Category.ABUSIVE, 0.95))
    assert not matches(rule, Subject("x", Category.ABUSIVE, 0.79))
    assert not matches(rule, Subject("x", Category.SPAM, 0.99))
    assert not matches(rule, Subject("x"))  # not classified yet
    anyhow = Criterion(ModerationCondition.CATEGORY, Category.SPAM)
    assert matches(anyhow, Subject("x", Category.SPAM, 0.1))


# -- helpers --------------------------------------------------------------------------------------
def _ingest(db: Database, *items: IncomingItem) -> list[int]:
    db.write_blocking(lambda s: ingest_items(s, items=list(items), search=db.search))

    def ids(session: Any) -> list[int]:
        return [
            session.execute(select(Item.id).where(Item.external_id == i.external_id)).scalar_one()
            for i in items
        ]

    return db.read_blocking(ids)


def _classify(db: Database, item_id: int, category: Category, confidence: float) -> None:
    db.write_blocking(
        lambda s: s.execute(
            update(Item).where(Item.id == item_id).values(category=category, confidence=confidence)
        )
    )


def _rule(db: Database, condition: ModerationCondition, **fields: Any) -> mod.RuleRow:
    draft = mod.RuleDraft(fields.pop("name", condition.value), condition, **fields)
    return db.write_blocking(lambda s: mod.create_rule(s, draft, now=T0))


def _service(db: Database) -> OutboxService:
    # Queueing only needs the store: no clients, nothing is sent in these tests.
    return OutboxService(db, None, None, None, None, clock=lambda: NOW)  # type: ignore[arg-type]


def _engine(db: Database, **options: Any) -> ModerationEngine:
    return ModerationEngine(db, _service(db), clock=lambda: NOW, **options)


def _actions(db: Database) -> list[OutboxRow]:
    return db.read_blocking(outbox.list_actions)


@pytest.fixture
def accounts(db: Database) -> dict[str, int]:
    return setup_accounts(db)


# -- rules ----------------------------------------------------------------------------------------
def test_rules_for_an_account_are_its_own_then_global(
    db: Database, accounts: dict[str, int]
) -> None:
    glob = _rule(db, ModerationCondition.LINK)
    own = _rule(db, ModerationCondition.PHONE, account_id=accounts[PAGE])
    _rule(db, ModerationCondition.BETTING, account_id=accounts[PAGE2])
    off = _rule(db, ModerationCondition.PHONE)
    db.write_blocking(lambda s: mod.delete_rule(s, off.id))
    assert [r.id for r in db.read_blocking(lambda s: mod.rules_for(s, accounts[PAGE]))] == [
        own.id,
        glob.id,
    ]
    assert db.read_blocking(lambda s: mod.get_rule(s, off.id)).enabled is False


def test_invalid_rules_are_refused(db: Database, accounts: dict[str, int]) -> None:
    with pytest.raises(mod.RuleError, match="category"):
        _rule(db, ModerationCondition.CATEGORY)
    with pytest.raises(mod.RuleError, match="hide or delete"):
        _rule(db, ModerationCondition.LINK, action=OutboxKind.PUBLIC_REPLY)
    with pytest.raises(mod.RuleError, match="between 0 and 1"):
        _rule(db, ModerationCondition.CATEGORY, category=Category.SPAM, min_confidence=1.5)


@pytest.mark.asyncio
async def test_a_rule_that_fired_is_replaced_not_edited(
    db: Database, accounts: dict[str, int]
) -> None:
    rule = _rule(db, ModerationCondition.PHONE)
    edited = db.write_blocking(
        lambda s: mod.update_rule(s, rule.id, replace(rule.draft(), name="SĐT"))
    )
    assert edited.id == rule.id and edited.name == "SĐT"  # never fired: edited in place
    [item] = _ingest(db, comment("gọi 0912 345 678"))
    await _engine(db).on_new_items([item])
    successor = db.write_blocking(
        lambda s: mod.update_rule(
            s, rule.id, replace(rule.draft(), condition=ModerationCondition.LINK)
        )
    )
    assert successor.id != rule.id and successor.condition is ModerationCondition.LINK
    old = db.read_blocking(lambda s: mod.get_rule(s, rule.id))
    assert old.condition is ModerationCondition.PHONE and not old.enabled
    [hit] = db.read_blocking(lambda s: mod.hits_for_rule(s, rule.id))
    assert hit.item_id == item


# -- the engine -----------------------------------------------------------------------------------
@pytest.mark.asyncio
async def test_global_and_account_rules(db: Database, accounts: dict[str, int]) -> None:
    _rule(db, ModerationCondition.LINK)  # global
    _rule(db, ModerationCondition.PHONE, account_id=accounts[PAGE2])
    a_link, a_phone, b_link, b_phone = _ingest(
        db,
        comment("vào bit.ly/abc nhé"),
        comment("gọi 0912 345 678"),
        comment("vào bit.ly/xyz nhé", page=PAGE2),
        comment("gọi 0988 765 432", page=PAGE2),
    )
    outcome = await _engine(db).on_new_items([a_link, a_phone, b_link, b_phone])
    assert sorted(f.hit.item_id for f in outcome.fired) == [a_link, b_link, b_phone]
    assert sorted(a.item_id for a in _actions(db) if a.item_id) == [a_link, b_link, b_phone]


@pytest.mark.asyncio
async def test_disabled_rules_do_not_fire(db: Database, accounts: dict[str, int]) -> None:
    rule = _rule(db, ModerationCondition.PHONE)
    db.write_blocking(lambda s: mod.set_enabled(s, rule.id, False))
    [item] = _ingest(db, comment("gọi 0912 345 678"))
    outcome = await _engine(db).on_new_items([item])
    assert outcome.fired == () and _actions(db) == []


@pytest.mark.asyncio
async def test_the_first_matching_rule_fires_once(db: Database, accounts: dict[str, int]) -> None:
    glob_phone = _rule(db, ModerationCondition.PHONE)  # global: after the account's own
    own_link = _rule(db, ModerationCondition.LINK, account_id=accounts[PAGE])
    [item] = _ingest(db, comment("gọi 0912 345 678 hoặc vào bit.ly/abc"))
    engine = _engine(db)
    first = await engine.on_new_items([item])
    again = await engine.on_new_items([item, item])
    assert [(f.hit.rule_id, f.hit.item_id) for f in first.fired] == [(own_link.id, item)]
    assert first.fired[0].evidence == "bit.ly/abc"
    assert again.fired == ()
    assert db.read_blocking(lambda s: mod.hits_for_rule(s, glob_phone.id)) == []
    assert len(_actions(db)) == 1


@pytest.mark.asyncio
async def test_outbound_private_hidden_and_deleted_items_are_left_alone(
    db: Database, accounts: dict[str, int]
) -> None:
    _rule(db, ModerationCondition.PHONE)
    root = comment("Cảm ơn page")
    ids = _ingest(
        db,
        root,
        comment(
            "Page: gọi 0912 345 678",
            thread=root.external_id,
            direction=Direction.OUTBOUND,
            author=PAGE,
        ),
        message("gọi em 0912 345 678"),
        message("gọi em 0912 345 678", channel=Channel.ZALO_MESSAGE, account=OA),
        comment("gọi 0912 345 678", is_hidden=True),
        comment("gọi 0912 345 678", is_deleted=True),
    )
    outcome = await _engine(db).on_new_items(ids)
    assert outcome.fired == () and _actions(db) == []


@pytest.mark.asyncio
async def test_an_officers_pending_hide_is_not_doubled(
    db: Database, accounts: dict[str, int]
) -> None:
    _rule(db, ModerationCondition.PHONE)
    root = comment("gọi 0912 345 678")
    [item] = _ingest(db, root)
    service = _service(db)
    thread_id = db.read_blocking(lambda s: s.get(Item, item).thread_id)
    await service.queue(OutboxKind.HIDE, thread_id, item_id=item, officer_id=None)
    outcome = await ModerationEngine(db, service, clock=lambda: NOW).on_new_items([item])
    assert outcome.fired == () and outcome.skipped == 1
    assert len(_actions(db)) == 1


@pytest.mark.asyncio
async def test_old_items_are_not_acted_on(db: Database, accounts: dict[str, int]) -> None:
    _rule(db, ModerationCondition.PHONE)
    [item] = _ingest(db, comment("gọi 0912 345 678", minutes=-5 * 24 * 60))
    assert (await _engine(db).on_new_items([item])).fired == ()
    assert len((await _engine(db, max_age=None).on_new_items([item])).fired) == 1


@pytest.mark.asyncio
async def test_a_hit_records_the_evidence_hash_and_the_outbox_action(
    db: Database, accounts: dict[str, int]
) -> None:
    rule = _rule(db, ModerationCondition.BETTING)
    original = comment(BET_TEXT)
    [item] = _ingest(db, original)
    _classify(db, item, Category.SPAM, 0.99)
    [fired] = (await _engine(db).on_new_items([item])).fired
    stored = db.read_blocking(lambda s: s.get(Item, item))
    assert fired.hit.rule_id == rule.id
    assert fired.hit.content_hash == stored.content_hash
    action = db.read_blocking(lambda s: outbox.get(s, fired.hit.outbox_action_id or 0))
    assert (action.kind, action.item_id, action.state) == (
        OutboxKind.HIDE,
        item,
        OutboxState.QUEUED,
    )
    assert action.payload == {"comment_id": original.external_id}
    assert action.created_by_id is None  # automatic: the hit says which rule
    assert db.read_blocking(lambda s: mod.hits_for_item(s, item)) == [fired.hit]
    seen = db.read_blocking(lambda s: mod.evidence(s, fired.hit.id))
    assert seen is not None and seen.source == "item" and BET_TEXT in (seen.raw_json or "")
    # The author edits the comment afterwards: the evidence is still what the rule saw.
    edited = replace(original, text="đã sửa", raw={**original.raw, "message": "đã sửa"})
    _ingest(db, edited)
    seen = db.read_blocking(lambda s: mod.evidence(s, fired.hit.id))
    assert seen is not None and seen.source == "revision" and seen.text == BET_TEXT


class RefusingOutbox:
    def __init__(self) -> None:
        self.calls = 0

    async def queue(
        self,
        kind: OutboxKind,
        thread_id: int,
        *,
        item_id: int | None = None,
        text: str | None = None,
        officer_id: int | None = None,
    ) -> OutboxRow:
        self.calls += 1
        raise ActionRefused("public replies, hiding and deleting are for comment threads")


@pytest.mark.asyncio
async def test_a_refused_action_leaves_no_hit(db: Database, accounts: dict[str, int]) -> None:
    _rule(db, ModerationCondition.PHONE)
    [item] = _ingest(db, comment("gọi 0912 345 678"))
    refusing = RefusingOutbox()
    outcome = await ModerationEngine(db, refusing, clock=lambda: NOW).on_new_items([item])
    assert [r.item_id for r in outcome.refused] == [item] and outcome.fired == ()
    assert db.read_blocking(lambda s: mod.hits_for_item(s, item)) == []


@pytest.mark.asyncio
async def test_resume_finishes_what_a_crash_interrupted(
    db: Database, accounts: dict[str, int]
) -> None:
    rule = _rule(db, ModerationCondition.PHONE)
    queued_item, claimed_item = _ingest(db, comment("gọi 0912 345 678"), comment("0988 765 432"))
    service = _service(db)
    # Crash 1: claimed and queued, not linked. Crash 2: claimed only.
    hit1 = db.write_blocking(lambda s: mod.claim(s, rule.id, queued_item))
    thread = db.read_blocking(lambda s: s.get(Item, queued_item).thread_id)
    action = await service.queue(OutboxKind.HIDE, thread, item_id=queued_item)
    hit2 = db.write_blocking(lambda s: mod.claim(s, rule.id, claimed_item))
    assert hit1 is not None and hit2 is not None
    outcome = await ModerationEngine(db, service, clock=lambda: NOW).resume()
    linked = {f.hit.id: f.hit.outbox_action_id for f in outcome.fired}
    assert linked[hit1.id] == action.id
    assert linked[hit2.id] is not None and linked[hit2.id] != action.id
    assert len(_actions(db)) == 2
    assert (await ModerationEngine(db, service, clock=lambda: NOW).resume()).fired == ()


# -- dry runs -------------------------------------------------------------------------------------
SEED_NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def seeded(db: Database) -> Database:
    seed_store(db, items=3000, accounts=6, seed=3, now=SEED_NOW)
    return db


def _comment_ids(db: Database) -> list[int]:
    return db.read_blocking(lambda s: list(s.execute(select(Item.id).order_by(Item.id)).scalars()))


@pytest.mark.asyncio
async def test_dry_run_counts_without_queueing_and_agrees_with_the_engine(
    seeded: Database,
) -> None:
    db = seeded
    draft = mod.RuleDraft("Cá cược", ModerationCondition.BETTING)
    engine = ModerationEngine(db, _service(db), clock=lambda: SEED_NOW, max_age=None)
    seen: list[DryRunReport] = []
    report = await engine.dry_run(draft, progress=seen.append, page_size=400)
    assert report.complete and report.matched > 10
    assert report.scanned == len(db.read_blocking(lambda s: mod.candidates(s, limit=10**6)))
    assert [r.scanned for r in seen] == sorted(r.scanned for r in seen) and len(seen) > 3
    assert report.would_act == report.matched - report.already_hidden - report.already_moderated
    assert len(report.samples) == min(20, report.matched)
    assert all(s.evidence for s in report.samples)
    assert _actions(db) == []  # a dry run queues nothing

    # Hide two matching items on the platform side: counted, not acted on.
    before = report
    hidden = [s.item_id for s in report.samples if not s.is_hidden][:2]
    db.write_blocking(
        lambda s: s.execute(update(Item).where(Item.id.in_(hidden)).values(is_hidden=True))
    )
    report = await engine.dry_run(draft)
    assert report.already_hidden == before.already_hidden + 2
    assert report.would_act == before.would_act - 2

    rule = db.write_blocking(lambda s: mod.create_rule(s, draft))
    outcome = await engine.on_new_items(_comment_ids(db))
    assert len(outcome.fired) == report.would_act
    assert {f.hit.rule_id for f in outcome.fired} == {rule.id}
    would = {s.item_id for s in report.samples if not s.is_hidden}
    assert would <= {f.hit.item_id for f in outcome.fired}
    after = await engine.dry_run(rule)
    assert after.would_act == 0 and after.already_moderated == report.would_act


@pytest.mark.asyncio
async def test_dry_run_of_an_account_rule_with_a_limit(seeded: Database) -> None:
    db = seeded
    account = db.read_blocking(lambda s: mod.candidates(s, limit=1)[0].account_id)
    draft = mod.RuleDraft("SĐT", ModerationCondition.PHONE, account_id=account)
    engine = ModerationEngine(db, _service(db))
    full = await engine.dry_run(draft)
    assert 0 < full.scanned < 3000
    assert {s.account_id for s in full.samples} == {account}
    newest = await engine.dry_run(draft, limit=100, page_size=30)
    assert newest.scanned == 100 and newest.matched <= full.matched


@pytest.mark.asyncio
async def test_dry_run_of_a_category_rule(seeded: Database) -> None:
    db = seeded
    ids = _comment_ids(db)[:50]
    for n, item in enumerate(ids):
        _classify(db, item, Category.ABUSIVE, 0.5 + n / 100)  # 0.50 … 0.99
    draft = mod.RuleDraft(
        "Lăng mạ", ModerationCondition.CATEGORY, category=Category.ABUSIVE, min_confidence=0.9
    )
    report = await ModerationEngine(db, _service(db)).dry_run(draft)
    moderatable = {c.item_id for c in db.read_blocking(lambda s: mod.candidates(s, limit=10**6))}
    assert report.matched == len([i for n, i in enumerate(ids) if n >= 40 and i in moderatable])
