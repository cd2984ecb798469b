"""A built release page carries the anatomy of a government release."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import Site, release, texts

LONG = "Joint Statement on the Second Strategic Dialogue between the Republic of Eskeland and Norland"


@pytest.fixture
def built(site: Callable[[dict[str, str]], Site]) -> Site:
    s = site(
        {
            "content/releases/2023/dialogue.md": release(
                LONG,
                "2023-05-02",
                "media note",
                tags=["Norland", "Fisheries", "Office of the Spokesperson"],
                body="First paragraph of the statement.\n\n## Begin text\n\nSecond paragraph.",
            ),
            "content/releases/2023/holocaust.md": release("Statement on Remembrance", "2023-05-03", tags=["Norland"]),
            "content/releases/2023/fish.md": release(
                "Fisheries Readout", "2023-05-03T09:30:00-04:00", "readout", tags=["Fisheries"]
            ),
            "content/releases/2023/other.md": release("Unrelated Notice", "2023-05-04", tags=["Trade"]),
        }
    )
    result = s.build()
    assert result.code == 0, result.err
    return s


def test_breadcrumbs(built: Site) -> None:
    page = built.page("releases/dialogue/")
    nav = page.select_one('nav[aria-label="Breadcrumb"]')
    assert nav is not None
    assert texts(nav, "li") == [
        "Home",
        "Office of the Spokesperson",
        "Media Notes",
        "Joint Statement on the Second Strategic Dialogue between the…",
    ]
    links = nav.select("a")
    assert [a["href"] for a in links] == [
        "/",
        "/offices/office-of-the-spokesperson/",
        "/types/media-note/",
        "/releases/dialogue/",
    ]
    assert links[-1].get("aria-current") == "page"
    assert all(a.get("aria-current") is None for a in links[:-1])


def test_title_type_office_and_date(built: Site) -> None:
    page = built.page("releases/dialogue/")
    assert texts(page, "h1") == [LONG]
    assert texts(page, ".release-type-label") == ["MEDIA NOTE"]
    assert texts(page, ".release-office") == ["OFFICE OF THE SPOKESPERSON"]
    time = page.select_one(".release-date time")
    assert time is not None and time.get_text() == "MAY 2, 2023" and time["datetime"] == "2023-05-02"
    assert "Second paragraph." in texts(page, ".release-body")[0]
    assert page.select_one('.release-body h2[id="begin-text"]') is not None


def test_datetime_is_shown_in_its_own_offset(built: Site) -> None:
    time = built.page("releases/fish/").select_one(".release-date time")
    assert time is not None
    assert time.get_text() == "MAY 3, 2023" and time["datetime"] == "2023-05-03T09:30:00-04:00"


def test_tags_link_to_tag_pages(built: Site) -> None:
    tags = built.page("releases/dialogue/").select(".release-tags a")
    assert [(a.get_text(), a["href"]) for a in tags] == [
        ("Norland", "/tags/norland/"),
        ("Fisheries", "/tags/fisheries/"),
        ("Office of the Spokesperson", "/tags/office-of-the-spokesperson/"),
    ]


def test_related_articles_sidebar(built: Site) -> None:
    page = built.page("releases/dialogue/")
    aside = page.select_one("aside")
    assert aside is not None and texts(aside, "h2") == ["Related Articles"]
    items = aside.select("li")
    assert texts(aside, ".related-title") == ["Statement on Remembrance", "Fisheries Readout"]
    assert texts(aside, ".related-date time") == ["MAY 3, 2023", "MAY 3, 2023"]
    names = [" ".join(a.get_text(" ", strip=True).split()) for item in items for a in item.select("a")]
    assert len(names) == len(set(names)), names
    assert "Read more about Statement on Remembrance" in names
    assert "Unrelated Notice" not in texts(page, "aside")[0]


def test_no_related_means_no_empty_sidebar(built: Site) -> None:
    assert built.page("releases/other/").select_one("aside") is None


def test_related_links_keep_unique_names_when_titles_repeat(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            f"content/releases/b{i}.md": release("Daily Press Briefing", f"2024-01-0{i}", tags=["Briefings"])
            for i in range(1, 5)
        }
    )
    assert s.build().code == 0
    aside = s.page("releases/b1/").select_one("aside")
    names = [" ".join(a.get_text().split()) for a in aside.select("a")]
    assert len(names) == 6 and len(set(names)) == 6, names
    assert "Daily Press Briefing (JANUARY 2, 2024)" in names


def test_heading_ids_do_not_take_template_ids(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-01", body="## Main\n\nText.")})
    assert s.build().code == 0
    page = s.page("releases/a/")
    assert len(page.select("#main")) == 1 and page.select_one("h2#main-section") is not None


def test_the_printed_address_is_a_whole_url_or_is_left_out(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {"site.toml": 'base_url = "https://press.example.org/"\n', "content/releases/a.md": release("A", "2024-01-01")}
    )
    assert s.build().code == 0
    printed = s.page("releases/a/").select_one(".print-url")
    assert printed is not None and printed.get_text() == "This release online: https://press.example.org/releases/a/"
    assert printed.bdi is not None and printed.bdi["dir"] == "ltr"  # an address reads left to right in Arabic too
    s.write({"site.toml": 'base_url = "/press/"\n'})
    assert s.build().code == 0
    assert s.page("releases/a/").select_one(".print-url") is None
