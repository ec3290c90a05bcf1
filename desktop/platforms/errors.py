"""Typed platform errors: what a Graph or Zalo failure means for the sync engine and the outbox.

Every error is a ``PlatformError`` with ``platform`` ("facebook"/"zalo"), the platform's ``code``
and ``subcode``, the ``http_status`` and ``retryable``. Messages are scrubbed of tokens.

=====================  =====================================================================
``RateLimited``        back off for ``retry_after`` seconds (``scope``: "app" or "account")
``TokenExpired``       the access token is dead: refresh it (Zalo) or re-connect the account
``TokenInvalid``       the token (or refresh token / app secret) is not valid: re-connect
``PermissionMissing``  a permission / feature / task was not granted or was removed
``WindowClosed``       the messaging window has closed (24 h, 7 days HUMAN_AGENT, Zalo 7 days)
``AlreadyDone``        the write was already done (a second private reply to one comment)
``Transient``          retry later (5xx, timeouts, dropped connections, codes 1/2)
``MalformedResponse``  a ``Transient``: the answer could not be parsed or lacked keys
``Permanent``          do not retry the same request
``NotFound``           a ``Permanent``: the object does not exist (deleted) or is not visible
``RecipientUnavailable`` a ``Permanent``: the person cannot be messaged (blocked, not a follower)
=====================  =====================================================================

``Transient.may_have_applied`` is True when a write may have reached the platform although no
answer came back (timeout after sending, connection dropped, unreadable answer): the outbox must
read back before sending again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from desktop.platforms.redact import redact

PlatformName = Literal["facebook", "zalo"]
Scope = Literal["app", "account"]


class PlatformError(Exception):
    """Base of every Graph / Zalo failure. ``str(err)`` never contains a token."""

    default_retryable = False

    def __init__(
        self,
        message: str,
        *,
        platform: PlatformName,
        code: int | None = None,
        subcode: int | None = None,
        http_status: int | None = None,
        retryable: bool | None = None,
        trace_id: str | None = None,
        secrets: Iterable[str | None] = (),
    ) -> None:
        clean = redact(message, secrets)
        super().__init__(clean)
        self.message = clean
        self.platform: PlatformName = platform
        self.code = code
        self.subcode = subcode
        self.http_status = http_status
        self.retryable = self.default_retryable if retryable is None else retryable
        self.trace_id = trace_id

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # keyword-only constructors: rebuild from the attributes (copy, pickle)
        return (_restore, (type(self), self.message, dict(self.__dict__)))

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(platform={self.platform!r}, code={self.code!r}, "
            f"subcode={self.subcode!r}, http_status={self.http_status!r}, "
            f"message={self.message!r})"
        )


def _restore(cls: type[PlatformError], message: str, state: dict[str, Any]) -> PlatformError:
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class RateLimited(PlatformError):
    default_retryable = True

    def __init__(
        self,
        message: str,
        *,
        retry_after: float,
        scope: Scope = "account",
        platform: PlatformName,
        code: int | None = None,
        subcode: int | None = None,
        http_status: int | None = None,
        trace_id: str | None = None,
        secrets: Iterable[str | None] = (),
    ) -> None:
        super().__init__(
            message,
            platform=platform,
            code=code,
            subcode=subcode,
            http_status=http_status,
            trace_id=trace_id,
            secrets=secrets,
        )
        self.retry_after = max(0.0, float(retry_after))
        self.scope: Scope = scope


class TokenError(PlatformError):
    """The credentials do not work (base of ``TokenExpired`` and ``TokenInvalid``)."""


class TokenExpired(TokenError):
    pass


class TokenInvalid(TokenError):
    pass


class PermissionMissing(PlatformError):
    pass


class WindowClosed(PlatformError):
    pass


class AlreadyDone(PlatformError):
    pass


class Transient(PlatformError):
    default_retryable = True

    def __init__(
        self,
        message: str,
        *,
        platform: PlatformName,
        may_have_applied: bool = False,
        code: int | None = None,
        subcode: int | None = None,
        http_status: int | None = None,
        trace_id: str | None = None,
        secrets: Iterable[str | None] = (),
    ) -> None:
        super().__init__(
            message,
            platform=platform,
            code=code,
            subcode=subcode,
            http_status=http_status,
            trace_id=trace_id,
            secrets=secrets,
        )
        self.may_have_applied = may_have_applied


class MalformedResponse(Transient):
    pass


class Permanent(PlatformError):
    pass


class NotFound(Permanent):
    pass


class RecipientUnavailable(Permanent):
    pass
