"""Campaign detection: throughput, and precision/recall of campaign membership.

Run: ``.venv/bin/python bench/campaign_bench.py --texts 100000``.

Organic traffic: ``--texts`` seeded citizen comments (``TextGenerator``) on ``--accounts`` Pages,
spread evenly over ``--days``. Injected: ``--campaigns`` texts, each pasted on 3-12 Pages within
10 minutes to 3 hours, every copy trivially varied (emoji, phone number, link id, capitals,
marks, punctuation), a share of them also edited by one inserted word (``--inserted``) and a share
by one substituted word (``--substituted``); plus ``--pairs`` texts pasted on only two Pages
(below ``min_accounts``: must not group).

1. In memory: the detector's index and grouping (``group_items``) over all texts in time order,
   in batches like sync writes. Prints items/s, membership precision/recall (trivial copies,
   insertions and substitutions apart) and the index's memory per item (``tracemalloc`` over a
   separate fill of ``--memory-texts`` items).
2. Through the store (``--store-texts``, 0 to skip): ingest + ``CampaignDetector.observe`` in the
   same write transactions, as sync will call it; prints the time observe adds, the warm-up time
   and the query plan of the warm-up read.
"""

from __future__ import annotations

import argparse
import math
import random
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import count, pairwise
from pathlib import Path

from _common import machine, peak_rss_mb
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import Channel, Direction, ItemKind, Platform
from desktop.domain.records import IncomingItem
from desktop.domain.units import thanh_hoa_units
from desktop.services.campaigns import CampaignDetector
from desktop.services.seed.texts import TextGenerator
from desktop.store.campaign_window import NewItem, RecentItems, group_items, load_recent
from desktop.store.campaigns import DEFAULT_WINDOW, MIN_ACCOUNTS
from desktop.store.database import Database
from desktop.store.directory import ensure_account, ensure_units
from desktop.store.ingest import ingest_items
from desktop.store.minhash import THRESHOLD
from desktop.store.models import Item
from desktop.text.folding import strip_diacritics
from desktop.text.simhash import MIN_WORDS, canonical_words

T0 = datetime(2026, 11, 1, tzinfo=UTC)
BATCH = 50
EMOJI = ["😡", "🔥", "‼️", "👉", "📢", "🙏", "😱", "❗"]
CALLS = [
    "Chia sẻ ngay để bà con cùng biết, đừng để bị lừa thêm nữa!",
    "Ai cần vay vốn nhanh không cần thế chấp liên hệ {phone} để được hỗ trợ trong ngày.",
    "Xem toàn bộ sự thật tại {link} trước khi bị gỡ.",
    "Nhận quà miễn phí cho 100 người đầu tiên, đăng ký tại {link} hoặc gọi {phone}.",
    "Mọi người hãy lên tiếng, bấm vào {link} ký tên ủng hộ.",
]
INSERTED = ["thật", "ngay", "nhé", "khẩn", "luôn", "nha", "đấy", "nữa"]
SUBSTITUTES = ["bà", "xã", "nhanh", "mau", "tất", "hết", "gấp", "liền"]
UNIQUE_JACCARD = 0.5  # ``unique`` organic texts: no two this close (edge bigrams, exact)


@dataclass(frozen=True, slots=True)
class Post:
    item_id: int
    account: int
    text: str
    at: datetime
    truth: int | None  # injected campaign number
    edit: str | None = None  # "insert" or "substitute": one word


def _phone(rng: random.Random) -> str:
    return "0" + rng.choice("389") + "".join(rng.choices("0123456789", k=8))


def _link(rng: random.Random) -> str:
    code = "".join(rng.choices("abcdefghijkmnpqrstuvwxyz0123456789", k=6))
    return f"https://{rng.choice(['bit.ly', 'tinyurl.com', 'sukien-th.example'])}/{code}"


def _vary(base: str, rng: random.Random, *, edit: str | None) -> str:
    text = base.format(phone=_phone(rng), link=_link(rng))
    words = text.split(" ")
    if edit == "insert":
        words.insert(rng.randrange(len(words) + 1), rng.choice(INSERTED))
    elif edit == "substitute":  # a word that counts (letters only) becomes another one
        spots = [i for i, w in enumerate(words) if len(canonical_words(w)) == 1]
        at = rng.choice(spots)
        old = canonical_words(words[at])[0]
        words[at] = rng.choice([w for w in SUBSTITUTES if canonical_words(w)[0] != old])
    text = " ".join(words)
    if rng.random() < 0.5:
        text = text + " " + rng.choice(EMOJI) * rng.randint(1, 3)
    if rng.random() < 0.3:
        text = rng.choice(EMOJI) + " " + text
    if rng.random() < 0.25:
        text = strip_diacritics(text)
    if rng.random() < 0.2:
        text = text.upper()
    if rng.random() < 0.3:
        text = text.replace(", ", " ").replace(". ", "!!! ")
    return text


