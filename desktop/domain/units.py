"""The unit tree of the first customer, Công an tỉnh Thanh Hóa (domain.md, 2020 layout).

A code is stable and ASCII (it names keyring entries and accounts); the name is what officers read.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.enums import UnitLevel


@dataclass(frozen=True, slots=True)
class UnitSpec:
    code: str
    name: str
    level: UnitLevel
    parent_code: str | None


PROVINCE_CODE = "TH"

_DISTRICTS: tuple[tuple[str, str], ...] = (
    ("TH-TPTH", "Công an TP Thanh Hóa"),
    ("TH-SAMSON", "Công an TP Sầm Sơn"),
    ("TH-BIMSON", "Công an TX Bỉm Sơn"),
    ("TH-NGHISON", "Công an TX Nghi Sơn"),
    ("TH-BATHUOC", "Công an huyện Bá Thước"),
    ("TH-CAMTHUY", "Công an huyện Cẩm Thủy"),
    ("TH-DONGSON", "Công an huyện Đông Sơn"),
    ("TH-HATRUNG", "Công an huyện Hà Trung"),
    ("TH-HAULOC", "Công an huyện Hậu Lộc"),
    ("TH-HOANGHOA", "Công an huyện Hoằng Hóa"),
    ("TH-LANGCHANH", "Công an huyện Lang Chánh"),
    ("TH-MUONGLAT", "Công an huyện Mường Lát"),
    ("TH-NGASON", "Công an huyện Nga Sơn"),
    ("TH-NGOCLAC", "Công an huyện Ngọc Lặc"),
    ("TH-NHUTHANH", "Công an huyện Như Thanh"),
    ("TH-NHUXUAN", "Công an huyện Như Xuân"),
    ("TH-NONGCONG", "Công an huyện Nông Cống"),
    ("TH-QUANHOA", "Công an huyện Quan Hóa"),
    ("TH-QUANSON", "Công an huyện Quan Sơn"),
    ("TH-QUANGXUONG", "Công an huyện Quảng Xương"),
    ("TH-THACHTHANH", "Công an huyện Thạch Thành"),
    ("TH-THIEUHOA", "Công an huyện Thiệu Hóa"),
    ("TH-THOXUAN", "Công an huyện Thọ Xuân"),
    ("TH-THUONGXUAN", "Công an huyện Thường Xuân"),
    ("TH-TRIEUSON", "Công an huyện Triệu Sơn"),
    ("TH-VINHLOC", "Công an huyện Vĩnh Lộc"),
    ("TH-YENDINH", "Công an huyện Yên Định"),
)

# A few communes/wards so that the tree has its third level; the rest are added by unit admins.
_COMMUNES: tuple[tuple[str, str, str], ...] = (
    ("TH-TPTH-DIENBIEN", "Công an phường Điện Biên", "TH-TPTH"),
    ("TH-TPTH-LAMSON", "Công an phường Lam Sơn", "TH-TPTH"),
    ("TH-TPTH-DONGTHO", "Công an phường Đông Thọ", "TH-TPTH"),
    ("TH-SAMSON-TRUNGSON", "Công an phường Trung Sơn", "TH-SAMSON"),
    ("TH-SAMSON-BACSON", "Công an phường Bắc Sơn", "TH-SAMSON"),
    ("TH-HOANGHOA-HOANGDONG", "Công an xã Hoằng Đông", "TH-HOANGHOA"),
    ("TH-THOXUAN-XUANLAP", "Công an xã Xuân Lập", "TH-THOXUAN"),
    ("TH-NGHISON-HAIHOA", "Công an phường Hải Hòa", "TH-NGHISON"),
)


def thanh_hoa_units() -> list[UnitSpec]:
    """Province HQ, its 27 districts and a few communes, parents before children."""
    units = [UnitSpec(PROVINCE_CODE, "Công an tỉnh Thanh Hóa", UnitLevel.PROVINCE, None)]
    units += [UnitSpec(c, n, UnitLevel.DISTRICT, PROVINCE_CODE) for c, n in _DISTRICTS]
    units += [UnitSpec(c, n, UnitLevel.COMMUNE, p) for c, n, p in _COMMUNES]
    return units


def account_units() -> list[UnitSpec]:
    """The 28 units that run a Page and an OA: the province HQ and the 27 districts."""
    return [u for u in thanh_hoa_units() if u.level is not UnitLevel.COMMUNE]
