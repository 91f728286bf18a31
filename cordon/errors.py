"""The one root of every error a cordon user can meet, and how each shell shows it.

A ``CordonError`` carries a message that reads as one line for people, the HTTP status the API
answers with and the exit code the CLI ends with. The CLI (:mod:`cordon.cli`) and the API
(:mod:`cordon.api.app`) map it in exactly one place each, so no failure a user meets is a
traceback. Packages raise their own subclasses (``InputError``, ``ListLoadError``,
``AnalyticsError``...) or the generic ones below.

The message is English (the API's ``detail`` is a contract); raised with a
:class:`cordon.i18n.message.Message` it is also shown to people in their language
(:attr:`CordonError.localized`, what the CLI prints).
"""

from __future__ import annotations

from typing import ClassVar

from cordon.i18n.message import localized


class CordonError(Exception):
    """A failure to report to the user as one line: message, HTTP status, exit code."""

    http_status: ClassVar[int] = 400
    exit_code: ClassVar[int] = 1  # docs/cli.md: 1 refused or failed, 2 cannot start

    @property
    def message(self) -> str:
        """The one-line message for people (newlines folded)."""
        return " ".join(str(self).split()) or type(self).__name__

    @property
    def localized(self) -> str:
        """The one-line message in the current language (English when raised as plain text)."""
        text = localized(self.args[0]) if len(self.args) == 1 else str(self)
        return " ".join(text.split()) or type(self).__name__


class UsageError(CordonError):
    """The command cannot start: bad arguments, an unknown dataset, an unusable input file."""

    exit_code = 2


class NotFoundError(CordonError):
    """Something asked for by name or id does not exist (a run, an alert, a dataset)."""

    http_status = 404


class ConflictError(CordonError):
    """A concurrent change got there first; retrying with fresh data may succeed."""

    http_status = 409


class PreconditionFailed(CordonError):
    """The client's ``If-Match`` no longer names the current version of a resource."""

    http_status = 412


class LimitError(CordonError):
    """An input exceeds a documented limit (see ``cordon.limits`` and docs/security.md)."""

    http_status = 422


class StoreBusyError(CordonError):
    """The store is held by another process (DuckDB allows one writer per file)."""

    http_status = 503


class StoreFullError(CordonError):
    """The disk holding the store or an output is full; nothing was half-written."""

    http_status = 507
