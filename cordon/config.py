"""Where cordon keeps its state: one settings object built from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

HOME_ENV = "CORDON_HOME"


@dataclass(frozen=True)
class Settings:
    """Paths and defaults shared by the CLI, the API and the library."""

    home: Path

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
    """Settings from the environment: ``CORDON_HOME`` or the user's data directory."""
    raw = os.environ.get(HOME_ENV)
    home = Path(raw).expanduser() if raw else Path(user_data_dir("cordon", appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return Settings(home=home)
