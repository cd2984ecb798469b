"""Atom feeds, read back with feedparser: valid, stable ids, escaping, absolute URLs, linked from listings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import feedparser

from tests.conftest import Site, release

SETTINGS = 'title = "Eskeland Press Office"\nbase_url = "https://press.example.org/news/"\n'


def parse(s: Site, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((s.out / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_site_feed_has_the_newest_fifty_releases(site: Callable[[dict[str, str]], Site]) -> None:
    files = {"site.toml": SETTINGS}
    for n in range(55):
        files[f"content/releases/r{n:02d}.md"] = release(
            f"Release {n:02d}", f"2024-03-{1 + n % 28:02d}T{n % 24:02d}:00:00Z"
        )
    s = site(files)
    assert s.build().code == 0
    feed = parse(s, "feed.xml")
    assert len(feed.entries) == 50
    times = [datetime.fromisoformat(e.published) for e in feed.entries]
    assert times == sorted(times, reverse=True)
    assert feed.feed.title == "Eskeland Press Office"
    assert feed.feed.updated == max(e.updated for e in feed.entries)
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": "https://press.example.org/news/feed.xml", "alternate": "https://press.example.org/news/"}


def test_every_tag_office_and_type_has_a_feed_linked_from_its_listing(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "site.toml": SETTINGS,
            "content/releases/a.md": release("Alpha", "2024-01-01", tags=["Norland", "Côte d’Ivoire"]),
            "content/releases/b.md": release("Beta", "2024-01-02", "readout", office="Bureau of Trade", tags=["Trade"]),
        }
    )
    assert s.build().code == 0
    for listing, titles in {
        "tags/norland/": ["Alpha"],
        "tags/cote-d-ivoire/": ["Alpha"],
        "tags/trade/": ["Beta"],
        "offices/bureau-of-trade/": ["Beta"],
        "offices/office-of-the-spokesperson/": ["Alpha"],
        "types/readout/": ["Beta"],
        "types/media-note/": ["Alpha"],
        "releases/": ["Beta", "Alpha"],
    }.items():
        page = s.page(listing)
        link = page.select('link[rel="alternate"][type="application/atom+xml"]')
        assert len(link) == 1, listing
        feed_path = "feed.xml" if listing == "releases/" else f"{listing}feed.xml"
        assert link[0]["href"] == f"/news/{feed_path}"
        feed = parse(s, feed_path)
        assert [e.title for e in feed.entries] == titles, listing
        assert {link.rel: link.href for link in feed.feed.links}[
            "self"
        ] == f"https://press.example.org/news/{feed_path}"
    assert parse(s, "tags/norland/feed.xml").feed.title == "Tag: Norland | Eskeland Press Office"
    assert parse(s, "offices/bureau-of-trade/feed.xml").feed.title == "Bureau of Trade | Eskeland Press Office"
    home = s.page("")
    assert home.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"] == "/news/feed.xml"


def test_entries_carry_what_a_reader_needs(site: Callable[[dict[str, str]], Site]) -> None:
    hostile = "Tom & Jerry <b>\"quoted\"</b> 'single' ]]> \x1b"
    s = site(
        {
            "site.toml": SETTINGS,
            "content/releases/a.md": release(
                'Fish & Chips < Norland > "Caldoria" ]]>',
                "2024-05-02T14:30:00-04:00",
                tags=["R&D", "Norland"],
                summary='"An <em>important</em> & short summary."',
                updated="2024-05-03T09:00:00-04:00",
                body=hostile,
            ),
            "content/releases/b.md": release("Beta", "2024-05-01", body=hostile),
        }
    )
    assert s.build().code == 0
    feed = parse(s, "feed.xml")
    entry = feed.entries[0]
    assert entry.title == 'Fish & Chips < Norland > "Caldoria" ]]>'
    assert entry.title_detail.type == "text/plain"
    assert entry.summary == "An <em>important</em> & short summary."
    assert entry.link == "https://press.example.org/news/releases/a/"
    assert entry.published == "2024-05-02T14:30:00-04:00"
    assert entry.updated == "2024-05-03T09:00:00-04:00"
    assert entry.author == "Office of the Spokesperson"
    assert [t.term for t in entry.tags] == ["Media Note", "R&D", "Norland"]
    assert entry.id == "tag:press.example.org,2024-05-02:/news/releases/a/"
    assert feed.feed.updated == "2024-05-03T09:00:00-04:00"  # the newest entry's updated
    # Raw HTML in a body is text (allow_html is off); the escape character XML forbids is gone.
    assert feed.entries[1].summary == "Tom & Jerry <b>\"quoted\"</b> 'single' ]]>"
    assert b"\x1b" not in (s.out / "feed.xml").read_bytes()


def test_entry_ids_survive_edits(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"site.toml": SETTINGS, "content/releases/a.md": release("First Title", "2024-05-02", body="One.")})
    assert s.build().code == 0
    before = parse(s, "feed.xml").entries[0].id
    s.write(
        {
            "content/releases/a.md": release(
                "A Corrected Title", "2024-05-02", body="Two.", summary="New.", updated="2024-05-04", tags=["X"]
            )
        }
    )
    assert s.build().code == 0
    after = parse(s, "feed.xml").entries[0]
    assert after.id == before and after.title == "A Corrected Title"
    assert after.updated.startswith("2024-05-04")


def test_archived_releases_leave_the_feeds(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "site.toml": SETTINGS,
            "content/releases/a.md": release("Current", "2024-05-02", tags=["Norland"]),
            "content/releases/b.md": release("Expiring", "2024-05-03", tags=["Trade"], expires="2024-06-01"),
        }
    )
    assert s.build(now="2024-05-31T23:59:59Z").code == 0
    assert [e.title for e in parse(s, "feed.xml").entries] == ["Expiring", "Current"]
    assert s.build(now="2024-06-01T00:00:00Z").code == 0
    assert [e.title for e in parse(s, "feed.xml").entries] == ["Current"]
    empty = parse(s, "tags/trade/feed.xml")  # its only release expired: the feed stays, empty
    assert empty.entries == [] and empty.feed.updated.startswith("2024-05-03")


def test_no_feeds_without_an_absolute_base_url(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"site.toml": 'base_url = "/press/"\n', "content/releases/a.md": release("A", "2024-01-01", tags=["X"])})
    assert s.build().code == 0
    assert not list(s.out.rglob("feed.xml"))
    assert not (s.out / "sitemap.xml").exists() and not (s.out / "robots.txt").exists()
    assert s.page("tags/x/").select('link[type="application/atom+xml"], .feed-link') == []
