"""Take the screenshots of each role's home (工作台) shown in README.md: a demo server, each demo account
logged in, Chinese UI, a 1280×900 window.

Usage: python scripts/screenshot_homes.py [docs]
Writes docs/home-<role>.png for organiser, liaison, broker, enterprise, provider and judge.
"""

import argparse
import os
from pathlib import Path

from demo_server import DEMO_PASSWORD, demo_server
from playwright.sync_api import sync_playwright

PORT = 8766
ROLES = ("organiser", "liaison", "broker", "enterprise", "provider", "judge")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="docs")
    args = parser.parse_args()
    with demo_server(PORT) as url:
        shoot(url, Path(args.folder))


def shoot(url: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        for username in ROLES:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page = context.new_page()
            page.goto(url + "/accounts/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.click("form.stacked button[type=submit]")
            page.wait_for_selector("#waiting-heading")
            page.screenshot(path=str(folder / f"home-{username}.png"), full_page=False)
            print(folder / f"home-{username}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innochallenge.settings")
    main()
