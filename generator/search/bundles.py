"""Site search: what Pagefind indexes of each release, and the index split into shards.

Only releases are indexed (listings and plain pages are not): the title and
body as text; type, office, tags and year as filters; type and date as
metadata (shown with each result); the date as sort key.

Pagefind cannot update an index, and indexing costs about 3 ms a release on
a small machine, so a large site's index is split into shards of at most
SHARD_SIZE releases (on average), by a stable hash of the slug: editing a
release re-indexes its shard only. Shard 0 is the main bundle (/pagefind/);
the search page merges the others (Pagefind's documented `mergeIndex`).

A shard whose releases did not change is not indexed again: its files are
planned from the cache's record, and Pagefind remakes them only if they must
be written again (an output folder edited by hand). The bundle is made
deterministic (pagefind_files), so that gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from generator.config import SiteConfig
from generator.dates import display_date, machine_date
from generator.digests import content_digest
from generator.model import Release
from generator.render.kinds.files import KnownFile
from generator.render.kinds.search import BUNDLE as BUNDLE  # the search step's folder, for its callers
from generator.render.kinds.search import BundleFile
from generator.render.planned import Planned
from generator.search.indexer import Document, IndexerError
from generator.search.pagefind_files import deterministic

SHARD_SIZE = 1000  #: releases per shard at the most (on average); a power of two of shards

#: Indexes documents with Pagefind: (url, html) in order -> the bundle's files by relative path.
IndexFunction = Callable[[Sequence[Document]], dict[str, bytes]]
#: A shard's fingerprint -> (path, digest) of each of its files, as the cache keeps them.
ShardRecords = dict[str, tuple[tuple[str, str], ...]]


def shard_count(releases: int) -> int:
    """The number of shards: the smallest power of two that keeps them at SHARD_SIZE on average
    (a power of two, so the count, which moves every shard, changes rarely)."""
    count = 1
    while releases > count * SHARD_SIZE:
        count *= 2
    return count


def shard_of(slug: str, count: int) -> int:
    digest = hashlib.blake2b(slug.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def bundle_folders(releases: int) -> tuple[str, ...]:
    """The site folders of the bundles, main first: "pagefind/", "pagefind/shard-1/", ..."""
    return tuple(BUNDLE if n == 0 else f"{BUNDLE}shard-{n}/" for n in range(shard_count(releases)))


def document(release: Release, body_html: str, config: SiteConfig) -> Document:
    """What Pagefind reads of a release: title and body as text; filters, date and sort key beside it."""
    e = html.escape
    filters = [("Type", release.type.label), ("Office", release.office.name)]
    filters += [("Tag", tag.name) for tag in release.tags]
    filters.append(("Year", str(release.date.year)))
    beside = "".join(f'<p data-pagefind-filter="{name}">{e(_filter_text(value))}</p>' for name, value in filters)
    beside += f'<p data-pagefind-meta="type">{e(release.type.label)}</p>'
    beside += f'<p data-pagefind-meta="date">{e(display_date(release.date, config.strings))}</p>'
    beside += f'<p data-pagefind-sort="date">{e(machine_date(release))}</p>'
    text = f"<main data-pagefind-body><h1>{e(release.title)}</h1>\n{body_html}</main>"
    page = f'<!DOCTYPE html><html lang="{e(config.language)}"><head><meta charset="utf-8"></head><body>'
    return Document(config.base_path + release.url, f"{page}{beside}{text}</body></html>")


def _filter_text(value: str) -> str:
    """A filter value as Pagefind must read it to store `value` itself.

    Pagefind decodes a filter's text twice (its `&amp;lt;` is stored as `<`, though
    `&amp;amp;` stays `&amp;`), so each `&` goes in as `&#38;`: decoded once by the
    HTML parse and once by Pagefind, a tag written `&lt;b&gt;` is stored as written."""
    return value.replace("&", "&#38;")


@dataclass(frozen=True)
class Shard:
    folder: str  #: e.g. "pagefind/shard-3/"
    releases: tuple[Release, ...]
    fingerprint: str  #: of everything its files are made from


def shards(releases: Sequence[Release], config: SiteConfig, indexer_version: str) -> list[Shard]:
    """The site's shards, releases in site order (newest first) within each."""
    folders = bundle_folders(len(releases))
    members: list[list[Release]] = [[] for _ in folders]
    for release in releases:
        members[shard_of(release.slug, len(folders))].append(release)
    result = []
    for folder, group in zip(folders, members, strict=True):
        # (What search documents are made of is in the cache's format: incremental.stored.BEHAVIOUR.)
        parts = [indexer_version, config.base_path, config.language, folder]
        parts += [f"{r.slug}\t{r.digest}\t{r.body_digest}" for r in group]
        result.append(Shard(folder, tuple(group), content_digest(*parts)))
    return result


class ShardFiles:
    """One shard's bundle files, made by Pagefind when first needed (at most once)."""

    def __init__(self, shard: Shard, documents: Callable[[Shard], list[Document]], index: IndexFunction) -> None:
        self.shard = shard
        self.documents = documents
        self.index = index
        self.expected: tuple[tuple[str, str], ...] | None = None  #: what the cache says they are
        self._files: dict[str, bytes] | None = None

    def files(self) -> dict[str, bytes]:
        if self._files is None:
            made = deterministic(self.index(self.documents(self.shard)))
            if self.expected is not None and _records(made) != self.expected:
                raise IndexerError(
                    f"search: Pagefind made other files for the unchanged releases of /{self.shard.folder} "
                    "than the last build recorded; delete the site's .cache folder and build again"
                )
            self._files = made
        return self._files

    def file(self, path: str) -> bytes:
        return self.files()[path]


def _records(files: dict[str, bytes]) -> tuple[tuple[str, str], ...]:
    return tuple((path, content_digest(data)) for path, data in sorted(files.items()))


def plan_search(
    site_shards: Sequence[Shard],
    recorded: ShardRecords,
    documents: Callable[[Shard], list[Document]],
    index: IndexFunction,
    jobs: int = 1,
) -> tuple[list[Planned], ShardRecords]:
    """Every file of the search bundles as planned output, and the records for the next build.

    Shards the cache has a record of are planned from it (made only if they must be
    written); the others are indexed now, `jobs` at a time."""
    made = [ShardFiles(shard, documents, index) for shard in site_shards]
    new = [files for files in made if files.shard.fingerprint not in recorded]
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(new)))) as pool:
        list(pool.map(ShardFiles.files, new))  # each runs its own Pagefind process
    planned: list[Planned] = []
    records: ShardRecords = {}
    for files in made:
        fingerprint = files.shard.fingerprint
        folder = files.shard.folder
        if fingerprint in recorded:
            files.expected = records[fingerprint] = recorded[fingerprint]
            planned += [Planned(BundleFile(folder + p, d, partial(files.file, p)), d) for p, d in files.expected]
        else:
            records[fingerprint] = _records(files.files())
            planned += [Planned(KnownFile(folder + p, files.file(p)), d) for p, d in records[fingerprint]]
    return planned, records


def indexer_version(binary: str) -> str:
    """What identifies the Pagefind binary in fingerprints: a digest of its bytes (not its
    time: a reinstall, as in CI, must not make every shard look changed)."""
    with open(binary, "rb") as stream:
        return hashlib.file_digest(stream, "blake2b").hexdigest()[:32]
