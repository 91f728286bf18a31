"""Where cordon keeps its state: one settings object built from the environment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from cordon.errors import UsageError
from cordon.settings import HOME, LIST_STALE_DAYS

DEFAULT_STALE_DAYS = int(LIST_STALE_DAYS.default)


@dataclass(frozen=True)
class Settings:
    """Paths and defaults shared by the CLI, the API and the library."""

    home: Path
    list_stale_days: int = DEFAULT_STALE_DAYS

    @property
    def store_path(self) -> Path:
        """The DuckDB file holding list versions, indexes, runs and alerts."""
        return self.home / "cordon.duckdb"

    @property
    def index_dir(self) -> Path:
        """Directory of persisted name indexes, one per set of list versions."""
        return self.home / "indexes"

    @property
    def data_dir(self) -> Path:
        """Directory for downloaded reference data (HS nomenclature, list downloads)."""
        return self.home / "data"


def get_settings() -> Settings:
    """Settings from the environment: ``CORDON_HOME`` or the user's data directory, and
    ``CORDON_LIST_STALE_DAYS`` (a whole number of days >= 1, default 7)."""
    raw = HOME.raw()
    home = Path(raw).expanduser() if raw else Path(user_data_dir("cordon", appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return Settings(home=home, list_stale_days=_stale_days(LIST_STALE_DAYS.raw()))


def _stale_days(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_STALE_DAYS
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError(f"{LIST_STALE_DAYS.name} must be a whole number of days >= 1, not {raw!r}")
    return int(raw)
