"""The same input screened several times against the same lists gives the same outputs.

The store holds the real OFAC SDN list and the bundled sample list (which repeats some SDN entities
and their "Linked To" links), the input is 20,000 rows of demo data, screened in batches of 5,000
on two DuckDB threads: enough for the aggregations that once depended on thread order (RF-12's
linked entities, RF-05's value sums, the risk product) to show it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cordon.demo import generate_demo_dataset
from cordon.lists.load import load_dataset
from cordon.lists.sample import load_sample
from cordon.screen.alerts import ALERTS_FILE
from cordon.screen.parties import load_links
from cordon.screen.pipeline import REJECTS_FILE, screen_file
from cordon.screen.summary import SUMMARY_FILE
from cordon.store import connect

ROWS = 20_000
BATCH_SIZE = 5_000
RUNS = 4  # screenings compared with the first
# What may differ between two runs of the same input: the run's id and when it ran.
RUN_KEYS = ("run_id", "started_at", "finished_at", "timings")


@pytest.fixture(scope="module")
def sdn_home(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[Path]:
    """A CORDON_HOME with the real OFAC SDN list and the bundled sample list."""
    home = tmp_path_factory.mktemp("determinism-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CORDON_HOME", str(home))
        conn = connect()
        try:
            load_dataset(conn, "us_ofac_sdn", [shared_data / "ofac"])
            load_sample(conn)
        finally:
            conn.close()
        yield home


def _screen(source: Path, out: Path) -> dict[str, bytes]:
    """Screen ``source`` into ``out`` (screen_file's own connection: two threads); the outputs."""
    screen_file(source, out, batch_size=BATCH_SIZE)
    summary = json.loads((out / SUMMARY_FILE).read_bytes())
    for key in RUN_KEYS:
        assert key in summary
        del summary[key]
    return {
        ALERTS_FILE: (out / ALERTS_FILE).read_bytes(),  # holds no run id and no timestamp
        REJECTS_FILE: (out / REJECTS_FILE).read_bytes(),
        SUMMARY_FILE: json.dumps(summary, sort_keys=True).encode(),
    }


def test_repeated_runs_write_the_same_outputs(sdn_home: Path, tmp_path: Path) -> None:
    source = generate_demo_dataset(tmp_path / "customs.csv", rows=ROWS, seed=7).path
    out = tmp_path / "out"
    first = _screen(source, out)
    alerts = first[ALERTS_FILE].splitlines()
    assert len(alerts) > 1_000
    assert any(b'"rule":"RF-12"' in line for line in alerts)  # the aggregations are exercised
    assert any(b'"rule":"RF-05"' in line for line in alerts)
    for _ in range(RUNS - 1):  # thread-order effects show in some runs only: compare several
        again = _screen(source, out)
        differing = [
            (a, b) for a, b in zip(alerts, again[ALERTS_FILE].splitlines(), strict=True) if a != b
        ]
        assert differing == []
        assert again == first


def test_links_name_each_linked_entity_once_in_a_fixed_order(sdn_home: Path) -> None:
    conn = connect()
    try:
        links = load_links(conn, None)
    finally:
        conn.close()
    # KVANT's link to the FSB is in both lists (the sample repeats it) and the FSB is listed in
    # both: one entry per list, not one per link and list, ordered by caption, list, list id.
    assert links["us_ofac_sdn-24646"] == (
        "FEDERAL SECURITY SERVICE (cordon_sample 21344)",
        "FEDERAL SECURITY SERVICE (us_ofac_sdn 21344)",
    )
    assert all(len(set(others)) == len(others) for others in links.values())
