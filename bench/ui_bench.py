"""The workstation's responsiveness: start-up, inbox paint, filters and search, scrolling, the
event loop during a large sync, and memory, with the 1,000,000-item store.

    python bench/ui_bench.py                    # every phase, each in its own process
    python bench/ui_bench.py --phase startup    # or inbox, or sync

startup  spawns ``python main.py`` under Xvfb (xcb) with DUTYDESK_HOME at a migrated copy of the
         1M store and waits for the main window's MapNotify (``xev`` on the root window).
inbox    in-process on the qasync loop (offscreen): first inbox paint, every filter and search
         (control change → rows painted), scrolling one account's threads to the end, RSS.
sync     the main window shown, the sync engine pulling ~100k items from the simulator in a
         child process, the inbox refreshed after each pass as app.py does; the StallMonitor
         measures the loop and a watchdog thread samples the GUI thread's stack during stalls.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import inspect
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from _common import machine, peak_rss_mb
from _ui_store import DEFAULT_SOURCE, DEFAULT_WORKDIR, prepared_home

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOW = datetime(2026, 11, 29, tzinfo=UTC)  # the seeded store's "now" (store_queries.py)
GUARD_MB = [0.0]  # memory held by _ui_probe.NoneGuard in this process


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def proc_status() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            found[key] = int(value.split()[0]) / 1024
    return found.get("VmRSS", 0.0), found.get("VmHWM", peak_rss_mb())


# -- 1. start-up ----------------------------------------------------------------------------------
def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert xvfb.stdout is not None
    number = xvfb.stdout.readline().decode().strip()
    if not number:
        raise RuntimeError("Xvfb did not start")
    return xvfb, f":{number}"


def _watch_maps(display: str) -> tuple[subprocess.Popen[bytes], queue.Queue[float]]:
    """``xev`` on the root window: the perf_counter of every top-level MapNotify."""
    xev = subprocess.Popen(
        ["stdbuf", "-oL", "xev", "-display", display, "-root", "-event", "substructure"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    maps: queue.Queue[float] = queue.Queue()

    def read() -> None:
        assert xev.stdout is not None
        for line in xev.stdout:
            if line.startswith(b"MapNotify event"):
                maps.put(time.perf_counter())

    threading.Thread(target=read, daemon=True).start()
    time.sleep(1.0)  # xev selects its events
    return xev, maps


def startup(home: Path, runs: int, linger_s: float) -> None:
    for tool in ("Xvfb", "xev", "stdbuf"):
        if shutil.which(tool) is None:
            print(f"start-up: skipped, {tool} is not installed (Debian: xvfb, x11-utils)")
            return
    xvfb, display = _start_xvfb()
    xev, maps = _watch_maps(display)
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "DUTYDESK_HOME": str(home),
    }
    env.pop("WAYLAND_DISPLAY", None)
    log = home.parent / "startup-runs.log"
    samples: list[float] = []
    try:
        with log.open("w") as out:
            for run in range(runs):
                while not maps.empty():
                    maps.get_nowait()
                started = time.perf_counter()
                app = subprocess.Popen(
                    [sys.executable, "main.py"], cwd=ROOT, env=env, stdout=out, stderr=out
                )
                try:
                    shown = maps.get(timeout=60)
                except queue.Empty:
                    app.kill()
                    print(f"start-up run {run + 1}: no window within 60 s (see {log})")
                    return
                samples.append((shown - started) * 1000)
                time.sleep(linger_s)  # let it open the store, as a real start does
                if app.poll() is not None:
                    print(f"start-up run {run + 1}: the app exited early (see {log})")
                app.terminate()
                try:
                    app.wait(10)
                except subprocess.TimeoutExpired:
                    app.kill()
                    app.wait()
        timeline = _timeline(env, linger_s)
    finally:
        xev.kill()
        xvfb.terminate()
        xvfb.wait()
    warm = samples[1:]
    print("\n1. process start → main window mapped (python main.py under Xvfb, 1M store)")
    print("   runs (ms): " + ", ".join(f"{s:.0f}" for s in samples))
    print(f"   first run: {samples[0]:.0f} ms")
    if warm:
        print(f"   warm runs: median {statistics.median(warm):.0f} ms, max {max(warm):.0f} ms")
    print(f"   all runs:  median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms")
    print("   timeline of one more run (bench/_ui_start_child.py):")
    for line in timeline:
        print(f"     {line}")


def _timeline(env: dict[str, str], linger_s: float) -> list[str]:
    """The ``[startup]`` marks of one run of ``main.py`` under ``_ui_start_child.py``."""
    child = subprocess.Popen(
        [sys.executable, str(HERE / "_ui_start_child.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []

    def read() -> None:
        assert child.stderr is not None
        for line in child.stderr:
            if line.startswith("[startup]"):
                lines.append(line[len("[startup]") :].strip())
            elif "window shown" in line and "after start" in line:  # the app's own log line
                lines.append("app log: " + line.split(": ", 1)[-1].strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any("window shown" in x for x in lines):
        time.sleep(0.05)
    time.sleep(linger_s)
    child.terminate()
    try:
        child.wait(10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    reader.join(timeout=2)
    return lines


# -- 2-4, 6. the inbox at 1M --------------------------------------------------------------------
def _accepted(cls: type, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments ``cls`` takes (the views grow options; older ones lack them)."""
    params = inspect.signature(cls.__init__).parameters
    return {k: v for k, v in kwargs.items() if k in params}


