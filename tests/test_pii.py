"""Personal data detection and masking (``desktop.text.pii``): hand-made cases for every kind and
its traps, masking that never leaks, offsets into the original text, the seed generator's ground
truth, and properties over arbitrary input."""

from __future__ import annotations

import random
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.services.seed.texts import SeedText, TextGenerator
from desktop.text.pii import PII_KINDS, PiiSpan, find_pii, mask_pii


def found(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.value) for s in find_pii(text)]


# ---------------------------------------------------------------------------------------------
# Positives: (text, kind, value)
# ---------------------------------------------------------------------------------------------

POSITIVES = [
    # phones, every common way of writing them
    ("sdt 0912345678", "phone", "0912345678"),
    ("SĐT: 091.234.5678 nhé", "phone", "091.234.5678"),
    ("gọi 0912 345 678 nha", "phone", "0912 345 678"),
    ("gọi 0912-345-678", "phone", "0912-345-678"),
    ("liên hệ +84 912 345 678", "phone", "+84 912 345 678"),
    ("zalo +84912345678", "phone", "+84912345678"),
    ("sđt 84912345678", "phone", "84912345678"),
    ("(+84) 912 345 678", "phone", "(+84) 912 345 678"),
    ("số nó 0084 912 345 678", "phone", "0084 912 345 678"),
    ("(0912345678)", "phone", "0912345678"),
    ("trực ban 0237.3852.123", "phone", "0237.3852.123"),
    ("gọi (0237) 3852 123", "phone", "(0237) 3852 123"),
    ("Hà Nội 024 3825 1234", "phone", "024 3825 1234"),
    ("sdt0912345678", "phone", "0912345678"),  # teencode, glued
    ("SDT 0365719310 LUA DAO", "phone", "0365719310"),
    ("zalo:0912345678🔥🔥", "phone", "0912345678"),
    ("📞0786543210📞", "phone", "0786543210"),
    ("SĐT cũ 01662345678 giờ không dùng", "phone", "01662345678"),  # pre-2018 11 digits
    ("số ０９１２３４５６７８ nhé", "phone", "０９１２３４５６７８"),  # full-width digits
    # CCCD and old CMND
    ("CCCD 038090123456", "cccd", "038090123456"),
    ("cccd của em 038 090 123 456 ạ", "cccd", "038 090 123 456"),
    ("căn cước 038.090.123.456", "cccd", "038.090.123.456"),
    ("so cccd 0380 9012 3456", "cccd", "0380 9012 3456"),
    ("nhặt được thẻ 001203004005 ở chợ", "cccd", "001203004005"),
    ("cmnd 172345678", "cccd", "172345678"),
    ("CMT số: 172 345 678", "cccd", "172 345 678"),
    ("số chứng minh nhân dân là 172345678", "cccd", "172345678"),
    ("cmnd cũ 17 234 5678", "cccd", "17 234 5678"),
    # bank accounts
    ("stk 0912345678 MB", "bank_account", "0912345678"),
    ("STK: 1903 5555 1234 56 Techcombank", "bank_account", "1903 5555 1234 56"),
    ("so tk 1234567890 vietcombank", "bank_account", "1234567890"),
    ("Vietcombank 0011004123456 chủ tk Nguyen Van A", "bank_account", "0011004123456"),
    ("chuyển vào tài khoản 123456789 ngân hàng ACB", "bank_account", "123456789"),
    ("số tài khoản: 4501234567 BIDV", "bank_account", "4501234567"),
    ("0123456789 - VPBank", "bank_account", "0123456789"),
    ("19035555123456 (TCB)", "bank_account", "19035555123456"),
    ("TK AGRIBANK 3500205123456", "bank_account", "3500205123456"),
    ("Stk nó đây ạ 038090123456", "bank_account", "038090123456"),  # 12 digits, bank context
    # plates
    ("biển số 36A-123.45", "plate", "36A-123.45"),
    ("xe 36A 12345 đỗ trước cửa", "plate", "36A 12345"),
    ("ô tô 36A-12345", "plate", "36A-12345"),
    ("xe máy 36B1-234.56", "plate", "36B1-234.56"),
    ("biển 36-B1 234.56", "plate", "36-B1 234.56"),
    ("29X1 123.45 chạy ẩu", "plate", "29X1 123.45"),
    ("BIỂN 30E-123.45.", "plate", "30E-123.45"),
    ("xe 36b1-234.56", "plate", "36b1-234.56"),
    ("xe khách 51LD-123.45", "plate", "51LD-123.45"),
    ("Xe Wave biển 36H7 - 123.45 ạ", "plate", "36H7 - 123.45"),
    # e-mails
    ("email: nguyen.van.a@gmail.com", "email", "nguyen.van.a@gmail.com"),
    ("EMAIL NGUYEN.HUNG98@GMAIL.COM", "email", "NGUYEN.HUNG98@GMAIL.COM"),
    ("gửi về a_b-c+tag@sub.domain.vn.", "email", "a_b-c+tag@sub.domain.vn"),
    ("mail 😊hoa2003@yahoo.com😊", "email", "hoa2003@yahoo.com"),
    # addresses
    ("nhà ở số 12 ngõ 5 đường Bà Triệu", "address", "số 12 ngõ 5 đường Bà Triệu"),
    ("Nhà ở 12/3 Lê Lợi, đi vào ngõ", "address", "12/3 Lê Lợi"),
    ("12/3 Lê Lợi", "address", "12/3 Lê Lợi"),
    ("nhà số 45, thôn 3, xã Quảng Nhân", "address", "nhà số 45, thôn 3, xã Quảng Nhân"),
    ("ngõ 5 ngách 12 phố Huế", "address", "ngõ 5 ngách 12 phố Huế"),
    (
        "ở số 5 ngõ 12 ngách 3 phố Tôn Đức Thắng, quận Đống Đa, Hà Nội",
        "address",
        "số 5 ngõ 12 ngách 3 phố Tôn Đức Thắng, quận Đống Đa",
    ),
    (
        "trú tại so nha 135, thon Trung Thanh, xa Yen Truong, huyen Yen Dinh. T xin",
        "address",
        "so nha 135, thon Trung Thanh, xa Yen Truong, huyen Yen Dinh",
    ),
    (
        "so 12 ngo 5 duong ba trieu, phuong dong tho",  # all lower case
        "address",
        "so 12 ngo 5 duong ba trieu, phuong dong tho",
    ),
    ("SỐ 12 NGÕ 5 ĐƯỜNG BÀ TRIỆU BÁN MA TÚY", "address", "SỐ 12 NGÕ 5 ĐƯỜNG BÀ TRIỆU"),
    (
        "Ở SỐ 66 ĐƯỜNG HỒ XUÂN HƯƠNG, PHƯỜNG TRUNG SƠN, TP SẦM SƠN THÌ CẦN GÌ",
        "address",
        "SỐ 66 ĐƯỜNG HỒ XUÂN HƯƠNG, PHƯỜNG TRUNG SƠN, TP SẦM SƠN",
    ),
    ("số 12 Lê Lợi, phường Điện Biên", "address", "số 12 Lê Lợi, phường Điện Biên"),
    ("14/31 Lê Hoàn, P. Nam Ngạn.", "address", "14/31 Lê Hoàn, P. Nam Ngạn"),
    (
        "Địa chỉ: Số 12, Ngõ 5, Đường Bà Triệu, Phường Đông Thọ, TP Thanh Hóa.",
        "address",
        "Số 12, Ngõ 5, Đường Bà Triệu, Phường Đông Thọ, TP Thanh Hóa",
    ),
    (
        "Số 5 Nguyễn Huệ, P. Bến Nghé, Q.1, TP.HCM",
        "address",
        "Số 5 Nguyễn Huệ, P. Bến Nghé, Q.1, TP.HCM",
    ),
    ("số 25 đường 3/2, phường 10, quận 10", "address", "số 25 đường 3/2, phường 10, quận 10"),
    ("Nhà số 7, tổ 5, phường Đông Vệ", "address", "Nhà số 7, tổ 5, phường Đông Vệ"),
    (
        "số 74 đường Thanh Niên, phường Quảng Tiến, TP Sầm Sơn bán hàng đá",
        "address",
        "số 74 đường Thanh Niên, phường Quảng Tiến, TP Sầm Sơn",
    ),
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_finds_each_kind(text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(text), found(text)


def test_several_values_in_one_message() -> None:
    text = (
        "Em tên Lê Văn Hùng, CCCD 038090123456, sđt 0912 345 678, nhà ở số 7 đường Lê Lai,"
        " phường Ba Đình. Bọn nó đi xe 36A-123.45, stk 19035555123456 Techcombank,"
        " email lehung@gmail.com"
    )
    assert found(text) == [
        ("cccd", "038090123456"),
        ("phone", "0912 345 678"),
        ("address", "số 7 đường Lê Lai, phường Ba Đình"),
        ("plate", "36A-123.45"),
        ("bank_account", "19035555123456"),
        ("email", "lehung@gmail.com"),
    ]


# ---------------------------------------------------------------------------------------------
# Negatives and traps
# ---------------------------------------------------------------------------------------------

NOTHING = [
    "chuyển 5.000.000đ",
    "mất 47.500.000 đồng rồi",
    "mất 5 triệu, 3tr, 500k, 1,2 tỷ",
    "mất 84.900.000.000đ",
    "thu giữ 84.900.000.000 đồng",
    "ngày 09.03.2024 10h sáng",
    "lúc 09:30 ngày 12/03/2024",
    "từ 2023-2024, 1-2h/ngày, 24/7",
    "lãi 5 nghìn/1 triệu/ngày",
    "gọi 113 hoặc 114 hoặc 115",
    "số 123456789012 không phải cccd",  # 12 digits but no province code
    "mã 172345678",  # 9 digits without cmnd/cmt
    "mã hồ sơ G22.38-230101-0001",
    "giá 20k 12345",
    "lương 12-15tr, tuyển 50 người",
    "Vision 2022 chính chủ",
    "chợ Vườn Hoa",
    "phường Đông Thọ",
    "thôn 4 xã Quảng Nhân",
    "xóm Bắc xã Hoằng Lộc",
    "Đại lộ Lê Lợi",
    "Quốc lộ 1A đoạn qua Hoằng Hóa",
    "số 1 đường dây lừa đảo",
    "Tôi là số 1 đường đua",
    "số 3 phố đi bộ",
    "vụ số 12, phường Đông Thọ",
    "NHÀ CÁI UY TÍN SỐ 1 VIỆT NAM",
    "ngày 12/3 Lê Văn H. đi làm",
    "tối 15/6 Hùng gọi cho em",
    "https://bet88x.example/2i9e75",
    "email@",
    "@@@",
    "",
]


@pytest.mark.parametrize("text", NOTHING)
def test_traps_find_nothing(text: str) -> None:
    assert find_pii(text) == []


def test_cccd_is_not_a_phone() -> None:
    assert found("số 038090123456 nhé") == [("cccd", "038090123456")]
    assert found("038 090 123 456") == [("cccd", "038 090 123 456")]


def test_account_numbers_win_over_phones_in_bank_context() -> None:
    assert found("stk 0912345678 MB") == [("bank_account", "0912345678")]
    assert found("tk MB 0912345678") == [("bank_account", "0912345678")]
    assert found("0912345678 ngân hàng Vietcombank") == [("bank_account", "0912345678")]


def test_bank_words_elsewhere_leave_phones_alone() -> None:
    assert found("tk zalo 0912345678") == [("phone", "0912345678")]
    assert found("Em đã báo ngân hàng rồi. Nó dùng số 0568 463 381 để gọi em") == [
        ("phone", "0568 463 381")
    ]
    assert found("stk 19035555123456 tcb, sdt 0912345678") == [
        ("bank_account", "19035555123456"),
        ("phone", "0912345678"),
    ]
    assert found("sđt 0912345678, stk 0123456789 VPBank") == [
        ("phone", "0912345678"),
        ("bank_account", "0123456789"),
    ]


def test_amount_after_an_account_is_not_part_of_it() -> None:
    assert found("stk 123456789 10 triệu") == [("bank_account", "123456789")]
    assert found("tài khoản ngân hàng mất sạch 47.500.000đ") == []


@pytest.mark.parametrize("sep", [" ", ",", ", ", ";", "/", " - ", " hoặc "])
def test_two_phones_side_by_side(sep: str) -> None:
    text = f"sđt 0912345678{sep}0987654321"
    assert found(text) == [("phone", "0912345678"), ("phone", "0987654321")]


def test_phone_glued_to_a_random_word_is_not_taken() -> None:
    assert find_pii("ABC0912345678") == []


def test_address_does_not_run_on_into_the_sentence() -> None:
    text = "Xe đỗ chắn cửa nhà tôi ở số 5 đường Lê Lai, phường Ba Đình cả tuần"
    assert found(text) == [("address", "số 5 đường Lê Lai, phường Ba Đình")]


# ---------------------------------------------------------------------------------------------
# Offsets into the original text
# ---------------------------------------------------------------------------------------------


def assert_consistent(text: str, spans: list[PiiSpan]) -> None:
    previous_end = 0
    for span in spans:
        assert span.kind in PII_KINDS
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.value
        assert span.start >= previous_end
        previous_end = span.end


def test_offsets_survive_decomposed_text() -> None:
    composed = "Nhà ở số 12 ngõ 5 đường Bà Triệu, phường Đông Thọ, sđt 0912345678"
    text = unicodedata.normalize("NFD", composed)
    spans = find_pii(text)
    assert_consistent(text, spans)
    assert [(s.kind, unicodedata.normalize("NFC", s.value)) for s in spans] == [
        ("address", "số 12 ngõ 5 đường Bà Triệu, phường Đông Thọ"),
        ("phone", "0912345678"),
    ]


def test_zero_width_characters_do_not_hide_a_number() -> None:
    text = "sdt 0912\u200b345\u200b678 nhé 👮"
    spans = find_pii(text)
    assert_consistent(text, spans)
    assert [s.kind for s in spans] == ["phone"]
    assert spans[0].value == "0912\u200b345\u200b678"


def test_offsets_with_emoji_and_odd_letters() -> None:
    text = "🇻🇳🇻🇳 İİ ẞ ﬁ sđt 0912345678 🙏 email hoa@gmail.com"
    spans = find_pii(text)
    assert_consistent(text, spans)
    assert [(s.kind, s.value) for s in spans] == [
        ("phone", "0912345678"),
        ("email", "hoa@gmail.com"),
    ]


# ---------------------------------------------------------------------------------------------
# Masking
# ---------------------------------------------------------------------------------------------

MASKED = [
    ("sđt 0912 345 678 nhé", "sđt [SĐT 09•• ••• •••] nhé"),
    ("gọi +84 912 345 678", "gọi [SĐT +84 9•• ••• •••]"),
    ("CCCD 038090123456", "CCCD [CCCD 038•••••••••]"),
    ("cmnd 172345678", "cmnd [CMND •••••••••]"),
    ("stk 0912345678 MB", "stk [STK ••••••••••] MB"),
    ("xe 36B1-234.56", "xe [Biển số 36B1-•••.••]"),
    ("xe 36 - B1 234.56", "xe [Biển số 36 - B1 •••.••]"),
    ("mail le.hung@gmail.com.", "mail [Email l•••@•••.com]."),
    ("nhà ở số 12 ngõ 5 đường Bà Triệu nhé", "nhà ở [Địa chỉ] nhé"),
]


@pytest.mark.parametrize(("text", "masked"), MASKED)
def test_mask_format(text: str, masked: str) -> None:
    assert mask_pii(text) == masked


def test_keep_last_shows_a_few_trailing_digits_but_never_too_many() -> None:
    assert mask_pii("0912 345 678", keep_last=2) == "[SĐT 09•• ••• •78]"
    assert mask_pii("0912 345 678", keep_last=10) == "[SĐT 09•• ••• •78]"  # capped at 40 %
    assert mask_pii("stk 1903555512 ACB", keep_last=4) == "stk [STK ••••••5512] ACB"
    assert mask_pii("36A-123.45", keep_last=5) == "[Biển số 36A-•••.45]"
    # a CCCD never shows more than its province code
    assert mask_pii("CCCD 038090123456", keep_last=6) == "CCCD [CCCD 038•••••••••]"
    assert mask_pii("nhà ở số 12 ngõ 5 đường Bà Triệu", keep_last=4) == "nhà ở [Địa chỉ]"


def test_mask_with_given_spans_clamps_and_merges() -> None:
    text = "sdt 0912345678 nhé"
    overlapping = [
        PiiSpan("phone", 4, 10, "091234"),
        PiiSpan("phone", 8, 14, "345678"),
        PiiSpan("phone", 12, 99, "78 nhé"),
        PiiSpan("phone", -5, 0, ""),
    ]
    masked = mask_pii(text, overlapping)
    assert "345" not in masked and "678" not in masked
    assert masked.startswith("sdt [SĐT 09")
    assert mask_pii(text, []) == text


def test_mask_unknown_kind_is_still_masked() -> None:
    assert mask_pii("abc 123", [PiiSpan("other", 4, 7, "123")]) == "abc [Dữ liệu cá nhân]"


# ---------------------------------------------------------------------------------------------
# The seed generator's ground truth
# ---------------------------------------------------------------------------------------------

GENERATED = 3000


@pytest.fixture(scope="module")
def generated() -> list[SeedText]:
    gen = TextGenerator(random.Random(4242))
    out: list[SeedText] = []
    for i in range(GENERATED):
        first = gen.citizen_text(private=i % 2 == 0)
        out.append(first)
        if i % 4 == 0:
            out.append(gen.citizen_followup(first))
    return out


def scores(texts: list[SeedText]) -> dict[str, tuple[float, float, float]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for t in texts:
        truth = Counter(t.pii_values)
        got = Counter((s.kind, s.value) for s in find_pii(t.text))
        for (kind, _), n in (truth & got).items():
            tp[kind] += n
        for (kind, _), n in (got - truth).items():
            fp[kind] += n
        for (kind, _), n in (truth - got).items():
            fn[kind] += n
    out: dict[str, tuple[float, float, float]] = {}
    for kind in (*PII_KINDS, "overall"):
        if kind == "overall":
            a, b, c = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            a, b, c = tp[kind], fp[kind], fn[kind]
        precision = a / (a + b) if a + b else 1.0
        recall = a / (a + c) if a + c else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[kind] = (precision, recall, f1)
    return out


def test_generated_ground_truth_f1(generated: list[SeedText]) -> None:
    result = scores(generated)
    report = {k: tuple(round(x, 4) for x in v) for k, v in result.items()}
    assert result["overall"][2] >= 0.95, report
    for kind in PII_KINDS:
        assert result[kind][2] >= 0.9, (kind, report)


def test_generated_texts_mask_without_leaking(generated: list[SeedText]) -> None:
    for t in generated:
        if not t.pii_values:
            continue
        masked = mask_pii(t.text, keep_last=4)
        for _, value in t.pii_values:
            assert value not in masked, (value, masked)


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "0912345678", "091.234.5678", "+84 912 345 678", "038090123456", "038 090 123 456",
        "36A-123.45", "36B1-234.56", "hoa@gmail.com", "số 12 ngõ 5 đường Bà Triệu",
        ", phường Đông Thọ", "stk", "STK", "Vietcombank", "ngân hàng", "cmnd", "12/3",
        "5.000.000đ", "(", ")", "+", "84", "0", "-", ".", " ", "\n", "@", "/", "số", "nhà",
        "ngõ", "Lê Lợi", "THÌ", "đ", "\u0301", "\u200b", "👮", "🇻🇳", "ＳĐＴ", "０９", "İ",
    ]
)  # fmt: skip
_MESSAGES = st.text(max_size=300) | st.lists(_PIECES | st.text(max_size=5), max_size=40).map(
    "".join
)


@given(_MESSAGES)
@settings(max_examples=400, deadline=None)
def test_never_crashes_and_spans_are_consistent(text: str) -> None:
    spans = find_pii(text)
    assert_consistent(text, spans)
    masked = mask_pii(text, spans)
    assert isinstance(masked, str)
    if not spans:
        assert masked == text


@given(_MESSAGES, st.integers(min_value=-3, max_value=30))
@settings(max_examples=300, deadline=None)
def test_masks_hide_the_identifying_digits(text: str, keep_last: int) -> None:
    for span in find_pii(text):
        value = span.value
        masked = mask_pii(value, [PiiSpan(span.kind, 0, len(value), value)], keep_last=keep_last)
        assert value not in masked
        if span.kind not in ("phone", "cccd", "bank_account"):
            continue
        inner = masked[masked.index(" ") + 1 : -1]  # "[SĐT 09•• ••• •••]" → "09•• ••• •••"
        assert len(inner) == len(value)  # the shape is kept, character for character
        digits = [i for i, ch in enumerate(value) if ch.isdigit()]
        shown = {i for i in digits if inner[i] == value[i]}
        if span.kind == "phone":  # the subscriber number: at most 3 of its last 7 digits
            assert len(shown & set(digits[-7:])) <= 3, (value, masked)
        elif span.kind == "cccd":  # nothing but the province code
            assert not shown & set(digits[3:]), (value, masked)
        else:
            assert len(shown) * 5 <= len(digits) * 2, (value, masked)
