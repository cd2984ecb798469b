"""Screenshots of the repository's own sample site (content/ and site.toml, what README shows):
the home page and a release page at 375 and 1280 px, as Debian's chromium draws them, with the
visitor's clock at the build time (so the live banner shows). Re-run after changing the theme:

    .venv/bin/python -m tests.browser.screenshots          # writes docs/screenshot-*.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.browser.sample import NOW, ROOT, build_sample, static_server

PAGES = {"home": "/", "release": "/releases/eskeland-norland-fisheries-agreement-signed/"}
#: width -> height of the picture: the top of the page, as much as a reader takes in at once.
SIZES = {375: 1500, 1280: 1300}


def take(browser: Any, base_url: str, out: Path) -> list[Path]:
    """Write one PNG per page and width into `out`; return their paths."""
    written = []
    for width, height in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": min(height, 900)}, base_url=base_url)
        page = context.new_page()
        page.clock.set_fixed_time(NOW)
        for name, url in PAGES.items():
            page.goto(url)
            page.wait_for_load_state("networkidle")
            path = out / f"screenshot-{name}-{width}.png"
            page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
            written.append(path)
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNGs (default: docs/)")
    args = parser.parse_args(argv)
    from tests.chromium import chromium

    with tempfile.TemporaryDirectory() as work:
        site = build_sample(Path(work), ROOT)
        with static_server(site) as base_url, chromium() as browser:
            for path in take(browser, base_url, args.out):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
