"""How the bundled sample list is made: real SDN rows, native names, later designations.

The OFAC part is exactly what the OFAC parser makes of the chosen rows of the 2021 SDN snapshot
(a test rebuilds it and compares); the Cyrillic and Chinese names are the bodies' own published
names; the later designations carry only facts stated in public announcements.

    .venv/bin/python -m cordon.lists.sample_build \\
        ../shared/data/ofac cordon/data/sample_list.ftm.jsonl
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from followthemoney.proxy import EntityProxy

from cordon.lists import ofac
from cordon.lists.build import make, put, put_all
from cordon.lists.registry import SAMPLE_DATASET

# Russian defence industry, intelligence services, the Chinese buyer of Su-35/S-400 and its
# director, Prigozhin-linked Hong Kong firms, a Russian pipe-laying vessel; people of Kalashnikov.
SDN_PICKS = (
    18782, 16865, 16868, 16869, 16884, 16885, 16886, 16911, 16862, 16864, 17249, 17251, 17255,
    17258, 17259, 18317, 18318, 22406, 26512, 26513, 26509, 26510, 30086, 21343, 21344, 24646,
    24837, 24838, 30822, 30823, 31412, 31414, 31415, 31452, 31455, 31611, 29117, 29118, 29120,
    18657, 18658, 16685,
)  # fmt: skip
NATIVE_NAMES: dict[int, tuple[str, ...]] = {
    18782: ("Рособоронэкспорт", "АО «Рособоронэкспорт»"),
    16865: ("Концерн ВКО «Алмаз-Антей»", "Алмаз-Антей"),
    16868: ("Концерн «Радиоэлектронные технологии»", "КРЭТ"),
    16869: ("Концерн «Созвездие»",),
    16884: ("НПО машиностроения",),
    16885: ("Уралвагонзавод",),
    16886: ("Объединённая судостроительная корпорация",),
    16911: ("Концерн «Калашников»",),
    16862: ("ГНПП «Базальт»",),
    16864: ("Конструкторское бюро приборостроения",),
    26512: ("Концерн «Океанприбор»",),
    26513: ("ПАО «Звезда»",),
    21343: ("Главное разведывательное управление", "ГРУ"),
    21344: ("Федеральная служба безопасности", "ФСБ"),
    16685: ("Чемезов Сергей Викторович",),
    24837: ("中央军委装备发展部",),
    24838: ("李尚福",),
}
_LATER_NOTE = (
    " Listed after the 2021 OFAC snapshot that the tests use;"
    " the list's own id is not recorded in this sample."
)
_OFAC_2022 = "designated by US Treasury OFAC on 31 Mar 2022."
_BIS_2022 = (
    "Supplier to Russia's military-industrial base; "
    "added to the US Commerce BIS Entity List in June 2022."
)
_RUSSIA = "RUSSIA-EO14024"
_ENTITY_LIST = "US BIS Entity List"


@dataclass(frozen=True)
class Later:
    """A designation after the 2021 snapshot: only its public name(s), country and listing."""

    slug: str
    name: str
    country: str
    note: str
    program: str
    aliases: tuple[str, ...] = ()

    def entity(self) -> EntityProxy:
        """The sample entity, id ``cordon_sample-<slug>``."""
        entity = make("Company", f"{SAMPLE_DATASET}-{self.slug}")
        put(entity, "name", self.name)
        put_all(entity, "alias", self.aliases)
        put(entity, "country", self.country)
        put(entity, "topics", "sanction" if "OFAC" in self.note else "export.control")
        put(entity, "program", self.program)
        put(entity, "notes", self.note + _LATER_NOTE)
        return entity


LATER = (
    Later(
        "serniya-engineering",
        "SERNIYA ENGINEERING",
        "ru",
        f"Russian procurement network for the defense sector; {_OFAC_2022}",
        _RUSSIA,
        ("OOO SERNIYA INZHINIRING", "Серния Инжиниринг"),
    ),
    Later(
        "sertal",
        "SERTAL LLC",
        "ru",
        f"Part of the Serniya procurement network; {_OFAC_2022}",
        _RUSSIA,
        ("OOO SERTAL", "Сертал"),
    ),
    Later(
        "mikron",
        "MIKRON",
        "ru",
        f"Russia's largest microelectronics maker; {_OFAC_2022}",
        _RUSSIA,
        ("PAO MIKRON", "AO MIKRON", "Микрон"),
    ),
    Later(
        "radioavtomatika",
        "RADIOAVTOMATIKA",
        "ru",
        f"Procurer of foreign electronics for Russia's defense sector; {_OFAC_2022}",
        _RUSSIA,
        ("OOO RADIOAVTOMATIKA", "LLC RADIOAVTOMATIKA", "Радиоавтоматика"),
    ),
    Later(
        "spacety-china",
        "CHANGSHA TIANYI SPACE SCIENCE AND TECHNOLOGY RESEARCH INSTITUTE CO. LTD",
        "cn",
        "Provided satellite imagery supporting Russian forces; "
        "designated by US Treasury OFAC on 26 Jan 2023.",
        _RUSSIA,
        ("SPACETY CHINA", "SPACETY", "长沙天仪空间科技研究院有限公司"),
    ),
    Later("connec-electronic", "CONNEC ELECTRONIC LTD.", "hk", _BIS_2022, _ENTITY_LIST),
    Later("king-pai-technology", "KING-PAI TECHNOLOGY CO., LTD.", "hk", _BIS_2022, _ENTITY_LIST),
    Later("sinno-electronics", "SINNO ELECTRONICS CO., LTD.", "cn", _BIS_2022, _ENTITY_LIST),
    Later("winninc-electronic", "WINNINC ELECTRONIC CO., LTD.", "cn", _BIS_2022, _ENTITY_LIST),
    Later(
        "world-jetta-hk-logistics",
        "WORLD JETTA (H.K.) LOGISTICS LIMITED",
        "hk",
        _BIS_2022,
        _ENTITY_LIST,
    ),
)


def build_sample(ofac_dir: Path) -> list[EntityProxy]:
    """The sample entities: picked SDN entries (+ native names), links among them, later ones."""
    wanted = {f"us_ofac_sdn-{n}": n for n in SDN_PICKS}
    picked: dict[str, EntityProxy] = {}
    links: list[EntityProxy] = []
    for entity in ofac.parse([ofac_dir], "us_ofac_sdn"):
        if entity.id in wanted:
            put_all(entity, "alias", NATIVE_NAMES.get(wanted[str(entity.id)], ()))
            picked[str(entity.id)] = entity
        elif (
            entity.schema.name == "UnknownLink"
            and {*entity.get("subject"), *entity.get("object")} <= wanted.keys()
        ):
            links.append(entity)
    missing = wanted.keys() - picked.keys()
    if missing:
        raise ValueError(f"SDN entries not in {ofac_dir}: {sorted(missing)}")
    ordered = [picked[f"us_ofac_sdn-{n}"] for n in SDN_PICKS]
    return [*ordered, *links, *(later.entity() for later in LATER)]


def to_lines(entities: Sequence[EntityProxy]) -> list[str]:
    """The JSON lines of the sample file (stable key order, UTF-8 names kept)."""
    lines = []
    for entity in entities:
        data = {**entity.to_dict(), "datasets": [SAMPLE_DATASET]}
        lines.append(json.dumps(data, ensure_ascii=False, sort_keys=True))
    return lines


def main(argv: Sequence[str]) -> int:
    """Write the sample file from an OFAC legacy CSV folder."""
    ofac_dir, out = Path(argv[0]), Path(argv[1])
    out.write_text("\n".join(to_lines(build_sample(ofac_dir))) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
