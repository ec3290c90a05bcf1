"""The workstation's preferences (interface language, idle-lock time) in a small JSON file.

The file is ``settings.json`` in the data folder (``Config.paths.settings_file``). It is written
atomically (a temporary file in the same folder, flushed, then renamed over the old one), so a
crash leaves either the old or the new file. A file that cannot be read or parsed gives the
defaults and a warning in the log; it is copied to ``settings.json.corrupt`` before the next save
replaces it. Keys this version does not know are kept as they are. No Qt.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "vi"  # every UI string is written in Vietnamese
LANGUAGES = ("vi", "en")  # Vietnamese (source) and English (resources/i18n/dutydesk_en.ts)
LANGUAGE_ENV = "DUTYDESK_LANG"  # overrides the saved language for one run (tests, screenshots)


IDLE_LOCK_RANGE = (1, 60)  # minutes: the screen always locks, after at most an hour
IDLE_LOCK_DEFAULT = 10


@dataclass(frozen=True, slots=True)
class Preferences:
    language: str = SOURCE_LANGUAGE
    idle_lock_minutes: int = IDLE_LOCK_DEFAULT  # the screen locks after this long idle


class PreferencesStore:
    """Loads and saves ``Preferences``; blocking file I/O of a few hundred bytes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._extra: dict[str, Any] = {}  # keys written by another version: kept on save
        self._corrupt = False

    def load(self) -> Preferences:
        self._extra = {}
        self._corrupt = False
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Preferences()
        except (OSError, UnicodeDecodeError) as exc:
            return self._defaults_after(f"cannot be read ({exc})")
        try:
            doc = json.loads(text)
        except ValueError as exc:
            return self._defaults_after(f"is not valid JSON ({exc})")
        if not isinstance(doc, dict):
            return self._defaults_after("does not hold a JSON object")
        language = doc.get("language", SOURCE_LANGUAGE)
        if language not in LANGUAGES:
            log.warning(
                "settings file %s: unknown language %r; using %r",
                self.path,
                language,
                SOURCE_LANGUAGE,
            )
            language = SOURCE_LANGUAGE
        idle = doc.get("idle_lock_minutes", IDLE_LOCK_DEFAULT)
        low, high = IDLE_LOCK_RANGE
        if not isinstance(idle, int) or isinstance(idle, bool) or not low <= idle <= high:
            log.warning(
                "settings file %s: idle lock %r is not %d–%d minutes; using %d",
                self.path,
                idle,
                low,
                high,
                IDLE_LOCK_DEFAULT,
            )
            idle = IDLE_LOCK_DEFAULT
        known = {"language", "idle_lock_minutes"}
        self._extra = {k: v for k, v in doc.items() if k not in known}
        return Preferences(language=language, idle_lock_minutes=idle)

    def _defaults_after(self, problem: str) -> Preferences:
        log.warning(
            "settings file %s %s; using the default settings (a copy of the file is kept as "
            "%s.corrupt when settings are next saved)",
            self.path,
            problem,
            self.path.name,
        )
        self._corrupt = True
        return Preferences()

    def save(self, prefs: Preferences) -> None:
        if prefs.language not in LANGUAGES:
            raise ValueError(f"unsupported language {prefs.language!r}")
        low, high = IDLE_LOCK_RANGE
        if not low <= prefs.idle_lock_minutes <= high:
            raise ValueError(f"the idle lock must be {low}–{high} minutes")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._corrupt and self.path.exists():
            shutil.copyfile(self.path, self.path.with_name(self.path.name + ".corrupt"))
            self._corrupt = False
        doc = {
            **self._extra,
            "language": prefs.language,
            "idle_lock_minutes": prefs.idle_lock_minutes,
        }
        _write_atomically(self.path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")

    def set_language(self, language: str) -> Preferences:
        """Save ``language`` (keeping every other setting) and return the new preferences."""
        prefs = replace(self.load(), language=language)
        self.save(prefs)
        return prefs

    def set_idle_lock(self, minutes: int) -> Preferences:
        """Save the idle-lock time (keeping every other setting); it applies at the next sign-in."""
        prefs = replace(self.load(), idle_lock_minutes=minutes)
        self.save(prefs)
        return prefs


def startup_language(prefs: Preferences, env: Mapping[str, str] | None = None) -> str:
    """The language to start in: ``DUTYDESK_LANG`` if set to a supported one, else the saved."""
    env = os.environ if env is None else env
    override = env.get(LANGUAGE_ENV, "")
    if override in LANGUAGES:
        return override
    if override:
        log.warning("%s=%r is not a supported language %s", LANGUAGE_ENV, override, LANGUAGES)
    return prefs.language


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
