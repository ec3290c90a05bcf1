"""Realistic, fictional Vietnamese texts for seed and demo data.

Citizens write to the Pages and Zalo OAs of the Thanh Hóa police: crime tips, scam reports,
questions about procedures, complaints, thanks, hostile rumours, insults, spam and chit-chat
(the categories of ``domain.md``). Every text here was written for this module; personal data in
them (phones, CCCD numbers, bank accounts, plates, e-mails, addresses) is drawn at random.

Speed matters (a million texts for the benchmarks), so everything that can be is prepared at
import time: each template is split into literal pieces and slots once, in eight variants
(accented or not × teencode or not × with or without typos); a call only picks pieces and joins
them. The only randomness is the ``random.Random`` handed to ``TextGenerator``.

Template markers (first characters of a raw template): ``!`` urgent, ``@`` private messages only,
``#`` public comments only. Slots are ``{name}`` fields, see ``_SLOTS`` and ``_GENERATED``.
"""

from __future__ import annotations

import random
import re
import zlib
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from desktop.domain.enums import Category
from desktop.text.folding import strip_diacritics

STYLES: frozenset[str] = frozenset(
    {"accented", "unaccented", "teencode", "caps", "emoji", "short", "long", "pii"}
)
PII_KINDS: frozenset[str] = frozenset(
    {"phone", "cccd", "bank_account", "plate", "email", "address"}
)
SHORT_MAX_LEN = 30  # a text of at most this many characters has the "short" style
LONG_MIN_LEN = 300  # ... of at least this many the "long" style


@dataclass(frozen=True, slots=True)
class SeedText:
    text: str
    category: Category
    urgent: bool
    styles: frozenset[str]  # subset of STYLES
    pii_kinds: frozenset[str]  # subset of PII_KINDS
    # (kind, value) of every piece of personal data, exactly as it appears in ``text``: the
    # ground truth for a personal-data detector. An addition to the agreed interface.
    pii_values: tuple[tuple[str, str], ...] = ()


# Realistic mix of a province's inbox: questions and chit-chat dominate, hostile content is rare.
CATEGORY_WEIGHTS: dict[Category, float] = {
    Category.ADMIN_QUESTION: 0.25,
    Category.OTHER: 0.20,
    Category.FEEDBACK: 0.12,
    Category.CRIME_TIP: 0.11,
    Category.SCAM_REPORT: 0.11,
    Category.COMPLAINT: 0.08,
    Category.SPAM: 0.07,
    Category.ABUSIVE: 0.04,
    Category.HOSTILE: 0.02,
}

# Chance that a drawn text of these categories is urgent (overall about 4 %). Other categories
# are never urgent: a threat is abusive, a person in danger a crime tip or "other".
URGENT_SHARE: dict[Category, float] = {
    Category.CRIME_TIP: 0.15,
    Category.SCAM_REPORT: 0.12,
    Category.ABUSIVE: 0.15,
    Category.OTHER: 0.03,
}

# ---------------------------------------------------------------------------------------------
# Slot values. Accented; the unaccented variants are derived at import time.
# ---------------------------------------------------------------------------------------------

# Hand-laid data tables (the code after them is formatted).
# fmt: off
_SLOTS: dict[str, tuple[str, ...]] = {
    "place": (
        "Sầm Sơn", "bãi biển Sầm Sơn", "chợ Vườn Hoa", "Đại lộ Lê Lợi", "cầu Hàm Rồng",
        "ga Thanh Hóa", "bến xe phía Bắc", "bến xe phía Tây", "KKT Nghi Sơn", "Bỉm Sơn",
        "thị trấn Bút Sơn", "thị trấn Thọ Xuân", "thị trấn Quán Lào", "thị trấn Ngọc Lặc",
        "thị trấn Hậu Lộc", "thị trấn Nga Sơn", "thị trấn Rừng Thông", "thị trấn Nông Cống",
        "thị trấn Triệu Sơn", "thị trấn Vĩnh Lộc", "xã Hoằng Đông", "xã Quảng Tâm",
        "phường Đông Thọ", "phường Quảng Tiến", "phường Bắc Sơn", "khu đô thị Đông Hương",
        "quảng trường Lam Sơn", "công viên hồ Thành", "Vincom Thanh Hóa", "ngã ba Voi",
        "ngã tư Phú Sơn", "cầu Nguyệt Viên", "Hải Tiến", "khu du lịch Hải Hòa", "phố đi bộ Sầm Sơn",
        "đường Hồ Xuân Hương", "dốc Ba Chạc", "khu di tích Lam Kinh", "cảng Nghi Sơn",
        "chợ Bỉm Sơn", "ngã tư Bỉm Sơn", "thị trấn Cành Nàng", "Pù Luông", "thị trấn Lang Chánh",
        "thị trấn Thường Xuân", "chân cầu Hoàng Long", "Big C Thanh Hóa", "khu tập thể Ba Đình",
        "thôn 4 xã Quảng Nhân", "xóm Bắc xã Hoằng Lộc",
    ),
    "road": (
        "Quốc lộ 1A", "QL1A đoạn qua Hoằng Hóa", "QL1A đoạn qua Nghi Sơn", "QL47", "QL45", "QL217",
        "QL10", "đường Hồ Chí Minh đoạn qua Ngọc Lặc", "Đại lộ Lê Lợi", "đại lộ Nam Sông Mã",
        "đường Bà Triệu", "đường Trần Phú", "đường Lê Lai", "đường Nguyễn Trãi",
        "đường Quang Trung", "đường Hạc Thành", "đường Lê Hoàn", "đường Tống Duy Tân",
        "đường ven biển Sầm Sơn", "đường Hồ Xuân Hương", "tuyến tránh TP Thanh Hóa",
        "cao tốc Bắc - Nam đoạn qua Nông Cống", "đường Nghi Sơn - Bãi Trành", "đường Thanh Niên",
        "đường Lạc Long Quân", "đường Nguyễn Chí Thanh", "QL47 đoạn qua Thiệu Hóa",
        "QL45 đoạn qua Yên Định",
    ),
    "district": (
        "TP Thanh Hóa", "TP Sầm Sơn", "TX Bỉm Sơn", "TX Nghi Sơn", "huyện Bá Thước",
        "huyện Cẩm Thủy", "huyện Đông Sơn", "huyện Hà Trung", "huyện Hậu Lộc", "huyện Hoằng Hóa",
        "huyện Lang Chánh", "huyện Mường Lát", "huyện Nga Sơn", "huyện Ngọc Lặc", "huyện Như Thanh",
        "huyện Như Xuân", "huyện Nông Cống", "huyện Quan Hóa", "huyện Quan Sơn",
        "huyện Quảng Xương", "huyện Thạch Thành", "huyện Thiệu Hóa", "huyện Thọ Xuân",
        "huyện Thường Xuân", "huyện Triệu Sơn", "huyện Vĩnh Lộc", "huyện Yên Định",
    ),
    "district_short": (
        "Sầm Sơn", "Bỉm Sơn", "Nghi Sơn", "Hoằng Hóa", "Quảng Xương", "Thọ Xuân", "Đông Sơn",
        "Hậu Lộc", "Nga Sơn", "Triệu Sơn", "Nông Cống", "Thiệu Hóa", "Yên Định", "Ngọc Lặc",
        "Cẩm Thủy", "Thạch Thành", "Hà Trung", "Vĩnh Lộc", "Như Thanh", "Bá Thước",
    ),
    "commune": (
        "xã Hoằng Đông", "xã Hoằng Lộc", "xã Hoằng Quỳ", "xã Quảng Tâm", "xã Quảng Nhân",
        "xã Xuân Lập", "xã Thọ Lập", "xã Nga Thái", "xã Đông Tiến", "xã Hà Lĩnh", "xã Cẩm Tâm",
        "xã Lương Sơn", "xã Minh Sơn", "xã Hải Nhân", "xã Triệu Thành", "xã Vĩnh Hùng",
        "xã Yên Trường", "xã Định Tăng", "xã Hợp Thành", "xã Xuân Phú", "phường Hải Hòa",
        "phường Quảng Tiến", "phường Đông Thọ", "phường Điện Biên", "phường Lam Sơn",
        "phường Trung Sơn", "phường Bắc Sơn", "phường Ba Đình",
    ),
    "ward": (
        "Đông Thọ", "Điện Biên", "Lam Sơn", "Ba Đình", "Trường Thi", "Ngọc Trạo", "Hàm Rồng",
        "Đông Vệ", "Đông Sơn", "Phú Sơn", "Tân Sơn", "Nam Ngạn", "Đông Hương", "Đông Hải",
        "Quảng Thắng", "An Hoạch", "Tào Xuyên", "Đông Cương", "Trung Sơn", "Bắc Sơn", "Quảng Tiến",
    ),
    "market": (
        "chợ Vườn Hoa", "chợ Tây Thành", "chợ Điện Biên", "chợ Nam Ga", "chợ Rừng Thông",
        "chợ Bỉm Sơn", "chợ Sầm Sơn", "chợ Quảng Tiến", "chợ Hải Hòa", "chợ Lam Sơn",
        "chợ Thọ Xuân", "chợ Phú Sơn",
    ),
    "beach": ("Sầm Sơn", "Hải Tiến", "Hải Hòa", "Quảng Lợi", "Hải Thanh", "Hoằng Thanh"),
    "forest": (
        "rừng Xuân Liên", "khu bảo tồn Pù Luông", "rừng Pù Hu", "rừng phòng hộ Như Xuân",
        "khu vực hồ Bến En", "rừng đầu nguồn Quan Sơn", "rừng Mường Lát", "rừng Tam Chung",
    ),
    "kcn": (
        "Lễ Môn", "Bỉm Sơn", "Hoàng Long", "Tây Bắc Ga", "Nghi Sơn", "Lam Sơn - Sao Vàng",
        "Đình Hương",
    ),
    "school": (
        "THCS Điện Biên", "tiểu học Đông Thọ", "THPT Hàm Rồng", "THCS Trần Mai Ninh",
        "tiểu học Lê Văn Tám", "THPT Lam Sơn", "tiểu học Quảng Tiến", "THCS Nguyễn Du",
        "tiểu học Hoằng Đông", "THCS thị trấn Thọ Xuân",
    ),
    "time": (
        "tối qua", "đêm qua", "sáng nay", "chiều nay", "tầm 10h tối qua", "khoảng 2h sáng nay",
        "lúc 9h tối", "chiều hôm qua", "hôm thứ 7 vừa rồi", "mấy hôm nay", "tuần trước",
        "khoảng 11 giờ đêm", "rạng sáng nay", "trưa nay", "tối chủ nhật", "đêm 30 tết",
    ),
    "amount": (
        "5 triệu", "12 triệu", "47.500.000đ", "200 triệu", "1,2 tỷ", "3tr", "850 nghìn",
        "18 triệu 500", "60 triệu", "300 triệu", "2 tỷ 300 triệu", "9.800.000 đồng", "25tr",
        "135 triệu", "7 triệu rưỡi", "40 triệu", "500k", "1 tỷ 650 triệu", "80 triệu",
        "15.000.000đ", "92 triệu", "4.750.000 đồng",
    ),
    "drug": (
        "ma túy đá", "hàng đá", "heroin", "thuốc lắc", "cỏ Mỹ", "ke", "bóng cười", "ma túy",
        "hàng trắng",
    ),
    "vehicle": (
        "xe máy Wave", "xe SH", "chiếc Vision", "xe Exciter", "xe đạp điện", "xe Air Blade",
        "con Sirius", "chiếc xe tải nhỏ", "xe máy Lead", "xe đạp của con", "máy cày",
    ),
    "child_age": (
        "3 tuổi", "5 tuổi", "6 tuổi", "7 tuổi", "8 tuổi", "9 tuổi", "10 tuổi", "11 tuổi", "12 tuổi",
        "13 tuổi",
    ),
    "relative": (
        "mẹ em", "bố em", "bà nội em", "ông ngoại em", "chị gái em", "em trai em", "cô em",
        "chồng em", "vợ em", "bác em", "mẹ chồng em",
    ),
    "route": (
        "Thanh Hóa - Hà Nội", "Sầm Sơn - Giáp Bát", "Ngọc Lặc - Mỹ Đình", "Bá Thước - Thanh Hóa",
        "Nghi Sơn - Nước Ngầm", "Thọ Xuân - Yên Nghĩa", "Mường Lát - Thanh Hóa",
    ),
    "month": tuple(f"tháng {m}" for m in range(1, 13)),
    "date": tuple(f"ngày {d}/{m}" for d in (2, 5, 9, 12, 15, 18, 21, 26, 28) for m in (3, 6, 9)),
    "officer": (
        "anh cảnh sát giao thông", "đồng chí trực ban", "anh cảnh sát khu vực",
        "chị cán bộ một cửa", "anh công an xã", "cán bộ tiếp dân", "đồng chí đội trưởng",
    ),
    "bank_name": (
        "Vietcombank", "Techcombank", "MB", "BIDV", "Agribank", "VPBank", "TPBank", "ACB",
        "Sacombank", "VietinBank",
    ),
    "fake_app": (
        "VNeID bản mới", "Dịch vụ công", "Bộ Công an", "Thuế điện tử", "EVN CSKH",
        "Sổ BHXH điện tử",
    ),
    "n": ("2", "3", "4", "5", "6", "7", "8", "9", "10", "12", "15", "20"),
    "sn": tuple(str(y) for y in range(1968, 2008)),
    "weight": (
        "12 gam ma túy đá", "3 bánh heroin", "1,2 kg ma túy tổng hợp", "450 viên thuốc lắc",
        "27 gói heroin", "2 kg cần sa khô", "86 viên ma túy tổng hợp",
    ),
    "initial_name": (
        "Lê Văn H.", "Nguyễn Văn T.", "Trịnh Đình K.", "Phạm Thị L.", "Hoàng Văn Q.", "Lò Văn S.",
        "Mai Xuân B.", "Đỗ Văn N.", "Trần Thị M.", "Vũ Đình C.", "Hà Văn P.", "Bùi Thị Th.",
        "Lương Văn D.", "Quách Văn V.",
    ),
}

_MOBILE_PREFIXES = (
    "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039", "088",
    "091", "094", "083", "084", "085", "081", "082", "089", "090", "093", "070", "076", "077",
    "078", "079", "056", "058", "092", "099",
)

# Bank, prefix and total length of its account numbers (plausible, not authoritative).
_BANK_ACCOUNTS: tuple[tuple[str, str, int], ...] = (
    ("Techcombank", "190", 14), ("Vietcombank", "10", 10), ("Vietcombank", "0", 13),
    ("MB", "0", 13), ("MBBank", "9", 10), ("BIDV", "4", 14), ("Agribank", "35", 13),
    ("VPBank", "1", 9), ("TPBank", "0", 11), ("ACB", "2", 8), ("Sacombank", "0", 12),
    ("VietinBank", "10", 12),
)

_STREETS_TH = (
    "Bà Triệu", "Lê Lai", "Trần Phú", "Hạc Thành", "Lê Hoàn", "Phan Chu Trinh", "Nguyễn Trãi",
    "Quang Trung", "Lê Thánh Tông", "Tống Duy Tân", "Triệu Quốc Đạt", "Nguyễn Chí Thanh",
    "Dương Đình Nghệ", "Lạc Long Quân", "Hải Thượng Lãn Ông", "Lê Quý Đôn", "Trường Thi",
    "Nguyễn Du", "Lý Nam Đế", "Bến Ngự", "Cao Thắng",
)
_WARDS_TH = (
    "Đông Thọ", "Điện Biên", "Lam Sơn", "Ba Đình", "Trường Thi", "Ngọc Trạo", "Hàm Rồng", "Đông Vệ",
    "Đông Sơn", "Phú Sơn", "Tân Sơn", "Nam Ngạn", "Đông Hương", "Đông Hải", "Quảng Thắng",
    "An Hoạch",
)
_STREETS_SS = ("Hồ Xuân Hương", "Nguyễn Du", "Thanh Niên", "Lê Thánh Tông", "Tây Sơn")
_WARDS_SS = ("Trung Sơn", "Bắc Sơn", "Trường Sơn", "Quảng Tiến", "Quảng Cư")
_COMMUNE_DISTRICT = (
    ("Hoằng Đông", "Hoằng Hóa"), ("Hoằng Lộc", "Hoằng Hóa"), ("Quảng Nhân", "Quảng Xương"),
    ("Quảng Ngọc", "Quảng Xương"), ("Xuân Lập", "Thọ Xuân"), ("Thọ Lập", "Thọ Xuân"),
    ("Nga Thái", "Nga Sơn"), ("Đông Tiến", "Đông Sơn"), ("Hà Lĩnh", "Hà Trung"),
    ("Cẩm Tâm", "Cẩm Thủy"), ("Minh Sơn", "Ngọc Lặc"), ("Triệu Thành", "Triệu Sơn"),
    ("Vĩnh Hùng", "Vĩnh Lộc"), ("Yên Trường", "Yên Định"), ("Định Tăng", "Yên Định"),
    ("Minh Khôi", "Nông Cống"), ("Thiệu Vận", "Thiệu Hóa"), ("Hải Lộc", "Hậu Lộc"),
)
_HAMLETS = (
    "thôn 3", "thôn 7", "thôn Đông", "thôn Trung Thành", "thôn Tân Phú", "xóm 5", "xóm Chùa",
    "thôn Bắc", "thôn Yên Bình", "thôn Nam Hải",
)

