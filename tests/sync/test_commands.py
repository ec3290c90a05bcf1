"""The headless commands against the simulator: accounts import/list, sync, export."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.commands.common import open_store
from desktop.commands.simulator import accounts_toml
from desktop.config import load_config
from desktop.simulator import SimulatorThread
from desktop.store.models import AuditEvent


@pytest.fixture
def env(sim: SimulatorThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    urls = sim.urls
    assert urls is not None
    monkeypatch.setenv("DUTYDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DUTYDESK_GRAPH_URL", urls.graph)
    monkeypatch.setenv("DUTYDESK_ZALO_URL", urls.zalo)
    monkeypatch.setenv("DUTYDESK_ZALO_OAUTH_URL", urls.zalo_oauth)
    monkeypatch.setenv("DUTYDESK_ALLOW_INSECURE_KEYRING", "1")
    accounts = tmp_path / "accounts.toml"
    accounts.write_text(accounts_toml(sim.control.manifest()["accounts"]), encoding="utf-8")
    return accounts


PASSWORD = "mật khẩu đủ dài 2026"


def test_import_sync_list_export(
    env: Path,
    sim: SimulatorThread,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def with_stdin(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    def audit_exports() -> list[dict[str, Any]]:
        with open_store(load_config()) as db:
            return db.read_blocking(
                lambda s: [
                    dict(e.details_json or {})
                    for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "export"))
                ]
            )

    assert main(["accounts", "import", str(env)]) == 0
    assert "imported 6 accounts" in capsys.readouterr().out
    assert main(["sync", "--once"]) == 0
    out = capsys.readouterr().out
    assert "6 accounts" in out and "0 failed" in out
    assert main(["accounts", "list"]) == 0
    listing = capsys.readouterr().out
    assert listing.count(" ok ") == 6
    for account in sim.control.manifest()["accounts"]:
        assert account["access_token"] not in listing  # tokens never shown

    sim.control.add_comment("TH", text="Số của kẻ lừa đảo là 0912 345 678, ai biết báo giúp")
    assert main(["sync", "--once"]) == 0
    masked, unmasked = tmp_path / "m.jsonl", tmp_path / "u.jsonl"
    # an export is an officer's audited action: the admin may export masked data only
    admin = ["--username", "admin", "--name", "Quản trị", "--password-stdin"]
    with_stdin(PASSWORD + "\n")
    assert main(["officers", "create-admin", *admin]) == 0
    as_admin = ["--officer", "admin", "--password-stdin"]
    with_stdin(PASSWORD + "\n")
    assert main(["export", "--jsonl", str(masked), *as_admin]) == 0
    with_stdin(PASSWORD + "\n")
    assert main(["export", "--jsonl", str(unmasked), "--unmasked", *as_admin]) == 1
    assert not unmasked.exists()  # refused before anything was written
    with_stdin("sai mật khẩu rồi\n")
    assert main(["export", "--jsonl", str(unmasked), *as_admin]) == 1
    leader = ["--admin", "admin", "--username", "truongca", "--name", "Trưởng ca"]
    with_stdin(PASSWORD + "\n" + PASSWORD + "\n")
    assert (
        main(
            [
                "officers",
                "add",
                *leader,
                "--role",
                "shift_leader",
                "--unit",
                "TH",
                "--password-stdin",
            ]
        )
        == 0
    )
    with_stdin(PASSWORD + "\n")
    assert (
        main(
            [
                "export",
                "--jsonl",
                str(unmasked),
                "--unmasked",
                "--officer",
                "truongca",
                "--password-stdin",
            ]
        )
        == 0
    )
    exports = audit_exports()
    assert [(e["unmasked"], e["rows"] > 100) for e in exports] == [(False, True), (True, True)]
    assert main(["audit", "verify"]) == 0
    rows = [json.loads(line) for line in masked.read_text(encoding="utf-8").splitlines()]
    raw = [json.loads(line) for line in unmasked.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(raw) > 100
    assert set(rows[0]) == {
        "platform",
        "account_id",
        "thread_id",
        "item_id",
        "direction",
        "author",
        "text",
        "created_time",
        "category",
        "urgent",
        "status",
        "assignee",
    }
    assert any("0912 345 678" in r["text"] for r in raw)
    assert not any(re.search(r"0912\D?345\D?678", r["text"]) for r in rows)
    assert oct(masked.stat().st_mode & 0o777) == "0o600"


def test_sync_once_fails_when_an_account_fails(
    env: Path, sim: SimulatorThread, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["accounts", "import", str(env)]) == 0
    page = next(a for a in sim.control.manifest()["accounts"] if a["platform"] == "facebook")
    sim.control.revoke_token("facebook", page["external_id"])
    assert main(["sync", "--once"]) == 1
    out = capsys.readouterr().out
    assert "1 failed" in out and "token_expired" in out
    assert page["access_token"] not in out


def test_bad_accounts_file_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTYDESK_ALLOW_INSECURE_KEYRING", "1")
    bad = tmp_path / "bad.toml"
    bad.write_text('[[accounts]]\nplatform = "myspace"\nid = "1"\n', encoding="utf-8")
    assert main(["accounts", "import", str(bad)]) == 2
    assert "account #1: platform must be 'facebook' or 'zalo'" in capsys.readouterr().err
    bad.write_text("[[accounts]\n", encoding="utf-8")
    assert main(["accounts", "import", str(bad)]) == 2
    assert "not valid TOML" in capsys.readouterr().err
    assert main(["accounts", "import", str(tmp_path / "missing.toml")]) == 2


def test_no_secure_keyring_is_refused_plainly(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DUTYDESK_ALLOW_INSECURE_KEYRING")  # and conftest leaves no keyring
    assert main(["accounts", "import", str(env)]) == 3
    err = capsys.readouterr().err
    assert "keyring" in err.lower() and "DUTYDESK_ALLOW_INSECURE_KEYRING" in err


def test_the_simulators_accounts_file_carries_zalo_expiry(sim: SimulatorThread) -> None:
    """Without it every Zalo token is refreshed before first use (and a crash mid-refresh
    leaves the OA needing a new authorisation)."""
    from datetime import UTC, datetime

    from desktop.services.accounts import parse_accounts

    manifest = sim.control.manifest()["accounts"]
    parsed = {a.external_id: a for a in parse_accounts(accounts_toml(manifest))}
    for account in manifest:
        if account["platform"] == "zalo":
            expected = datetime.fromtimestamp(int(account["access_token_expires_at"]), UTC)
            assert parsed[account["external_id"]].expires_at == expected
        else:
            assert parsed[account["external_id"]].expires_at is None
