"""Atom feeds from values: read back with ElementTree (what each element says) and feedparser
(what a feed reader makes of it)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import feedparser

from generator.config import SiteConfig
from generator.render.feeds import Feed, atom_feed, entry_id
from tests.unit.model_values import CONFIG, READOUT, absolute_url, at, release, term

A = "{http://www.w3.org/2005/Atom}"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
FEED = Feed(title="Norland | Ministry Press", url="tags/norland/feed.xml", page="tags/norland/")


NEWER = release(
    "talks",
    "2026-05-03T09:30:00-04:00",
    title="Talks <Resume> & Continue",
    summary="Both sides met.",
    tags=(term("Norland"), term("Fisheries")),
    type=READOUT,
    updated=at("2026-05-04T08:00:00Z"),
)
OLDER = release("quota", "2026-05-01T09:00:00Z", title="Quota\x0b Review", summary="")


def read(data: bytes) -> ET.Element:
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(data)


def test_the_feed_says_what_it_is_where_it_is_and_the_newest_change() -> None:
    root = read(atom_feed(FEED, [NEWER, OLDER], CONFIG, absolute_url, EPOCH))
    assert root.tag == f"{A}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findtext(f"{A}id") == "https://example.org/press/tags/norland/"
    assert root.findtext(f"{A}title") == "Norland | Ministry Press"
    assert root.findtext(f"{A}subtitle") == "News of the Ministry."
    links = [(link.get("rel"), link.get("type"), link.get("href")) for link in root.findall(f"{A}link")]
    assert links == [
        ("self", "application/atom+xml", "https://example.org/press/tags/norland/feed.xml"),
        ("alternate", "text/html", "https://example.org/press/tags/norland/"),
    ]
    assert root.findtext(f"{A}updated") == "2026-05-04T08:00:00+00:00"  # NEWER's correction
    assert root.findtext(f"{A}author/{A}name") == "Ministry Press"
    assert root.findtext(f"{A}author/{A}uri") == "https://example.org/press/"


def test_each_entry_keeps_its_id_its_dates_its_office_type_and_tags() -> None:
    first, second = read(atom_feed(FEED, [NEWER, OLDER], CONFIG, absolute_url, EPOCH)).findall(f"{A}entry")
    assert first.findtext(f"{A}id") == "tag:example.org,2026-05-03:/press/releases/talks/"
    assert first.findtext(f"{A}title") == "Talks <Resume> & Continue"
    assert first.find(f"{A}link").get("href") == "https://example.org/press/releases/talks/"
    assert first.findtext(f"{A}published") == "2026-05-03T09:30:00-04:00"
    assert first.findtext(f"{A}updated") == "2026-05-04T08:00:00+00:00"
    assert first.findtext(f"{A}author/{A}name") == "Office of the Spokesperson"
    assert first.findtext(f"{A}author/{A}uri") == "https://example.org/press/offices/office-of-the-spokesperson/"
    assert [(c.get("term"), c.get("scheme")) for c in first.findall(f"{A}category")] == [
        ("Readout", "https://example.org/press/types/"),
        ("Norland", "https://example.org/press/tags/"),
        ("Fisheries", "https://example.org/press/tags/"),
    ]
    assert first.findtext(f"{A}summary") == "Both sides met."
    assert second.findtext(f"{A}title") == "Quota Review"  # a character XML forbids is dropped
    assert second.findtext(f"{A}updated") == "2026-05-01T09:00:00+00:00"
    assert second.find(f"{A}summary") is None  # no summary: no empty element


def test_an_entry_s_id_is_kept_through_edits_and_names_the_host() -> None:
    edited = release("talks", "2026-05-03T09:30:00-04:00", title="Another title", summary="Another summary")
    assert entry_id(edited, CONFIG) == entry_id(NEWER, CONFIG)
    moved = release("talks", "2026-05-04T09:30:00-04:00")
    assert entry_id(moved, CONFIG) == "tag:example.org,2026-05-04:/press/releases/talks/"
    no_host = SiteConfig(base_url="/")
    assert entry_id(NEWER, no_host) == "tag:localhost,2026-05-03:/releases/talks/"


def test_an_empty_feed_is_as_old_as_its_fallback() -> None:
    root = read(atom_feed(FEED, [], SiteConfig(base_url="https://example.org/"), absolute_url, EPOCH))
    assert root.findtext(f"{A}updated") == "1970-01-01T00:00:00+00:00"
    assert root.find(f"{A}subtitle") is None and root.findall(f"{A}entry") == []


def test_a_feed_reader_reads_it_without_complaint() -> None:
    parsed = feedparser.parse(atom_feed(FEED, [NEWER, OLDER], CONFIG, absolute_url, EPOCH))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert [e.title for e in parsed.entries] == ["Talks <Resume> & Continue", "Quota Review"]
    assert [e.link for e in parsed.entries] == [
        "https://example.org/press/releases/talks/",
        "https://example.org/press/releases/quota/",
    ]
    assert [t.term for t in parsed.entries[0].tags] == ["Readout", "Norland", "Fisheries"]
