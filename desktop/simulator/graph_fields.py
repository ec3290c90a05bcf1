"""The ``fields=`` mini-language: ``id,message,comments.limit(0).summary(true){id,from}``."""

from __future__ import annotations

from dataclasses import dataclass, field


class FieldSyntaxError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    modifiers: dict[str, str] = field(default_factory=dict)
    children: tuple[FieldSpec, ...] | None = None

    def modifier_int(self, name: str, default: int) -> int:
        raw = self.modifiers.get(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError as exc:
            raise FieldSyntaxError(f"{name}({raw})") from exc

    def modifier_bool(self, name: str) -> bool:
        return self.modifiers.get(name, "false").lower() in ("true", "1", "total_count")


def parse_fields(text: str) -> tuple[FieldSpec, ...]:
    parser = _Parser(text)
    specs = parser.parse_list(top=True)
    return specs


def fields_text(specs: tuple[FieldSpec, ...]) -> str:
    parts: list[str] = []
    for spec in specs:
        out = spec.name + "".join(f".{k}({v})" for k, v in spec.modifiers.items())
        if spec.children is not None:
            out += "{" + fields_text(spec.children) + "}"
        parts.append(out)
    return ",".join(parts)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _skip_ws(self) -> None:
        while self._peek().isspace():
            self.pos += 1

    def _name(self) -> str:
        self._skip_ws()
        start = self.pos
        while self._peek() and (self._peek().isalnum() or self._peek() in "_"):
            self.pos += 1
        if start == self.pos:
            raise FieldSyntaxError(
                f'Syntax error "Expected field name" at character {self.pos}: {self.text}'
            )
        return self.text[start : self.pos]

    def parse_list(self, *, top: bool) -> tuple[FieldSpec, ...]:
        specs: list[FieldSpec] = []
        while True:
            self._skip_ws()
            if top and not self._peek():
                break
            specs.append(self._item())
            self._skip_ws()
            ch = self._peek()
            if ch == ",":
                self.pos += 1
                continue
            if (top and not ch) or (not top and ch == "}"):
                break
            raise FieldSyntaxError(
                f'Syntax error "Expected end of string instead of "{ch}"." at character '
                f"{self.pos}: {self.text}"
            )
        return tuple(specs)

    def _item(self) -> FieldSpec:
        name = self._name()
        modifiers: dict[str, str] = {}
        children: tuple[FieldSpec, ...] | None = None
        while True:
            ch = self._peek()
            if ch == ".":
                self.pos += 1
                mod = self._name()
                if self._peek() != "(":
                    raise FieldSyntaxError(f"Syntax error at character {self.pos}: {self.text}")
                end = self.text.find(")", self.pos)
                if end < 0:
                    raise FieldSyntaxError(f"Syntax error at character {self.pos}: {self.text}")
                modifiers[mod] = self.text[self.pos + 1 : end].strip()
                self.pos = end + 1
            elif ch == "{":
                self.pos += 1
                children = self.parse_list(top=False)
                if self._peek() != "}":
                    raise FieldSyntaxError(f"Syntax error at character {self.pos}: {self.text}")
                self.pos += 1
            else:
                return FieldSpec(name, modifiers, children)
