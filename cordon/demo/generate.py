"""The synthetic customs dataset: clean multilingual trade plus planted evasion cases.

``generate_demo_dataset`` streams rows to a CSV (English headers, or Russian customs-export
headers with ``;`` and decimal commas) and writes ``demo_truth.csv``: which records were planted,
for which case, which role and which listed entity.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from cordon.demo import pools
from cordon.demo.listed import ListedParty, load_listed_parties, name_variant
from cordon.demo.pools import Product
from cordon.records.schema import CANONICAL_COLUMNS

Dialect = Literal["en", "ru"]
START, END = date(2022, 1, 1), date(2024, 12, 31)
INVASION = date(2022, 2, 24)
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
PARTY_CASES = ("party_exporter", "party_importer", "party_inn")


@dataclass(frozen=True)
class Company:
    """A trading party as written in the records."""

    name: str
    country: str
    address: str | None = None
    tax_id: str | None = None


@dataclass
class Planted:
    """A planted row: its fields and what it is ground truth for."""

    fields: dict[str, Any]
    case: str
    expected: str  # party_match, or the RF id the case should raise
    role: str = ""
    entity: ListedParty | None = None
    written_as: str = ""


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


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _transliterate(text: str) -> str:
    out = []
    for ch in text:
        lat = pools.CYR_TO_LAT.get(ch.lower())
        out.append(ch if lat is None else (lat.capitalize() if ch.isupper() else lat))
    return "".join(out)


class DemoGenerator:
    """Builds clean and planted rows; every random choice comes from one seeded generator."""

    def __init__(self, rows: int, seed: int, listed: list[ListedParty]) -> None:
        self.rng = random.Random(seed)
        self.rows = rows
        self.listed_exporters = [p for p in listed if p.country in ("CN", "HK")]
        self.listed_importers = [p for p in listed if p.country == "RU"]
        self.listed_inns = [p for p in self.listed_importers if p.tax_ids]
        taken = {t for p in listed for t in p.tax_ids}
        self._used_ids: set[str] = set(taken)
        self.exporters = [self._exporter() for _ in range(max(60, min(3000, rows // 40)))]
        self.importers = [self._importer() for _ in range(max(80, min(5000, rows // 25)))]
        western = ("US", "TW", "KR", "JP", "DE")
        self.distributors = [self._exporter(self.rng.choice(western)) for _ in range(40)]

    # -- parties ---------------------------------------------------------------------------
    def _tax_id(self, digits: int) -> str:
        while True:
            value = str(self.rng.randrange(10 ** (digits - 1), 10**digits))
            if value not in self._used_ids:
                self._used_ids.add(value)
                return value

    def _exporter(self, country: str | None = None) -> Company:
        rng = self.rng
        country = country or _weighted(rng, pools.EXPORTER_COUNTRIES)
        if country == "CN":
            city = rng.randrange(len(pools.CN_CITIES))
            brand, brand_zh = rng.choice(pools.CN_BRANDS)
            trade, trade_zh = rng.choice(pools.CN_TRADES)
            street = rng.choice(pools.CN_STREETS)
            address = f"No. {rng.randint(1, 999)} {street}, {pools.CN_CITIES[city]}, China"
            if rng.random() < 0.3:
                return Company(
                    f"{pools.CN_CITIES_ZH[city]}{brand_zh}{trade_zh}有限公司", country, address
                )
            return Company(f"{pools.CN_CITIES[city]} {brand} {trade} Co., Ltd.", country, address)
        if country == "HK":
            name = f"{rng.choice(pools.HK_WORDS)} {rng.choice(pools.HK_TRADES)} (HK) Limited"
            flat = f"Flat {rng.choice('ABCDEFG')}, {rng.randint(2, 30)}/F"
            address = f"{flat}, {rng.randint(1, 300)} {rng.choice(pools.STREETS)}, Hong Kong"
            return Company(name, country, address)
        surname = rng.choice(pools.WEST_SURNAMES)
        forms = {
            "DE": f"{surname} Elektronik GmbH", "US": f"{surname} Microsystems LLC",
            "JP": f"{surname} Precision Co., Ltd.", "KR": f"{surname} Semicon Co., Ltd.",
            "TW": f"{surname} Components Corp.", "IN": f"{surname} Exports Pvt Ltd",
            "TR": f"{rng.choice(pools.TR_WORDS)} Elektronik A.Ş.",
            "AE": f"{rng.choice(pools.AE_WORDS)} Trading FZE",
        }  # fmt: skip
        name = forms.get(country, f"{surname} Trading Ltd")
        suffix = rng.randint(1, 99)
        return Company(
            f"{name} {suffix}" if rng.random() < 0.5 else name,
            country,
            f"{rng.randint(1, 9999)} {rng.choice(pools.WEST_STREETS)}, {country}",
        )

    def _importer(self, country: str | None = None) -> Company:
        rng = self.rng
        country = country or _weighted(rng, pools.IMPORTER_COUNTRIES)
        core = rng.choice(pools.RU_WORDS) + rng.choice(pools.RU_SUFFIXES)
        if country in ("RU", "BY", "KZ", "KG"):
            form = {"RU": rng.choice(("ООО", "АО")), "BY": "ООО", "KZ": "ТОО", "KG": "ОсОО"}[
                country
            ]
            latin = rng.random() < 0.25
            name = (
                f"{_transliterate(form).upper()} {_transliterate(core)}"
                if latin
                else f"{form} «{core}»"
            )
            tax = {"RU": 10, "BY": 9, "KZ": 12, "KG": 14}[country]
            return Company(name, country, tax_id=self._tax_id(tax) if rng.random() < 0.9 else None)
        if country == "AE":
            return Company(
                f"{rng.choice(pools.AE_WORDS)} General Trading LLC {rng.randint(1, 999)}", country
            )
        if country == "TR":
            return Company(
                f"{rng.choice(pools.TR_WORDS)} Dış Ticaret Ltd. Şti. {rng.randint(1, 999)}", country
            )
        return Company(
            f"{rng.choice(pools.WEST_SURNAMES)} {_transliterate(core)} {rng.randint(1, 999)} Ltd",
            country,
        )

    # -- goods, money, dates ---------------------------------------------------------------
    def _date(self, start: date = START, end: date = END) -> date:
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def _currency(self, exporter: Company, importer: Company, day: date) -> str:
        rng = self.rng
        if importer.country in ("RU", "BY"):
            share = 0.04 + 0.45 * (day - START).days / (END - START).days
            draw = rng.random()
            return "CNY" if draw < share else "RUB" if draw < share + 0.1 else "USD"
        if exporter.country == "CN" and rng.random() < 0.05:
            return "CNY"
        return "EUR" if "DE" in (exporter.country, importer.country) else "USD"

    def _product(self, exporter: Company, importer: Company) -> Product:
        rng = self.rng
        western = exporter.country in ("DE", "US", "JP", "KR", "TW")
        draw = rng.random()
        if western and importer.country in ("RU", "BY"):
            return rng.choice(pools.ORDINARY_PRODUCTS)
        chpl_share = 0.25 if exporter.country in ("CN", "HK") else 0.1
        if draw < chpl_share:
            return rng.choice(pools.CHPL_PRODUCTS)
        if draw < chpl_share + 0.02:
            return rng.choice(pools.STORY_PRODUCTS)
        return rng.choice(pools.ORDINARY_PRODUCTS)

    def _description(self, product: Product, importer: Company, exporter: Company) -> str:
        draw = self.rng.random()
        if importer.country in ("RU", "BY", "KZ", "KG") and draw < 0.7:
            return product.ru
        if exporter.country == "CN" and draw > 0.8:
            return product.zh
        return product.en

    def _row(
        self,
        exporter: Company,
        importer: Company,
        product: Product | None = None,
        day: date | None = None,
        *,
        price_factor: float = 1.0,
        quantity: int | None = None,
        dispatch: str | None = None,
        destination: str | None = None,
        origin: str | None = None,
        description: str | None = None,
        hs_code: str | None = None,
    ) -> dict[str, Any]:
        rng = self.rng
        product = product or self._product(exporter, importer)
        day = day or self._date()
        currency = self._currency(exporter, importer, day)
        base_qty = max(1.0, 8000.0 / product.unit_usd)
        qty = quantity or max(1, int(math.exp(rng.gauss(math.log(base_qty), 0.8))))
        usd = qty * product.unit_usd * price_factor * math.exp(rng.gauss(0, 0.2))
        made_in = origin or (
            "CN" if exporter.country == "HK" and rng.random() < 0.7 else exporter.country
        )
        via = dispatch or (
            "HK" if exporter.country == "CN" and rng.random() < 0.05 else exporter.country
        )
        return {
            "date": day.isoformat(),
            "exporter_name": exporter.name,
            "exporter_country": exporter.country,
            "exporter_address": exporter.address or "",
            "importer_name": importer.name,
            "importer_country": importer.country,
            "importer_tax_id": importer.tax_id or "",
            "hs_code": hs_code or product.hs_code,
            "description": description or self._description(product, importer, exporter),
            "origin_country": made_in,
            "dispatch_country": via,
            "destination_country": destination or importer.country,
            "value": round(usd * pools.USD_RATES[currency], 2),
            "currency": currency,
            "quantity": qty,
            "unit": product.unit,
            "net_weight_kg": round(qty * product.kg_per_unit * math.exp(rng.gauss(0, 0.1)), 3),
        }

    def clean_row(self) -> dict[str, Any]:
        """An ordinary record between clean parties."""
        return self._row(self.rng.choice(self.exporters), self.rng.choice(self.importers))

    # -- planted cases ---------------------------------------------------------------------
    def _listed_company(self, party: ListedParty, *, with_tax: bool) -> tuple[Company, str]:
        written = name_variant(self.rng.choice(party.names), self.rng)
        tax = party.tax_ids[0] if with_tax and party.tax_ids else None
        return Company(written, party.country, tax_id=tax), written

    def _chpl(self) -> Product:
        return self.rng.choice(pools.CHPL_PRODUCTS)

    def _party_exporter(self) -> Planted:
        party = self.rng.choice(self.listed_exporters)
        company, written = self._listed_company(party, with_tax=False)
        importer = self.rng.choice(
            [c for c in self.importers if c.country in ("RU", "BY", "KZ")] or self.importers
        )
        row = self._row(company, importer, self.rng.choice(pools.CHPL_PRODUCTS))
        return Planted(row, "party_exporter", "party_match", "exporter", party, written)

    def _party_importer(self) -> Planted:
        party = self.rng.choice(self.listed_importers)
        company, written = self._listed_company(party, with_tax=self.rng.random() < 0.4)
        exporter = self.rng.choice(
            [c for c in self.exporters if c.country in ("CN", "HK")] or self.exporters
        )
        return Planted(
            self._row(exporter, company),
            "party_importer",
            "party_match",
            "importer",
            party,
            written,
        )

    def _party_inn(self) -> Planted:
        party = self.rng.choice(self.listed_inns)
        front = f"ООО «{self.rng.choice(pools.RU_WORDS)}{self.rng.choice(pools.RU_SUFFIXES)}»"
        company = Company(front, "RU", tax_id=party.tax_ids[0])
        exporter = self.rng.choice(self.exporters)
        row = self._row(exporter, company, self.rng.choice(pools.CHPL_PRODUCTS))
        return Planted(
            row, "party_inn", "party_match", "importer", party, f"{front} INN {party.tax_ids[0]}"
        )

    def _transshipment(self) -> Planted:
        rng = self.rng
        exporter = rng.choice(self.distributors)
        hub = rng.choice(("HK", "AE", "TR", "KZ"))
        importer = rng.choice(
            [c for c in self.importers if c.country in ("RU", "BY")] or self.importers
        )
        day = self._date(INVASION)
        row = self._row(
            exporter,
            importer,
            rng.choice(pools.CHPL_PRODUCTS[:6]),
            day,
            dispatch=hub,
            destination=importer.country,
        )
        return Planted(row, "transshipment", "RF-02")

    def _undervalued(self) -> Planted:
        exporter = self.rng.choice(
            [c for c in self.exporters if c.country in ("CN", "HK")] or self.exporters
        )
        importer = self.rng.choice(self.importers)
        row = self._row(exporter, importer, pools.CHPL_PRODUCTS[0], price_factor=0.05)
        row["currency"], row["value"] = (
            "USD",
            round(row["quantity"] * pools.CHPL_PRODUCTS[0].unit_usd * 0.05, 2),
        )
        return Planted(row, "undervalued_chips", "RF-21")

    def _hidden_chips(self) -> Planted:
        code, text = self.rng.choice(pools.HIDDEN_CHIP_DESCRIPTIONS)
        exporter = self.rng.choice(self.exporters)
        importer = self.rng.choice(
            [c for c in self.importers if c.country in ("RU", "BY", "KZ")] or self.importers
        )
        product = next(p for p in pools.ORDINARY_PRODUCTS if p.hs_code == code)
        return Planted(
            self._row(exporter, importer, product, description=text), "hidden_chips", "RF-21"
        )

    def _bank_consignee(self) -> Planted:
        bank = Company(
            self.rng.choice(
                (
                    "ПАО «Банк Северный Альянс»",
                    "Siberian Commerce Bank JSC",
                    "Банк Восточный Кредит",
                )
            ),
            "RU",
        )
        row = self._row(self.rng.choice(self.exporters), bank, self.rng.choice(pools.CHPL_PRODUCTS))
        return Planted(row, "bank_consignee", "RF-16")

    def _forwarder_consignee(self) -> Planted:
        forwarder = Company(
            self.rng.choice(
                (
                    "ООО «Карго Экспресс Логистик»",
                    "Swift Cargo Forwarding LLC",
                    "新丝路国际物流有限公司",
                )
            ),
            "KZ",
        )
        exporter = self.rng.choice(self.exporters)
        return Planted(
            self._row(exporter, forwarder, self.rng.choice(pools.CHPL_PRODUCTS)),
            "forwarder_consignee",
            "RF-04",
        )

    def _split_group(self) -> list[Planted]:
        exporter = self._exporter("CN")
        importer = self._importer("RU")
        product = self.rng.choice(pools.CHPL_PRODUCTS[:4])
        first = self._date(INVASION, END - timedelta(days=10))
        return [
            Planted(
                self._row(
                    exporter,
                    importer,
                    product,
                    first + timedelta(days=self.rng.randrange(5)),
                    quantity=self.rng.randint(20, 60),
                ),
                "split_shipments",
                "RF-20",
            )
            for _ in range(6)
        ]

    def _switch_group(self) -> list[Planted]:
        base = self._exporter(self.rng.choice(("CN", "TR", "IN")))
        exporter = Company(
            f"{base.name} No. {self.rng.randint(1000, 9999)}", base.country, base.address
        )
        product = self.rng.choice(pools.CHPL_PRODUCTS)
        ru = self._importer("RU")
        rows = [
            Planted(
                self._row(exporter, ru, product, self._date(START, INVASION - timedelta(days=1))),
                "destination_switch_before",
                "none",
            )
            for _ in range(2)
        ]
        neighbour = self._importer(self.rng.choice(("KZ", "KG")))
        rows += [
            Planted(
                self._row(exporter, neighbour, product, self._date(INVASION + timedelta(days=30))),
                "destination_switch",
                "RF-15",
            )
            for _ in range(3)
        ]
        return rows

    def _address_cluster(self) -> list[Planted]:
        rows = []
        for _ in range(6):
            shell = Company(
                f"{self.rng.choice(pools.HK_WORDS)} {self.rng.choice(pools.HK_TRADES)} "
                f"{self.rng.randint(100, 999)} Limited",
                "HK",
                pools.SHELL_ADDRESS,
            )
            rows += [
                Planted(
                    self._row(shell, self.rng.choice(self.importers), self._chpl()),
                    "address_cluster",
                    "RF-08",
                )
                for _ in range(2)
            ]
        return rows

    def _new_importer(self) -> list[Planted]:
        importer = self._importer(self.rng.choice(("KZ", "AM", "KG")))
        exporter = self.rng.choice(self.exporters)
        start = date(2022, 4, 1) + timedelta(days=self.rng.randrange(300))
        return [
            Planted(
                self._row(
                    exporter, importer, self.rng.choice(pools.CHPL_PRODUCTS), self._date(start, END)
                ),
                "new_chpl_importer",
                "RF-05",
            )
            for _ in range(4)
        ]

    def planted(self) -> list[Planted]:
        """Every planted row, scaled to the dataset size."""
        rows = self.rows
        single = (
            (self._party_exporter, 0.008), (self._party_importer, 0.008), (self._party_inn, 0.002),
            (self._transshipment, 0.004), (self._undervalued, 0.002), (self._hidden_chips, 0.002),
            (self._bank_consignee, 0.0005), (self._forwarder_consignee, 0.0005),
        )  # fmt: skip
        groups = (
            (self._split_group, 4000), (self._switch_group, 4000), (self._address_cluster, 10000),
            (self._new_importer, 5000),
        )  # fmt: skip
        out: list[Planted] = []
        for make, share in single:
            out += [make() for _ in range(max(2, round(rows * share)))]
        for make_group, per_rows in groups:
            for _ in range(max(1, rows // per_rows)):
                out += make_group()
        return out[: max(rows // 5, 0)] if rows < 200 else out


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
