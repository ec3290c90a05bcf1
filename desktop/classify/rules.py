"""Transparent overrides on top of the model: cases where a rule is more reliable than
statistics (a betting link is spam, whatever words surround it). Each names itself, so the
officer and the audit log can see why an item got its category.

Links and betting vocabulary live in ``links`` and ``betting`` (shared with auto-moderation)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.classify.betting import betting_evidence
from desktop.classify.links import has_link
from desktop.domain.enums import Category
from desktop.text.folding import fold

_LOAN_AD = re.compile(
    r"\b(?:vay (?:tien )?(?:nhanh|online|tin chap)|giai ngan (?:nhanh|trong ngay)|"
    r"khong can the chap|ho tro vay)\b"
)
_JOB_AD = re.compile(
    r"\b(?:tuyen (?:ctv|cong tac vien|nhan vien)|viec lam (?:online|tai nha)|"
    r"thu nhap (?:tu|len den) \d|luong (?:cao|\d+ ?(?:tr|trieu))|kiem tien (?:online|tai nha))\b"
)


@dataclass(frozen=True, slots=True)
class RuleVerdict:
    category: Category
    confidence: float
    rule: str


def apply_rules(text: str) -> RuleVerdict | None:
    folded = fold(text)
    linked = has_link(text)
    promoted = linked or "dang ky" in folded or "nap" in folded  # cheap test first
    if promoted and betting_evidence(text) is not None:
        return RuleVerdict(Category.SPAM, 0.99, "betting_link")
    if linked and (_LOAN_AD.search(folded) or _JOB_AD.search(folded)):
        return RuleVerdict(Category.SPAM, 0.97, "ad_link")
    return None
