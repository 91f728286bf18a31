"""Choosing a language, writing numbers and dates in it, and the CLI's language options."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import typer

from cordon.i18n import Language, _, current, negotiate, ngettext, normalize, use_language
from cordon.i18n import formatting as fmt
from cordon.i18n.catalog import missing_messages
from cordon.i18n.cli import cli_language
from cordon.i18n.labels import schema_label, status_label
from cordon.names.translit import romanize


@pytest.mark.parametrize(("tag", "code"), [
    ("ar", "ar"), ("ar-AE", "ar"), ("ru_RU", "ru"), ("zh-Hans-CN", "zh"), ("ZH", "zh"),
    ("en-GB", "en"), ("fr", None), ("", None), (None, None), ("a" * 200, None), ("../etc", None),
])  # fmt: skip
def test_normalize_language_tags(tag: str | None, code: str | None) -> None:
    assert normalize(tag) == code


@pytest.mark.parametrize(("header", "code"), [
    ("ar-AE,ar;q=0.9,en;q=0.8", "ar"), ("fr-FR, de;q=0.9, ru;q=0.5", "ru"),
    ("en;q=0.2, zh-CN;q=0.9", "zh"), ("fr, de", None), ("ru;q=0", None), ("zh;q=abc, ar", "ar"),
    ("", None),
])  # fmt: skip
def test_accept_language_negotiation(header: str, code: str | None) -> None:
    assert negotiate(header) == code


def test_environment_sets_the_default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORDON_LANG", "ru")
    assert current() == Language("ru")
    assert _("Runs") == "Проверки"
    monkeypatch.setenv("CORDON_LANG", "xx")
    assert current().code == "en"
    with use_language("zh"):
        assert _("Runs") == "筛查任务"
    assert current().code == "en"


@pytest.mark.parametrize(("language", "expected"), [
    (Language("en"), ("1,234,567", "12.5%", "$20.5K", "$1.23M", "March 2024", "2024-03-01")),
    (Language("ru"), ("1 234 567", "12,5 %", "20,5 тыс. $", "1,23 млн $", "март 2024 г.",
                      "2024-03-01")),
    (Language("zh"), ("1,234,567", "12.5%", "2.05万美元", "123.46万美元", "2024年3月",
                      "2024-03-01")),
    (Language("ar"), ("١٬٢٣٤٬٥٦٧", "١٢٫٥٪", "٢٠٫٥ ألف دولار", "١٫٢٣ مليون دولار", "مارس ٢٠٢٤",
                      "\u2066\u202d٢٠٢٤-٠٣-٠١\u202c\u2069")),
    (Language("ar", "latn"), ("1,234,567", "12.5%", "20.5 ألف دولار", "1.23 مليون دولار",
                              "مارس 2024", "\u2066\u202d2024-03-01\u202c\u2069")),
])  # fmt: skip
def test_numbers_money_and_dates_per_locale(
    language: Language, expected: tuple[str, ...]
) -> None:
    with use_language(language):
        got = (
            fmt.number(1234567), fmt.percent(0.125), fmt.usd(20515.4), fmt.usd(1_234_567),
            fmt.month(date(2024, 3, 1)), fmt.day(date(2024, 3, 1)),
        )
    assert tuple(text.replace("\u00a0", " ").replace("\u202f", " ") for text in got) == expected


@pytest.fixture
def digits_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty ``digits/`` folder in place of cordon's (the caches cleared before and after)."""
    monkeypatch.setattr(fmt, "DIGITS_DIR", tmp_path)
    fmt._digit_system.cache_clear()
    yield tmp_path
    fmt._digit_system.cache_clear()


def test_a_language_writes_the_digits_its_file_names(digits_dir: Path) -> None:
    with use_language("ar"):
        assert fmt.number(1234) == "1,234"  # no digits/ar.yaml: 0-9
    (digits_dir / "ru.yaml").write_text(
        'source: CLDR "arabext"\nnumbers:\n  numbering_system: arabext\n  digits: "۰۱۲۳۴۵۶۷۸۹"\n',
        encoding="utf-8",
    )
    fmt._digit_system.cache_clear()
    with use_language("ru"):
        assert fmt.number(1234567) == "۱٬۲۳۴٬۵۶۷"  # arabext digits and separators
        assert fmt.numbering_system() == "arabext"
    with use_language(Language("ru", "latn")):
        assert fmt.number(12) == "12"
    broken = "numbers: {numbering_system: hanidec, digits: 〇一}"  # two digits, not ten
    (digits_dir / "zh.yaml").write_text(broken, encoding="utf-8")
    with use_language("zh"), pytest.raises(fmt.DigitFileError, match=r"zh\.yaml"):
        fmt.number(1)


def test_plural_forms_follow_each_language() -> None:
    def runs(n: int) -> str:
        return ngettext("%(num)s run", "%(num)s runs", n) % {"num": n}

    with use_language("ru"):
        assert [runs(n) for n in (1, 3, 5, 21)] == [
            "1 проверка", "3 проверки", "5 проверок", "21 проверка",
        ]
    with use_language("ar"):
        assert [runs(n) for n in (1, 2, 5, 11, 100)] == [
            "عملية فحص واحدة", "عمليتا فحص", "5 عمليات فحص", "11 عملية فحص", "100 عملية فحص",
        ]


def test_machine_values_get_labels_and_names_stay_as_written() -> None:
    with use_language("zh"):
        assert status_label("escalated") == "已上报"
        assert schema_label("Company") == "公司"
        assert fmt.country("KZ") == "哈萨克斯坦"
    with use_language("ar"):
        assert schema_label("Person") != "Person"
    assert romanize("АО «Концерн ВКО «Алмаз-Антей»") == "AO «Kontsern VKO «Almaz-Antey»"
    assert romanize("中国电子科技集团公司").startswith("Zhong Guo Dian Zi")
    assert romanize("ROSOBORONEXPORT") == "ROSOBORONEXPORT"


def test_a_message_missing_from_a_catalogue_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    with use_language("ru"):
        assert _("A message nobody translated") == "A message nobody translated"
        monkeypatch.setenv("CORDON_I18N_STRICT", "1")
        assert _("Another untranslated message") == "⟦Another untranslated message⟧"
    assert ("ru", "A message nobody translated") in missing_messages()


def test_cli_language_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORDON_LANG", "zh")
    assert cli_language(None, None) == Language("zh")
    assert cli_language("ar", "latn") == Language("ar", "latn")
    with pytest.raises(typer.BadParameter, match="未知语言 'klingon'"):  # in CORDON_LANG's language
        cli_language("klingon", None)
    monkeypatch.setenv("CORDON_LANG", "en")
    with pytest.raises(typer.BadParameter, match="unknown digits 'roman'"):
        cli_language("ar", "roman")


def test_timestamps_keep_iso_order() -> None:
    with use_language("ru"):
        assert fmt.timestamp(datetime(2024, 3, 1, 9, 5, 7)) == "2024-03-01 09:05:07"
