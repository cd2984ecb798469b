"""Head metadata on every page; JSON-LD on releases, parsed as JSON; the "Updated" line."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup

from tests.conftest import Site, release, texts

BASE = "https://press.example.org/news/"


def corpus() -> dict[str, str]:
    return {
        "site.toml": f'title = "Eskeland Press Office"\nbase_url = "{BASE}"\nlanguage = "en-GB"\nper_page = 1\n',
        "content/releases/a.md": release(
            "Joint Statement on the Eskeland–Norland Fisheries Agreement, Which Has a Long Title",
            "2024-05-02T14:30:00-04:00",
            "joint statement",
            tags=["Norland", "Fisheries & Oceans"],
            summary='"The two governments agree on quotas & patrols."',
            updated="2024-05-03T08:00:00-04:00",
        ),
        "content/releases/b.md": release("Readout", "2024-05-01", "readout", office="Bureau of Trade"),
        "content/pages/about.md": "---\ntitle: About Us\nsummary: Who we are.\n---\nWe are a press office.\n",
    }


def meta(page: BeautifulSoup, key: str) -> list[str]:
    return [m["content"] for m in page.select(f'meta[property="{key}"], meta[name="{key}"]')]


def structured(page: BeautifulSoup) -> dict[str, dict[str, Any]]:
    found = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    return {item["@type"]: item for item in found}


def test_every_page_says_what_it_is(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus())
    assert s.build().code == 0
    for path in sorted(s.out.rglob("*.html")):
        relative = path.relative_to(s.out).as_posix()
        page = BeautifulSoup(path.read_text(), "html.parser")
        assert page.html["lang"] == "en-GB", relative
        assert page.title.string.strip(), relative
        description = meta(page, "description")
        assert len(description) == 1 and description[0].strip(), relative
        if relative == "404.html":
            assert page.select('link[rel="canonical"]') == []
            continue
        url = BASE + relative.removesuffix("index.html")
        assert [link["href"] for link in page.select('link[rel="canonical"]')] == [url], relative
        assert meta(page, "og:url") == [url]
        is_release = relative in ("releases/a/index.html", "releases/b/index.html")
        assert meta(page, "og:type") == ["article" if is_release else "website"], relative
        for key in (
            "og:title",
            "og:description",
            "og:site_name",
            "twitter:card",
            "twitter:title",
            "twitter:description",
        ):
            assert len(meta(page, key)) == 1 and meta(page, key)[0], (relative, key)
    about = s.page("about/")
    assert meta(about, "description") == ["Who we are."] and meta(about, "og:title") == ["About Us"]


def test_a_release_page_describes_the_article(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus())
    assert s.build().code == 0
    page = s.page("releases/a/")
    title = "Joint Statement on the Eskeland–Norland Fisheries Agreement, Which Has a Long Title"
    summary = '"The two governments agree on quotas & patrols."'.strip('"')
    assert meta(page, "description") == [summary]
    assert meta(page, "og:title") == [title] and meta(page, "twitter:title") == [title]
    assert meta(page, "article:published_time") == ["2024-05-02T14:30:00-04:00"]
    assert meta(page, "article:modified_time") == ["2024-05-03T08:00:00-04:00"]
    assert meta(page, "article:section") == ["Joint Statement"]
    assert meta(page, "article:tag") == ["Norland", "Fisheries & Oceans"]
    article = structured(page)["NewsArticle"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == title
    assert article["description"] == summary
    assert article["datePublished"] == "2024-05-02T14:30:00-04:00"
    assert article["dateModified"] == "2024-05-03T08:00:00-04:00"
    assert article["author"] == {
        "@type": "Organization",
        "name": "Office of the Spokesperson",
        "url": BASE + "offices/office-of-the-spokesperson/",
    }
    assert article["publisher"]["name"] == "Eskeland Press Office" and article["publisher"]["url"] == BASE
    assert article["keywords"] == ["Norland", "Fisheries & Oceans"]
    assert article["mainEntityOfPage"] == article["url"] == BASE + "releases/a/"
    # Without `updated:`, modified is the date itself.
    other = structured(s.page("releases/b/"))["NewsArticle"]
    assert other["dateModified"] == other["datePublished"] == "2024-05-01T00:00:00+00:00"


def test_breadcrumb_list_matches_the_visible_breadcrumbs(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus())
    assert s.build().code == 0
    for slug in ("a", "b"):
        page = s.page(f"releases/{slug}/")
        visible = [(" ".join(a.get_text().split()), a["href"]) for a in page.select("nav.breadcrumbs a")]
        crumbs = structured(page)["BreadcrumbList"]["itemListElement"]
        assert [c["position"] for c in crumbs] == list(range(1, len(visible) + 1))
        assert [(c["name"], c["item"]) for c in crumbs] == [
            (name, "https://press.example.org" + href) for name, href in visible
        ]
        assert crumbs[-1]["item"] == f"{BASE}releases/{slug}/"


def test_the_updated_line_shows_corrections(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus())
    assert s.build().code == 0
    updated = s.page("releases/a/").select_one(".release-updated")
    assert (
        updated is not None and " ".join(updated.get_text().split()) == "Updated 3 MAY 2024"
    )  # en-GB: CLDR's British date
    assert updated.select_one("time")["datetime"] == "2024-05-03T08:00:00-04:00"
    assert s.page("releases/b/").select_one(".release-updated") is None
    s.write(
        {
            "content/releases/b.md": release(
                "Readout", "2024-05-01", "readout", office="Bureau of Trade", updated="2024-05-04"
            )
        }
    )
    assert s.build().code == 0
    assert s.page("releases/b/").select_one(".release-updated time")["datetime"] == "2024-05-04"


def test_json_ld_cannot_be_broken_out_of(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release(
                "</script><script>alert(1)</script>", "2024-01-01", summary='"</script>&amp;"'
            )
        }
    )
    assert s.build().code == 0
    html = (s.out / "releases/a/index.html").read_text()
    assert "</script><script>alert(1)" not in html
    article = structured(s.page("releases/a/"))["NewsArticle"]
    assert article["headline"] == "</script><script>alert(1)</script>"
    assert article["description"] == "</script>&amp;"
    assert texts(s.page("releases/a/"), "h1") == ["</script><script>alert(1)</script>"]
