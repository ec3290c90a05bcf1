"""Whether the platforms can be reached: learned from every request, never probed separately.

A request that got any HTTP answer (even an error) proves the network works; a request that
could not connect or timed out counts as unreachable. The state is the latest evidence, so the
status bar says "offline" after the first failed connection and "online" after the next answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class ConnectivityState:
    online: bool | None  # None: no request yet
    since: datetime | None  # when the current state began
    last_answer_at: datetime | None  # the last time a platform answered at all
    reason: str = ""  # why offline (no secrets: a class name and a path)


class Connectivity:
    def __init__(self, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._clock = clock
        self._state = ConnectivityState(None, None, None)
        self.listeners: list[Callable[[ConnectivityState], None]] = []

    @property
    def state(self) -> ConnectivityState:
        return self._state

    def answered(self) -> None:
        now = self._clock()
        changed = self._state.online is not True
        since = now if changed else self._state.since
        self._state = ConnectivityState(True, since, now)
        if changed:
            self._notify()

    def unreachable(self, reason: str) -> None:
        changed = self._state.online is not False
        since = self._clock() if changed else self._state.since
        self._state = ConnectivityState(False, since, self._state.last_answer_at, reason)
        if changed:
            self._notify()

    def _notify(self) -> None:
        for listener in list(self.listeners):
            listener(self._state)
