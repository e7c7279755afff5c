"""The district liaison hands a demand to another broker, keeping the due date the form suggests, in a
Chinese browser. The date input must carry an ISO value (2026-12-10): a zh-hans value (2026/12/10) is
dropped by the browser, the required field is then empty and clicking 指派 does nothing."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.accounts.enums import OrganisationKind, Role
from innochallenge.accounts.models import Organisation
from innochallenge.accounts.services import create_staff_account
from innochallenge.demands.models import Demand
from innochallenge.diagnosis import services as diagnosis
from innochallenge.diagnosis.models import Assignment
from innochallenge.publication import search
from innochallenge.site.demo import DEMO_DISTRICT, DEMO_PASSWORD, set_up_demo
from tests.browser.signin import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_liaison_assigns_a_broker_with_the_prefilled_due_date(
    live_server, browser, tmp_path, settings, screenshot_path
):
    settings.PRIVATE_ROOT = tmp_path / "private"
    search.reset()
    campaign = set_up_demo(today=timezone.localdate())
    demand = (
        Demand.objects.filter(
            campaign=campaign, district__code=DEMO_DISTRICT, status__in=diagnosis.ASSIGNABLE
        )
        .select_related("assignment")
        .order_by("number")
        .first()
    )
    due_on = demand.assignment.due_on
    team = Organisation.objects.create(kind=OrganisationKind.SERVICE, name="相城区技术转移服务中心（演示）")
    other = create_staff_account(
        username="broker2",
        password=DEMO_PASSWORD,
        role=Role.BROKER,
        by=None,
        first_name="第二位技术经纪人",
        organisation=team,
    )
    url = live_server.url

    liaison = signed_in(browser, url, "liaison")
    liaison.goto(f"{url}/demands/{demand.pk}/")
    form = liaison.locator(f"form[action='/diagnosis/{demand.pk}/assign/']")
    expect(form.locator("input[name=due_on]")).to_have_value(due_on.isoformat())
    form.locator("select[name=broker]").select_option(str(other.pk))
    form.get_by_role("button", name="指派").click()
    expect(liaison.locator(".messages")).to_contain_text("已指派")
    liaison.screenshot(path=screenshot_path("assign-broker"), full_page=True)

    assignment = Assignment.objects.get(demand=demand)
    assert (assignment.broker, assignment.due_on) == (other, due_on)
    assert liaison.csp_violations == []
    search.reset()
