"""Reply templates with variables (unit name, hotline, portal link), from a TOML file.

The shipped book is ``resources/templates/replies.toml``; a unit admin may point the app at
another file. Variables are written ``{name}``; only the known names are replaced (nothing else in
a template is interpreted), and a template naming an unknown variable is refused when loading.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.enums import Category, OutboxKind

TEMPLATES_PATH = Path(__file__).resolve().parents[2] / "resources" / "templates" / "replies.toml"
VARIABLES = ("unit_name", "hotline", "portal_link")
REPLY_KINDS = frozenset(
    {OutboxKind.PUBLIC_REPLY, OutboxKind.PRIVATE_REPLY, OutboxKind.MESSAGE_REPLY}
)
_VARIABLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class TemplateError(ValueError):
    """The template file is missing or malformed; the message says where."""


@dataclass(frozen=True, slots=True)
class ReplyTemplate:
    id: str
    title: str
    text: str
    kinds: frozenset[OutboxKind]
    categories: frozenset[Category]  # empty: suits any category

    def suits(self, kind: OutboxKind, category: Category | None) -> bool:
        if kind not in self.kinds:
            return False
        return not self.categories or category in self.categories


@dataclass(frozen=True, slots=True)
class TemplateBook:
    templates: tuple[ReplyTemplate, ...] = ()
    defaults: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def for_case(self, kind: OutboxKind, category: Category | None) -> list[ReplyTemplate]:
        """The templates for this kind of reply: those made for the category first."""
        found = [t for t in self.templates if t.suits(kind, category)]
        return sorted(found, key=lambda t: 0 if t.categories else 1)

    def get(self, template_id: str) -> ReplyTemplate:
        for template in self.templates:
            if template.id == template_id:
                return template
        raise KeyError(template_id)

    def variables(self, *, unit_code: str | None, unit_name: str) -> dict[str, str]:
        values = {"hotline": "", "portal_link": "", **self.defaults, "unit_name": unit_name}
        if unit_code is not None:
            values.update(self.units.get(unit_code, {}))
        return values

    def render(self, template: ReplyTemplate, *, unit_code: str | None, unit_name: str) -> str:
        values = self.variables(unit_code=unit_code, unit_name=unit_name)
        return _VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), template.text)


def _strings(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise TemplateError(f"{where}: expected a table of text values")
    unknown = sorted(set(value) - set(VARIABLES))
    if unknown:
        raise TemplateError(f"{where}: unknown variable {unknown[0]!r}")
    return dict(value)


def _template(raw: Any, n: int) -> ReplyTemplate:
    where = f"templates[{n}]"
    if not isinstance(raw, dict):
        raise TemplateError(f"{where}: expected a table")
    try:
        tid, title, text = str(raw["id"]), str(raw["title"]), str(raw["text"])
        kinds = frozenset(OutboxKind(k) for k in raw.get("kinds", sorted(REPLY_KINDS)))
        categories = frozenset(Category(c) for c in raw.get("categories", []))
    except (KeyError, ValueError, TypeError) as exc:
        raise TemplateError(f"{where}: {exc}") from exc
    if not kinds or not kinds <= REPLY_KINDS:
        raise TemplateError(f"{where} ({tid}): kinds must be reply kinds")
    for name in _VARIABLE.findall(text):
        if name not in VARIABLES:
            raise TemplateError(f"{where} ({tid}): unknown variable {{{name}}}")
    return ReplyTemplate(tid, title, text.strip(), kinds, categories)


def parse_templates(data: Mapping[str, Any]) -> TemplateBook:
    templates = tuple(_template(raw, n) for n, raw in enumerate(data.get("templates", [])))
    ids = [t.id for t in templates]
    if len(ids) != len(set(ids)):
        raise TemplateError("two templates share an id")
    units_raw = data.get("units", {})
    if not isinstance(units_raw, dict):
        raise TemplateError("units: expected a table of unit codes")
    units = {str(code): _strings(v, f"units.{code}") for code, v in units_raw.items()}
    return TemplateBook(templates, _strings(data.get("variables", {}), "variables"), units)


def load_templates(path: Path = TEMPLATES_PATH) -> TemplateBook:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise TemplateError(f"{path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: {exc}") from exc
    return parse_templates(data)