# Person names. Thanh Hóa has many Lê, Trịnh and Mai; the west has Thái and Mường families.
_FAMILY = (
    ("Nguyễn", 30), ("Lê", 16), ("Trần", 7), ("Phạm", 6), ("Hoàng", 4), ("Trịnh", 6), ("Vũ", 3),
    ("Đỗ", 3), ("Mai", 4), ("Hà", 3), ("Bùi", 3), ("Đinh", 2), ("Lò", 1), ("Lương", 2),
    ("Quách", 1), ("Cầm", 1), ("Phan", 2), ("Dương", 2), ("Hoàng", 1), ("Ngô", 2), ("Tống", 1),
    ("Đặng", 2),
)
_MIDDLE_M = ("Văn", "Văn", "Văn", "Đình", "Ngọc", "Minh", "Hữu", "Xuân", "Đức", "Quang", "Thanh")
_MIDDLE_F = ("Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương", "Khánh")
_GIVEN_M = (
    "Hùng", "Tuấn", "Dũng", "Cường", "Nam", "Long", "Hải", "Sơn", "Thắng", "Quân", "Tùng", "Hiếu",
    "Trung", "Bình", "Phong", "Kiên", "Toàn", "Đức", "Mạnh", "Khánh", "Huy", "Lâm", "Việt", "Hoàng",
    "Tiến", "Thành", "Vinh", "Hưng", "Minh", "Anh",
)
_GIVEN_F = (
    "Hoa", "Lan", "Hương", "Trang", "Linh", "Hằng", "Thảo", "Nhung", "Mai", "Hà", "Ngọc", "Huyền",
    "Thủy", "Yến", "Nga", "Phương", "Giang", "Vân", "Hạnh", "Oanh", "Loan", "Nhi", "Chi", "Quỳnh",
    "Dung", "Anh", "Thu", "Hiền",
)
_NICK_SUFFIX = (
    "Híp", "Nắng 🌸", "Béo", "Lùn", "Bông", "Thanh Hóa", "Sầm Sơn", "Xinh", "Còi", "Đen", "Kute",
    "Mít", "Shop", "Store", "Nguyễn", "Lê", "Trịnh", "Bi", "Kòi", "Hạt Tiêu", "Mắt Nai", "Hàm Rồng",
    "Bỉm Sơn", "Ú", "Tồ", "Móm",
)
_NICKS_WHOLE = (
    "Mẹ Bống", "Mẹ Su Su", "Bé Na", "Bố Cu Tí", "Sói Cô Đơn", "Cỏ Dại", "Gió Mùa Thu", "Hạt Cát 🍀",
    "Thanh Hóa Quê Tôi", "Người Xứ Thanh", "Anh Ba Chợ Vườn Hoa", "Cô Gái Sầm Sơn 🌊",
    "Dân Hoằng Hóa", "Trai Nga Sơn", "Bà Tám Bỉm Sơn", "Ốc Sên 🐌", "Mây Trắng", "Lính Cứu Hỏa",
    "Xe Ôm Ga Thanh", "Hải Sản Sầm Sơn",
)

_BET_DOMAINS = (
    "bet88x", "k8vn-vip", "nhacai79", "w88vip-th", "fun88-moi", "789bet-link", "sv388club",
    "okvip-tang", "hi88-moi", "jun88-vn",
)
_SPAM_DOMAINS = (
    "kiemtienonline", "viecnhe-luongcao", "tanglikere", "shopgiare247", "phimhay-free", "tuyen-ctv",
    "vaynhanh24h", "lamgiau-tu-so-0",
)
_EMAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com")

# Emoji per category: what people actually add to such messages.
_EMOJI: dict[Category, tuple[str, ...]] = {
    Category.CRIME_TIP: ("😤", "😡", "🙏", "😢", "⚠️", "👮"),
    Category.SCAM_REPORT: ("😭", "😢", "🙏", "⚠️", "😱", "🆘"),
    Category.ADMIN_QUESTION: ("🙏", "😊", "🥺", "❓", "😅"),
    Category.COMPLAINT: ("😤", "😡", "🙄", "😒", "😩"),
    Category.FEEDBACK: ("❤️", "👍", "🙏", "💪", "🇻🇳", "👏", "🥰"),
    Category.HOSTILE: ("😏", "🤣", "🤔", "👎", "😒"),
    Category.ABUSIVE: ("😡", "🤬", "🖕", "💩", "😠"),
    Category.SPAM: ("🔥", "💰", "🎁", "✅", "👉", "💯", "⚡"),
    Category.OTHER: ("😂", "😆", "🤣", "😍", "👀", "😅", "🥰"),
}

# Teencode: phrase → spellings seen in chats. Longer phrases first so they win.
_TEENCODE: dict[str, tuple[str, ...]] = {
    "không biết": ("ko bít", "k bt", "hk bit"),
    "được không": ("đc ko", "dc k", "đc hk"),
    "như thế nào": ("ntn",),
    "số điện thoại": ("sđt", "sdt"),
    "mọi người": ("mn", "mng", "mọi ng"),
    "anh em": ("ae",),
    "công an": ("cs", "CA", "cs"),
    "không": ("ko", "k", "khum", "hông", "kh"),
    "được": ("đc", "dc", "đk"),
    "gì": ("j",),
    "rồi": ("r", "rùi"),
    "vậy": ("z", "v", "zậy"),
    "với": ("vs", "vớiii"),
    "bạn": ("bn", "b"),
    "biết": ("bít", "bik", "bt"),
    "thôi": ("thui",),
    "quá": ("wá", "qá", "quáaa"),
    "trả lời": ("tl", "rep"),
    "nhắn tin": ("ib", "nt", "nhắn"),
    "inbox": ("ib",),
    "cảm ơn": ("cám ơn", "tks", "camon", "cmon"),
    "bây giờ": ("bh", "bjo", "giờ"),
    "tôi": ("tui", "t"),
    "mình": ("mk", "mik", "mềnh"),
    "yêu": ("iu",),
    "tài khoản": ("tk",),
    "chuyển khoản": ("ck",),
    "điện thoại": ("đt", "dt"),
    "facebook": ("fb", "phây"),
    "luôn": ("lun",),
    "nhiều": ("nhìu",),
    "hôm nay": ("hnay", "nay"),
    "hôm qua": ("hqua",),
    "bao giờ": ("bgio", "bh"),
    "trước": ("trc",),
    "người": ("ng",),
    "chưa": ("chx", "chưa"),
    "gia đình": ("gđ", "gd"),
    "zalo": ("zl", "dalo"),
    "ạ": ("ạ", "ah", "ạk", "a"),
    "em": ("e", "em"),
    "anh": ("a", "anh"),
    "chị": ("c", "chị"),
    "vẫn": ("vẫn", "vưỡn"),
    "nhanh": ("nhanh", "nhah"),
}

# ---------------------------------------------------------------------------------------------
# Citizen templates per category.
# ---------------------------------------------------------------------------------------------

_CRIME = (
    "Tối nào cũng có một nhóm thanh niên tụ tập đua xe trên {road}, rú ga ầm ĩ từ 11h đêm đến"
    " 2h sáng. Đề nghị công an xử lý.",
    "Ở {place} có ổ đánh bạc, tối nào cũng sát phạt đến sáng, xe máy đỗ kín cả ngõ.",
    "#Chỗ {place} bán ma túy công khai mà không ai bắt à",
    "@Em muốn tố giác nhà ở {address} bán {drug}, người lạ ra vào liên tục nhất là buổi tối."
    " Em xin được giấu tên ạ.",
    "Nhà em vừa bị trộm mất {vehicle} {time} ở {place}, camera có quay được nhưng không rõ mặt.",
    "Có đối tượng cho vay nặng lãi ở {place}, lãi 5 nghìn/1 triệu/ngày, ai không trả là bị tạt"
    " sơn, mắm tôm vào nhà.",
    "Xe tải chở cát chạy ầm ầm qua {place} cả đêm, đường nát hết rồi, còn hút cát trái phép trên"
    " sông Mã nữa.",
    "Bọn trộm chó lại hoạt động ở {place} rồi mọi người ơi, {time} nhà em mất 2 con.",
    "@Ad ơi em biết một người đang tuyển người đưa sang Trung Quốc làm việc bất hợp pháp, hứa"
    " lương 20 triệu/tháng, có mấy bạn nữ ở {district} đã đi rồi không liên lạc được.",
    "Rừng ở {forest} đang bị chặt phá, đêm nào cũng nghe tiếng cưa máy, xe công nông chở gỗ ra"
    " liên tục.",
    "Quán karaoke ở {place} mở nhạc đến 2h sáng, có cả tiếp viên, nghi có sử dụng {drug}.",
    "Có người bán pháo nổ qua facebook, giao hàng tận nơi ở {district}, tết sắp đến rồi công an"
    " kiểm tra giúp.",
    "Thằng nhà bên uống rượu say xong đi xe máy lạng lách đâm vào người ta rồi bỏ chạy, biển số"
    " {plate}.",
    "Có nhóm đòi nợ thuê hay đến {place} đe dọa, chửi bới, người dân ở đây rất sợ.",
    "#Cá độ bóng đá ở quán cà phê gần {place} công khai, ai cũng biết.",
    "@Em nghi hàng xóm tàng trữ súng tự chế, có lần nghe tiếng nổ sau vườn. Nhà ở {address}.",
    "Ở {place} có mấy quán massage trá hình, khách ra vào cả đêm.",
    "Đề nghị công an kiểm tra tình trạng lô đề ở {place}, ghi đề công khai ở quán nước đầu ngõ.",
    "Xe biển {plate} chuyên chở thuốc lá lậu, hay đỗ ở {place} lúc nửa đêm để bốc hàng.",
    "Mấy thanh niên tụ tập hút {drug} ở {place}, vứt vỏ đầy bãi.",
    "Xe khách {plate} chạy tuyến {route} nhồi khách, chạy ẩu, tài xế có dấu hiệu say rượu.",
    "Có đối tượng chuyên móc túi ở {market}, toàn nhằm mấy bà đi chợ buổi sáng.",
    "Xưởng ở gần {place} xả nước thải đen ngòm ra sông, mùi hôi thối cả xóm không chịu được.",
    "Ở {place} có ổ mua bán xe không giấy tờ, chắc toàn xe trộm.", "Đua xe ở {road} kìa công an ơi",
    "Chỗ {place} có ma túy nhé", "Bọn nó đánh bạc ở {place} đấy",
    "Khai thác đất trái phép ở đồi gần {place}, máy xúc chạy ban đêm, xe ben chở đi liên tục.",
    "@Cho em hỏi tố giác tội phạm có được giữ bí mật danh tính không ạ? Em biết một đường dây bán"
    " {drug} ở {district} nhưng sợ bị trả thù.",
    "Có người lạ hay đứng ở cổng trường {school} cho kẹo rồi hỏi han các cháu, phụ huynh rất lo.",
    "Đám cưới ở {place} tổ chức xóc đĩa ăn tiền sau tiệc, mấy chục người ngồi.",
    "Mấy quán net ở {place} cho học sinh chơi thâu đêm, có cả cá độ qua mạng.",
    "Có người bán động vật hoang dã (tê tê, rùa núi) ở {place}, đăng cả lên facebook.",
    "@Em là công nhân ở KCN {kcn}, có người trong công ty cho anh em vay lãi ngày và bán {drug}"
    " ngay trong khu trọ.",
    "Có nhóm thu tiền bảo kê người bán hàng rong ở {place}, ai không nộp là bị đuổi.",
    "Thanh niên không đội mũ, kẹp 4, bốc đầu xe trên {road} {time}, rất nguy hiểm.",
    "Xe công nông chở gỗ lậu từ {forest} ra vào ban đêm, biển số {plate}.",
    "Đề nghị kiểm tra cơ sở nấu rượu giả ở {place}, bán cho các quán nhậu quanh đây.",
    "Có đối tượng mang dao kiếm đi đòi nợ thuê ở {place}, dân ở đây ai cũng biết mặt.",
    "Sáng nào cũng có người phóng xe máy giật dây chuyền ở {road}, mẹ em bị giật {time}.",
    "Cây xăng ở {place} bơm thiếu, đổ 100k mà thiếu gần lít, nghi gian lận.",
    "Nhà trọ gần KCN {kcn} có mấy người lạ ở, đêm nào cũng thấy mang túi lớn ra vào, nghi buôn"
    " {drug}.",
    "@Chồng em bị lôi kéo vào chơi đề và vay nặng lãi, giờ bọn nó đến nhà đòi, em muốn tố giác"
    " cả đường dây. Sđt em {phone}.",
    "Ở {place} có người hút cát trái phép cả ngày trên sông Chu, bờ sông sạt lở hết rồi.",
    "Nhà em ở {district}, có một nhóm tối nào cũng tụ tập uống rượu xong đi xe máy không đèn ra"
    " {road}. Hôm trước suýt đâm chết người. Em báo mấy lần rồi mà không thấy ai xử lý, nay em"
    " chụp được biển số {plate}, mong công an về kiểm tra giúp, em xin giấu tên.",
    "@Em xin phép tố giác một đường dây ma túy ở {district}. Người cầm đầu thường bán ở quán nước"
    " gần {place}, khách đến hỏi mua 'kẹo' hoặc 'đá' là đưa. Bọn nó có cả người canh đầu ngõ, thấy"
    " xe lạ là báo. Em biết vì em trai em bị lôi kéo vào sử dụng, giờ nghiện nặng, bán hết đồ đạc"
    " trong nhà. Mẹ em khóc suốt. Em không dám báo công an xã vì sợ lộ, nên nhắn qua page. Số điện"
    " thoại của em là {phone}, mong các anh giữ bí mật giúp em. Em cảm ơn ạ.",
    "@Kính gửi công an {district}. Gia đình tôi bị một nhóm cho vay nặng lãi khủng bố đã gần hai"
    " tháng. Con trai tôi vay 30 triệu qua một người quen, họ tính lãi 3 nghìn/1 triệu/ngày, đến"
    " nay đòi gần 150 triệu. Đêm {time} họ ném mắm tôm, sơn đỏ vào cổng, nhắn tin dọa bắt cháu"
    " nội tôi. Số điện thoại họ dùng để đe dọa là {phone}, người cầm đầu đi xe biển {plate}. Tôi"
    " đã giữ lại ảnh chụp tin nhắn và giấy vay. Đề nghị công an vào cuộc sớm để gia đình tôi được"
    " yên ổn làm ăn. Tôi xin cảm ơn.",
    "Tình trạng khai thác cát trái phép trên sông Mã đoạn qua {district} diễn ra công khai hàng"
    " đêm, từ khoảng 10h tối đến 4h sáng. Có ít nhất 3 tàu hút, xe ben chở cát chạy qua đường làng"
    " làm hỏng đường, bụi mù mịt, trẻ con đi học rất nguy hiểm. Bờ sông đã sạt vào sát chân đê, có"
    " nhà đã phải dời đi. Chúng tôi đã nhiều lần phản ánh với xã nhưng chỉ được vài hôm lại đâu"
    " vào đấy. Đề nghị công an tỉnh về kiểm tra đột xuất, chúng tôi sẵn sàng chỉ chỗ.",
    "@Em chào các anh công an {district}. Em xin phép trình bày hơi dài vì sự việc kéo dài đã lâu."
    " Khoảng nửa năm nay, ở khu nhà trọ gần {place} có một nhóm 6-7 người không phải người địa"
    " phương thuê 2 phòng cuối dãy. Ban ngày họ ngủ, tối đến khoảng 10h là bắt đầu có xe máy ra"
    " vào liên tục, có hôm đến 3-4h sáng. Người đến thường không tắt máy xe, đứng ở cửa vài phút"
    " rồi đi. Em nhiều lần thấy họ đưa nhau những gói nhỏ bọc nilon đen. Có lần em đi làm ca đêm"
    " về còn thấy một thanh niên nằm gục ở gốc cây trước dãy trọ, người run bần bật, mấy người kia"
    " khiêng vào phòng rồi đóng cửa. Chủ trọ ở xa, chỉ thu tiền qua chuyển khoản nên không biết"
    " gì. Trẻ con trong xóm đi học qua đó hằng ngày, phụ huynh ai cũng lo. Họ đi một chiếc ô tô"
    " biển {plate}, hay đỗ ở đầu ngõ. Em không dám ký tên vì sợ bị trả thù, mong các anh giữ kín"
    " thông tin giúp em. Nếu cần em có thể chỉ chỗ, sđt em {phone}. Em cảm ơn các anh nhiều.",
    # urgent: violence under way, a person in danger
    "!ĐANG CÓ ĐÁNH NHAU Ở {place}, MỘT THẰNG CẦM DAO ĐUỔI CHÉM NGƯỜI, CÔNG AN ĐẾN NGAY ĐI",
    "!@Cứu với ad ơi, chồng em say rượu đang cầm dao dọa giết cả nhà, em với 2 con đang trốn"
    " sang nhà hàng xóm ở {address}",
    "!Ở {place} có 2 nhóm thanh niên mang dao, kiếm đang hỗn chiến, có người bị chém chảy máu rồi",
    "!@Có người đang bị đánh ở {place}, bọn nó 5-6 đứa có cả dao, nhanh lên",
    "!Vừa có vụ cướp giật ở {road}, đối tượng rút dao đâm người bị hại rồi chạy về hướng {place},"
    " xe {plate}",
    "!@Ad ơi nhà bên cạnh đang đánh vợ, chị ấy kêu cứu mà hắn cầm dao đứng chắn cửa, nhà ở"
    " {address}, ai gần đó đến giúp với",
    "!Đang cháy nhà ở {place}, có người mắc kẹt trên tầng 2, gọi 114 mãi chưa thấy xe",
    "!@Có đứa con gái bị mấy thằng kéo lên ô tô biển {plate} ở {place}, con bé kêu cứu, xe chạy"
    " về hướng QL47",
    "!Thanh niên say xỉn cầm dao đi chém lung tung ở {market}, mọi người chạy tán loạn",
    "!@Em đang ở {place}, có một nhóm cầm dao phóng lợn đang chặn đường đòi đánh bạn em, bọn em"
    " trốn trong quán, giúp em với, sđt em {phone}",
    "!@Ad ơi khẩn cấp. Anh trai em nợ tiền, giờ có 4 người đi ô tô biển {plate} đến nhà ở"
    " {address} bắt anh ấy lên xe, đánh rất dã man, một thằng cầm dao kề cổ bảo không trả tiền"
    " thì đừng trách. Bố mẹ em già rồi chỉ biết khóc. Em đã gọi 113 nhưng chưa thấy ai đến. Xe"
    " vừa chạy ra {road}. Em xin các anh đến ngay, em sợ anh em bị giết mất.",
)

