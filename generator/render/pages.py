"""The renderer of a site model: what every page's template gets, and the site's URLs.

Rendering only describes output (paths and bytes); `publish` puts it on disk.
Which outputs a site has, and what each is made from, are the kinds' business
(`render/kinds/`, registered in `render.plan.KINDS`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup

from generator.config import SiteConfig
from generator.digests import content_digest
from generator.errors import ProblemsFound
from generator.model import Listing, Page, Release, SiteModel, newest
from generator.render.metadata import head_meta, release_breadcrumbs
from generator.render.templates import Templates

# What urljoin would normalise in a path: a path holding one of these is left to it.
_URLJOIN_CHANGES = ("/.", "\\", "//", "?", "#", ";")


def url_joiner(base_url: str) -> Callable[[str], str]:
    """urljoin(base_url, path) for paths from the site's root, without urljoin's parsing where
    it would change nothing (a page asks for several absolute URLs, a site for 100,000s)."""
    parts = urlsplit(base_url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""

    def join(path: str) -> str:
        if any(mark in path for mark in _URLJOIN_CHANGES) or not path.startswith("/"):
            return urljoin(base_url, path)
        return origin + path

    return join


#: The HTML body of a release or page (it may live in the cache until a page needs it).
BodyOf = Callable[[Release | Page], str]


class PageRenderer:
    """Renders pages of a site model with one set of templates."""

    def __init__(
        self,
        templates: Templates,
        config: SiteConfig,
        model: SiteModel,
        body_of: BodyOf | None = None,
        search_bundles: tuple[str, ...] = (),
    ) -> None:
        """`search_bundles`: the site folders of the search index's bundles, main first
        (none: the search page says the index is not built, as in the live preview)."""
        self.templates = templates
        self.config = config
        self.model = model
        self.body_of: BodyOf = body_of or (lambda item: item.body_html)
        self.search_bundles = search_bundles
        self.now = model.now or datetime.now().astimezone()
        self.live = next((e for e in model.live_events if e.is_live(self.now)), None)
        self._base_path = config.base_path
        self._join = url_joiner(config.base_url)

    def url(self, path: str = "") -> str:
        """A site path with the base path: url("tags/") -> "/press/tags/"."""
        return self._base_path + path

    def absolute_url(self, path: str = "") -> str:
        """The full URL of a site path (the site path itself when base_url has no host)."""
        return self._join(self._base_path + path)

    def site_digest(self) -> str:
        """What every page shows besides its own values: settings, navigation, the live banner."""
        pages = [(p.title, p.url) for p in self.model.pages]
        return content_digest(repr(self.config), repr(pages), repr(self.live))

    def render_page(
        self, url: str, template: str, values: Mapping[str, object], own: Release | Page | None = None
    ) -> tuple[bytes, frozenset[str]]:
        """The bytes of the page at `url` from `template` with `values`, and the templates it
        used; `own`: the release or page whose body it shows. A template error raises ProblemsFound."""
        context = {
            "site": self.config,
            "t": self.config.strings,
            "page_url": url,
            "url": self.url,
            "absolute_url": self.absolute_url,
            "live": self.live,
            "pages": self.model.pages,
            "feeds": self.config.absolute,
            "meta": head_meta(url, values, self.config, self.absolute_url),
            **values,
        }
        if own is not None:
            context["body"] = Markup(self.body_of(own))
        if isinstance(own, Release):
            context["breadcrumbs"] = release_breadcrumbs(own, self.config.strings)
        try:
            html, used = self.templates.render(template, context)
        except Exception as error:
            # A site's own template can fail in any way Python can ({{ 1/0 }}, "%d" % "x",
            # a macro calling itself): that is the site's problem, at its template line.
            problem = self.templates.problem(error, url)
            if problem is None:
                raise
            raise ProblemsFound([problem]) from None
        return html.encode(), used

    @functools.cached_property
    def all_releases(self) -> Listing:
        """The listing of every listed release (/releases/)."""
        listed = self.model.listed
        changed = None if listed else newest(r.last_modified for r in self.model.releases)
        return Listing(
            kind="releases",
            title=self.config.strings.all_releases_title,
            url="releases/",
            releases=listed,
            slug="",
            last_modified=changed,
        )
