"""The built sample site in Debian's chromium, served by a plain static server: what a visitor does."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

RELEASE = "/releases/eskeland-norland-fisheries-agreement-signed/"


def heading(page: Any) -> str:
    return " ".join(page.inner_text("main h1").split())


def test_home_to_release_to_tag_to_related_article_by_clicking(page: Any) -> None:
    page.goto("/")
    page.click(f'.release-list a[href="{RELEASE}"]')
    page.wait_for_url(f"**{RELEASE}")
    assert heading(page) == "Eskeland–Norland Fisheries Framework Agreement"
    assert page.inner_text(".release-type-label") == "FACT SHEET"

    page.click('.tag-list a:text-is("Norland")')
    page.wait_for_url("**/tags/norland/")
    assert heading(page) == "Tag: Norland"

    listed = page.locator(".release-list .release-item-title a").nth(1)
    title, listed_url = " ".join(listed.inner_text().split()), listed.get_attribute("href")
    listed.click()
    page.wait_for_url(f"**{listed_url}")
    assert heading(page) == title

    related = page.locator(".related-title a").first
    related_title, related_url = " ".join(related.inner_text().split()), related.get_attribute("href")
    related.click()
    page.wait_for_url(f"**{related_url}")
    assert heading(page) == related_title
    assert page.locator(".related").count() == 1  # the aside of the related article itself


def test_search_from_the_header_box_and_open_the_result(page: Any) -> None:
    page.goto("/")
    page.fill("#site-search-input", "auctioning")
    page.press("#site-search-input", "Enter")
    page.wait_for_url("**/search/?q=auctioning")
    result = page.locator(".search-result-link").first
    result.wait_for(timeout=15_000)
    assert page.locator(".search-result").count() == 1
    assert "Coastal Resilience Fund" in result.inner_text()
    result.click()
    page.wait_for_url("**/releases/coastal-resilience-fund-fact-sheet/")
    assert heading(page) == "The Eskeland Coastal Resilience Fund"


def test_search_filters_by_type(page: Any) -> None:
    page.goto("/search/?q=fisheries")
    # The status says how many results there are ("7 results for “fisheries”") once they
    # are shown: wait for a count under `fewer` and for every result shown to have its facts.
    settled = """(fewer) => {
      const text = document.querySelector('.search-status')?.textContent || '';
      const count = /^\\d+ results? for/.test(text) ? parseInt(text) : NaN;
      const results = [...document.querySelectorAll('.search-result')];
      return count < fewer && results.length > 0 && results.length <= count
        && results.every(r => r.querySelector('.search-result-fact'));
    }"""
    page.wait_for_function(settled, arg=10_000, timeout=15_000)
    unfiltered = int(page.locator(".search-status").inner_text().split()[0])
    page.click('.search-filter-name:text-is("Type")')
    page.check('.search-filter-value:has(label:text-is("Readout")) input')
    page.wait_for_function(settled, arg=unfiltered, timeout=15_000)
    types = page.locator(".search-result").evaluate_all(
        "rs => rs.map(r => r.querySelector('.search-result-fact').textContent)"
    )
    assert types and all(t == "Type: Readout" for t in types)


START = datetime(2026, 11, 28, 9, 59, tzinfo=UTC)  # a minute before the conference starts


@pytest.fixture
def clocked_page(browser: Any, base_url: str) -> Any:
    """A page whose clock (with its timers) the test moves, starting at START."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    opened = context.new_page()
    opened.clock.install(time=START)
    yield opened
    context.close()


def test_the_live_banner_follows_the_visitors_clock(clocked_page: Any) -> None:
    page = clocked_page
    page.goto(RELEASE)
    now = START

    def advance_to(moment: datetime) -> None:
        nonlocal now
        page.clock.run_for(int((moment - now).total_seconds() * 1000))
        now = moment

    # The page was built at 12:00, during the conference; before it starts, live.js hides it.
    banner = page.locator("#live-banner")
    banner.wait_for(state="hidden")
    advance_to(datetime(2026, 11, 28, 10, 1, tzinfo=UTC))
    banner.wait_for(state="visible")
    assert "Ministerial Conference on Ocean Governance" in banner.inner_text()
    advance_to(datetime(2026, 12, 31, 0, 1, tzinfo=UTC))  # it ended at midnight
    banner.wait_for(state="hidden")
    advance_to(datetime(2027, 2, 16, 15, 10, tzinfo=UTC))  # the next event: 16:00-16:45 at +01:00
    banner.wait_for(state="visible")
    assert page.inner_text(".live-label") == "WATCH LIVE"  # its own label (shown in capitals)
    assert page.get_attribute(".live-link", "href").endswith("2027-02-16-breimark-press-availability")
    advance_to(datetime(2027, 2, 16, 15, 50, tzinfo=UTC))
    banner.wait_for(state="hidden")


def test_the_live_banner_is_there_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.goto("/")
    assert page.is_visible("#live-banner")  # built at NOW, during the conference
    context.close()


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_main(page: Any) -> None:
    page.goto(RELEASE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.is_visible(".skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("url", ["/", RELEASE, "/tags/norland/", "/search/?q=fisheries", "/releases/page/2/"])
def test_nothing_is_wider_than_a_320_px_screen(page: Any, url: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(url)
    if "search" in url:
        page.locator(".search-result").first.wait_for(timeout=15_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_print_shows_content_with_link_urls_and_no_navigation(page: Any) -> None:
    page.goto("/releases/coastal-resilience-fund-fact-sheet/")
    page.emulate_media(media="print")
    for hidden in (".site-nav", ".site-search", ".official-banner", ".live-banner", ".related", ".breadcrumbs"):
        assert not page.is_visible(hidden), hidden
    assert page.is_visible(".release-body")
    link = page.locator(".release-tags a").first
    after = link.evaluate("a => getComputedStyle(a, '::after').getPropertyValue('content')")
    assert after == f'" ({link.get_attribute("href")})"'


def test_print_shows_the_release_own_address_and_the_screen_does_not(page: Any) -> None:
    path = "/releases/coastal-resilience-fund-fact-sheet/"
    page.goto(path)
    assert not page.is_visible(".print-url")
    page.emulate_media(media="print")
    assert page.is_visible(".print-url")
    # The sample's base_url is https://press.example.org/: the printed address is the canonical one.
    assert page.inner_text(".print-url") == f"This release online: https://press.example.org{path}"
