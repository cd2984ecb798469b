"""The Jinja environment and page rendering: site model -> output files.

Rendering only describes output (paths and bytes); `write` puts it on disk.
Release bodies are already HTML (wrapped in Markup once here) and are never
rendered as templates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup

from generator.config import SiteConfig
from generator.errors import Problem, ProblemsFound
from generator.model import Listing, OutputFile, Release, SiteModel
from generator.pagination import paginate
from generator.slugs import shorten

MONTHS = (
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
)
BREADCRUMB_LENGTH = 60


def display_date(moment: datetime) -> str:
    """ "MAY 2, 2023": the date in the moment's own offset, never shifted."""
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}"


def machine_date(release: Release) -> str:
    """The value for <time datetime>: the date, or the full datetime with its offset."""
    return release.date.date().isoformat() if release.date_only else release.date.isoformat()


def _to_json(value: Any) -> Markup:
    """JSON safe inside <script>: "<", ">" and "&" escaped so no text can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


class Templates:
    """One Jinja environment over the site's templates/ and then the shipped ones."""

    def __init__(self, folders: Sequence[Path], shown: dict[Path, str]) -> None:
        self.folders = folders
        self.shown = shown
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(f) for f in folders]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["display_date"] = display_date
        self.env.filters["machine_date"] = machine_date
        self.env.filters["shorten"] = shorten
        self.env.filters["to_json"] = _to_json

    def show(self, filename: str | None) -> str:
        """A template file name as the user knows it (e.g. "templates/base.html")."""
        if not filename:
            return "templates"
        path = Path(filename)
        for folder, label in self.shown.items():
            if path.is_relative_to(folder):
                return f"{label}/{path.relative_to(folder).as_posix()}"
        return filename

    def check(self) -> list[Problem]:
        """Compile every template, reporting each syntax error with its file and line."""
        problems = []
        for name in self.env.list_templates(filter_func=lambda n: not n.startswith(".")):
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as error:
                problems.append(
                    Problem(
                        self.show(error.filename),
                        error.lineno,
                        "template",
                        f"syntax error: {error.message}",
                        "valid Jinja syntax",
                    )
                )
        return problems

    def render(self, name: str, context: dict[str, Any]) -> str:
        return self.env.get_template(name).render(context)

    def problem(self, error: jinja2.TemplateError, page: str) -> Problem:
        """A template error raised while rendering `page`, at its template line."""
        filename, line = getattr(error, "filename", None), getattr(error, "lineno", 0) or 0
        tb = error.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if any(Path(name).is_relative_to(f) for f in self.folders):
                filename, line = name, tb.tb_lineno
            tb = tb.tb_next
        return Problem(
            self.show(filename), line, "template", f"{error} (rendering /{page})", "variables and filters that exist"
        )


class PageRenderer:
    """Renders every page of a site model with one set of templates."""

    def __init__(self, templates: Templates, config: SiteConfig, model: SiteModel) -> None:
        self.templates = templates
        self.config = config
        self.model = model
        self.now = model.now or datetime.now().astimezone()
        self.live = next((e for e in model.live_events if e.is_live(self.now)), None)

    def url(self, path: str = "") -> str:
        """A site path with the base path: url("tags/") -> "/press/tags/"."""
        return self.config.base_path + path

    def absolute_url(self, path: str = "") -> str:
        return urljoin(self.config.base_url, self.url(path))

    def _context(self, url: str, **extra: Any) -> dict[str, Any]:
        return {
            "site": self.config,
            "page_url": url,
            "url": self.url,
            "absolute_url": self.absolute_url,
            "live": self.live,
            "now": self.now,
            "pages": self.model.pages,
            **extra,
        }

    def page(self, template: str, url: str, **extra: Any) -> OutputFile:
        try:
            html = self.templates.render(template, self._context(url, **extra))
        except jinja2.TemplateError as error:
            raise ProblemsFound([self.templates.problem(error, url)]) from None
        path = url + "index.html" if url.endswith("/") or not url else url
        return OutputFile(path, html.encode())

    def release(self, release: Release) -> OutputFile:
        return self.page(
            "release.html",
            release.url,
            release=release,
            body=Markup(release.body_html),
            related=self.model.related.get(release.slug, ()),
        )

    def listing(self, listing: Listing) -> Iterator[OutputFile]:
        for chunk in paginate(listing.releases, self.config.per_page, listing.url):
            heading = f"Tag: {listing.title}" if listing.kind == "tag" else listing.title
            yield self.page("listing.html", chunk.url, listing=listing, pager=chunk, heading=heading)

    def overview(self, kind: str, title: str, url: str, listings: Sequence[Listing]) -> OutputFile:
        return self.page("terms.html", url, kind=kind, title=title, listings=listings)

    def all_pages(self) -> Iterator[OutputFile]:
        """Every HTML page of the site, in a fixed order."""
        model = self.model
        yield self.page(
            "home.html",
            "",
            releases=model.releases[: self.config.home_count],
            tags=model.tags,
            offices=model.offices,
            types=model.types,
        )
        for release in model.releases:
            yield self.release(release)
        yield from self.listing(Listing("releases", "All Releases", "releases/", model.releases))
        yield self.overview("tag", "Tags", "tags/", model.tags)
        yield self.overview("office", "Offices", "offices/", model.offices)
        yield self.overview("type", "Release Types", "types/", model.types)
        for listing in (*model.tags, *model.offices, *model.types):
            yield from self.listing(listing)
        for page in model.pages:
            yield self.page("page.html", page.url, page=page, body=Markup(page.body_html))
        yield self.page("404.html", "404.html")
