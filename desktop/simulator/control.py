"""The simulator's control surface for Python (tests, demo) — the same operations the
``/_sim`` HTTP routes expose. Thread-safe: every method takes the core's lock.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from desktop.simulator.core import SimCore
from desktop.simulator.faults import FaultRule
from desktop.simulator.model import FbPage, ZaloOA
from desktop.simulator.world import WorldError
from desktop.simulator.writelog import PlatformEvent, WriteRecord, WriteStatus

PlatformName = Literal["facebook", "zalo"]


class SimControl:
    def __init__(self, core: SimCore) -> None:
        self.core = core

    # ------------------------------------------------------------------ lookups
    def _page(self, account: str | None) -> FbPage:
        world = self.core.world
        if account is None:
            if not world.pages:
                raise WorldError("the world has no Pages")
            return next(iter(world.pages.values()))
        if account in world.pages:
            return world.pages[account]
        return world.page_of_unit(account)

    def _oa(self, account: str | None) -> ZaloOA:
        world = self.core.world
        if account is None:
            if not world.oas:
                raise WorldError("the world has no OAs")
            return next(iter(world.oas.values()))
        if account in world.oas:
            return world.oas[account]
        return world.oa_of_unit(account)

    # ------------------------------------------------------------------ logs and stats
    def writes(
        self,
        *,
        after_seq: int = 0,
        action: str | None = None,
        account: str | None = None,
        status: WriteStatus | None = "applied",
    ) -> list[WriteRecord]:
        with self.core.lock:
            return self.core.world.writes.entries(
                after_seq=after_seq, action=action, account=account, status=status
            )

    def events(self, *, after_seq: int = 0, kind: str | None = None) -> list[PlatformEvent]:
        with self.core.lock:
            return self.core.world.events.entries(after_seq=after_seq, kind=kind)

    def stats(self) -> dict[str, Any]:
        with self.core.lock:
            world = self.core.world
            stats = dataclasses.asdict(world.stats)
            stats["items"] = world.stats.items
            stats["writes"] = len(world.writes)
            stats["events"] = len(world.events)
            stats["stream_emitted"] = self.core.stream.emitted
            stats["now"] = world.now()
            return stats

    # ------------------------------------------------------------------ faults
    def add_fault(self, rule: FaultRule | None = None, **fields: Any) -> FaultRule:
        made = rule if rule is not None else FaultRule.from_dict(fields)
        with self.core.lock:
            return self.core.faults.add(made)

    def remove_fault(self, rule_id: int) -> bool:
        with self.core.lock:
            return self.core.faults.remove(rule_id)

    def clear_faults(self) -> None:
        with self.core.lock:
            self.core.faults.clear()

    def faults(self) -> list[FaultRule]:
        with self.core.lock:
            return self.core.faults.rules()

    # ------------------------------------------------------------------ clock and settings
    def now(self) -> float:
        return self.core.clock.now()

    def advance_clock(self, seconds: float) -> float:
        with self.core.lock:
            return self.core.clock.advance(seconds)

    def patch_settings(self, changes: dict[str, Any]) -> list[str]:
        with self.core.lock:
            return self.core.settings.patch(changes)

    def set_stream_rate(self, per_minute: float) -> None:
        self.patch_settings({"stream_rate_per_minute": float(per_minute)})

    def reset_rate_limits(self) -> None:
        with self.core.lock:
            self.core.fb_limiter.reset()
            self.core.zalo_limiter.reset()

    # ------------------------------------------------------------------ credentials
    def expire_token(self, platform: PlatformName, account: str) -> None:
        """The account's current access token expires now (Graph 190/463, Zalo -216/-220)."""
        with self.core.lock:
            now = self.core.clock.now()
            if platform == "facebook":
                page = self._page(account)
                self.core.tokens.fb_tokens[self.core.tokens.fb_page_token[page.id]].expires_at = now
            else:
                oa = self._oa(account)
                at, _ = self.core.tokens.zalo_current[oa.id]
                self.core.tokens.zalo_access[at].expires_at = now

    def revoke_token(self, platform: PlatformName, account: str) -> None:
        """The token stops working (Graph 190/460 by default; Zalo: access and refresh die)."""
        with self.core.lock:
            if platform == "facebook":
                page = self._page(account)
                self.core.tokens.fb_tokens[self.core.tokens.fb_page_token[page.id]].revoked = True
            else:
                oa = self._oa(account)
                at, rt = self.core.tokens.zalo_current[oa.id]
                self.core.tokens.zalo_access[at].revoked = True
                self.core.tokens.zalo_refresh[rt].used = True

    def reissue_token(self, platform: PlatformName, account: str) -> dict[str, str]:
        """New credentials for the account (an admin reconnecting it)."""
        with self.core.lock:
            if platform == "facebook":
                page = self._page(account)
                return {"access_token": self.core.tokens.issue_fb_page_token(page.id)}
            oa = self._oa(account)
            at, rt = self.core.oauth.issue(oa.id, oa.app_id)
            return {"access_token": at.token, "refresh_token": rt.token}

    def revoke_permission(self, account: str, permission: str) -> None:
        with self.core.lock:
            page = self._page(account)
            self.core.tokens.fb_page_permissions.setdefault(page.id, set()).discard(permission)

    def grant_permission(self, account: str, permission: str) -> None:
        with self.core.lock:
            page = self._page(account)
            self.core.tokens.fb_page_permissions.setdefault(page.id, set()).add(permission)

    # ------------------------------------------------------------------ inbound now
    def emit(self, count: int = 1, kind: str | None = None) -> list[dict[str, Any]]:
        """``count`` live-stream events right now (kind: comment, reply, messenger, zalo, post)."""
        return [self.core.stream.emit(kind) for _ in range(count)]

    def add_post(self, account: str | None = None, text: str | None = None) -> dict[str, Any]:
        with self.core.lock:
            return self.core.stream.new_post(self._page(account), text)

    def add_comment(
        self,
        account: str | None = None,
        *,
        post_id: str | None = None,
        parent_id: str | None = None,
        text: str | None = None,
        author_id: str | None = None,
        category: str | None = None,
        urgent: bool | None = None,
    ) -> dict[str, Any]:
        with self.core.lock:
            page = self._page(account)
            if post_id is None and parent_id is not None:
                post_id = self.core.world.comment(parent_id).post_id
            if post_id is not None and self.core.world.post(post_id).page_id != page.id:
                page = self.core.world.pages[self.core.world.post(post_id).page_id]
            return self.core.stream.new_comment(
                page,
                post_id=post_id,
                parent_id=parent_id,
                text=text,
                author_id=author_id,
                category=category,
                urgent=urgent,
            )

    def add_message(
        self,
        account: str | None = None,
        *,
        psid: str | None = None,
        text: str | None = None,
        new_thread: bool | None = None,
        category: str | None = None,
        urgent: bool | None = None,
    ) -> dict[str, Any]:
        with self.core.lock:
            return self.core.stream.new_message(
                self._page(account),
                psid=psid,
                text=text,
                new_thread=new_thread,
                category=category,
                urgent=urgent,
            )

    def add_zalo_message(
        self,
        account: str | None = None,
        *,
        user_id: str | None = None,
        text: str | None = None,
        new_user: bool | None = None,
        category: str | None = None,
        urgent: bool | None = None,
    ) -> dict[str, Any]:
        with self.core.lock:
            return self.core.stream.new_zalo(
                self._oa(account),
                user_id=user_id,
                text=text,
                new_user=new_user,
                category=category,
                urgent=urgent,
            )

    # ------------------------------------------------------------------ the platform acts
    def platform_edit(self, comment_id: str, text: str) -> None:
        """The author edits their comment."""
        with self.core.lock:
            self.core.world.edit_comment(
                self.core.world.comment(comment_id), text, by_platform=True
            )

    def platform_delete(self, comment_id: str) -> None:
        """The author (or another moderator, outside the desk) deletes a comment."""
        with self.core.lock:
            self.core.world.delete_comment(self.core.world.comment(comment_id), by_platform=True)

    def platform_hide(self, comment_id: str, hidden: bool = True) -> None:
        """Another moderator hides/unhides a comment in Facebook's own tools."""
        with self.core.lock:
            self.core.world.set_hidden(
                self.core.world.comment(comment_id), hidden, by_platform=True
            )

    def zalo_set_follower(self, account: str, user_id: str, follower: bool) -> None:
        with self.core.lock:
            oa = self._oa(account)
            user = self.core.world.zalo_user(oa.id, user_id)
            user.is_follower = follower
            kind = "user.follow" if follower else "user.unfollow"
            self.core.world.events.record(
                at=self.core.clock.now(),
                platform="zalo",
                kind=kind,
                account=oa.id,
                target=user_id,
                detail={},
            )

    def manifest(self) -> dict[str, Any]:
        return self.core.manifest()


__all__ = ["SimControl", "WorldError"]
