"""Inbox views: what the filter controls hold, the built-in views and the officer's saved ones.

A ``ViewSpec`` is the state of the filter controls in stored terms (ids, enum values, a relative
period). ``to_filter`` turns it into the store's ``InboxFilter`` at the moment it is applied, so a
saved "last 7 days" view keeps meaning the last 7 days. The officer's own views live as JSON in
the data folder (``views.json``), written atomically (temporary file + ``os.replace``); a corrupt
file is moved aside with a log message and the defaults are used. No Qt here.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.store.inbox import InboxFilter

log = logging.getLogger(__name__)

FILE_VERSION = 1
OPEN_STATUSES = frozenset(
    {CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.FORWARDED, CaseStatus.REOPENED}
)


class Period(StrEnum):
    ALL = "all"
    DAY = "24h"
    WEEK = "7d"
    MONTH = "30d"
    CUSTOM = "custom"  # ``since`` .. ``until``, whole local days


_PERIOD_SPAN = {
    Period.DAY: timedelta(hours=24),
    Period.WEEK: timedelta(days=7),
    Period.MONTH: timedelta(days=30),
}


class Assignee(StrEnum):
    ANY = "any"
    MINE = "mine"  # the officer at this workstation
    UNASSIGNED = "unassigned"
    OFFICER = "officer"  # ``ViewSpec.officer_id``


class StatusChoice(StrEnum):
    """The status control: any, every open status, or one status (a ``CaseStatus`` value)."""

    ANY = "any"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """The filter controls' state. ``None`` / ``ANY`` / empty mean "no restriction"."""

    unit_id: int | None = None  # the unit and every unit below it
    account_id: int | None = None
    channel: Channel | None = None
    category: Category | None = None
    unclassified: bool = False  # only threads without a category (``category`` is then None)
    status: CaseStatus | StatusChoice = StatusChoice.ANY
    assignee: Assignee = Assignee.ANY
    officer_id: int | None = None  # with Assignee.OFFICER
    urgent_only: bool = False
    period: Period = Period.ALL
    since: date | None = None  # Period.CUSTOM: first local day
    until: date | None = None  # Period.CUSTOM: last local day (included)
    text: str = ""


@dataclass(frozen=True, slots=True)
class SavedView:
    key: str
    name: str  # built-in views: the Vietnamese source name (the view translates by key)
    spec: ViewSpec
    builtin: bool = False


@dataclass(frozen=True, slots=True)
class SavedViewsState:
    """The officer's own views (built-ins are not stored) and the view last selected."""

    views: tuple[SavedView, ...] = ()
    selected: str = "all"


BUILTIN_VIEWS: tuple[SavedView, ...] = (
    SavedView("all", "Tất cả", ViewSpec(), builtin=True),
    SavedView(
        "urgent", "Khẩn cấp", ViewSpec(urgent_only=True, status=StatusChoice.OPEN), builtin=True
    ),
    SavedView("unclassified", "Chưa phân loại", ViewSpec(unclassified=True), builtin=True),
    SavedView(
        "mine", "Của tôi", ViewSpec(assignee=Assignee.MINE, status=StatusChoice.OPEN), builtin=True
    ),
    SavedView(
        "unassigned",
        "Chưa giao",
        ViewSpec(assignee=Assignee.UNASSIGNED, status=StatusChoice.OPEN),
        builtin=True,
    ),
    SavedView("open", "Đang mở", ViewSpec(status=StatusChoice.OPEN), builtin=True),
)


def builtin_views(officer_id: int | None) -> list[SavedView]:
    """The built-in views; "Của tôi" only when the workstation knows its officer."""
    return [v for v in BUILTIN_VIEWS if v.key != "mine" or officer_id is not None]


def all_views(state: SavedViewsState, officer_id: int | None) -> list[SavedView]:
    return builtin_views(officer_id) + list(state.views)


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def to_filter(
    spec: ViewSpec,
    *,
    officer_id: int | None,
    now: datetime,
    unit_subtrees: Mapping[int, frozenset[int]] | None = None,
    tz: tzinfo | None = None,
) -> InboxFilter:
    """The store filter of ``spec`` at ``now`` (relative periods end at ``now``)."""
    tz = tz or datetime.now().astimezone().tzinfo or UTC
    units: frozenset[int] = frozenset()
    if spec.unit_id is not None:
        units = (unit_subtrees or {}).get(spec.unit_id) or frozenset({spec.unit_id})
    statuses: frozenset[CaseStatus] = frozenset()
    if spec.status is StatusChoice.OPEN:
        statuses = OPEN_STATUSES
    elif isinstance(spec.status, CaseStatus):
        statuses = frozenset({spec.status})
    assignees: frozenset[int] = frozenset()
    unassigned = False
    if spec.assignee is Assignee.MINE:
        # No known officer: nobody's threads (never silently "everyone's").
        assignees = frozenset({officer_id if officer_id is not None else -1})
    elif spec.assignee is Assignee.UNASSIGNED:
        unassigned = True
    elif spec.assignee is Assignee.OFFICER and spec.officer_id is not None:
        assignees = frozenset({spec.officer_id})
    since = until = None
    if spec.period in _PERIOD_SPAN:
        since = now - _PERIOD_SPAN[spec.period]
    elif spec.period is Period.CUSTOM:
        since = _local_midnight(spec.since, tz) if spec.since else None
        until = _local_midnight(spec.until + timedelta(days=1), tz) if spec.until else None
    return InboxFilter(
        unit_ids=units,
        account_ids=frozenset() if spec.account_id is None else frozenset({spec.account_id}),
        channels=frozenset() if spec.channel is None else frozenset({spec.channel}),
        categories=frozenset() if spec.category is None else frozenset({spec.category}),
        unclassified=spec.unclassified and spec.category is None,
        statuses=statuses,
        assignee_ids=assignees,
        unassigned=unassigned,
        urgent_only=spec.urgent_only,
        since=since,
        until=until,
        text=spec.text.strip(),
    )


