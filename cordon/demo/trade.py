"""Clean synthetic trade for the demo: companies, goods, prices, currencies, dates and routes."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cordon.demo import pools
from cordon.demo.pools import Product

START, END = date(2022, 1, 1), date(2024, 12, 31)
INVASION = date(2022, 2, 24)


@dataclass(frozen=True)
class Company:
    """A trading party as written in the records."""

    name: str
    country: str
    address: str | None = None
    tax_id: str | None = None


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _transliterate(text: str) -> str:
    out = []
    for ch in text:
        lat = pools.CYR_TO_LAT.get(ch.lower())
        out.append(ch if lat is None else (lat.capitalize() if ch.isupper() else lat))
    return "".join(out)


class TradeGenerator:
    """Builds clean rows; every random choice comes from one seeded generator."""

    def __init__(self, rows: int, seed: int, taken_ids: set[str]) -> None:
        self.rng = random.Random(seed)
        self.rows = rows
        self._used_ids: set[str] = set(taken_ids)
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
