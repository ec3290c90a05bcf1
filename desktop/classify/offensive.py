"""Offensive language, word by word: which words of a comment are insults or profanity, how much
of it there is, and whether it aims at someone.

The word model is a logistic regression over one word at a time, trained on the offensive spans of
ViHOS (MIT; ``resources/corpus/vihos``): a word is offensive when an annotator marked it. It reads
the word as written (lower case, canonical tones), the word without marks and its character
n-grams (so ``đm``, ``dm``, ``vcl``, ``l0n``, ``nguuu`` are recognised), the words before and
after it and the two word pairs it belongs to. Being linear, a word's score is a sum of per-word
parts that are cached, so scoring costs a few dictionary look-ups per word.

``targets`` counts words that aim the abuse at a person or a group (``mày``, ``thằng``, ``bọn``,
``chế độ``…), from a hand-written list: profanity used as an intensifier ("hay vl") is
offensive, an insult at someone is hate (the distinction of the ViHSD guidelines).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from desktop.text.folding import fold
from desktop.text.normalize import canonical_tones, has_diacritics

# A word: letters and digits, with any combining marks of decomposed (NFD) input.
_TOKEN = re.compile(r"[\w\u0300-\u036f]+")
_START, _END = "<s>", "</s>"
_CACHE_LIMIT = 100_000
SPAN_THRESHOLD = 0.5  # a word at or above this probability is shown as offensive
OFFENSIVE_VERSION = 1  # bump when the features or the training change (a retrain then refits)


@dataclass(frozen=True, slots=True)
class OffensiveSpan:
    start: int  # offsets into the original text
    end: int
    probability: float


@dataclass(frozen=True, slots=True)
class Offensive:
    score: float  # the highest word probability (0 for a text without words)
    load: float  # the expected number of offensive words: the sum of their probabilities
    targets: int  # words aiming at a person or group
    spans: tuple[OffensiveSpan, ...]


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    word: str  # lower case, NFC, canonical tones
    folded: str  # without marks


def tokens(text: str) -> list[Token]:
    found = []
    for m in _TOKEN.finditer(text):
        word = canonical_tones(unicodedata.normalize("NFC", m.group())).lower()
        found.append(Token(m.start(), m.end(), word, fold(word)))
    return found


def _ngrams(folded: str) -> list[str]:
    padded = f" {folded} "
    grams: list[str] = []
    for n in (2, 3, 4):
        if len(padded) <= n:
            grams.append(padded)
            break
        grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def own_features(word: str, folded: str) -> list[str]:
    """What a word says by itself (each feature once: they are present or absent)."""
    return list(dict.fromkeys([f"w:{word}", f"f:{folded}", *(f"g:{g}" for g in _ngrams(folded))]))


def token_features(toks: Sequence[Token], i: int) -> list[str]:
    """Every feature of word ``i`` (training; inference adds the same parts up)."""
    before = toks[i - 1].folded if i > 0 else _START
    after = toks[i + 1].folded if i + 1 < len(toks) else _END
    f = toks[i].folded
    return [
        *own_features(toks[i].word, f),
        f"p:{before}",
        f"n:{after}",
        f"bp:{before} {f}",
        f"bn:{f} {after}",
    ]


# -- the desk's own vocabulary ----------------------------------------------------------------
# Words a citizen uses to *report* a crime are not offensive language, though ViHOS's annotators
# often marked them inside insults ("bọn lừa đảo"): on a police desk, "tôi bị lừa đảo" must not
# be underlined as abuse. Marked words are matched as written; a word written without marks is
# matched on its folded form (without marks, "lua dao", "cuop giat", "ma tuy" are the same).
REPORT_WORDS = frozenset({"lừa", "đảo", "cướp", "giật", "trộm", "cắp", "túy", "tuý", "dao", "bạc"})
_REPORT_FOLDED = frozenset(fold(w) for w in REPORT_WORDS)


def is_report_word(token: Token) -> bool:
    if token.word == token.folded:  # written without marks
        return token.folded in _REPORT_FOLDED
    return token.word in REPORT_WORDS


def never_offensive(toks: Sequence[Token], i: int) -> bool:
    """Report vocabulary, and a number (a hamlet, an amount) except the slur "3 que"."""
    tok = toks[i]
    if tok.word.isdigit():
        return not (i + 1 < len(toks) and toks[i + 1].folded == "que")
    return is_report_word(tok)


# -- who is aimed at --------------------------------------------------------------------------
# Accented forms are matched on text written with marks; without marks only the forms that
# cannot be ordinary words ("may" is luck, "thang" a month, "dang" is "đang", "bo do" an outfit).
_TARGETS_ACCENTED = (
    "mày",
    "chúng mày",
    "bọn mày",
    "tụi mày",
    "bọn nó",
    "tụi nó",
    "thằng",
    "bọn",
    "lũ",
    "con chó",
    "con đĩ",
    "con điếm",
    "con lợn",
    "con mụ",
    "mụ",
    "đồ chó",
    "đồ ngu",
    "đồ khốn",
    "ngu",
    "óc chó",
    "óc lợn",
    "súc vật",
    "súc sinh",
    "thú vật",
    "mất dạy",
    "khốn nạn",
    "chó má",
    "ăn hại",
    "đảng",
    "chế độ",
    "cộng sản",
    "bò đỏ",
    "ba que",
    "3 que",
    "dư luận viên",
    "dlv",
    "phản động",
    "bắc kỳ",
    "bắc kì",
    "nam kỳ",
    "nam kì",
    "parky",
    "bê đê",
    "pê đê",
    "khựa",
)
_TARGETS_PLAIN = (
    "chung may",
    "bon may",
    "tui may",
    "thang cho",
    "oc cho",
    "suc vat",
    "suc sinh",
    "mat day",
    "khon nan",
    "ba que",
    "3 que",
    "dlv",
    "phan dong",
    "bac ky",
    "parky",
    "cong san",
    "che do",
)


def _alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


_TARGETS = _alternation(_TARGETS_ACCENTED)
_TARGETS_FOLDED = _alternation(_TARGETS_PLAIN)


def count_targets(toks: Sequence[Token], marked: bool) -> int:
    if not toks:
        return 0
    if marked:
        return len(_TARGETS.findall(" ".join(t.word for t in toks)))
    return len(_TARGETS_FOLDED.findall(" ".join(t.folded for t in toks)))


# -- the word model ---------------------------------------------------------------------------


class OffensiveWords:
    def __init__(self, features: Sequence[str], coef: np.ndarray, intercept: float) -> None:
        self.features = list(features)
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = float(intercept)
        self._weight = dict(zip(self.features, self.coef.tolist(), strict=True))
        self._own: dict[tuple[str, str], float] = {}

    def _own_score(self, word: str, folded: str) -> float:
        key = (word, folded)
        score = self._own.get(key)
        if score is None:
            if len(self._own) >= _CACHE_LIMIT:
                self._own.clear()
            get = self._weight.get
            score = self._own[key] = sum(get(f, 0.0) for f in own_features(word, folded))
        return score

    def word_probabilities(self, toks: Sequence[Token]) -> list[float]:
        get = self._weight.get
        folded = [_START, *(t.folded for t in toks), _END]
        probs = []
        for i, tok in enumerate(toks):
            before, f, after = folded[i], folded[i + 1], folded[i + 2]
            z = (
                self.intercept
                + self._own_score(tok.word, f)
                + get(f"p:{before}", 0.0)
                + get(f"n:{after}", 0.0)
                + get(f"bp:{before} {f}", 0.0)
                + get(f"bn:{f} {after}", 0.0)
            )
            if never_offensive(toks, i):
                probs.append(0.0)
                continue
            probs.append(1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z)))))
        return probs

    def assess(self, text: str) -> Offensive:
        toks = tokens(text)
        probs = self.word_probabilities(toks)
        spans = tuple(
            OffensiveSpan(t.start, t.end, round(p, 4))
            for t, p in zip(toks, probs, strict=True)
            if p >= SPAN_THRESHOLD
        )
        return Offensive(
            round(max(probs, default=0.0), 4),
            round(sum(probs), 4),
            count_targets(toks, has_diacritics(text)),
            spans,
        )


def fit_offensive_words(
    comments: Sequence[tuple[str, Sequence[int]]], *, c: float = 2.0, min_df: int = 2
) -> OffensiveWords:
    """Train on ``(text, offensive character offsets)`` pairs (ViHOS' ``index_spans``)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows: list[dict[str, int]] = []
    labels: list[bool] = []
    for text, offsets in comments:
        marked = set(offsets)
        toks = tokens(text)
        for i, tok in enumerate(toks):
            rows.append(dict.fromkeys(token_features(toks, i), 1))
            labels.append(any(j in marked for j in range(tok.start, tok.end)))
    vectorizer = DictVectorizer(dtype=np.float32)
    x = vectorizer.fit_transform(rows)
    df = np.asarray((x > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(df >= min_df)
    x = x[:, keep]
    names = vectorizer.get_feature_names_out()[keep]
    model = LogisticRegression(C=c, max_iter=3000).fit(x, np.array(labels))
    return OffensiveWords([str(n) for n in names], model.coef_.ravel(), float(model.intercept_[0]))
