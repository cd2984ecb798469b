"""Listings: tag, office, type and all-release pages, paginated, newest first."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Site, release, texts


def corpus() -> dict[str, str]:
    files = {"site.toml": "per_page = 2\n"}
    for day in range(1, 6):
        files[f"content/releases/n{day}.md"] = release(f"Norland {day}", f"2024-03-0{day}", tags=["Norland"])
    files["content/releases/c.md"] = release(
        "Caldoria", "2024-03-10", "readout", office="Bureau of Trade", tags=["Caldoria"]
    )
    files["content/releases/same-day-b.md"] = release("B same day", "2024-02-01", tags=["Norland"])
    files["content/releases/same-day-a.md"] = release("A same day", "2024-02-01", tags=["Norland"])
    return files


def test_tag_pages_list_exactly_the_right_releases(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus())
    assert s.build().code == 0
    pages = [
        s.page("tags/norland/"),
        s.page("tags/norland/page/2/"),
        s.page("tags/norland/page/3/"),
        s.page("tags/norland/page/4/"),
    ]
    titles = [texts(p, ".release-item-title") for p in pages]
    assert titles == [
        ["Norland 5", "Norland 4"],
        ["Norland 3", "Norland 2"],
        ["Norland 1", "A same day"],
        ["B same day"],
    ]
    assert not (s.out / "tags/norland/page/5").exists()
    first, second, last = pages[0], pages[1], pages[3]
    assert first.select_one('link[rel="prev"]') is None
    assert first.select_one('link[rel="next"]')["href"] == "/tags/norland/page/2/"
    assert second.select_one('link[rel="prev"]')["href"] == "/tags/norland/"
    assert second.select_one('a[rel="next"]')["href"] == "/tags/norland/page/3/"
    assert last.select_one('link[rel="next"]') is None
    assert texts(s.page("tags/caldoria/"), ".release-item-title") == ["Caldoria"]


def test_all_releases_offices_and_types(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus())
    assert s.build().code == 0
    assert texts(s.page("releases/"), ".release-item-title") == ["Caldoria", "Norland 5"]
    assert texts(s.page("offices/bureau-of-trade/"), ".release-item-title") == ["Caldoria"]
    assert texts(s.page("types/readout/"), ".release-item-title") == ["Caldoria"]
    assert texts(s.page("types/media-note/page/4/"), ".release-item-title") == ["B same day"]
    overview = s.page("tags/")
    assert texts(overview, ".term-list li") == ["Caldoria (1 release)", "Norland (7 releases)"]
    assert texts(s.page("offices/"), ".term-list a") == ["Bureau of Trade", "Office of the Spokesperson"]
    assert texts(s.page("types/"), ".term-list a") == ["Media Notes", "Readouts"]


def test_home_shows_the_newest_and_links_every_listing(site: Callable[[dict[str, str]], Site]) -> None:
    files = {
        f"content/releases/r{i:02d}.md": release(f"Release {i:02d}", f"2024-01-{i:02d}", tags=["T"])
        for i in range(1, 26)
    }
    s = site(files)
    assert s.build().code == 0
    home = s.page("")
    assert texts(home, ".lead-title") == ["Release 25"]  # the newest is the lead story
    titles = texts(home, ".release-item-title")
    assert titles == [f"Release {i:02d}" for i in range(24, 5, -1)]
    hrefs = {a["href"] for a in home.select("a")}
    assert {"/releases/", "/tags/", "/offices/", "/types/", "/archive/"} <= hrefs
    assert texts(home, ".release-item .release-type")[0] == "MEDIA NOTE"
    assert texts(home, ".release-summary")[0] == "A paragraph of text, long enough for a summary of it."


def test_spelling_variants_are_one_tag(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01", tags=["Côte des Pins"]),
            "content/releases/b.md": release("B", "2024-01-02", tags=["Côte des Pins"]),
            "content/releases/c.md": release("C", "2024-01-03", tags=["cote des  pins"]),
        }
    )
    result = s.build()
    assert result.code == 0
    assert texts(s.page("tags/cote-des-pins/"), ".release-item-title") == ["C", "B", "A"]
    assert texts(s.page("releases/c/"), ".release-tags a") == ["Côte des Pins"]
    warnings = [line for line in result.err.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert 'shown as "Côte des Pins", also written "cote des  pins" in' in warnings[0]
    assert "content/releases/c.md" in warnings[0]


def test_year_archives_are_paginated_listings(site: Callable[[dict[str, str]], Site]) -> None:
    files = corpus()
    files["content/releases/new-year.md"] = release("New Year", "2025-01-01T00:30:00+01:00")  # 2024 in UTC
    files["content/releases/old.md"] = release("Old", "2022-06-01")
    s = site(files)
    assert s.build().code == 0
    archive = s.page("archive/")
    assert texts(archive, ".term-list li") == ["2025 (1 release)", "2024 (8 releases)", "2022 (1 release)"]
    assert [a["href"] for a in archive.select(".term-list a")] == ["/archive/2025/", "/archive/2024/", "/archive/2022/"]
    assert texts(s.page("archive/2025/"), ".release-item-title") == ["New Year"]
    pages = [s.page("archive/2024/")] + [s.page(f"archive/2024/page/{n}/") for n in (2, 3, 4)]
    titles = [t for page in pages for t in texts(page, ".release-item-title")]
    assert titles == ["Caldoria", *(f"Norland {d}" for d in range(5, 0, -1)), "A same day", "B same day"]
    assert pages[0].select_one('link[rel="next"]')["href"] == "/archive/2024/page/2/"
    assert texts(pages[1], ".breadcrumbs a") == ["Home", "Archive", "Archive: 2024 (page 2)"]
    assert texts(s.page("archive/2022/"), "h1") == ["Archive: 2022"]