_SCAM = (
    "Cảnh báo mọi người số {phone} giả danh công an gọi bảo liên quan đến đường dây rửa tiền, lừa"
    " đảo đấy đừng tin.",
    "@Ad ơi em bị lừa đảo làm nhiệm vụ like TikTok, ban đầu được trả 50k, 100k sau đó bắt nạp"
    " tiền, em mất {amount} rồi. Stk nó bảo chuyển là {stk}.",
    "Có ai nhận được tin nhắn 'Vietcombank: tài khoản của quý khách bị khóa, truy cập"
    " vcb-xacthuc.example' không, lừa đảo đó.",
    "{relative} bị gọi điện bảo con bị tai nạn đang cấp cứu ở bệnh viện tỉnh, cần chuyển gấp"
    " tiền mổ. May em gọi được cho em trai nên không mất tiền.",
    "Có người giả làm nhân viên điện lực gọi bảo nhà em nợ tiền điện sắp cắt, bắt chuyển khoản"
    " ngay. Lừa đảo trắng trợn.",
    "@Em đặt mua hàng trên facebook, chuyển khoản trước {amount} rồi bị chặn luôn. Shop tên"
    " 'Thời trang Hằng Nga', stk {stk}.",
    "Nhóm zalo 'Đầu tư chứng khoán cùng chuyên gia' lừa đảo, hứa lãi 30%/tháng, người nhà em mất"
    " {amount}.",
    "Lừa đảo qua mạng giờ nhiều quá, công an ơi có cách nào lấy lại tiền không",
    "Có đứa hack nick facebook của em gái em rồi nhắn tin vay tiền bạn bè, mọi người cảnh giác"
    " nhé.",
    "Số {phone} gọi xưng là cán bộ công an {district}, bảo em cài app {fake_app} qua link lạ. Có"
    " phải lừa đảo không ạ?",
    "@{relative} bị dụ cài ứng dụng '{fake_app}' giả, giờ tài khoản ngân hàng mất sạch {amount}.",
    "Tuyển cộng tác viên bán hàng online, việc nhẹ lương cao, thực chất là lừa đảo, em mất"
    " {amount}.",
    "Có người gọi báo em trúng thưởng xe SH, bảo nộp phí {amount} để nhận giải. Lừa đảo à?",
    "Lừa đảo bán vé máy bay giá rẻ trên facebook, em chuyển tiền rồi mà không có vé.",
    "Có ai biết số {phone} không, nó tự nhận là nhân viên ngân hàng hỗ trợ vay vốn, bắt đóng phí"
    " giải ngân trước.",
    "@Em bị lừa qua mạng, một người nước ngoài làm quen rồi bảo gửi quà về Việt Nam, sau đó có"
    " người xưng hải quan yêu cầu nộp phí, em đã chuyển {amount}.",
    "Lại có trò giả danh cán bộ thuế gọi điện hỗ trợ quyết toán thuế, mọi người cẩn thận.",
    "Có fanpage giả mạo trang công an tỉnh Thanh Hóa nhận hỗ trợ lấy lại tiền bị lừa, ai bị lừa"
    " đừng tin kẻo bị lừa đảo lần nữa.",
    "Con em học lớp 8 bị dụ nạp tiền vào game qua thẻ cào, mất gần {amount}.",
    "@Em cho một người trên mạng mượn CCCD để mở tài khoản nhận hoa hồng, giờ em sợ bị dùng vào"
    " việc lừa đảo, em phải làm gì ạ?",
    "Có người gọi bảo là bưu điện, có bưu phẩm chứa ma túy gửi từ nước ngoài đứng tên em, rồi"
    " bắt kết nối với 'công an' qua zalo.",
    "Trang bán đất nền Hải Tiến giá rẻ lừa đảo, đặt cọc {amount} xong mất liên lạc.",
    "Ai ở Sầm Sơn bị lừa đặt phòng khách sạn mùa du lịch qua facebook chưa, em bị mất cọc"
    " {amount}.",
    "Số {phone} lừa đảo nhé mọi người", "Lừa đảo đấy đừng tin", "Lừa đảo đấy anh em ơi",
    "Có ai bị nhắn tin 'con đang ở trường bị ngã cần chuyển tiền cho cô giáo' không, trò lừa mới"
    " đấy.",
    "Có người lập nhóm xin việc vào KCN Nghi Sơn thu phí hồ sơ {amount}/người rồi biến mất.",
    "@Em vừa phát hiện ai đó dùng CCCD {cccd} của em vay tiền qua app, giờ bị đòi nợ liên tục.",
    "Mấy app vay tiền online lãi cắt cổ, không trả thì nó gửi ảnh ghép cho người thân, như vậy"
    " có phải lừa đảo không.",
    "{relative} mua thực phẩm chức năng chữa ung thư qua livestream hết {amount} mà toàn hàng giả.",
    "Cảnh báo: có người giả danh nhân viên hỗ trợ VNeID đến tận nhà ở {place} thu tiền làm định"
    " danh mức 2.",
    "Số {phone} gọi bảo sim em sắp bị khóa do chưa chuẩn hóa thông tin, bảo đọc mã OTP. Lừa đảo"
    " rõ ràng.",
    "Bị lừa đầu tư tiền ảo sàn BitLux, mất {amount}, giờ sàn sập rồi.",
    "Nó gọi video bằng khuôn mặt y hệt con trai tôi để vay tiền, may mà tôi gọi lại số cũ.",
    "Cho em hỏi bị lừa {amount} thì làm đơn trình báo ở đâu ạ",
    "Tin nhắn thương hiệu giả BIDV gửi link bidv-online.example bảo cập nhật sinh trắc học, mọi"
    " người đừng bấm.",
    "@Có người mạo danh em lập zalo mới, dùng ảnh đại diện của em để vay tiền bạn bè. Zalo thật"
    " của em là {phone}.",
    "Có ai bị lừa đảo qua sàn Forex ở Thanh Hóa không, lập nhóm làm đơn gửi công an đi.",
    "@Em bị lừa chuyển {amount} vào tài khoản {stk} từ tháng trước, giờ em làm đơn thì nộp ở đâu ạ",
    "Mấy trang tuyển người xem livestream thả tim được trả tiền đều là lừa đảo hết đấy.",
    "{relative} bị gọi là có khoản tiền trợ cấp, bảo ra ngân hàng rút rồi chuyển phí thủ tục.",
    "Cái link 'nhận quà tri ân khách hàng' đang share trong nhóm zalo xóm em là lừa đảo, bấm vào"
    " là mất nick.",
    "@Ad ơi em kể cụ thể để mọi người cảnh giác. Em thấy quảng cáo tuyển cộng tác viên chốt đơn"
    " cho shopee, làm tại nhà. Lúc đầu họ cho làm mấy đơn nhỏ 200k, 500k, trả cả gốc lẫn hoa hồng"
    " rất sòng phẳng. Sau đó họ bảo lên cấp VIP phải làm combo 3 đơn {amount}, em chuyển rồi thì"
    " họ báo em thao tác sai, phải nộp thêm để 'khôi phục dữ liệu'. Em vay thêm của chị gái chuyển"
    " tiếp, tổng cộng mất hơn 100 triệu. Tài khoản nhận là {stk}. Giờ nhóm telegram đã giải tán."
    " Em phải làm gì để lấy lại tiền ạ, em xin cảm ơn.",
    "Gia đình tôi ở {district} vừa bị lừa mất số tiền lớn. Bố tôi nhận được cuộc gọi từ số"
    " {phone}, người gọi xưng là cán bộ công an tỉnh, nói bố tôi liên quan đến một vụ án ma túy ở"
    " miền Nam, yêu cầu giữ bí mật, không được nói với con cháu, rồi hướng dẫn ông ra ngân hàng"
    " chuyển toàn bộ tiền tiết kiệm vào 'tài khoản tạm giữ của cơ quan điều tra' để chứng minh"
    " trong sạch. Ông đã chuyển {amount}. Tôi viết lên đây để bà con, nhất là các cụ cao tuổi,"
    " biết mà cảnh giác: công an không bao giờ làm việc qua điện thoại như vậy.",
    # urgent: money just sent, a person held
    "!@Ad ơi cứu em, em vừa chuyển {amount} cho đứa lừa đảo cách đây 10 phút, stk {stk}, giờ làm"
    " sao chặn lại được ạ",
    "!@GẤP: mẹ em vừa chuyển {amount} vào tài khoản {stk} vì có người giả công an bảo con đang bị"
    " tạm giữ. Làm ơn phong tỏa giúp",
    "!Em vừa bị lừa chuyển khoản xong {amount}, mới được 5 phút thôi, số nó gọi {phone}, ai chỉ"
    " em với",
    "!@Bố em đang nghe điện thoại của một người tự xưng công an, bắt chuyển hết tiền tiết kiệm"
    " sang tài khoản tạm giữ {stk}, ông đang ra ngân hàng, em không ngăn được",
    "!@Chị ơi em vừa đọc mã OTP cho nó, tài khoản đang bị trừ tiền liên tục, em phải làm gì ngay ạ",
    "!@Bạn em bị lừa sang Campuchia làm việc nhẹ lương cao, giờ bị giữ lại đánh đập, bọn nó đòi"
    " gia đình chuyển {amount} tiền chuộc trước tối nay, sđt bạn ấy {phone}",
    "!@Em vừa chuyển {amount} đặt cọc, nó chặn em luôn, stk {stk}, nhờ ad báo ngân hàng khóa giúp"
    " em với",
)

_ADMIN = (
    "Cho em hỏi làm căn cước ở đâu ạ", "Làm căn cước cho trẻ em dưới 14 tuổi cần giấy tờ gì ạ?",
    "@Ad ơi em mất CCCD thì cấp lại ở đâu, mất bao lâu ạ?",
    "Tài khoản VNeID của em bị khóa, làm sao để mở lại ạ?",
    "Định danh VNeID mức 2 có làm online được không hay phải ra công an xã?",
    "Em đăng ký tạm trú cho người thuê trọ thì làm trên dịch vụ công được không ạ",
    "Cho hỏi thủ tục chuyển hộ khẩu khi đã lấy chồng khác huyện",
    "Sang tên xe máy mua lại của người tỉnh khác cần những gì ạ?",
    "Làm hộ chiếu ở Thanh Hóa thì nộp ở đâu, bao lâu có?",
    "Em cần xin phiếu lý lịch tư pháp để đi xuất khẩu lao động Nhật, làm ở đâu ạ?",
    "Xe em bị mất biển số thì cấp lại thế nào ạ",
    "Thủ tục thẩm duyệt PCCC cho nhà xưởng ở KCN {kcn} gồm những gì ạ",
    "Làm căn cước xong bao lâu thì nhận được ạ? Em làm từ {date} mà chưa thấy",
    "@Căn cước của em in sai ngày sinh, phải làm gì để sửa ạ? Số CCCD {cccd}",
    "Công an phường {ward} có làm việc thứ 7 không ạ",
    "Đăng ký xe mới có cần đến trực tiếp không hay làm online được",
    "Cho hỏi bấm biển số online thì làm thế nào",
    "Cho em hỏi xin xác nhận thông tin về cư trú làm ở đâu ạ",
    "Em đổi tên trên giấy khai sinh rồi thì căn cước có phải làm lại không?",
    "Người già 80 tuổi đi lại khó khăn có được cán bộ đến nhà làm căn cước không ạ?",
    "Mình ở {district} mà làm việc ở Hà Nội, làm căn cước ở Hà Nội được không?", "Làm cccd ở đâu ạ",
    "VNeID mức 2 làm như thế nào vậy", "Xe đứng tên bố mà bố mất rồi thì sang tên cho con thế nào?",
    "Cho em hỏi đăng ký kết hôn xong thì nhập khẩu về nhà chồng ở {district} cần mang gì?",
    "Thu hồi đăng ký biển số khi bán xe là như thế nào ạ, em không hiểu lắm",
    "Lệ phí cấp đổi căn cước là bao nhiêu ạ",
    "@Em đã nộp hồ sơ đăng ký thường trú trên cổng dịch vụ công, mã hồ sơ {case_code}, bao giờ"
    " có kết quả ạ?",
    "Có bắt buộc đổi CCCD sang thẻ căn cước mới không ạ? Thẻ cũ của em còn hạn đến 2031.",
    "Con em 6 tuổi có cần làm căn cước không, làm thì cần gì?",
    "VNeID báo 'thông tin không trùng khớp' là bị sao ạ",
    "Em quên mật khẩu VNeID mà số điện thoại đăng ký đã mất, làm sao lấy lại?",
    "Mở quán karaoke thì có phải xin giấy chứng nhận đủ điều kiện PCCC không?",
    "Nhà em có người thân Việt kiều về chơi 1 tháng, có phải khai báo tạm trú không ạ?",
    "Xin giấy xác nhận không có tiền án tiền sự ở công an xã được không?",
    "Đổi giấy phép lái xe giờ làm ở công an hay ở sở giao thông ạ?",
    "Giờ làm việc của bộ phận một cửa công an {district} là mấy giờ ạ",
    "Em đăng ký xe trên VNeID nhưng bị báo lỗi số khung, phải làm sao?",
    "Nhà em mua xe cũ của người ở Nghệ An, giờ muốn đăng ký sang biển Thanh Hóa thì thế nào?",
    "@Em nhờ ad tra giúp hồ sơ làm hộ chiếu của em với, em tên {name}, số CCCD {cccd}, nộp từ"
    " tháng trước rồi.",
    "Tích hợp bằng lái xe vào VNeID thế nào ạ?",
    "Cho hỏi có được ủy quyền cho người khác nhận căn cước hộ không",
    "Đi làm ăn xa có bắt buộc khai báo tạm vắng không ạ?",
    "Ở Sầm Sơn có điểm làm căn cước lưu động không ạ, mai em về quê",
    "@Ad cho em hỏi kết quả cấp căn cước gửi về email {email} hay phải ra lấy trực tiếp ạ",
    "@Em muốn đăng ký thường trú cho con vào nhà ông bà ở {address} thì cần những giấy tờ gì ạ",
    "Sao em quét mã QR căn cước trên VNeID mãi không được vậy",
    "Thủ tục cấp biển số xe máy điện có giống xe máy xăng không ạ",
    "@Ad ơi cho em hỏi một trường hợp hơi phức tạp ạ. Em sinh ra ở {district}, năm 2015 chuyển"
    " vào Bình Dương làm công nhân, có đăng ký tạm trú ở đó nhưng hộ khẩu vẫn ở quê. Năm ngoái em"
    " lấy chồng người {district_short}, giờ hai vợ chồng về quê chồng ở hẳn. Em muốn chuyển thường"
    " trú về nhà chồng, làm lại căn cước vì thẻ cũ em làm năm 2016 bị gãy, đồng thời làm căn cước"
    " cho con gái 4 tuổi. Vậy em phải làm thủ tục nào trước, có làm online trên VNeID được không"
    " hay phải lên công an xã ạ? Em cảm ơn ad nhiều.",
    "Kính gửi công an {district}. Tôi là chủ cơ sở sản xuất đồ gỗ ở {commune}, diện tích nhà"
    " xưởng khoảng 800 m2, có 25 công nhân. Tôi muốn hỏi cơ sở như của tôi có thuộc diện phải thẩm"
    " duyệt thiết kế về phòng cháy chữa cháy không, hồ sơ gồm những gì, nộp ở đâu, thời gian giải"
    " quyết bao lâu và lệ phí thế nào. Nếu cơ sở đang hoạt động mà chưa có giấy tờ thì có bị xử"
    " phạt không, tôi cần làm gì để khắc phục. Mong được hướng dẫn cụ thể, xin cảm ơn.",
)