def _organic(gen: TextGenerator, n: int, mode: str) -> list[str]:
    """Seeded comments. ``raw``: as generated (the generator repeats its slot-free templates
    verbatim and its long letters differ only in name and address slots); ``distinct``: no two
    alike once canonical; ``unique``: no two near-duplicates either (edge-bigram Jaccard >=
    ``UNIQUE_JACCARD``, checked exactly for every pair by a prefix filter), so that every
    organic text grouped is a false match between texts that are not near-duplicates."""
    if mode == "raw":
        return [gen.citizen_text(private=False).text for _ in range(n)]
    seen: set[tuple[str, ...]] = set()
    texts: list[str] = []
    unique = _UniqueFilter(UNIQUE_JACCARD) if mode == "unique" else None
    drawn = [gen.citizen_text(private=False).text for _ in range(2 * n)]
    if unique is not None:  # the prefix filter's global order: rarest bigrams first
        unique.learn(canonical_words(t) for t in drawn)
    for k in range(50 * n):
        text = drawn[k] if k < len(drawn) else gen.citizen_text(private=False).text
        words = canonical_words(text)
        key = tuple(words)
        if key in seen:
            continue
        seen.add(key)
        if unique is not None and len(words) >= MIN_WORDS and not unique.add(words):
            continue
        texts.append(text)
        if len(texts) == n:
            break
    return texts


class _UniqueFilter:
    """Keeps sets with no kept set at Jaccard >= ``threshold``; exact (AllPairs prefix filter:
    two sets that close share a token among the first ``|x| - ceil(t|x|) + 1`` of each, in any
    fixed global order; rarest first keeps the posting lists short)."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.rank: Counter[str] = Counter()
        self.kept: list[set[str]] = []
        self.postings: dict[str, list[int]] = {}

    def learn(self, texts: Iterable[list[str]]) -> None:
        for words in texts:
            self.rank.update(_edge_bigrams(words))

    def add(self, words: list[str]) -> bool:
        mine = _edge_bigrams(words)
        ordered = sorted(mine, key=lambda g: (self.rank[g], g))
        prefix = ordered[: len(ordered) - math.ceil(self.threshold * len(ordered)) + 1]
        seen: set[int] = set()
        for gram in prefix:
            for k in self.postings.get(gram, ()):
                if k not in seen:
                    seen.add(k)
                    if _jaccard(mine, self.kept[k]) >= self.threshold:
                        return False
        for gram in prefix:
            self.postings.setdefault(gram, []).append(len(self.kept))
        self.kept.append(mine)
        return True


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b)


def _edge_bigrams(words: list[str]) -> set[str]:
    """Word bigrams with the text's two edges as words (what the detector compares)."""
    return {f"{a} {b}" for a, b in pairwise(["", *words, ""])}


def world(args: argparse.Namespace) -> list[Post]:
    rng = random.Random(args.seed)
    gen = TextGenerator(random.Random(args.seed + 1))
    span = timedelta(days=args.days).total_seconds()
    ids = count(1)
    posts = [
        Post(
            next(ids),
            rng.randrange(args.accounts),
            text,
            T0 + timedelta(seconds=rng.uniform(0, span)),
            None,
        )
        for text in _organic(gen, args.texts, args.organic)
    ]
    longish = [p.text for p in posts if 8 <= len(p.text.split()) <= 30]
    for number in range(args.campaigns + args.pairs):
        base = " ".join([*rng.sample(longish, 2), rng.choice(CALLS)]).replace("{", "{{")
        base = base.replace("{{phone}", "{phone}").replace("{{link}", "{link}")
        pages = 2 if number >= args.campaigns else rng.randint(3, 12)
        start = T0 + timedelta(seconds=rng.uniform(0, span - 4 * 3600))
        burst = rng.uniform(600, 3 * 3600)
        for account in rng.sample(range(args.accounts), pages):
            for _ in range(1 if rng.random() < 0.8 else 2):  # now and then twice on a Page
                roll = rng.random()
                edit = (
                    "insert"
                    if roll < args.inserted
                    else "substitute"
                    if roll < args.inserted + args.substituted
                    else None
                )
                at = start + timedelta(seconds=rng.uniform(0, burst))
                posts.append(
                    Post(next(ids), account, _vary(base, rng, edit=edit), at, number, edit)
                )
    posts.sort(key=lambda p: (p.at, p.item_id))
    return posts


