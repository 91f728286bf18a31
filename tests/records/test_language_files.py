"""Header, country and currency names: one data file per language, loaded and checked once."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import cordon
from cordon.names import legal_forms
from cordon.records import encodings, langdata, validate
from cordon.records.countries import to_iso2
from cordon.records.currencies import to_currency
from cordon.records.headers import ALIASES, header_key, resolve_columns
from cordon.records.schema import CANONICAL_COLUMNS
from cordon.records.values import parse_date

PACKAGE = Path(cordon.__file__).resolve().parent
KINDS = {"headers": "fields", "countries": "aliases", "currencies": "aliases"}


@pytest.mark.parametrize(("kind", "body"), KINDS.items())
def test_every_kind_has_a_file_per_language(kind: str, body: str) -> None:
    files = dict(langdata.language_files(kind, body))
    assert next(iter(files)) == "en"
    assert {"en", "ru", "zh", "ar"} <= set(files)


def test_header_files_name_only_canonical_fields_and_feed_the_aliases() -> None:
    canonical = set(CANONICAL_COLUMNS)
    for language, data in langdata.language_files("headers", "fields"):
        assert set(data["fields"]) <= canonical, language
        for field, entries in data["fields"].items():
            assert {e["alias"] for e in entries} <= set(ALIASES[field]), (language, field)


def test_arabic_headers_countries_and_currencies_resolve() -> None:
    headers = ["رقم البيان", "التاريخ", "المصدر", "المستورد", "رمز النظام المنسق", "الوصف",
               "بلد المنشأ", "بلد المقصد", "القيمة", "العملة"]
    plan = resolve_columns(Path("arabic.csv"), headers)
    fields = {field: headers[index] for index, field in plan.columns.items()}
    assert fields["hs_code"] == "رمز النظام المنسق" and fields["date"] == "التاريخ"
    assert fields["exporter_name"] == "المصدر" and fields["importer_name"] == "المستورد"
    assert fields["origin_country"] == "بلد المنشأ" and fields["currency"] == "العملة"
    assert to_iso2("الإمارات العربية المتحدة") == "AE" and to_iso2("الامارات") == "AE"
    assert to_iso2("روسيا") == "RU" and to_iso2("هونغ كونغ") == "HK"
    assert to_currency("يوان") == "CNY" and to_currency("درهم") == "AED"
    assert to_currency("روبل روسي") == "RUB"


def test_a_broken_language_file_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "headers").mkdir()
    bad = tmp_path / "headers" / "tr.yaml"
    bad.write_text("language: tr\nsource: x\nfields: [not, a, mapping]\n", encoding="utf-8")
    # files of tmp_path, not the package's: a refused file is not cached, nothing to restore
    with pytest.raises(langdata.LanguageFileError, match=r"tr\.yaml: 'fields:' must be"):
        langdata.language_files("headers", "fields", tmp_path)
    bad.write_text("language: ru\nsource: x\nfields: {date: [tarih]}\n", encoding="utf-8")
    with pytest.raises(langdata.LanguageFileError, match=r"'language: tr' missing"):
        langdata.language_files("headers", "fields", tmp_path)
    bad.write_text("language: tr\nfields: {date: [tarih]}\n", encoding="utf-8")
    with pytest.raises(langdata.LanguageFileError, match=r"'source:' missing"):
        langdata.language_files("headers", "fields", tmp_path)


def test_header_keys_of_arabic_are_stable() -> None:
    assert header_key("بلد  المنشأ") == header_key("بلد المنشأ")


TURKISH = """\
language: tr
source: Turkish customs declaration (gümrük beyannamesi) fields
fields:
  exporter_name:
  - {alias: ihracatçı, source: common variant, as_of: 2026-12-05}
  hs_code:
  - {alias: gtip, source: common variant, as_of: 2026-12-05}
  origin_country:
  - {alias: menşe ülke, source: common variant, as_of: 2026-12-05}
