"""RF-12 end to end: a party resembling an entity the list links ("Linked To") to another."""

from __future__ import annotations

from pathlib import Path

import pytest

from cordon.lists.load import load_dataset
from cordon.screen.alerts import read_alerts
from cordon.screen.parties import load_links
from cordon.screen.pipeline import screen_file
from cordon.store import connect

HEADER = "record_id,date,exporter_name,exporter_country,importer_name,importer_country,hs_code\n"


@pytest.fixture()
def linked_store(cordon_home: Path, fixtures_dir: Path) -> Path:
    conn = connect()
    load_dataset(conn, "fixturelinks", [fixtures_dir / "screen" / "linked.ftm.jsonl"])
    conn.close()
    return cordon_home


def test_links_are_read_both_ways(linked_store: Path) -> None:
    conn = connect()
    links = load_links(conn, None)
    only_other = load_links(conn, ["fixturelinks"])
    conn.close()
    assert links["fixturelinks-22406"] == ("KALASHNIKOV CONCERN (fixturelinks 16911)",)
    assert links["fixturelinks-16911"] == ("MOLOT-ORUZHIE, OOO (fixturelinks 22406)",)
    assert only_other == links


def test_importer_of_a_linked_entity_raises_rf12(linked_store: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        HEADER + "R1,2023-02-01,Ningbo Kaitai Trading Co Ltd,CN,ООО «Молот-Оружие»,RU,930190\n",
        encoding="utf-8",
    )
    screen_file(source, tmp_path / "out")
    [alert] = read_alerts(tmp_path / "out" / "alerts.jsonl")
    party = [r for r in alert["reasons"] if r["kind"] == "party_match"]
    linked = [r for r in alert["reasons"] if r.get("rule") == "RF-12"]
    assert party[0]["entity_id"] == "22406"
    assert (
        linked
        and "links (Linked To) to KALASHNIKOV CONCERN (fixturelinks 16911)" in linked[0]["detail"]
    )
