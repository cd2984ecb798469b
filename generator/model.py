"""Frozen values that flow through the pipeline.

Nothing here does I/O; every stage takes these and returns these.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from generator.digests import body_field, content_digest
from generator.pickling import compact_pickle, interned_pickle
from generator.weburls import served_file


def newest(moments: Iterable[datetime | None]) -> datetime | None:
    """The latest of the known moments, by the instant (None if none is known)."""
    return max((m for m in moments if m is not None), key=lambda m: m.timestamp(), default=None)


@interned_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseType:
    """A kind of release configured for the site (e.g. "media note")."""

    name: str  #: the name editors write in front matter, lower case
    label: str  #: singular label shown on pages, e.g. "Media Note"
    plural: str  #: plural label for listings and breadcrumbs, e.g. "Media Notes"
    slug: str  #: URL segment under /types/


@interned_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """A tag or an office: a display name and its URL slug."""

    name: str
    slug: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """A media contact of an office (content/offices.yaml); any field but `name` may be ""."""

    name: str
    role: str = ""
    email: str = ""
    phone: str = ""

    @property
    def tel(self) -> str:
        """The tel: URL of its phone number: the digits, with a leading + kept."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"tel:{'+' if self.phone.lstrip().startswith('+') else ''}{digits}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Office:
    """An office as content/offices.yaml lists it."""

    name: str  #: the listed spelling, shown everywhere
    slug: str  #: its page's URL segment under /offices/ (listed, or derived from the name)
    description_html: str = ""  #: Markdown rendered (links resolved once the site is known), shown on its page
    boilerplate_html: str = ""  #: the "About ..." paragraph, rendered (kept for releases to show later)
    contacts: tuple[Contact, ...] = ()
    line: int = 0  #: where its entry starts in offices.yaml
    links: tuple[Link, ...] = ()  #: the links and images of its description, checked like a body's


@dataclass(frozen=True, slots=True, kw_only=True)
class TagEntry:
    """A tag as content/tags.yaml lists it."""

    name: str
    slug: str
    description_html: str = ""  #: shown on its page
    line: int = 0
    links: tuple[Link, ...] = ()  #: the links and images of its description, checked like a body's


@dataclass(frozen=True, slots=True, kw_only=True)
class Vocabulary:
    """The site's controlled vocabularies: None where the file does not exist (then any
    office or tag goes, and likely typos are warnings)."""

    offices: tuple[Office, ...] | None = None
    tags: tuple[TagEntry, ...] | None = None
    offices_file: str = "content/offices.yaml"  #: as shown in messages
    tags_file: str = "content/tags.yaml"

    def about(self, kind: str, slug: str) -> Office | TagEntry | None:
        """What the vocabulary says of the office or tag whose page has this slug."""
        entries: tuple[Office | TagEntry, ...] = (self.offices or ()) if kind == "office" else (self.tags or ())
        return next((e for e in entries if e.slug == slug), None) if kind in ("office", "tag") else None


#: A site without offices.yaml and tags.yaml.
NO_VOCABULARY = Vocabulary()


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceFile:
    """A file of the site folder: where it is, as shown to the user, and its bytes.

    `data` is None for a file the cache has seen unchanged (same size, mtime
    and inode): its digest is then the cached one, and `read()` reads it if
    it is needed after all."""

    shown: str  #: path as shown in messages, e.g. "content/releases/a.md"
    relative: str  #: POSIX path relative to content/, e.g. "releases/a.md"
    data: bytes | None
    path: str = ""  #: where to read it
    digest: str = ""  #: of its bytes

    def __post_init__(self) -> None:
        if not self.digest:
            object.__setattr__(self, "digest", content_digest(self.read()))

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        with open(self.path, "rb") as stream:
            return stream.read()


