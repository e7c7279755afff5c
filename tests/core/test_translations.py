"""The Chinese catalog is complete and keeps every placeholder; pages speak Chinese first."""

import re
from pathlib import Path

import polib
from django.utils import translation
from django.utils.translation import gettext

import innochallenge

CATALOG = Path(innochallenge.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>")


def test_every_message_is_translated_and_none_is_fuzzy():
    catalog = polib.pofile(str(CATALOG))
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []
    assert catalog.metadata["Plural-Forms"].startswith("nplurals=1")


def test_translations_keep_their_placeholders():
    wrong = []
    for entry in polib.pofile(str(CATALOG)):
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text and set(PLACEHOLDER.findall(text)) != wanted:
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_stage_names_follow_the_notice():
    with translation.override("zh-hans"):
        assert gettext("Demand collection") == "技术需求征集"
        assert gettext("Live final") == "现场决赛"


def test_pages_are_chinese_first_and_english_on_request(client):
    chinese = client.get("/accounts/login/").content.decode()
    assert "登录" in chinese and "Log in" not in chinese
    english = client.get("/accounts/login/", headers={"accept-language": "en"}).content.decode()
    assert "Log in" in english
