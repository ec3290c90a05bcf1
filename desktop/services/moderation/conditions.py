"""Does an item meet a moderation rule's condition? Pure: text and classification in, the
evidence (what was found) or None out. No I/O, no SQL.

- ``phone``: ``find_pii`` finds a phone number;
- ``link``: ``find_links`` finds a link (government ``*.gov.vn`` sites are trusted);
- ``betting``: ``betting_evidence`` finds betting promotion — never in a text the classifier
  reads as a crime tip or a scam report (a citizen reporting a gambling den or a betting-site
  scam must not be hidden);
- ``category``: the item's category is the rule's and its confidence is at least the rule's
  minimum (no minimum: any confidence). An unclassified item never matches.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.classify.betting import betting_evidence
from desktop.classify.links import find_links
from desktop.domain.enums import Category, ModerationCondition
from desktop.text.pii import find_pii

REPORT_CATEGORIES = frozenset({Category.CRIME_TIP, Category.SCAM_REPORT})


@dataclass(frozen=True, slots=True)
class Criterion:
    """The part of a rule that decides whether it matches."""

    condition: ModerationCondition
    category: Category | None = None
    min_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    """What a condition looks at: an item's text and the classifier's verdict on it."""

    text: str
    category: Category | None = None
    confidence: float | None = None


def evidence(criterion: Criterion, subject: Subject) -> str | None:
    """What in ``subject`` meets ``criterion`` (for the officer and the audit), or None."""
    condition = criterion.condition
    if condition is ModerationCondition.PHONE:
        return next((s.value for s in find_pii(subject.text) if s.kind == "phone"), None)
    if condition is ModerationCondition.LINK:
        return next(iter(find_links(subject.text)), None)
    if condition is ModerationCondition.BETTING:
        if subject.category in REPORT_CATEGORIES:
            return None
        return betting_evidence(subject.text)
    return _category_evidence(criterion, subject)


def _category_evidence(criterion: Criterion, subject: Subject) -> str | None:
    if criterion.category is None or subject.category != criterion.category:
        return None
    confidence = subject.confidence if subject.confidence is not None else 0.0
    if criterion.min_confidence is not None and confidence < criterion.min_confidence:
        return None
    return f"{subject.category.value} {confidence:.2f}"


def matches(criterion: Criterion, subject: Subject) -> bool:
    return evidence(criterion, subject) is not None
