"""A real browser on a real `generator serve`: a saved edit shows up without any navigation.

Needs Debian's chromium at /usr/bin/chromium (driven by the playwright package, never
`playwright install`). Skips without it, except in CI (CI=true), where it must run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.chromium import chromium
from tests.conftest import Site, release
from tests.serve.test_serve import Server


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def test_an_open_page_shows_a_saved_edit_by_itself(site: Callable[[dict[str, str]], Site], browser: Any) -> None:
    s = site(
        {
            "content/releases/a.md": release(
                "Alpha Statement", "2024-01-01", tags=["Norland"], body="The original paragraph."
            )
        }
    )
    running = Server(s.root)
    try:
        page = browser.new_page()
        page.goto(running.url + "releases/a/")
        assert "The original paragraph." in page.inner_text(".release-body")
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
        page.wait_for_timeout(500)  # let livereload.js finish its handshake
        s.write(
            {
                "content/releases/a.md": release(
                    "Alpha Statement", "2024-01-01", tags=["Norland"], body="A paragraph saved while the page was open."
                )
            }
        )
        page.wait_for_function(
            "() => document.querySelector('.release-body').innerText.includes('saved while the page was open')",
            timeout=20_000,
        )
    finally:
        running.process.kill()
        running.process.wait()
