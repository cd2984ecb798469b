"""Validated releases -> the site model: what is published, canonical tags and
offices, listings, related articles. Pure: values in, values out."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

from generator.config import SiteConfig
from generator.content.markup import is_site_path
from generator.digests import canonical_digest
from generator.errors import Problem
from generator.model import (
    NO_VOCABULARY,
    CachedRelated,
    Listing,
    ListingKind,
    LiveEvent,
    Page,
    RelatedArticles,
    Release,
    SiteModel,
    SourceFile,
    Term,
    Vocabulary,
    newest,
)
from generator.site.related import related_articles, related_key, to_cache
from generator.site.taxonomy import Listed, Mention, canonical_terms
from generator.slugs import fold


@dataclass(frozen=True, slots=True)
class Visibility:
    """Which releases a build publishes."""

    now: datetime
    drafts: bool = False
    future: bool = False

    def shows(self, release: Release) -> bool:
        """Does the release have a page in this build?"""
        return self.may_show(release) and (self.future or release.date.timestamp() <= self.now.timestamp())

    def may_show(self, release: Release) -> bool:
        """Is the release shown in this build or, without a file changing, in a later one?"""
        return self.drafts or not release.draft

    def why_hidden(self, item: Release | Page) -> str | None:
        """Why a release or page has no page in this build ("a draft", "scheduled for ..."), or None."""
        if isinstance(item, Page):
            return "a draft" if item.draft and not self.drafts else None
        if self.shows(item):
            return None
        return "a draft" if not self.may_show(item) else f"scheduled for {item.date.isoformat()}"

    def expired(self, release: Release) -> bool:
        """Past its `expires:` time: out of listings and feeds, its page marked archived."""
        return release.expires is not None and release.expires.timestamp() <= self.now.timestamp()


#: Folders of content/ whose other files (images, PDFs, leftovers such as `x.md.orig`) are
#: published only when a published release or page links to them: they may belong to a
#: release that is not public yet. Files anywhere else under content/ are public as they are.
LINKED_ONLY = ("releases/", "pages/")
UNLINKED_EXPECTED = "a link from a published release or page to each; files public on their own go in content/files/"


def linked_files(items: Iterable[Release | Page], base_path: str) -> frozenset[str]:
    """The content-relative paths in LINKED_ONLY folders (e.g. "releases/2024/chart.png") that
    the items' links and images lead to (links between files are already resolved to site
    paths; a page's URL, which ends in "/", is no file)."""
    found = set()
    for item in items:
        for link in item.links:
            if is_site_path(link.href):
                path = unquote(urlsplit(link.href).path).removeprefix(base_path)
                if path.startswith(LINKED_ONLY) and not path.endswith("/") and link.href.startswith(base_path):
                    found.add(path)
    return frozenset(found)


def published_files(
    assets: Sequence[SourceFile], model: SiteModel, unpublished: Sequence[Release | Page], base_path: str
) -> tuple[list[SourceFile], list[Problem]]:
    """The files under content/ this build copies: all but those in LINKED_ONLY folders that
    no published release or page links to. A file that only a release or page not public yet
    links to waits for it, as it should (an embargoed release's chart); one warning lists the
    files that nothing links to at all (a leftover such as secret.md.orig)."""
    linked = linked_files((*model.releases, *model.pages), base_path)
    kept = [a for a in assets if not a.relative.startswith(LINKED_ONLY) or a.relative in linked]
    waiting = linked_files(unpublished, base_path)
    left = [a for a in assets if a.relative.startswith(LINKED_ONLY) and a.relative not in linked | waiting]
    if not left:
        return kept, []
    folder = left[0].shown[: len(left[0].shown) - len(left[0].relative)].rstrip("/") or "content"
    names = ", ".join(a.relative for a in left)
    count = f"{len(left)} files" if len(left) > 1 else "1 file"
    message = f"{count} next to releases or pages not published, as no release or page links to them: {names}"
    return kept, [Problem(folder, 0, "", message, UNLINKED_EXPECTED, "warning")]


@dataclass(frozen=True, slots=True)
class ScheduledChange:
    """A moment at which a build changes the site although no file changed."""

    at: datetime
    what: str  #: e.g. 'release "slug"', 'release "slug" expires', 'live event "Briefing" starts'

    def __str__(self) -> str:
        return f"{self.at.isoformat()} ({self.what})"


