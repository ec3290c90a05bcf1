"""Where the world's Vietnamese texts come from: ``desktop.services.seed.texts.TextGenerator``.

Imported lazily (and typed through a Protocol) so the simulator does not pin the generator's
module at import time. Post kinds are chosen here; the generator writes the words.
"""

from __future__ import annotations

import random
from typing import Any, Protocol, cast

from desktop.domain.enums import Category


class SeedTextLike(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def category(self) -> Any: ...

    @property
    def urgent(self) -> bool: ...


class TextSource(Protocol):
    def citizen_text(
        self, category: Any = None, *, private: bool = False, urgent: bool | None = None
    ) -> SeedTextLike: ...

    def citizen_followup(self, first: SeedTextLike) -> SeedTextLike: ...

    def officer_reply(self, category: Any, unit_name: str) -> str: ...

    def post_text(self) -> str: ...

    def person_name(self) -> str: ...


def load_text_source(rng: random.Random) -> TextSource:
    from desktop.services.seed.texts import TextGenerator

    return cast(TextSource, TextGenerator(rng))


def category_code(category: Any) -> str | None:
    """The category's string code (the generator returns ``Category`` members)."""
    if category is None:
        return None
    value = getattr(category, "value", category)
    return str(value)


POST_KINDS = ("warning", "arrest", "notice")


def to_category(code: str | None) -> Category | None:
    """The generator's ``Category`` for a code such as ``"crime_tip"`` (ValueError if unknown)."""
    return None if code is None else Category(code)
