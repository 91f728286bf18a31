"""Open the Spark session a run uses: a classic one on a master URL, or a Spark Connect client.

Local masters (``local[N]``) get the settings a laptop or CI needs: this Python for the workers,
loopback addresses, no web UI. Cluster masters and Spark Connect servers keep the user's config.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
APP_NAME = "cordon-screen"
# Every date and time is read and written as UTC, whatever the cluster's default zone.
SESSION_CONF: dict[str, str] = {"spark.sql.session.timeZone": "UTC"}
LOCAL_CONF: dict[str, str] = {
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "8",
}


def spark_session(master: str | None = None, remote: str | None = None) -> SparkSession:
    """The active session, or a new one on ``master`` (default ``local[*]``) or Spark Connect
    ``remote`` (``sc://HOST:PORT``)."""
    from pyspark.sql import SparkSession

    if remote:
        return SparkSession.builder.remote(remote).getOrCreate()
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    url = master or DEFAULT_MASTER
    builder = SparkSession.builder.master(url).appName(APP_NAME)
    conf = dict(SESSION_CONF)
    if url.startswith("local"):
        conf |= LOCAL_CONF | {"spark.pyspark.python": sys.executable}
        # the workers are this Python (with cordon installed) unless the user chose another
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def is_connect(spark: SparkSession) -> bool:
    """Whether ``spark`` is a Spark Connect client session."""
    from pyspark.sql.utils import is_remote

    return bool(is_remote()) or type(spark).__module__.startswith("pyspark.sql.connect")
