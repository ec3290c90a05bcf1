"""Choose where tokens are kept: the OS keyring, or (development/demo/tests only) a plain file.

A secure backend is a real OS store (Secret Service / KWallet on Linux, the macOS Keychain,
Windows Credential Locker). ``keyring``'s fail/null backends, an empty chainer and the
``keyrings.alt`` file backends are not: with keyrings.alt installed, ``keyring`` would quietly
pick its plaintext file on a machine without an OS store, so the choice is checked here.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import keyring
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

log = logging.getLogger(__name__)

INSECURE_ENV = "DUTYDESK_ALLOW_INSECURE_KEYRING"
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class NoSecureKeyringError(RuntimeError):
    """No OS keyring is available and the insecure development setting is off."""


NO_KEYRING_MESSAGE = (
    "DutyDesk cannot find a secure place to keep Facebook and Zalo tokens on this computer. "
    "On Linux, install and start a Secret Service keyring (for example the gnome-keyring "
    "package, or KWallet on KDE) and log in to a desktop session; Windows and macOS have one "
    "built in. For development, demos and tests only, set "
    f"{INSECURE_ENV}=1 to keep tokens in a plain-text file instead."
)


def is_secure(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    if isinstance(backend, ChainerBackend) or module.startswith(_INSECURE_MODULES):
        return False
    try:
        priority = float(backend.priority)
    except Exception:  # a backend that cannot tell is not trusted
        return False
    return priority >= 1


def _secure_choice(backend: KeyringBackend) -> KeyringBackend | None:
    if isinstance(backend, ChainerBackend):
        # write to the best secure member directly, never to a plaintext one in the chain
        members: list[Any] = list(backend.backends)
        return next((m for m in members if is_secure(m)), None)
    return backend if is_secure(backend) else None


def plaintext_keyring(path: Path) -> KeyringBackend:
    """keyrings.alt's plain-text file keyring at ``path`` (file mode 0600)."""
    from keyrings.alt.file import PlaintextKeyring

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
    os.close(fd)
    path.chmod(0o600)
    backend: KeyringBackend = PlaintextKeyring()
    backend.file_path = str(path)  # type: ignore[attr-defined]
    return backend


def select_keyring(allow_insecure: bool, insecure_path: Path) -> KeyringBackend:
    """The keyring to use, also installed as ``keyring``'s default.

    The system keyring if it is secure; otherwise the plain-text file at ``insecure_path``
    when ``allow_insecure`` (``DUTYDESK_ALLOW_INSECURE_KEYRING=1``), with a loud warning;
    otherwise ``NoSecureKeyringError``.
    """
    chosen = _secure_choice(keyring.get_keyring())
    if chosen is None:
        if not allow_insecure:
            raise NoSecureKeyringError(NO_KEYRING_MESSAGE)
        chosen = plaintext_keyring(insecure_path)
        log.warning(
            "INSECURE TOKEN STORAGE: no OS keyring is available and %s=1 is set, so Facebook "
            "and Zalo tokens are kept UNENCRYPTED in %s. Use this only for development, demos "
            "and tests, never on a duty-desk computer.",
            INSECURE_ENV,
            insecure_path,
        )
    keyring.set_keyring(chosen)
    return chosen
