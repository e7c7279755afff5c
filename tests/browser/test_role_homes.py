"""Each demo role logs in and lands on its own home (工作台), what waits for it first; the menu grouped by
stage opens as a dropdown, one group at a time, and closes on a click elsewhere or on Escape."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from innochallenge.site.demo import set_up_demo
from tests.browser.signin import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: username → (heading of the home, a menu group it opens, an entry inside that group)
ROLES = {
    "organiser": ("工作台 · 主办方管理员", "管理", "数据报表"),
    "liaison": ("工作台 · 地区联络员", "需求征集", "指标完成进度"),
    "broker": ("工作台 · 服务团队 / 技术经纪人", "方案对接", "解决方案"),
    "enterprise": ("工作台 · 企业用户", "需求征集", "填报需求"),
    "provider": ("工作台 · 解决方案提供方", "方案对接", "我的解决方案"),
    "judge": ("工作台 · 评委 / 专家", "评审", "利益关系申报"),
}


def test_every_role_lands_on_its_own_home_and_opens_the_grouped_menu(live_server, browser, screenshot_path):
    set_up_demo(today=timezone.localdate())

    for username, (heading, group, entry) in ROLES.items():
        page = signed_in(browser, live_server.url, username)

        expect(page).to_have_url(live_server.url + "/")
        expect(page.locator("main h1").first).to_have_text(heading)
        expect(page.locator("#waiting-heading")).to_have_text("待办事项")
        link = page.locator("details.nav-group").get_by_role("link", name=entry, exact=True)
        expect(link).to_be_hidden()
        page.locator("details.nav-group summary", has_text=group).click()
        expect(link).to_be_visible()
        page.locator("main h1").click()  # a click elsewhere closes it (core/js/nav.js)
        expect(link).to_be_hidden()
        page.screenshot(path=screenshot_path(f"home-{username}"), full_page=True)
        assert page.csp_violations == [], username
        page.context.close()


def test_one_menu_group_open_at_a_time_and_escape_closes_it(live_server, browser):
    set_up_demo(today=timezone.localdate())
    page = signed_in(browser, live_server.url, "organiser")

    page.locator("details.nav-group summary", has_text="需求征集").click()
    menu = page.get_by_role("navigation", name="主菜单")
    expect(menu.get_by_role("link", name="指标完成进度")).to_be_visible()
    page.locator("details.nav-group summary", has_text="奖励").click()

    expect(page.locator("details.nav-group[open]")).to_have_count(1)
    expect(menu.get_by_role("link", name="补助")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("details.nav-group[open]")).to_have_count(0)
    page.locator("details.nav-group summary", has_text="管理").click()
    menu.get_by_role("link", name="赛事总览").click()
    expect(page).to_have_url(re.compile(r"/campaigns/demo/$"))
    expect(page.get_by_role("heading", name="时间轴")).to_be_visible()
    assert page.csp_violations == []


def test_a_waiting_line_opens_its_page(live_server, browser):
    set_up_demo(today=timezone.localdate())
    page = signed_in(browser, live_server.url, "enterprise")

    line = page.locator("ul.waiting li", has_text="待答复的解决方案")
    expect(line.locator(".count")).to_have_text("1")
    line.get_by_role("link").click()

    expect(page).to_have_url(re.compile(r"/solutions/\d+/$"))
    assert page.csp_violations == []


def test_a_qr_visitor_is_told_how_to_register(live_server, browser):
    set_up_demo(today=timezone.localdate())
    page = browser.new_context(
        locale="zh-CN", viewport={"width": 375, "height": 740}, is_mobile=True
    ).new_page()

    page.goto(live_server.url + "/q/demo/xiangcheng")

    expect(page.locator(".qr-welcome h2")).to_have_text("您扫描的是地区的需求征集二维码")
    page.locator(".qr-welcome").get_by_role("link", name="注册为企业用户").click()
    expect(page.locator("input[name=role][value=enterprise]")).to_be_checked()
    page.context.close()