_COMPLAINT = (
    "Em đi làm căn cước ở công an {district} từ 4 tháng trước đến giờ chưa có, hỏi thì bảo chờ.",
    "Cán bộ một cửa ở {place} thái độ rất hách dịch, hỏi một câu thì quát.",
    "Tụ điểm ăn nhậu ở {place} hát karaoke đến 1-2h sáng, báo công an phường nhiều lần không thấy"
    " xử lý.",
    "Đường {road} buổi chiều hàng quán lấn chiếm vỉa hè hết, người đi bộ phải xuống lòng đường,"
    " đề nghị lập lại trật tự.",
    "CSGT đứng ở đoạn {road} khuất sau gốc cây để bắn tốc độ, dân không phục.",
    "Em gọi 113 hơn 20 phút không ai nghe máy.",
    "@Em gửi đơn trình báo bị lừa từ {month}, đến giờ chưa được thông báo kết quả giải quyết ạ.",
    "Hồ sơ đăng ký xe nộp online rồi mà lên công an vẫn bắt nộp bản giấy, thế thì online làm gì.",
    "Trực ban công an {commune} đêm qua không có ai, em đến trình báo mất xe phải chờ đến sáng.",
    "Bãi xe trái phép ở {place} thu 30k/lượt, công an có biết không vậy?",
    "Tại sao làm căn cước cho con mà phải đi lại 3 lần vẫn chưa xong?",
    "Camera phạt nguội ở {road} vạch kẻ đường mờ, người dân đi sai mà không biết.",
    "Chó thả rông ở {place} cắn trẻ con, báo lên phường rồi mà không ai giải quyết.",
    "Khu vực {place} thường xuyên có đám thanh niên ngồi nhậu, chửi bậy, trật tự rất kém, đề nghị"
    " tăng cường tuần tra.",
    "VNeID lỗi suốt, đăng nhập không được, gọi tổng đài không ai nghe.",
    "Cảnh sát khu vực không xuống địa bàn, người dân có việc không biết tìm ai.",
    "@Em bị CSGT lập biên bản ở {road} nhưng không đưa em biên bản, chỉ nói về nộp phạt. Biển số"
    " xe em {plate}. Như vậy có đúng không ạ?",
    "Xe tải đi vào đường cấm {road} giờ cao điểm mà không thấy ai xử lý.",
    "Page trả lời chậm quá, nhắn 3 ngày chưa thấy ai trả lời.",
    "Dân kiến nghị cả năm chuyện xưởng ở {place} gây ô nhiễm mà chưa ai về làm việc.",
    "Lúc nộp phạt cán bộ bảo chuyển khoản vào tài khoản cá nhân, như thế có đúng không?",
    "Tôi bị tạm giữ xe từ tháng trước, đã nộp phạt đầy đủ mà đến nay chưa được trả.",
    "Tiếng ồn từ xưởng gỗ ở {place} chạy suốt đêm, người già trẻ nhỏ không ngủ được.",
    "Giải quyết chậm như rùa",
    "Xếp hàng làm căn cước từ 6h sáng đến 11h chưa đến lượt, cán bộ thì chỉ có 1 người.",
    "Đèn tín hiệu ngã tư trên {road} hỏng cả tuần rồi, CSGT không ra điều tiết, tắc kinh khủng.",
    "Cán bộ hẹn trả kết quả đúng ngày, đến nơi lại bảo chưa ký, mất cả ngày công.",
    "{market} trộm cắp nhiều mà không thấy công an tuần tra.",
    "Tôi gửi tin báo qua page từ tuần trước về việc đánh bạc ở {place} mà không thấy ai phản hồi.",
    "Đoạn {road} bị cày nát do xe quá tải, không thấy ai kiểm soát tải trọng.",
    "Cán bộ tiếp dân ở công an {district} nghe điện thoại riêng, bắt dân chờ cả buổi.",
    "Thông báo đi lấy căn cước chỉ đọc trên loa xã, người đi làm xa không biết, sao không nhắn"
    " tin?",
    "Đề nghị làm rõ vụ đánh nhau ở {place} tuần trước, nạn nhân là cháu tôi mà đến giờ chưa thấy"
    " khởi tố.",
    "@Tôi tên {name}, sđt {phone}. Tôi đã 3 lần lên công an {commune} xin xác nhận cư trú nhưng"
    " đều bị hẹn lại, đề nghị xem xét.",
    "Biển báo tốc độ ở {road} chỗ 50 chỗ 60 lộn xộn, dân bị phạt oan.",
    "Quán bia ở {place} để xe tràn ra đường, tối nào cũng tắc.",
    "Số đường dây nóng ghi trên page gọi không được.",
    "Mất xe báo công an cả tháng rồi không thấy tin tức gì.",
    "Xe ô tô đỗ chắn cửa nhà tôi ở {address} cả tuần, báo mãi không ai xử lý.",
    "@Đề nghị xem xét thái độ của {officer} ở {commune}, hôm {date} tôi đến làm thủ tục thì bị nói"
    " nặng lời trước mặt mọi người.",
    "Ô tô biển {plate} đỗ chiếm lòng đường trước {place} ngày này qua ngày khác, sao không phạt?",
    "Tôi xin phản ánh việc làm căn cước tại công an {district}. Tôi nộp hồ sơ từ {month}, được hẹn"
    " 15 ngày. Đến hẹn tôi lên thì bảo chưa có, hẹn tuần sau. Tuần sau lên lại bảo thẻ bị lỗi phải"
    " làm lại, phải chụp ảnh, lấy vân tay lại từ đầu. Tôi đi làm ở KCN {kcn}, mỗi lần xin nghỉ là"
    " mất một ngày lương, đến nay đã 4 lần. Không ai giải thích lỗi do đâu, cũng không ai xin lỗi."
    " Đề nghị lãnh đạo công an huyện kiểm tra, chấn chỉnh, và có hình thức báo trước qua tin nhắn"
    " để dân đỡ phải đi lại.",
    "Kính gửi Công an tỉnh Thanh Hóa. Tôi tên là {name}, trú tại {address}. Tôi xin phản ánh sự"
    " việc như sau: {date}, tôi điều khiển xe máy biển {plate} trên {road} thì bị tổ tuần tra"
    " dừng xe kiểm tra. Tôi xuất trình đầy đủ giấy tờ, không có nồng độ cồn, nhưng cán bộ vẫn lập"
    " biên bản lỗi không chấp hành hiệu lệnh và tạm giữ xe 7 ngày. Khi tôi đề nghị cho xem hình"
    " ảnh camera thì cán bộ trả lời thiếu tôn trọng, nói 'không thích thì đi mà khiếu nại'. Đến nay"
    " đã quá thời hạn tạm giữ, tôi lên nhận xe thì bị hẹn hết lần này đến lần khác với lý do chưa"
    " có người ký. Xe là phương tiện đi làm duy nhất của gia đình tôi. Tôi đề nghị xem xét lại"
    " toàn bộ sự việc, trả lại phương tiện và trả lời bằng văn bản cho tôi. Tôi xin chân thành cảm"
    " ơn.",
    "Khu phố chúng tôi ở {place} liên tục bị mất trộm trong 2 tháng nay: xe máy, bình ga, cả"
    " dây điện. Đã làm đơn gửi công an phường 3 lần, lần nào cũng được hứa sẽ tăng cường tuần tra"
    " nhưng buổi tối không thấy bóng dáng ai. Người dân phải tự góp tiền lắp camera, tự thay nhau"
    " canh. Chúng tôi đóng thuế đầy đủ, chỉ mong được yên ổn. Đề nghị công an {district} có biện"
    " pháp cụ thể và trả lời bằng văn bản cho bà con khu phố.",
)

_FEEDBACK = (
    "Cảm ơn các anh công an {district} đã giúp em tìm lại chiếc xe bị mất", "Cảm ơn công an",
    "Các anh vất vả quá, chúc các anh luôn mạnh khỏe", "Tuyệt vời, bắt hết bọn buôn ma túy đi ạ",
    "Nên có tổ tuần tra ở {place} buổi tối, mấy hôm nay đua xe nhiều lắm.",
    "Cảm ơn các anh làm căn cước lưu động ở {commune}, về tận nhà làm cho bà em 90 tuổi.",
    "Page đăng cảnh báo lừa đảo rất hữu ích, mong page đăng thường xuyên hơn",
    "Ủng hộ công an tỉnh Thanh Hóa",
    "Xin cảm ơn đồng chí trực ban công an phường {ward} đã hỗ trợ gia đình tôi trong đêm.",
    "Góp ý: nên có số zalo riêng để người dân gửi tin báo, gửi qua page hay bị trôi.",
    "Làm căn cước bây giờ nhanh hơn trước nhiều, cán bộ nhiệt tình. Cảm ơn ạ.",
    "Đề nghị tổ chức tuyên truyền về lừa đảo qua mạng cho người già ở các thôn, bố mẹ em không"
    " biết gì cả.",
    "Quá tuyệt vời", "Hay quá ạ", "Tự hào công an Thanh Hóa",
    "Các đồng chí CSGT đứng nắng điều tiết giao thông ở {road} dịp lễ, vất vả thật. Trân trọng!",
    "Cảm ơn các chú công an đã đưa bà cháu đi lạc về nhà an toàn.",
    "Mong công an Sầm Sơn tăng cường kiểm tra dịp hè, khách du lịch đông mà hay bị chặt chém.",
    "Nên làm video hướng dẫn định danh VNeID từng bước, người lớn tuổi dễ hiểu hơn.",
    "Xin cảm ơn page. Nhờ bài cảnh báo mà {relative} không bị lừa.",
    "Đề xuất lắp thêm camera ở {place}, đoạn đó tối lắm hay có trộm.",
    "Cảm ơn đồng chí Trung tá {name} đã tận tình hướng dẫn thủ tục cho gia đình tôi.",
    "Làm tốt lắm, tiếp tục phát huy nhé các anh",
    "Chúc mừng ngày truyền thống lực lượng Công an nhân dân 19/8, chúc các anh chị luôn vững vàng.",
    "Xử lý nhanh quá, sáng báo chiều đã bắt được. Cảm ơn công an {district}!",
    "Nên có thêm ngày làm căn cước vào thứ 7, chủ nhật cho công nhân đi làm.",
    "Bài viết rất hay, mọi người nên chia sẻ rộng rãi.",
    "Công an {commune} làm việc rất tận tâm, dân chúng tôi rất yên tâm.",
    "Góp ý page nên ghim số đường dây nóng lên đầu trang.", "Like và share để mọi người cùng biết",
    "Cảm ơn ad đã trả lời nhanh ạ",
    "Tôi là cựu chiến binh, rất cảm phục tinh thần của các đồng chí.",
    "Đường {road} từ ngày có CSGT tuần tra không còn đua xe nữa, cảm ơn các anh.",
    "Nên phạt nặng hơn nữa mấy vụ uống rượu lái xe.",
    "@Em cảm ơn anh trực page hôm qua đã hướng dẫn em làm lại tài khoản VNeID, em làm được rồi ạ",
    "@Cảm ơn các anh đã kịp thời phong tỏa tài khoản, gia đình em lấy lại được tiền rồi.",
    "Thanh Hóa bình yên là nhờ các anh",
    "Tuyên truyền an toàn giao thông cho học sinh như vậy là rất cần thiết.",
    "Đề nghị page có bản tin tiếng Thái, tiếng Mường cho bà con miền núi.",
    "Chúc các anh trực tết bình an", "Công an {district_short} nhanh thật, cảm ơn các anh",
    "Thay mặt gia đình, tôi xin gửi lời cảm ơn chân thành tới các cán bộ, chiến sĩ công an"
    " {district}. Tối {date}, bố tôi năm nay 82 tuổi, bị lẫn, đi bộ ra khỏi nhà lúc nào không ai"
    " biết. Cả nhà tìm khắp nơi không thấy, gọi lên trực ban thì chỉ 15 phút sau các anh đã có mặt,"
    " chia nhau đi tìm dọc {road}, đến gần 1h sáng thì tìm thấy ông ngồi ở trạm chờ xe buýt, người"
    " ướt sũng. Các anh còn mua cháo, đưa ông về tận nhà. Gia đình tôi không biết nói gì hơn, chỉ"
    " mong lời cảm ơn này đến được với các anh. Chúc các anh mạnh khỏe, bình an.",
    "Góp ý để page hoạt động hiệu quả hơn: 1) nên có mục hỏi đáp thủ tục cố định, ghim lên đầu"
    " trang; 2) các bài cảnh báo lừa đảo nên có hình ảnh, video ngắn, viết ngắn gọn cho người già"
    " dễ đọc; 3) công bố số điện thoại trực ban của từng xã; 4) trả lời tin nhắn sớm hơn vào buổi"
    " tối và cuối tuần, vì đó là lúc người dân rảnh để hỏi. Tôi theo dõi page đã lâu, thấy rất"
    " hữu ích, mong page ngày càng gần dân hơn.",
)

