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


REBOUND = "rebound.example"  # an attacker's name, pointed at this machine as DNS rebinding does


def test_a_page_whose_name_was_rebound_here_reads_no_draft(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/draft.md": release("Draft Statement", "2024-01-03", draft="true")})
    running = Server(s.root)
    try:
        with chromium(f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1") as browser:
            page = browser.new_page()
            response = page.goto(f"http://{REBOUND}:{running.port}/releases/draft/")
            assert response is not None and response.status == 403
            assert "Draft Statement" not in page.content() and "--allow-host" in page.content()
            # The attacker's script, same-origin with the rebound name, and to the preview's own address:
            read = page.evaluate(
                """async () => {
                    const r = await fetch('/releases/draft/');
                    const own = r.status + ' ' + r.headers.get('content-type');
                    const socket = await new Promise(done => {
                        const ws = new WebSocket('ws://127.0.0.1:' + location.port + '/livereload');
                        ws.onopen = () => done('open');
                        ws.onerror = () => done('refused');
                    });
                    return [own, socket];
                }"""
            )
            assert read == ["403 text/plain; charset=utf-8", "refused"]
            page.goto(running.url + "releases/draft/")  # the editor's own tab
            assert "Draft Statement" in page.inner_text("body")
            page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
    finally:
        running.process.kill()
        running.process.wait()


def _overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_the_warnings_show_as_one_line_that_opens_and_covers_no_heading(
    site: Callable[[dict[str, str]], Site], browser: Any
) -> None:
    s = site(
        {
            "content/releases/a.md": release(
                "Alpha Statement", "2024-01-01", body="Text.\n\n![Map](map.png)\n\nSee [the notice](gone.md)."
            )
        }
    )
    running = Server(s.root)
    try:
        for width, height in ((375, 667), (1280, 800)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(running.url + "releases/a/")
            box = page.locator("#generator-warnings")
            summary = box.locator("summary")
            assert summary.inner_text() == "2 warnings"
            assert not box.locator("li").first.is_visible()
            heading = page.locator("h1").bounding_box()
            collapsed = box.bounding_box()
            assert heading is not None and collapsed is not None
            assert collapsed["height"] < 48, collapsed  # one line
            assert not _overlaps(collapsed, heading), (width, collapsed, heading)
            summary.click()
            items = box.locator("li")
            assert items.count() == 2 and items.first.is_visible()
            assert '"map.png" leads to no file or page' in items.first.inner_text()
            opened = box.bounding_box()
            assert opened is not None and opened["height"] <= height * 0.5 + 48
            if width > 1000:
                assert not _overlaps(opened, heading), (opened, heading)
            page.close()
    finally:
        running.process.kill()
        running.process.wait()
