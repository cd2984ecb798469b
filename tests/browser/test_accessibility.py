"""axe-core (the axe-playwright-python package) in Debian's chromium finds no violations
on any kind of page: every rule axe runs by default (WCAG 2.0-2.2 A and AA, best practices)."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = {
    "home": "/",
    "release": "/releases/eskeland-norland-fisheries-agreement-signed/",
    "tag": "/tags/norland/",
    "office": "/offices/bureau-of-climate-and-energy/",
    "types index": "/types/",
    "year": "/archive/2024/",
    "about page": "/about/",
    "listing page 2": "/releases/page/2/",
    "search with results": "/search/?q=fisheries",
    "404": "/404.html",
}


def violations(page: Any) -> tuple[int, str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(page: Any, name: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(PAGES[name])
    if name.startswith("search"):
        page.wait_for_selector(".search-result", timeout=15_000)
    count, report = violations(page)
    assert count == 0, report


def test_no_axe_violations_with_the_official_banner_open(page: Any) -> None:
    page.goto(PAGES["release"])
    page.click(".official-details summary")
    assert page.is_visible(".official-content")
    count, report = violations(page)
    assert count == 0, report
