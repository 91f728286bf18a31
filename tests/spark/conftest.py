"""Fixtures of the Spark engine tests: one real ``local[2]`` Spark session for the package, and a
store holding the bundled sample list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.homes import sample_list_home

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.fixture(scope="package")
def spark() -> Iterator[SparkSession]:
    """A real Spark session on two local cores (Java 17 from the project's set-up)."""
    from cordon.screen.spark.session import spark_session

    session = spark_session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="package")
def spark_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A CORDON_HOME with the bundled sample list (and its name index) for this package."""
    with sample_list_home(tmp_path_factory.mktemp("spark-home")) as home:
        yield home
