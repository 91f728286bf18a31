"""Reference tables as sourced data: every file loads, says its source and date, and is checked."""

from __future__ import annotations

import fnmatch
import tomllib
from importlib import resources
from pathlib import Path, PurePosixPath

import pytest

from cordon import jurisdictions, refdata
from cordon.analytics import fx
from cordon.goods import chpl


@pytest.mark.parametrize(("package", "name", "body"), refdata.FILES)
def test_every_reference_file_has_its_source_and_date(package: str, name: str, body: str) -> None:
    data = refdata.load(package, name, body)
    assert str(data["source"]).strip() and data["as_of"].year >= 2022
    assert (resources.files(package) / "data" / name).is_file()


def test_each_country_group_has_its_own_source_and_date() -> None:
    groups = refdata.load("cordon", "jurisdictions.yaml", "groups")["groups"]
    expected = {"restricted_destinations", "transshipment_hubs", "gecc", "ru_by_neighbours"}
    assert set(groups) == expected
    for name, group in groups.items():
        assert group["source"].strip() and group["as_of"], name


def test_the_tables_read_from_data_are_the_known_ones() -> None:
    assert {"RU", "BY"} == jurisdictions.RESTRICTED_DESTINATIONS
    assert "NO" in jurisdictions.GECC and len(jurisdictions.GECC) == 40  # YAML's NO is not false
    assert {"HK", "MO", "AE", "TR"} <= jurisdictions.TRANSSHIPMENT_HUBS
    assert len(jurisdictions.RU_BY_NEIGHBOURS) == 12 and "KP" in jurisdictions.RU_BY_NEIGHBOURS
    assert len(chpl.CHPL) == 50 and chpl.CHPL_VERSION == "2024-02-23"
    assert chpl.chpl_tier("854231") == "1" and chpl.chpl_tier("880330") == "3.B"
    assert fx.USD_PER_UNIT["USD"][2024] == 1.0 and fx.USD_PER_UNIT["CNY"][2021] == 0.155


def test_a_file_without_its_source_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "groups.yaml").write_text("as_of: 2024-01-01\ngroups: {a: 1}\n")
    monkeypatch.setattr(refdata.resources, "files", lambda package: tmp_path)
    refdata.load.cache_clear()
    try:
        with pytest.raises(refdata.ReferenceDataError, match=r"x/data/groups.yaml: 'source:'"):
            refdata.load("x", "groups.yaml", "groups")
        (tmp_path / "data" / "groups.yaml").write_text("source: s\nas_of: soon\ngroups: {a: 1}\n")
        with pytest.raises(refdata.ReferenceDataError, match=r"'as_of:' must be"):
            refdata.load("x", "groups.yaml", "groups")
    finally:
        refdata.load.cache_clear()


def test_country_codes_refuse_what_yaml_made_of_them() -> None:
    with pytest.raises(refdata.ReferenceDataError, match="False"):
        refdata.country_codes(["NL", False], "gecc")
    assert refdata.country_codes(["NL", "NO"], "gecc") == {"NL", "NO"}


@pytest.mark.parametrize(("package", "name", "body"), refdata.FILES)
def test_every_entry_has_its_own_source_and_date(package: str, name: str, body: str) -> None:
    entries = refdata.load(package, name, body)[body]
    for entry in entries.values() if isinstance(entries, dict) else entries:
        assert str(entry["source"]).strip() and entry["as_of"].year >= 2022, entry


def test_an_entry_without_its_source_or_date_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    head = "source: s\nas_of: 2024-01-01\n"
    (tmp_path / "data" / "rates.yaml").write_text(
        head + "currencies:\n  EUR: {as_of: 2024-01-01, rates: {2024: 1.08}}\n"
    )
    monkeypatch.setattr(refdata.resources, "files", lambda package: tmp_path)
    refdata.load.cache_clear()
    try:
        with pytest.raises(refdata.ReferenceDataError, match=r"currencies: 'EUR': 'source:'"):
            refdata.load("x", "rates.yaml", "currencies")
        (tmp_path / "data" / "items.yaml").write_text(
            head + "items:\n  - {hs6: '854231', source: s}\n"
        )
        with pytest.raises(refdata.ReferenceDataError, match=r"items: 0: 'as_of:' must be a date"):
            refdata.load("x", "items.yaml", "items")
    finally:
        refdata.load.cache_clear()


def _glob_matches(path: str, pattern: str) -> bool:
    """Whether setuptools' glob ``pattern`` takes ``path`` (``*`` never crosses a ``/``)."""
    parts, wanted = PurePosixPath(path).parts, PurePosixPath(pattern).parts
    return len(parts) == len(wanted) and all(map(fnmatch.fnmatchcase, parts, wanted))


def test_package_data_ships_every_data_file() -> None:
    """Every file under a ``data/`` folder of the package is matched by a package-data pattern,
    so an installed cordon has the reference data the checkout has."""
    root = Path(refdata.__file__).resolve().parent
    project = tomllib.loads((root.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["cordon"]
    files = [
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file()
        and "data" in path.relative_to(root).parts
        and "__pycache__" not in path.parts
    ]
    unshipped = [f for f in files if not any(_glob_matches(f, p) for p in patterns)]
    assert files and not unshipped, unshipped
