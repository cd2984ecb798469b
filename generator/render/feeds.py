"""Atom 1.0 feeds: the whole site's at /feed.xml, and one per tag, office and type listing.

Pure: a feed's description and its releases in, bytes out. Entry ids are tag:
URIs (RFC 4151) made of the site's host, the release's date and its URL path,
so editing a release (its title, body, summary, `updated:`) never changes its
id; changing its slug or date does (keep the old path as an alias).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from generator.config import SiteConfig
from generator.model import Release, newest
from generator.render.xmltext import attribute, text, uri, w3c_datetime

#: Entries per feed: the newest releases of the listing.
FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed: its title, where it is, and the listing page it follows (site-relative URLs)."""

    title: str
    url: str  #: e.g. "tags/norland/feed.xml"
    page: str  #: e.g. "tags/norland/"


def entry_id(release: Release, config: SiteConfig) -> str:
    """tag:<host>,<date>:<path of the release's URL>, e.g. tag:example.org,2024-05-02:/press/releases/x/"""
    host = urlsplit(config.base_url).hostname or "localhost"
    return f"tag:{host},{release.date.date().isoformat()}:{uri(config.base_path + release.url)}"


def atom_feed(
    feed: Feed,
    entries: Sequence[Release],
    config: SiteConfig,
    absolute_url: Callable[[str], str],
    fallback: datetime,
) -> bytes:
    """The feed's XML. Its <updated> is the newest entry's (`fallback` for an empty feed)."""
    updated = newest(r.last_modified for r in entries) or fallback
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f"<feed xmlns={attribute(ATOM)} xml:lang={attribute(config.language)}>",
        f"  <id>{text(uri(absolute_url(feed.page)))}</id>",
        f"  <title>{text(feed.title)}</title>",
    ]
    if config.description:
        lines.append(f"  <subtitle>{text(config.description)}</subtitle>")
    lines += [
        f'  <link rel="self" type="application/atom+xml" href={attribute(uri(absolute_url(feed.url)))}/>',
        f'  <link rel="alternate" type="text/html" href={attribute(uri(absolute_url(feed.page)))}/>',
        f"  <updated>{w3c_datetime(updated)}</updated>",
        f"  <author><name>{text(config.title)}</name><uri>{text(uri(absolute_url('')))}</uri></author>",
    ]
    for release in entries:
        lines += _entry(release, config, absolute_url)
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode()


def _entry(release: Release, config: SiteConfig, absolute_url: Callable[[str], str]) -> list[str]:
    office = uri(absolute_url(f"offices/{release.office.slug}/"))
    lines = [
        "  <entry>",
        f"    <id>{text(entry_id(release, config))}</id>",
        f'    <title type="text">{text(release.title)}</title>',
        f'    <link rel="alternate" type="text/html" href={attribute(uri(absolute_url(release.url)))}/>',
        f"    <published>{w3c_datetime(release.date)}</published>",
        f"    <updated>{w3c_datetime(release.last_modified)}</updated>",
        f"    <author><name>{text(release.office.name)}</name><uri>{text(office)}</uri></author>",
        f"    <category term={attribute(release.type.label)} scheme={attribute(uri(absolute_url('types/')))}/>",
    ]
    tags = uri(absolute_url("tags/"))
    lines += [f"    <category term={attribute(tag.name)} scheme={attribute(tags)}/>" for tag in release.tags]
    if release.summary:
        lines.append(f'    <summary type="text">{text(release.summary)}</summary>')
    lines.append("  </entry>")
    return lines
