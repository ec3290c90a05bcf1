"""Unit admins extend the unit tree within their scope; officers' inbox scope is their subtree."""

from __future__ import annotations

import pytest

from desktop.services.access import PermissionDenied
from desktop.services.units import UnitError, add_unit, inbox_unit_ids, rename_unit
from desktop.store.audit import recent_events
from desktop.store.models import Unit
from tests.people.conftest import World, at


def test_admin_adds_a_commune_under_his_district_only(world: World) -> None:
    uid = world.db.write_blocking(
        lambda s: add_unit(
            s,
            actor_id=world.officers["ss_admin"],
            code="th-samson-quangtien",
            name="Công an phường Quảng Tiến",
            parent_id=world.units["TH-SAMSON"],
            now=at(0),
        )
    )
    unit = world.db.read_blocking(lambda s: s.get(Unit, uid))
    assert unit.code == "TH-SAMSON-QUANGTIEN" and unit.level.value == "commune"
    # The new commune is in Sầm Sơn officers' scope at once.
    scope = world.db.read_blocking(lambda s: inbox_unit_ids(s, actor_id=world.officers["ss_duty"]))
    assert uid in scope and world.units["TH-BIMSON"] not in scope
    with pytest.raises(PermissionDenied):  # Bỉm Sơn is not his
        world.db.write_blocking(
            lambda s: add_unit(
                s,
                actor_id=world.officers["ss_admin"],
                code="TH-BIMSON-X",
                name="X",
                parent_id=world.units["TH-BIMSON"],
                now=at(0),
            )
        )
    with pytest.raises(PermissionDenied):  # leaders do not manage units
        world.db.write_blocking(
            lambda s: rename_unit(
                s, actor_id=world.officers["ss_leader"], unit_id=uid, name="Y", now=at(0)
            )
        )
    with pytest.raises(UnitError):  # nothing below a commune
        world.db.write_blocking(
            lambda s: add_unit(
                s,
                actor_id=world.officers["admin"],
                code="TH-X-Y",
                name="Z",
                parent_id=uid,
                now=at(0),
            )
        )
    world.db.write_blocking(
        lambda s: rename_unit(
            s, actor_id=world.officers["admin"], unit_id=uid, name="CA phường Quảng Tiến", now=at(1)
        )
    )
    events = world.db.read_blocking(lambda s: recent_events(s, action="unit_changed"))
    assert len(events) == 2
