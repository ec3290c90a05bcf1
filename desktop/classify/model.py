"""A linear text model: TF-IDF over character n-grams of the accented view and word n-grams of
the folded view, one logistic regression for the category and one for urgency; optionally the
offensive-word model (``offensive``).

Saved as ``.npz`` (arrays) plus ``.json`` (vocabularies, classes, metadata): no pickle, so a model
file can never run code, and loading takes a fraction of a second. Inference needs NumPy and SciPy
only (``vectorize``); scikit-learn is for training.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from desktop.classify.features import views
from desktop.classify.offensive import OffensiveWords
from desktop.classify.vectorize import TfidfFeatures

CHAR_PARAMS: dict[str, Any] = {
    "analyzer": "char_wb",
    "ngram_range": (2, 4),
    "sublinear_tf": True,
    "dtype": np.float32,
}
WORD_PARAMS: dict[str, Any] = {
    "analyzer": "word",
    "ngram_range": (1, 2),
    "sublinear_tf": True,
    "token_pattern": r"(?u)\b\w+\b",
    "dtype": np.float32,
}
FORMAT = 1


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
    return result


def _sigmoid(scores: np.ndarray) -> np.ndarray:
    result: np.ndarray = 1.0 / (1.0 + np.exp(-scores))
    return result


@dataclass
class LinearTextModel:
    char_features: TfidfFeatures
    word_features: TfidfFeatures
    classes: list[str]
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    urgent_coef: np.ndarray  # (n_features,)
    urgent_intercept: float
    meta: dict[str, Any] = field(default_factory=dict)
    offensive: OffensiveWords | None = None

    # -- inference -------------------------------------------------------------------------
    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self.features_of_views([views(t) for t in texts])

    def features_of_views(self, pairs: Sequence[tuple[str, str]]) -> sparse.csr_matrix:
        chars = self.char_features.transform([a for a, _ in pairs])
        words = self.word_features.transform([f for _, f in pairs])
        return sparse.hstack([chars, words], format="csr")

    def predict(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per text: class probabilities (n, n_classes) and an urgency probability (n,)."""
        return self.predict_views([views(t) for t in texts])

    def predict_views(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
        if not pairs:
            return np.zeros((0, len(self.classes))), np.zeros(0)
        x = self.features_of_views(pairs)
        probs = _softmax(np.asarray(x @ self.coef.T) + self.intercept)
        urgent = _sigmoid(np.asarray(x @ self.urgent_coef).ravel() + self.urgent_intercept)
        return probs, urgent

    # -- persistence -----------------------------------------------------------------------
    def save(self, stem: Path) -> None:
        stem.parent.mkdir(parents=True, exist_ok=True)
        arrays = {
            "char_idf": self.char_features.idf.astype(np.float32),
            "word_idf": self.word_features.idf.astype(np.float32),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
            "urgent_coef": self.urgent_coef.astype(np.float32),
            "urgent_intercept": np.array([self.urgent_intercept], dtype=np.float32),
        }
        doc: dict[str, Any] = {
            "format": FORMAT,
            "char_ngram_range": list(self.char_features.ngram_range),
            "word_ngram_range": list(self.word_features.ngram_range),
            "classes": self.classes,
            "char_vocabulary": self.char_features.terms(),
            "word_vocabulary": self.word_features.terms(),
            "meta": self.meta,
        }
        if self.offensive is not None:
            arrays["offensive_coef"] = self.offensive.coef.astype(np.float32)
            arrays["offensive_intercept"] = np.array([self.offensive.intercept], np.float32)
            doc["offensive_features"] = self.offensive.features
        np.savez_compressed(stem.with_suffix(".npz"), **arrays)  # type: ignore[arg-type]
        stem.with_suffix(".json").write_text(
            json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    @classmethod
    def load(cls, stem: Path) -> LinearTextModel:
        doc = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError(f"{stem}: unknown model format {doc.get('format')!r}")
        with np.load(stem.with_suffix(".npz"), allow_pickle=False) as arrays:
            char = TfidfFeatures(
                CHAR_PARAMS["analyzer"],
                tuple(doc.get("char_ngram_range", (2, 5))),
                _indexed(doc["char_vocabulary"]),
                arrays["char_idf"],
            )
            word = TfidfFeatures(
                WORD_PARAMS["analyzer"],
                tuple(doc.get("word_ngram_range", (1, 2))),
                _indexed(doc["word_vocabulary"]),
                arrays["word_idf"],
            )
            offensive = None
            if "offensive_features" in doc and "offensive_coef" in arrays:
                offensive = OffensiveWords(
                    doc["offensive_features"],
                    arrays["offensive_coef"],
                    float(arrays["offensive_intercept"][0]),
                )
            return cls(
                char,
                word,
                list(doc["classes"]),
                arrays["coef"],
                arrays["intercept"],
                arrays["urgent_coef"],
                float(arrays["urgent_intercept"][0]),
                dict(doc.get("meta", {})),
                offensive,
            )


def _indexed(terms: list[str]) -> dict[str, int]:
    return {t: i for i, t in enumerate(terms)}
