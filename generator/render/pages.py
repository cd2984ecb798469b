"""The Jinja environment and page rendering: site model -> output files.

Rendering only describes output (paths and bytes); `write` puts it on disk.
Release bodies are already HTML (wrapped in Markup once here) and are never
rendered as templates.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import math
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
from markupsafe import Markup

from generator.config import SiteConfig
from generator.content.front_matter import decode
from generator.dates import display_date, machine_date, machine_time
from generator.digests import content_digest
from generator.errors import Problem, ProblemsFound
from generator.model import (
    Listing,
    ListingSummary,
    Page,
    RelatedItem,
    Release,
    ReleaseType,
    SiteModel,
    SourceFile,
    Term,
    newest,
)
from generator.render import sitemaps
from generator.render.feeds import FEED_SIZE, Feed, atom_feed
from generator.render.metadata import head_meta, release_breadcrumbs
from generator.render.release_index import releases_json
from generator.render.sitemaps import SitemapUrl, sitemap_files, sitemap_index, urlset
from generator.render.xmltext import w3c_datetime
from generator.site.pagination import Paginated, paginate
from generator.slugs import shorten
from generator.weburls import served_file


def _to_json(value: Any) -> Markup:
    """JSON safe inside <script>: "<", ">" and "&" escaped so no text can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


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


_used: ContextVar[set[str] | None] = ContextVar("templates_used", default=None)


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _RecordingEnvironment(jinja2.Environment):
    """Records every template a render loads (extends and includes too), for incremental builds."""

    def _load_template(self, name: Any, globals: Any) -> jinja2.Template:
        # Every lookup comes through here: get_template, extends, include, and each name
        # that select_template tries (a missing one too: creating it must re-render).
        used = _used.get()
        if used is not None and isinstance(name, str):
            used.add(name)
        return super()._load_template(name, globals)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, which only saves time: a template it cannot
    store (a full disk) is compiled again next time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class Templates:
    """One Jinja environment over the site's templates/ and then the shipped ones."""

    def __init__(self, folders: Sequence[Path], shown: dict[Path, str], compiled: Path | None = None) -> None:
        """`compiled`: a folder to keep compiled templates in between builds (Jinja's bytecode cache)."""
        self.folders = folders
        self.shown = shown
        if compiled is not None:
            try:
                compiled.mkdir(parents=True, exist_ok=True)
            except OSError:
                compiled = None  # a site folder that cannot hold a cache compiles templates each time
        self.env = _RecordingEnvironment(
            # utf-8-sig: a template saved with a BOM puts no U+FEFF into the pages
            loader=jinja2.FileSystemLoader([str(f) for f in folders], encoding="utf-8-sig"),
            bytecode_cache=_CompiledTemplates(str(compiled)) if compiled is not None else None,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one environment per build: a template never changes while it is used
        )
        self.env.filters["display_date"] = display_date
        self.env.filters["machine_date"] = machine_date
        self.env.filters["machine_time"] = machine_time
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

    def names(self) -> list[str]:
        """Every template's name (hidden files and names that are not UTF-8 left out)."""
        return self.env.list_templates(filter_func=lambda n: not n.startswith(".") and _utf8(n))

    def check(self) -> list[Problem]:
        """Compile every template, reporting each syntax error with its file and line."""
        problems = [
            Problem(self.show(str(folder / name)), 0, "", "name is not valid UTF-8, not read", "a UTF-8 file name")
            for name in self.env.list_templates(filter_func=lambda n: not n.startswith(".") and not _utf8(n))
            for folder in self.folders
            if os.path.lexists(folder / name)
        ]
        for name in self.names():
            path = next((folder / name for folder in self.folders if os.path.lexists(folder / name)), None)
            if path is not None and not path.is_file():  # the loader would skip it, silently taking a shipped one
                problems.append(Problem(self.show(str(path)), 0, "", "broken symbolic link or unreadable entry"))
                continue
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
            except (UnicodeDecodeError, OSError) as error:
                problems.append(self._unreadable(path or Path(name), error))
        return problems

    def _unreadable(self, path: Path, error: UnicodeDecodeError | OSError) -> Problem:
        """The problem of a template file that is not UTF-8 (at its line), or cannot be read."""
        shown = self.show(str(path))
        if isinstance(error, UnicodeDecodeError):
            with contextlib.suppress(OSError):
                problems = decode(SourceFile(shown=shown, relative=path.name, data=path.read_bytes()))[1]
                if problems:
                    return problems[0]
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return Problem(shown, 0, "", f"cannot be read: {reason}", "a readable UTF-8 text file")

    def render(self, name: str, context: dict[str, Any]) -> tuple[str, frozenset[str]]:
        """The rendered text and the names of every template it used."""
        used: set[str] = set()
        token = _used.set(used)
        try:
            return self.env.get_template(name).render(context), frozenset(used)
        finally:
            _used.reset(token)

    def digests(self) -> dict[str, str]:
        """name -> digest of the template file in use, for every template."""
        result = {}
        for name in self.names():
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            result[name] = content_digest(source, filename or "")
        return result

    def problem(self, error: Exception, page: str) -> Problem | None:
        """An error raised while rendering `page`, at the line of the innermost template
        it came through; None when no template was running (a bug of ours, not of a template)."""
        frames: list[tuple[str | None, int]] = [(None, 0)]
        tb = error.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if any(Path(name).is_relative_to(f) for f in self.folders):
                frames.append((name, tb.tb_lineno))
            tb = tb.tb_next
        frame = _loop_call(frames) if isinstance(error, RecursionError) else frames[-1]
        filename, line = frame
        if isinstance(error, jinja2.TemplateError):
            if filename is None:  # raised before any template code ran: a missing or broken template
                filename, line = getattr(error, "filename", None), getattr(error, "lineno", 0) or 0
            return Problem(
                self.show(filename),
                line,
                "template",
                f"{error}{_rendering(page)}",
                "variables and filters that exist",
            )
        if filename is None:
            return None
        if isinstance(error, RecursionError):
            what = "calls itself without end (a macro, include or extends), RecursionError"
        else:
            what = f"{type(error).__name__}: {error}"
        return Problem(self.show(filename), line, "template", f"{what}{_rendering(page)}", "a template that renders")


