"""Normalisation, urgency rules, the model file format and the classify command."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from desktop.classify.classifier import Classifier
from desktop.classify.model import LinearTextModel
from desktop.classify.rules import apply_rules
from desktop.commands.classify import classify_stream
from desktop.config import load_config
from desktop.domain.enums import Category, CategorySource
from desktop.text.normalize import canonical_tones, emoji_tokens, expand_teencode, normalize
from desktop.text.urgency import assess_urgency


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hoà bình", "hòa bình"),
        ("Thuỷ", "Thủy"),
        ("hoàn thành", "hoàn thành"),
        ("khoẻ", "khỏe"),
        ("HOÀ", "HÒA"),
    ],
)
def test_tone_placement_is_canonical(raw: str, expected: str) -> None:
    assert canonical_tones(raw) == expected


def test_normalize_unifies_decomposed_input() -> None:
    text = "Người dân phản ánh hoà giải"
    assert normalize(unicodedata.normalize("NFD", text)) == normalize(text)


def test_teencode_and_emoji() -> None:
    assert expand_teencode("mn ơi cs đâu r ko ai tl j") == (
        "mọi người ơi công an đâu rồi không ai trả lời gì"
    )
    assert "emo_angry" in emoji_tokens("tức 😡") and "emo_other" in emoji_tokens("🦄")


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("Có người cầm dao đuổi chém ở chợ, đang đánh nhau", True),
        ("co nguoi cam dao duoi chem o cho dang danh nhau", True),
        ("Cảnh báo lừa đảo qua mạng, mọi người cẩn thận", False),
        ("canh bao lua dao qua mang moi nguoi can than", False),
        ("Tôi bị lừa đảo mất 5 triệu từ năm ngoái", False),
        ("em vừa chuyển 30 triệu cho kẻ giả danh công an, chặn giúp em tài khoản", True),
        ("con tôi 7 tuổi đi học chưa về nhà, mất tích từ chiều", True),
        ("cứu với có người đuối nước ở biển Sầm Sơn", True),
        ("tao sẽ giết chúng mày", True),
        ("nóng chết mất", False),
        ("Công an đã bắt giữ đối tượng cầm dao chém người", False),
        ("em không muốn sống nữa", True),
    ],
)
def test_urgency_rules(text: str, urgent: bool) -> None:
    assert assess_urgency(text).urgent is urgent


def test_betting_link_rule() -> None:
    verdict = apply_rules("Nhà cái uy tín số 1, nạp đầu tặng 100% tại https://bet88x.example")
    assert verdict is not None and verdict.category is Category.SPAM
    assert apply_rules("Cảnh báo: đừng tham gia cá độ bóng đá") is None


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


def test_the_shipped_model_classifies(classifier: Classifier) -> None:
    results = classifier.classify(
        [
            "cho em hỏi làm căn cước gắn chip ở đâu ạ",
            "cảm ơn các anh công an đã giúp đỡ",
            "nhà cái uy tín nạp đầu tặng 100% https://bet.example",
        ]
    )
    assert [r.category for r in results] == [
        Category.ADMIN_QUESTION,
        Category.FEEDBACK,
        Category.SPAM,
    ]
    assert results[2].source is CategorySource.RULE and results[2].rule == "betting_link"
    assert all(0.0 < r.confidence <= 1.0 for r in results)


def test_model_round_trip_without_pickle(classifier: Classifier, tmp_path: Path) -> None:
    stem = tmp_path / "m"
    classifier.model.save(stem)
    with np.load(stem.with_suffix(".npz"), allow_pickle=False) as arrays:
        assert arrays["coef"].dtype == np.float32
    again = LinearTextModel.load(stem)
    texts = ["xin chào", "có đánh nhau ở ngã tư", "vay tiền nhanh không thế chấp"]
    np.testing.assert_allclose(
        again.predict(texts)[0], classifier.model.predict(texts)[0], rtol=1e-5
    )


def test_classify_command_in_order_with_errors() -> None:
    lines = [
        json.dumps({"id": 1, "text": "Gọi 0912 345 678 báo có trộm xe"}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": "b", "text": 5}),
        json.dumps(
            {"id": 3, "text": "Có người cầm dao chém nhau ngay trước cổng chợ!"}, ensure_ascii=False
        ),
        "",
    ]
    out = io.StringIO()
    count = classify_stream(load_config(), io.StringIO("\n".join(lines)), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == 4 and [r["id"] for r in rows] == [1, None, "b", 3]
    assert rows[1]["error"] and rows[2]["error"]
    assert set(rows[0]) == {"id", "category", "confidence", "urgent", "pii"}
    assert rows[0]["pii"] == [{"kind": "phone", "start": 4, "end": 16, "value": "0912 345 678"}]
    assert rows[3]["urgent"] is True


def test_hostile_text_cannot_break_classification(classifier: Classifier) -> None:
    weird = [
        "",
        " ",
        "\x00\x01",
        "🙂" * 500,
        "a" * 20000,
        "<b>x</b>'; DROP TABLE items;--",
        "\u202eRTL",
        "ﷺ" * 100,
    ]
    results = classifier.classify(weird)
    assert len(results) == len(weird)
    reports = classifier.offensive(weird)
    assert len(reports) == len(weird)
    for text, report in zip(weird, reports, strict=True):
        assert all(0 <= s.start < s.end <= len(text) for s in report.spans)


# -- fast TF-IDF, offensive words, teencode fast path ----------------------------------------

_SAMPLES = [
    "Cho em hỏi làm căn cước ở đâu ạ",
    "co nguoi cam dao duoi chem o cho dang danh nhau",
    "",
    " ",
    "🙂🙂 emo_love",
    "a",
    "ab cd",
    "x" * 3000,
    "nguuuuu vcl vcl vcl đm thằng này",
    "Số 12 đường Lê Lợi, phường Đông Thọ, 0912 345 678",
]


@pytest.mark.parametrize("analyzer", ["char_wb", "word"])
def test_fast_tfidf_equals_scikit_learn(analyzer: str) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from desktop.classify.model import CHAR_PARAMS, WORD_PARAMS
    from desktop.classify.vectorize import TfidfFeatures

    params = CHAR_PARAMS if analyzer == "char_wb" else WORD_PARAMS
    fitted = TfidfVectorizer(**params).fit([*_SAMPLES[:6], "vcl đm thằng", "Lê Lợi Đông Thọ"])
    fast = TfidfFeatures(analyzer, fitted.ngram_range, fitted.vocabulary_, fitted.idf_)
    expected = fitted.transform(_SAMPLES).toarray()
    for _ in range(2):  # cold and warm word cache
        np.testing.assert_allclose(fast.transform(_SAMPLES).toarray(), expected, atol=1e-6)


def test_offensive_words_add_up_like_the_trained_regression() -> None:
    from desktop.classify.offensive import fit_offensive_words, token_features, tokens

    comments = [
        ("đm thằng ngu", [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        ("hay vl", [4, 5]),
        ("cảm ơn các anh", []),
        ("thằng này ngu thật", [0, 1, 2, 3, 4, 5, 10, 11, 12]),
        ("hôm nay trời đẹp", []),
        ("đm hay quá", [0, 1]),
    ] * 2
    words = fit_offensive_words(comments, c=1.0, min_df=1)
    weights = dict(zip(words.features, words.coef.tolist(), strict=True))
    for text in ("đm thằng kia hay vl", "hahaha aaaaa", "cảm ơn"):
        toks = tokens(text)
        for i, p in enumerate(words.word_probabilities(toks)):
            z = words.intercept + sum(weights.get(f, 0.0) for f in token_features(toks, i))
            assert p == pytest.approx(1 / (1 + np.exp(-z)), abs=1e-9)


def test_shipped_model_finds_offensive_words_and_targets(classifier: Classifier) -> None:
    insult, intensifier, clean = classifier.offensive(
        ["Đm thằng ngu kia", "phim hay vl", "Chúc cả nhà ngủ ngon"]
    )
    assert [(s.start, s.end) for s in insult.spans][:1] == [(0, 2)]
    assert insult.targets >= 2 and insult.load > clean.load
    assert intensifier.spans and intensifier.targets == 0
    assert clean.spans == () and clean.targets == 0
    # Without marks only the unambiguous target words count: "ngu" may be "ngủ".
    assert classifier.offensive(["chuc ca nha ngu ngon"])[0].targets == 0


def test_offensive_spans_are_offsets_into_the_original_text(classifier: Classifier) -> None:
    text = unicodedata.normalize("NFD", "Ôi đm thằng này")
    report = classifier.offensive([text])[0]
    assert report.spans
    for span in report.spans:
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        assert unicodedata.normalize("NFC", text[span.start : span.end]) in {"đm", "thằng"}


def test_model_without_offensive_part_still_loads(classifier: Classifier, tmp_path: Path) -> None:
    from dataclasses import replace

    stem = tmp_path / "old"
    replace(classifier.model, offensive=None).save(stem)
    old = Classifier.load(stem)
    assert old.model.offensive is None
    assert old.offensive(["đm"])[0].spans == ()
    assert old.classify_one("cho em hỏi làm căn cước").category is Category.ADMIN_QUESTION
    classifier.model.save(tmp_path / "new")
    again = LinearTextModel.load(tmp_path / "new")
    assert again.offensive is not None
    assert again.offensive.assess("đm") == classifier.offensive(["đm"])[0]


@pytest.mark.parametrize("aggressive", [False, True])
def test_teencode_fast_path_equals_word_by_word(aggressive: bool) -> None:
    import re

    from desktop.text.normalize import _AMBIGUOUS, TEENCODE

    table = TEENCODE if aggressive else {k: v for k, v in TEENCODE.items() if k not in _AMBIGUOUS}

    def word_by_word(text: str) -> str:
        return re.sub(r"\w+", lambda m: table.get(m.group().lower(), m.group()), text)

    for text in [
        "KO ĐC, Đc r mn ơi",
        "ko123 k_ 500k k. SĐT sđt Sđt",
        "İ ko dc",  # lower case longer than the text
        "a e v h ca gi roi khong",
        "",
    ]:
        assert expand_teencode(text, aggressive=aggressive) == word_by_word(text)


def test_supplement_items_parse(tmp_path: Path) -> None:
    from desktop.classify.training import supplement_examples

    (tmp_path / "other.txt").write_text(
        "# comment\ncu|Có người ngã xuống giếng\ncx|Khuya rồi đi ngủ thôi\n\n", encoding="utf-8"
    )
    (tmp_path / "unknown.txt").write_text("c|x\n", encoding="utf-8")
    found = supplement_examples(tmp_path)
    assert [(e.text, e.category, e.urgent) for e in found] == [
        ("Có người ngã xuống giếng", "other", True),
        ("Khuya roi di ngu thoi", "other", False),
    ]


def test_recipe_transform_matches_its_training_matrix() -> None:
    """The evaluation fits the shipped recipe to other labels (``fit_recipe``); new texts must be
    read exactly as the training texts were, accents or not."""
    from desktop.classify.features import views
    from desktop.classify.training import fit_recipe

    scam = [f"tôi bị lừa đảo chuyển khoản {n} triệu qua tài khoản lạ" for n in range(12)]
    thanks = [f"cảm ơn các anh công an phường đã giúp đỡ lần {n}" for n in range(12)]
    texts = scam + thanks
    recipe = fit_recipe([views(t) for t in texts], ["scam"] * 12 + ["thanks"] * 12, c=4.0)
    again = recipe.transform(texts)
    assert again.shape == recipe.x.shape
    assert np.allclose(again.toarray(), recipe.x.toarray(), atol=1e-6)
    unseen = recipe.transform(["bi lua dao chuyen khoan mat tien", "cam on cong an phuong"])
    assert list(recipe.estimator.predict(unseen)) == ["scam", "thanks"]


@pytest.mark.parametrize(
    "text",
    [
        "Tôi bị lừa đảo mất 50 triệu, nhờ các anh giúp",
        "toi bi lua dao mat tien roi cong an oi",
        "Có ổ ma túy ở xóm 3, có đối tượng cầm dao",
        "Trộm cắp xe máy ở chợ, cướp giật điện thoại",
    ],
)
def test_crime_report_words_are_not_offensive_language(classifier: Classifier, text: str) -> None:
    """A citizen reporting a fraud or a robbery is not abusing anyone: those words are never
    marked, with or without diacritics (ViHOS often marks them inside insults)."""
    (report,) = classifier.offensive([text])
    assert report.spans == ()


def test_insults_around_report_words_are_still_marked(classifier: Classifier) -> None:
    text = "bọn lừa đảo chó má"
    (report,) = classifier.offensive([text])
    marked = {text[s.start : s.end] for s in report.spans}
    assert {"chó", "má"} <= marked and not marked & {"lừa", "đảo"}
