"""Turn text into search terms, the same way for documents and for what officers type.

Pure functions, no SQL: the store's search module decides how the terms reach its index.
"""

from __future__ import annotations

import re

from desktop.text.folding import fold

MAX_QUERY_TERMS = 16

_WORD = re.compile(r"\w+")
# A phone-like run of digits with separators: 0912.345.678, 0912 345 678, +84 912 345 678.
_DIGIT_RUN = re.compile(r"\+?\d(?:[\d .\-]{5,18})\d")


def compact_numbers(text: str) -> list[str]:
    """Digit runs with separators joined up: ``091.234.5678`` is findable as ``0912345678``.

    ``+84 912 345 678`` also yields the domestic form ``0912345678``.
    """
    found: list[str] = []
    for match in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) < 7:
            continue
        found.append(digits)
        if match.group().startswith("+84") and digits.startswith("84"):
            found.append("0" + digits[2:])
    return found


def document_text(parts: list[str]) -> str:
    """The folded search document for a thread: its texts and authors, plus compacted numbers."""
    joined = "\n".join(p for p in parts if p)
    extra = compact_numbers(joined)
    folded = fold(joined)
    return folded + ("\n" + " ".join(extra) if extra else "")


def query_terms(user_text: str) -> tuple[list[str], bool]:
    """The folded words of a query and whether the last one is still being typed (prefix match).

    Everything that is not a word character is a separator, so FTS syntax typed by the user
    (quotes, ``*``, ``-``, ``:``, parentheses; ``AND``/``OR`` are plain words) never reaches
    the index as syntax.
    """
    folded = fold(user_text)
    terms = _WORD.findall(folded.replace("_", " "))
    for number in compact_numbers(user_text):
        if number not in terms:
            terms.append(number)
    terms = terms[:MAX_QUERY_TERMS]
    prefix_last = (
        bool(terms) and not user_text[-1:].isspace() and folded.rstrip().endswith(terms[-1])
    )
    return terms, prefix_last
