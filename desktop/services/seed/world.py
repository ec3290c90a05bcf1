"""Lay out seed data: the Thanh Hóa units, their Pages and OAs, posts, threads and items.

Texts come from ``TextGenerator``; this module decides who writes where and when, and builds the
platform-shaped ids and raw payloads so that seeded items look like synced ones.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop.domain.enums import Category, Channel, Direction, ItemKind, Platform
from desktop.domain.records import IncomingItem, IncomingPost
from desktop.domain.units import UnitSpec, account_units
from desktop.services.seed.texts import SeedText, TextGenerator

# Share of threads per channel: public comments dominate, then Messenger, then Zalo.
CHANNEL_WEIGHTS = {Channel.FB_COMMENT: 0.55, Channel.FB_MESSAGE: 0.25, Channel.ZALO_MESSAGE: 0.20}
POSTS_PER_PAGE = 40
_HIDDEN_CATEGORIES = {Category.SPAM, Category.ABUSIVE, Category.HOSTILE}


@dataclass(frozen=True, slots=True)
class AccountSpec:
    platform: Platform
    external_id: str
    name: str
    unit_code: str


def account_specs(count: int, rng: random.Random) -> list[AccountSpec]:
    """``count`` accounts: a Page and an OA per unit (province first), then extra Pages/OAs.

    Larger provinces run 100+ accounts; beyond the 56 of the 28 Thanh Hóa units the extra
    accounts are further channels of the same units (``… — kênh 2``, ``kênh 3``…).
    """
    units = account_units()
    specs: list[AccountSpec] = []
    round_no = 0
    while len(specs) < count:
        for unit in units:
            for platform in (Platform.FACEBOOK, Platform.ZALO):
                if len(specs) == count:
                    return specs
                specs.append(_account(unit, platform, round_no, rng))
        round_no += 1
    return specs


def _account(unit: UnitSpec, platform: Platform, round_no: int, rng: random.Random) -> AccountSpec:
    suffix = "" if round_no == 0 else f" — kênh {round_no + 1}"
    if platform is Platform.FACEBOOK:
        return AccountSpec(
            platform, str(rng.randrange(10**14, 10**15)), unit.name + suffix, unit.code
        )
    return AccountSpec(
        platform, str(rng.randrange(10**18, 10**19)), f"Zalo OA {unit.name}{suffix}", unit.code
    )


def fb_time(at: datetime) -> str:
    """Graph API time format: ISO 8601 with a numeric offset and no colon."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


