"""Run the simulator over real HTTP on 127.0.0.1.

* In a running asyncio loop: ``sim = Simulator(settings); port = await sim.start();
  ... await sim.stop()``.
* In a background thread with its own loop: ``with SimulatorThread(settings) as urls: ...``
  (or ``urls = runner.start()`` / ``runner.stop()``); ``runner.control`` is thread-safe.

URL layout (one port): ``/graph[/vNN.0]/...`` Graph API, ``/zalo/...`` Zalo OA Open API,
``/zalo-oauth/v4/...`` Zalo OAuth, ``/_sim/...`` control API.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import threading
from types import TracebackType
from typing import Any

from aiohttp import web

from desktop.simulator.control import SimControl
from desktop.simulator.control_routes import ControlRoutes
from desktop.simulator.core import SimCore, SimUrls, urls_for
from desktop.simulator.graph_routes import GraphRoutes
from desktop.simulator.settings import SimSettings
from desktop.simulator.texts import TextSource
from desktop.simulator.zalo_routes import ZaloRoutes

log = logging.getLogger(__name__)


def _require_loopback(host: str) -> None:
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise ValueError(f"the simulator only listens on the loopback interface, not {host!r}")


class Simulator:
    def __init__(self, settings: SimSettings | None = None, *, texts: TextSource | None = None):
        self.core = SimCore(settings, texts=texts)
        self.control = SimControl(self.core)
        self._runner: web.AppRunner | None = None
        self._stopping: asyncio.Event | None = None
        self._stream_task: asyncio.Task[None] | None = None
        self.port = 0

    @property
    def settings(self) -> SimSettings:
        return self.core.settings

    @property
    def urls(self) -> SimUrls:
        if self.core.urls is None:
            raise RuntimeError("the simulator is not running")
        return self.core.urls

    def accounts_manifest(self) -> list[dict[str, Any]]:
        return self.core.accounts_manifest()

    def manifest(self) -> dict[str, Any]:
        return self.core.manifest()

    def build_app(self, stopping: asyncio.Event) -> web.Application:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        GraphRoutes(self.core, stopping).register(app)
        ZaloRoutes(self.core, stopping).register(app)
        ControlRoutes(self.control).register(app)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Seed (first time), listen, start the live stream; returns the bound port."""
        _require_loopback(host)
        if self._runner is not None:
            raise RuntimeError("already started")
        await asyncio.get_running_loop().run_in_executor(None, self.core.prepare)
        self._stopping = asyncio.Event()
        runner = web.AppRunner(
            self.build_app(self._stopping),
            handle_signals=False,
            access_log=None,
            shutdown_timeout=1.0,
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        self.port = int(sockets[0].getsockname()[1]) if sockets else port
        shown = f"[{host}]" if ":" in host else host
        self.core.urls = urls_for(f"http://{shown}:{self.port}", self.core.settings)
        self._stream_task = asyncio.create_task(self.core.stream.run(self._stopping))
        log.info("simulator listening on %s", self.core.urls.root)
        return self.port

    async def stop(self) -> None:
        if self._stopping is not None:
            self._stopping.set()
        if self._stream_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._stream_task
            self._stream_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Simulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()


class SimulatorThread:
    """The simulator on its own event loop in a daemon thread (for sync code and the demo)."""

    def __init__(
        self,
        settings: SimSettings | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        texts: TextSource | None = None,
    ) -> None:
        _require_loopback(host)
        self.sim = Simulator(settings, texts=texts)
        self._host = host
        self._port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def control(self) -> SimControl:
        return self.sim.control

    @property
    def urls(self) -> SimUrls:
        return self.sim.urls

    def start(self, timeout: float = 120.0) -> SimUrls:
        self._thread = threading.Thread(target=self._main, name="dutydesk-simulator", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the simulator did not start in time")
        if self._error is not None:
            raise RuntimeError("the simulator failed to start") from self._error
        return self.sim.urls

    def _main(self) -> None:
        # A plain asyncio loop, even when the process runs Qt's loop through qasync (whose
        # policy would hand this thread a Qt loop that cannot run off the main thread).
        loop = asyncio.DefaultEventLoopPolicy().new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self.sim.start(self._host, self._port))
        except BaseException as exc:  # reported to the starting thread
            self._error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self.sim.stop())
            loop.close()

    def stop(self, timeout: float = 10.0) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if loop.is_running():
            loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)
        self._loop = None
        self._thread = None

    def __enter__(self) -> SimUrls:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
