"""A provider from abroad registers in English, is verified, answers a published demand with a PDF;
the enterprise sees the solution and shortlists it."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.publication import search
from innochallenge.site.demo import DEMO_PASSWORD, set_up_demo
from innochallenge.solutions.models import Solution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _login(page, url, username, password):
    page.goto(url + "/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form.stacked button[type=submit]").click()


def test_foreign_provider_answers_and_the_enterprise_shortlists(
    live_server, browser, tmp_path, settings, screenshot_path
):
    settings.PRIVATE_ROOT = tmp_path / "private"
    search.reset()
    set_up_demo(today=timezone.localdate())
    url = live_server.url

    provider = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()
    provider.goto(url + "/en/catalog/")
    provider.get_by_role("link", name="High-precision, low-backlash harmonic reducer").click()
    provider.get_by_role("link", name="Register as a solution provider").click()
    expect(provider.locator("input[name=role][value=provider]")).to_be_checked()
    provider.locator("input[name=organisation_name]").fill("Munich Institute of Drive Technology")
    provider.locator("input[name=username]").fill("munich")
    provider.locator("input[name=email]").fill("office@drives.example")
    provider.locator("input[name=password1]").fill("Gear-Backlash-2021!")
    provider.locator("input[name=password2]").fill("Gear-Backlash-2021!")
    provider.locator("input[name=privacy_consent]").check()
    provider.get_by_role("button", name="Register").click()
    expect(provider.locator("main")).to_contain_text("office@drives.example")
    link = re.search(r"https?://\S+/accounts/verify/\S+", mail.outbox[-1].body).group(0)
    provider.goto(url + urlsplit(link).path)
    _login(provider, url, "munich", "Gear-Backlash-2021!")

    provider.goto(url + "/solutions/profile/")
    provider.locator("input[name=name_en]").fill("Munich Institute of Drive Technology")
    provider.locator("select[name=provider_type]").select_option("institute")
    provider.locator("select[name=country]").select_option("DE")
    provider.locator("textarea[name=expertise]").fill("harmonic drives\nprecision gearing")
    provider.locator("input[name=contact_name]").fill("Dr. Klaus Berg")
    provider.locator("input[name=contact_email]").fill("berg@drives.example")
    provider.get_by_role("button", name="Save").click()
    expect(provider.locator(".lede")).to_contain_text("Awaiting verification")

    organiser = browser.new_context(locale="zh-CN").new_page()
    _login(organiser, url, "organiser", DEMO_PASSWORD)
    organiser.goto(url + "/solutions/providers/")
    row = organiser.locator("tr", has_text="Munich Institute of Drive Technology")
    row.get_by_role("button", name="通过核验").click()
    expect(organiser.locator(".messages")).to_contain_text("已核验")

    provider.goto(url + "/en/catalog/demo/1/")
    provider.get_by_role("link", name="Answer this demand").click()
    provider.locator("input[name=title]").fill("Flexspline with a preloaded tooth profile")
    provider.locator("textarea[name=summary]").fill(
        "Backlash under 0.8 arc-minute with a preloaded flexspline."
    )
    provider.get_by_role("button", name="Save the draft").click()
    provider.locator("input[name=file]").set_input_files(
        files=[{"name": "proposal.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    provider.get_by_role("button", name="Upload").click()
    expect(provider.locator("ul.files")).to_contain_text("proposal.pdf")
    provider.get_by_role("link", name="Edit").click()
    provider.locator("textarea[name=approach]").fill(
        "Preloaded tooth profile, hardened flexspline, ground circular spline."
    )
    provider.locator("textarea[name=indicators]").fill(
        "Backlash 0.8 arc-min (target 1); efficiency 87% (target 85%)."
    )
    provider.locator("textarea[name=timeline]").fill("Samples in four months.")
    provider.locator("select[name=cooperation_mode]").select_option(label="Joint development")
    provider.locator("textarea[name=team]").fill("Dr. Berg and three engineers.")
    provider.locator("select[name=ip_status]").select_option("patent_granted")
    provider.get_by_role("button", name="Save").click()
    provider.get_by_role("button", name="Submit the solution").click()
    expect(provider.locator(".status-panel")).to_contain_text("Submitted")
    expect(provider.locator(".status-panel")).to_contain_text("Decision expected by")

    enterprise = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    _login(enterprise, url, "enterprise", DEMO_PASSWORD)
    enterprise.goto(url + "/solutions/")
    enterprise.get_by_role("link", name="Flexspline with a preloaded tooth profile").click()
    expect(enterprise.locator("ul.files")).to_contain_text("proposal.pdf")
    enterprise.locator("textarea[name=message]").fill("请提供样品测试报告。")
    enterprise.get_by_role("button", name="入围").click()
    expect(enterprise.locator(".status-panel")).to_contain_text("已入围")
    enterprise.screenshot(path=screenshot_path("solution-shortlisted"), full_page=True)

    solution = Solution.objects.get(title="Flexspline with a preloaded tooth profile")
    assert solution.status == "shortlisted" and solution.attachments.count() == 1
    provider.reload()
    expect(provider.locator(".status-panel")).to_contain_text("Shortlisted")
    search.reset()