def _rendering(page: str, others: int = 0) -> str:
    also = f" and {others} other page{'s' if others > 1 else ''}" if others else ""
    return f" (rendering /{page}{also})"


def one_per_template_line(failures: Sequence[tuple[Problem, str]]) -> list[Problem]:
    """The problems of pages that failed to render (each with its page's URL), one per template
    line and message: the first page's, saying how many other pages failed the same way (a bad
    line in release.html fails every release), in the order of the pages."""
    first: dict[tuple[str, int, str], tuple[Problem, str]] = {}
    others: Counter[tuple[str, int, str]] = Counter()
    for problem, page in failures:
        key = (problem.path, problem.line, problem.message.removesuffix(_rendering(page)))
        if key in first:
            others[key] += 1
        else:
            first[key] = (problem, page)
    return [
        dataclasses.replace(problem, message=key[2] + _rendering(page, others[key]))
        for key, (problem, page) in first.items()
    ]


def _loop_call(frames: list[tuple[str | None, int]]) -> tuple[str | None, int]:
    """The template line that closes the first loop in a too-deep stack of template frames
    (where the stack was cut off depends on how deep it began: this does not)."""
    for start, frame in enumerate(frames):
        if frame in frames[start + 1 :]:
            return frames[frames.index(frame, start + 1) - 1]
    return frames[-1]


#: The HTML body of a release or page (it may live in the cache until a page needs it).
BodyOf = Callable[[Release | Page], str]