_HOSTILE = (
    "Công an bây giờ chỉ giỏi phạt dân, còn tội phạm thật thì có bắt đâu.",
    "Nghe nói vụ ở {place} là do công an đánh chết người rồi che giấu, ai biết gì thì lên tiếng"
    " đi.",
    "Làm căn cước gắn chip là để theo dõi dân, đừng có tin.",
    "Mấy ông bắt ma túy chắc gì đã không ăn chia với nó.",
    "Tin mật: sắp tới sẽ thu hồi đất toàn bộ khu {place} giao cho nước ngoài làm dự án, dân ở đó"
    " chuẩn bị tinh thần.",
    "Nghe nói ở {place} có bắt cóc trẻ em mổ lấy nội tạng mà công an giấu không thông báo.",
    "Đóng thuế nuôi cả bộ máy mà dân vẫn khổ.",
    "CSGT đứng ở {road} ai chả biết là để thu tiền chứ an toàn gì.",
    "Báo chí toàn đưa tin một chiều, muốn biết sự thật thì xem kênh Sự Thật TV nhé.",
    "Tuyên truyền thì hay, thực tế thì khác xa. Dân oan khắp nơi.",
    "Định danh VNeID mức 2 là để nắm tài khoản ngân hàng của dân đấy, sắp tới đánh thuế hết.",
    "Vụ án ở {district} kia chắc chắn có bao che, thằng đó con ông cháu cha.",
    "Ai ở {place} cẩn thận, nghe nói đêm nay có tụ tập lớn, công an điều cả trăm người về.",
    "Đừng ai đi làm căn cước nữa, trên mạng nói dữ liệu bị bán cho bên thứ ba hết rồi.",
    "Thế này mà vẫn có người tung hô được.", "Bài này lại định dắt mũi dân đây.",
    "Tự đặt ra luật rồi tự phạt, dân không có quyền gì.",
    "Nghe đồn nước máy ở TP Thanh Hóa bị nhiễm độc, chính quyền giấu. Mọi người đừng uống.",
    "Tự do ngôn luận ở đâu khi nói thật là bị mời lên làm việc.",
    "Cải cách hành chính chỉ là khẩu hiệu, đi đâu cũng phải có phong bì.",
    "Mấy bài bắt bớ này toàn dàn dựng để đánh bóng thành tích.", "Toàn diễn",
    "Lại đánh bóng tên tuổi",
    "Tôi có tài liệu chứng minh công an {district_short} nhận hối lộ, sẽ tung lên mạng cho cả"
    " nước biết.",
    "Xem video này để biết sự thật về vụ ở {place}: https://video-sudat.example/v/{case_code}",
    "Thanh niên bây giờ phải thức tỉnh, đừng để bị tuyên truyền mãi.",
    "Nghe nói sắp đổi tiền, ai có tiền tiết kiệm thì rút hết ra mua vàng đi.",
    "Phạt nguội là trò móc túi dân hợp pháp.",
    "Từ năm sau cấm xe máy vào nội thành Thanh Hóa đấy, chuẩn bị bán xe đi.",
    "Công an làm việc cho ai thì ai cũng biết.", "Sợ dân biết sự thật nên mới xóa bình luận.",
    "Vụ cháy ở {place} chết hàng chục người mà báo chỉ đưa 2 người.",
    "Thuế phí chồng chất, dân nghèo vẫn nghèo, quan tham vẫn giàu.",
    "Đừng tin mấy cái thông báo trên page này, toàn nói một đằng làm một nẻo.",
    "Cả hệ thống mục ruỗng rồi, thay vài người cũng vậy thôi.",
    "Các bạn trẻ nên xem trang 'Sự thật Việt' để mở mang đầu óc.",
    "Bắt người vô tội để lấy thành tích, gia đình tôi là nạn nhân.",
    "Bài này tắt bình luận là biết sợ rồi.",
    "Share mạnh: công an {district_short} đang bắt người vô cớ ở {place}, ai có clip thì đăng lên!",
    "Trẻ con mất tích liên tục ở {district} mà page không dám đăng một dòng.",
    "Nói thật với các bạn, cái gọi là bình yên ở Thanh Hóa chỉ có trên báo. Vụ việc ở {place}"
    " vừa rồi, người dân quay được clip rõ ràng mà công an vẫn nói là không có đánh người. Đất đai"
    " thì bị thu hồi với giá rẻ mạt, ai kêu thì bị gán tội gây rối. Báo chí đưa tin một chiều,"
    " bình luận nói thật thì bị ẩn, tài khoản thì bị khóa. Tôi không sợ, tôi sẽ tiếp tục đăng để"
    " mọi người biết sự thật. Ai thấy đúng thì chia sẻ, đừng im lặng nữa.",
    "Gửi mọi người ở {district}: thông tin từ người nhà làm trong ngành cho biết sắp tới sẽ kiểm"
    " tra toàn bộ tài khoản ngân hàng qua VNeID, ai có trên 500 triệu phải giải trình nguồn gốc,"
    " không giải trình được sẽ bị tạm giữ. Vì vậy mọi người nên rút tiền mặt ra trước tháng sau,"
    " đừng cài định danh mức 2, đừng để lộ thông tin. Báo chí sẽ không bao giờ đưa tin này đâu,"
    " các bạn tự bảo vệ mình. Chia sẻ cho người thân cùng biết.",
)

_ABUSIVE = (
    "Đm công an {district_short} ngu như bò", "Lũ ăn hại", "Óc chó à mà viết bài thế này",
    "Mấy thằng cảnh sát giao thông mặt dày vl", "Cút mẹ mày đi", "Ngu thế mà cũng làm công an",
    "Đồ chó, bắt dân thì giỏi", "Ad page này óc lợn à, hỏi mãi không trả lời", "Vl cái page",
    "Thằng nào viết bài này thì ngu vãi", "Mày nghĩ mày là ai mà phạt tao",
    "Bọn CSGT ở {road} toàn lũ ăn bẩn, đm", "Câm mồm đi đừng có dạy đời",
    "Đm thằng admin xóa bình luận của tao", "Lũ mặt dày", "Ngu như chó",
    "Đúng là lũ vô dụng, gọi thì không đến, đến thì muộn",
    "Thằng cán bộ một cửa ở {place} mặt vênh váo, hỏi gì cũng gắt như chó",
    "Cái loại như mày về quê chăn bò đi", "Lũ ăn hại đái nát, chỉ giỏi hành dân",
    "Hỏi ngu thế cũng hỏi", "Thằng kia comment ngu vl, óc chó à",
    "Con mụ bán hàng ở {market} láo toét, đm", "Đm cái đồ súc vật", "Vcl thật sự, làm ăn như hạch",
    "Mấy con chó săn", "Rác rưởi", "Đm các ông tưởng làm công an là to à", "Đồ bất tài",
    "Mẹ kiếp, phạt tao 4 triệu vì một cốc bia, lũ cướp ngày", "Cả cái page này toàn lũ bò đội nón",
    "Im đi con", "Ăn cơm dân mà đối xử với dân như chó", "Thằng ad ngu như lợn", "Biến mẹ mày đi",
    "Đm thằng nào comment ở trên", "Bọn mày là cái thá gì mà đòi dạy dân", "Đúng là đầu óc bã đậu",
    "Ngu lâu dốt bền khó đào tạo",
    "Thằng chủ tịch xã với công an xã {commune} một lũ với nhau cả, đm",
    "Tao nói thật, cái lũ đứng đường ở {road} là lũ ăn bám xã hội. Sáng nào cũng đứng đó vẫy xe"
    " tải, xe khách vào, không biết thu được bao nhiêu. Dân đi làm ăn vất vả thì bị vạch lá tìm"
    " sâu, phạt cái này phạt cái kia. Mẹ kiếp, đm cả lũ, có giỏi thì đi bắt bọn buôn ma túy, bọn"
    " cho vay nặng lãi đi, đứng đường bắt nạt dân thì giỏi lắm. Đồ ăn hại, đồ vô dụng, mặt thằng"
    " nào cũng như nhau, nhìn là muốn nôn. Xóa bình luận của tao đi, tao viết tiếp.",
    # urgent: threats to officers or others
    "!Tao sẽ đốt trụ sở công an {commune}, cứ chờ đấy",
    "!@Mai tao mang dao lên đồn {district_short} xử thằng đội trưởng, nó bắt em tao thì nó phải"
    " trả giá",
    "!Thằng CSGT phạt tao hôm qua ở {road}, tao biết nhà mày ở {address} rồi, liệu mà đi đứng cẩn"
    " thận",
    "!Đứa nào tố giác tao thì tao cầm dao sang chém cả nhà nó",
    "!Đừng để tao gặp ngoài đường, gặp là tao đâm chết bằng dao",
    "!Tối nay anh em tao sẽ xuống trụ sở công an phường {ward} đòi người, có gì thì đừng trách",
    "!Tao đã mua xăng rồi, không trả xe cho tao thì tao đốt cả cái trụ sở",
    "!THẰNG CÔNG AN KHU VỰC NÀO BẮT XE TAO THÌ TỐI NAY CHỜ TAO, TAO CÓ DAO ĐÂY",
)

_SPAM = (
    "🔥 NHÀ CÁI UY TÍN SỐ 1 VIỆT NAM 🔥 Nạp đầu tặng 100% 👉 {betlink}",
    "Đăng ký nhận ngay 88k trải nghiệm, rút tiền 3 phút ➡️ {betlink}",
    "Soi cầu lô đề chuẩn 99%, vào nhóm VIP nhắn tin mình {phone}",
    "Tài xỉu online uy tín, nạp rút nhanh, chăm sóc khách hàng 24/7: {betlink}",
    "Kèo bóng đá thơm tối nay, anh em vào link: {betlink}",
    "Nổ hũ đổi thưởng, tặng code 50k cho thành viên mới {betlink}",
    "Hỗ trợ vay vốn nhanh chỉ cần CCCD, không thẩm định, giải ngân trong 30 phút. Liên hệ zalo"
    " {phone}",
    "Cho vay tiêu dùng lãi suất thấp, nợ xấu vẫn vay được, inbox em",
    "VAY TIỀN ONLINE 10-50 TRIỆU CHỈ CẦN CĂN CƯỚC, LH {phone}",
    "Đáo hạn thẻ tín dụng, rút tiền thẻ phí thấp tại Thanh Hóa, gọi {phone}",
    "Tuyển cộng tác viên làm việc tại nhà, 1-2h/ngày, thu nhập 300-500k/ngày, không cần kinh"
    " nghiệm, inbox ngay",
    "Tuyển gấp 20 chị em đóng gói hàng tại nhà ở Thanh Hóa, lương 12-15tr, LH {phone}",
    "Cần 5 bạn chốt đơn online, làm trên điện thoại, nhận lương theo ngày 👉 {spamlink}",
    "Tuyển lao động đi Đài Loan, Nhật Bản, bay nhanh, phí thấp, LH zalo {phone}",
    "Thanh lý lô đồng hồ nam giá chỉ 990k, freeship toàn quốc",
    "Bán đất nền ven biển Hải Tiến giá chỉ từ 8xx triệu/lô, sổ đỏ trao tay. LH {phone}",
    "Mỹ phẩm trị nám, trắng da cấp tốc, inbox để được tư vấn miễn phí",
    "Thuốc tăng cường sinh lý nam, ship kín đáo toàn quốc",
    "Nhận làm bằng lái xe A1, B2 không cần thi, bao đậu, nhắn tin ngay",
    "Bán sim số đẹp Viettel, Vinaphone giá rẻ, gọi {phone}",
    "Dịch vụ tăng like, tăng follow facebook, TikTok giá rẻ {spamlink}",
    "Chuyên cung cấp hải sản Sầm Sơn tươi sống, ship tận nhà, gọi {phone}",
    "Khóa học kiếm tiền online từ con số 0, chỉ 199k {spamlink}",
    "Nhận làm hồ sơ vay ngân hàng, hỗ trợ nợ xấu, LH {phone}",
    "Follow page mình với ạ, mình follow lại",
    "Ghé shop mình ủng hộ nha mọi người, đồ sơ sinh giá rẻ",
    "Xem phim miễn phí không quảng cáo tại {spamlink}",
    "Kiếm 2 triệu/ngày chỉ bằng điện thoại, xem video giới thiệu 👉 {spamlink}",
    "Homestay Sầm Sơn view biển chỉ 399k/đêm, đặt phòng inbox hoặc gọi {phone}",
    "Máy lọc nước chính hãng giảm 40% chỉ trong tuần này, LH {phone}",
    "Cần bán xe Vision 2022 chính chủ biển {plate}, giá 28tr, ai mua inbox",
    "👉 Game bài đổi thưởng uy tín, tặng 200k khi đăng ký: {betlink}",
    "Nhận thiết kế logo, banner, chỉ từ 150k",
    "Cho thuê xe tự lái Thanh Hóa giá rẻ, giao xe tận nơi {phone}",
    "Dịch vụ xóa nợ xấu CIC, xóa nợ app vay, cam kết thành công",
    "Mua bán tài khoản facebook cổ, zalo đã xác minh, giá sỉ",
    "Xuất khẩu lao động Hàn Quốc diện E9, chi phí trọn gói, LH thầy Tuấn {phone}",
    "Bảo hiểm xe máy online 66k/năm, giao tận nhà", "Inbox mình nha 💌", "Tặng code 100k {betlink}",
    "Nhận order hàng Quảng Châu, về nhanh, giá tận gốc. Email báo giá: {email}",
    "💰💰 CƠ HỘI ĐỔI ĐỜI 💰💰 Bạn đang nợ nần? Bạn muốn có thu nhập thụ động mỗi tháng 30-50"
    " triệu mà không cần vốn? Tham gia ngay hệ thống của chúng tôi: ✅ Nạp rút siêu tốc trong 1"
    " phút ✅ Bảo mật tuyệt đối, không lo bị kiểm tra ✅ Hoàn trả 1,5% mỗi ngày ✅ Tặng ngay 188k"
    " khi đăng ký tài khoản mới ✅ Đội ngũ hỗ trợ 24/7. Hàng nghìn anh em Thanh Hóa đã thay đổi"
    " cuộc sống! Đăng ký tại {betlink} hoặc liên hệ zalo {phone} để được hướng dẫn chi tiết."
    " Số lượng có hạn, nhanh tay kẻo lỡ!!!",
    "TUYỂN DỤNG GẤP: Công ty cần tuyển 50 nhân viên nhập liệu làm việc online tại nhà cho khu"
    " vực Thanh Hóa. Yêu cầu: có điện thoại thông minh, biết dùng zalo, không cần bằng cấp, không"
    " cần kinh nghiệm. Thời gian linh hoạt 2-3 tiếng mỗi ngày, thu nhập 8-15 triệu/tháng, nhận"
    " lương theo ngày qua tài khoản ngân hàng. Ưu tiên sinh viên, mẹ bỉm sữa, người nghỉ hưu."
    " Ứng viên quan tâm vui lòng để lại số điện thoại hoặc nhắn tin trực tiếp: {spamlink}",
)

