"""Errors of the classification package (importable without numpy or scikit-learn)."""

from __future__ import annotations


class ModelUnavailable(RuntimeError):
    """The model files are missing or damaged; the message says what to do."""
