"""How a web page picks its language: ?lang=, the cookie, Accept-Language; the API is untouched."""

from __future__ import annotations

import httpx

from cordon.web.language import DIGITS_COOKIE, LANG_COOKIE


def test_query_parameter_sets_and_remembers_the_language(web_server: str) -> None:
    with httpx.Client(base_url=web_server) as client:
        english = client.get("/ui/search")
        assert '<html lang="en" dir="ltr">' in english.text
        assert LANG_COOKIE not in english.headers.get("set-cookie", "")

        arabic = client.get("/ui/search", params={"lang": "ar"})
        assert '<html lang="ar" dir="rtl">' in arabic.text
        assert "البحث في قوائم العقوبات" in arabic.text
        assert f"{LANG_COOKIE}=ar" in arabic.headers["set-cookie"]
        assert "Max-Age=31536000" in arabic.headers["set-cookie"]

        # The cookie is kept by the client: the next page is Arabic without ?lang=.
        again = client.get("/ui/")
        assert '<html lang="ar" dir="rtl">' in again.text and "فحص ملف جمركي" in again.text

        # The switcher's links keep the page's own query and change only the language.
        assert 'href="/ui/search?lang=zh"' in arabic.text
        search = client.get("/ui/search", params={"q": "Almaz", "lang": "ru"})
        assert 'href="/ui/search?q=Almaz&amp;lang=zh"' in search.text
        assert "Результаты" in search.text


def test_accept_language_when_nothing_was_chosen(web_server: str) -> None:
    with httpx.Client(base_url=web_server) as client:
        page = client.get("/ui/search", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
        assert '<html lang="zh" dir="ltr">' in page.text and "搜索制裁名单" in page.text
        unknown = client.get("/ui/search", headers={"Accept-Language": "fr-FR,de;q=0.8"})
        assert '<html lang="en" dir="ltr">' in unknown.text
        # An explicit choice beats the browser's header; a bad value is ignored.
        chosen = client.get("/ui/search?lang=ru", headers={"Accept-Language": "zh"})
        assert '<html lang="ru"' in chosen.text
        client.cookies.clear()
        bad = client.get("/ui/search?lang=<script>", headers={"Accept-Language": "zh"})
        assert '<html lang="zh"' in bad.text and "<script>" not in bad.headers.get(
            "set-cookie", ""
        )


def test_latin_digits_option_for_arabic(web_server: str) -> None:
    with httpx.Client(base_url=web_server) as client:
        arabic = client.get("/ui/search", params={"lang": "ar"}).text
        assert "٠" in arabic or "١" in arabic or "٢" in arabic
        latin = client.get("/ui/search", params={"lang": "ar", "digits": "latn"})
        assert f"{DIGITS_COOKIE}=latn" in latin.headers["set-cookie"]
        body = latin.text.split("<main", 1)[1]
        assert not any(ch in body for ch in "٠١٢٣٤٥٦٧٨٩")


def test_errors_on_pages_are_translated_but_the_api_keeps_english(web_server: str) -> None:
    with httpx.Client(base_url=web_server) as client:
        page = client.get("/ui/entities/nope-1", params={"lang": "ru"})
        assert page.status_code == 404 and "Субъект не найден: nope-1" in page.text
        api = client.get("/runs/no-such-run", headers={"Accept-Language": "ru",
                                                       "Cookie": f"{LANG_COOKIE}=ru"})
        assert api.json() == {"detail": "No such run: no-such-run"}
        assert "set-cookie" not in api.headers
