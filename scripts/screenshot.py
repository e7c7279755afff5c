"""Take the screenshots shown in README.md: a demo server, the organiser logged in, Chinese UI.

Usage: python scripts/screenshot.py docs/dashboard.png [--lang en]
Writes the dashboard to the given file and, beside it, the quota-progress page (quota.png), the broker's
diagnosis form (diagnosis.png), the broker's matches of a demand (matches.png) and a public catalog
search in English (catalog.png).
"""

import argparse
import os
from pathlib import Path

from demo_server import DEMO_PASSWORD, demo_server
from playwright.sync_api import sync_playwright

PORT = 8765


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--lang", default="zh-hans", choices=["zh-hans", "en"])
    args = parser.parse_args()
    with demo_server(PORT, seconds=60) as url:
        shoot(url, Path(args.output), args.lang)


def shoot(url: str, output: Path, lang: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        page = browser.new_page(
            viewport={"width": 1200, "height": 900}, locale="en-US" if lang == "en" else "zh-CN"
        )
        page.goto(url + "/accounts/login/")
        page.fill("input[name=username]", "organiser")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("form.stacked button[type=submit]")
        page.wait_for_selector("svg.timeline")
        if lang == "en":
            page.click("button[value=en]")
            page.wait_for_selector("html[lang=en]")
        output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(output), full_page=False)
        page.goto(url + "/demands/quota/demo/")
        page.wait_for_selector("svg.quota-chart")
        page.screenshot(path=str(output.with_name("quota.png")), full_page=True)
        broker = browser.new_page(viewport={"width": 1200, "height": 900}, locale="zh-CN")
        broker.goto(url + "/accounts/login/?next=/diagnosis/queue/")
        broker.fill("input[name=username]", "broker")
        broker.fill("input[name=password]", DEMO_PASSWORD)
        broker.click("form.stacked button[type=submit]")
        broker.click("text=化工废水中低浓度有机物高效去除")
        broker.wait_for_selector("form.diagnosis-form")
        broker.locator("form.diagnosis-form").screenshot(path=str(output.with_name("diagnosis.png")))
        broker.goto(url + "/demands/")
        broker.click("tr:has-text('高精度低背隙谐波减速器') a")  # the reference number opens the demand
        broker.click("a[href^='/matching/demands/']")
        broker.wait_for_selector("div.card.match")  # the parts of each score sit in a closed fold
        broker.screenshot(path=str(output.with_name("matches.png")), full_page=False)
        visitor = browser.new_page(viewport={"width": 1200, "height": 800}, locale="en-US")
        visitor.goto(url + "/en/catalog/?q=LED+reliability")
        visitor.wait_for_selector("ol.catalog")
        visitor.screenshot(path=str(output.with_name("catalog.png")), full_page=False)
        browser.close()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innochallenge.settings")
    main()
