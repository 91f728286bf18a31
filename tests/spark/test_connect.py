"""The ``--spark-remote`` path: a real Spark Connect server (from the pyspark package) started by
the test on loopback, and the real ``cordon screen --engine spark`` CLI as a subprocess talking
to it. Its alerts and rejects are the local engine's."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cordon.demo import generate_demo_dataset
from cordon.screen.pipeline import screen_file
from tests.spark.test_parity import _alerts, _rejects

pytestmark = pytest.mark.slow

SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer"
START_TIMEOUT_S = 300  # the JVM starts in ~15 s on a quiet machine, minutes on a loaded one


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def connect_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``sc://127.0.0.1:PORT`` of a Spark Connect server on two local cores."""
    import pyspark

    home = Path(pyspark.__file__).parent
    port = _free_port()
    log = tmp_path_factory.mktemp("connect") / "server.log"
    env = dict(os.environ, SPARK_HOME=str(home), PYSPARK_PYTHON=sys.executable)
    conf = {
        "spark.connect.grpc.binding.address": "127.0.0.1",
        "spark.connect.grpc.binding.port": str(port),
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.pyspark.python": sys.executable,
        "spark.sql.session.timeZone": "UTC",
    }
    command = [str(home / "bin" / "spark-submit"), "--master", "local[2]", "--class", SERVER_CLASS]
    for key, value in conf.items():
        command += ["--conf", f"{key}={value}"]
    with log.open("wb") as out:
        server = subprocess.Popen([*command, "spark-internal"], env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert server.poll() is None, log.read_text(errors="replace")[-3000:]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "Spark Connect server did not start"
                time.sleep(0.5)
        yield f"sc://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


def test_cli_spark_remote_gives_the_local_engines_alerts(
    connect_url: str, spark_home: Path, tmp_path: Path
) -> None:
    truth = generate_demo_dataset(tmp_path / "demo.csv", rows=3000, seed=11)
    screen_file(truth.path, tmp_path / "local")
    out = tmp_path / "remote"
    cordon = str(Path(sys.executable).parent / "cordon")
    command = [cordon, "screen", str(truth.path), "--engine", "spark"]
    done = subprocess.run(
        [*command, "--spark-remote", connect_url, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
        env=dict(os.environ, CORDON_HOME=str(spark_home)),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (out / "summary.json").is_file() and (out / "scores").is_dir()
    assert _alerts(out) == _alerts(tmp_path / "local") != {}
    assert _rejects(out) == _rejects(tmp_path / "local")
