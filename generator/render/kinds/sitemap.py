"""The sitemap (one urlset, or an index of urlsets past SITEMAP_LIMIT URLs) and robots.txt
that names it; only with an absolute base_url (a sitemap needs absolute URLs)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from generator.digests import content_digest
from generator.model import Page, Release, SiteModel
from generator.render import sitemaps
from generator.render.kinds.base import Kind, Output, Rendered, SiteInputs
from generator.render.kinds.html import TemplatePage
from generator.render.pages import PageRenderer
from generator.render.sitemaps import SitemapUrl, robots_txt, sitemap_files, sitemap_index, urlset
from generator.render.xmltext import w3c_datetime
from generator.site.pagination import Paginated

#: Pages of no content of their own: not in the sitemap.
NOT_IN_SITEMAP = frozenset({"404.html", "search/"})


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A urlset: /sitemap.xml, or one part of a large site's (/sitemap-1.xml, ...)."""

    url: str
    urls: tuple[SitemapUrl, ...]

    parallel: ClassVar[bool] = True

    @property
    def path(self) -> str:
        return self.url

    def fingerprint(self, site: str) -> str:
        return content_digest(site, self.url, "urlset", *(f"{u.url}\x00{u.lastmod}" for u in self.urls))

    def render(self, renderer: PageRenderer) -> Rendered:
        return urlset(self.urls, renderer.absolute_url), frozenset()


@dataclass(frozen=True, slots=True)
class SitemapIndex:
    """/sitemap.xml of a site with more than one urlset: each part with its newest lastmod."""

    parts: tuple[SitemapUrl, ...]

    url: ClassVar[str] = "sitemap.xml"
    path: ClassVar[str] = "sitemap.xml"
    parallel: ClassVar[bool] = True

    def fingerprint(self, site: str) -> str:
        return content_digest(site, self.url, "sitemapindex", *(f"{u.url}\x00{u.lastmod}" for u in self.parts))

    def render(self, renderer: PageRenderer) -> Rendered:
        return sitemap_index(self.parts, renderer.absolute_url), frozenset()


#: A moment as (timestamp, W3C datetime): compared by the instant, written as the editor's offset.
_Moment = tuple[float, str]
_UNKNOWN: _Moment = (-math.inf, "")


def _moment(moment: datetime | None) -> _Moment:
    return (moment.timestamp(), w3c_datetime(moment)) if moment else _UNKNOWN


class _LastChanges:
    """When each page last changed: its release's, or the newest of the releases it lists."""

    def __init__(self, model: SiteModel) -> None:
        # Worked out once: the sitemap asks for it 100,000s of times.
        self.changed = {r.slug: _moment(r.last_modified) for r in model.releases}
        listings = (*model.tags, *model.offices, *model.types)
        self.listing_modified = {listing.url: listing.last_modified for listing in listings}

    def of(self, page: TemplatePage) -> _Moment:
        release, pager, own = page.value("release"), page.value("pager"), page.value("page")
        if isinstance(release, Release):
            return self.changed[release.slug]
        if isinstance(own, Page):
            return _moment(own.updated)
        if isinstance(pager, Paginated):  # an empty listing: as old as its newest archived release
            shown = max((self.changed[r.slug] for r in pager.items), default=None)
            return shown or _moment(self.listing_modified.get(pager.first_url))
        releases = page.value("releases")
        if isinstance(releases, tuple):
            return max((self.changed[r.slug] for r in releases if isinstance(r, Release)), default=_UNKNOWN)
        return max(self.changed.values(), default=_UNKNOWN)  # the index pages of tags, offices, types, years


def sitemaps_of(site: SiteInputs, before: Sequence[Output]) -> Iterator[Sitemap | SitemapIndex]:
    """The sitemap of the HTML pages planned before it (alias redirects are no pages of their own)."""
    if not site.renderer.config.absolute:
        return
    last = _LastChanges(site.renderer.model)
    pages = (o for o in before if isinstance(o, TemplatePage) and o.url not in NOT_IN_SITEMAP)
    changed = {page.url: last.of(page) for page in pages}
    urls = [SitemapUrl(url, w3c) for url, (_, w3c) in changed.items()]
    files = sitemap_files(urls, sitemaps.SITEMAP_LIMIT)
    if len(files) == 1:
        yield Sitemap("sitemap.xml", files[0][1])
        return
    for name, chunk in files:
        yield Sitemap(name, chunk)
    yield SitemapIndex(tuple(SitemapUrl(name, max(changed[u.url] for u in chunk)[1]) for name, chunk in files))


@dataclass(frozen=True, slots=True)
class Robots:
    """/robots.txt: everything may be crawled; the sitemap is named."""

    sitemap: str  #: the sitemap's absolute URL

    url: ClassVar[str] = "robots.txt"
    path: ClassVar[str] = "robots.txt"
    parallel: ClassVar[bool] = False

    def fingerprint(self, site: str) -> str:
        return content_digest(robots_txt(self.sitemap))

    def render(self, renderer: PageRenderer) -> Rendered:
        return robots_txt(self.sitemap), frozenset()


def robots(site: SiteInputs, before: Sequence[Output] = ()) -> Iterator[Robots]:
    if site.renderer.config.absolute:
        yield Robots(site.renderer.absolute_url("sitemap.xml"))


#: Its parts (sitemap-1.xml, ...) have names no slug can take.
SITEMAPS = Kind(frozenset({"sitemap.xml"}), sitemaps_of)
ROBOTS = Kind(frozenset({"robots.txt"}), robots)
