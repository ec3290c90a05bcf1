"""The world: every Page, post, comment, Messenger thread and Zalo chat, with their indexes.

All mutations go through ``World`` so the per-object indexes (timeindex.py) stay consistent.
Nothing here knows about HTTP; graph_*/zalo_* modules read and write through these methods.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from desktop.simulator.clock import SimClock
from desktop.simulator.ids import IdFactory
from desktop.simulator.model import (
    FbComment,
    FbConversation,
    FbMessage,
    FbPage,
    FbPerson,
    FbPost,
    ZaloMessage,
    ZaloOA,
    ZaloUser,
)
from desktop.simulator.settings import SimSettings
from desktop.simulator.writelog import EventLog, WriteLog

FbNode = FbPage | FbPost | FbComment | FbConversation | FbMessage


@dataclass(slots=True)
class WorldStats:
    pages: int = 0
    posts: int = 0
    comments: int = 0  # top-level, not deleted
    replies: int = 0  # not deleted
    hidden: int = 0
    deleted: int = 0
    conversations: int = 0
    messages: int = 0
    oas: int = 0
    zalo_users: int = 0
    zalo_messages: int = 0

    @property
    def items(self) -> int:
        return self.posts + self.comments + self.replies + self.messages + self.zalo_messages


class WorldError(LookupError):
    """A control-API request named something the world does not hold."""


class World:
    def __init__(self, settings: SimSettings, clock: SimClock) -> None:
        self.settings = settings
        self.clock = clock
        self.rng = random.Random(settings.seed)
        self.ids = IdFactory(random.Random(settings.seed + 1))
        self.pages: dict[str, FbPage] = {}
        self.oas: dict[str, ZaloOA] = {}
        self.nodes: dict[str, FbNode] = {}
        self.zalo_messages: dict[str, ZaloMessage] = {}
        self.writes = WriteLog()
        self.events = EventLog()
        self.stats = WorldStats()
        self.record_events = False  # off while seeding history
        self._seq = 0

    # ------------------------------------------------------------------ basics
    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def now(self) -> float:
        return self.clock.now()

    def _event(self, platform: str, kind: str, account: str, target: str, **detail: object) -> None:
        if self.record_events:
            self.events.record(
                at=self.now(),
                platform=platform,
                kind=kind,
                account=account,
                target=target,
                detail=dict(detail),
            )

    def page_of_unit(self, unit_code: str) -> FbPage:
        for page in self.pages.values():
            if page.unit_code == unit_code:
                return page
        raise WorldError(f"no Page for unit {unit_code}")

    def oa_of_unit(self, unit_code: str) -> ZaloOA:
        for oa in self.oas.values():
            if oa.unit_code == unit_code:
                return oa
        raise WorldError(f"no OA for unit {unit_code}")

    def node(self, node_id: str) -> FbNode | None:
        return self.nodes.get(node_id)

    def comment(self, comment_id: str) -> FbComment:
        node = self.nodes.get(comment_id)
        if not isinstance(node, FbComment) or node.deleted:
            raise WorldError(f"no comment {comment_id}")
        return node

    def post(self, post_id: str) -> FbPost:
        node = self.nodes.get(post_id)
        if not isinstance(node, FbPost):
            raise WorldError(f"no post {post_id}")
        return node

    # ------------------------------------------------------------------ Facebook
    def add_page(self, unit_code: str, name: str) -> FbPage:
        page_id = self.ids.page_id()
        username = "sim." + unit_code.lower().replace("-", ".")
        page = FbPage(page_id, name, unit_code, username)
        self.pages[page_id] = page
        self.nodes[page_id] = page
        self.stats.pages += 1
        return page

    def add_person(self, page: FbPage, name: str) -> FbPerson:
        person = FbPerson(self.ids.psid(), name)
        page.people[person.id] = person
        page.audience.append(person)
        return person

    def add_post(
        self, page: FbPage, message: str, kind: str, created: float | None = None
    ) -> FbPost:
        at = self.now() if created is None else created
        local = self.ids.local_id()
        post = FbPost(f"{page.id}_{local}", local, page.id, message, at, self.next_seq(), at, kind)
        page.posts.add(post.key, post)
        self.nodes[post.id] = post
        self.stats.posts += 1
        self._event("facebook", "post.add", page.id, post.id)
        return post

    def add_comment(
        self,
        post: FbPost,
        author_id: str,
        author_name: str,
        message: str,
        *,
        parent: FbComment | None = None,
        created: float | None = None,
        category: str | None = None,
        urgent: bool = False,
    ) -> FbComment:
        """A comment on ``post`` or, with ``parent``, a reply (attached under the top comment)."""
        at = self.now() if created is None else created
        local = self.ids.local_id()
        top: FbComment | None = None
        parent_id: str | None = None
        if parent is not None:
            top = parent if parent.top_id is None else self.comment(parent.top_id)
            wanted = self.settings.fb_reply_to_reply_parent
            parent_id = parent.id if wanted == "target" else top.id
        comment = FbComment(
            f"{post.local_id}_{local}",
            local,
            post.id,
            post.page_id,
            author_id,
            author_name,
            message,
            at,
            self.next_seq(),
            parent_id=parent_id,
            top_id=None if top is None else top.id,
            category=category,
            urgent=urgent,
        )
        post.comments_all.add(comment.key, comment)
        if top is None:
            post.toplevel.add(comment.key, comment)
            self.stats.comments += 1
        else:
            top.replies.add(comment.key, comment)
            self.stats.replies += 1
        post.updated = max(post.updated, at)
        self.nodes[comment.id] = comment
        page = self.pages[post.page_id]
        if author_id != page.id and author_id not in page.people:
            page.people[author_id] = FbPerson(author_id, author_name)
        self._event(
            "facebook",
            "comment.add",
            post.page_id,
            comment.id,
            post_id=post.id,
            parent_id=parent_id or post.id,
        )
        return comment

    def set_hidden(self, comment: FbComment, hidden: bool, *, by_platform: bool = False) -> None:
        if comment.is_hidden != hidden:
            self.stats.hidden += 1 if hidden else -1
        comment.is_hidden = hidden
        if by_platform:
            kind = "comment.hide" if hidden else "comment.unhide"
            self._event("facebook", kind, comment.page_id, comment.id)

    def edit_comment(self, comment: FbComment, message: str, *, by_platform: bool = False) -> None:
        comment.message = message
        comment.edited = self.now()
        if by_platform:
            self._event("facebook", "comment.edit", comment.page_id, comment.id, message=message)

    def delete_comment(self, comment: FbComment, *, by_platform: bool = False) -> None:
        """Remove a comment (and, for a top-level comment, its replies) from every index."""
        post = self.post(comment.post_id)
        doomed = [comment]
        if comment.top_id is None:
            doomed += list(comment.replies)
            post.toplevel.remove(comment.key)
            self.stats.comments -= 1
        else:
            self.comment(comment.top_id).replies.remove(comment.key)
            self.stats.replies -= 1
        for item in doomed:
            if item is not comment:
                self.stats.replies -= 1
            if item.is_hidden:
                self.stats.hidden -= 1
            item.deleted = True
            post.comments_all.remove(item.key)
            self.stats.deleted += 1
        if by_platform:
            self._event("facebook", "comment.remove", comment.page_id, comment.id)

    def block(self, page: FbPage, psid: str) -> None:
        person = page.people.get(psid)
        page.blocked[psid] = person.name if person else ""
        page.audience = [p for p in page.audience if p.id != psid]

    def unblock(self, page: FbPage, psid: str) -> None:
        page.blocked.pop(psid, None)
        person = page.people.get(psid)
        if person is not None and person not in page.audience:
            page.audience.append(person)

    def conversation_for(self, page: FbPage, person: FbPerson) -> FbConversation:
        conv = page.conversation_by_psid.get(person.id)
        if conv is None:
            conv = FbConversation(
                self.ids.conversation_id(), page.id, person.id, person.name, 0.0, 0
            )
            page.conversation_by_psid[person.id] = conv
            self.nodes[conv.id] = conv
            self.stats.conversations += 1
        return conv

    def add_message(
        self,
        conv: FbConversation,
        text: str,
        *,
        inbound: bool,
        created: float | None = None,
        tags: list[str] | None = None,
        attachments: list[dict[str, object]] | None = None,
        category: str | None = None,
        urgent: bool = False,
    ) -> FbMessage:
        at = self.now() if created is None else created
        page = self.pages[conv.page_id]
        if inbound:
            from_id, from_name, to_id, to_name = conv.psid, conv.person_name, page.id, page.name
        else:
            from_id, from_name, to_id, to_name = page.id, page.name, conv.psid, conv.person_name
        msg = FbMessage(
            self.ids.message_id(),
            conv.id,
            page.id,
            from_id,
            from_name,
            to_id,
            to_name,
            text,
            at,
            self.next_seq(),
            inbound,
            list(tags or []),
            [dict(a) for a in attachments or []],
            category,
            urgent,
        )
        conv.messages.add(msg.key, msg)
        self.nodes[msg.id] = msg
        self.stats.messages += 1
        if inbound:
            conv.unread_count += 1
            conv.last_inbound = max(conv.last_inbound or at, at)
        else:
            conv.unread_count = 0
        if at >= conv.updated:
            if conv.update_seq:
                page.conversations.remove(conv.key)
            conv.updated, conv.update_seq = at, msg.seq
            page.conversations.add(conv.key, conv)
        if inbound:
            self._event("facebook", "message.add", page.id, msg.id, conversation_id=conv.id)
        return msg

    # ------------------------------------------------------------------ Zalo
    def add_oa(self, unit_code: str, name: str, app_id: str) -> ZaloOA:
        oa_id = self.ids.zalo_id()
        avatar = f"https://s240-ava-talk.zadn.vn/sim/{self.ids.hex32()}.jpg"
        oa = ZaloOA(oa_id, name, unit_code, app_id, avatar)
        self.oas[oa_id] = oa
        self.stats.oas += 1
        return oa

    def add_zalo_user(self, oa: ZaloOA, name: str, *, is_follower: bool = True) -> ZaloUser:
        user = ZaloUser(
            self.ids.zalo_id(),
            oa.id,
            self.ids.zalo_id(),
            name,
            f"https://s240-ava-talk.zadn.vn/sim/{self.ids.hex32()}.jpg",
            is_follower,
        )
        oa.users[user.id] = user
        oa.user_order.append(user.id)
        self.stats.zalo_users += 1
        return user

    def add_zalo_message(
        self,
        oa: ZaloOA,
        user: ZaloUser,
        text: str,
        *,
        from_user: bool,
        at: float | None = None,
        category: str | None = None,
        urgent: bool = False,
    ) -> ZaloMessage:
        when = self.now() if at is None else at
        msg = ZaloMessage(
            self.ids.zalo_message_id(),
            oa.id,
            user.id,
            1 if from_user else 0,
            when,
            self.next_seq(),
            text,
            category=category,
            urgent=urgent,
        )
        user.messages.add(msg.key, msg)
        oa.messages.add(msg.key, msg)
        self.zalo_messages[msg.id] = msg
        self.stats.zalo_messages += 1
        if from_user:
            user.last_interaction = max(user.last_interaction or when, when)
        if user.thread_key is None or msg.key >= user.thread_key:
            if user.thread_key is not None:
                oa.threads.remove(user.thread_key)
            user.thread_key = msg.key
            oa.threads.add(msg.key, user)
        if from_user:
            self._event("zalo", "message.add", oa.id, msg.id, user_id=user.id)
        return msg

    def zalo_user(self, oa_id: str, user_id: str) -> ZaloUser:
        oa = self.oas.get(oa_id)
        user = None if oa is None else oa.users.get(user_id)
        if user is None:
            raise WorldError(f"no Zalo user {user_id} in OA {oa_id}")
        return user
