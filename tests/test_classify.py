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
