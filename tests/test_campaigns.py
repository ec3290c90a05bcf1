"""Coordinated campaigns: canonical words, bigram Jaccard and its MinHash index, grouping in the
store, the detector, bulk hide."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from desktop.domain.enums import OfficerRole, OutboxKind, OutboxState, Platform
from desktop.domain.records import IncomingItem
from desktop.services.campaigns import CampaignDetector
from desktop.services.outbox import OutboxService
from desktop.store.audit import verify_chain
from desktop.store.campaign_window import Member, NewItem, RecentItems
from desktop.store.campaigns import (
    CampaignChanges,
    assign_campaigns,
    campaign_threads,
    comment_targets,
    list_campaigns,
    new_inbound,
    set_campaign_status,
)
from desktop.store.database import Database
from desktop.store.directory import ensure_account
from desktop.store.inbox import InboxFilter, count_threads, inbox_page
from desktop.store.ingest import ingest_items
from desktop.store.minhash import (
    THRESHOLD,
    MinHashIndex,
    edge_bigrams,
    hashes_of,
    jaccard,
    shingle_hashes,
    similarities,
)
from desktop.store.models import AuditEvent, Campaign, Item, Officer, OutboxAction, Thread, Unit
from desktop.text.simhash import canonical_words, fingerprint, hamming, to_hex
from tests.factories import PAGE, PAGE2, T0, comment, setup_accounts

PROPAGANDA = (
    "Bà con Thanh Hóa hãy tỉnh táo, chính quyền đang che giấu sự thật về dự án lấn đất "
    "của dân, chia sẻ ngay để mọi người cùng biết 😡😡 https://bit.ly/3xYz9Q liên hệ 0912345678"
)
VARIANTS = [
    # emoji gone, other phone, other link id, capitals, no diacritics, punctuation
    "Bà con Thanh Hóa hãy tỉnh táo, chính quyền đang che giấu sự thật về dự án lấn đất "
    "của dân, chia sẻ ngay để mọi người cùng biết https://bit.ly/8kLm2P liên hệ 0987.654.321",
    "BÀ CON THANH HÓA HÃY TỈNH TÁO!!! Chính quyền đang che giấu sự thật về dự án lấn đất "
    "của dân - chia sẻ ngay để mọi người cùng biết 🔥🔥🔥 https://bit.ly/q1 liên hệ 0977 111 222",
    "Ba con Thanh Hoa hay tinh tao, chinh quyen dang che giau su that ve du an lan dat "
    "cua dan, chia se ngay de moi nguoi cung biet https://bit.ly/abc123?ref=55 lien he 0911222333",
]
OTHER = (
    "Cho em hỏi làm lại căn cước bị mất thì cần mang giấy tờ gì và làm ở công an xã được không ạ"
)
UNRELATED = [
    OTHER,
    "Khu vực chợ Vồ tối nào cũng có nhóm thanh niên tụ tập đua xe gây ồn ào mất trật tự",
    "Tôi bị lừa chuyển khoản 20 triệu qua tài khoản giả danh nhân viên ngân hàng hỗ trợ vay vốn",
    "Đèn tín hiệu ngã tư trên đường Hồ Xuân Hương hỏng cả tuần rồi chưa thấy ai sửa",
    "Cảm ơn các anh công an phường đã giúp gia đình tôi tìm lại được chiếc xe máy bị mất",
    PROPAGANDA,
]
PAGES = [PAGE, PAGE2, "104000000000003", "104000000000004", "104000000000005"]
# Betting and loan spam as pasted: each copy with another phone number, link and emoji, marks on
# or off, capitals, and one word inserted or one word replaced (what SimHash let through).
BETTING = (
    "🎰 Nhận ngay 88k trải nghiệm miễn phí, nạp rút siêu tốc chỉ 3 phút, uy tín số 1 Việt Nam "
    "👉 truy cập https://hi88-vip.example/k7q2 hoặc kết bạn Zalo 0912345678 để được hỗ trợ"
)
BETTING_INSERTED = (
    "Nhan ngay 88k trai nghiem mien phi LUON, nap rut sieu toc chi 3 phut, uy tin so 1 Viet Nam "
    "truy cap https://bit.ly/9xQ2 hoac ket ban Zalo 0987.654.321 de duoc ho tro 🔥🔥"
)
BETTING_SUBSTITUTED = (
    "NHẬN NGAY 88K trải nghiệm miễn phí!!! Nạp rút cực tốc chỉ 3 phút, uy tín số 1 Việt Nam "
    "truy cập hi88-moi.example/zz9 hoặc kết bạn Zalo 0977 111 222 để được hỗ trợ 💰"
)
LOAN = (  # 14 canonical words: two copies edited in different places are still >= 0.6 alike
    "Vay tiền nhanh không thế chấp, giải ngân trong ngày, lãi suất thấp 💵 gọi 0912345678"
)
LOAN_INSERTED = (
    "vay tien nhanh khong can the chap, giai ngan trong ngay, lai suat thap goi 0388.123.456"
)
LOAN_SUBSTITUTED = (
    "Vay tiền gấp không thế chấp!!! Giải ngân trong ngày, lãi suất thấp. Gọi 0977111222"
)
SHORT = "Chia sẻ ngay để bà con cùng biết 😡 https://bit.ly/x1"  # 8 words (and a link)
SHORT_INSERTED = "chia se ngay de toan ba con cung biet https://tinyurl.com/q9"
SHORT_SUBSTITUTED = "CHIA SẺ NHANH ĐỂ BÀ CON CÙNG BIẾT 🔥 bit.ly/k2"
EDITED = [
    pytest.param(BETTING, BETTING_INSERTED, BETTING_SUBSTITUTED, id="betting-28-words"),
    pytest.param(LOAN, LOAN_INSERTED, LOAN_SUBSTITUTED, id="loan-14-words"),
]
# Three different warnings that share their opening and closing phrases.
SHARED_PHRASES = [
    "Công an tỉnh Thanh Hóa khuyến cáo người dân cảnh giác với thủ đoạn giả danh nhân viên điện "
    "lực gọi điện đòi tiền cắt điện, chia sẻ ngay để mọi người cùng biết",
    "Công an tỉnh Thanh Hóa khuyến cáo người dân không nhấp vào đường link lạ nhận quà tri ân "
    "khách hàng qua tin nhắn, chia sẻ ngay để mọi người cùng biết",
    "Công an tỉnh Thanh Hóa khuyến cáo người dân cẩn thận khi mua bán đồ cũ trên mạng, kẻ gian "
    "yêu cầu đặt cọc rồi chặn liên lạc, chia sẻ ngay để mọi người cùng biết",
]


# -- canonical words, similarity, the index ----------------------------------------------


def _similarity(a: str, b: str) -> float:
    ha, hb = shingle_hashes(a), shingle_hashes(b)
    assert ha is not None and hb is not None
    return jaccard(ha, hb)


def test_identical_texts_have_the_same_signature() -> None:
    a, b = fingerprint(PROPAGANDA), fingerprint(PROPAGANDA)
    assert a is not None and b is not None
    assert hamming(a, b) == 0
    assert _similarity(PROPAGANDA, PROPAGANDA) == 1.0


@pytest.mark.parametrize("variant", VARIANTS)
def test_trivial_variations_have_the_same_words(variant: str) -> None:
    assert canonical_words(variant) == canonical_words(PROPAGANDA)
    assert _similarity(PROPAGANDA, variant) == 1.0


def test_canonical_words_drop_volatile_parts() -> None:
    words = canonical_words("Gọi 0912.345.678 😡 hoặc vào https://hi88-moi.example/uepidn?x=1 nhé")
    assert words == ["goi", "hoac", "vao", "url", "nhe"]
    assert canonical_words("Mail nguyen.an@gmail.com NHIỀUUUU, bit.ly/x1") == [
        "mail",
        "email",
        "nhieu",
        "url",
    ]


def test_one_word_edits_of_an_eight_word_text_stay_above_the_threshold() -> None:
    text = "chia sẻ ngay để bà con cùng biết"  # 8 canonical words, 9 edge bigrams
    inserted = "chia sẻ ngay để toàn bà con cùng biết"
    substituted = "chia sẻ nhanh để bà con cùng biết"
    at_the_end = "chia sẻ ngay để bà con cùng nghe"
    assert len(canonical_words(text)) == 8 and len(edge_bigrams(canonical_words(text))) == 9
    assert _similarity(text, inserted) == pytest.approx(8 / 11)  # n / (n + 3)
    assert _similarity(text, substituted) == pytest.approx(7 / 11)  # (n - 1) / (n + 3)
    assert _similarity(text, at_the_end) == pytest.approx(7 / 11)  # the edges count too
    assert min(8 / 11, 7 / 11) >= THRESHOLD
    # two substituted words are no longer "nearly the same" for a text this short
    assert _similarity(text, "chia sẻ nhanh để bà con cùng nghe") < THRESHOLD


def test_unrelated_texts_are_far_apart() -> None:
    hashes = [shingle_hashes(t) for t in UNRELATED]
    for i, a in enumerate(hashes):
        for b in hashes[i + 1 :]:
            assert a is not None and b is not None
            assert jaccard(a, b) < 0.1


@pytest.mark.parametrize(
    "text",
    [
        "Cảm ơn các anh",
        "cảm ơn các anh rất nhiều ạ 🙏🙏",
        "Chúc các anh sức khỏe ạ!!! 👍",
        "Gọi 0912345678 ngay!!! https://bit.ly/x1 bit.ly/x2",
        "",
        "👍👍",
    ],
)
def test_short_texts_get_no_fingerprint(text: str) -> None:
    assert fingerprint(text) is None
    assert shingle_hashes(text) is None


def _words(rng: random.Random, n: int) -> list[str]:
    return [f"w{rng.getrandbits(32)}" for _ in range(n)]


def test_batched_similarities_equal_the_exact_jaccard() -> None:
    rng = random.Random(7)
    pool = _words(rng, 40)
    for _ in range(200):
        others = [
            hashes_of(rng.sample(pool, rng.randint(1, 40))) for _ in range(rng.randint(1, 30))
        ]
        query = rng.choice(others)
        expected = [
            len(set(_ints(query)) & set(_ints(o))) / len(set(_ints(query)) | set(_ints(o)))
            for o in others
        ]
        assert similarities(query, others) == pytest.approx(expected)


def _ints(hashes: bytes) -> list[int]:
    return [int.from_bytes(hashes[i : i + 4], "little") for i in range(0, len(hashes), 4)]


def test_index_finds_close_sets_and_never_reports_a_far_one() -> None:
    rng = random.Random(4)
    index = MinHashIndex()
    sets: dict[int, bytes] = {}
    bases = [_words(rng, 30) for _ in range(200)]
    for key, words in enumerate(bases):
        sets[key] = hashes_of(words)
        # a close copy (28 of 30 kept: Jaccard 0.875) and a far one (15 of 30: 0.33)
        sets[1000 + key] = hashes_of(words[:28] + _words(rng, 2))
        sets[2000 + key] = hashes_of(words[:15] + _words(rng, 15))
    for key, value in sets.items():
        index.add(key, value)
    index.discard(1000)
    assert 1000 not in index and len(index) == len(sets) - 1
    for key in range(100):
        found = index.near(sets[key])
        assert all(score >= THRESHOLD for _, score in found)
        assert all(score == jaccard(sets[key], sets[k]) for k, score in found)
        assert [k for k, _ in found[:1]] == [key]  # itself first (1.0)
        expected = {key} if key == 0 else {key, 1000 + key}
        assert {k for k, _ in found} == expected


def test_index_forgets_removed_sets_entirely() -> None:
    rng = random.Random(5)
    index = MinHashIndex()
    value = hashes_of(_words(rng, 20))
    for key in range(5):  # five copies share every bucket
        index.add(key, value)
    index.add(2, value)  # re-adding replaces
    assert [k for k, _ in index.near(value)] == [0, 1, 2, 3, 4]
    for key in range(5):
        index.discard(key)
    assert len(index) == 0 and index.candidates(value) == set()
    assert index._buckets == {}  # no empty bucket left behind


def test_recent_items_forget_the_oldest() -> None:
    recent = RecentItems(capacity=3)
    value = shingle_hashes(PROPAGANDA)
    assert value is not None
    for n in range(5):
        recent.add(Member(n, n, n, T0 + timedelta(minutes=n), value))
    assert len(recent) == 3 and 0 not in recent and 4 in recent
    member = recent.get(4)
    assert member is not None
    assert [m.item_id for m, _ in recent.near(member, timedelta(hours=1))] == [2, 3]
    assert recent.prune(T0 + timedelta(minutes=4)) == 2
    assert len(recent) == 1
    assert recent.near(member, timedelta(hours=1)) == []  # pruned copies are not found


# -- the store ----------------------------------------------------------------------------


@pytest.fixture
def pages(db: Database) -> dict[str, int]:
    accounts = setup_accounts(db)

    def more(session: Any) -> dict[str, int]:
        return {
            ext: ensure_account(session, Platform.FACEBOOK, ext, f"Trang {ext[-1]}", "TH")
            for ext in PAGES[2:]
        }

    return {**accounts, **db.write_blocking(more)}


def _post(db: Database, items: list[IncomingItem]) -> list[NewItem]:
    """Ingest and return the items as campaign detection sees them."""

    def work(session: Any) -> list[NewItem]:
        ingest_items(session, items=items, search=db.search)
        return new_inbound(session, items)

    return db.write_blocking(work)


def _assign(db: Database, items: list[IncomingItem], **kwargs: Any) -> CampaignChanges:
    def work(session: Any) -> CampaignChanges:
        ingest_items(session, items=items, search=db.search)
        return assign_campaigns(session, new_inbound(session, items), **kwargs)

    return db.write_blocking(work)


def _campaigns(db: Database) -> list[Any]:
    return db.read_blocking(list_campaigns)


def _item_campaigns(db: Database) -> dict[str, int | None]:
    def work(session: Any) -> dict[str, int | None]:
        rows = session.execute(select(Item.external_id, Item.campaign_id))
        return {ext: cid for ext, cid in rows}

    return db.read_blocking(work)


def test_same_text_on_four_pages_within_an_hour_is_one_campaign(
    db: Database, pages: dict[str, int]
) -> None:
    posted = [comment(PROPAGANDA, page=p, minutes=15 * n) for n, p in enumerate(PAGES[:4])]
    changes = [_assign(db, [item]) for item in posted]  # one sync write per page, as sync does
    [campaign] = _campaigns(db)
    assert changes[:2] == [CampaignChanges(), CampaignChanges()]
    assert changes[2].created == {campaign.id}
    assert len(changes[2].thread_ids) == 3  # the earlier copies joined when the third came
    assert changes[3].extended == {campaign.id} and len(changes[3].thread_ids) == 1
    assert (campaign.item_count, campaign.account_count) == (4, 4)
    assert (campaign.first_seen_at, campaign.last_seen_at) == (T0, T0 + timedelta(minutes=45))
    assert campaign.status == "open" and campaign.sample_text == PROPAGANDA
    threads = db.read_blocking(lambda s: campaign_threads(s, campaign.id))
    assert {t.account_id for t in threads} == {pages[p] for p in PAGES[:4]}
    assert set(_item_campaigns(db).values()) == {campaign.id}


def test_two_pages_are_not_a_campaign(db: Database, pages: dict[str, int]) -> None:
    items = [comment(PROPAGANDA, page=p, minutes=n) for n, p in enumerate([PAGE, PAGE2, PAGE2])]
    assert _assign(db, items) == CampaignChanges()
    assert _campaigns(db) == []


def test_copies_days_apart_are_not_a_campaign(db: Database, pages: dict[str, int]) -> None:
    for day, page in enumerate(PAGES[:3]):
        _assign(db, [comment(PROPAGANDA, page=page, minutes=day * 24 * 60)])
    assert _campaigns(db) == []


def test_min_accounts_and_window_are_parameters(db: Database, pages: dict[str, int]) -> None:
    items = [comment(PROPAGANDA, page=p, minutes=n * 60 * 10) for n, p in enumerate(PAGES[:2])]
    _assign(db, items, window=timedelta(hours=12), min_accounts=2)
    [campaign] = _campaigns(db)
    assert campaign.account_count == 2


def test_near_duplicates_join_and_unrelated_texts_do_not(
    db: Database, pages: dict[str, int]
) -> None:
    texts = [PROPAGANDA, *VARIANTS]
    copies = [
        comment(t, page=p, minutes=5 * n)
        for n, (t, p) in enumerate(zip(texts, PAGES[:4], strict=True))
    ]
    others = [comment(OTHER, page=p, minutes=7) for p in PAGES[:2]]
    _assign(db, copies + others)
    [campaign] = _campaigns(db)
    found = _item_campaigns(db)
    assert {found[c.external_id] for c in copies} == {campaign.id}
    assert {found[o.external_id] for o in others} == {None}
    assert (campaign.item_count, campaign.account_count) == (4, 4)


@pytest.mark.parametrize(("text", "inserted", "substituted"), EDITED)
def test_copies_with_one_word_inserted_or_replaced_are_one_campaign(
    db: Database, pages: dict[str, int], text: str, inserted: str, substituted: str
) -> None:
    posted = [
        comment(t, page=p, minutes=20 * n)
        for n, (t, p) in enumerate(zip([text, inserted, substituted], PAGES[:3], strict=True))
    ]
    changes = [_assign(db, [item]) for item in posted]  # one sync write per copy
    [campaign] = _campaigns(db)
    assert changes[2].created == {campaign.id} and len(changes[2].thread_ids) == 3
    assert set(_item_campaigns(db).values()) == {campaign.id}
    assert (campaign.item_count, campaign.account_count) == (3, 3)
    # the signature labels the founding copy (the one that made it three accounts)
    assert campaign.signature == to_hex(fingerprint(substituted) or 0)
    assert campaign.sample_text == substituted


def test_short_edited_copies_group_through_a_copy_close_to_both(
    db: Database, pages: dict[str, int]
) -> None:
    """Under 13 words, a copy with an inserted word and one with a replaced word differ by two
    words (below the threshold); each is close to the original. A copy joins with its own
    near-duplicates only (no chains), so they group once a copy close to both arrives."""
    assert _similarity(SHORT_INSERTED, SHORT_SUBSTITUTED) < THRESHOLD
    posted = [
        comment(t, page=p, minutes=10 * n)
        for n, (t, p) in enumerate(
            zip([SHORT, SHORT_INSERTED, SHORT_SUBSTITUTED, SHORT], PAGES, strict=False)
        )
    ]
    assert [_assign(db, [item]) for item in posted[:3]] == [CampaignChanges()] * 3
    changes = _assign(db, [posted[3]])
    [campaign] = _campaigns(db)
    assert changes.created == {campaign.id} and len(changes.thread_ids) == 4
    assert (campaign.item_count, campaign.account_count) == (4, 4)


def test_texts_sharing_a_few_phrases_are_not_a_campaign(
    db: Database, pages: dict[str, int]
) -> None:
    posted = [
        comment(t, page=p, minutes=n)
        for n, (t, p) in enumerate(zip([*SHARED_PHRASES, SHARED_PHRASES[0]], PAGES, strict=False))
    ]
    assert _assign(db, posted) == CampaignChanges()
    assert _campaigns(db) == []


def test_a_later_copy_extends_the_campaign(db: Database, pages: dict[str, int]) -> None:
    _assign(db, [comment(PROPAGANDA, page=p, minutes=n) for n, p in enumerate(PAGES[:3])])
    late = comment(VARIANTS[1], page=PAGES[4], minutes=5 * 60)
    reply_same_page = comment(PROPAGANDA, page=PAGE, minutes=5 * 60 + 1)
    changes = _assign(db, [late, reply_same_page])
    [campaign] = _campaigns(db)
    assert changes.created == frozenset() and changes.extended == {campaign.id}
    assert (campaign.item_count, campaign.account_count) == (5, 4)
    assert campaign.last_seen_at == T0 + timedelta(minutes=5 * 60 + 1)


def test_short_texts_never_form_campaigns(db: Database, pages: dict[str, int]) -> None:
    items = [comment("Cảm ơn các anh ạ 🙏", page=p, minutes=n) for n, p in enumerate(PAGES)]
    assert _assign(db, items) == CampaignChanges()


def test_inbox_filter_by_campaign_returns_exactly_its_threads(
    db: Database, pages: dict[str, int]
) -> None:
    posted = [comment(PROPAGANDA, page=p, minutes=n) for n, p in enumerate(PAGES[:4])]
    _assign(
        db,
        posted + [comment(t, page=p, minutes=9) for t, p in zip(UNRELATED[:5], PAGES, strict=True)],
    )
    [campaign] = _campaigns(db)
    flt = InboxFilter(campaign_id=campaign.id)
    page = db.read_blocking(lambda s: inbox_page(s, flt, db.search))
    count = db.read_blocking(lambda s: count_threads(s, flt, db.search))
    expected = db.read_blocking(
        lambda s: set(s.scalars(select(Thread.id).where(Thread.campaign_id == campaign.id)))
    )
    assert {r.id for r in page.rows} == expected and count == len(expected) == 4
    assert all(r.last_preview.startswith("Bà con") for r in page.rows)
    everything = db.read_blocking(lambda s: count_threads(s, InboxFilter(), db.search))
    assert everything == 9


def test_campaign_status_and_listing(db: Database, pages: dict[str, int]) -> None:
    _assign(db, [comment(PROPAGANDA, page=p, minutes=n) for n, p in enumerate(PAGES[:3])])
    [campaign] = _campaigns(db)
    db.write_blocking(lambda s: set_campaign_status(s, campaign.id, "dismissed"))
    assert db.read_blocking(lambda s: list_campaigns(s, statuses=["open"])) == []
    assert [c.id for c in db.read_blocking(lambda s: list_campaigns(s, statuses=["dismissed"]))]
    with pytest.raises(ValueError, match="unknown campaign status"):
        db.write_blocking(lambda s: set_campaign_status(s, campaign.id, "gone"))


# -- the detector --------------------------------------------------------------------------


def _observe(db: Database, detector: CampaignDetector, items: list[IncomingItem]) -> Any:
    def work(session: Any) -> CampaignChanges:
        ingest_items(session, items=items, search=db.search)
        return detector.observe(session, items)

    return db.write_blocking(work)


def test_detector_groups_across_writes_with_its_warm_index(
    db: Database, pages: dict[str, int]
) -> None:
    _post(db, [comment(PROPAGANDA, page=PAGE, minutes=0)])  # stored before the detector ran
    detector = CampaignDetector(db, clock=lambda: T0 + timedelta(hours=1))
    assert _observe(db, detector, [comment(OTHER, page=PAGE2, minutes=1)]) == CampaignChanges()
    assert detector.indexed == 2  # warmed from the store, then the new item
    _observe(db, detector, [comment(VARIANTS[0], page=PAGES[2], minutes=2)])
    changes = _observe(db, detector, [comment(VARIANTS[2], page=PAGES[3], minutes=3)])
    [campaign] = _campaigns(db)
    assert changes.created == {campaign.id} and len(changes.thread_ids) == 3
    # the same delivery again changes nothing
    again = _item_campaigns(db)
    assert _observe(db, detector, [comment(OTHER, page=PAGE2, minutes=1)]) == CampaignChanges()
    assert _item_campaigns(db).items() >= again.items()


def test_detector_groups_edited_copies_during_ingest(db: Database, pages: dict[str, int]) -> None:
    detector = CampaignDetector(db, clock=lambda: T0 + timedelta(hours=2))
    first = [comment(BETTING, page=PAGE, minutes=0), comment(LOAN, page=PAGE, minutes=1)]
    assert _observe(db, detector, first) == CampaignChanges()
    assert _observe(db, detector, [comment(BETTING_INSERTED, page=PAGE2, minutes=30)]) == (
        CampaignChanges()
    )
    created = _observe(db, detector, [comment(BETTING_SUBSTITUTED, page=PAGES[2], minutes=45)])
    [campaign] = _campaigns(db)
    assert created.created == {campaign.id} and len(created.thread_ids) == 3
    # a fourth Page's copy, edited again, joins it; the loan text stays out
    late = comment(BETTING_INSERTED.replace("LUON", "NHE"), page=PAGES[3], minutes=90)
    extended = _observe(db, detector, [late])
    assert extended.extended == {campaign.id} and extended.created == frozenset()
    found = _item_campaigns(db)
    assert found[first[1].external_id] is None
    assert [c.item_count for c in _campaigns(db)] == [4]


def test_detector_skips_items_older_than_its_retention(db: Database, pages: dict[str, int]) -> None:
    detector = CampaignDetector(db, clock=lambda: T0 + timedelta(days=3))
    old = [comment(PROPAGANDA, page=p, minutes=n) for n, p in enumerate(PAGES[:4])]
    assert _observe(db, detector, old) == CampaignChanges()


def test_detector_forgets_its_index_when_the_transaction_rolls_back(
    db: Database, pages: dict[str, int]
) -> None:
    detector = CampaignDetector(db, clock=lambda: T0 + timedelta(hours=1))
    items = [comment(PROPAGANDA, page=p, minutes=n) for n, p in enumerate(PAGES[:3])]

    def failing(session: Any) -> None:
        ingest_items(session, items=items, search=db.search)
        assert detector.observe(session, items).created
        raise RuntimeError("cursor write failed")

    with pytest.raises(RuntimeError):
        db.write_blocking(failing)
    assert detector.indexed == 0  # the campaign id it held was rolled back
    changes = _observe(db, detector, items)
    [campaign] = _campaigns(db)
    assert changes.created == {campaign.id} and campaign.item_count == 3


# -- bulk actions -------------------------------------------------------------------------


def test_bulk_hide_queues_one_action_per_visible_comment(
    db: Database, pages: dict[str, int]
) -> None:
    posted = [comment(PROPAGANDA, page=p, minutes=n) for n, p in enumerate(PAGES[:4])]
    _assign(db, posted)
    [campaign] = _campaigns(db)
    db.write_blocking(
        lambda s: s.execute(
            update(Item).where(Item.external_id == posted[0].external_id).values(is_hidden=True)
        )
    )
    outbox = OutboxService(db, None, None, None, None, clock=lambda: T0)  # type: ignore[arg-type]
    detector = CampaignDetector(db, outbox.queue)

    assert asyncio.run(detector.bulk_action(campaign.id, OutboxKind.HIDE)) == 3
    actions = db.read_blocking(
        lambda s: [
            (a.kind, a.item_id, a.state, a.payload_json["comment_id"])
            for a in s.scalars(select(OutboxAction))
        ]
    )
    ids = db.read_blocking(lambda s: dict(s.execute(select(Item.external_id, Item.id)).all()))
    assert sorted(actions) == sorted(
        (OutboxKind.HIDE, ids[c.external_id], OutboxState.QUEUED, c.external_id) for c in posted[1:]
    )
    # pressed again: every comment is hidden or already on its way
    assert asyncio.run(detector.bulk_action(campaign.id, OutboxKind.HIDE)) == 0
    # each queued hide was audited in its own transaction, naming the campaign
    events = db.read_blocking(
        lambda s: [(e.action, e.details_json) for e in s.scalars(select(AuditEvent))]
    )
    assert [a for a, _ in events] == ["hidden"] * 3
    assert {d["campaign_id"] for _, d in events if d} == {campaign.id}
    assert db.read_blocking(verify_chain).ok


def test_comment_targets_refuse_non_comment_actions(db: Database, pages: dict[str, int]) -> None:
    _assign(db, [comment(PROPAGANDA, page=p, minutes=n) for n, p in enumerate(PAGES[:3])])
    cid = db.read_blocking(lambda s: s.scalar(select(Campaign.id)))
    with pytest.raises(ValueError, match="not an action on comments"):
        db.read_blocking(lambda s: comment_targets(s, cid, OutboxKind.PUBLIC_REPLY))
    unhide = db.read_blocking(lambda s: comment_targets(s, cid, OutboxKind.UNHIDE))
    assert unhide == []


@pytest.mark.parametrize(
    ("role", "unit", "queued"),
    [
        (OfficerRole.SHIFT_LEADER, "TH", 4),  # the province: every Page
        (OfficerRole.DUTY_OFFICER, "TH-SAMSON", 1),  # only his district's Page
        (OfficerRole.AUDITOR, "TH", 0),  # auditors never moderate
    ],
)
def test_bulk_hide_queues_only_what_the_officer_may_moderate(
    db: Database, pages: dict[str, int], role: OfficerRole, unit: str, queued: int
) -> None:
    posted = [comment(PROPAGANDA, page=p, minutes=n) for n, p in enumerate(PAGES[:4])]
    _assign(db, posted)
    [campaign] = _campaigns(db)

    def add_officer(session: Any) -> int:
        unit_id = session.scalar(select(Unit.id).where(Unit.code == unit))
        officer = Officer(username="o1", display_name="Cán bộ", role=role, unit_id=unit_id)
        session.add(officer)
        session.flush()
        return int(officer.id)

    officer_id = db.write_blocking(add_officer)
    outbox = OutboxService(db, None, None, None, None, clock=lambda: T0)  # type: ignore[arg-type]
    detector = CampaignDetector(db, outbox.queue)
    done = asyncio.run(detector.bulk_action(campaign.id, OutboxKind.HIDE, officer_id=officer_id))
    assert done == queued
    assert (
        db.read_blocking(lambda s: s.scalar(select(func.count()).select_from(OutboxAction)))
        == queued
    )
    events = db.read_blocking(lambda s: list(s.scalars(select(AuditEvent.actor_id))))
    assert events == [officer_id] * queued  # a refused hide leaves no action and no event
