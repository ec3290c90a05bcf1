"""The living world: new comments, replies, Messenger and Zalo messages (and now and then a
new Page post) arriving at ``stream_rate_per_minute`` (real minutes), in realistic Vietnamese.

``emit()`` makes one event now (tests call it directly for determinism); ``run()`` is the
background task the server starts.
"""

from __future__ import annotations

import asyncio
import random
import threading
from typing import Any

from desktop.simulator.model import FbComment, FbPage, ZaloOA
from desktop.simulator.seeding import post_kind
from desktop.simulator.settings import SimSettings
from desktop.simulator.texts import TextSource, category_code, load_text_source, to_category
from desktop.simulator.world import World

Event = dict[str, Any]
_RECENT_POSTS = 5
_RECENT_THREADS = 20


class LiveStream:
    def __init__(
        self,
        world: World,
        settings: SimSettings,
        lock: threading.RLock,
        texts: TextSource | None = None,
    ) -> None:
        self.world = world
        self.settings = settings
        self.lock = lock
        self.rng = random.Random(settings.seed + 5)
        self._texts = texts
        self._carry = 0.0
        self.emitted = 0

    @property
    def texts(self) -> TextSource:
        if self._texts is None:
            self._texts = load_text_source(random.Random(self.settings.seed + 6))
        return self._texts

    # ------------------------------------------------------------------ background task
    async def run(self, stopping: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while not stopping.is_set():
            try:
                await asyncio.wait_for(stopping.wait(), self.settings.stream_tick_seconds)
                return
            except TimeoutError:
                pass
            now = loop.time()
            self._carry += self.settings.stream_rate_per_minute * (now - last) / 60.0
            last = now
            due = int(self._carry)
            self._carry -= due
            for _ in range(min(due, 10_000)):
                self.emit()

    # ------------------------------------------------------------------ one event
    def emit(self, kind: str | None = None) -> Event:
        with self.lock:
            self.world.record_events = True
            every = self.settings.stream_new_post_every
            if kind is None and every and self.emitted and self.emitted % every == 0:
                kind = "post"
            kind = kind or self._pick_kind()
            self.emitted += 1
            if kind == "post":
                return self.new_post(self.rng.choice(list(self.world.pages.values())))
            if kind in ("comment", "reply"):
                return self.new_comment(
                    self.rng.choice(list(self.world.pages.values())), reply=kind == "reply"
                )
            if kind == "messenger":
                return self.new_message(self.rng.choice(list(self.world.pages.values())))
            return self.new_zalo(self.rng.choice(list(self.world.oas.values())))

    def _pick_kind(self) -> str:
        weights = self.settings.stream_weights
        names = list(weights)
        return self.rng.choices(names, weights=[weights[n] for n in names])[0]

    def new_post(self, page: FbPage, text: str | None = None) -> Event:
        body = text if text is not None else self.texts.post_text()
        post = self.world.add_post(page, body, post_kind(body))
        return {"kind": "post", "page_id": page.id, "post_id": post.id}

    def new_comment(
        self,
        page: FbPage,
        *,
        reply: bool = False,
        post_id: str | None = None,
        parent_id: str | None = None,
        text: str | None = None,
        author_id: str | None = None,
        category: str | None = None,
        urgent: bool | None = None,
    ) -> Event:
        post = self.world.post(post_id) if post_id else self._recent_post(page)
        if post is None:
            return self.new_post(page)
        parent: FbComment | None = None
        if parent_id is not None:
            parent = self.world.comment(parent_id)
        elif reply:
            tops = post.toplevel.newest(10)
            parent = self.rng.choice(tops) if tops else None
        person = page.people.get(author_id) if author_id else None
        if person is None:
            if (
                author_id is None
                and parent is not None
                and self.rng.random() < 0.6
                and parent.author_id != page.id
                and parent.author_id not in page.blocked
            ):
                person = page.people.get(parent.author_id)
            if person is None:
                person = self._someone(page)
        seed = self.texts.citizen_text(to_category(category), private=False, urgent=urgent)
        comment = self.world.add_comment(
            post,
            person.id,
            person.name,
            text if text is not None else seed.text,
            parent=parent,
            category=category or category_code(seed.category),
            urgent=seed.urgent if urgent is None else urgent,
        )
        return {
            "kind": "reply" if parent else "comment",
            "page_id": page.id,
            "post_id": post.id,
            "comment_id": comment.id,
            "parent_id": comment.parent_id,
            "author_id": person.id,
            "text": comment.message,
            "category": comment.category,
            "urgent": comment.urgent,
        }

    def new_message(
        self,
        page: FbPage,
        *,
        psid: str | None = None,
        text: str | None = None,
        new_thread: bool | None = None,
        category: str | None = None,
        urgent: bool | None = None,
    ) -> Event:
        person = page.people.get(psid) if psid else None
        if person is None:
            existing = [
                c for c in page.conversations.newest(_RECENT_THREADS) if c.psid not in page.blocked
            ]
            fresh = new_thread if new_thread is not None else self.rng.random() < 0.4
            if existing and not fresh and psid is None:
                person = page.people[self.rng.choice(existing).psid]
            else:
                person = self.world.add_person(page, self.texts.person_name())
        conv = self.world.conversation_for(page, person)
        if text is None:
            seed = self.texts.citizen_text(to_category(category), private=True, urgent=urgent)
            text, category = seed.text, category or category_code(seed.category)
            urgent = seed.urgent if urgent is None else urgent
        msg = self.world.add_message(
            conv, text, inbound=True, category=category, urgent=bool(urgent)
        )
        return {
            "kind": "messenger",
            "page_id": page.id,
            "conversation_id": conv.id,
            "message_id": msg.id,
            "psid": person.id,
            "text": msg.text,
            "category": msg.category,
            "urgent": msg.urgent,
        }

    def new_zalo(
        self,
        oa: ZaloOA,
        *,
        user_id: str | None = None,
        text: str | None = None,
        new_user: bool | None = None,
        category: str | None = None,
        urgent: bool | None = None,
    ) -> Event:
        user = oa.users.get(user_id) if user_id else None
        if user is None:
            recent = oa.threads.newest(_RECENT_THREADS)
            fresh = new_user if new_user is not None else self.rng.random() < 0.4
            if recent and not fresh and user_id is None:
                user = self.rng.choice(recent)
            else:
                user = self.world.add_zalo_user(
                    oa, self.texts.person_name(), is_follower=self.rng.random() < 0.8
                )
        if text is None:
            seed = self.texts.citizen_text(to_category(category), private=True, urgent=urgent)
            text, category = seed.text, category or category_code(seed.category)
            urgent = seed.urgent if urgent is None else urgent
        msg = self.world.add_zalo_message(
            oa, user, text, from_user=True, category=category, urgent=bool(urgent)
        )
        return {
            "kind": "zalo",
            "oa_id": oa.id,
            "user_id": user.id,
            "message_id": msg.id,
            "text": msg.text,
            "category": msg.category,
            "urgent": msg.urgent,
        }

    # ------------------------------------------------------------------ helpers
    def _recent_post(self, page: FbPage) -> Any:
        posts = page.posts.newest(_RECENT_POSTS)
        if not posts:
            return None
        return posts[0] if self.rng.random() < 0.5 else self.rng.choice(posts)

    def _someone(self, page: FbPage) -> Any:
        if page.audience and self.rng.random() < 0.8:
            return self.rng.choice(page.audience)
        return self.world.add_person(page, self.texts.person_name())
