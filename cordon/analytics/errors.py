"""Errors of the analytics package, each with a message that tells the user what to do."""

from __future__ import annotations

from cordon.errors import CordonError


class AnalyticsError(CordonError):
    """Base class of report and export errors."""


class UnknownRunError(AnalyticsError):
    """The requested screening run is not in the store (or the store has no finished run)."""

    http_status = 404


class UnknownTableError(AnalyticsError):
    """The requested report table does not exist."""

    http_status = 404


class UnfinishedRunError(AnalyticsError):
    """The run is still running or failed: its figures would be partial."""

    http_status = 409
