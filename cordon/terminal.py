"""Text shown on a terminal, made inert: control and bidi-override characters escaped.

A file name is attacker-controlled text (an upload, a file in a leaked archive). Printed raw,
``\\x1b]0;...\\x07`` retitles the analyst's terminal, ``\\x1b[2J`` clears it and U+202E reverses
what follows; escaped, they are visible and harmless.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """``str(text)`` with every control character (bar tab and newline) and bidi control
    escaped as ``\\xNN`` or ``\\uNNNN``."""
    return _UNSAFE.sub(_escape, str(text))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