def _index(args: argparse.Namespace) -> RecentItems:
    return RecentItems(capacity=10**6, min_words=args.min_words, threshold=args.threshold)


def in_memory(posts: list[Post], args: argparse.Namespace) -> tuple[dict[int, int], float]:
    recent = _index(args)
    campaign_ids = count(1)
    assigned: dict[int, int] = {}
    start = time.perf_counter()
    for i in range(0, len(posts), BATCH):
        batch = [
            NewItem(p.item_id, p.item_id, p.account, p.text, p.at) for p in posts[i : i + BATCH]
        ]
        recent.prune(batch[0].created_at - 4 * DEFAULT_WINDOW)
        joined, _ = group_items(
            recent, batch, DEFAULT_WINDOW, MIN_ACCOUNTS, lambda _i: next(campaign_ids)
        )
        for cid, members in joined.items():
            for m in members:
                assigned[m.item_id] = cid
    return assigned, time.perf_counter() - start


def index_memory(posts: list[Post], args: argparse.Namespace) -> None:
    """Bytes per indexed item: what the index holds after grouping ``--memory-texts`` items
    (texts, batches, and results freed; ``tracemalloc`` counts Python's allocations)."""
    sample = posts[: args.memory_texts]
    tracemalloc.start()
    recent = _index(args)
    ids = count(1)
    for i in range(0, len(sample), BATCH):
        batch = [
            NewItem(p.item_id, p.item_id, p.account, p.text, p.at) for p in sample[i : i + BATCH]
        ]
        group_items(recent, batch, DEFAULT_WINDOW, MIN_ACCOUNTS, lambda _i: next(ids))
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"index memory: {len(recent):,} items indexed (of {len(sample):,}), "
        f"{held / max(1, len(recent)):,.0f} bytes/item"
    )


