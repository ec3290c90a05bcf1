"""What happened in the world: writes received from clients, and changes made "by the platform".

``WriteLog`` holds every write a client sent (applied or rejected), in arrival order, so tests
can assert on exactly what left the desk. ``EventLog`` holds changes made by citizens and other
moderators (new items, edits, deletions, hides) that the sync engine should discover.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

WriteStatus = Literal["applied", "rejected"]


@dataclass(frozen=True, slots=True)
class WriteRecord:
    seq: int
    at: float  # simulated time
    platform: str  # facebook | zalo
    action: str  # e.g. fb.comment.reply, fb.comment.hide, fb.message.send, zalo.message.cs
    account: str  # Page id or OA id
    target: str  # the object written to (comment id, PSID, user id, ...)
    payload: dict[str, Any]
    status: WriteStatus = "applied"
    result: dict[str, Any] = field(default_factory=dict)  # created ids, or the error returned

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PlatformEvent:
    seq: int
    at: float
    platform: str
    kind: str  # comment.add, comment.edit, comment.remove, comment.hide, message.add, ...
    account: str
    target: str
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class WriteLog:
    def __init__(self) -> None:
        self._records: list[WriteRecord] = []

    def record(
        self,
        *,
        at: float,
        platform: str,
        action: str,
        account: str,
        target: str,
        payload: dict[str, Any],
        status: WriteStatus = "applied",
        result: dict[str, Any] | None = None,
    ) -> WriteRecord:
        rec = WriteRecord(
            len(self._records) + 1,
            at,
            platform,
            action,
            account,
            target,
            payload,
            status,
            result or {},
        )
        self._records.append(rec)
        return rec

    def __len__(self) -> int:
        return len(self._records)

    def entries(
        self,
        *,
        after_seq: int = 0,
        action: str | None = None,
        account: str | None = None,
        status: WriteStatus | None = None,
    ) -> list[WriteRecord]:
        out = self._records[after_seq:] if after_seq >= 0 else list(self._records)
        return [
            r
            for r in out
            if (action is None or r.action == action or r.action.startswith(action + "."))
            and (account is None or r.account == account)
            and (status is None or r.status == status)
        ]


class EventLog:
    def __init__(self) -> None:
        self._events: list[PlatformEvent] = []

    def record(
        self,
        *,
        at: float,
        platform: str,
        kind: str,
        account: str,
        target: str,
        detail: dict[str, Any] | None = None,
    ) -> PlatformEvent:
        ev = PlatformEvent(len(self._events) + 1, at, platform, kind, account, target, detail or {})
        self._events.append(ev)
        return ev

    def __len__(self) -> int:
        return len(self._events)

    def entries(self, *, after_seq: int = 0, kind: str | None = None) -> list[PlatformEvent]:
        return [e for e in self._events[after_seq:] if kind is None or e.kind == kind]