def next_change(
    releases: Iterable[Release], events: Iterable[LiveEvent], visibility: Visibility
) -> ScheduledChange | None:
    """The earliest moment after the build time at which a release goes live or expires,
    or a live event starts or ends (scheduled releases are shown early with --future, but
    lose their mark at that time)."""
    now = visibility.now.timestamp()
    changes = []
    for release in releases:
        if not visibility.may_show(release):
            continue
        changes.append(ScheduledChange(release.date, f'release "{release.slug}"'))
        if release.expires is not None:
            changes.append(ScheduledChange(release.expires, f'release "{release.slug}" expires'))
    for event in events:
        changes.append(ScheduledChange(event.starts, f'live event "{event.title}" starts'))
        changes.append(ScheduledChange(event.ends, f'live event "{event.title}" ends'))
    future = [c for c in changes if c.at.timestamp() > now]
    return min(future, key=lambda c: (c.at.timestamp(), c.what)) if future else None


def newest_first(releases: Iterable[Release]) -> tuple[Release, ...]:
    return tuple(sorted(releases, key=lambda r: (-r.date.timestamp(), r.title, r.slug)))


def duplicate_slugs(releases: Sequence[Release], pages: Sequence[Page], reserved: Collection[str]) -> list[Problem]:
    """An error for each release or page whose URL another file already takes, and for each page
    whose slug is one of the `reserved` first path segments (the generator's own outputs')."""
    problems = []
    owners: dict[str, str] = {}
    items: list[Release | Page] = [*releases, *pages]
    for item in items:
        line = item.line("slug") if isinstance(item, Release) else 1
        first = owners.setdefault(item.url, item.source)
        if first != item.source:
            problems.append(
                Problem(
                    item.source,
                    line,
                    "slug",
                    f'"{item.slug}" gives the URL /{item.url} that {first} already has',
                    "a slug no other release or page uses",
                )
            )
    for page in pages:
        if page.slug in reserved:
            problems.append(
                Problem(
                    page.source,
                    1,
                    "slug",
                    f'"{page.slug}" is a URL the generator uses itself',
                    "another slug, e.g. about or contact",
                )
            )
    return problems


def canonical(
    releases: Sequence[Release], visibility: Visibility, vocabulary: Vocabulary = NO_VOCABULARY
) -> tuple[list[Release], list[Problem]]:
    """Releases with each tag and office replaced by its site-wide term (the listed one where
    the site has a vocabulary), and marked if scheduled."""
    hidden = {r.source for r in releases if not visibility.shows(r)}
    tag_mentions = [Mention(t.name, r.source, r.line("tags"), r.source in hidden) for r in releases for t in r.tags]
    office_mentions = [Mention(r.office.name, r.source, r.line("office"), r.source in hidden) for r in releases]
    listed_tags = Listed.of(vocabulary.tags, vocabulary.tags_file, "a tag")
    listed_offices = Listed.of(vocabulary.offices, vocabulary.offices_file, "an office")
    tags, problems = canonical_terms(tag_mentions, "tags", listed_tags, vocabulary.tags_file)
    offices, office_problems = canonical_terms(office_mentions, "office", listed_offices, vocabulary.offices_file)
    problems += office_problems
    result = []
    for release in releases:
        release_tags = _unique(tags[fold(t.name)] for t in release.tags if fold(t.name) in tags)
        office = offices.get(fold(release.office.name), release.office)
        scheduled = release.date.timestamp() > visibility.now.timestamp()
        archived = visibility.expired(release)
        if release_tags == release.tags and office == release.office and not scheduled and not archived:
            result.append(release)  # as written: its digest already covers what pages show
            continue
        terms = ((t.name, t.slug) for t in (office, *release_tags))
        digest = canonical_digest(release.digest, terms, scheduled, archived)
        changed = dataclasses.replace(
            release, tags=release_tags, office=office, scheduled=scheduled, archived=archived, digest=digest
        )
        result.append(changed)
    return result, problems


def _unique(terms: Iterable[Term]) -> tuple[Term, ...]:
    return tuple(dict.fromkeys(terms))


