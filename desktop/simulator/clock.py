"""The world's clock: real time plus an offset that tests can advance, or a frozen instant."""

from __future__ import annotations

import time
from datetime import UTC, datetime


class SimClock:
    """``now()`` is epoch seconds on the simulated timeline.

    Not frozen: follows the wall clock, shifted by every ``advance``. Frozen: stands still
    until advanced. Time never goes backwards.
    """

    def __init__(self, start: float | None = None, *, frozen: bool = False) -> None:
        real = time.time()
        self._frozen = frozen
        self._offset = 0.0 if start is None else start - real
        self._fixed = real if start is None else start

    @property
    def frozen(self) -> bool:
        return self._frozen

    def now(self) -> float:
        if self._frozen:
            return self._fixed
        return time.time() + self._offset

    def now_dt(self) -> datetime:
        return datetime.fromtimestamp(self.now(), UTC)

    def advance(self, seconds: float) -> float:
        """Move the world forward by ``seconds`` (>= 0); returns the new now."""
        if seconds < 0:
            raise ValueError("the simulated clock never goes backwards")
        self._offset += seconds
        self._fixed += seconds
        return self.now()
