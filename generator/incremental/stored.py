"""What the cache folder stores, and the one format version of all of it.

The build cache (the database) and the snapshots are read only when they were written with
this `FORMAT`: a digest of the fields of every value they hold (see
`generator.digests.format_version`), so adding, removing, renaming or retyping a field
anywhere in them can never let a build reuse rows of the old shape. A change in what a value
holds that changes no field (a Markdown rule, the shape of search documents) bumps `BEHAVIOUR`.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import __version__
from generator.config import SiteConfig
from generator.content.load import Loaded
from generator.content.markup import LinkResolver
from generator.content.sources import FileStat, KnownFiles
from generator.digests import format_version
from generator.errors import Problem
from generator.incremental.freshness import LastBuild
from generator.model import Page, Release, SiteModel
from generator.publish.audit import LeakAudit
from generator.publish.records import OutputState
from generator.search.bundles import ShardRecords
from generator.site.assemble import RelatedCache, ScheduledChange


@dataclass(frozen=True)
class Snapshot:
    """What a build's `LoadedSite` holds, but the renderer and the planned outputs."""

    recorded_ns: int  #: the build's record (`LastBuild.recorded_ns`) this belongs to
    frame: str  #: signature of everything but content/: settings, site.toml, templates, theme
    config: SiteConfig
    model: SiteModel
    warnings: tuple[Problem, ...]  #: the site's own warnings (not broken links in bodies)
    stats: dict[str, FileStat]  #: every content file as that build saw it
    next_change: ScheduledChange | None
    resolver: LinkResolver
    audit: LeakAudit
    source_problems: tuple[Problem, ...]  #: what reading the site folder found


@dataclass(frozen=True)
class BodyEdits:
    """What the builds since the snapshot changed: only bodies (so only these items and their
    files' stats), kept beside it so that a body edit does not write the whole site again."""

    base_ns: int  #: the snapshot they apply to
    recorded_ns: int  #: the build they bring it to
    items: dict[str, Release | Page]  #: by content-relative path
    stats: dict[str, FileStat]


#: Bump when what a cached value holds changes while no field of it does (a Markdown rule,
#: what search documents are made of). Fields need no bump: FORMAT follows them.
BEHAVIOUR = 2

#: The format of the cache database and the snapshots: of every value they hold, their fields.
FORMAT = format_version(
    BEHAVIOUR, __version__, Loaded, KnownFiles, RelatedCache, OutputState, LastBuild, ShardRecords, Snapshot, BodyEdits
)
