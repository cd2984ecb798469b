"""sitemap.xml against the sitemaps.org protocol's rules, robots.txt, and releases.json."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.render import sitemaps
from tests.conftest import Site, release

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://press.example.org/news/"
#: W3C datetime as the protocol allows it: a date, or a date and time with seconds and an offset.
W3C = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?")


def corpus(n: int = 12) -> dict[str, str]:
    files = {"site.toml": f'base_url = "{BASE}"\nper_page = 4\n'}
    for i in range(n):
        tags = ["Norland", "Россия"] if i % 2 else ["Trade"]
        files[f"content/releases/r{i}.md"] = release(
            f"Release {i}", f"202{3 + i % 2}-0{1 + i % 9}-1{i % 10}", tags=tags
        )
    files["content/releases/fixed.md"] = release("Fixed", "2024-02-02", updated="2024-02-03T10:00:00+01:00")
    files["content/releases/draft.md"] = release("Draft", "2024-02-02", draft="true")
    files["content/releases/later.md"] = release("Later", "2030-01-01")
    files["content/pages/about.md"] = "---\ntitle: About\nupdated: 2024-01-05\n---\nAbout us.\n"
    return files


def read_urlset(path: Path) -> list[tuple[str, str | None]]:
    """(loc, lastmod) of a sitemap file, checking the protocol's rules on the way."""
    data = path.read_bytes()
    assert len(data) <= 50 * 1024 * 1024
    root = ET.fromstring(data)
    assert root.tag == f"{NS}urlset"
    urls = []
    for url in root:
        assert url.tag == f"{NS}url"
        assert {child.tag for child in url} <= {f"{NS}loc", f"{NS}lastmod", f"{NS}changefreq", f"{NS}priority"}
        loc = url.findtext(f"{NS}loc")
        assert loc is not None and loc.startswith(BASE) and len(loc) < 2048, loc
        assert loc.isascii() and " " not in loc, loc  # escaped as an RFC 3986 URL
        lastmod = url.findtext(f"{NS}lastmod")
        assert lastmod is None or W3C.fullmatch(lastmod), lastmod
        urls.append((loc, lastmod))
    assert len(urls) <= sitemaps.SITEMAP_LIMIT <= 50_000
    return urls


def html_pages(out: Path) -> set[str]:
    """Every page a visitor can land on: all HTML but the 404 page, the search page (no content of
    its own) and alias redirects."""
    pages = set()
    for path in out.rglob("*.html"):
        relative = path.relative_to(out).as_posix()
        if relative in ("404.html", "search/index.html") or 'http-equiv="refresh"' in path.read_text():
            continue
        pages.add(BASE + relative.removesuffix("index.html"))
    return pages


def local(out: Path, loc: str) -> Path:
    path = unquote(urlsplit(loc).path).removeprefix("/news/")
    return out / (path + "index.html" if path.endswith("/") or not path else path)


def test_the_sitemap_lists_every_published_page_once(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus())
    assert s.build().code == 0
    urls = read_urlset(s.out / "sitemap.xml")
    locs = [loc for loc, _ in urls]
    assert len(locs) == len(set(locs))
    assert {unquote(loc) for loc in locs} == html_pages(s.out)
    assert all(local(s.out, loc).is_file() for loc in locs)
    assert "https://press.example.org/news/tags/%D1%80%D0%BE%D1%81%D1%81%D0%B8%D1%8F/" in locs
    lastmod = dict(urls)
    assert all(lastmod.values()), [loc for loc, mod in urls if not mod]
    assert lastmod[BASE + "releases/fixed/"] == "2024-02-03T10:00:00+01:00"
    assert lastmod[BASE + "releases/r0/"] == "2023-01-10T00:00:00+00:00"
    assert lastmod[BASE + "about/"] == "2024-01-05T00:00:00+00:00"
    assert not any("draft" in loc or "later" in loc for loc in locs)


def test_robots_txt_points_to_the_sitemap(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus(2))
    assert s.build().code == 0
    lines = (s.out / "robots.txt").read_text().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: https://press.example.org/news/sitemap.xml" in lines


def test_over_the_limit_a_sitemap_index_lists_the_parts(
    site: Callable[[dict[str, str]], Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    s = site(corpus())
    assert s.build().code == 0
    everything = read_urlset(s.out / "sitemap.xml")
    monkeypatch.setattr(sitemaps, "SITEMAP_LIMIT", 7)
    assert s.build("--no-cache").code == 0  # (with the cache: no input changed, nothing to do)
    root = ET.fromstring((s.out / "sitemap.xml").read_bytes())
    assert root.tag == f"{NS}sitemapindex"
    parts = [(e.findtext(f"{NS}loc"), e.findtext(f"{NS}lastmod")) for e in root]
    assert [loc for loc, _ in parts] == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    assert len(parts) == -(-len(everything) // 7)
    found = []
    for loc, lastmod in parts:
        assert loc is not None and lastmod is not None and W3C.fullmatch(lastmod)
        urls = read_urlset(local(s.out, loc))
        assert 0 < len(urls) <= 7
        assert lastmod == max((m for _, m in urls if m), key=lambda m: m)  # same offsets here
        found += urls
    assert found == everything
    monkeypatch.undo()
    assert s.build("--no-cache").code == 0  # back under the limit: the parts are gone again
    assert not list(s.out.glob("sitemap-*.xml"))
    assert read_urlset(s.out / "sitemap.xml") == everything


def test_releases_json_lists_every_published_release(site: Callable[[dict[str, str]], Site]) -> None:
    files = corpus(3)
    files["content/releases/old.md"] = release("Old Notice", "2024-01-01", expires="2024-02-01", tags=["Trade"])
    s = site(files)
    assert s.build().code == 0
    data = json.loads((s.out / "releases.json").read_text())
    assert data["url"] == BASE and data["version"] == 1
    by_title = {r["title"]: r for r in data["releases"]}
    assert set(by_title) == {"Release 0", "Release 1", "Release 2", "Fixed", "Old Notice"}
    fixed = by_title["Fixed"]
    assert fixed == {
        "title": "Fixed",
        "url": BASE + "releases/fixed/",
        "type": "Media Note",
        "office": "Office of the Spokesperson",
        "date": "2024-02-02T00:00:00+00:00",
        "updated": "2024-02-03T10:00:00+01:00",
        "tags": [],
        "summary": "A paragraph of text, long enough for a summary of it.",
        "archived": False,
        "expires": None,
    }
    assert by_title["Old Notice"]["archived"] is True
    assert by_title["Release 1"]["tags"] == ["Norland", "Россия"]
    dates = [r["date"] for r in data["releases"]]
    assert dates == sorted(dates, reverse=True)
