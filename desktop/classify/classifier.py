"""The classifier the app uses: model + rules + urgency + personal data, loaded once."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.classify.errors import ModelUnavailable
from desktop.classify.features import views
from desktop.classify.model import LinearTextModel
from desktop.classify.offensive import Offensive
from desktop.classify.rules import apply_rules
from desktop.domain.enums import Category, CategorySource
from desktop.text.pii import PiiSpan, find_pii
from desktop.text.urgency import UrgencyRules

log = logging.getLogger(__name__)

MODEL_STEM = Path(__file__).resolve().parents[2] / "resources" / "model" / "category_model"
URGENT_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Classification:
    category: Category
    confidence: float
    urgent: bool
    source: CategorySource
    rule: str | None
    urgency_reasons: tuple[str, ...]
    pii: tuple[PiiSpan, ...]


class Classifier:
    def __init__(self, model: LinearTextModel, urgent_threshold: float | None = None) -> None:
        self.model = model
        self.urgency = UrgencyRules()
        threshold = model.meta.get("urgent_threshold", URGENT_THRESHOLD)
        self.urgent_threshold = float(
            urgent_threshold if urgent_threshold is not None else threshold
        )

    @classmethod
    def load(cls, stem: Path | None = None) -> Classifier:
        path = stem or MODEL_STEM
        try:
            return cls(LinearTextModel.load(path))
        except (OSError, ValueError, KeyError) as exc:
            raise ModelUnavailable(
                f"the category model at {path}.npz/.json cannot be loaded ({type(exc).__name__}); "
                "reinstall DutyDesk, or build it with 'dutydesk classify train'"
            ) from exc

    def classify(self, texts: Sequence[str], *, with_pii: bool = True) -> list[Classification]:
        """Category, confidence and urgency per text; personal-data spans unless ``with_pii``
        is False (sync does not store them, so it skips the work)."""
        pairs = [views(t) for t in texts]
        probs, urgent_probs = self.model.predict_views(pairs)
        results = []
        for text, (accented, _), row, urgent_p in zip(
            texts, pairs, probs, urgent_probs, strict=True
        ):
            best = int(row.argmax())
            category = Category(self.model.classes[best])
            confidence = float(row[best])
            source, rule = CategorySource.MODEL, None
            verdict = apply_rules(text)
            if verdict is not None:
                category, confidence = verdict.category, verdict.confidence
                source, rule = CategorySource.RULE, verdict.rule
            urgency = self.urgency.assess_view(accented)
            reasons = urgency.reasons
            if float(urgent_p) >= self.urgent_threshold and not reasons:
                reasons = ("model",)
            urgent = bool(reasons) and category is not Category.SPAM
            results.append(
                Classification(
                    category,
                    round(confidence, 4),
                    urgent,
                    source,
                    rule,
                    reasons,
                    tuple(find_pii(text)) if with_pii else (),
                )
            )
        return results

    def classify_one(self, text: str) -> Classification:
        return self.classify([text])[0]

    def offensive(self, texts: Sequence[str]) -> list[Offensive]:
        """Offensive words per text (spans, how many, aimed at whom); empty reports when the
        model has no offensive-word part (a model built before it existed)."""
        words = self.model.offensive
        if words is None:
            return [Offensive(0.0, 0.0, 0, ()) for _ in texts]
        return [words.assess(t) for t in texts]