@compact_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A link or image in a body: what the editor wrote, what the page carries, and where."""

    target: str  #: as written in the Markdown
    href: str  #: as emitted in the HTML (content links rewritten to page URLs)
    line: int  #: line in the source file


@compact_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class Alias:
    """An old URL of a release: a small redirect page is written there."""

    url: str  #: site-relative, e.g. "releases/old-name/" or "statements/old.html"
    written: str  #: as the editor wrote it
    line: int  #: line in the source file

    @property
    def path(self) -> str:
        return served_file(self.url)


@compact_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class Release:
    """One press release, validated, with its body already rendered to HTML.

    `tags` and `office` are as the editor spelled them until the assemble
    stage replaces them with the site-wide canonical terms.
    """

    source: str  #: path as shown to the user
    relative: str  #: POSIX path relative to content/
    slug: str
    title: str
    type: ReleaseType
    office: Term
    date: datetime  #: timezone-aware; keeps the offset the editor wrote
    date_only: bool  #: the editor wrote a date without a time
    tags: tuple[Term, ...]
    summary: str
    body_html: str = body_field()
    draft: bool = False
    links: tuple[Link, ...] = body_field(())  #: every link and image in the body
    lines: tuple[tuple[str, int], ...] = ()  #: front-matter key -> line in the file
    scheduled: bool = False  #: dated after the build time (shown only with --future)
    #: The digests (see generator.digests) and where the cache keeps body_html when it is not held here ("").
    digest: str = body_field("")  #: changes whenever anything but the body changes (what other pages show)
    body_digest: str = body_field("")  #: changes whenever the body (or its resolved links) changes
    body_key: str = body_field("")
    updated: datetime | None = None  #: when it was last corrected (front matter `updated:`)
    updated_date_only: bool = False
    expires: datetime | None = None  #: from then on it is archived: out of listings and feeds
    aliases: tuple[Alias, ...] = ()  #: old URLs that redirect here
    archived: bool = False  #: expired at the build time (its page stays, marked)

    def line(self, key: str) -> int:
        """Return the file line of front-matter `key`, or of the first line."""
        return dict(self.lines).get(key, 1)

    @property
    def url(self) -> str:
        return f"releases/{self.slug}/"

    @property
    def last_modified(self) -> datetime:
        """When it last changed: `updated`, else its date (feeds' <updated>, dateModified, lastmod)."""
        return self.updated or self.date


@compact_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """A plain page (About, Contact) from content/pages/."""

    source: str
    relative: str
    slug: str
    title: str
    body_html: str = body_field()
    summary: str = ""
    draft: bool = False
    links: tuple[Link, ...] = body_field(())
    digest: str = body_field("")  #: as Release.digest
    body_digest: str = body_field("")
    body_key: str = body_field("")
    updated: datetime | None = None  #: front matter `updated:` (the sitemap's lastmod)
    lines: tuple[tuple[str, int], ...] = ()  #: front-matter key -> line in the file

    def line(self, key: str) -> int:
        """Return the file line of front-matter `key`, or of the first line."""
        return dict(self.lines).get(key, 1)

    @property
    def url(self) -> str:
        return f"{self.slug}/"


@compact_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class LiveEvent:
    """An event from content/live.yaml during which every page shows the live banner."""

    title: str
    url: str
    starts: datetime
    ends: datetime
    label: str = "Live Now"

    def is_live(self, now: datetime) -> bool:
        # Timestamps: datetimes sharing a tzinfo would compare by wall-clock time.
        return self.starts.timestamp() <= now.timestamp() < self.ends.timestamp()


ListingKind = Literal["releases", "tag", "office", "type", "year"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    """An ordered list of releases shown on one or more paginated pages."""

    kind: ListingKind
    title: str
    url: str  #: site-relative URL of page 1, e.g. "tags/norland/"
    releases: tuple[Release, ...]  #: newest first; archived releases are not listed
    slug: str = ""
    #: When every release of it is archived: the newest change among them (its empty feed's and
    #: sitemap entry's date). None otherwise: then its own releases tell.
    last_modified: datetime | None = None

    def summary(self) -> ListingSummary:
        return ListingSummary(kind=self.kind, title=self.title, url=self.url, slug=self.slug, count=len(self.releases))


@dataclass(frozen=True, slots=True, kw_only=True)
class ListingSummary:
    """What templates see of a listing: its name, where it is, how many releases it has.

    (The releases of a listing page come separately, one page at a time, so
    a page's fingerprint covers exactly what it shows.)"""

    kind: ListingKind
    title: str
    url: str
    slug: str
    count: int

    @property
    def feed_url(self) -> str:
        """Its Atom feed: its own for tags, offices and types, else the whole site's."""
        return f"{self.url}feed.xml" if self.kind in ("tag", "office", "type") else "feed.xml"


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatedItem:
    """One related article of a release, with the parts of its score."""

    release: Release
    score: float
    days: float
    shared: tuple[tuple[Term, float], ...]  #: shared tags with their idf


#: Related articles as cached: release slug -> (slug, score, days, ((tag slug, idf), ...)) of each.
CachedRelated = dict[str, tuple[tuple[str, float, float, tuple[tuple[str, float], ...]], ...]]


class RelatedArticles:
    """Related articles of every published release, kept in their cached form and turned
    into releases (for pages) or scored items (for `generator related`) on demand."""

    def __init__(self, cached: CachedRelated, releases: Sequence[Release]) -> None:
        self.cached = cached
        self._by_slug = {r.slug: r for r in releases}

    def releases_of(self, slug: str) -> tuple[Release, ...]:
        return tuple(self._by_slug[b] for b, *_ in self.cached.get(slug, ()))

    def items(self, slug: str) -> tuple[RelatedItem, ...]:
        terms = {t.slug: t for t in self._by_slug[slug].tags} if slug in self._by_slug else {}
        return tuple(
            RelatedItem(
                release=self._by_slug[b], score=score, days=days, shared=tuple((terms[t], idf) for t, idf in shared)
            )
            for b, score, days, shared in self.cached.get(slug, ())
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class OutputFile:
    """One file of the built site: a POSIX path under the output folder and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True, kw_only=True)
class SiteModel:
    """Everything the render stage needs, assembled from validated content."""

    releases: tuple[Release, ...]  #: published releases (every one has a page), newest first
    pages: tuple[Page, ...]
    live_events: tuple[LiveEvent, ...]
    tags: tuple[Listing, ...]  #: one listing per tag, by name
    offices: tuple[Listing, ...]
    types: tuple[Listing, ...]
    related: RelatedArticles | None = None
    now: datetime | None = None
    listed: tuple[Release, ...] = ()  #: the published releases that are not archived: listings and feeds
    years: tuple[Listing, ...] = ()  #: one listing per year, newest first
    vocabulary: Vocabulary = NO_VOCABULARY  #: what offices.yaml and tags.yaml say of each office and tag

    def with_bodies(self, edited: Mapping[str, Release | Page]) -> SiteModel:
        """The model with these releases and pages (by content-relative path), whose bodies were
        edited, in place of its own; only `releases` and `pages` hold them (listings and related
        articles show nothing of a body)."""
        releases = tuple(new if isinstance(new := edited.get(r.relative, r), Release) else r for r in self.releases)
        pages = tuple(new if isinstance(new := edited.get(p.relative, p), Page) else p for p in self.pages)
        return dataclasses.replace(self, releases=releases, pages=pages)
