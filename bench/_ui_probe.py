"""Instruments for the UI benchmark: when rows reach the screen, and what a stalled loop was doing.

``PaintProbe`` resolves a future when the table's viewport has finished the first paint after
the model's ``page_loaded``. ``StallSampler`` is a watchdog thread: while the event loop's next
stall-monitor tick is overdue it samples the GUI thread's Python stack (``sys._current_frames``),
so each long stall can be attributed to the code the GUI thread was in.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.services.stall_monitor import StallMonitor, StallStats
from desktop.views.inbox_model import InboxModel

ROOT = Path(__file__).resolve().parents[1]
GUARD_RESERVE = 4_000_000  # references to None held by NoneGuard (8 bytes each)


class PaintProbe(QObject):
    """``expect()`` → a future of the ``perf_counter`` at which the rows were painted."""

    def __init__(self, model: InboxModel, viewport: QWidget) -> None:
        super().__init__(viewport)
        self._viewport = viewport
        self._future: asyncio.Future[float] | None = None
        self._armed = False
        self.loaded_at = 0.0
        self.paint_at = 0.0
        model.page_loaded.connect(self._loaded)
        model.load_failed.connect(self._failed)
        viewport.installEventFilter(self)

    def expect(self) -> asyncio.Future[float]:
        self._future = asyncio.get_running_loop().create_future()
        self._armed = False
        return self._future

    def _loaded(self) -> None:
        if self._future is not None and not self._future.done():
            self.loaded_at = time.perf_counter()
            self._armed = True
            self._viewport.update()  # an empty result must paint too

    def _failed(self, message: str) -> None:
        if self._future is not None and not self._future.done():
            self._future.set_exception(RuntimeError(message))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() == QEvent.Type.Paint:
            # The paint runs right after this filter returns, then the backing store is
            # flushed; a zero timer fires once that event has been handled.
            self._armed = False
            self.paint_at = time.perf_counter()
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        if self._future is not None and not self._future.done():
            self._future.set_result(time.perf_counter())


@dataclass(slots=True)
class Sample:
    late_ms: float
    stack: list[traceback.FrameSummary]
    others: dict[str, str]  # thread name -> innermost frame


class RecordingStats(StallStats):
    """The monitor's statistics plus every stall with the tick's due time (to match samples)."""

    def __init__(self, monitor: StallMonitor) -> None:
        super().__init__()
        self._monitor = monitor
        self.log: list[tuple[float, float]] = []  # (due time, stall ms)

    def add(self, stall_ms: float, warn_ms: float) -> None:
        StallStats.add(self, stall_ms, warn_ms)
        self.log.append((self._monitor._expected, stall_ms))


IDLE = ("threading.py", "queue.py", "selectors.py", "thread.py", "socketserver.py")


def _where(frame: traceback.FrameSummary) -> str:
    path = Path(frame.filename)
    try:
        shown = str(path.relative_to(ROOT))
    except ValueError:
        parts = path.parts
        shown = (
            "/".join(parts[parts.index("site-packages") + 1 :])
            if "site-packages" in parts
            else path.name
        )
    return f"{shown}:{frame.lineno} {frame.name}"


def _ours(frame: traceback.FrameSummary) -> bool:
    name = frame.filename
    return "/desktop/" in name and "site-packages" not in name


def _stack(frame: FrameType, limit: int = 40) -> list[traceback.FrameSummary]:
    """Outermost first, like ``extract_stack``, without reading source files (the GIL!)."""
    found = traceback.StackSummary.extract(
        traceback.walk_stack(frame), limit=limit, lookup_lines=False
    )
    return list(reversed(found))


class StallSampler(threading.Thread):
    """Samples the GUI thread's stack every ``every_s`` while the monitor's tick is overdue."""

    def __init__(
        self, monitor: StallMonitor, *, late_ms: float = 25.0, every_s: float = 0.004
    ) -> None:
        super().__init__(name="stall-sampler", daemon=True)
        self.monitor = monitor
        self.late_ms = late_ms
        self.every_s = every_s
        self.main_ident = threading.main_thread().ident
        self.samples: dict[float, list[Sample]] = {}
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=2)

    def run(self) -> None:
        while not self._stop_event.wait(self.every_s):
            due = self.monitor._expected
            late = (time.perf_counter() - due) * 1000.0
            if late < self.late_ms or self.monitor._handle is None:
                continue
            frames = sys._current_frames()
            main = frames.get(self.main_ident or -1)
            stack = _stack(main) if main is not None else []
            others: dict[str, str] = {}
            for thread in threading.enumerate():
                if thread.ident in (self.main_ident, self.ident) or thread.ident not in frames:
                    continue
                inner = _stack(frames[thread.ident])
                mine = [f for f in inner if _ours(f)]
                others[thread.name] = _where((mine or inner)[-1]) if inner else "?"
            self.samples.setdefault(due, []).append(Sample(late, stack, others))


@dataclass(slots=True)
class StallReport:
    worst: list[tuple[float, str, list[str]]] = field(default_factory=list)
    culprits: Counter[str] = field(default_factory=Counter)
    innermost: Counter[str] = field(default_factory=Counter)
    neighbours: Counter[str] = field(default_factory=Counter)
    stalled_ms: float = 0.0  # the stalls over the threshold, summed
    gc_ms: float = 0.0  # garbage collection inside them
    with_gc: int = 0  # how many of them overlap a collection


def attribute(
    stats: RecordingStats,
    sampler: StallSampler,
    gcs: GcWatch | None = None,
    *,
    over_ms: float = 50.0,
    top: int = 10,
) -> StallReport:
    """The ``top`` longest stalls with the GUI thread's stack, and culprit counts over all
    samples taken during stalls longer than ``over_ms``."""
    report = StallReport()
    ranked = sorted(stats.log, key=lambda pair: pair[1], reverse=True)
    for due, stall_ms in ranked:
        samples = sampler.samples.get(due, [])
        if stall_ms <= over_ms:
            break
        for sample in samples:
            mine = [f for f in sample.stack if _ours(f)]
            report.culprits[
                _where(mine[-1]) if mine else "(no DutyDesk frame: Qt or the loop)"
            ] += 1
            if sample.stack:
                report.innermost[_where(sample.stack[-1])] += 1
            for name, where in sample.others.items():
                if not where.startswith(IDLE):
                    report.neighbours[f"{name.rstrip('_0123456789')}: {where}"] += 1
        if len(report.worst) < top:
            lines: list[str] = []
            if samples:
                middle = samples[len(samples) // 2]
                mine = [f for f in middle.stack if _ours(f)][-3:]
                inner = [f for f in middle.stack[-3:] if f not in mine]
                lines = [_where(f) for f in mine] + [f"> {_where(f)}" for f in inner]
                busy = sorted((n, w) for n, w in middle.others.items() if not w.startswith(IDLE))
                lines += [f"  [{n}] {w}" for n, w in busy]
            what = f"{len(samples)} samples"
            if gcs is not None:
                # the tick was due at ``due`` and ran ``stall_ms`` later
                collected, who = gcs.overlap_ms(due, due + stall_ms / 1000)
                if collected:
                    what += f"; garbage collection {collected:.0f} ms of it ({who})"
            report.worst.append((stall_ms, what, lines))
        if gcs is not None:
            collected, _who = gcs.overlap_ms(due, due + stall_ms / 1000)
            report.gc_ms += collected
            report.stalled_ms += stall_ms
            report.with_gc += collected > 0
    return report


class NoneGuard:
    """Keeps ``None`` alive on CPython < 3.12 under PySide6 6.12.0, which drops one reference to
    ``None`` on many void C++ calls (``update()``, ``setChecked()``...): without extra references
    the process aborts with ``none_dealloc`` after a few thousand calls. The project pins 6.11.3,
    which is fine; the guard only switches on for the broken version."""

    def __init__(self, reserve: int = GUARD_RESERVE) -> None:
        import PySide6

        broken = PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12)
        self.reserve = reserve if broken else 0
        # a tuple of None is untracked by the collector: it adds nothing to collections
        self._ballast = tuple([None] * self.reserve)

    @property
    def reserved_mb(self) -> float:
        return self.reserve * 8 / 2**20

    def summary(self) -> str:
        if not self.reserve:
            return ""
        return (
            f"(a guard held {self.reserve:,} extra references to None, "
            f"{self.reserved_mb:.0f} MB, against the PySide6 6.12.0 refcount bug)"
        )


class GcWatch:
    """Every garbage collection: (start, end, generation, thread that triggered it)."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, float, int, str]] = []
        self._started: float | None = None

    def __enter__(self) -> GcWatch:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._started = now
        elif self._started is not None:
            name = threading.current_thread().name.rstrip("_0123456789")
            self.runs.append((self._started, now, info["generation"], name))
            self._started = None

    def overlap_ms(self, start: float, end: float) -> tuple[float, str]:
        """Milliseconds of collection inside [start, end] and who collected."""
        total, who = 0.0, set()
        for a, b, gen, name in self.runs:
            inside = min(b, end) - max(a, start)
            if inside > 0:
                total += inside
                who.add(f"gen{gen}@{name}")
        return total * 1000, ",".join(sorted(who))

    def summary(self, since: float) -> str:
        parts = []
        for gen in (0, 1, 2):
            runs = [(b - a) * 1000 for a, b, g, _n in self.runs if g == gen and a >= since]
            if runs:
                parts.append(
                    f"gen{gen}: {len(runs)} runs, max {max(runs):.0f} ms, total {sum(runs):.0f} ms"
                )
        return "; ".join(parts) or "none"