def _group(releases: Sequence[Release], key_of: str) -> dict[Term, list[Release]]:
    groups: dict[Term, list[Release]] = defaultdict(list)
    for release in releases:
        keys = release.tags if key_of == "tags" else (release.office,)
        for term in keys:
            groups[term].append(release)
    return groups


def _listing(kind: ListingKind, title: str, url: str, group: Sequence[Release], slug: str) -> Listing:
    """A listing of the group's releases that are not archived (it stays when all of them are,
    so archived releases' links to it keep working)."""
    listed = tuple(r for r in group if not r.archived)
    return Listing(
        kind=kind,
        title=title,
        url=url,
        releases=listed,
        slug=slug,
        last_modified=None if listed else newest(r.last_modified for r in group),
    )


def listings(releases: tuple[Release, ...]) -> tuple[tuple[Listing, ...], tuple[Listing, ...], tuple[Listing, ...]]:
    """(tag listings, office listings, type listings) of the published releases, each sorted by
    name; releases newest first."""
    tags = tuple(
        _listing("tag", term.name, f"tags/{term.slug}/", group, term.slug)
        for term, group in sorted(_group(releases, "tags").items(), key=lambda i: (fold(i[0].name), i[0].slug))
    )
    offices = tuple(
        _listing("office", term.name, f"offices/{term.slug}/", group, term.slug)
        for term, group in sorted(_group(releases, "office").items(), key=lambda i: (fold(i[0].name), i[0].slug))
    )
    by_type: dict[str, list[Release]] = defaultdict(list)
    for release in releases:
        by_type[release.type.slug].append(release)
    types = tuple(
        _listing("type", group[0].type.plural, f"types/{slug}/", group, slug)
        for slug, group in sorted(by_type.items(), key=lambda i: i[1][0].type.plural)
    )
    return tags, offices, types


def year_listings(releases: tuple[Release, ...]) -> tuple[Listing, ...]:
    """One listing per year (as each release's date was written), newest year first."""
    by_year: dict[int, list[Release]] = defaultdict(list)
    for release in releases:
        by_year[release.date.year].append(release)
    years = sorted(by_year, reverse=True)
    return tuple(_listing("year", str(year), f"archive/{year}/", by_year[year], str(year)) for year in years)


@dataclass(frozen=True)
class RelatedCache:
    """Related articles from an earlier build, valid while `key` matches."""

    key: str
    related: CachedRelated


def assemble(
    releases: Sequence[Release],
    pages: Sequence[Page],
    events: Sequence[LiveEvent],
    config: SiteConfig,
    visibility: Visibility,
    related_cache: RelatedCache | None = None,
    jobs: int = 1,
    *,
    reserved: Collection[str],
    vocabulary: Vocabulary = NO_VOCABULARY,
) -> tuple[SiteModel, list[Problem], RelatedCache]:
    """The site model of everything the build publishes, the problems found, and related articles to cache.

    `reserved`: the first path segments of the generator's own outputs (`render.plan.reserved_names`);
    `vocabulary`: offices.yaml and tags.yaml (their descriptions' links resolved)."""
    problems = duplicate_slugs(releases, pages, reserved)
    canonical_releases, term_problems = canonical(releases, visibility, vocabulary)
    problems += term_problems
    published = newest_first(r for r in canonical_releases if visibility.shows(r))
    listed = tuple(r for r in published if not r.archived)
    tags, offices, types = listings(published)
    shown_pages = tuple(p for p in pages if visibility.why_hidden(p) is None)
    # Archived releases are out of circulation: not suggested as related, and with none of their own.
    key = related_key(listed, config.related_count)
    if related_cache is None or related_cache.key != key:
        related_cache = RelatedCache(key, to_cache(related_articles(listed, config.related_count, jobs)))
    related = RelatedArticles(related_cache.related, listed)
    model = SiteModel(
        releases=published,
        pages=shown_pages,
        live_events=tuple(sorted(events, key=lambda e: (e.starts, e.ends, e.title))),
        tags=tags,
        offices=offices,
        types=types,
        related=related,
        now=visibility.now,
        listed=listed,
        years=year_listings(listed),
        vocabulary=vocabulary,
    )
    return model, problems, related_cache
