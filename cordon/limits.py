"""The size limits every entry point enforces, in one place so they are documented and tunable.

A party name or a single word longer than any real one is either garbage or an attack (the
fuzzy index's work grows with word length): the API answers it 422, the record readers reject
the row, the list loaders reject the name, and the matcher itself truncates as a last defence.
Each limit can be changed with an environment variable (see ``docs/security.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cordon import settings
from cordon.settings import EnvVar


def _env_int(var: EnvVar, default: int) -> int:
    raw = var.raw()
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if value > 0 else default


def _env_seconds(var: EnvVar, default: float) -> float:
    raw = var.raw()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Limits:
    """Upper bounds on untrusted input; the defaults sit well above any real listed name."""

    max_name_length: int = 1_000  # characters in one party name (CORDON_MAX_NAME_LENGTH)
    max_token_length: int = 100  # characters in one word of a name (CORDON_MAX_TOKEN_LENGTH)
    match_timeout: float = 10.0  # seconds one API match may take (CORDON_MATCH_TIMEOUT)
    xlsx_max_unpacked_bytes: int = 512 << 20  # a workbook's archive, unpacked
    xlsx_max_ratio: int = 200  # compression ratio of any member over 1 MiB (real sheets: ~5-30)
    xlsx_max_shared_strings_bytes: int = 128 << 20  # the shared-strings table is held in memory
    read_timeout: float = 30.0  # seconds a client may pause mid-body (CORDON_READ_TIMEOUT)
    header_timeout: float = 10.0  # seconds to send a request's headers (CORDON_HEADER_TIMEOUT)


@lru_cache(maxsize=1)
def get_limits() -> Limits:
    """The limits, from the environment or the defaults."""
    defaults = Limits()
    return Limits(
        max_name_length=_env_int(settings.MAX_NAME_LENGTH, defaults.max_name_length),
        max_token_length=_env_int(settings.MAX_TOKEN_LENGTH, defaults.max_token_length),
        match_timeout=_env_seconds(settings.MATCH_TIMEOUT, defaults.match_timeout),
        read_timeout=_env_seconds(settings.READ_TIMEOUT, defaults.read_timeout),
        header_timeout=_env_seconds(settings.HEADER_TIMEOUT, defaults.header_timeout),
    )


def name_problem(name: str) -> str | None:
    """Why a party name is refused (too long, or a word too long), or None when it is fine."""
    limits = get_limits()
    if len(name) > limits.max_name_length:
        return f"name longer than {limits.max_name_length} characters ({len(name)})"
    longest = max((len(word) for word in name.split()), default=0)
    if longest > limits.max_token_length:
        return f"a word longer than {limits.max_token_length} characters ({longest})"
    return None
