"""A store with a list in two versions: the second adds one designation (for rescreen tests)."""

from __future__ import annotations

import json
from pathlib import Path

from cordon.lists.load import load_dataset
from cordon.lists.sample import load_sample
from cordon.screen.pipeline import screen_file
from cordon.store import connect

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "api"
SHIPMENTS = FIXTURES / "shipments.csv"
DATASET = "testlinks"
NEW_DESIGNATION = {
    "id": "testlinks-900", "schema": "Company", "datasets": [DATASET],
    "properties": {"name": ["SHENZHEN HUAXIN ELECTRONICS CO., LTD."], "country": ["cn"],
                   "program": ["RUSSIA-EO14024"], "topics": ["sanction"]},
}  # fmt: skip


def screened_home(home: Path, out: Path) -> str:
    """CORDON_HOME with the sample list and testlinks v1, and shipments.csv screened; run id."""
    home.mkdir(parents=True, exist_ok=True)
    conn = connect(home / "cordon.duckdb")
    try:
        load_sample(conn)
        load_dataset(conn, DATASET, [FIXTURES / "linked.ftm.jsonl"])
        return screen_file(SHIPMENTS, out, conn=conn).run_id
    finally:
        conn.close()


def designation_file(folder: Path) -> Path:
    """testlinks version 2: version 1 plus NEW_DESIGNATION, as an FtM file in ``folder``."""
    path = folder / "testlinks-v2.ftm.jsonl"
    path.write_text((FIXTURES / "linked.ftm.jsonl").read_text(encoding="utf-8").rstrip("\n")
                    + "\n" + json.dumps(NEW_DESIGNATION) + "\n", encoding="utf-8")
    return path
