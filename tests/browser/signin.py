"""Signing a person in through the log-in page, as every browser journey starts."""

from innochallenge.site.demo import DEMO_PASSWORD


def signed_in(browser, url: str, username: str, password: str = DEMO_PASSWORD, **context):
    """A new Chinese browser context signed in as `username`; its page collects console errors (CSP
    violations among them) in `page.csp_violations`."""
    options = {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}} | context
    page = browser.new_context(**options).new_page()
    page.csp_violations = []
    page.on("console", lambda msg: msg.type == "error" and page.csp_violations.append(msg.text))
    page.goto(url + "/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form.stacked button[type=submit]").click()
    return page