#: Outputs made by Python instead of a template: the "template" name of their PageSpec.
ATOM, SITEMAP, SITEMAP_INDEX, RELEASES_JSON = ":atom", ":sitemap", ":sitemap-index", ":releases-json"
#: Alias redirect pages: their template; they are not in the sitemap, nor are these pages of no content of their own.
ALIAS_TEMPLATE = "alias.html"
NOT_IN_SITEMAP = frozenset({"404.html", "search/"})


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One page to render: where it goes, with which template, from which values."""

    url: str  #: site-relative URL, e.g. "tags/norland/page/2/" or "404.html"
    template: str  #: a Jinja template, or one of the built-in writers (":atom", ...)
    values: tuple[tuple[str, Any], ...]

    @property
    def path(self) -> str:
        return served_file(self.url)


class PageRenderer:
    """Describes and renders every page of a site model with one set of templates."""

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

    def render(self, spec: PageSpec) -> tuple[bytes, frozenset[str]]:
        """The page's bytes and the templates it used; a template error raises ProblemsFound."""
        if spec.template.startswith(":"):
            return self._write(spec.template, dict(spec.values)), frozenset()
        values = dict(spec.values)
        context = {
            "site": self.config,
            "page_url": spec.url,
            "url": self.url,
            "absolute_url": self.absolute_url,
            "live": self.live,
            "pages": self.model.pages,
            "feeds": self.config.absolute,
            "meta": head_meta(spec.url, values, self.config, self.absolute_url),
            **values,
        }
        for name in _OWN_PAGE:
            item = context.get(name)
            if isinstance(item, (Release, Page)):
                context["body"] = Markup(self.body_of(item))
                break
        release = context.get("release")
        if isinstance(release, Release):
            context["breadcrumbs"] = release_breadcrumbs(release)
        try:
            html, used = self.templates.render(spec.template, context)
        except Exception as error:
            # A site's own template can fail in any way Python can ({{ 1/0 }}, "%d" % "x",
            # a macro calling itself): that is the site's problem, at its template line.
            problem = self.templates.problem(error, spec.url)
            if problem is None:
                raise
            raise ProblemsFound([problem]) from None
        return html.encode(), used

    def _write(self, writer: str, values: dict[str, Any]) -> bytes:
        """The bytes of an output made by Python (feeds, sitemaps, releases.json)."""
        if writer == ATOM:
            return atom_feed(values["feed"], values["entries"], self.config, self.absolute_url, values["fallback"])
        if writer == SITEMAP:
            return urlset(values["urls"], self.absolute_url)
        if writer == SITEMAP_INDEX:
            return sitemap_index(values["parts"], self.absolute_url)
        if writer == RELEASES_JSON:
            return releases_json(values["releases"], self.config, self.absolute_url)
        raise ValueError(f"no writer {writer}")

    def _listing(self, listing: Listing) -> Iterator[PageSpec]:
        heading = _heading(listing)
        for chunk in paginate(listing.releases, self.config.per_page, listing.url):
            values = (("listing", listing.summary()), ("pager", chunk), ("heading", heading))
            yield PageSpec(chunk.url, "listing.html", values)

    def specs(self) -> Iterator[PageSpec]:
        """Every output made from templates or by Python, in a fixed order: the HTML pages,
        alias redirects, then feeds, sitemap and releases.json."""
        pages = list(self._pages())
        yield from pages
        yield from self._aliases()
        yield from self._data(pages)

    def _pages(self) -> Iterator[PageSpec]:
        model = self.model
        home = model.listed[: self.config.home_count]
        types = tuple(t.summary() for t in model.types if t.releases)
        yield PageSpec("", "home.html", (("releases", home), ("types", types)))
        for release in model.releases:
            yield self.own_page(release)
        yield from self._listing(self.all_releases)
        for kind, title, url, listings in (
            ("tag", "Tags", "tags/", model.tags),
            ("office", "Offices", "offices/", model.offices),
            ("type", "Release Types", "types/", model.types),
            ("year", "Archive", "archive/", model.years),
        ):
            summaries = tuple(listing.summary() for listing in listings if listing.releases)
            yield PageSpec(url, "terms.html", (("kind", kind), ("title", title), ("listings", summaries)))
        for listing in (*model.tags, *model.offices, *model.types, *model.years):
            yield from self._listing(listing)
        for page in model.pages:
            yield self.own_page(page)
        if self.config.search:
            search = (("bundles", self.search_bundles), ("nothing_to_search", not model.releases))
            yield PageSpec("search/", "search.html", search)
        yield PageSpec("404.html", "404.html", ())

    def own_page(self, item: Release | Page) -> PageSpec:
        """The page of a release (with its related releases) or of a page."""
        if isinstance(item, Page):
            return PageSpec(item.url, "page.html", (("page", item),))
        # The related releases only: their scores change with every new release, the list rarely.
        related = self.model.related.releases_of(item.slug) if self.model.related else ()
        return PageSpec(item.url, "release.html", (("release", item), ("related", related)))

    @functools.cached_property
    def all_releases(self) -> Listing:
        listed = self.model.listed
        changed = None if listed else newest(r.last_modified for r in self.model.releases)
        return Listing(
            kind="releases", title="All Releases", url="releases/", releases=listed, slug="", last_modified=changed
        )

    @functools.cached_property
    def _listing_modified(self) -> dict[str, datetime | None]:
        model = self.model
        return {listing.url: listing.last_modified for listing in (*model.tags, *model.offices, *model.types)}

    def _aliases(self) -> Iterator[PageSpec]:
        for release in self.model.releases:
            for alias in release.aliases:
                # As "target", not "release": the redirect does not show the body.
                yield PageSpec(alias.url, ALIAS_TEMPLATE, (("target", release),))

    def _data(self, pages: list[PageSpec]) -> Iterator[PageSpec]:
        """Feeds and the sitemap (only with an absolute base_url: they need absolute URLs), releases.json."""
        if self.config.absolute:
            yield from self._feeds()
            yield from self._sitemaps(pages)
        yield PageSpec("releases.json", RELEASES_JSON, (("releases", self.model.releases),))

    def _feeds(self) -> Iterator[PageSpec]:
        site = self.all_releases
        listings = (site, *self.model.tags, *self.model.offices, *self.model.types)
        for listing in listings:
            if listing.kind == "releases":
                feed = Feed(self.config.title, "feed.xml", "")
            else:
                feed = Feed(f"{_heading(listing)} | {self.config.title}", listing.summary().feed_url, listing.url)
            # An empty feed (its releases all archived) is as old as its newest archived release, and
            # one of a site without releases as old as can be: never the build time, which would
            # change its bytes on every build.
            fallback = listing.last_modified or datetime(1970, 1, 1, tzinfo=UTC)
            values = (("feed", feed), ("entries", listing.releases[:FEED_SIZE]), ("fallback", fallback))
            yield PageSpec(feed.url, ATOM, values)

    def _sitemaps(self, pages: list[PageSpec]) -> Iterator[PageSpec]:
        changed = {spec.url: self._lastmod(dict(spec.values)) for spec in pages if spec.url not in NOT_IN_SITEMAP}
        urls = [SitemapUrl(url, w3c) for url, (_, w3c) in changed.items()]
        files = sitemap_files(urls, sitemaps.SITEMAP_LIMIT)
        if len(files) == 1:
            yield PageSpec("sitemap.xml", SITEMAP, (("urls", files[0][1]),))
            return
        for name, chunk in files:
            yield PageSpec(name, SITEMAP, (("urls", chunk),))
        parts = tuple(SitemapUrl(name, max(changed[u.url] for u in chunk)[1]) for name, chunk in files)
        yield PageSpec("sitemap.xml", SITEMAP_INDEX, (("parts", parts),))

    @functools.cached_property
    def _changed(self) -> dict[str, _Moment]:
        """Each published release's last change, worked out once (the sitemap asks for it 100,000s of times)."""
        return {r.slug: _moment(r.last_modified) for r in self.model.releases}

    def _lastmod(self, values: dict[str, Any]) -> _Moment:
        """When a page last changed: its release's, or the newest of the releases it lists."""
        release, pager, page = values.get("release"), values.get("pager"), values.get("page")
        if isinstance(release, Release):
            return self._changed[release.slug]
        if isinstance(page, Page):
            return _moment(page.updated)
        if isinstance(pager, Paginated):  # an empty listing: as old as its newest archived release
            shown = max((self._changed[r.slug] for r in pager.items), default=None)
            return shown or _moment(self._listing_modified.get(pager.first_url))
        if "releases" in values:
            return max((self._changed[r.slug] for r in values["releases"]), default=_UNKNOWN)
        return max(self._changed.values(), default=_UNKNOWN)  # the index pages of tags, offices, types, years


