"""Graph API error objects (platform-apis.md A.6): ``{"error": {message, type, code, ...}}``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

_PST = timedelta(hours=-8)
_DOCS = "https://developers.facebook.com/docs/graph-api"


class GraphError(Exception):
    def __init__(
        self,
        code: int,
        message: str,
        *,
        subcode: int | None = None,
        status: int = 400,
        type_: str = "OAuthException",
        is_transient: bool | None = None,
        user_title: str | None = None,
        user_msg: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = (
            message if code == 190 or message.startswith("(#") else f"(#{code}) {message}"
        )
        self.subcode = subcode
        self.status = status
        self.type = type_
        self.is_transient = is_transient
        self.user_title = user_title
        self.user_msg = user_msg

    def body(self, trace_id: str) -> dict[str, Any]:
        err: dict[str, Any] = {"message": self.message, "type": self.type, "code": self.code}
        if self.subcode is not None:
            err["error_subcode"] = self.subcode
        if self.is_transient is not None:
            err["is_transient"] = self.is_transient
        if self.user_title is not None:
            err["error_user_title"] = self.user_title
        if self.user_msg is not None:
            err["error_user_msg"] = self.user_msg
        err["fbtrace_id"] = trace_id
        return {"error": err}


def _pst(ts: float) -> str:
    return (datetime.fromtimestamp(ts, UTC) + _PST).strftime("%A, %d-%b-%y %H:%M:%S PST")


def token_missing() -> GraphError:
    return GraphError(104, "An access token is required to request this resource.")


def token_invalid() -> GraphError:
    return GraphError(190, "Invalid OAuth access token - Cannot parse access token", subcode=467)


def token_expired(expired_at: float, now: float) -> GraphError:
    return GraphError(
        190,
        f"Error validating access token: Session has expired on {_pst(expired_at)}. "
        f"The current time is {_pst(now)}.",
        subcode=463,
    )


def token_revoked(subcode: int) -> GraphError:
    return GraphError(
        190,
        "Error validating access token: The session has been invalidated because the user "
        "changed their password or Facebook has changed the session for security reasons.",
        subcode=subcode,
    )


def page_token_required() -> GraphError:
    return GraphError(190, "(#190) This method must be called with a Page Access Token")


def unsupported(method: str, object_id: str) -> GraphError:
    return GraphError(
        100,
        f"Unsupported {method.lower()} request. Object with ID '{object_id}' does not exist, "
        "cannot be loaded due to missing permissions, or does not support this operation. "
        f"Please read the Graph API documentation at {_DOCS}",
        subcode=33,
        type_="GraphMethodException",
    )


def unknown_path(path: str) -> GraphError:
    return GraphError(2500, f"Unknown path components: /{path}")


def nonexisting_field(name: str, node_type: str) -> GraphError:
    return GraphError(100, f"Tried accessing nonexisting field ({name}) on node type ({node_type})")


def invalid_param(message: str, subcode: int | None = None) -> GraphError:
    return GraphError(100, message, subcode=subcode)


def permission(code: int, message: str) -> GraphError:
    return GraphError(code, message, status=403 if code in (4, 17, 32) else 400)


def read_permission_missing() -> GraphError:
    return GraphError(
        10,
        "This endpoint requires the 'pages_read_engagement' permission or the 'Page Public "
        "Content Access' feature. Refer to https://developers.facebook.com/docs/apps/review/"
        "login-permissions#manage-pages and https://developers.facebook.com/docs/apps/review/"
        "feature#reference-PAGES_ACCESS for details.",
    )


def manage_permission_missing() -> GraphError:
    return GraphError(
        200,
        "The user does not have sufficient administrative permission for this action on this "
        "page. If the page business requires Two Factor Authentication, the user also needs to "
        "enable Two Factor Authentication.",
        type_="OAuthException",
    )


def messaging_permission_missing() -> GraphError:
    return GraphError(230, "Requires pages_messaging permission to manage the object")


def human_agent_missing() -> GraphError:
    return GraphError(10, "Application does not have permission for this action")


def outside_window() -> GraphError:
    return GraphError(
        10,
        "This message is sent outside of allowed window. Learn more about the new policy here: "
        "https://developers.facebook.com/docs/messenger-platform/policy-overview",
        subcode=2018278,
        user_title="Message Not Sent",
        user_msg="This person isn't receiving messages from you right now.",
    )


def user_unavailable() -> GraphError:
    return GraphError(551, "This person isn't available right now.", subcode=1545041)


def no_matching_user() -> GraphError:
    return GraphError(100, "No matching user found", subcode=2018001)


def throttled(code: int, status: int) -> GraphError:
    messages = {
        4: "Application request limit reached",
        17: "User request limit reached",
        32: "Page request limit reached",
        613: "Calls to this api have exceeded the rate limit.",
        80001: "There have been too many calls to this Page account. Wait a bit and try again. "
        "For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/"
        "rate-limiting.",
    }
    return GraphError(
        code, messages.get(code, "Rate limit reached"), status=status, is_transient=True
    )


def server_error(status: int) -> GraphError:
    if status >= 500 and status != 500:
        return GraphError(
            2,
            "An unexpected error has occurred. Please retry your request later.",
            status=status,
            is_transient=True,
        )
    return GraphError(1, "An unknown error has occurred.", status=status, is_transient=True)
