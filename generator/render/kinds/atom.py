"""Atom feeds: the whole site's at /feed.xml, and one per tag, office and type listing (only
with an absolute base_url: feeds need absolute URLs)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from generator.digests import content_digest
from generator.model import Release
from generator.render.feeds import FEED_SIZE, Feed, atom_feed
from generator.render.kinds.base import Kind, Output, Rendered, SiteInputs
from generator.render.kinds.html import heading
from generator.render.pages import PageRenderer


@dataclass(frozen=True, slots=True)
class AtomFeed:
    """One feed: what it is, its newest releases, and its date when it has none."""

    feed: Feed
    entries: tuple[Release, ...]
    fallback: datetime  #: the feed's <updated> when it has no entries

    parallel: ClassVar[bool] = True

    @property
    def url(self) -> str:
        return self.feed.url

    @property
    def path(self) -> str:
        return self.feed.url

    def fingerprint(self, site: str) -> str:
        # A feed shows no body: entries by what other pages show of them.
        entries = ",".join(release.digest for release in self.entries)
        return content_digest(site, "atom", repr(self.feed), repr(self.fallback), entries)

    def render(self, renderer: PageRenderer) -> Rendered:
        config = renderer.config
        return atom_feed(self.feed, self.entries, config, renderer.absolute_url, self.fallback), frozenset()


def feeds(site: SiteInputs, before: Sequence[Output] = ()) -> Iterator[AtomFeed]:
    renderer = site.renderer
    config, model = renderer.config, renderer.model
    if not config.absolute:
        return
    everything = renderer.all_releases
    for listing in (everything, *model.tags, *model.offices, *model.types):
        if listing.kind == "releases":
            feed = Feed(config.title, "feed.xml", "")
        else:
            feed = Feed(f"{heading(listing, config.strings)} | {config.title}", listing.summary().feed_url, listing.url)
        # An empty feed (its releases all archived) is as old as its newest archived release, and
        # one of a site without releases as old as can be: never the build time, which would
        # change its bytes on every build.
        fallback = listing.last_modified or datetime(1970, 1, 1, tzinfo=UTC)
        yield AtomFeed(feed, listing.releases[:FEED_SIZE], fallback)


FEEDS = Kind(frozenset({"feed.xml", "tags", "offices", "types"}), feeds)
