"""Errors of the analytics package, each with a message that tells the user what to do."""

from __future__ import annotations

from cordon.errors import ConflictError, CordonError, NotFoundError


class AnalyticsError(CordonError):
    """Base class of report and export errors."""


class UnknownRunError(AnalyticsError, NotFoundError):
    """The requested screening run is not in the store (or the store has no finished run)."""


class UnknownTableError(AnalyticsError, NotFoundError):
    """The requested report table does not exist."""


class UnfinishedRunError(AnalyticsError, ConflictError):
    """The run is still running or failed: its figures would be partial."""
