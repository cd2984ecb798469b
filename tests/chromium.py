"""Debian's chromium driven by the playwright package, and the rule for tools tests need.

Never `playwright install` (it downloads its own browser): chromium is Debian's, at
/usr/bin/chromium. A test that needs chromium or Java skips on a machine without it,
except in CI (CI=true), where it fails: .ci/run installs both.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def require(available: bool, missing: str) -> None:
    """Skip the test when a tool is missing, or fail it in CI."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{missing}: .ci/run must install it")
    pytest.skip(missing)


@contextmanager
def chromium(*extra: str) -> Iterator[Any]:
    """A headless chromium (a playwright Browser) with ARGS and `extra`; skips or fails when it cannot start."""
    require(bool(shutil.which(CHROMIUM)), f"no {CHROMIUM} on this machine")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *extra])
        try:
            yield browser
        finally:
            browser.close()
