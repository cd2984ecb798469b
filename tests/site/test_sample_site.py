"""The sample site (the tests' fixed copy in tests/sample-site) builds cleanly, and `generator related`
explains itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import NOW, SAMPLE_SITE, run_cli


def test_sample_site_builds_without_warnings(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_SITE, tmp_path / "sample")  # the build writes its cache into the site folder
    result = run_cli(["build", "--source", str(tmp_path / "sample"), "--now", NOW, "--strict"])
    assert result.code == 0, result.err
    releases = list((tmp_path / "sample/site/releases").glob("*/index.html"))
    assert len(releases) >= 15
    for page in releases:
        soup = BeautifulSoup(page.read_text(), "html.parser")
        if soup.select_one('meta[http-equiv="refresh"]'):  # an old path of a renamed release (aliases:)
            continue
        assert soup.select_one('nav[aria-label="Breadcrumb"]') is not None
        assert soup.select_one(".release-type-label").get_text(strip=True).isupper()


def test_related_command_shows_the_score_breakdown(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_SITE / "content", tmp_path / "content")
    result = run_cli(["related", "fisheries-agreement-entry-into-force", "--source", str(tmp_path), "--now", NOW])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Entry into Force")
    assert lines[2].startswith("1. ")
    assert "shared tags: " in result.out and "days" in result.out and "/ (1 + " in result.out
    missing = run_cli(["related", "no-such-release", "--source", str(tmp_path), "--now", NOW])
    assert missing.code == 1 and 'no published release has the slug "no-such-release"' in missing.err
