"""Planted evasion cases against the bundled sample list, each row carrying its ground truth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cordon.demo import pools
from cordon.demo.listed import ListedParty, name_variant
from cordon.demo.pools import Product
from cordon.demo.trade import END, INVASION, START, Company, TradeGenerator

PARTY_CASES = ("party_exporter", "party_importer", "party_inn")


@dataclass
class Planted:
    """A planted row: its fields and what it is ground truth for."""

    fields: dict[str, Any]
    case: str
    expected: str  # party_match, or the RF id the case should raise
    role: str = ""
    entity: ListedParty | None = None
    written_as: str = ""


class DemoGenerator(TradeGenerator):
    """Clean rows plus evasion cases planted against the listed parties."""

    def __init__(self, rows: int, seed: int, listed: list[ListedParty]) -> None:
        super().__init__(rows, seed, {t for p in listed for t in p.tax_ids})
        self.listed_exporters = [p for p in listed if p.country in ("CN", "HK")]
        self.listed_importers = [p for p in listed if p.country == "RU"]
        self.listed_inns = [p for p in self.listed_importers if p.tax_ids]

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
        return Planted(row, "undervalued_chips", "RF-21b")

    def _hidden_chips(self) -> Planted:
        code, text = self.rng.choice(pools.HIDDEN_CHIP_DESCRIPTIONS)
        exporter = self.rng.choice(self.exporters)
        importer = self.rng.choice(
            [c for c in self.importers if c.country in ("RU", "BY", "KZ")] or self.importers
        )
        product = next(p for p in pools.ORDINARY_PRODUCTS if p.hs_code == code)
        return Planted(
            self._row(exporter, importer, product, description=text), "hidden_chips", "RF-21a"
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