_OTHER = (
    "Chào buổi sáng ad", "Chào ad ạ", "Ad ơi", "Alo alo có ai trực không ạ",
    "Hôm nay Sầm Sơn có mưa không mọi người", "{name} vào xem này", "Haha đọc mà buồn cười",
    "Xin info anh CSGT đẹp trai trong ảnh ạ 😍", "Ảnh đẹp quá", "Ai ở Quảng Xương điểm danh",
    "Chấm hóng", "Đường từ thành phố vào Nghi Sơn giờ có tắc không mọi người",
    "Ở đây có ai biết quán phở ngon gần {place} không",
    "Em muốn thi vào trường công an thì cần điều kiện gì ạ",
    "Mình cần tìm người thân tên {name}, trước ở {district}, ai biết xin báo giúp",
    "#Nhặt được ví có căn cước tên {name} ở {place}, ai quen báo giúp",
    "Nhặt được chó lạc ở {place}, ai mất liên hệ {phone}", "Chúc mọi người cuối tuần vui vẻ",
    "Sao hôm nay page đăng nhiều bài thế", "Cho em hỏi số điện thoại của trường THPT Hàm Rồng",
    "Lúc nãy nghe còi xe cứu hỏa inh ỏi ở {place}, có chuyện gì thế mọi người",
    "Bài này đăng lại à ad",
    "Mình đi ngang qua thấy đông người ở {place}, có ai biết chuyện gì không?",
    "Ha ha, ông này nhìn quen quen 😂",
    "Người ta bảo mai có bão vào Thanh Hóa, thật không mọi người", "Chia sẻ về tường",
    "Xin phép ad cho em chia sẻ bài viết ạ", "Thấy bạn này đẹp trai quá, cho em xin info 😆",
    "Nhà em ở {district} mà toàn thấy tin ở chỗ khác",
    "Trung thu năm nay công an phường có tổ chức cho các cháu không ạ",
    "Có ai đi Hà Nội chiều nay không cho em đi nhờ với", "Cười xỉu 😂😂",
    "Mai có ai đi Pù Luông không", "Trời nóng quá anh em ơi",
    "Ai có việc làm ở KCN {kcn} giới thiệu mình với", "@Ad ơi em nhắn nhầm ạ",
    "#Nhặt được căn cước số {cccd} ở {market}, ai là chủ liên hệ mình nhé",
    "@Nhặt được điện thoại ở {place}, chủ máy liên hệ số {phone} để nhận lại ạ",
    "Tuần sau có diễn tập phòng cháy ở {place} phải không ad", "Đọc bài xong sợ thật",
    "Hôm nay là ngày gì mà page đổi ảnh bìa vậy",
    "Ad ơi page này là page thật của công an hay page giả vậy, em thấy có mấy page giống nhau",
    "Em chào các anh chị trực page. Em không có việc gì gấp đâu ạ, em chỉ muốn hỏi thăm một"
    " chút. Ngày xưa bố em cũng là công an ở {district}, giờ bố mất rồi. Hôm nay xem bài của page"
    " thấy ảnh trụ sở cũ, em nhớ bố quá nên nhắn vài dòng. Hồi bé em hay được bố chở lên cơ quan"
    " chơi, các chú trong đơn vị hay cho kẹo. Không biết giờ các chú ấy còn công tác ở đó không."
    " Chúc các anh chị luôn mạnh khỏe, giữ gìn sức khỏe trong những ca trực đêm nhé. Em cảm ơn vì"
    " đã đọc tin nhắn của em ạ.",
    # urgent: missing child, person in danger, suicide threat
    "!@Ad ơi giúp em với, con em {child_age} đi học về mà đến giờ chưa về, cháu mặc đồng phục"
    " trường {school}, mất liên lạc từ 5h chiều. Sđt nhà em {phone}",
    "!Mọi người ơi tìm giúp cháu bé {child_age} đi lạc ở {place} chiều nay, mặc áo đỏ quần bò, ai"
    " thấy báo cho gia đình số {phone}",
    "!@Em không muốn sống nữa, mọi thứ đều tệ, em đang đứng trên cầu Hàm Rồng",
    "!Bạn em vừa đăng status tạm biệt mọi người, nhắn không trả lời, nhà bạn ấy ở {address}, nhờ"
    " công an đến xem gấp",
    "!@Bố em bị lẫn đi lạc từ sáng chưa về, ông 78 tuổi, mặc áo bộ đội, có thể đang đi bộ trên"
    " QL47",
    "!Có em bé tầm 3 tuổi đứng khóc một mình ở {place} nãy giờ, không thấy bố mẹ đâu",
    "!@Vợ em nhắn tin là sẽ uống thuốc chuột, giờ em gọi không nghe máy, nhà ở {address}, em đang"
    " ở Hà Nội không về kịp",
    "!Có người đuối nước ở bãi biển {beach}, đang chìm, mọi người gọi cứu hộ giúp",
)

_CITIZEN: dict[Category, tuple[str, ...]] = {
    Category.CRIME_TIP: _CRIME,
    Category.SCAM_REPORT: _SCAM,
    Category.ADMIN_QUESTION: _ADMIN,
    Category.COMPLAINT: _COMPLAINT,
    Category.FEEDBACK: _FEEDBACK,
    Category.HOSTILE: _HOSTILE,
    Category.ABUSIVE: _ABUSIVE,
    Category.SPAM: _SPAM,
    Category.OTHER: _OTHER,
}

# Openers and closers of private messages (only for categories where people write like that).
_OPENERS = (
    "Ad ơi. ", "Ad ơi!\n", "Em chào ad ạ. ", "Chào anh chị trực page ạ. ", "Alo công an ơi. ",
    "Cho em hỏi chút ạ. ", "Xin chào. ", "Dạ em chào các anh. ", "Anh chị ơi cho em hỏi. ",
    "Kính gửi công an tỉnh Thanh Hóa. ", "Page ơi. ", "Em chào anh ạ!\n",
)
_CLOSERS = (
    "Em cảm ơn ạ.", "Mong ad phản hồi sớm.", "Cảm ơn page.", "Ad trả lời giúp em với ạ.",
    "Xin cảm ơn!", "Em đợi tin ad ạ.", "Cảm ơn các anh nhiều.",
)
_CLOSER_CATEGORIES = frozenset(
    {Category.CRIME_TIP, Category.SCAM_REPORT, Category.ADMIN_QUESTION, Category.COMPLAINT}
)
# A template starting like this already greets: no opener in front of it.
_GREETINGS = (
    "ad", "kính gửi", "chào", "alo", "em chào", "cho em hỏi", "anh chị", "chị ơi", "cứu",
    "xin chào", "page", "cho hỏi", "xin phép",
)
_OPENER_CATEGORIES = frozenset(
    {
        Category.CRIME_TIP,
        Category.SCAM_REPORT,
        Category.ADMIN_QUESTION,
        Category.COMPLAINT,
        Category.FEEDBACK,
        Category.OTHER,
    }
)

# Personal data people add at the end of a message.
_TAILS_COMMON = (
    "Sđt em {phone}", "Số điện thoại: {phone}, ad gọi lại giúp em",
    "Có gì ad liên hệ em qua số {phone} ạ", "Zalo {phone}", "Em tên {name}, CCCD {cccd}",
    "Nhà em ở {address}", "Địa chỉ: {address}", "Email của em là {email}",
    "Liên hệ: {phone} hoặc email {email}",
)
_TAILS: dict[Category, tuple[str, ...]] = {
    Category.CRIME_TIP: (
        "Biển số xe của bọn nó là {plate}", "Chúng nó đi xe biển {plate}",
        "Địa chỉ ổ đó: {address}", "Sđt thằng cầm đầu {phone}", "Xe biển {plate}, màu đen",
        "Sđt em {phone}, mong ad giữ bí mật",
    ),
    Category.SCAM_REPORT: (
        "Số tài khoản nó bắt chuyển: stk {stk}", "Số nó gọi là {phone}",
        "Nó dùng số {phone} để gọi em", "Stk nhận tiền {stk}", "Tài khoản lừa đảo: {stk}",
        "Email nó gửi: {email}",
    ),
    Category.ADMIN_QUESTION: (
        "Số CCCD của em là {cccd}", "CCCD {cccd}", "Email em là {email} ạ", "Em ở {address}",
        "Biển số xe em {plate}",
    ),
    Category.COMPLAINT: (
        "Xe em biển {plate}", "Sđt em {phone} nếu cần xác minh", "Nhà tôi ở {address}",
        "Tôi tên {name}, CCCD {cccd}",
    ),
    Category.FEEDBACK: ("Sđt em {phone} nếu cần ạ", "Nhà em ở {address}"),
    Category.OTHER: ("Sđt mình {phone}", "Zalo {phone}", "Email {email}"),
    Category.SPAM: ("LH {phone}", "Zalo/Tele: {phone}", "Email: {email}"),
    Category.HOSTILE: (),
    Category.ABUSIVE: (),
}

# Later messages of the same conversation or thread.
_FOLLOW_GENERIC = (
    "Ad ơi trả lời em với", "Ad ơi", "Alo ad", "??", "Sao không ai trả lời vậy",
    "Em gửi thêm ảnh ạ", "Em gửi thêm video ạ", "Có ai đọc tin nhắn không ạ",
    "Ad xem giúp em với ạ", "Em nhắn từ hôm qua rồi", "Vâng em cảm ơn ạ", "Dạ vâng ạ",
    "Ok ạ, để em làm theo", "Em vẫn chưa hiểu lắm ạ", "Sđt em đây ạ {phone}",
    "Vậy giờ em phải làm gì tiếp ạ",
)
_FOLLOW: dict[tuple[Category, bool], tuple[str, ...]] = {
    (Category.CRIME_TIP, False): (
        "Tối nay bọn nó lại tụ tập rồi", "Em gửi thêm ảnh biển số xe", "Xe biển {plate} đấy ạ",
        "Em xin được giấu tên ạ", "Chỗ đó ở {place} ạ", "Hôm nay vẫn thấy bán công khai",
        "Mong công an xử lý sớm", "Bọn nó vừa đi khỏi rồi",
    ),
    (Category.CRIME_TIP, True): (
        "Nhanh lên ad ơi, nó vẫn đang đánh", "Nó vẫn cầm dao đứng ngoài cổng", "Cứu với",
        "Có người bị thương rồi", "Bọn nó chạy về hướng {road} rồi", "Sao chưa ai đến vậy",
        "GẤP LẮM RỒI", "Em gọi 113 rồi mà chưa thấy ai",
    ),
    (Category.SCAM_REPORT, False): (
        "Em gửi ảnh chụp tin nhắn ạ", "Stk nó đây ạ {stk}", "Số nó gọi {phone}",
        "Em có lấy lại được tiền không ạ", "Em đã báo ngân hàng rồi", "Mọi người cẩn thận nhé",
        "Nó vẫn đang nhắn tin cho em",
    ),
    (Category.SCAM_REPORT, True): (
        "Ad ơi nhanh giúp em với, em sợ quá", "Ngân hàng bảo phải có công an xác nhận",
        "Tài khoản nó là {stk}", "Nó lại gọi bắt em chuyển thêm", "Em vừa mất thêm {amount}",
        "Làm ơn giúp em với",
    ),
    (Category.ADMIN_QUESTION, False): (
        "Vậy có phải mang theo sổ hộ khẩu không ạ", "Làm online ở đâu ạ", "Mất bao nhiêu tiền ạ",
        "Thứ 7 có làm không ạ", "Em làm được rồi ạ, cảm ơn ad", "Link ở đâu ạ",
        "CCCD em là {cccd} ạ", "Em ở {district} ạ",
    ),
    (Category.COMPLAINT, False): (
        "Đến giờ vẫn chưa ai giải quyết", "Hôm nay lại như thế", "Tôi gửi ảnh làm bằng chứng",
        "Mong được trả lời bằng văn bản", "Đề nghị page chuyển cho lãnh đạo", "Vẫn chưa thấy gì",
    ),
    (Category.FEEDBACK, False): (
        "Cảm ơn ad ạ", "Chúc các anh sức khỏe", "Ủng hộ ạ", "Dạ vâng ạ", "Tuyệt vời",
        "Cảm ơn page nhiều",
    ),
    (Category.HOSTILE, False): (
        "Xóa bình luận là biết sợ rồi", "Cứ ẩn đi, sự thật vẫn là sự thật",
        "Ai thấy đúng thì share", "Nói thế mà cũng tin được", "Im lặng là đồng lõa",
    ),
    (Category.ABUSIVE, False): (
        "Đm", "Ngu", "Lại xóa à thằng ad", "Vl", "Cút", "Đồ hèn", "Tao nói sai à",
    ),
    (Category.ABUSIVE, True): (
        "Tao nói là làm đấy", "Cứ chờ đấy", "Tối nay mày biết tay tao",
        "Tao không đùa đâu, dao tao mài rồi", "Chúng mày cứ đợi",
    ),
    (Category.SPAM, False): (
        "Inbox mình nha", "Còn suất nhé mọi người", "Liên hệ {phone}", "{betlink}", "Ai cần inbox",
        "Uy tín 100% 👍",
    ),
    (Category.OTHER, False): (
        "Haha", "😂😂😂", "Ok ad", "Dạ vâng", "Thế à", "Hóng", "Cảm ơn mọi người", "Đúng rồi đấy",
    ),
    (Category.OTHER, True): (
        "Ad ơi giúp với gấp lắm", "Em gọi 113 mà máy bận", "Gia đình em đang rất hoảng",
        "Vẫn chưa tìm thấy ạ", "Có ai thấy không ạ", "Làm ơn nhanh lên", "Sđt gia đình {phone}",
    ),
}
_GENERIC_FOLLOW_CATEGORIES = frozenset(
    {
        Category.CRIME_TIP,
        Category.SCAM_REPORT,
        Category.ADMIN_QUESTION,
        Category.COMPLAINT,
        Category.OTHER,
    }
)

# ---------------------------------------------------------------------------------------------
# Official texts: replies and posts (always accented, never teencode).
# ---------------------------------------------------------------------------------------------

_PORTAL = "https://dichvucong.bocongan.gov.vn"
_REPLIES: dict[Category, tuple[str, ...]] = {
    Category.CRIME_TIP: (
        "{unit} xin cảm ơn bạn đã cung cấp thông tin. Để bảo đảm bí mật cho người cung cấp tin,"
        " đề nghị bạn nhắn tin riêng cho Trang hoặc liên hệ trực ban theo số {hotline}. Thông"
        " tin của bạn sẽ được giữ bí mật tuyệt đối.",
        "Chào bạn, {unit} đã tiếp nhận thông tin và chuyển đơn vị chức năng kiểm tra, xác minh."
        " Nếu có thêm hình ảnh, video, đề nghị bạn gửi qua tin nhắn của Trang.",
        "{unit} ghi nhận phản ánh của bạn. Trường hợp khẩn cấp, đề nghị gọi ngay 113 hoặc trực"
        " ban {hotline} để được hỗ trợ kịp thời.",
        "Cảm ơn bạn. Thông tin đã được chuyển đến Công an xã, phường sở tại để kiểm tra, xử lý"
        " theo quy định. {unit} cam kết giữ bí mật danh tính người cung cấp tin.",
    ),
    Category.SCAM_REPORT: (
        "{unit} khuyến cáo: tuyệt đối không chuyển thêm tiền, không cung cấp mã OTP. Đề nghị bạn"
        " liên hệ ngay ngân hàng để yêu cầu phong tỏa giao dịch và đến cơ quan công an gần nhất"
        " trình báo, mang theo sao kê và ảnh chụp tin nhắn.",
        "Chào bạn, Công an không làm việc qua điện thoại, không yêu cầu chuyển tiền vào 'tài khoản"
        " tạm giữ'. Bạn vui lòng nhắn tin riêng cho Trang hoặc gọi {hotline} để được hướng dẫn"
        " trình báo.",
        "{unit} cảm ơn bạn đã chia sẻ để mọi người cùng cảnh giác. Đề nghị bạn gửi thông tin số"
        " điện thoại, tài khoản nghi vấn qua tin nhắn để lực lượng chức năng xác minh.",
        "Bạn vui lòng làm đơn trình báo tại Công an xã, phường nơi cư trú, kèm chứng từ chuyển"
        " tiền. Mọi thắc mắc liên hệ trực ban {unit}: {hotline}.",
    ),
    Category.ADMIN_QUESTION: (
        "Chào bạn, bạn có thể tham khảo và nộp hồ sơ trực tuyến tại Cổng dịch vụ công Bộ Công an"
        " {portal} hoặc trên ứng dụng VNeID. Cần hỗ trợ thêm, vui lòng liên hệ {hotline} trong giờ"
        " hành chính.",
        "{unit} xin trả lời: thủ tục này thực hiện tại bộ phận một cửa Công an cấp xã nơi bạn cư"
        " trú hoặc trực tuyến tại {portal}. Khi đi mang theo căn cước và giấy tờ liên quan.",
        "Chào bạn, đề nghị bạn nhắn tin riêng cho Trang kèm thông tin cụ thể để cán bộ hướng dẫn."
        " Bạn cũng có thể xem hướng dẫn tại {portal}.",
        "Cảm ơn bạn đã quan tâm. Lịch làm việc của bộ phận một cửa từ thứ Hai đến sáng thứ Bảy."
        " Chi tiết liên hệ {unit}, số điện thoại {hotline}.",
    ),
    Category.COMPLAINT: (
        "{unit} đã tiếp nhận phản ánh của bạn và chuyển đơn vị liên quan kiểm tra, xác minh. Kết"
        " quả sẽ được thông tin lại đến bạn.",
        "Chào bạn, để xác minh làm rõ, đề nghị bạn nhắn tin riêng cho Trang họ tên, số điện thoại"
        " và thời gian, địa điểm cụ thể. Xin cảm ơn.",
        "{unit} xin lỗi vì sự bất tiện bạn gặp phải. Phản ánh đã được báo cáo lãnh đạo đơn vị để"
        " chấn chỉnh. Mọi ý kiến xin liên hệ {hotline}.",
    ),
    Category.FEEDBACK: (
        "{unit} trân trọng cảm ơn sự quan tâm, động viên của bạn.",
        "Cảm ơn bạn đã đồng hành cùng lực lượng Công an. Chúc bạn và gia đình luôn mạnh khỏe,"
        " bình an.",
        "{unit} ghi nhận góp ý của bạn và sẽ nghiên cứu để phục vụ Nhân dân tốt hơn.",
    ),
    Category.HOSTILE: (
        "Đề nghị bạn không đăng tải, chia sẻ thông tin chưa được kiểm chứng. Thông tin chính thức"
        " được {unit} cung cấp trên Trang này.",
        "{unit} đề nghị mọi người tỉnh táo trước các thông tin sai sự thật; việc đăng tải thông"
        " tin sai sự thật có thể bị xử lý theo quy định của pháp luật.",
    ),
    Category.ABUSIVE: (
        "Đề nghị bạn sử dụng ngôn từ văn minh, lịch sự khi bình luận. Các bình luận vi phạm sẽ bị"
        " ẩn theo quy định của Trang.",
        "{unit} đề nghị bạn tôn trọng quy tắc ứng xử trên mạng xã hội.",
    ),
    Category.SPAM: (
        "Bình luận chứa quảng cáo, đường link lạ sẽ bị ẩn. Đề nghị mọi người không truy cập các"
        " đường link không rõ nguồn gốc.",
    ),
    Category.OTHER: (
        "{unit} xin chào bạn. Cảm ơn bạn đã quan tâm theo dõi Trang.",
        "Chào bạn, nếu cần hỗ trợ, bạn vui lòng nhắn tin cụ thể nội dung để cán bộ trực Trang"
        " hướng dẫn.",
        "Cảm ơn bạn. Mọi thông tin cần hỗ trợ xin liên hệ trực ban {unit}: {hotline}.",
    ),
}
_URGENT_REPLIES = (
    "{unit} đã tiếp nhận và điều lực lượng đến hiện trường. Đề nghị bạn giữ an toàn, gọi ngay"
    " 113 hoặc {hotline} nếu tình hình thay đổi.",
    "Chúng tôi đã nhận được tin. Bạn vui lòng giữ máy, cho biết vị trí chính xác và số điện thoại"
    " liên lạc; trực ban {unit}: {hotline}.",
)