"""
READ_TURKISH = """
from pathlib import Path
from cordon.records import headers
plan = headers.resolve_columns(Path("tr.csv"), ["İhracatçı", "GTİP", "Menşe Ülke"])
print(headers.__file__)
print(",".join(sorted(plan.columns.values())))
"""


def test_adding_a_header_language_is_adding_one_file(tmp_path: Path) -> None:
    """A Turkish headers file, and nothing else, makes Turkish customs headers readable.

    In a copy of the package and a subprocess: the aliases are read once per process, so a fake
    language loaded here could not leak into other tests.
    """
    package = tmp_path / "src" / "cordon"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (package / "records" / "data" / "headers" / "tr.yaml").write_text(TURKISH, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    done = subprocess.run(
        [sys.executable, "-c", READ_TURKISH], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    module, fields = done.stdout.split()
    assert Path(module).is_relative_to(package)  # the copy, not the checkout, was imported
    assert fields == "exporter_name,hs_code,origin_country"
    assert "ihracatçı" not in ALIASES["exporter_name"]  # this process never saw the file


SOURCED = [
    ("countries", "aliases", None),
    ("currencies", "aliases", None),
    ("tax_ids", "labels", None),
    ("dates", "patterns", None),
    ("encodings", "encodings", None),
    ("legal_forms", "forms", legal_forms.DATA_DIR),
]


@pytest.mark.parametrize(("kind", "body", "root"), SOURCED)
def test_every_sourced_entry_has_its_source_and_date(
    kind: str, body: str, root: Path | None
) -> None:
    entries = langdata.sourced_entries(kind, body, root)
    assert entries and all(entry["source"].strip() for _, _, entry in entries)
    assert all(entry["as_of"].year >= 2022 for _, _, entry in entries)


def test_an_entry_without_its_source_or_date_is_an_error_naming_it(tmp_path: Path) -> None:
    entries = {
        "no-source": "VKN: {meaning: vergi kimlik numarası}",
        "no-date": "VKN: {source: Vergi Usul Kanunu, as_of: soon}",
    }
    for folder, entry in entries.items():  # one folder each: no cached file is rewritten
        (tmp_path / folder / "tax_ids").mkdir(parents=True)
        (tmp_path / folder / "tax_ids" / "tr.yaml").write_text(
            f"language: tr\nsource: x\nlabels:\n  {entry}\n", encoding="utf-8"
        )
    with pytest.raises(langdata.LanguageFileError, match=r"tr\.yaml: labels: 'VKN': 'source:'"):
        langdata.sourced_entries("tax_ids", "labels", tmp_path / "no-source")
    with pytest.raises(langdata.LanguageFileError, match=r"'VKN': 'as_of:' must be a date"):
        langdata.sourced_entries("tax_ids", "labels", tmp_path / "no-date")


def test_tax_id_labels_dates_encodings_and_legal_forms_come_from_their_files() -> None:
    assert validate._TAX_ID_LABEL == r"(?i)^(TAX ID|TAXID|INN|TIN|VAT|ИНН|税号)\s*[:№#]?\s*"
    assert parse_date("2024年3月1日") == date(2024, 3, 1)
    assert parse_date("03/25/2024") == date(2024, 3, 25) and parse_date("01.03.2024").month == 3
    assert {"cp1251", "gb18030", "shift_jis"} <= set(encodings.CANDIDATES)
    assert legal_forms.split_legal_forms("acme ltd. şti.").generic == {"llc"}
    assert legal_forms.split_legal_forms("深圳市华为技术股份有限公司").generic == {"jsc"}


# sha256 of the JSON list [language, alias, code] in file order, taken before the aliases gained
# their sources (issue 15): the move changed no alias and no code. Update it, saying why, when an
# alias is added or changed on purpose.
PINNED_NAMES = {
    "countries": (88, "3154e9c8335ea6b8963083c28d0b2fc23f8466e798c43d5c54b2104e7762ace0"),
    "currencies": (66, "2b8e76120f1b85b8a3c6f9796cc238b7ef8a28cad403303a6410966a53c2bda3"),
}


@pytest.mark.parametrize("kind", PINNED_NAMES)
def test_country_and_currency_aliases_are_the_pinned_ones(kind: str) -> None:
    rows = [
        [language, alias, str(entry["code"]).upper()]
        for language, alias, entry in langdata.sourced_entries(kind, "aliases")
    ]
    digest = hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()
    assert (len(rows), digest) == PINNED_NAMES[kind]
    assert all(re.fullmatch(r"[A-Z]{2,3}", code) for _, _, code in rows)
