"""What a page's <head> says about it: description, canonical URL, OpenGraph and
Twitter card values, and on releases the JSON-LD NewsArticle and BreadcrumbList.
Pure: a page's values in, a `HeadMeta` out (derived from the values its
fingerprint already covers)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from generator.config import SiteConfig
from generator.model import ListingSummary, Page, Release
from generator.render.xmltext import uri, w3c_datetime
from generator.site.pagination import Paginated
from generator.slugs import shorten
from generator.strings import Strings

SCHEMA = "https://schema.org"


@dataclass(frozen=True, slots=True)
class Crumb:
    """One step of a page's breadcrumbs: the text shown and the site-relative URL."""

    name: str
    url: str


def release_breadcrumbs(release: Release, strings: Strings) -> tuple[Crumb, ...]:
    """Home > office > type > release: what the page shows and what its BreadcrumbList says."""
    return (
        Crumb(strings.home, ""),
        Crumb(release.office.name, f"offices/{release.office.slug}/"),
        Crumb(release.type.plural, f"types/{release.type.slug}/"),
        Crumb(shorten(release.title, 60), release.url),
    )


@dataclass(frozen=True, slots=True)
class HeadMeta:
    title: str  #: og:title, twitter:title: the page's own title, without the site's name
    description: str
    canonical: str  #: absolute URL (a site path when base_url is only a path); "" for none
    type: str = "website"  #: og:type
    published: str = ""  #: article:published_time (releases)
    modified: str = ""  #: article:modified_time
    section: str = ""  #: article:section: the release type
    tags: tuple[str, ...] = ()  #: article:tag
    structured: tuple[dict[str, Any], ...] = ()  #: JSON-LD objects
    image: str = ""  #: og:image, twitter:image: absolute URL (a site path when base_url is only a path)


#: A listing's kind -> the word that describes its pages.
_LISTING_DESCRIPTIONS = {
    "releases": "describe_releases",
    "tag": "describe_tag",
    "office": "describe_office",
    "type": "describe_type",
    "year": "describe_year",
}


def head_meta(
    page_url: str, values: Mapping[str, Any], config: SiteConfig, absolute_url: Callable[[str], str]
) -> HeadMeta:
    """The head metadata of the page at `page_url` with these template values; a page without
    an image of its own gets site.toml's `image`."""
    meta = _page_meta(page_url, values, config, absolute_url)
    if config.image and not meta.image:
        return replace(meta, image=uri(absolute_url(config.image)))
    return meta


def _page_meta(
    page_url: str, values: Mapping[str, Any], config: SiteConfig, absolute_url: Callable[[str], str]
) -> HeadMeta:
    canonical = uri(absolute_url(page_url)) if page_url != "404.html" else ""
    words = config.strings
    release, page, listing = values.get("release"), values.get("page"), values.get("listing")
    if isinstance(release, Release):
        return _release_meta(release, canonical, config, absolute_url)
    if isinstance(page, Page):
        return HeadMeta(page.title, page.summary, canonical)
    if isinstance(listing, ListingSummary):
        pager = values["pager"]
        assert isinstance(pager, Paginated)
        description = words.text(_LISTING_DESCRIPTIONS[listing.kind], site=config.title, title=listing.title)
        if pager.number > 1:
            title = f"{values['heading']} {words.text('page_number', number=pager.number)}"
            description = f"{description} {words.text('describe_page', number=pager.number)}"
            return HeadMeta(title, description, canonical)
        return HeadMeta(str(values["heading"]), description, canonical)
    if "listings" in values:
        description = words.text("describe_index", title=values["title"], site=config.title)
        return HeadMeta(str(values["title"]), description, canonical)
    if page_url == "404.html":
        return HeadMeta(words.not_found, words.not_found_description, "")
    return HeadMeta(config.title, config.description or config.title, canonical)


def _release_meta(release: Release, canonical: str, config: SiteConfig, absolute_url: Callable[[str], str]) -> HeadMeta:
    published, modified = w3c_datetime(release.date), w3c_datetime(release.last_modified)
    tags = tuple(tag.name for tag in release.tags)
    article = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": release.title,
        "description": release.summary,
        "url": canonical,
        "mainEntityOfPage": canonical,
        "datePublished": published,
        "dateModified": modified,
        "articleSection": release.type.label,
        "keywords": list(tags),
        "inLanguage": config.language,
        "author": {
            "@type": "Organization",
            "name": release.office.name,
            "url": uri(absolute_url(f"offices/{release.office.slug}/")),
        },
        "publisher": {"@type": "Organization", "name": config.title, "url": uri(absolute_url(""))},
    }
    if config.image:
        article["image"] = [uri(absolute_url(config.image))]
    crumbs = {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": crumb.name, "item": uri(absolute_url(crumb.url))}
            for n, crumb in enumerate(release_breadcrumbs(release, config.strings), 1)
        ],
    }
    return HeadMeta(
        release.title,
        release.summary,
        canonical,
        "article",
        published,
        modified,
        release.type.label,
        tags,
        (article, crumbs),
    )
