import re

import pytest


def test_pages_send_a_strict_content_security_policy(hs2021, client):
    response = client.get("/campaigns/hs2021/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize(
    "url", ["/", "/campaigns/hs2021/", "/accounts/login/", "/accounts/register/", "/api/v1/docs"]
)
def test_pages_have_no_inline_script_style_or_outside_asset(hs2021, client, url):
    page = client.get(url).content.decode()

    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", page), "inline <script>"
    assert " style=" not in page
    assert not re.search(r"(src|href)=\"https?://", page), "asset from outside the app"


def test_language_switch_changes_the_page_language(hs2021, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/campaigns/hs2021/"}, follow=True)

    assert response.redirect_chain[-1][0] == "/campaigns/hs2021/"
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Timeline" in page


def test_default_language_is_simplified_chinese(hs2021, client):
    page = client.get("/campaigns/hs2021/").content.decode()

    assert '<html lang="zh-hans">' in page


def test_healthz_answers_when_the_database_does(db, client):
    assert client.get("/healthz").json() == {"status": "ok"}
