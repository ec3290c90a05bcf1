"""The simulator's parts wired together, without HTTP: world, clock, tokens, limits, faults,
the Graph/Zalo/OAuth logic and the live stream. ``server.py`` puts HTTP in front of it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from desktop.simulator.clock import SimClock
from desktop.simulator.faults import FaultInjector
from desktop.simulator.graph_api import GraphApi
from desktop.simulator.livestream import LiveStream
from desktop.simulator.ratelimit import FbRateLimiter, ZaloRateLimiter
from desktop.simulator.seeding import Seeder
from desktop.simulator.settings import SimSettings
from desktop.simulator.texts import TextSource
from desktop.simulator.tokens import TokenStore
from desktop.simulator.world import World
from desktop.simulator.zalo_api import ZaloApi
from desktop.simulator.zalo_oauth import ZaloOAuth


@dataclass(frozen=True, slots=True)
class SimUrls:
    root: str  # http://127.0.0.1:PORT
    graph: str  # root/graph/v19.0  (DUTYDESK_GRAPH_URL)
    zalo: str  # root/zalo          (DUTYDESK_ZALO_URL; paths /v2.0/oa/..., /v3.0/oa/...)
    zalo_oauth: str  # root/zalo-oauth/v4 (DUTYDESK_ZALO_OAUTH_URL; path /oa/access_token)
    control: str  # root/_sim

    def as_dict(self) -> dict[str, str]:
        return {
            "root": self.root,
            "graph": self.graph,
            "zalo": self.zalo,
            "zalo_oauth": self.zalo_oauth,
            "control": self.control,
        }


def urls_for(root: str, settings: SimSettings) -> SimUrls:
    return SimUrls(
        root,
        f"{root}/graph/{settings.graph_version}",
        f"{root}/zalo",
        f"{root}/zalo-oauth/v4",
        f"{root}/_sim",
    )


class SimCore:
    def __init__(self, settings: SimSettings | None = None, *, texts: TextSource | None = None):
        self.settings = settings or SimSettings()
        self.clock = SimClock(self.settings.start_time, frozen=self.settings.frozen_clock)
        self.world = World(self.settings, self.clock)
        self.tokens = TokenStore()
        self.fb_limiter = FbRateLimiter(self.settings)
        self.zalo_limiter = ZaloRateLimiter(self.settings)
        self.faults = FaultInjector(self.settings.seed + 7)
        self.graph = GraphApi(self.world, self.tokens, self.fb_limiter, self.settings)
        self.zalo = ZaloApi(self.world, self.tokens, self.zalo_limiter, self.settings)
        self.oauth = ZaloOAuth(self.world, self.tokens, self.settings)
        self.lock = threading.RLock()
        self.stream = LiveStream(self.world, self.settings, self.lock, texts)
        self._texts = texts
        self.prepared = False
        self.urls: SimUrls | None = None

    def prepare(self) -> None:
        """Seed the world and issue credentials (once)."""
        with self.lock:
            if self.prepared:
                return
            Seeder(self.world, self._texts).run()
            self.tokens.setup_fb_app(self.world.ids.numeric(15, "9"))
            for page in self.world.pages.values():
                self.tokens.issue_fb_page_token(page.id)
            for oa in self.world.oas.values():
                self.tokens.add_zalo_app(oa.app_id)
                self.oauth.issue(oa.id, oa.app_id)
            self.world.record_events = True
            self.prepared = True

    def accounts_manifest(self) -> list[dict[str, Any]]:
        """Per unit: the Page and the OA with their current credentials (for the demo)."""
        with self.lock:
            rows: list[dict[str, Any]] = []
            for page in self.world.pages.values():
                rows.append(
                    {
                        "platform": "facebook",
                        "external_id": page.id,
                        "name": page.name,
                        "unit_code": page.unit_code,
                        "access_token": self.tokens.fb_page_token.get(page.id, ""),
                    }
                )
            for oa in self.world.oas.values():
                at, rt = self.tokens.zalo_current.get(oa.id, ("", ""))
                access = self.tokens.zalo_access.get(at)
                app = self.tokens.zalo_apps.get(oa.app_id)
                rows.append(
                    {
                        "platform": "zalo",
                        "external_id": oa.id,
                        "name": oa.name,
                        "unit_code": oa.unit_code,
                        "access_token": at,
                        "refresh_token": rt,
                        "access_token_expires_at": None if access is None else access.expires_at,
                        "app_id": oa.app_id,
                        "secret_key": "" if app is None else app.secret_key,
                    }
                )
            return rows

    def manifest(self) -> dict[str, Any]:
        return {
            "urls": None if self.urls is None else self.urls.as_dict(),
            "facebook_app_id": self.tokens.fb_app_id,
            "facebook_user_token": self.tokens.fb_user_token,
            "accounts": self.accounts_manifest(),
        }
