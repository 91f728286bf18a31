"""Messages kept with their values until shown: English for machines, translated for people.

An error raised deep in a library does not know who will read it: the API answers in English
(``{"detail": …}`` is a contract), the CLI writes to a person in ``--lang``/``CORDON_LANG``. A
:class:`Message` holds the English catalogue message (``%(name)s`` placeholders) and its values;
``str()`` is the English text, exactly as before, and :meth:`Message.translated` is the text in the
current language. Values may be messages themselves (a file's place, then its problem); they are
translated with it. Mark the text with ``N_()`` where it is written so ``make i18n`` extracts it::

    raise InputError(path, Message(N_("no such file")))
    raise StoreBusyError(Message(N_("the store %(path)s is in use by %(who)s"), path=p, who=w))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from cordon.i18n.catalog import gettext, pgettext

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


class Message:
    """A catalogue message and its named values, rendered when shown."""

    __slots__ = ("context", "text", "values")

    def __init__(self, text: str, context: str | None = None, **values: object) -> None:
        self.text = text
        self.context = context
        self.values: Mapping[str, object] = values

    def __str__(self) -> str:
        """The English text (what the API, logs and ``alerts.jsonl`` keep)."""
        return self.text % {key: str(value) for key, value in self.values.items()}

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"

    def with_values(self, values: Mapping[str, object]) -> Message:
        """The same message with other values (read back from a file, or made ready for people)."""
        message = Message(self.text, self.context)
        message.values = dict(values)
        return message

    def translated(self) -> str:
        """The text in the current language (values that are messages translated too)."""
        template = pgettext(self.context, self.text) if self.context else gettext(self.text)
        return template % {key: localized(value) for key, value in self.values.items()}


def localized(value: object) -> str:
    """``value`` for people in the current language: a :class:`Message` translated, else as is."""
    return value.translated() if isinstance(value, Message) else str(value)


@lru_cache(maxsize=256)
def _shape(template: str) -> re.Pattern[str]:
    """A regular expression matching the English text of ``template``, one group per value."""
    parts = _PLACEHOLDER.split(template)
    return re.compile(
        "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
            for index, part in enumerate(parts)
        ),
        re.DOTALL,
    )


def read_message(text: str, templates: Iterable[str]) -> Message | None:
    """The :class:`Message` whose English text is ``text``: the first of ``templates`` with its
    shape, its values read back as strings; None when none has it.

    Machine files keep English sentences (``rejects.csv``); this reads them back for people.
    """
    for template in templates:
        found = _shape(template).fullmatch(text)
        if found:
            return Message(template).with_values(found.groupdict())
    return None
