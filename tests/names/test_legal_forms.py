"""Legal forms are recognized in many languages, cut from the core name and compared as types."""

from __future__ import annotations

import pytest

from cordon.names.legal_forms import compare_legal_forms, split_legal_forms


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("ооо ромашка", "llc"),
        ("romashka ooo", "llc"),
        ("romashka limited liability company", "llc"),
        ("оао рособоронэкспорт", "jsc"),
        ("пао сбербанк", "jsc"),
        ("закрытое акционерное общество лист", "jsc"),
        ("rosoboroneksport oao", "jsc"),
        ("huawei co., ltd.", "llc"),
        ("华为技术有限公司", "llc"),
        ("华为股份有限公司", "jsc"),
        ("aselsan a.ş.", "jsc"),
        ("delta dış ticaret ltd. şti.", "llc"),
        ("gulf trading fze", "llc"),
        ("gulf trading fzco", "llc"),
        ("gulf trading fz-llc", "llc"),
        ("siemens gmbh", "llc"),
        ("شركة الاتصالات ذ.م.م", "llc"),
    ],
)
def test_legal_form_is_recognized_and_removed(name: str, generic: str) -> None:
    forms = split_legal_forms(name)
    assert generic in forms.generic
    assert forms.core.strip() and forms.core != name


def test_name_without_legal_form_is_untouched() -> None:
    forms = split_legal_forms("almaz antey air defense concern")
    assert forms.core == "almaz antey air defense concern"
    assert forms.generic == frozenset()


def test_legal_form_alone_is_not_removed() -> None:
    assert split_legal_forms("ao").core == "ao"


def test_compare_legal_forms() -> None:
    assert compare_legal_forms(frozenset({"jsc"}), frozenset({"jsc"})) == "match"
    assert compare_legal_forms(frozenset({"llc"}), frozenset({"jsc"})) == "mismatch"
    assert compare_legal_forms(frozenset({"llc"}), frozenset({"ltd"})) == "compatible"
    assert compare_legal_forms(frozenset(), frozenset({"jsc"})) is None
