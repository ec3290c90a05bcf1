"""A rule's dry run: what it would have done over the cached items, without doing anything.

Pages of items (newest first, keyset on the id) are read and evaluated on a reader thread, so
the event loop stays free and memory stays constant however large the cache: only counts and a
bounded sample are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from sqlalchemy.orm import Session

from desktop.services.moderation.conditions import Criterion, Subject, evidence
from desktop.store import moderation as store
from desktop.store.database import Database

PREVIEW_CHARS = 160


@dataclass(frozen=True, slots=True)
class DryRunSample:
    item_id: int
    thread_id: int
    account_id: int
    preview: str
    evidence: str  # what the condition found
    is_hidden: bool


@dataclass(frozen=True, slots=True)
class DryRunReport:
    scanned: int = 0  # moderatable items looked at (inbound comments and replies)
    matched: int = 0  # of which the rule matches
    already_hidden: int = 0  # matched but hidden already
    already_moderated: int = 0  # matched, not hidden, but a rule has fired on them already
    would_act: int = 0  # matched, and the rule would act on them now
    samples: tuple[DryRunSample, ...] = field(default_factory=tuple)  # newest first
    complete: bool = False  # the whole cache (or ``limit`` items) was scanned


Progress = Callable[[DryRunReport], None]


def criterion_of(rule: store.RuleDraft | store.RuleRow) -> Criterion:
    return Criterion(rule.condition, rule.category, rule.min_confidence)


@dataclass(frozen=True, slots=True)
class _Page:
    last_id: int | None  # None: nothing left
    report: DryRunReport  # counts of this page only


def _scan_page(
    session: Session,
    *,
    criterion: Criterion,
    account_id: int | None,
    before_id: int | None,
    size: int,
    samples: int,
) -> _Page:
    rows = store.candidates(session, before_id=before_id, limit=size, account_id=account_id)
    if not rows:
        return _Page(None, DryRunReport())
    found: list[tuple[store.Candidate, str]] = []
    for row in rows:
        why = evidence(criterion, Subject(row.text, row.category, row.confidence))
        if why is not None:
            found.append((row, why))
    done = store.moderated(session, [c.item_id for c, _ in found if not c.is_hidden])
    hidden = sum(1 for c, _ in found if c.is_hidden)
    picked = tuple(
        DryRunSample(c.item_id, c.thread_id, c.account_id, c.text[:PREVIEW_CHARS], why, c.is_hidden)
        for c, why in found[:samples]
    )
    return _Page(
        rows[-1].item_id,
        DryRunReport(
            scanned=len(rows),
            matched=len(found),
            already_hidden=hidden,
            already_moderated=len(done),
            would_act=len(found) - hidden - len(done),
            samples=picked,
        ),
    )


async def dry_run(
    db: Database,
    rule: store.RuleDraft | store.RuleRow,
    *,
    limit: int | None = None,
    page_size: int = 2000,
    sample_size: int = 20,
    progress: Progress | None = None,
) -> DryRunReport:
    """Evaluate ``rule`` over the newest ``limit`` cached items (all if None); queue nothing.

    Cancel the awaiting task to stop early (it stops between pages)."""
    store.validate_draft(rule if isinstance(rule, store.RuleDraft) else rule.draft())
    criterion = criterion_of(rule)
    total = DryRunReport()
    before: int | None = None
    while limit is None or total.scanned < limit:
        size = page_size if limit is None else min(page_size, limit - total.scanned)
        work = partial(
            _scan_page,
            criterion=criterion,
            account_id=rule.account_id,
            before_id=before,
            size=size,
            samples=sample_size - len(total.samples),
        )
        page = await db.read(work)
        if page.last_id is None:
            break
        total = _add(total, page.report)
        before = page.last_id
        if progress is not None:
            progress(total)
        if page.report.scanned < size:
            break
    return replace(total, complete=True)


def _add(a: DryRunReport, b: DryRunReport) -> DryRunReport:
    return DryRunReport(
        scanned=a.scanned + b.scanned,
        matched=a.matched + b.matched,
        already_hidden=a.already_hidden + b.already_hidden,
        already_moderated=a.already_moderated + b.already_moderated,
        would_act=a.would_act + b.would_act,
        samples=a.samples + b.samples,
    )