class _Ids:
    """Platform-shaped ids, unique within one seed run."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._n = rng.randrange(10**14, 2 * 10**14)

    def local(self) -> str:
        self._n += self._rng.randrange(1, 50)
        return str(self._n)

    def fb_message(self) -> str:
        body = "".join(self._rng.choices(string.ascii_letters + string.digits + "-_", k=24))
        return f"m_{body}{self.local()}"

    def zalo_message(self) -> str:
        return f"{self.local()}{self._rng.getrandbits(24):06x}"[-20:].rjust(20, "0")

    def psid(self) -> str:
        return str(self._rng.randrange(10**15, 10**16))

    def zalo_user(self) -> str:
        return str(self._rng.randrange(10**18, 10**19))


@dataclass(frozen=True, slots=True)
class ThreadLabel:
    """What the generator meant a thread to be: its category and urgency."""

    category: Category
    urgent: bool


ThreadKey = tuple[str, Channel, str]  # (account external id, channel, thread external id)


@dataclass(slots=True)
class _PostState:
    post: IncomingPost
    local_id: str


class SeedWorld:
    """Generates items for the given accounts, newest within ``days`` before ``now``."""

    def __init__(
        self,
        accounts: list[AccountSpec],
        unit_names: dict[str, str],
        *,
        seed: int,
        now: datetime | None = None,
        days: int = 30,
    ) -> None:
        if not accounts:
            raise ValueError("seeding needs at least one account")
        self.rng = random.Random(seed)
        self.texts = TextGenerator(random.Random(seed + 1))
        self.ids = _Ids(random.Random(seed + 2))
        self.unit_names = unit_names
        self.now = now or datetime.now(UTC).replace(microsecond=0)
        self.span = timedelta(days=days)
        self._posts: dict[str, list[_PostState]] = {}
        self.labels: dict[ThreadKey, ThreadLabel] = {}
        self._pages = [a for a in accounts if a.platform is Platform.FACEBOOK]
        self._oas = [a for a in accounts if a.platform is Platform.ZALO]

    def items(self, count: int) -> Iterator[IncomingItem]:
        """Exactly ``count`` items, thread by thread, in no particular time order.

        ``labels`` gains an entry per thread; the consumer pops the ones it has used.
        """
        made = 0
        channels = [c for c in CHANNEL_WEIGHTS if self._has_accounts(c)]
        weights = [CHANNEL_WEIGHTS[c] for c in channels]
        while made < count:
            channel = self.rng.choices(channels, weights)[0]
            thread = self._thread(channel)[: count - made]
            yield from thread
            made += len(thread)

    def _has_accounts(self, channel: Channel) -> bool:
        return bool(self._oas if channel is Channel.ZALO_MESSAGE else self._pages)

    def _start_time(self) -> datetime:
        # Recent days are busier: a triangular draw leaning towards now.
        offset = self.rng.triangular(0, self.span.total_seconds(), 0)
        return self.now - timedelta(seconds=offset)

    def _thread(self, channel: Channel) -> list[IncomingItem]:
        if channel is Channel.FB_COMMENT:
            return self._comment_thread()
        return self._conversation(channel)

    def _post_for(self, page: AccountSpec) -> _PostState:
        posts = self._posts.setdefault(page.external_id, [])
        if len(posts) < POSTS_PER_PAGE and (not posts or self.rng.random() < 0.05):
            local = self.ids.local()
            created = self.now - self.span - timedelta(hours=self.rng.randrange(1, 72))
            posts.append(
                _PostState(
                    IncomingPost(
                        external_id=f"{page.external_id}_{local}",
                        message=self.texts.post_text(),
                        created_at=created,
                        permalink=f"https://www.facebook.com/{page.external_id}/posts/{local}/",
                    ),
                    local,
                )
            )
        return self.rng.choice(posts)

    def _comment_thread(self) -> list[IncomingItem]:
        page = self.rng.choice(self._pages)
        post = self._post_for(page)
        first = self.texts.citizen_text(private=False)
        at = self._start_time()
        top_id = f"{post.local_id}_{self.ids.local()}"
        self.labels[(page.external_id, Channel.FB_COMMENT, top_id)] = ThreadLabel(
            first.category, first.urgent
        )
        author = (self.ids.psid(), self.texts.person_name())
        items = [self._comment(page, post, top_id, None, first, author, at)]
        for _ in range(self.rng.choices([0, 1, 2, 3, 5], [45, 25, 15, 10, 5])[0]):
            at += timedelta(minutes=self.rng.randrange(1, 600))
            roll = self.rng.random()
            if roll < 0.35:
                body = self.texts.officer_reply(first.category, self.unit_names[page.unit_code])
                who = (page.external_id, page.name)
                items.append(
                    self._comment(page, post, top_id, top_id, body, who, at, outbound=True)
                )
            else:
                follow = self.texts.citizen_followup(first)
                who = author if roll < 0.7 else (self.ids.psid(), self.texts.person_name())
                items.append(self._comment(page, post, top_id, top_id, follow, who, at))
        return items

    def _comment(
        self,
        page: AccountSpec,
        post: _PostState,
        thread_id: str,
        parent_id: str | None,
        body: SeedText | str,
        who: tuple[str, str],
        at: datetime,
        *,
        outbound: bool = False,
    ) -> IncomingItem:
        comment_id = thread_id if parent_id is None else f"{post.local_id}_{self.ids.local()}"
        text = body if isinstance(body, str) else body.text
        permalink = f"{post.post.permalink}?comment_id={thread_id.split('_', 1)[1]}"
        if parent_id is not None:
            permalink += f"&reply_comment_id={comment_id.split('_', 1)[1]}"
        hidden = (
            isinstance(body, SeedText)
            and body.category in _HIDDEN_CATEGORIES
            and self.rng.random() < 0.3
        )
        raw: dict[str, object] = {
            "id": comment_id,
            "message": text,
            "from": {"id": who[0], "name": who[1]},
            "created_time": fb_time(at),
            "is_hidden": hidden,
            "can_hide": not outbound,
            "permalink_url": permalink,
        }
        if parent_id is not None:
            raw["parent"] = {"id": parent_id}
        return IncomingItem(
            account_external_id=page.external_id,
            channel=Channel.FB_COMMENT,
            thread_external_id=thread_id,
            external_id=comment_id,
            kind=ItemKind.REPLY if parent_id else ItemKind.COMMENT,
            direction=Direction.OUTBOUND if outbound else Direction.INBOUND,
            text=text,
            created_at=at,
            author_external_id=who[0],
            author_name=who[1],
            parent_external_id=parent_id,
            is_hidden=hidden,
            permalink=permalink,
            raw=raw,
            post=post.post,
        )

    def _conversation(self, channel: Channel) -> list[IncomingItem]:
        zalo = channel is Channel.ZALO_MESSAGE
        account = self.rng.choice(self._oas if zalo else self._pages)
        first = self.texts.citizen_text(private=True)
        user = (self.ids.zalo_user() if zalo else self.ids.psid(), self.texts.person_name())
        thread_id = user[0] if zalo else f"t_{self.ids.local()}"
        self.labels[(account.external_id, channel, thread_id)] = ThreadLabel(
            first.category, first.urgent
        )
        at = self._start_time()
        items = [self._message(account, channel, thread_id, first.text, user, at, inbound=True)]
        for _ in range(self.rng.choices([0, 1, 2, 3, 4, 7], [30, 25, 20, 12, 8, 5])[0]):
            at += timedelta(minutes=self.rng.randrange(1, 240))
            if self.rng.random() < 0.45:
                body = self.texts.officer_reply(first.category, self.unit_names[account.unit_code])
                who = (account.external_id, account.name)
                items.append(
                    self._message(account, channel, thread_id, body, who, at, inbound=False)
                )
            else:
                follow = self.texts.citizen_followup(first).text
                items.append(
                    self._message(account, channel, thread_id, follow, user, at, inbound=True)
                )
        return items

    def _message(
        self,
        account: AccountSpec,
        channel: Channel,
        thread_id: str,
        text: str,
        who: tuple[str, str],
        at: datetime,
        *,
        inbound: bool,
    ) -> IncomingItem:
        if channel is Channel.ZALO_MESSAGE:
            msg_id = self.ids.zalo_message()
            local = at.astimezone(UTC) + timedelta(hours=7)
            raw: dict[str, object] = {
                "src": 1 if inbound else 0,
                "time": int(at.timestamp() * 1000),
                "sent_time": local.strftime("%H:%M:%S %d/%m/%Y"),
                "from_id": who[0],
                "from_display_name": who[1],
                "to_id": account.external_id if inbound else thread_id,
                "message_id": msg_id,
                "type": "text",
                "message": text,
            }
        else:
            msg_id = self.ids.fb_message()
            raw = {
                "id": msg_id,
                "created_time": fb_time(at),
                "from": {"id": who[0], "name": who[1], "email": f"{who[0]}@facebook.com"},
                "message": text,
            }
        return IncomingItem(
            account_external_id=account.external_id,
            channel=channel,
            thread_external_id=thread_id,
            external_id=msg_id,
            kind=ItemKind.MESSAGE,
            direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
            text=text,
            created_at=at,
            author_external_id=who[0],
            author_name=who[1],
            raw=raw,
        )
