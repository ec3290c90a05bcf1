"""Building, evaluating and saving the category and urgency model.

Training data (never ViHSD, whose licence is research-only — it is only ever used to evaluate):
- ``resources/corpus/dutydesk_corpus.jsonl``: written and labelled for this project;
- ``resources/corpus/supplement/``: more hand-written items, for training only (never held out);
- texts from the seed generator (``desktop.services.seed.texts``), labelled by construction;
- ViHOS (MIT): comments with offensive spans as ``abusive``, clean ones as ``other``; its spans
  train the offensive-word model (``offensive``);
- officers' corrections (labelled examples stored by the workstation).
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_recall_fscore_support

from desktop.classify.features import views
from desktop.classify.model import CHAR_PARAMS, WORD_PARAMS, LinearTextModel
from desktop.classify.offensive import OFFENSIVE_VERSION, OffensiveWords, fit_offensive_words
from desktop.classify.vectorize import TfidfFeatures
from desktop.domain.enums import Category

CATEGORIES = [c.value for c in Category]
URGENT_RECALL_TARGET = 0.96


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    category: str
    urgent: bool
    source: str


@dataclass(slots=True)
class Metrics:
    macro_f1: float
    per_class: dict[str, float]
    urgent_recall: float
    urgent_precision: float
    n: int
    support: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "macro_f1": round(self.macro_f1, 4),
            "per_class_f1": {k: round(v, 4) for k, v in self.per_class.items()},
            "urgent_recall": round(self.urgent_recall, 4),
            "urgent_precision": round(self.urgent_precision, 4),
            "n": self.n,
            "support": self.support,
        }


def load_jsonl(path: Path, source: str) -> list[Example]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("category") not in CATEGORIES or not str(row.get("text", "")).strip():
            continue
        found.append(Example(str(row["text"]), row["category"], bool(row.get("urgent")), source))
    return found


def vihos_examples(path: Path, limit_each: int, rng: random.Random) -> list[Example]:
    """ViHOS comments: with offensive spans → abusive; without → other (MIT licence)."""
    offensive: list[str] = []
    clean: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = (row.get("content") or "").strip()
            if not text:
                continue
            spans = (row.get("index_spans") or "[]").strip()
            (clean if spans in {"[]", ""} else offensive).append(text)
    rng.shuffle(offensive)
    rng.shuffle(clean)
    return [Example(t, "abusive", False, "vihos") for t in offensive[:limit_each]] + [
        Example(t, "other", False, "vihos") for t in clean[:limit_each]
    ]


def supplement_examples(folder: Path) -> list[Example]:
    """Hand-written ``<category>.txt`` files, one ``FLAGS|text`` item per line (flags as in the
    corpus sources: ``c``/``m`` comment or message, ``u`` urgent, ``x`` publish without marks)."""
    from desktop.text.folding import strip_diacritics

    found = []
    for path in sorted(folder.glob("*.txt")):
        category = path.stem
        if category not in CATEGORIES:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or "|" not in line:
                continue
            flags, text = line.split("|", 1)
            text = strip_diacritics(text) if "x" in flags else text
            found.append(Example(text.strip(), category, "u" in flags, "supplement"))
    return found


def vihos_spans(path: Path) -> list[tuple[str, list[int]]]:
    """ViHOS comments as written with the character offsets of their offensive spans."""
    found: list[tuple[str, list[int]]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row.get("content") or ""
            if not text.strip():
                continue
            offsets = ast.literal_eval((row.get("index_spans") or "[]").strip() or "[]")
            found.append((text, [int(i) for i in offsets]))
    return found


def generated_examples(count: int, seed: int) -> list[Example]:
    from desktop.services.seed.texts import TextGenerator

    gen = TextGenerator(random.Random(seed))
    found = []
    for i in range(count):
        first = gen.citizen_text(private=i % 3 == 0)
        found.append(Example(first.text, first.category.value, first.urgent, "generator"))
    return found


def stratified_split(
    examples: Sequence[Example], test_fraction: float, seed: int
) -> tuple[list[Example], list[Example]]:
    rng = random.Random(seed)
    by_label: dict[tuple[str, bool], list[Example]] = {}
    for ex in examples:
        by_label.setdefault((ex.category, ex.urgent), []).append(ex)
    train, test = [], []
    for group in by_label.values():
        shuffled = list(group)
        rng.shuffle(shuffled)
        cut = max(1, round(len(shuffled) * test_fraction)) if len(shuffled) > 1 else 0
        test += shuffled[:cut]
        train += shuffled[cut:]
    return train, test


@dataclass(slots=True)
class Recipe:
    """The category model's recipe fitted to some labels: the two TF-IDF views and a balanced
    logistic regression over them."""

    char: TfidfVectorizer
    word: TfidfVectorizer
    x: sparse.csr_matrix
    estimator: LogisticRegression

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        pairs = [views(t) for t in texts]
        return sparse.hstack(
            [
                self.char.transform([a for a, _ in pairs]),
                self.word.transform([f for _, f in pairs]),
            ],
            format="csr",
        )


def fit_recipe(
    pairs: Sequence[tuple[str, str]],
    labels: Sequence[str],
    *,
    seed: int = 0,
    c: float = 8.0,
    char_features: int = 80_000,
    word_features: int = 40_000,
) -> Recipe:
    """The shipped recipe on ``(accented, folded)`` views and any labels. ``fit`` uses it for the
    categories; the evaluation uses it to compare the recipe with published models on their own
    training data (never shipped)."""
    char = TfidfVectorizer(min_df=2, max_features=char_features, **CHAR_PARAMS)
    word = TfidfVectorizer(min_df=2, max_features=word_features, **WORD_PARAMS)
    x = sparse.hstack(
        [char.fit_transform([a for a, _ in pairs]), word.fit_transform([f for _, f in pairs])],
        format="csr",
    )
    estimator = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=seed)
    return Recipe(char, word, x, estimator.fit(x, np.asarray(labels)))


def fit(
    examples: Sequence[Example],
    *,
    seed: int = 0,
    char_features: int = 80_000,
    word_features: int = 40_000,
    c: float = 8.0,
    meta: dict[str, object] | None = None,
    offensive_comments: Sequence[tuple[str, Sequence[int]]] | None = None,
) -> LinearTextModel:
    """``offensive_comments``: (text, offensive character offsets) for the offensive-word
    model; None = ViHOS train as shipped (the shipped model's own when it was built from the
    same file), empty = no offensive-word model."""
    pairs = [views(ex.text) for ex in examples]
    recipe = fit_recipe(
        pairs,
        [ex.category for ex in examples],
        seed=seed,
        c=c,
        char_features=char_features,
        word_features=word_features,
    )
    char, word, x, category = recipe.char, recipe.word, recipe.x, recipe.estimator
    urgent_labels = np.array([ex.urgent for ex in examples])
    urgent = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=seed)
    urgent.fit(x, urgent_labels)
    threshold = _urgent_threshold(urgent, x, urgent_labels, pairs, seed)
    classes = [str(c_) for c_ in category.classes_]
    info: dict[str, object] = {**(meta or {}), "urgent_threshold": threshold}
    offensive = None
    if offensive_comments is None:
        offensive, fingerprint = _shipped_offensive_words()
        if fingerprint:
            info["offensive_fingerprint"] = fingerprint
    elif offensive_comments:
        offensive = fit_offensive_words(offensive_comments)
    return LinearTextModel(
        _features(char),
        _features(word),
        classes,
        category.coef_.astype(np.float32),
        category.intercept_.astype(np.float32),
        urgent.coef_.ravel().astype(np.float32),
        float(urgent.intercept_[0]),
        info,
        offensive,
    )


def _shipped_offensive_words() -> tuple[OffensiveWords | None, str | None]:
    """The offensive-word model on ViHOS train: officers' corrections do not change it, so the
    shipped model's is reused when it was built from the same file by the same code (a retrain
    then saves ten seconds); otherwise it is trained."""
    path = VIHOS_DIR / "train.csv"
    if not path.exists():
        return None, None
    digest = hashlib.sha256(f"{OFFENSIVE_VERSION}\n".encode())
    digest.update(path.read_bytes())
    fingerprint = digest.hexdigest()[:24]
    from desktop.classify.classifier import MODEL_STEM

    try:
        shipped = LinearTextModel.load(MODEL_STEM)
    except (OSError, ValueError, KeyError):
        shipped = None
    if shipped is not None and shipped.meta.get("offensive_fingerprint") == fingerprint:
        return shipped.offensive or fit_offensive_words(vihos_spans(path)), fingerprint
    return fit_offensive_words(vihos_spans(path)), fingerprint


def _features(vectorizer: TfidfVectorizer) -> TfidfFeatures:
    return TfidfFeatures(
        str(vectorizer.analyzer),
        vectorizer.ngram_range,
        {str(t): int(i) for t, i in vectorizer.vocabulary_.items()},
        vectorizer.idf_,
    )


def _urgent_threshold(
    estimator: LogisticRegression,
    x: sparse.csr_matrix,
    labels: np.ndarray,
    pairs: Sequence[tuple[str, str]],
    seed: int,
    target_recall: float = URGENT_RECALL_TARGET,
) -> float:
    """The highest score threshold at which rules OR model reach the recall target, judged on
    out-of-fold scores (scores on the training texts themselves would be overconfident)."""
    from sklearn.base import clone
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from desktop.text.urgency import UrgencyRules

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    scores = cross_val_predict(clone(estimator), x, labels, cv=folds, method="predict_proba")[:, 1]
    rules = UrgencyRules()
    by_rule = np.array([rules.assess_view(accented).urgent for accented, _ in pairs])
    positives = labels.sum()
    if positives == 0:
        return 0.5
    for threshold in np.arange(0.9, 0.04, -0.01):
        caught = np.logical_and(labels, np.logical_or(by_rule, scores >= threshold)).sum()
        if caught / positives >= target_recall:
            return float(round(threshold, 2))
    return 0.05


def evaluate(
    predicted: Sequence[str], urgent_pred: Sequence[bool], examples: Sequence[Example]
) -> Metrics:
    truth = [ex.category for ex in examples]
    if not truth:
        return Metrics(0.0, {}, 0.0, 0.0, 0)
    labels = sorted(set(truth) | set(predicted))
    _, _, f1s, _ = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    per_class = {label: float(f) for label, f in zip(labels, f1s, strict=True)}
    macro = float(f1_score(truth, predicted, labels=sorted(set(truth)), average="macro"))
    urgent_true = [ex.urgent for ex in examples]
    tp = sum(1 for t, p in zip(urgent_true, urgent_pred, strict=True) if t and p)
    recall = tp / max(1, sum(urgent_true))
    precision = tp / max(1, sum(urgent_pred))
    return Metrics(
        macro,
        per_class,
        recall,
        precision,
        len(examples),
        {k: int(v) for k, v in Counter(truth).items()},
    )


def describe(examples: Iterable[Example]) -> dict[str, dict[str, int]]:
    by_source: dict[str, Counter[str]] = {}
    for ex in examples:
        by_source.setdefault(ex.source, Counter())[ex.category] += 1
    return {source: dict(counts) for source, counts in by_source.items()}


RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CORPUS = RESOURCES / "corpus" / "dutydesk_corpus.jsonl"
SUPPLEMENT = RESOURCES / "corpus" / "supplement"
VIHOS_DIR = RESOURCES / "corpus" / "vihos"
HELDOUT_FRACTION = 0.2
SPLIT_SEED = 20261129


@dataclass(slots=True)
class TrainingSet:
    train: list[Example]
    heldout: list[Example]  # the project corpus' held-out part: the headline metrics
    heldout_generated: list[Example]

    def sources(self) -> dict[str, dict[str, int]]:
        return describe(self.train)


def build_training_set(
    corrections: Sequence[Example] = (),
    *,
    generated: int = 6000,
    vihos_each: int = 5000,
    seed: int = 0,
) -> TrainingSet:
    """The shipped sources plus officers' corrections; held-out splits never trained on."""
    corpus = load_jsonl(CORPUS, "corpus") if CORPUS.exists() else []
    corpus_train, corpus_held = stratified_split(corpus, HELDOUT_FRACTION, SPLIT_SEED)
    gen_train, gen_held = stratified_split(
        generated_examples(generated, SPLIT_SEED + seed), HELDOUT_FRACTION, SPLIT_SEED
    )
    vihos: list[Example] = []
    if (VIHOS_DIR / "train.csv").exists():
        vihos = vihos_examples(VIHOS_DIR / "train.csv", vihos_each, random.Random(SPLIT_SEED))
    supplement = supplement_examples(SUPPLEMENT) if SUPPLEMENT.is_dir() else []
    train = corpus_train + supplement + gen_train + vihos + list(corrections)
    return TrainingSet(train, corpus_held, gen_held)


def predict_labels(
    model: LinearTextModel, examples: Sequence[Example], threshold: float
) -> tuple[list[str], list[bool]]:
    from desktop.classify.classifier import Classifier

    classifier = Classifier(model, urgent_threshold=threshold)
    results = classifier.classify([ex.text for ex in examples])
    return [r.category.value for r in results], [r.urgent for r in results]
