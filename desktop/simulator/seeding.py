"""Fill a fresh world with history: for each unit a Page (posts, comments, replies, Messenger
threads) and a Zalo OA (followers and chats), spread over the last ``history_days``.

Deterministic for a given seed (ids, times and texts all come from seeded generators).
"""

from __future__ import annotations

import random

from desktop.domain.units import UnitSpec, account_units
from desktop.simulator.model import FbComment, FbPage, FbPerson, FbPost, ZaloOA
from desktop.simulator.settings import WorldSize
from desktop.simulator.texts import TextSource, category_code, load_text_source
from desktop.simulator.world import World

_MINUTE = 60.0
_HOUR = 3600.0


def post_kind(text: str) -> str:
    lowered = text.lower()
    if "cảnh báo" in lowered or "lừa đảo" in lowered or "thủ đoạn" in lowered:
        return "warning"
    if "bắt" in lowered or "khởi tố" in lowered or "triệt phá" in lowered:
        return "arrest"
    return "notice"


def seed_units(world: World) -> list[UnitSpec]:
    units = account_units()
    limit = world.settings.size.unit_limit
    return units if limit is None else units[:limit]


def zalo_app_id(world: World) -> str:
    return world.ids.numeric(18, "3")


class Seeder:
    def __init__(self, world: World, texts: TextSource | None = None) -> None:
        self.world = world
        self.size: WorldSize = world.settings.size
        self.rng = random.Random(world.settings.seed + 2)
        self.texts = (
            texts if texts is not None else load_text_source(random.Random(world.settings.seed + 3))
        )

    def run(self) -> None:
        shared_app = zalo_app_id(self.world) if self.world.settings.zalo_shared_app else None
        for unit in seed_units(self.world):
            for channel in range(max(1, self.size.channels_per_unit)):
                name = unit.name if channel == 0 else f"{unit.name} — kênh {channel + 1}"
                page = self.world.add_page(unit.code, name)
                self._seed_page(page)
                oa = self.world.add_oa(unit.code, name, shared_app or zalo_app_id(self.world))
                self._seed_oa(oa)

    # ---------------------------------------------------------------- helpers
    def _count(self, mean: float) -> int:
        """A skewed count around ``mean`` (most threads quiet, a few busy)."""
        if mean <= 0:
            return 0
        return int(self.rng.expovariate(1.0 / mean) + 0.5)

    def _history_start(self) -> float:
        return self.world.now() - self.size.history_days * 86_400.0

    def _later(self, start: float, mean_gap: float) -> float:
        return min(start + self.rng.expovariate(1.0 / mean_gap), self.world.now() - 1.0)

    # ---------------------------------------------------------------- Facebook
    def _seed_page(self, page: FbPage) -> None:
        audience = max(12, int(self.size.comments_per_post * 4))
        for _ in range(audience):
            self.world.add_person(page, self.texts.person_name())
        start = self._history_start()
        span = self.world.now() - start
        n_posts = self.size.posts_per_page
        times = sorted(start + self.rng.random() * span * 0.97 for _ in range(n_posts))
        for at in times:
            text = self.texts.post_text()
            post = self.world.add_post(page, text, post_kind(text), created=at)
            self._seed_comments(page, post)
        self._seed_conversations(page)

    def _seed_comments(self, page: FbPage, post: FbPost) -> None:
        mean = self.size.comments_per_post * (4.0 if self.rng.random() < 0.05 else 1.0)
        n_top = self._count(mean)
        now = self.world.now()
        # (time, tie, kind, payload) events so that parents always exist before their replies
        plan: list[tuple[float, int, FbPerson, int | None]] = []
        for i in range(n_top):
            at = self._later(post.created, max(_MINUTE * 5, (now - post.created) / 6))
            plan.append((at, i, self.rng.choice(page.audience), None))
        plan.sort(key=lambda e: (e[0], e[1]))
        for at, _, person, _unused in plan:
            first = self.texts.citizen_text(private=False)
            comment = self.world.add_comment(
                post,
                person.id,
                person.name,
                first.text,
                created=at,
                category=category_code(first.category),
                urgent=first.urgent,
            )
            if comment.category in ("spam", "abusive", "hostile") and self.rng.random() < 0.35:
                self.world.set_hidden(comment, True)
            self._seed_replies(page, post, comment, person, first)

    def _seed_replies(
        self, page: FbPage, post: FbPost, top: FbComment, author: FbPerson, first: object
    ) -> None:
        n = self._count(self.size.replies_per_comment)
        at = top.created
        last = top
        for _ in range(n):
            at = self._later(at, 3 * _HOUR)
            if at <= last.created:
                break
            if self.rng.random() < 0.5:
                text = self.texts.officer_reply(getattr(first, "category", None), page.name)
                last = self.world.add_comment(
                    post, page.id, page.name, text, parent=last, created=at
                )
            else:
                who = author if self.rng.random() < 0.7 else self.rng.choice(page.audience)
                follow = self.texts.citizen_text(private=False)
                last = self.world.add_comment(
                    post,
                    who.id,
                    who.name,
                    follow.text,
                    parent=last,
                    created=at,
                    category=category_code(follow.category),
                    urgent=follow.urgent,
                )

    def _seed_conversations(self, page: FbPage) -> None:
        start = self._history_start()
        span = self.world.now() - start
        people = self.rng.sample(
            page.audience, min(len(page.audience), self.size.conversations_per_page)
        )
        extra = self.size.conversations_per_page - len(people)
        people += [
            self.world.add_person(page, self.texts.person_name()) for _ in range(max(0, extra))
        ]
        for person in people:
            conv = self.world.conversation_for(page, person)
            at = start + self.rng.random() * span
            first = self.texts.citizen_text(private=True)
            self.world.add_message(
                conv,
                first.text,
                inbound=True,
                created=at,
                category=category_code(first.category),
                urgent=first.urgent,
            )
            n = max(0, self._count(self.size.messages_per_conversation) - 1)
            for i in range(n):
                at = self._later(at, 2 * _HOUR)
                if i % 2 == 0:
                    text = self.texts.officer_reply(first.category, page.name)
                    self.world.add_message(conv, text, inbound=False, created=at)
                else:
                    follow = self.texts.citizen_followup(first)
                    self.world.add_message(
                        conv,
                        follow.text,
                        inbound=True,
                        created=at,
                        category=category_code(follow.category),
                        urgent=follow.urgent,
                    )
            conv.unread_count = 0 if self.rng.random() < 0.6 else conv.unread_count

    # ---------------------------------------------------------------- Zalo
    def _seed_oa(self, oa: ZaloOA) -> None:
        start = self._history_start()
        span = self.world.now() - start
        users = [
            self.world.add_zalo_user(
                oa, self.texts.person_name(), is_follower=self.rng.random() < 0.85
            )
            for _ in range(self.size.zalo_users_per_oa)
        ]
        chatting = users[: self.size.zalo_chatting_users_per_oa]
        for user in chatting:
            at = start + self.rng.random() * span
            first = self.texts.citizen_text(private=True)
            self.world.add_zalo_message(
                oa,
                user,
                first.text,
                from_user=True,
                at=at,
                category=category_code(first.category),
                urgent=first.urgent,
            )
            n = max(0, self._count(self.size.zalo_messages_per_chat) - 1)
            for i in range(n):
                at = self._later(at, 2 * _HOUR)
                if i % 2 == 0:
                    text = self.texts.officer_reply(first.category, oa.name)
                    self.world.add_zalo_message(oa, user, text, from_user=False, at=at)
                else:
                    follow = self.texts.citizen_followup(first)
                    self.world.add_zalo_message(
                        oa,
                        user,
                        follow.text,
                        from_user=True,
                        at=at,
                        category=category_code(follow.category),
                        urgent=follow.urgent,
                    )
