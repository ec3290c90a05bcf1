"""What autogenerate compares: the FTS tables belong to the search module, not to the models."""

from __future__ import annotations


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (type_ == "table" and name is not None and name.startswith("threads_fts"))