def _accepted_fn(fn: Callable[..., Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    params = inspect.signature(fn).parameters
    return {k: v for k, v in kwargs.items() if k in params}


def _settings(config: Any, db: Any) -> Any:
    """The settings opener as desktop/app.py makes it (a stub where there is none yet)."""
    try:
        from desktop.gui.settings import settings_opener
        from desktop.services.preferences import PreferencesStore
    except ImportError:
        return SimpleNamespace(open=lambda: None, set_officer=lambda _officer: None)
    return settings_opener(config, db, PreferencesStore(config.paths.settings_file), "vi")


def _saved_views(home: Path) -> Any:
    try:
        from desktop.services.saved_views import SavedViewStore
    except ImportError:
        return None
    target = home.parent / "bench-views.json"
    target.unlink(missing_ok=True)
    return SavedViewStore(target)


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    apply: Callable[[], None]
    reset: Callable[[], None]


async def inbox_phase(home: Path, samples: int, label: str, pace: float) -> None:
    from _ui_probe import PaintProbe
    from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QLineEdit
    from sqlalchemy import func, select
    from store_queries import _pick_terms

    from desktop.domain.enums import CaseStatus, Category, Channel
    from desktop.services.inbox import InboxCursor, InboxFilter, InboxPage, InboxService
    from desktop.store.database import Database
    from desktop.store.inbox import count_threads, unit_subtree_ids
    from desktop.store.models import Account, Thread, Unit
    from desktop.views.inbox_model import InboxModel
    from desktop.views.inbox_view import InboxView

    path = home / "dutydesk.sqlite3"
    db = Database(path)
    await db.open_async()
    service = InboxService(db)
    query_ms: list[float] = []
    loads: list[tuple[float, float, float, float]] = []  # asked, thread start/end, resumed
    current: contextvars.ContextVar[list[float] | None] = contextvars.ContextVar(
        "page_read", default=None
    )
    plain_read = db.read

    async def read(work: Callable[[Any], Any]) -> Any:
        inside = current.get()
        if inside is None:
            return await plain_read(work)

        def timed(s: Any) -> Any:
            inside.append(time.perf_counter())
            try:
                return work(s)
            finally:
                inside.append(time.perf_counter())

        return await plain_read(timed)

    db.read = read  # type: ignore[method-assign]  # times the reads of page loads only

    async def loader(flt: InboxFilter, after: InboxCursor | None) -> InboxPage:
        asked = time.perf_counter()
        inside: list[float] = []
        current.set(inside)  # this task's context only
        page = await service.page(flt, after)
        resumed = time.perf_counter()
        query_ms.append((resumed - asked) * 1000)
        if inside:
            loads.append((asked, inside[0], inside[-1], resumed))
        return page

    # Built as the desk builds it (desktop/gui/desk.py), with whatever the view accepts.
    model_kwargs = {"rows_loader": service.rows}
    model = InboxModel(loader, **_accepted(InboxModel, model_kwargs))
    view_kwargs: dict[str, Any] = {
        "saved_views": _saved_views(home),
        "officer_id": None,
        "counter": service.counts,
        "units": service.units,
        "accounts": service.accounts,
        "officers": service.officers,
    }
    view = InboxView(model, **_accepted(InboxView, view_kwargs))
    view.resize(1280, 800)
    view.show()
    await asyncio.sleep(0.3)  # exposed, laid out
    table = getattr(view, "table", None) or view.findChild(QAbstractItemView)
    assert isinstance(table, QAbstractItemView)
    probe = PaintProbe(model, table.viewport())
    parts: dict[str, list[float]] = {
        k: [] for k in ("to reader", "SQL", "back to loop", "rows in", "to paint", "paint")
    }

    async def painted(action: Callable[[], None]) -> tuple[float, float]:
        """(ms from the action to the rows painted, of which the page load) for one change."""
        done = probe.expect()
        before = len(query_ms)
        started = time.perf_counter()
        action()
        at = await asyncio.wait_for(done, 30)
        await asyncio.sleep(0)
        query = sum(query_ms[before:])
        if len(loads) == before + 1:  # one page: split the time
            asked, t_in, t_out, resumed = loads[-1]
            for key, ms in zip(
                parts,
                (
                    t_in - asked,
                    t_out - t_in,
                    resumed - t_out,
                    probe.loaded_at - resumed,
                    probe.paint_at - probe.loaded_at,
                    at - probe.paint_at,
                ),
                strict=True,
            ):
                parts[key].append(ms * 1000)
        return (at - started) * 1000, query

    activate = getattr(view, "activate", None)  # first page, then choices and counts
    first_ms, first_query = await painted(
        activate if callable(activate) else lambda: model.set_filter(InboxFilter())
    )
    print(f"\n2. first inbox paint, {label} (set_filter(InboxFilter()) → first page painted)")
    print(
        f"   first in this process: {first_ms:.1f} ms (page query {first_query:.1f} ms, "
        f"{model.rowCount()} rows)"
    )

    def lookups(s: Any) -> dict[str, Any]:
        units = {c: i for c, i in s.execute(select(Unit.code, Unit.id))}
        accounts = list(
            s.execute(
                select(Thread.account_id, func.count())
                .group_by(Thread.account_id)
                .order_by(Thread.account_id)
            )
        )
        return {
            "threads": s.execute(select(func.count()).select_from(Thread)).scalar_one(),
            "district": unit_subtree_ids(s, [units["TH-TPTH"]]),
            "accounts": accounts,
            "names": {i: n for i, n in s.execute(select(Account.id, Account.name))},
        }

    await asyncio.sleep(1.0)  # the filter choices and counts that follow the first page
    ref = await db.read(lookups)
    terms = await asyncio.to_thread(_pick_terms, path)
    district = ref["district"]

    def set_model(flt: InboxFilter) -> Callable[[], None]:
        return lambda: model.set_filter(flt)

    def clear_controls() -> None:
        for widget, value in (
            (getattr(view, "search", None), ""),
            (getattr(view, "urgent", None), False),
            (getattr(view, "channel", None), 0),
        ):
            if isinstance(widget, QLineEdit):
                widget.blockSignals(True)
                widget.setText(str(value))
                widget.blockSignals(False)
            elif isinstance(widget, QCheckBox):
                widget.blockSignals(True)
                widget.setChecked(bool(value))
                widget.blockSignals(False)
            elif isinstance(widget, QComboBox):
                widget.blockSignals(True)
                widget.setCurrentIndex(int(value) if isinstance(value, int) else 0)
                widget.blockSignals(False)

    def reset() -> None:
        clear_controls()
        model.set_filter(InboxFilter())

    def type_search(text: str) -> Callable[[], None]:
        search = getattr(view, "search", None)
        if not isinstance(search, QLineEdit) or not hasattr(view, "apply_filter"):
            return set_model(InboxFilter(text=text))

        def act() -> None:
            search.setText(text)  # starts the debounce timer...
            view.apply_filter()  # ...which this skips: the 300 ms wait is not counted

        return act

    def tick_urgent() -> None:
        box = getattr(view, "urgent", None)
        if isinstance(box, QCheckBox):
            box.setChecked(True)
        else:
            model.set_filter(InboxFilter(urgent_only=True))

    def pick_channel(channel: Channel) -> Callable[[], None]:
        combo = getattr(view, "channel", None)
        if not isinstance(combo, QComboBox) or combo.findData(channel.value) < 0:
            return set_model(InboxFilter(channels=frozenset({channel})))
        return lambda: combo.setCurrentIndex(combo.findData(channel.value))

    # the account nearest the median size is the one scrolled to the end (section 4)
    by_size = sorted(ref["accounts"], key=lambda pair: pair[1])
    account_id, account_threads = by_size[len(by_size) // 2]
    cases = [
        Case("no filter", set_model(InboxFilter()), reset),
        Case("urgent only (checkbox)", tick_urgent, reset),
        Case("channel = Zalo (combo)", pick_channel(Channel.ZALO_MESSAGE), reset),
        Case(
            "category = crime_tip",
            set_model(InboxFilter(categories=frozenset({Category.CRIME_TIP}))),
            reset,
        ),
        Case("unit subtree (district, 4 units)", set_model(InboxFilter(unit_ids=district)), reset),
        Case(
            "account (one Page/OA)",
            set_model(InboxFilter(account_ids=frozenset({account_id}))),
            reset,
        ),
        Case("status = new", set_model(InboxFilter(statuses=frozenset({CaseStatus.NEW}))), reset),
        Case("unassigned", set_model(InboxFilter(unassigned=True)), reset),
        Case(
            "date range (7 to 3 days ago)",
            set_model(InboxFilter(since=NOW - timedelta(days=7), until=NOW - timedelta(days=3))),
            reset,
        ),
        Case(f"search: common word '{terms['common']}'", type_search(terms["common"]), reset),
        Case(f"search: rare word '{terms['rare']}'", type_search(terms["rare"]), reset),
        Case(f"search: phone {terms['phone']}", type_search(terms["phone"]), reset),
        Case("search: 'lua dao' (no diacritics)", type_search("lua dao"), reset),
        Case("search: 'lừa đảo' (diacritics)", type_search("lừa đảo"), reset),
        Case(
            "combo: unit + crime_tip + new",
            set_model(
                InboxFilter(
                    unit_ids=district,
                    categories=frozenset({Category.CRIME_TIP}),
                    statuses=frozenset({CaseStatus.NEW}),
                )
            ),
            reset,
        ),
        Case(
            "combo: urgent + Messenger + unassigned",
            set_model(
                InboxFilter(
                    urgent_only=True, channels=frozenset({Channel.FB_MESSAGE}), unassigned=True
                )
            ),
            reset,
        ),
        Case(
            "combo: hostile + comments + 7 days",
            set_model(
                InboxFilter(
                    categories=frozenset({Category.HOSTILE}),
                    channels=frozenset({Channel.FB_COMMENT}),
                    since=NOW - timedelta(days=7),
                )
            ),
            reset,
        ),
        Case(
            "combo: search 'can cuoc' + unit",
            set_model(InboxFilter(text="can cuoc", unit_ids=district)),
            reset,
        ),
    ]

    # Warm: every filter once, then the measured rounds.
    warm: list[float] = []
    for case in cases:
        await painted(case.apply)
        await painted(case.reset)
    results: dict[str, tuple[list[float], list[float]]] = {c.name: ([], []) for c in cases}
    for _ in range(samples):
        for case in cases:
            total, query = await painted(case.apply)
            results[case.name][0].append(total)
            results[case.name][1].append(query)
            await asyncio.sleep(pace)  # an officer's pace: the view's delayed counts start
            back, _q = await painted(case.reset)
            warm.append(back)
            await asyncio.sleep(0.005)
    print(
        f"   warm, {len(warm)} returns to the unfiltered first page: median "
        f"{statistics.median(warm):.1f} ms, p95 {pct(warm, 0.95):.1f} ms, max {max(warm):.1f} ms"
    )

    print(
        f"\n3. filter / search → rows painted, {label} ({samples} samples each, {pace:g} s "
        "apart; the search box's debounce not included)"
    )
    print(f"   {'filter':<40} {'p50':>7} {'p95':>7} {'max':>7} {'query p50':>10} {'rows':>5}")
    everything: list[float] = []
    for case in cases:
        totals, queries = results[case.name]
        everything += totals
        await painted(case.apply)
        rows = model.rowCount()
        await painted(case.reset)
        print(
            f"   {case.name:<40} {statistics.median(totals):>7.1f} {pct(totals, 0.95):>7.1f} "
            f"{max(totals):>7.1f} {statistics.median(queries):>10.1f} {rows:>5}"
        )
    print(
        f"   {'overall':<40} {statistics.median(everything):>7.1f} "
        f"{pct(everything, 0.95):>7.1f} {max(everything):>7.1f}"
    )
    print(
        "   where the time goes (median / p95 ms over every page change above): "
        + "; ".join(
            f"{k} {statistics.median(v):.1f} / {pct(v, 0.95):.1f}" for k, v in parts.items()
        )
    )

    # 4. scroll one account's threads to the end through fetchMore
    flt = InboxFilter(account_ids=frozenset({account_id}))
    expected = await db.read(lambda s: count_threads(s, flt, db.search))
    await painted(set_model(flt))
    per_page: list[float] = []
    manual = 0
    before = len(query_ms)
    started = time.perf_counter()
    while model.canFetchMore():
        done = probe.expect()
        step = time.perf_counter()
        table.scrollToBottom()
        if not model.loading:  # the view did not ask: fetch as it would
            manual += 1
            model.fetchMore()
        await asyncio.wait_for(done, 30)
        per_page.append((time.perf_counter() - step) * 1000)
    total_s = time.perf_counter() - started
    queries = query_ms[before:]
    print(
        f"\n4. scroll to the end: account '{ref['names'][account_id]}' "
        f"({account_threads:,} threads, count_threads {expected:,})"
    )
    print(
        f"   {len(per_page) + 1} pages, {model.rowCount():,} rows loaded in {total_s:.2f} s; "
        f"per page (scrollToBottom → painted) median {statistics.median(per_page):.1f} ms, "
        f"p95 {pct(per_page, 0.95):.1f} ms, max {max(per_page):.1f} ms; page query median "
        f"{statistics.median(queries):.1f} ms"
        + (f"; {manual} fetches the view did not start itself" if manual else "")
    )
    rss, hwm = proc_status()
    guard_mb = GUARD_MB[0]
    print(
        f"\n6. memory with the 1M store open, after 2-4 ({model.rowCount():,} rows in the model): "
        f"RSS {rss - guard_mb:.0f} MB, peak {hwm - guard_mb:.0f} MB"
        + (f" (without the None guard's {guard_mb:.0f} MB)" if guard_mb else "")
    )
    view.close()
    db.close()


# -- 5. the event loop during a 100k-item sync --------------------------------------------------
async def sync_phase(
    manifest: dict[str, Any], tmp: Path, live_refresh_s: float, gc_freeze: bool
) -> None:
    import httpx
    from _ui_probe import GcWatch, RecordingStats, StallSampler, attribute

    from desktop.composition import build_platform_services, load_triage
    from desktop.config import Config, Paths, PlatformUrls
    from desktop.gui.background import Background
    from desktop.gui.desk import open_desk
    from desktop.platforms.credentials import CredentialStore
    from desktop.platforms.memory_keyring import MemoryKeyring
    from desktop.services.accounts import from_manifest, import_accounts
    from desktop.services.stall_monitor import StallMonitor
    from desktop.services.sync.settings import SyncSettings
    from desktop.store.database import Database

    urls = manifest["bench_urls"]
    config = Config(Paths(tmp), PlatformUrls(urls["graph"], urls["zalo"], urls["oauth"]))
    gcs = GcWatch().__enter__()
    monitor = StallMonitor()
    monitor.start()
    sampler = StallSampler(monitor)
    sampler.start()

    db = Database(config.paths.database, backup_dir=config.paths.backups)
    await db.open_async()
    credentials = CredentialStore(backend=MemoryKeyring())
    await asyncio.to_thread(import_accounts, db, credentials, from_manifest(manifest["accounts"]))
    # As desktop/gui/background.start_background, with the in-memory keyring:
    made = time.perf_counter()
    client = httpx.AsyncClient(timeout=20.0)  # on the GUI thread, as the app does
    made_ms = (time.perf_counter() - made) * 1000
    triage = await asyncio.to_thread(load_triage, config)
    services = build_platform_services(
        config, db, client, credentials, SyncSettings(), triage=triage
    )
    background = Background(services, client)
    settings = _settings(config, db)
    # The desk as the demo's shift leader gets it: main window, inbox, case panel, the
    # listeners that refresh them after each pass, health every few seconds.
    from desktop.services.demo_roster import demo_officer_id

    officer_id = await demo_officer_id(db)  # the demo's shift leader (sees every unit)
    extra = _accepted_fn(open_desk, {"officer_id": officer_id, "scope": None})
    desk = await open_desk(config, db, background, settings, **extra)  # type: ignore[arg-type]
    refreshes = [0]
    plain_done = desk.inbox.sync_pass_done

    def counted(touched: Any = ()) -> None:
        refreshes[0] += 1
        plain_done(touched)

    desk.inbox.sync_pass_done = counted  # type: ignore[method-assign]
    stop = asyncio.Event()
    await services.recover()
    outbox = asyncio.ensure_future(services.outbox.run(stop))
    await asyncio.sleep(1.5)  # the first page, the filter choices and counts, health
    setup = monitor.stats
    if gc_freeze:  # what desktop/app.py does: collect on the GUI thread only, freeze start-up
        from desktop.views.gc_guard import GuiGarbageCollector

        collector = GuiGarbageCollector()
        collector.start()
        collector.settle()
        await asyncio.sleep(0.2)  # the tick this collection delayed is not the sync's
    stats = RecordingStats(monitor)
    monitor.stats = stats
    sync_started = time.perf_counter()

    async def live() -> None:
        while live_refresh_s > 0 and not stop.is_set():
            await asyncio.sleep(live_refresh_s)
            desk.inbox.sync_pass_done(())

    live_task = asyncio.ensure_future(live())
    started = time.perf_counter()
    passes: list[tuple[float, int]] = []
    for _ in range(4):
        t0 = time.perf_counter()
        summary = await services.sync.sync_once()
        passes.append((time.perf_counter() - t0, summary.inserted))
        if summary.inserted == 0:
            break
    await asyncio.sleep(2.0)  # the desk's after-pass work (merge, counts, alerts, overview)
    elapsed = time.perf_counter() - started
    stop.set()
    live_task.cancel()
    await asyncio.wait([outbox, live_task], timeout=10)
    monitor.stop()
    sampler.stop()
    await desk.close()
    await background.aclose()
    if hasattr(settings, "shutdown"):
        settings.shutdown()
    db.close()

    print(
        f"   start-up of the desk (store, accounts, classifier, desk, recover; "
        f"{setup.ticks} ticks): max stall {setup.max_ms:.0f} ms, {setup.over_warn} over 50 ms; "
        f"httpx.AsyncClient() alone took {made_ms:.0f} ms on the GUI thread (CA bundle load)"
    )
    inserted = sum(n for _s, n in passes)
    print(
        f"   sync: {inserted:,} items in {elapsed:.1f} s over {len(passes)} passes "
        f"({', '.join(f'{s:.1f} s/+{n:,}' for s, n in passes)}); inbox refreshed "
        f"{refreshes[0]} times"
        + (f" (every {live_refresh_s:g} s and after each pass)" if live_refresh_s else "")
    )
    print(
        f"   stall monitor ({stats.ticks:,} ticks of {monitor.tick_s * 1000:.0f} ms): max "
        f"{stats.max_ms:.0f} ms, {stats.over_warn} over {monitor.warn_ms:.0f} ms"
    )
    print("   10 worst (ms): " + ", ".join(f"{w:.0f}" for w in stats.worst[:10]))
    gcs.__exit__(None, None, None)
    report = attribute(stats, sampler, gcs)
    print(
        f"   garbage collections during the sync: {gcs.summary(sync_started)}; the stalls over "
        f"50 ms add up to {report.stalled_ms:.0f} ms, {report.gc_ms:.0f} ms of it collecting "
        f"({report.with_gc} of {len([1 for _d, ms in stats.log if ms > 50])} stalls overlap a "
        f"collection)"
    )

    print("   the worst stalls, with the GUI thread's stack mid-stall (innermost last):")
    for stall_ms, what, lines in report.worst:
        print(f"     {stall_ms:.0f} ms ({what})")
        for line in lines:
            print(f"         {line}")
    print("   GUI-thread samples during stalls > 50 ms, by innermost DutyDesk frame:")
    for where, n in report.culprits.most_common(10):
        print(f"     {n:>5}  {where}")
    print("   ... by innermost frame:")
    for where, n in report.innermost.most_common(10):
        print(f"     {n:>5}  {where}")
    print("   other threads busy meanwhile (same samples):")
    for where, n in report.neighbours.most_common(10):
        print(f"     {n:>5}  {where}")
    print(f"   peak RSS of the GUI process: {peak_rss_mb():.0f} MB")


# -- driver ---------------------------------------------------------------------------------------
def _run_qt(coro_factory: Callable[[], Awaitable[None]]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")
    import qasync
    from _ui_probe import NoneGuard
    from PySide6.QtWidgets import QApplication

    guard = NoneGuard()
    GUARD_MB[0] = guard.reserved_mb
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # as the app: closing the desk must not stop the loop
    qasync.run(coro_factory())  # as desktop/app.py runs the workstation
    if guard.summary():
        print(f"   {guard.summary()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=["all", "startup", "inbox", "sync"], default="all")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the 1M store")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument(
        "--home", type=Path, help="use this DUTYDESK_HOME as is (no 1M copy; for trying it out)"
    )
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--linger", type=float, default=2.0, help="seconds each app runs")
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument(
        "--pace", type=float, default=0.45, help="seconds between an officer's filter changes"
    )
    parser.add_argument(
        "--live-refresh", type=float, default=0.0, help="also refresh the inbox every N s"
    )
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="sync phase: as the app does (GUI-thread collector, gc.freeze() after start-up)",
    )
    parser.add_argument("--world", default='{"unit_limit": 20}', help="simulator WorldSize")
    args = parser.parse_args()

    if args.phase == "all":
        print(f"machine: {machine()}")
        load = os.getloadavg()
        print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        if args.home is None:
            prepared_home(args.source, args.workdir)
        for phase in ("startup", "inbox", "sync"):
            subprocess.run([sys.executable, __file__, *sys.argv[1:], "--phase", phase], check=False)
        load = os.getloadavg()
        print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        return

    home = args.home or prepared_home(args.source, args.workdir)
    if args.phase == "startup":
        startup(home, args.startup_runs, args.linger)
    elif args.phase == "inbox":
        label = "1M items" if args.home is None else str(args.home)
        _run_qt(lambda: inbox_phase(home, args.samples, label, args.pace))
    else:
        import json

        from sync_bench import start_simulator

        with tempfile.TemporaryDirectory() as tmpdir:
            tmp = Path(tmpdir)
            sim, manifest = start_simulator(json.loads(args.world), tmp)  # inherits stdout
            try:
                stats = manifest["bench_stats"]
                items = sum(stats[k] for k in ("comments", "replies", "messages", "zalo_messages"))
                print(
                    f"\n5. event loop during a sync of {items:,} simulator items (fresh store, "
                    "the desk of desktop/gui/desk.py shown, classifier on)"
                )
                _run_qt(lambda: sync_phase(manifest, tmp, args.live_refresh, args.gc_freeze))
            finally:
                sim.kill()
                sim.wait()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # skip interpreter teardown: PySide objects collected late can abort it


if __name__ == "__main__":
    main()
