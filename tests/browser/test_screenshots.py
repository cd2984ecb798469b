"""The screenshot script works (its pictures in docs/ are made by `python -m tests.browser.screenshots`)."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from tests.browser.screenshots import SIZES, take


def test_the_screenshot_script_makes_its_four_pictures(browser: Any, base_url: str, tmp_path: Path) -> None:
    written = take(browser, base_url, tmp_path)
    assert sorted(p.name for p in written) == sorted(
        f"screenshot-{name}-{width}.png" for name in ("home", "release") for width in SIZES
    )
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (int(path.stem.rsplit("-", 1)[1]), SIZES[width])
