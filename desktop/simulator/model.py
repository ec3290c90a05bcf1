"""The objects of the simulated world: Pages, posts, comments, Messenger threads, Zalo OAs.

Plain mutable dataclasses; only ``World`` mutates them (so its indexes stay right).
Times are epoch seconds on the simulated clock; ``seq`` breaks ties and orders everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.simulator.timeindex import Key, TimeIndex


@dataclass(slots=True, eq=False)
class FbPerson:
    id: str  # one page-scoped id used for comments and Messenger (see README: the PSID switch)
    name: str


@dataclass(slots=True, eq=False)
class FbPage:
    id: str
    name: str
    unit_code: str
    username: str
    posts: TimeIndex[FbPost] = field(default_factory=TimeIndex)
    conversations: TimeIndex[FbConversation] = field(default_factory=TimeIndex)  # by last update
    conversation_by_psid: dict[str, FbConversation] = field(default_factory=dict)
    blocked: dict[str, str] = field(default_factory=dict)  # psid -> name, in blocking order
    people: dict[str, FbPerson] = field(default_factory=dict)  # everyone who interacted
    audience: list[FbPerson] = field(default_factory=list)  # who the live stream picks from


@dataclass(slots=True, eq=False)
class FbPost:
    id: str
    local_id: str
    page_id: str
    message: str
    created: float
    seq: int
    updated: float
    kind: str  # warning | arrest | notice (what the text is about)
    status_type: str = "mobile_status_update"
    like_count: int = 0
    share_count: int = 0
    comments_all: TimeIndex[FbComment] = field(default_factory=TimeIndex)  # filter=stream
    toplevel: TimeIndex[FbComment] = field(default_factory=TimeIndex)  # filter=toplevel

    @property
    def key(self) -> Key:
        return (self.created, self.seq)


@dataclass(slots=True, eq=False)
class FbComment:
    id: str
    local_id: str
    post_id: str
    page_id: str
    author_id: str
    author_name: str
    message: str
    created: float
    seq: int
    parent_id: str | None = None  # the comment replied to (None for top-level comments)
    top_id: str | None = None  # the top-level comment a reply lives under
    replies: TimeIndex[FbComment] = field(default_factory=TimeIndex)
    is_hidden: bool = False
    deleted: bool = False
    like_count: int = 0
    edited: float | None = None
    private_reply_message_id: str | None = None
    private_reply_conversation_id: str | None = None
    category: str | None = None  # the generator's truth, for tests and training (never served)
    urgent: bool = False

    @property
    def key(self) -> Key:
        return (self.created, self.seq)


@dataclass(slots=True, eq=False)
class FbMessage:
    id: str
    conversation_id: str
    page_id: str
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    text: str
    created: float
    seq: int
    inbound: bool  # True: from the citizen to the Page
    tags: list[str] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    category: str | None = None
    urgent: bool = False

    @property
    def key(self) -> Key:
        return (self.created, self.seq)


@dataclass(slots=True, eq=False)
class FbConversation:
    id: str
    page_id: str
    psid: str
    person_name: str
    updated: float
    update_seq: int
    messages: TimeIndex[FbMessage] = field(default_factory=TimeIndex)
    unread_count: int = 0
    last_inbound: float | None = None  # opens the 24-h / 7-day windows

    @property
    def key(self) -> Key:
        return (self.updated, self.update_seq)


@dataclass(slots=True, eq=False)
class ZaloOA:
    id: str
    name: str
    unit_code: str
    app_id: str
    avatar: str
    users: dict[str, ZaloUser] = field(default_factory=dict)
    user_order: list[str] = field(default_factory=list)  # follow order (user/getlist)
    messages: TimeIndex[ZaloMessage] = field(default_factory=TimeIndex)  # every message
    threads: TimeIndex[ZaloUser] = field(default_factory=TimeIndex)  # by last message


@dataclass(slots=True, eq=False)
class ZaloUser:
    id: str
    oa_id: str
    user_id_by_app: str
    name: str
    avatar: str
    is_follower: bool
    messages: TimeIndex[ZaloMessage] = field(default_factory=TimeIndex)
    last_interaction: float | None = None  # the user's last message: opens the 7-day window
    thread_key: Key | None = None


@dataclass(slots=True, eq=False)
class ZaloMessage:
    id: str
    oa_id: str
    user_id: str
    src: int  # 1 = user -> OA, 0 = OA -> user
    time: float
    seq: int
    text: str
    type: str = "text"
    category: str | None = None
    urgent: bool = False

    @property
    def key(self) -> Key:
        return (self.time, self.seq)
