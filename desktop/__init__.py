"""DutyDesk — Bàn trực mạng xã hội: one inbox for police Facebook Pages and Zalo OAs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dutydesk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
