"""Settings declared in code: name, type, default and what it is for.

The data directory comes from platformdirs and can be overridden with ``DUTYDESK_HOME``
(tests and benchmarks point it at a temporary folder). Platform base URLs can be overridden with
``DUTYDESK_GRAPH_URL``, ``DUTYDESK_ZALO_URL`` and ``DUTYDESK_ZALO_OAUTH_URL``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "DutyDesk"

GRAPH_URL_DEFAULT = "https://graph.facebook.com/v19.0"
ZALO_URL_DEFAULT = "https://openapi.zalo.me"
ZALO_OAUTH_URL_DEFAULT = "https://oauth.zaloapp.com/v4"


@dataclass(frozen=True, slots=True)
class Paths:
    home: Path

    @property
    def database(self) -> Path:
        return self.home / "dutydesk.sqlite3"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def settings_file(self) -> Path:
        return self.home / "settings.json"

    @property
    def insecure_keyring(self) -> Path:
        """Tokens in a plain file: only with DUTYDESK_ALLOW_INSECURE_KEYRING=1 (tests, demo)."""
        return self.home / "insecure-keyring.cfg"


@dataclass(frozen=True, slots=True)
class PlatformUrls:
    graph: str = GRAPH_URL_DEFAULT
    zalo: str = ZALO_URL_DEFAULT
    zalo_oauth: str = ZALO_OAUTH_URL_DEFAULT


@dataclass(frozen=True, slots=True)
class Config:
    paths: Paths
    urls: PlatformUrls = field(default_factory=PlatformUrls)
    # Tokens may be kept in a plain-text keyring file only when this is set (tests and the demo).
    allow_insecure_keyring: bool = False
    language: str = "vi"


def load_config(env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    home = Path(env.get("DUTYDESK_HOME") or user_data_dir(APP_NAME, appauthor=False))
    urls = PlatformUrls(
        graph=env.get("DUTYDESK_GRAPH_URL", GRAPH_URL_DEFAULT).rstrip("/"),
        zalo=env.get("DUTYDESK_ZALO_URL", ZALO_URL_DEFAULT).rstrip("/"),
        zalo_oauth=env.get("DUTYDESK_ZALO_OAUTH_URL", ZALO_OAUTH_URL_DEFAULT).rstrip("/"),
    )
    insecure = env.get("DUTYDESK_ALLOW_INSECURE_KEYRING", "") == "1"
    language = env.get("DUTYDESK_LANG", "vi")
    return Config(Paths(home), urls, insecure, language)
