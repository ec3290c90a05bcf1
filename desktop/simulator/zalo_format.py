"""Zalo OA Open API shapes (platform-apis.md B.0-B.3): HTTP 200 envelopes with ``error``,
message rows with ``time`` in ms and Vietnam-time ``sent_time``, string ids.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from desktop.simulator.model import ZaloMessage, ZaloOA, ZaloUser

VIETNAM = timezone(timedelta(hours=7))
Json = dict[str, Any]


class ZaloError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def body(self) -> Json:
        return {"error": self.code, "message": self.message}


def ok(data: Any) -> Json:
    return {"data": data, "error": 0, "message": "Success"}


def ms(ts: float) -> int:
    return round(ts * 1000)


def sent_time(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).astimezone(VIETNAM).strftime("%H:%M:%S %d/%m/%Y")


def vn_date(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).astimezone(VIETNAM).strftime("%d/%m/%Y")


def message_row(oa: ZaloOA, user: ZaloUser, msg: ZaloMessage) -> Json:
    if msg.src == 1:
        frm = (user.id, user.name, user.avatar)
        to = (oa.id, oa.name, oa.avatar)
    else:
        frm = (oa.id, oa.name, oa.avatar)
        to = (user.id, user.name, user.avatar)
    return {
        "src": msg.src,
        "time": ms(msg.time),
        "sent_time": sent_time(msg.time),
        "from_id": frm[0],
        "from_display_name": frm[1],
        "from_avatar": frm[2],
        "to_id": to[0],
        "to_display_name": to[1],
        "to_avatar": to[2],
        "message_id": msg.id,
        "type": msg.type,
        "message": msg.text,
    }


def user_detail(user: ZaloUser) -> Json:
    avatar120 = user.avatar.replace("s240-", "s120-")
    return {
        "user_id": user.id,
        "user_id_by_app": user.user_id_by_app,
        "user_external_id": "",
        "display_name": user.name,
        "user_alias": user.name,
        "is_sensitive": False,
        "user_last_interaction_date": (
            "" if user.last_interaction is None else vn_date(user.last_interaction)
        ),
        "user_is_follower": user.is_follower,
        "avatar": avatar120,
        "avatars": {"120": avatar120, "240": user.avatar},
        "dynamic_param": "",
        "tags_and_notes_info": {"notes": [], "tag_names": []},
        "shared_info": {
            "address": "",
            "city": "",
            "district": "",
            "phone": 0,
            "name": "",
            "user_dob": "",
        },
    }


def oa_info(oa: ZaloOA) -> Json:
    followers = sum(1 for u in oa.users.values() if u.is_follower)
    return {
        "oa_id": oa.id,
        "name": oa.name,
        "description": f"Kênh Zalo chính thức của {oa.name} (mô phỏng).",
        "oa_alias": "",
        "is_verified": True,
        "oa_type": 2,
        "cate_name": "Cơ quan nhà nước",
        "num_follower": followers,
        "avatar": oa.avatar,
        "cover": oa.avatar.replace("s240-", "cover-"),
        "package_name": "Gói Nâng cao",
        "package_valid_through_date": "31/12/2027",
    }
