"""The datasets cordon knows: OpenSanctions dataset names, parsers and the publishers' files."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from followthemoney.proxy import EntityProxy

from cordon.i18n import N_, Message
from cordon.lists.errors import ListLoadError
from cordon.terminal import printable

SAMPLE_DATASET = "cordon_sample"

DATASET_NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")  # OpenSanctions style


class ListParser(Protocol):
    """What every parser module (ofac, un, bis, csl, ftm, eu, uk, fcdo) provides."""

    FILES: tuple[str, ...] | None  # file names to take from a directory (None: every file)

    def parse(self, paths: Sequence[Path], dataset: str) -> Iterator[EntityProxy]: ...

    def published_at(self, paths: Sequence[Path]) -> datetime | None: ...


@dataclass(frozen=True)
class Download:
    """One file of a dataset as published: where it lives and the name it is saved under."""

    url: str
    filename: str


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset: its OpenSanctions name, title, parser module and official download files."""

    name: str
    title: str
    parser: str  # module name under cordon.lists
    downloads: tuple[Download, ...] = ()
    csv_parser: str | None = None  # module for the publisher's CSV edition of the same list


# OFAC's Sanctions List Service; the same files as SDN_ADVANCED.XML etc. on treasury.gov
_OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"
DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        DatasetSpec(
            "us_ofac_sdn",
            "US OFAC Specially Designated Nationals (advanced XML, SDN.XML or legacy CSV)",
            "ofac",
            (Download(f"{_OFAC}/SDN_ADVANCED.XML", "SDN_ADVANCED.XML"),),
        ),
        DatasetSpec(
            "us_ofac_cons",
            "US OFAC consolidated non-SDN lists (advanced XML or SDN.XML schema)",
            "ofac",
            (Download(f"{_OFAC}/CONS_ADVANCED.XML", "CONS_ADVANCED.XML"),),
        ),
        DatasetSpec(
            "un_sc_sanctions",
            "UN Security Council consolidated sanctions list",
            "un",
            (
                Download(
                    "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
                    "consolidated.xml",
                ),
            ),
        ),
        DatasetSpec(
            "us_bis_denied",
            "US BIS Denied Persons List",
            "bis",
            (Download("https://www.bis.doc.gov/dpl/dpl.txt", "dpl.txt"),),
        ),
        DatasetSpec(
            "us_trade_csl",
            "US ITA Consolidated Screening List",
            "csl",
            (
                Download(
                    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
                    "consolidated.csv",
                ),
            ),
        ),
        DatasetSpec(
            "eu_fsf",
            "EU Financial Sanctions Files (consolidated list)",
            "eu",
            (
                Download(
                    "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
                    "eu_fsf.xml",
                ),
            ),
        ),
        DatasetSpec(
            "gb_hmt_sanctions",
            "UK HM Treasury OFSI consolidated list",
            "uk",
            (
                Download(
                    "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
                    "ConList.csv",
                ),
            ),
        ),
        DatasetSpec(
            "gb_fcdo_sanctions",
            "UK Sanctions List (FCDO, XML or CSV)",
            "fcdo",
            (
                Download(
                    "https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
                    "UK-Sanctions-List.xml",
                ),
            ),
            csv_parser="fcdo_csv",
        ),
        DatasetSpec(SAMPLE_DATASET, "cordon's bundled sample list (FtM)", "ftm"),
    )
}


def check_dataset_name(dataset: str) -> str:
    """``dataset`` if it is a valid dataset name (OpenSanctions style: lower-case letters,
    digits, ``_`` and ``-``, at most 64 characters), else :class:`ListLoadError`: names end up
    in file names and paths, where ``../../etc`` must never reach."""
    if not DATASET_NAME_RE.fullmatch(dataset):
        raise ListLoadError(
            None,
            Message(
                N_(
                    "invalid dataset name %(name)s: use lower-case letters, digits, '_' and '-' "
                    "(e.g. us_ofac_sdn), at most 64 characters"
                ),
                name=repr(printable(dataset)),
            ),
        )
    return dataset


def get_spec(dataset: str) -> DatasetSpec | None:
    """The registered spec of ``dataset``, or None for a dataset only known from its FtM file."""
    return DATASETS.get(dataset)


FTM_SUFFIXES = (".json", ".jsonl", ".ndjson", ".ftm")


def get_parser(dataset: str, paths: Sequence[Path] = ()) -> ListParser:
    """The parser for ``dataset``: FtM JSON lines when every given file is one (e.g. an
    OpenSanctions export of ``us_ofac_sdn``), else the dataset's registered parser, else FtM.
    OFAC datasets take the parser of the format the files are in (``ofac_format``), and a
    dataset published in a CSV edition too (FCDO) the CSV parser for ``.csv`` files."""
    spec = DATASETS.get(dataset)
    is_ftm = bool(paths) and all(
        p.is_file() and p.name.lower().endswith(FTM_SUFFIXES) for p in paths
    )
    name = "ftm" if is_ftm or spec is None else spec.parser
    is_csv = bool(paths) and all(p.is_file() and p.suffix.lower() == ".csv" for p in paths)
    if spec is not None and spec.csv_parser and is_csv:
        name = spec.csv_parser
    if name == "ofac":
        from cordon.lists.ofac_format import parser_module

        name = parser_module(paths)
    parser: ListParser = importlib.import_module(f"cordon.lists.{name}")
    return parser


def source_id_of(entity_id: str, dataset: str) -> str:
    """The list's own id inside an FtM id: ``us_ofac_sdn-18782`` -> ``18782``."""
    for prefix in (dataset, *DATASETS):
        if entity_id.startswith(f"{prefix}-") and len(entity_id) > len(prefix) + 1:
            return entity_id[len(prefix) + 1 :]
    return entity_id
