"""A linear text model: TF-IDF over character n-grams of the accented view and word n-grams of
the folded view, one logistic regression for the category and one for urgency.

Saved as ``.npz`` (arrays) plus ``.json`` (vocabularies, classes, metadata): no pickle, so a model
file can never run code, and loading takes a fraction of a second.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from desktop.classify.features import views

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
    char_vectorizer: TfidfVectorizer
    word_vectorizer: TfidfVectorizer
    classes: list[str]
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    urgent_coef: np.ndarray  # (n_features,)
    urgent_intercept: float
    meta: dict[str, Any] = field(default_factory=dict)

    # -- inference -------------------------------------------------------------------------
    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self.features_of_views([views(t) for t in texts])

    def features_of_views(self, pairs: Sequence[tuple[str, str]]) -> sparse.csr_matrix:
        chars = self.char_vectorizer.transform([a for a, _ in pairs])
        words = self.word_vectorizer.transform([f for _, f in pairs])
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
        np.savez_compressed(
            stem.with_suffix(".npz"),
            char_idf=self.char_vectorizer.idf_.astype(np.float32),
            word_idf=self.word_vectorizer.idf_.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            urgent_coef=self.urgent_coef.astype(np.float32),
            urgent_intercept=np.array([self.urgent_intercept], dtype=np.float32),
        )
        doc = {
            "format": FORMAT,
            "char_ngram_range": list(self.char_vectorizer.ngram_range),
            "word_ngram_range": list(self.word_vectorizer.ngram_range),
            "classes": self.classes,
            "char_vocabulary": _ordered(self.char_vectorizer.vocabulary_),
            "word_vocabulary": _ordered(self.word_vectorizer.vocabulary_),
            "meta": self.meta,
        }
        stem.with_suffix(".json").write_text(
            json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    @classmethod
    def load(cls, stem: Path) -> LinearTextModel:
        doc = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError(f"{stem}: unknown model format {doc.get('format')!r}")
        with np.load(stem.with_suffix(".npz"), allow_pickle=False) as arrays:
            char = TfidfVectorizer(
                vocabulary={t: i for i, t in enumerate(doc["char_vocabulary"])},
                **{**CHAR_PARAMS, "ngram_range": tuple(doc.get("char_ngram_range", (2, 5)))},
            )
            char.idf_ = arrays["char_idf"]
            word = TfidfVectorizer(
                vocabulary={t: i for i, t in enumerate(doc["word_vocabulary"])},
                **{**WORD_PARAMS, "ngram_range": tuple(doc.get("word_ngram_range", (1, 2)))},
            )
            word.idf_ = arrays["word_idf"]
            return cls(
                char,
                word,
                list(doc["classes"]),
                arrays["coef"],
                arrays["intercept"],
                arrays["urgent_coef"],
                float(arrays["urgent_intercept"][0]),
                dict(doc.get("meta", {})),
            )


def _ordered(vocabulary: dict[str, Any]) -> list[str]:
    terms = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        terms[int(index)] = term
    return terms