_POSTS = (
    "⚠️ CẢNH BÁO THỦ ĐOẠN GIẢ DANH CÔNG AN GỌI ĐIỆN YÊU CẦU CÀI ỨNG DỤNG VNEID GIẢ\nThời gian gần"
    " đây, trên địa bàn {district} xuất hiện tình trạng đối tượng gọi điện xưng là cán bộ công an,"
    " yêu cầu người dân cài ứng dụng '{fake_app}' qua đường link lạ để 'cập nhật định danh điện"
    " tử'. Sau khi cài đặt, đối tượng chiếm quyền điều khiển điện thoại và chiếm đoạt tiền trong"
    " tài khoản. Công an tỉnh Thanh Hóa khuyến cáo: ứng dụng VNeID chỉ được tải trên CH Play và App"
    " Store; Công an không hướng dẫn cài đặt ứng dụng qua điện thoại.",
    "Công an {district} bắt quả tang đối tượng {initial_name} (SN {sn}, trú tại {commune}) đang"
    " có hành vi tàng trữ trái phép chất ma túy, thu giữ {weight}. Vụ việc đang được tiếp tục"
    " điều tra, mở rộng.",
    "THÔNG BÁO: Công an {district} tổ chức cấp căn cước lưu động tại nhà văn hóa các thôn từ"
    " {date}. Đề nghị Nhân dân chưa làm căn cước, trẻ em từ đủ 6 tuổi và người cao tuổi đến đúng"
    " lịch. Người già yếu, khuyết tật liên hệ Công an xã để được làm tại nhà.",
    "Hướng dẫn đăng ký tài khoản định danh điện tử mức 2 trên ứng dụng VNeID: mang căn cước"
    " gắn chip và điện thoại đến Công an xã, phường nơi cư trú; cán bộ sẽ hỗ trợ kích hoạt ngay"
    " trong ngày. Hoàn toàn miễn phí.",
    "Đêm {date}, tổ công tác Công an {district} phát hiện nhóm thanh niên có biểu hiện tụ tập đua"
    " xe trái phép trên {road}. Lực lượng chức năng đã tạm giữ {n} xe mô tô, lập biên bản các đối"
    " tượng liên quan.",
    "AN TOÀN GIAO THÔNG DỊP LỄ: Đã uống rượu bia - không lái xe. Công an tỉnh Thanh Hóa tăng"
    " cường tuần tra, kiểm soát trên các tuyến Quốc lộ 1A, QL47, QL45 và đường ven biển Sầm Sơn,"
    " xử lý nghiêm các vi phạm nồng độ cồn, tốc độ, chở quá số người quy định.",
    "Cảnh báo thủ đoạn lừa đảo tuyển cộng tác viên online 'việc nhẹ lương cao'. Các đối tượng"
    " dụ dỗ làm nhiệm vụ, ban đầu trả hoa hồng, sau đó yêu cầu nạp tiền ngày càng lớn rồi chiếm"
    " đoạt. Người dân tuyệt đối không chuyển tiền cho người lạ.",
    "Công an {district} đã triệt phá ổ nhóm đánh bạc dưới hình thức xóc đĩa tại {commune}, bắt"
    " quả tang {n} đối tượng, thu giữ hơn {amount} tiền mặt cùng nhiều tang vật liên quan.",
    "Thông báo về việc tiếp nhận hồ sơ đăng ký, quản lý cư trú trực tuyến trên Cổng dịch vụ công"
    " Bộ Công an. Người dân có thể đăng ký thường trú, tạm trú, khai báo tạm vắng tại nhà mà không"
    " cần đến trụ sở.",
    "Kịp thời giải cứu cháu bé {child_age} đi lạc tại {place}: nhận tin báo của người dân qua"
    " Trang, tổ tuần tra Công an {district} đã tìm thấy và bàn giao cháu cho gia đình an toàn.",
    "CẢNH BÁO: giả danh nhân viên điện lực, ngân hàng, cơ quan thuế gọi điện yêu cầu 'xác thực"
    " thông tin', đọc mã OTP. Tuyệt đối không cung cấp mã OTP, mật khẩu cho bất kỳ ai.",
    "Công an {district} ra quyết định khởi tố vụ án, khởi tố bị can {initial_name} (SN {sn}) về"
    " tội 'Cho vay lãi nặng trong giao dịch dân sự'. Đối tượng cho vay với lãi suất lên tới 365%"
    "/năm.",
    "Phòng cháy chữa cháy mùa hanh khô: không để xe máy gần nguồn điện, ngắt điện khi ra khỏi"
    " nhà, trang bị bình chữa cháy tại hộ gia đình. Khi xảy ra cháy gọi ngay 114.",
    "Tiếp nhận tin báo của người dân, Công an {district} đã bắt giữ đối tượng {initial_name} (SN"
    " {sn}) trộm cắp {vehicle} tại {place}, trao trả tài sản cho bị hại.",
    "Khuyến cáo phụ huynh quản lý chặt chẽ con em trong dịp nghỉ hè, không để trẻ tắm sông, hồ,"
    " biển khi không có người lớn đi kèm.",
    "Hưởng ứng ngày hội toàn dân bảo vệ an ninh Tổ quốc, Công an {commune} tổ chức tuyên truyền"
    " phòng chống tội phạm, tệ nạn xã hội và lừa đảo qua mạng cho bà con.",
    "Công an tỉnh Thanh Hóa phát hiện, xử lý {n} tài khoản mạng xã hội đăng tải thông tin sai"
    " sự thật về vụ việc tại {place}. Đề nghị người dân không chia sẻ thông tin chưa kiểm chứng.",
    "Từ {date}, người dân có thể nộp hồ sơ đăng ký xe, cấp biển số định danh trực tuyến toàn"
    " trình trên Cổng dịch vụ công và ứng dụng VNeID.",
    "Bắt giữ {n} đối tượng khai thác cát trái phép trên sông Mã thuộc {district}, tạm giữ"
    " phương tiện và tang vật.",
    "Cảnh báo tình trạng lừa đảo đặt phòng khách sạn, homestay tại Sầm Sơn mùa du lịch. Du khách"
    " chỉ đặt phòng qua kênh chính thức, không chuyển tiền cọc cho tài khoản cá nhân lạ.",
)

# fmt: on

# ---------------------------------------------------------------------------------------------
# Preparation (import time).
# ---------------------------------------------------------------------------------------------

_FIELD_RE = re.compile(r"\{(\w+)\}")
_GENERATED = frozenset(
    {
        "phone",
        "cccd",
        "stk",
        "plate",
        "email",
        "address",
        "name",
        "betlink",
        "spamlink",
        "case_code",
    }
)
_PREP_RNG = random.Random(267)  # plan 267/KH-CAT-PV01; fixes the teencode and typo variants

_ListSlot = tuple[tuple[str, ...], tuple[str, ...]]  # (accented values, unaccented values)
_Field = _ListSlot | str  # a list slot or the name of a generated slot
_Compiled = tuple[tuple[str, ...], tuple[_Field, ...]]  # literals (one more than fields), fields

_LIST_SLOTS: dict[str, _ListSlot] = {
    key: (values, tuple(strip_diacritics(v) for v in values)) for key, values in _SLOTS.items()
}


def _has_marks(text: str) -> bool:
    return text != strip_diacritics(text)


def _has_emoji(text: str) -> bool:
    return any(ord(ch) >= 0x2600 for ch in text)


def _literal_parts(text: str) -> list[str]:
    """Alternating literal / field-name pieces (fields at odd indexes)."""
    return _FIELD_RE.split(text)


def _map_literals(text: str, fn: Callable[[str], str]) -> str:
    parts = _literal_parts(text)
    return "".join(fn(p) if i % 2 == 0 else "{" + p + "}" for i, p in enumerate(parts))


_TEEN_RE = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(k) for k in sorted(_TEENCODE, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)


def _teen_sub(match: re.Match[str]) -> str:
    word = match.group(0)
    options = _TEENCODE[word.lower()]
    if _PREP_RNG.random() < 0.25:  # people don't abbreviate every word
        return word
    out = _PREP_RNG.choice(options)
    if word[0].isupper() and out[0].islower():
        out = out[0].upper() + out[1:]
    return out


def _teencode(text: str) -> str:
    return _map_literals(text, lambda lit: _TEEN_RE.sub(_teen_sub, lit))


_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_URLISH = frozenset({".", "/", "-", ":", "@", "_", "{", "}"})


def _typo_word(word: str) -> str:
    rnd = _PREP_RNG
    kind = rnd.randrange(4)
    i = rnd.randrange(1, len(word) - 1)
    if kind == 0:  # swapped letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # dropped letter
        return word[:i] + word[i + 1 :]
    if kind == 2:  # doubled letter
        return word[: i + 1] + word[i] + word[i + 1 :]
    return strip_diacritics(word)  # forgot the marks of one word


def _typos(text: str) -> str:
    """One or two typos in the literal words of ``text`` (never in slots, links or e-mails)."""
    words = [
        m
        for m in _WORD_RE.finditer(text)
        if text[m.start() - 1 : m.start()] not in _URLISH
        and not (
            text[m.end() : m.end() + 1] in _URLISH and text[m.end() + 1 : m.end() + 2].isalnum()
        )
    ]
    if not words:
        return text
    picked = sorted(
        _PREP_RNG.sample(words, min(len(words), _PREP_RNG.choice((1, 1, 2)))),
        key=lambda m: m.start(),
    )
    out: list[str] = []
    pos = 0
    for m in picked:
        out.append(text[pos : m.start()])
        out.append(_typo_word(m.group(0)))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _compile(text: str) -> _Compiled:
    parts = _literal_parts(text)
    literals = tuple(parts[0::2])
    fields: list[_Field] = []
    for name in parts[1::2]:
        if name in _GENERATED:
            fields.append(name)
        elif name in _LIST_SLOTS:
            fields.append(_LIST_SLOTS[name])
        else:
            raise KeyError(f"unknown slot {{{name}}} in seed template {text!r}")
    return literals, tuple(fields)


@dataclass(frozen=True, slots=True)
class _Template:
    variants: tuple[_Compiled, ...]  # index: 1 = unaccented, 2 = teencode, 4 = typos
    marks: tuple[bool, ...]  # the variant's literal text has diacritics
    teen: bool  # the teencode variant differs from the plain one
    emoji: bool
    caps: bool  # written in capitals
    greets: bool  # starts with a greeting or an address to the page
    urgent: bool
    private: bool  # may appear in a private message
    public: bool  # may appear in a public comment


def _template(raw: str, *, plain: bool = False) -> _Template:
    urgent = private = public = False
    while raw[:1] in ("!", "@", "#"):
        mark, raw = raw[0], raw[1:]
        urgent |= mark == "!"
        private |= mark == "@"
        public |= mark == "#"
    if not private and not public:
        private = public = True
    base = raw
    teen = base if plain else _teencode(base)
    texts = [base, teen, base if plain else _typos(base), teen if plain else _typos(teen)]
    variants: list[_Compiled] = []
    marks: list[bool] = []
    for index in range(8):
        source = texts[((index >> 1) & 1) | (((index >> 2) & 1) << 1)]
        text = strip_diacritics(source) if index & 1 else source
        variants.append(_compile(text))
        marks.append(_has_marks(_FIELD_RE.sub("", text)))
    letters = [ch for ch in _FIELD_RE.sub("", base) if ch.isalpha()]
    caps = len(letters) > 10 and all(ch.isupper() for ch in letters)
    return _Template(
        variants=tuple(variants),
        marks=tuple(marks),
        teen=teen != base,
        emoji=_has_emoji(base),
        caps=caps,
        greets=base.lower().startswith(_GREETINGS),
        urgent=urgent,
        private=private,
        public=public,
    )


def _templates(raws: Sequence[str], *, plain: bool = False) -> tuple[_Template, ...]:
    return tuple(_template(r, plain=plain) for r in raws)


_CITIZEN_T: dict[Category, tuple[_Template, ...]] = {
    cat: _templates(raws) for cat, raws in _CITIZEN.items()
}
_OPENERS_T = _templates(_OPENERS)
_CLOSERS_T = _templates(_CLOSERS)
_NO_COMMON_TAILS = frozenset({Category.SPAM, Category.HOSTILE, Category.ABUSIVE})
_TAILS_T: dict[Category, tuple[_Template, ...]] = {
    cat: _templates(_TAILS[cat] + (() if cat in _NO_COMMON_TAILS else _TAILS_COMMON))
    for cat in Category
}
_FOLLOW_T: dict[tuple[Category, bool], tuple[_Template, ...]] = {
    key: _templates(raws + (_FOLLOW_GENERIC if key[0] in _GENERIC_FOLLOW_CATEGORIES else ()))
    for key, raws in _FOLLOW.items()
}
_POSTS_T = _templates(_POSTS, plain=True)
_EMOJI_PICK: dict[Category, tuple[str, ...]] = {
    cat: tuple(e * n for e in emojis for n in (1, 1, 1, 2, 3)) for cat, emojis in _EMOJI.items()
}
_EMOJI_URGENT = tuple(e * n for e in ("🆘", "😭", "🙏", "‼️", "😱") for n in (1, 2, 3))


def _pools() -> dict[tuple[Category, bool, bool], tuple[_Template, ...]]:
    """Templates by (category, urgent, private); an empty channel pool falls back to both."""
    pools: dict[tuple[Category, bool, bool], tuple[_Template, ...]] = {}
    for cat, templates in _CITIZEN_T.items():
        for urgent in (False, True):
            same = [t for t in templates if t.urgent is urgent]
            for private in (False, True):
                chosen = [t for t in same if (t.private if private else t.public)]
                pools[cat, urgent, private] = tuple(chosen or same)
    return pools


