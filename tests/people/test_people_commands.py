"""``dutydesk officers ...`` and ``dutydesk audit verify`` (exit codes; passwords never in argv)."""

from __future__ import annotations

import io
import sqlite3

import pytest

from desktop.cli import main
from desktop.config import load_config


def _stdin(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def _db_path() -> str:
    return str(load_config().paths.database)


def test_create_admin_add_list_and_verify(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "quan-tri-mat-khau")
    assert (
        main(
            [
                "officers",
                "create-admin",
                "--username",
                "QuanTri",
                "--name",
                "Quản trị",
                "--password-stdin",
            ]
        )
        == 0
    )
    assert "created unit admin quantri" in capsys.readouterr().out
    _stdin(monkeypatch, "khac-mat-khau-1")
    assert (
        main(["officers", "create-admin", "--username", "x", "--name", "X", "--password-stdin"])
        == 1
    )
    _stdin(monkeypatch, "sai-mat-khau", "mat-khau-truc-ban")
    assert (
        main(
            [
                "officers",
                "add",
                "--admin",
                "quantri",
                "--username",
                "trucban",
                "--name",
                "Trực ban",
                "--role",
                "duty_officer",
                "--unit",
                "TH-SAMSON",
                "--password-stdin",
            ]
        )
        == 1
    )  # wrong admin password
    _stdin(monkeypatch, "quan-tri-mat-khau", "ngan")
    assert (
        main(
            [
                "officers",
                "add",
                "--admin",
                "quantri",
                "--username",
                "trucban",
                "--name",
                "Trực ban",
                "--role",
                "duty_officer",
                "--unit",
                "TH-SAMSON",
                "--password-stdin",
            ]
        )
        == 2
    )  # too short a password
    _stdin(monkeypatch, "quan-tri-mat-khau", "mat-khau-truc-ban")
    assert (
        main(
            [
                "officers",
                "add",
                "--admin",
                "quantri",
                "--username",
                "trucban",
                "--name",
                "Trực ban",
                "--role",
                "duty_officer",
                "--unit",
                "TH-SAMSON",
                "--password-stdin",
            ]
        )
        == 0
    )
    _stdin(monkeypatch, "mat-khau-truc-ban", "mat-khau-khac-1")
    assert (
        main(  # a duty officer is no admin
            [
                "officers",
                "add",
                "--admin",
                "trucban",
                "--username",
                "khac",
                "--name",
                "Khác",
                "--role",
                "duty_officer",
                "--unit",
                "TH-SAMSON",
                "--password-stdin",
            ]
        )
        == 1
    )
    capsys.readouterr()
    assert main(["officers", "list"]) == 0
    out = capsys.readouterr().out
    assert "quantri" in out and "unit_admin" in out and "TH-SAMSON" in out
    assert "mat-khau" not in out

    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "intact" in out
    head = out.split("head ")[1].strip()
    assert main(["audit", "verify", "--expect-head", head]) == 0
    with sqlite3.connect(_db_path()) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM audit_events ORDER BY id")]
        conn.execute("DELETE FROM audit_events WHERE id = ?", (ids[-1],))
    assert main(["audit", "verify"]) == 0  # a cut-off end is invisible to the chain alone...
    assert main(["audit", "verify", "--expect-head", head]) == 1  # ...but not to a noted head
    with sqlite3.connect(_db_path()) as conn:
        conn.execute("UPDATE audit_events SET action = 'export' WHERE id = ?", (ids[1],))
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1
    assert f"BROKEN at event {ids[1]}" in capsys.readouterr().err


def test_a_password_is_never_taken_from_a_pipe_without_the_flag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, "quan-tri-mat-khau")
    assert main(["officers", "create-admin", "--username", "qt", "--name", "QT"]) == 2
    with pytest.raises(SystemExit):  # there is no --password option at all
        main(["officers", "create-admin", "--username", "qt", "--name", "QT", "--password", "x"])