#: A moment as (timestamp, W3C datetime): compared by the instant, written as the editor's offset.
_Moment = tuple[float, str]
_UNKNOWN: _Moment = (-math.inf, "")


def _moment(moment: datetime | None) -> _Moment:
    return (moment.timestamp(), w3c_datetime(moment)) if moment else _UNKNOWN


def _heading(listing: Listing) -> str:
    """A listing page's heading: "Tag: Norland", "Archive: 2024", "Media Notes"."""
    return {"tag": "Tag: ", "year": "Archive: "}.get(listing.kind, "") + listing.title


_OWN_PAGE = ("release", "page")  #: the values whose body `PageRenderer.render` adds


def _token(value: Any) -> str:
    """A template value as text for its page's fingerprint: releases and pages by their digest."""
    kind = type(value)
    if kind is Release or kind is Page:
        return "R" + str(value.digest)
    if kind is str or kind is Markup:
        return "S" + str(value).replace("\x00", "\x00\x00") + "\x00"
    if kind in (int, float, bool) or value is None:
        return repr(value)
    if kind is tuple or kind is list:
        if value and all(type(item) is Release for item in value):  # the releases of a listing page
            return "[R" + ",".join(item.digest for item in value) + "]"
        return "[" + ",".join(_token(item) for item in value) + "]"
    if kind is Paginated:
        return f"P{value.number}/{value.count}/{value.url}/{value.first_url}" + _token(tuple(value.items))
    if kind is RelatedItem:
        shared = ",".join(f"{term.name}\x00{term.slug}\x00{idf!r}" for term, idf in value.shared)
        return f"I{value.release.digest}/{value.score!r}/{value.days!r}/{shared}"
    if kind in (Term, ReleaseType, ListingSummary, Feed, SitemapUrl, datetime):
        return repr(value)
    raise TypeError(f"cannot fingerprint a {kind.__name__}: teach render._token about it")


def fingerprint(spec: PageSpec, site_digest: str) -> str:
    """A digest of everything the page's HTML depends on except the template files themselves."""
    parts = [site_digest, spec.url, spec.template]
    for name, value in spec.values:
        parts += (name, _token(value))
        if name in _OWN_PAGE and type(value) in (Release, Page):
            parts.append(value.body_digest)  # only a release's (page's) own page shows its body
    return content_digest(*parts)