_POOLS = _pools()
URGENT_CATEGORIES: tuple[Category, ...] = tuple(
    c for c in CATEGORY_WEIGHTS if c in URGENT_SHARE and _POOLS[c, True, False]
)
_CATEGORIES = tuple(CATEGORY_WEIGHTS)
_CUM_WEIGHTS = tuple(accumulate(CATEGORY_WEIGHTS.values()))
_URGENT_CUM = tuple(accumulate(CATEGORY_WEIGHTS[c] * URGENT_SHARE[c] for c in URGENT_CATEGORIES))

# Style probabilities.
_P_UNACCENTED = 0.25
_P_TEENCODE = 0.30
_P_TYPO = 0.08
_P_CAPS = 0.03
_P_CAPS_ANGRY = 0.12  # abusive, hostile and urgent texts
_P_OPENER = 0.45
_P_CLOSER = 0.25
_P_TAIL_PRIVATE = 0.12
_P_TAIL_PUBLIC = 0.03
_P_EMOJI: dict[Category, float] = {
    Category.FEEDBACK: 0.35,
    Category.SPAM: 0.4,
    Category.OTHER: 0.25,
    Category.ABUSIVE: 0.2,
    Category.HOSTILE: 0.15,
    Category.SCAM_REPORT: 0.12,
    Category.CRIME_TIP: 0.08,
    Category.ADMIN_QUESTION: 0.1,
    Category.COMPLAINT: 0.1,
}
_END_PUNCT = frozenset(".!?…)\n")

_STYLE_SETS: dict[int, frozenset[str]] = {}
_STYLE_BITS = ("accented", "unaccented", "teencode", "caps", "emoji", "short", "long", "pii")


def _styles(mask: int) -> frozenset[str]:
    styles = _STYLE_SETS.get(mask)
    if styles is None:
        styles = frozenset(s for i, s in enumerate(_STYLE_BITS) if mask >> i & 1)
        _STYLE_SETS[mask] = styles
    return styles


_EMPTY: frozenset[str] = frozenset()

# Names, unaccented copies alongside.
_FAMILY_LIST = tuple(name for name, weight in _FAMILY for _ in range(weight))


def _pair(values: Sequence[str]) -> _ListSlot:
    return tuple(values), tuple(strip_diacritics(v) for v in values)


def _pairs_of(values: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((v, strip_diacritics(v)) for v in values)


_FAMILY_P = _pair(_FAMILY_LIST)
_MIDDLE_M_P = _pair(_MIDDLE_M)
_MIDDLE_F_P = _pair(_MIDDLE_F)
_GIVEN_M_P = _pair(_GIVEN_M)
_GIVEN_F_P = _pair(_GIVEN_F)
_STREETS_TH_P = _pair(_STREETS_TH)
_WARDS_TH_P = _pair(_WARDS_TH)
_STREETS_SS_P = _pair(_STREETS_SS)
_WARDS_SS_P = _pair(_WARDS_SS)
_HAMLETS_P = _pair(_HAMLETS)
_COMMUNE_DISTRICT_P = (
    _COMMUNE_DISTRICT,
    tuple((strip_diacritics(c), strip_diacritics(d)) for c, d in _COMMUNE_DISTRICT),
)
_NGAN_HANG = ("ngân hàng", "ngan hang")
_ADDRESS_FORMS = _pairs_of(
    (
        "số {0} ngõ {1} đường {2}, phường {3}",
        "số {0} đường {2}, phường {3}, TP Thanh Hóa",
        "số nhà {0}, {1}, xã {2}, huyện {3}",
        "{0}/{1} {2}, P. {3}",
        "số {0} đường {1}, phường {2}, TP Sầm Sơn",
    )
)
_ASCII_GIVEN = tuple(strip_diacritics(g).lower() for g in _GIVEN_M + _GIVEN_F)
_ASCII_FAMILY = tuple(strip_diacritics(f).lower() for f in _FAMILY_LIST)
_ALNUM = "abcdefghijkmnpqrstuvwxyz23456789"


class TextGenerator:
    """Citizen messages, officer replies, Page posts and names; deterministic for its ``rng``."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._random = rng.random
        self._choice = rng.choice
        self._randrange = rng.randrange
        self._gens: dict[str, Callable[[int, list[tuple[str, str]]], str]] = {
            "phone": self._phone,
            "cccd": self._cccd,
            "stk": self._stk,
            "plate": self._plate,
            "email": self._email,
            "address": self._address,
            "name": self._formal_name,
            "betlink": self._betlink,
            "spamlink": self._spamlink,
            "case_code": self._case_code,
        }

    # -- citizen texts ----------------------------------------------------------------------

    def citizen_text(
        self,
        category: Category | None = None,
        *,
        private: bool = False,
        urgent: bool | None = None,
    ) -> SeedText:
        """A citizen's comment (``private=False``) or first message of a conversation.

        ``category=None`` draws one from ``CATEGORY_WEIGHTS``; ``urgent=None`` draws urgency
        (about 4 % overall), ``True`` forces an urgent text, switching to a category that can be
        urgent if needed.
        """
        rnd = self._random
        cat, is_urgent = self._pick(category, urgent)
        template = self._choice(_POOLS[cat, is_urgent, private])
        v = (rnd() < _P_UNACCENTED) | (rnd() < _P_TEENCODE) << 1 | (rnd() < _P_TYPO) << 2
        out: list[str] = []
        pii: list[tuple[str, str]] = []
        marks = False
        chat = private and cat in _OPENER_CATEGORIES and not template.caps and not is_urgent
        if chat and not template.greets and rnd() < _P_OPENER:
            marks = self._add(self._choice(_OPENERS_T), v & 3, out, pii, None)
        marks |= self._add(template, v, out, pii, None)
        if chat and cat in _CLOSER_CATEGORIES and rnd() < _P_CLOSER:
            marks |= self._add(self._choice(_CLOSERS_T), v & 3, out, pii, ". ")
        tails = _TAILS_T[cat]
        if tails and rnd() < (_P_TAIL_PRIVATE if private else _P_TAIL_PUBLIC):
            sep = self._choice((". ", ", ", "\n"))
            marks |= self._add(self._choice(tails), v & 3, out, pii, sep)
        angry = is_urgent or cat is Category.ABUSIVE or cat is Category.HOSTILE
        caps = template.caps or rnd() < (_P_CAPS_ANGRY if angry else _P_CAPS)
        return self._finish(
            out,
            pii,
            cat,
            is_urgent,
            v,
            marks=marks,
            teen=bool(v & 2) and template.teen,
            caps=caps,
            emoji=template.emoji,
            p_emoji=_P_EMOJI[cat],
        )

    def citizen_followup(self, first: SeedText) -> SeedText:
        """A later message of the same thread by the same kind of writer: shorter, same category."""
        rnd = self._random
        cat = first.category
        template = self._choice(_FOLLOW_T.get((cat, first.urgent)) or _FOLLOW_T[cat, False])
        styles = first.styles
        unaccented = ("unaccented" in styles) is (rnd() < 0.9)
        teen_on = ("teencode" in styles) is (rnd() < 0.85)
        v = unaccented | teen_on << 1
        out: list[str] = []
        pii: list[tuple[str, str]] = []
        marks = self._add(template, v, out, pii, None)
        tails = _TAILS_T[cat]
        if tails and not pii and rnd() < 0.08:
            marks |= self._add(self._choice(tails), v, out, pii, ". ")
        caps = template.caps or (("caps" in styles) and rnd() < 0.7)
        return self._finish(
            out,
            pii,
            cat,
            first.urgent,
            v,
            marks=marks,
            teen=bool(v & 2) and template.teen,
            caps=caps,
            emoji=template.emoji,
            p_emoji=_P_EMOJI[cat] / 2,
        )

    # -- official texts ---------------------------------------------------------------------

    def officer_reply(self, category: Category, unit_name: str, *, urgent: bool = False) -> str:
        """A polite reply of the Page or OA, signed by ``unit_name``."""
        pool = _URGENT_REPLIES if urgent else _REPLIES[category]
        body = self._choice(pool).format(
            unit=unit_name, hotline=self.hotline(unit_name), portal=_PORTAL
        )
        return body[0].upper() + body[1:]

    def post_text(self) -> str:
        """A Page post: crime-method warnings, arrest news, public-service notices, traffic."""
        out: list[str] = []
        self._render(self._choice(_POSTS_T), 0, out, [])
        return "".join(out)

    @staticmethod
    def hotline(unit_name: str) -> str:
        """A fictional but stable landline of the unit (Thanh Hóa's area code is 0237)."""
        n = zlib.crc32(unit_name.encode()) % 1_000_000
        return f"0237.3{n // 1000:03d}.{n % 1000:03d}"

    def person_name(self) -> str:
        """A display name: mostly full names, some unaccented, reversed or nicknames."""
        rnd = self._random()
        if rnd < 0.68:
            return self._formal_name(0, [])
        if rnd < 0.76:
            return self._formal_name(1, [])
        female = self._random() < 0.5
        given = self._choice(_GIVEN_F if female else _GIVEN_M)
        if rnd < 0.84:  # Facebook order: given name first
            return f"{given} {self._choice(_FAMILY_LIST)}"
        if rnd < 0.95:
            return f"{given} {self._choice(_NICK_SUFFIX)}"
        return self._choice(_NICKS_WHOLE)

    # -- internals --------------------------------------------------------------------------

    def _render(
        self, template: _Template, v: int, out: list[str], pii: list[tuple[str, str]]
    ) -> None:
        literals, fields = template.variants[v]
        out.append(literals[0])
        if not fields:
            return
        choice = self._choice
        unacc = v & 1
        for i, field in enumerate(fields, 1):
            if type(field) is str:
                out.append(self._gens[field](unacc, pii))
            else:
                out.append(choice(field[unacc]))
            out.append(literals[i])

    @staticmethod
    def _ends_sentence(out: list[str]) -> bool:
        for piece in reversed(out):
            if piece:
                return piece[-1] in _END_PUNCT
        return True

    def _pick(self, category: Category | None, urgent: bool | None) -> tuple[Category, bool]:
        rnd = self._random
        if urgent and (category is None or category not in URGENT_SHARE):
            cat = URGENT_CATEGORIES[bisect(_URGENT_CUM, rnd() * _URGENT_CUM[-1])]
        elif category is None:
            cat = _CATEGORIES[bisect(_CUM_WEIGHTS, rnd() * _CUM_WEIGHTS[-1])]
        else:
            cat = category
        if urgent is None:
            share = URGENT_SHARE.get(cat)
            return cat, share is not None and rnd() < share
        return cat, urgent

    def _add(
        self,
        template: _Template,
        v: int,
        out: list[str],
        pii: list[tuple[str, str]],
        sep: str | None,
    ) -> bool:
        """Render ``template`` after ``out`` (``sep`` first unless a sentence just ended)."""
        if sep is not None:
            out.append(" " if self._ends_sentence(out) else sep)
        self._render(template, v, out, pii)
        return template.marks[v]

    def _finish(
        self,
        out: list[str],
        pii: list[tuple[str, str]],
        cat: Category,
        urgent: bool,
        v: int,
        *,
        marks: bool,
        teen: bool,
        caps: bool,
        emoji: bool,
        p_emoji: float,
    ) -> SeedText:
        if self._random() < p_emoji:
            emoji = True
            pick = self._choice(_EMOJI_URGENT if urgent else _EMOJI_PICK[cat])
            if self._random() < 0.8:
                out.append(" " + pick)
            else:
                out.insert(0, pick + " ")
        text = "".join(out)
        if caps:
            text = text.upper()
            pii = [(kind, value.upper()) for kind, value in pii]
        if v & 1:
            mask = 2
        elif marks:
            mask = 1
        else:  # rare: a short teencode text without marks, or marks only from slot values
            mask = 1 if _has_marks(text) else 2
        mask |= teen << 2 | caps << 3 | emoji << 4
        size = len(text)
        if size <= SHORT_MAX_LEN:
            mask |= 32
        elif size >= LONG_MIN_LEN:
            mask |= 64
        if pii:
            mask |= 128
            kinds = frozenset(kind for kind, _ in pii)
        else:
            kinds = _EMPTY
        return SeedText(text, cat, urgent, _styles(mask), kinds, tuple(pii))

    # generated slots: (unaccented, pii sink) -> text

    def _phone(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        digits = self._choice(_MOBILE_PREFIXES) + f"{self._randrange(10_000_000):07d}"
        form = self._random()
        if form < 0.45:
            value = digits
        elif form < 0.6:
            value = f"{digits[:3]}.{digits[3:6]}.{digits[6:]}"
        elif form < 0.75:
            value = f"{digits[:4]} {digits[4:7]} {digits[7:]}"
        elif form < 0.85:
            value = f"+84 {digits[1:4]} {digits[4:7]} {digits[7:]}"
        elif form < 0.93:
            value = f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
        else:
            value = "+84" + digits[1:]
        pii.append(("phone", value))
        return value

    def _cccd(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        century = self._randrange(4)  # 0/1: born 19xx (male/female), 2/3: born 20xx
        year = self._randrange(50, 100) if century < 2 else self._randrange(0, 9)
        value = f"038{century}{year:02d}{self._randrange(1_000_000):06d}"
        pii.append(("cccd", value))
        return value

    def _stk(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        bank, prefix, length = self._choice(_BANK_ACCOUNTS)
        rest = length - len(prefix)
        number = prefix + f"{self._randrange(10**rest):0{rest}d}"
        pii.append(("bank_account", number))
        form = self._randrange(5)
        if form == 0:
            return f"{number} {bank}"
        if form == 1:
            return f"{number} - {bank}"
        if form == 2:
            return f"{number} {_NGAN_HANG[unacc]} {bank}"
        if form == 3:
            return f"{bank} {number}"
        return f"{number} ({bank})"

    def _plate(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        n = self._randrange(100_000)
        digits = f"{n // 100:03d}.{n % 100:02d}"
        if self._random() < 0.45:
            value = f"36{self._choice('ABCDEFGHK')}-{digits}"
        else:
            value = f"36{self._choice('BCDEFGHKLMNP')}{self._randrange(1, 10)}-{digits}"
        pii.append(("plate", value))
        return value

    def _email(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        given = self._choice(_ASCII_GIVEN)
        family = self._choice(_ASCII_FAMILY)
        form = self._randrange(5)
        if form == 0:
            local = f"{family}{given}{self._randrange(80, 100)}"
        elif form == 1:
            local = f"{given}.{family}"
        elif form == 2:
            local = f"{given}{family[0]}{self._randrange(1, 1000)}"
        elif form == 3:
            local = f"{family}.{given}.th"
        else:
            local = f"{given}{self._randrange(1985, 2008)}"
        value = f"{local}@{self._choice(_EMAIL_DOMAINS)}"
        pii.append(("email", value))
        return value

    def _address(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        choice = self._choice
        form = self._randrange(len(_ADDRESS_FORMS))
        pattern = _ADDRESS_FORMS[form][unacc]
        house = self._randrange(1, 200)
        if form == 2:
            commune, district = choice(_COMMUNE_DISTRICT_P[unacc])
            value = pattern.format(house, choice(_HAMLETS_P[unacc]), commune, district)
        elif form == 4:
            value = pattern.format(house, choice(_STREETS_SS_P[unacc]), choice(_WARDS_SS_P[unacc]))
        else:
            value = pattern.format(
                house,
                self._randrange(2, 60),
                choice(_STREETS_TH_P[unacc]),
                choice(_WARDS_TH_P[unacc]),
            )
        pii.append(("address", value))
        return value

    def _formal_name(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        choice = self._choice
        if self._random() < 0.5:
            middle, given = _MIDDLE_F_P, _GIVEN_F_P
        else:
            middle, given = _MIDDLE_M_P, _GIVEN_M_P
        return f"{choice(_FAMILY_P[unacc])} {choice(middle[unacc])} {choice(given[unacc])}"

    def _betlink(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        code = "".join(self._rng.choices(_ALNUM, k=6))
        return f"https://{self._choice(_BET_DOMAINS)}.example/{code}"

    def _spamlink(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        code = "".join(self._rng.choices(_ALNUM, k=5))
        return f"https://{self._choice(_SPAM_DOMAINS)}.example/?ref={code}"

    def _case_code(self, unacc: int, pii: list[tuple[str, str]]) -> str:
        return f"G22.38-{self._randrange(230101, 251231)}-{self._randrange(10_000):04d}"