# -- JSON ------------------------------------------------------------------------------------


def spec_to_json(spec: ViewSpec) -> dict[str, Any]:
    """Only the fields that differ from the default (small, readable files)."""
    out: dict[str, Any] = {}
    default = ViewSpec()
    for name in ViewSpec.__dataclass_fields__:
        value = getattr(spec, name)
        if value == getattr(default, name):
            continue
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def _opt_int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"not an id: {value!r}")
    return value


def _opt_date(value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    return date.fromisoformat(value)


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"not a boolean: {value!r}")
    return value


def spec_from_json(data: object) -> ViewSpec:
    """Raises ValueError (or KeyError/TypeError) on anything unexpected."""
    if not isinstance(data, dict):
        raise ValueError("a view's filter must be an object")
    status_raw = data.get("status", StatusChoice.ANY.value)
    status: CaseStatus | StatusChoice
    status = (
        StatusChoice(status_raw)
        if status_raw in {s.value for s in StatusChoice}
        else CaseStatus(status_raw)
    )
    text = data.get("text", "")
    if not isinstance(text, str):
        raise ValueError("text must be a string")
    return ViewSpec(
        unit_id=_opt_int(data.get("unit_id")),
        account_id=_opt_int(data.get("account_id")),
        channel=None if data.get("channel") is None else Channel(data["channel"]),
        category=None if data.get("category") is None else Category(data["category"]),
        unclassified=_bool(data.get("unclassified", False)),
        status=status,
        assignee=Assignee(data.get("assignee", Assignee.ANY.value)),
        officer_id=_opt_int(data.get("officer_id")),
        urgent_only=_bool(data.get("urgent_only", False)),
        period=Period(data.get("period", Period.ALL.value)),
        since=_opt_date(data.get("since")),
        until=_opt_date(data.get("until")),
        text=text,
    )


def new_view(name: str, spec: ViewSpec) -> SavedView:
    return SavedView(f"u-{uuid.uuid4().hex[:10]}", name.strip(), spec)


@dataclass(slots=True)
class SavedViewStore:
    """The officer's views in ``path`` (``config.paths.home / "views.json"``)."""

    path: Path
    last_error: str | None = field(default=None, init=False)

    def load(self) -> SavedViewsState:
        """The stored state; a missing file gives defaults, a corrupt one is moved aside."""
        self.last_error = None
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return SavedViewsState()
        except OSError as exc:
            self._complain(f"cannot read {self.path}: {exc}")
            return SavedViewsState()
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("views", []), list):
                raise ValueError("expected an object with a list of views")
        except ValueError as exc:
            self._complain(f"{self.path} is not a valid views file ({exc})")
            self._move_aside()
            return SavedViewsState()
        views: list[SavedView] = []
        keys: set[str] = set()
        for n, entry in enumerate(data.get("views", [])):
            try:
                if not isinstance(entry, dict) or "key" not in entry or "name" not in entry:
                    raise ValueError("a view is an object with a key and a name")
                key, name = entry["key"], entry["name"]
                if not (isinstance(key, str) and key and isinstance(name, str) and name.strip()):
                    raise ValueError("a view needs a key and a name")
                if key in keys or key in {v.key for v in BUILTIN_VIEWS}:
                    raise ValueError(f"duplicate key {key!r}")
                views.append(SavedView(key, name.strip(), spec_from_json(entry.get("spec", {}))))
                keys.add(key)
            except (KeyError, TypeError, ValueError) as exc:
                self.last_error = f"{self.path}: view #{n + 1} skipped ({exc})"
                log.warning("saved views: %s", self.last_error)
        selected = data.get("selected", "all")
        if not isinstance(selected, str):
            selected = "all"
        return SavedViewsState(tuple(views), selected)

    def save(self, state: SavedViewsState) -> None:
        """Write atomically: a temporary file in the same folder, then ``os.replace``."""
        data = {
            "version": FILE_VERSION,
            "selected": state.selected,
            "views": [
                {"key": v.key, "name": v.name, "spec": spec_to_json(v.spec)}
                for v in state.views
                if not v.builtin
            ],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".views-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=2)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _complain(self, message: str) -> None:
        self.last_error = message
        log.warning("saved views: %s; using the built-in views", message)

    def _move_aside(self) -> None:
        target = self.path.with_name(self.path.name + ".corrupt")
        try:
            os.replace(self.path, target)
            log.warning("saved views: the unreadable file was kept as %s", target)
        except OSError as exc:
            log.warning("saved views: could not move the unreadable file aside: %s", exc)


def with_view(state: SavedViewsState, view: SavedView) -> SavedViewsState:
    """``state`` plus ``view`` (replacing a view of the same key), selected."""
    views = [v for v in state.views if v.key != view.key] + [view]
    return SavedViewsState(tuple(views), view.key)


def without_view(state: SavedViewsState, key: str) -> SavedViewsState:
    views = tuple(v for v in state.views if v.key != key)
    selected = "all" if state.selected == key else state.selected
    return replace(state, views=views, selected=selected)


def find_view(views: Sequence[SavedView], key: str) -> SavedView | None:
    return next((v for v in views if v.key == key), None)
