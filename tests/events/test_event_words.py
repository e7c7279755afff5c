"""The events pages speak the challenge notice's words: one registers (报名) for an event, not signs up
for an account (注册); the unit running a session is its 承办单位 (evidence for the 最佳组织单位奖);
sessions are 地区专场 or 产业专场; and the plan says in plain words what the solver's bound is."""

import io
import re

import pypdfium2
import pytest
from django.utils import translation

from innochallenge.events import services
from innochallenge.events.forms import EventForm
from innochallenge.events.models import Event


def _main(html: str) -> str:
    """The page's own content, without the site's header and footer."""
    match = re.search(r"<main[^>]*>(.*)</main>", html, re.S)
    return match.group(1) if match else html


def test_the_register_page_says_baoming_not_zhuce(fair, client_of, stranger):
    text = _main(client_of(stranger).get(f"/events/{fair.event.pk}/register/").content.decode())
    assert '<button type="submit">报名</button>' in text
    assert "注册" not in text


def test_the_register_page_tells_an_enterprise_how_a_hidden_name_shows(fair, client_of):
    text = client_of(fair.owner).get(f"/events/{fair.event.pk}/register/").content.decode()
    assert "将看到“某企业”" in text


def test_the_event_page_and_form_call_the_unit_its_chengban_danwei(fair, client_of):
    text = _main(client_of(fair.owner).get(f"/events/{fair.event.pk}/").content.decode())
    assert "承办单位" in text and "组织单位" not in text
    with translation.override("zh-hans"):
        form = EventForm(campaign=fair.event.campaign)
        assert str(form.fields["organising_unit"].label) == "承办单位"
        assert str(form.fields["industry_field"].label) == "产业领域（产业专场）"
        assert str(Event._meta.get_field("organising_unit").verbose_name) == "承办单位"
        assert str(Event._meta.get_field("organising_unit").help_text) == "作为“最佳组织单位奖”的评定依据。"


def test_the_new_event_page_speaks_of_chanye_zhuanchang(hs2021, organiser, client_of):
    text = _main(client_of(organiser).get("/events/new/").content.decode())
    assert "产业专场" in text and "行业专场" not in text
    assert "承办单位" in text


def test_the_agenda_pdf_names_the_chengban_danwei(fair, client_of):
    pdf = client_of(fair.owner).get(f"/events/{fair.event.pk}/agenda.pdf").content
    text = pypdfium2.PdfDocument(io.BytesIO(pdf))[0].get_textpage().get_text_range()
    assert "承办单位" in text


@pytest.mark.parametrize(
    "lang, plain", [("zh-hans", "任何排法最多能达到的价值"), ("en", "The most any schedule")]
)
def test_the_plan_explains_the_bound_in_plain_words(fair, client_of, lang, plain):
    for registration, provider in zip(fair.registrations, fair.providers, strict=True):
        request = services.request_meeting(fair.enterprise, registration, priority=3, by=fair.owner)
        services.answer_request(request, accept=True, by=provider)
    client = client_of(fair.organiser)
    client.cookies["django_language"] = lang
    text = client.post(f"/events/{fair.event.pk}/schedule/", follow=True).content.decode()
    assert plain in text
    assert "上界" not in text and "Proven bound" not in text
