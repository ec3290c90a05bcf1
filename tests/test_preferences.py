"""The preferences file: defaults, round trip, atomic replacement, corrupt files, overrides."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from desktop.config import load_config
from desktop.services.preferences import (
    Preferences,
    PreferencesStore,
    startup_language,
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "home" / "settings.json"


def test_no_file_gives_the_defaults(path: Path) -> None:
    assert PreferencesStore(path).load() == Preferences(language="vi")
    assert not path.exists()


def test_the_language_is_saved_and_loaded(path: Path) -> None:
    store = PreferencesStore(path)
    assert store.set_language("en") == Preferences(language="en")
    assert PreferencesStore(path).load().language == "en"
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "language": "en",
        "idle_lock_minutes": 10,
    }
    # No temporary file is left next to it.
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_the_settings_file_is_the_configured_one() -> None:
    config = load_config()
    store = PreferencesStore(config.paths.settings_file)
    store.set_language("en")
    assert (config.paths.home / "settings.json").exists()


def test_unknown_keys_are_kept(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"language": "vi", "later": {"x": 1}}), encoding="utf-8")
    PreferencesStore(path).set_language("en")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {"later": {"x": 1}, "language": "en", "idle_lock_minutes": 10}


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\xff\xfe garbage"])
def test_a_corrupt_file_gives_defaults_a_warning_and_a_kept_copy(
    path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content.encode("latin-1"))
    store = PreferencesStore(path)
    with caplog.at_level(logging.WARNING, logger="desktop.services.preferences"):
        assert store.load() == Preferences()
    assert str(path) in caplog.text and "default" in caplog.text
    store.save(Preferences(language="en"))
    assert (path.parent / "settings.json.corrupt").read_bytes() == content.encode("latin-1")
    assert PreferencesStore(path).load().language == "en"


def test_an_unknown_language_falls_back_to_vietnamese(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"language": "fr"}', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert PreferencesStore(path).load().language == "vi"
    assert "'fr'" in caplog.text
    with pytest.raises(ValueError, match="unsupported"):
        PreferencesStore(path).save(Preferences(language="fr"))


def test_a_failed_write_leaves_the_old_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = PreferencesStore(path)
    store.set_language("en")

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("desktop.services.preferences.os.replace", broken)
    with pytest.raises(OSError, match="disk full"):
        store.set_language("vi")
    assert PreferencesStore(path).load().language == "en"
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_the_environment_overrides_the_saved_language() -> None:
    saved = Preferences(language="en")
    assert startup_language(saved, {}) == "en"
    assert startup_language(saved, {"DUTYDESK_LANG": "vi"}) == "vi"
    assert startup_language(saved, {"DUTYDESK_LANG": "xx"}) == "en"


def test_the_idle_lock_is_saved_bounded_and_checked(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = PreferencesStore(path)
    assert store.set_idle_lock(3).idle_lock_minutes == 3
    assert PreferencesStore(path).load() == Preferences(language="vi", idle_lock_minutes=3)
    with pytest.raises(ValueError, match="1–60 minutes"):
        store.set_idle_lock(0)
    for bad in (0, 61, "5", True, None):
        path.write_text(json.dumps({"idle_lock_minutes": bad}), encoding="utf-8")
        with caplog.at_level(logging.WARNING):
            assert PreferencesStore(path).load().idle_lock_minutes == 10
    assert "idle lock" in caplog.text
