"""Phones first: the sample site on a 375x667 screen, measured by bounding boxes in chromium.

Without scrolling, the home page shows the newest release's title and a release page its
whole headline with its type, office and date; the menu opens without JavaScript; the live
banner is one compact line; the self-hosted fonts load and stay small; nothing is missing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def phone(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, base_url=base_url)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_script(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, base_url=base_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def releases(sample_site: Path) -> list[dict[str, Any]]:
    data = json.loads((sample_site / "releases.json").read_text(encoding="utf-8"))
    return list(data["releases"])


def bottom(page: Any, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not shown"
    return float(box["y"] + box["height"])


def test_the_home_page_shows_the_newest_release_without_scrolling(phone: Any) -> None:
    phone.goto("/releases/")
    newest = " ".join(phone.locator(".release-item-title a").first.inner_text().split())
    phone.goto("/")
    lead = phone.locator(".lead-title a")
    assert " ".join(lead.inner_text().split()) == newest
    assert bottom(phone, ".lead-title") <= PHONE["height"]
    name = phone.locator("main h1").bounding_box()  # the site's name, in the header: here for screen readers only
    assert name is not None and name["height"] <= 1


def test_a_release_shows_its_whole_headline_type_office_and_date_without_scrolling(
    phone: Any, sample_site: Path
) -> None:
    longest = max(releases(sample_site), key=lambda r: len(r["title"]))
    phone.goto(urlsplit(longest["url"]).path)
    title = phone.locator("h1.release-title")
    box = title.bounding_box()
    line = float(phone.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).lineHeight)"))
    assert box is not None and box["height"] <= 3 * line + 1, f"{longest['title']!r} takes more than three lines"
    for selector in ("h1.release-title", ".release-type-label", ".release-office", ".release-date"):
        assert bottom(phone, selector) <= PHONE["height"], selector


def test_the_menu_opens_without_javascript(no_script: Any) -> None:
    no_script.goto("/")
    offices = no_script.locator('.site-nav a[href="/offices/"]')
    assert offices.is_hidden()
    no_script.click(".site-menu summary")
    assert offices.is_visible()
    assert no_script.locator('.site-nav a[href="/search/"]').is_visible()  # the search box's place on a phone
    offices.click()
    no_script.wait_for_url("**/offices/")
    assert " ".join(no_script.inner_text("main h1").split()) == "Offices"


def test_on_a_desktop_the_menu_is_a_bar_without_a_button(page: Any) -> None:
    page.goto("/")
    assert page.locator(".site-menu summary").is_hidden()
    assert page.locator('.site-nav a[href="/offices/"]').is_visible()
    assert page.locator("#site-search-input").is_visible()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_live_banner_is_one_compact_line_with_its_label_and_link(browser: Any, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 667}, base_url=base_url)
    page = context.new_page()
    page.goto("/")
    banner = page.locator("#live-banner")
    box = banner.bounding_box()
    assert box is not None and box["height"] <= (64 if width == 375 else 40)
    assert page.inner_text(".live-label").strip().lower() == "live now"
    link = page.locator(".live-link")
    assert link.get_attribute("href") == "https://video.example.org/events/ocean-governance-conference-2026"
    background = page.evaluate("getComputedStyle(document.getElementById('live-banner')).backgroundColor")
    label = page.evaluate("getComputedStyle(document.querySelector('.live-label')).backgroundColor")
    assert background != label  # only the label is in the live colour, not a red bar
    context.close()


def test_fonts_are_self_hosted_small_and_nothing_is_missing(phone: Any, base_url: str) -> None:
    fonts: list[int] = []
    failed: list[str] = []

    def seen(response: Any) -> None:
        if response.status >= 400:
            failed.append(response.url)
        elif response.url.endswith(".woff2"):
            fonts.append(len(response.body()))

    phone.on("response", seen)
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))
    for url in ("/", "/releases/eskeland-norland-fisheries-agreement-signed/"):
        phone.goto(url)
        phone.wait_for_load_state("networkidle")
        assert phone.evaluate("document.fonts.check('700 24px Merriweather')")
        assert phone.evaluate("document.fonts.check('400 16px \"Public Sans\"')")
        heading_font = phone.evaluate("getComputedStyle(document.querySelector('main h2, main h1')).fontFamily")
        assert heading_font.startswith("Merriweather")
    assert failed == []
    assert not [url for url in requested if url.endswith("/favicon.ico")]
    assert all(url.startswith(base_url) for url in requested)  # nothing from other hosts
    assert fonts and sum(fonts) < 250_000


def test_no_axe_violations_with_the_menu_open(phone: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    phone.goto("/releases/eskeland-norland-fisheries-agreement-signed/")
    phone.click(".site-menu summary")
    results = Axe().run(phone)
    assert results.violations_count == 0, results.generate_report()
