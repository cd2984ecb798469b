"""A site branded from site.toml in chromium: its colours reach the theme's custom
properties, its logo and stylesheet load, and axe still finds nothing at 375 and 1280 px."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.sample import NOW, static_server
from tests.conftest import Site, release, run_cli

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 40" width="60" height="40">'
    '<rect width="60" height="40" fill="#0b4f3c"/></svg>\n'
)
SETTINGS = """\
title = "Halvik Port Authority Press Office"
logo = "files/logo.svg"
stylesheet = "files/brand.css"

[colors]
primary = "#0b4f3c"
accent = "#f2c14e"
live = "#8f1d21"
"""


@pytest.fixture(scope="module")
def branded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("branded") / "press"
    Site(root).write(
        {
            "site.toml": SETTINGS,
            "content/releases/a.md": release("Port of Halvik Reopens to Container Traffic", "2026-11-27"),
            "content/files/logo.svg": SVG,
            "content/files/brand.css": ".site-title-text { letter-spacing: .02em; }\n",
            "content/live.yaml": '- title: "Harbour Briefing"\n  url: "https://video.example.org/b"\n'
            "  starts: 2026-11-28T11:00:00+00:00\n  ends: 2026-11-28T13:00:00+00:00\n",
        }
    )
    result = run_cli(["build", "--source", str(root), "--now", NOW, "--strict", "--quiet"])
    assert result.code == 0, result.err
    with static_server(root / "site") as url:
        yield url


def style(page: Any, selector: str, prop: str) -> str:
    return str(page.evaluate(f"getComputedStyle(document.querySelector({selector!r}))[{prop!r}]"))


@pytest.mark.parametrize("width", [375, 1280])
def test_the_colours_logo_and_stylesheet_apply(browser: Any, branded_url: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 800}, base_url=branded_url)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert style(page, ".site-nav", "backgroundColor") == "rgb(11, 79, 60)"
    assert style(page, ".live-label", "backgroundColor") == "rgb(143, 29, 33)"
    assert style(page, ".site-title-text", "letterSpacing") != "normal"  # brand.css came after the theme
    assert page.evaluate("document.querySelector('.site-title img').naturalWidth") == 60
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    context.close()