def report(posts: list[Post], assigned: dict[int, int], args: argparse.Namespace) -> None:
    by_id = {p.item_id: p for p in posts}
    members: dict[int, list[Post]] = {}
    for item_id, cid in assigned.items():
        members.setdefault(cid, []).append(by_id[item_id])
    label = {cid: Counter(p.truth for p in ps).most_common(1)[0][0] for cid, ps in members.items()}
    grouped = len(assigned)
    correct = sum(1 for i, cid in assigned.items() if by_id[i].truth == label[cid] is not None)
    wanted = [p for p in posts if p.truth is not None and p.truth < args.campaigns]
    found = [p for p in wanted if p.item_id in assigned and label[assigned[p.item_id]] == p.truth]
    found_ids = {p.item_id for p in found}

    def share(edit: str | None) -> str:
        those = [p for p in wanted if p.edit == edit]
        hits = sum(p.item_id in found_ids for p in those)
        return f"{hits / max(1, len(those)):.3f} ({hits}/{len(those)})"

    organic = [by_id[i] for i in assigned if by_id[i].truth is None]
    pairs = [by_id[i] for i in assigned if (by_id[i].truth or 0) >= args.campaigns]
    organic_campaigns = [cid for cid, lab in label.items() if lab is None]
    print(f"campaigns detected: {len(members)} ({len(organic_campaigns)} of organic texts)")
    print(
        f"injected found: {len({label[c] for c in members} - {None})}/{args.campaigns}; "
        f"two-Page pastes grouped: {len(pairs)} items"
    )
    print(f"precision {correct / grouped if grouped else 1:.3f} ({correct}/{grouped} items)")
    print(f"recall    {len(found) / len(wanted):.3f} ({len(found)}/{len(wanted)} items)")
    print(
        f"  trivially varied copies {share(None)}, one inserted word {share('insert')}, "
        f"one substituted word {share('substitute')}"
    )
    lengths = Counter(min(len(canonical_words(p.text)) // 5 * 5, 30) for p in organic)
    print(f"organic items grouped: {len(organic)} by words {dict(sorted(lengths.items()))}")
    examples = Counter(p.text for p in organic).most_common(3)
    for text, n in examples:
        print(f"  {n:>4} × {text[:90]!r}")


def store_path(posts: list[Post], args: argparse.Namespace) -> None:
    sample = posts[: args.store_texts]
    now = [sample[0].at]
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.sqlite3")
        db.open()
        try:
            db.write_blocking(lambda s: _accounts(s, args.accounts))
            detector = CampaignDetector(db, clock=lambda: now[0])
            observe_s = 0.0
            start = time.perf_counter()
            for i in range(0, len(sample), BATCH):
                chunk = [_incoming(p) for p in sample[i : i + BATCH]]
                now[0] = chunk[-1].created_at
                observe_s += db.write_blocking(partial(_write, db, detector, chunk))
            total = time.perf_counter() - start
            n = len(sample)
            print(
                f"store: {n:,} items ingested in writes of {BATCH}: {n / total:,.0f} items/s "
                f"with detection; observe {n / observe_s:,.0f} items/s "
                f"({100 * observe_s / total:.0f} % of the write time)"
            )
            grouped = db.read_blocking(
                lambda s: s.scalar(select(func.count(Item.id)).where(Item.campaign_id.is_not(None)))
            )
            print(f"store: {grouped:,} items in campaigns")
            cold = CampaignDetector(db, clock=lambda: now[0])
            began = time.perf_counter()
            recent = db.read_blocking(cold.warm)
            print(
                f"warm-up of a new detector (last {cold.retention}): {len(recent):,} items "
                f"in {time.perf_counter() - began:.2f} s"
            )
            plan = db.read_blocking(lambda s: _plan(s, now[0] - cold.retention))
            print("warm-up query plan:", " | ".join(plan))
        finally:
            db.close()


def _accounts(session: Session, n: int) -> None:
    ensure_units(session, thanh_hoa_units())
    for k in range(n):
        ensure_account(session, Platform.FACEBOOK, f"p{k}", f"Trang {k}", "TH")


def _write(
    db: Database, detector: CampaignDetector, chunk: list[IncomingItem], session: Session
) -> float:
    """One sync write: ingest, then observe; returns the seconds observe took."""
    ingest_items(session, items=chunk, search=db.search)
    began = time.perf_counter()
    detector.observe(session, chunk)
    return time.perf_counter() - began


def _plan(session: Session, start: datetime) -> list[str]:
    """SQLite's plan for the warm-up read (captured as it runs)."""
    conn = session.connection()
    raw = conn.connection.driver_connection
    plan: list[str] = []

    def spy(_c: object, _cur: object, statement: str, params: object, *_: object) -> None:
        if "FROM items" in statement and not plan:
            rows = raw.execute("EXPLAIN QUERY PLAN " + statement, params)  # type: ignore[union-attr]
            plan.extend(str(row[-1]) for row in rows)

    event.listen(conn, "before_cursor_execute", spy)
    try:
        load_recent(session, RecentItems(), start)
    finally:
        event.remove(conn, "before_cursor_execute", spy)
    return plan


def _incoming(p: Post) -> IncomingItem:
    ext = f"c_{p.item_id}"
    return IncomingItem(
        account_external_id=f"p{p.account}",
        channel=Channel.FB_COMMENT,
        thread_external_id=ext,
        external_id=ext,
        kind=ItemKind.COMMENT,
        direction=Direction.INBOUND,
        text=p.text,
        created_at=p.at,
        author_external_id=f"u{p.item_id % 5000}",
        author_name="Người dân",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=56)
    parser.add_argument("--days", type=float, default=7.0)
    parser.add_argument("--campaigns", type=int, default=60)
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--inserted", type=float, default=0.2, help="share with a word inserted")
    parser.add_argument("--substituted", type=float, default=0.2, help="share with a word replaced")
    parser.add_argument("--memory-texts", type=int, default=20_000)
    parser.add_argument("--store-texts", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--organic", choices=["raw", "distinct", "unique"], default="unique")
    parser.add_argument("--min-words", type=int, default=MIN_WORDS)
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="Jaccard, >= 0.6")
    args = parser.parse_args()

    print(machine())
    posts = world(args)
    injected = sum(1 for p in posts if p.truth is not None)
    organic = len(posts) - injected
    kind = args.organic
    print(
        f"{len(posts):,} texts ({organic:,} organic {kind}, {injected:,} injected) on "
        f"{args.accounts} Pages over {args.days:g} days; window {DEFAULT_WINDOW}, "
        f"min accounts {MIN_ACCOUNTS}, Jaccard >= {args.threshold}"
    )
    assigned, seconds = in_memory(posts, args)
    print(f"in memory: {len(posts) / seconds:,.0f} items/s ({seconds:.2f} s)")
    report(posts, assigned, args)
    if args.memory_texts:
        index_memory(posts, args)
    if args.store_texts:
        store_path(posts, args)
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
