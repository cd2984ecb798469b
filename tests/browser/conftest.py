"""One built sample site, one static server and one chromium for all the tests here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.browser.sample import NOW, build_sample, static_server
from tests.chromium import chromium


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="session")
def base_url(sample_site: Path) -> Iterator[str]:
    with static_server(sample_site) as url:
        yield url


@pytest.fixture(scope="package")  # not longer: playwright's event loop would stay in other tests' way
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@contextmanager
def fresh_page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page of the site at `base_url`, 1280 px wide, whose clock says NOW (the build time)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    opened = context.new_page()
    opened.clock.set_fixed_time(NOW)
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page of the sample site."""
    with fresh_page(browser, base_url) as opened:
        yield opened
