"""HTML pages from templates: the home page, each release's and page's own page, the listings
(paginated), the index pages of tags, offices, types and years, search and 404.

A page's fingerprint covers every value its template gets: releases and pages by the digest
of everything but their body (and, on their own page, by the digest of their body too),
listings by name and count (a listing page's own releases come in `pager.items`), so a body
edit re-renders one page and a title change every page that shows it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar, assert_never

from generator.digests import content_digest
from generator.model import Listing, ListingSummary, Page, Release
from generator.render.kinds.base import Kind, Output, Rendered, SiteInputs
from generator.render.pages import PageRenderer
from generator.site.pagination import Paginated, paginate
from generator.strings import Strings
from generator.weburls import served_file

#: What a template may be given. A value of another type is a type error, not a page that
#: would not be rendered again when it changes: `_token` must say how it is fingerprinted.
Item = Release | ListingSummary | str
Value = str | int | bool | None | Release | Page | ListingSummary | Paginated[Release] | tuple[Item, ...]


def _text(value: str) -> str:
    return "S" + value.replace("\x00", "\x00\x00") + "\x00"


def _item(value: Item) -> str:
    if isinstance(value, Release):
        return "R" + value.digest
    if isinstance(value, ListingSummary):
        return repr(value)
    return _text(value)


def _token(value: Value) -> str:
    """A template value as text for its page's fingerprint: releases and pages by their digest."""
    if isinstance(value, (Release, Page)):
        return "R" + value.digest
    if isinstance(value, str):
        return _text(value)
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, ListingSummary):
        return repr(value)
    if isinstance(value, Paginated):
        return f"P{value.number}/{value.count}/{value.url}/{value.first_url}" + _token(tuple(value.items))
    if isinstance(value, tuple):
        return "[" + ",".join(_item(item) for item in value) + "]"
    assert_never(value)


#: The values whose body the page shows: a release's or page's own page.
_OWN_PAGE = ("release", "page")


@dataclass(frozen=True, slots=True)
class TemplatePage:
    """One HTML page: where it is, its template, and the values the template gets."""

    url: str  #: site-relative URL, e.g. "tags/norland/page/2/" or "404.html"
    template: str
    values: tuple[tuple[str, Value], ...]

    parallel: ClassVar[bool] = True

    @property
    def path(self) -> str:
        return served_file(self.url)

    def value(self, name: str) -> Value:
        return next((value for key, value in self.values if key == name), None)

    @property
    def own(self) -> Release | Page | None:
        """The release or page whose own page this is (it shows its body)."""
        for name, value in self.values:
            if name in _OWN_PAGE and isinstance(value, (Release, Page)):
                return value
        return None

    def fingerprint(self, site: str) -> str:
        parts = [site, self.url, self.template]
        for name, value in self.values:
            parts += (name, _token(value))
        own = self.own
        if own is not None:
            parts.append(own.body_digest)  # only a release's (page's) own page shows its body
        return content_digest(*parts)

    def render(self, renderer: PageRenderer) -> Rendered:
        return renderer.render_page(self.url, self.template, dict(self.values), self.own)


def heading(listing: Listing, strings: Strings) -> str:
    """A listing page's heading: "Tag: Norland", "Archive: 2024", "Media Notes"."""
    word = {"tag": "tag_heading", "year": "year_heading"}.get(listing.kind)
    return strings.text(word, name=listing.title) if word else listing.title


def own_page(renderer: PageRenderer, item: Release | Page) -> TemplatePage:
    """The page of a release (with its related releases) or of a page."""
    if isinstance(item, Page):
        return TemplatePage(item.url, "page.html", (("page", item),))
    # The related releases only: their scores change with every new release, the list rarely.
    model = renderer.model
    related = model.related.releases_of(item.slug) if model.related else ()
    return TemplatePage(item.url, "release.html", (("release", item), ("related", related)))


def _listing(renderer: PageRenderer, listing: Listing) -> Iterator[TemplatePage]:
    title = heading(listing, renderer.config.strings)
    for chunk in paginate(listing.releases, renderer.config.per_page, listing.url):
        yield TemplatePage(
            chunk.url, "listing.html", (("listing", listing.summary()), ("pager", chunk), ("heading", title))
        )


def pages(site: SiteInputs, before: Sequence[Output] = ()) -> Iterator[TemplatePage]:
    """Every HTML page but alias redirects, in a fixed order."""
    renderer = site.renderer
    model, config = renderer.model, renderer.config
    home = model.listed[: config.home_count]
    types = tuple(t.summary() for t in model.types if t.releases)
    yield TemplatePage("", "home.html", (("releases", home), ("types", types)))
    for release in model.releases:
        yield own_page(renderer, release)
    yield from _listing(renderer, renderer.all_releases)
    words = config.strings
    for kind, title, url, listings in (
        ("tag", words.tags, "tags/", model.tags),
        ("office", words.offices, "offices/", model.offices),
        ("type", words.release_types_title, "types/", model.types),
        ("year", words.archive, "archive/", model.years),
    ):
        summaries = tuple(listing.summary() for listing in listings if listing.releases)
        yield TemplatePage(url, "terms.html", (("kind", kind), ("title", title), ("listings", summaries)))
    for listing in (*model.tags, *model.offices, *model.types, *model.years):
        yield from _listing(renderer, listing)
    for page in model.pages:
        yield own_page(renderer, page)
    if config.search:
        search = (("bundles", renderer.search_bundles), ("nothing_to_search", not model.releases))
        yield TemplatePage("search/", "search.html", search)
    yield TemplatePage("404.html", "404.html", ())


PAGES = Kind(frozenset({"releases", "tags", "offices", "types", "archive", "search", "404.html"}), pages)
