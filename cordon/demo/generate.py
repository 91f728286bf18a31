"""The synthetic customs dataset: clean multilingual trade plus planted evasion cases.

``generate_demo_dataset`` streams rows to a CSV (English headers, or Russian customs-export
headers with ``;`` and decimal commas) and writes ``demo_truth.csv``: which records were planted,
for which case, which role and which listed entity.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from cordon.demo.listed import load_listed_parties
from cordon.demo.planted import PARTY_CASES, DemoGenerator, Planted
from cordon.records.schema import CANONICAL_COLUMNS

Dialect = Literal["en", "ru"]
TRUTH_FILE = "demo_truth.csv"
TRUTH_COLUMNS = ("record_id", "case", "role", "entity_id", "source_id", "expected", "written_as")
RU_HEADERS = {
    "record_id": "Номер декларации", "date": "Дата", "exporter_name": "Отправитель",
    "exporter_country": "Страна отправителя", "exporter_address": "Адрес отправителя",
    "importer_name": "Получатель", "importer_country": "Страна получателя",
    "importer_tax_id": "ИНН получателя", "hs_code": "Код ТН ВЭД", "description": "Описание товара",
    "origin_country": "Страна происхождения", "dispatch_country": "Торгующая страна",
    "destination_country": "Страна назначения", "value": "Стоимость", "currency": "Валюта",
    "quantity": "Количество", "unit": "Единица измерения", "net_weight_kg": "Вес нетто",
}  # fmt: skip


@dataclass
class DemoTruth:
    """Where the generated data is and what was planted in it."""

    path: Path
    truth_path: Path
    rows: int
    cases: dict[str, int] = field(default_factory=dict)  # planted rows per case

    @property
    def planted_party_rows(self) -> int:
        """Rows planted with a listed party (by name variant or by INN)."""
        return sum(self.cases.get(case, 0) for case in PARTY_CASES)


def _iter_rows(generator: DemoGenerator) -> Iterator[tuple[dict[str, Any], Planted | None]]:
    planted = generator.planted()
    slots = sorted(generator.rng.sample(range(generator.rows), len(planted)))
    generator.rng.shuffle(planted)
    queue = iter(zip(slots, planted, strict=True))
    next_slot = next(queue, None)
    for index in range(generator.rows):
        if next_slot is not None and next_slot[0] == index:
            yield next_slot[1].fields, next_slot[1]
            next_slot = next(queue, None)
        else:
            yield generator.clean_row(), None


def _format(value: Any, dialect: Dialect) -> str:
    if isinstance(value, float) and dialect == "ru":
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def generate_demo_dataset(
    path: Path, rows: int = 20_000, seed: int = 7, *, dialect: Dialect = "en"
) -> DemoTruth:
    """Write ``rows`` synthetic customs records to ``path`` and the ground truth beside it.

    ``dialect="ru"`` writes Russian customs-export headers, ``;`` separators, dd.mm.yyyy dates
    and decimal commas. The truth file is ``demo_truth.csv`` in the same folder.
    """
    generator = DemoGenerator(rows, seed, load_listed_parties())
    path.parent.mkdir(parents=True, exist_ok=True)
    truth_path = path.parent / TRUTH_FILE
    headers = (
        [RU_HEADERS[c] for c in CANONICAL_COLUMNS] if dialect == "ru" else list(CANONICAL_COLUMNS)
    )
    cases: dict[str, int] = {}
    with (
        path.open("w", newline="", encoding="utf-8") as data_fh,
        truth_path.open("w", newline="", encoding="utf-8") as truth_fh,
    ):
        data = csv.writer(data_fh, delimiter=";" if dialect == "ru" else ",")
        truth = csv.writer(truth_fh)
        data.writerow(headers)
        truth.writerow(TRUTH_COLUMNS)
        for number, (fields, plant) in enumerate(_iter_rows(generator), start=1):
            record_id = f"DT{number:08d}"
            if dialect == "ru":
                fields = {**fields, "date": date.fromisoformat(fields["date"]).strftime("%d.%m.%Y")}
            data.writerow(
                [record_id, *(_format(fields[c], dialect) for c in CANONICAL_COLUMNS[1:])]
            )
            if plant is not None:
                cases[plant.case] = cases.get(plant.case, 0) + 1
                entity = plant.entity
                truth.writerow([
                    record_id, plant.case, plant.role, entity.entity_id if entity else "",
                    entity.source_id if entity else "", plant.expected, plant.written_as,
                ])  # fmt: skip
    return DemoTruth(path=path, truth_path=truth_path, rows=rows, cases=dict(sorted(cases.items())))
