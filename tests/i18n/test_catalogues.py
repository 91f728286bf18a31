"""The message catalogues, glossaries and per-language data files are complete and consistent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from cordon.i18n.languages import LOCALE_DIR, available_languages
from cordon.i18n.reasons import RED_FLAGS_DIR, red_flag_file
from cordon.refdata import load
from cordon.screen.rules import ALL_RULES

TRANSLATED = [code for code in available_languages() if code != "en"]
I18N_DIR = LOCALE_DIR.parent
PRINTF = re.compile(r"%\((\w+)\)[sdrf]")
BRACES = re.compile(r"\{(\w+)\}")


def _placeholders(text: str) -> set[str]:
    return set(PRINTF.findall(text)) | set(BRACES.findall(text))


def _catalog(code: str):  # type: ignore[no-untyped-def]
    with (LOCALE_DIR / code / "LC_MESSAGES" / "cordon.po").open("rb") as fh:
        return read_po(fh, locale=code)


def test_the_four_languages_are_there() -> None:
    assert available_languages() == ("en", "ar", "ru", "zh")


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_of_the_template_is_translated(code: str) -> None:
    with (LOCALE_DIR / "cordon.pot").open("rb") as fh:
        template = read_po(fh)
    catalog = _catalog(code)
    untranslated = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        strings = found.string if found is not None else None
        values = strings if isinstance(strings, tuple) else (strings,)
        if found is None or found.fuzzy or not all(values):
            untranslated.append(message.id)
    assert untranslated == [], f"{code}: {len(untranslated)} untranslated: {untranslated[:10]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder(code: str) -> None:
    catalog = _catalog(code)
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set().union(*(_placeholders(i) for i in ids))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            # A plural form may leave out the number (Arabic "one" and "two" say it in words).
            optional = {"num", "count"} if len(strings) > 1 else set()
            missing = expected - _placeholders(string) - optional
            extra = _placeholders(string) - expected
            if missing or extra:
                wrong.append((message.id, string, missing, extra))
    assert wrong == []


def _without_placeholders(text: str) -> str:
    return BRACES.sub(" ", PRINTF.sub(" ", text))


def _glossary(code: str) -> list[dict[str, object]]:
    data = yaml.safe_load((I18N_DIR / "glossary" / f"{code}.yaml").read_text(encoding="utf-8"))
    assert data["language"] == code
    return list(data["terms"])


def _pairs(code: str) -> list[tuple[str, str]]:
    """(English, translation) of every message and every red-flag title and detail."""
    pairs: list[tuple[str, str]] = []
    for message in _catalog(code):
        if message.id and message.string:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            pairs.append((ids[-1], strings[-1]))
    english, ours = red_flag_file("en"), red_flag_file(code)
    for rule_id, entry in english.items():
        pairs.append((entry["title"], ours[rule_id]["title"]))
        pairs.extend(zip(entry["details"], ours[rule_id]["details"], strict=True))
    return pairs


@pytest.mark.parametrize("code", TRANSLATED)
def test_glossary_terms_are_used_consistently(code: str) -> None:
    terms = _glossary(code)
    assert len(terms) >= 15
    pairs = _pairs(code)
    inconsistent = []
    for term in terms:
        words = term.get("pattern") or re.escape(str(term["term"]))
        pattern = re.compile(rf"\b(?:{words})\b", re.I)
        forms = [str(form).lower() for form in term["forms"]]  # type: ignore[attr-defined]
        used = [(en, tr) for en, tr in pairs if pattern.search(_without_placeholders(en))]
        assert used, f"glossary term {term['term']!r} appears in no message"
        inconsistent += [
            (term["term"], en, tr) for en, tr in used if not any(f in tr.lower() for f in forms)
        ]
    assert inconsistent == []


def test_red_flag_files_cover_every_rule_with_the_same_placeholders() -> None:
    english = red_flag_file("en")
    assert {rule.id for rule in ALL_RULES} == set(english)
    for code in TRANSLATED:
        ours = red_flag_file(code)
        assert set(ours) == set(english), code
        for rule_id, entry in english.items():
            assert ours[rule_id]["title"], (code, rule_id)
            assert len(ours[rule_id]["details"]) == len(entry["details"]), (code, rule_id)
            for en, tr in zip(entry["details"], ours[rule_id]["details"], strict=True):
                assert _placeholders(tr) == _placeholders(en), (code, rule_id, tr)
    assert sorted(p.stem for p in RED_FLAGS_DIR.glob("*.yaml")) == sorted(available_languages())


@pytest.mark.parametrize("kind", ["countries", "ftm", "glossary", "goods"])
def test_language_files_are_valid_yaml_per_language(kind: str) -> None:
    files = sorted((I18N_DIR / kind).glob("*.yaml"))
    expected = sorted(available_languages()) if kind == "countries" else TRANSLATED
    assert [p.stem for p in files if p.stem in expected] == sorted(expected)
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["language"] == path.stem, path
        body = (data.get("countries") or data.get("labels") or data.get("terms")
                or data.get("families"))
        assert body, f"{path}: empty"
        if kind == "countries":
            assert all(re.fullmatch(r"[A-Z]{2}", code) for code in body), path
        if kind == "goods":  # every RF-21a family, both texts
            families = load("cordon.goods", "description_families.yaml", "families")["families"]
            assert set(body) == set(families), path
            assert all(entry["label"] and entry["expected"] for entry in body.values()), path


def test_package_data_ships_the_catalogues() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    for pattern in ("i18n/locale/*/LC_MESSAGES/*.po", "screen/data/red_flags/*.yaml",
                    "i18n/ftm/*.yaml", "i18n/countries/*.yaml", "i18n/goods/*.yaml"):
        assert pattern in pyproject
