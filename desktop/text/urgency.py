"""Urgency (khẩn cấp): violence under way, a person in danger, a missing child, a suicide threat,
a fraud transfer that could still be stopped, a threat to attack.

Transparent rules, matched on the accented text when the writer uses accents (so "dao", a knife,
is never "đảo" of "lừa đảo"), and on the folded text otherwise, where every knife or weapon
pattern needs its verb ("cầm dao", "vác dao") so that "lua dao" stays a scam. Words that put the
event in the past ("năm ngoái", "hôm trước") or make it a warning cancel the weaker signals.
The classifier adds a learned urgency score on top (``desktop.classify``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.text.folding import fold
from desktop.text.normalize import expand_teencode, has_diacritics, normalize

# (name, strong?, patterns) — strong signals stand alone; weak ones need a "now" cue.
_SIGNALS: tuple[tuple[str, bool, tuple[str, ...]], ...] = (
    (
        "danger",
        True,
        (
            r"cứu (?:với|tôi|em|con|mẹ|cháu|chúng tôi|giúp)",
            r"\bsos\b",
            r"(?:đuối nước|chết đuối|bị cuốn trôi|đang chìm)",
            r"(?:bị|đang bị) (?:bắt cóc|giam|nhốt|bắt giữ trái phép|bạo hành|hành hung|cưỡng hiếp)",
            r"bắt cóc",
            r"(?:cháy nhà|đang cháy|cháy lớn)",
            r"(?:kêu cứu|xin cứu|mắc kẹt|bị kẹt|bị lật|lật thuyền|chìm thuyền|lũ cuốn|nước lũ)",
            r"(?:không tỉnh|gọi không tỉnh|bất tỉnh|co giật)",
            r"(?:bị giữ|bị bán sang|bị giam giữ|không cho về)",
            r"(?:có người|người) (?:bị thương|nằm bất tỉnh|ngất|chảy máu)",
        ),
    ),
    (
        "missing_child",
        True,
        (
            r"(?:cháu|bé|con|em bé|con gái|con trai|em tôi|đứa trẻ|học sinh)[^.!?\n]{0,40}"
            r"(?:mất tích|đi lạc|lạc mất|không thấy về|chưa về nhà|không liên lạc được)",
            r"(?:mất tích|đi lạc|lạc mất)[^.!?\n]{0,30}(?:cháu|bé|con|tuổi|học sinh)",
            r"tìm (?:trẻ|người) (?:lạc|mất tích)",
            r"(?:bị lạc mẹ|lạc bố mẹ|lạc người nhà|khóc một mình)",
        ),
    ),
    (
        "suicide",
        True,
        (
            r"(?:tự tử|tự sát|tự vẫn|quyên sinh)",
            r"nhảy (?:cầu|sông|lầu|xuống)",
            r"(?:không muốn sống|muốn chết đi|kết thúc cuộc đời|uống thuốc (?:chuột|sâu|ngủ))",
            r"(?:đứng trên cầu|chuẩn bị dây|không chịu được nữa|nhiều thuốc ngủ|treo cổ)",
        ),
    ),
    (
        "threat",
        True,
        (
            r"(?:sẽ|tao sẽ|tụi tao sẽ|bọn tao sẽ)?\s*(?:giết|chém chết|bắn chết|đâm chết) "
            r"(?:mày|chúng mày|bọn mày|công an|cán bộ|hết)",
            r"(?:đốt|đập|phá|đánh bom|cho nổ) (?:trụ sở|đồn|công an|nhà mày)",
            r"(?:đánh bom|cho nổ tung|đặt bom|mìn tự chế)",
            r"(?:xử|xiên|trả thù) (?:mày|chúng mày|bọn mày|thằng công an|công an)",
        ),
    ),
    (
        "violence",
        False,
        (
            r"(?:cầm|vác|rút|mang|dùng|cầm theo|lăm lăm|giơ) (?:dao|mã tấu|kiếm|súng|côn|gậy|"
            r"hung khí|tuýp sắt|dao phay|dao găm)",
            r"(?:đánh nhau|hỗn chiến|ẩu đả|xô xát|đâm nhau|chém nhau|đuổi chém|truy sát|"
            r"nổ súng|bắn nhau|đập phá|đánh hội đồng|đánh người)",
            r"(?:đâm|chém|bắn|đánh) (?:người|chết người|trọng thương|nhau)",
        ),
    ),
    (
        "fraud_now",
        False,
        (
            r"(?:vừa|mới|vừa mới|vừa bị|mới bị) (?:chuyển|ck|chuyển khoản|nộp|gửi|bị lừa|"
            r"bị chiếm|bị trừ|bị rút)[^.!?\n]{0,60}(?:tiền|triệu|tr\b|nghìn|k\b|đồng|tài khoản|"
            r"\d)",
            r"(?:phong tỏa|chặn|khóa|dừng) (?:giúp )?(?:tài khoản|giao dịch|số tài khoản)",
            r"(?:lấy lại|đòi lại|thu hồi) (?:được )?(?:tiền|khoản tiền)",
        ),
    ),
)

_NOW = (
    r"(?:đang|vừa|vừa mới|ngay bây giờ|bây giờ|giờ|lúc này|hiện tại|gấp|khẩn cấp|khẩn|ngay|"
    r"nhanh lên|tối nay|sáng nay|chiều nay|đêm nay|trưa nay|ở đây)"
)
_PAST = (
    r"(?:năm ngoái|năm trước|tháng trước|tuần trước|hôm trước|hôm qua|hồi trước|mấy năm trước|"
    r"đã bị bắt|đã bắt giữ|bắt giữ|đã xử lý|khởi tố|tuyên án|xét xử|cảnh báo|khuyến cáo|"
    r"thủ đoạn|tuyên truyền|phim|truyện|game|cảm ơn|hoan hô|biểu dương|đã cứu|đã kịp thời|"
    r"kịp thời|tin đồn|có thật|lan truyền)"
)


_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Urgency:
    urgent: bool
    reasons: tuple[str, ...] = ()


# Frequent words that never make up a pattern branch on their own: left out of the triggers so
# that ordinary texts skip the regexes.
_NOT_TRIGGERS = frozenset(
    [
        "có",
        "bị",
        "đang",
        "người",
        "em",
        "tôi",
        "của",
        "và",
        "với",
        "cho",
        "là",
        "thì",
        "mà",
        "ở",
        "các",
        "những",
        "một",
        "này",
        "đó",
    ]
)


def _literal_words(patterns: tuple[str, ...], folded: bool) -> frozenset[str]:
    """The words written in the patterns: a match needs at least one of them in the text, so
    a text sharing none is skipped without running the regex."""
    words = {w for p in patterns for w in _WORDS.findall(p)} - _NOT_TRIGGERS
    return frozenset(fold(w) if folded else w for w in words)


def _compile(pattern: str, folded: bool) -> re.Pattern[str]:
    # Views are lower case and the patterns too: no IGNORECASE, which halves the search time.
    return re.compile(fold(pattern) if folded else pattern)


class UrgencyRules:
    def __init__(self) -> None:
        # One alternation per signal: a text costs one search per signal, not per pattern,
        # and only when one of the signal's trigger words is in the text.
        self._signals = {
            folded: [
                (
                    name,
                    strong,
                    _compile("|".join(f"(?:{p})" for p in patterns), folded),
                    _literal_words(patterns, folded),
                )
                for name, strong, patterns in _SIGNALS
            ]
            for folded in (False, True)
        }
        self._now = {f: _compile(_NOW, f) for f in (False, True)}
        self._past = {f: _compile(_PAST, f) for f in (False, True)}

    def assess(self, text: str) -> Urgency:
        return self.assess_view(expand_teencode(normalize(text)).lower())

    def assess_view(self, view: str) -> Urgency:
        """``view``: normalised, teencode-expanded, lower-case text (the classifier's view)."""
        folded = not has_diacritics(view)
        if folded:
            view = fold(view)
        words = set(_WORDS.findall(view))
        hits = [
            (name, strong)
            for name, strong, pattern, triggers in self._signals[folded]
            if not triggers.isdisjoint(words) and pattern.search(view)
        ]
        if not hits:
            return Urgency(False)
        now = self._now[folded].search(view) is not None
        past = self._past[folded].search(view) is not None
        reasons = tuple(
            name
            for name, strong in hits
            if (strong and not (past and not now)) or (not strong and now and not past)
        )
        return Urgency(bool(reasons), reasons)


_DEFAULT: UrgencyRules | None = None


def assess_urgency(text: str) -> Urgency:
    global _DEFAULT  # noqa: PLW0603 - compiled once, read-only afterwards
    if _DEFAULT is None:
        _DEFAULT = UrgencyRules()
    return _DEFAULT.assess(text)
