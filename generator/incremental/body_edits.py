"""The fast path for edited bodies: applied to the last built site.

When every changed file is a release or page whose front matter (and so
everything other pages show of it) is as before, only its own page can
change: the file is loaded again and its page planned again, without reading,
assembling and planning the whole site. The last site is serve's, in memory
(`edit_bodies`), or the last build's snapshot (`from_snapshot`, which also
finds what changed). Anything else returns None and the caller runs the full
build, which gives the same output (tests compare the two).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from generator.content.load import Kind, cache_key, load_files, settings_key
from generator.content.sources import SiteSources, read_sources, trusted_since
from generator.errors import Problem
from generator.incremental.cache import BuildCache
from generator.incremental.freshness import LastBuild
from generator.incremental.snapshot import BodyEdits, Snapshot, load_snapshot
from generator.model import Page, Release, SourceFile
from generator.pipeline import BuildOptions, LoadedSite, body_of, resolve_links, search_bundles, templates_of
from generator.publish.linkcheck import SiteFiles, body_link_problems
from generator.publish.outputs import TemplateDigests
from generator.publish.records import OutputState
from generator.render.kinds.files import Kept
from generator.render.kinds.html import own_page
from generator.render.pages import PageRenderer
from generator.render.planned import Planned
from generator.search.bundles import BUNDLE
from generator.site.assemble import linked_files
from generator.weburls import served_file

Item = Release | Page


def edit_bodies(
    site: LoadedSite, warnings: tuple[Problem, ...], changed: Collection[str], options: BuildOptions, cache: BuildCache
) -> tuple[LoadedSite, tuple[Problem, ...]] | None:
    """The site with the files `changed` (paths relative to the site folder) read again, and the
    build's warnings, if only their bodies changed; else None. `warnings`: the last build's.

    Only the edited pages are planned anew; `site.planned` may describe the other outputs by
    their fingerprints alone."""
    if options.strict or not changed:
        return None
    if site.next_change is not None and options.now.timestamp() >= site.next_change.at.timestamp():
        return None  # a release or live event is due: visibility changes everywhere
    everything: list[Item] = [*site.model.releases, *site.model.pages]
    items = {f"content/{item.relative}": item for item in everything}
    if any(path not in items for path in changed):
        return None
    edited: dict[str, Item] = {}
    for path in changed:
        old = items[path]
        new = _reload(old, options.source / path, site, cache)
        if new is None:
            return None
        edited[old.relative] = new
    model = site.model.with_bodies(edited)
    renderer = PageRenderer(
        site.renderer.templates, site.config, model, site.renderer.body_of, site.renderer.search_bundles
    )
    digest = renderer.site_digest()
    pages = {served_file(item.url): item for item in edited.values()}
    planned = [_replanned(renderer, pages[item.path], digest) if item.path in pages else item for item in site.planned]
    new_site = dataclasses.replace(site, model=model, renderer=renderer, planned=planned)
    # The edited bodies have no broken links (else the full build runs): their old warnings go.
    shown = {item.source for item in edited.values()}
    links = [p for p in warnings[len(site.warnings) :] if p.path not in shown]
    return new_site, (*site.warnings, *links)


def _reload(old: Item, path: Path, site: LoadedSite, cache: BuildCache) -> Item | None:
    """The item with the body now on disk, or None when more than its body changed."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    kind: Kind = "release" if isinstance(old, Release) else "page"
    source = SourceFile(shown=old.source, relative=old.relative, data=data, path=str(path))
    (loaded,), rows, _ = load_files([(source, kind)], site.config, cache.files, 1, keep=cache.bodies.keep)
    raw = loaded.item
    if raw is None or type(raw) is not type(old):
        return None
    stale = [key for key, row in cache.files.items() if row.item and row.item.relative == old.relative]
    before = cache.files[stale[0]] if stale else None
    if before is None or before.item is None or before.item.digest != raw.digest:
        return None  # front matter changed: listings, related articles, tags may all change
    # The last build's warnings hold this file's own (a short summary's, say): if they are the
    # same they stay right; if not, the full build reports the new ones.
    if loaded.problems != before.problems:
        return None
    (raw,) = resolve_links([raw], site.resolver)
    if _link_problems(raw, site):
        return None  # the full build reports them
    if linked_files([raw], site.config.base_path) != linked_files([old], site.config.base_path):
        return None  # which files next to releases are published may change
    for key in stale:
        del cache.files[key]
    cache.files.update(rows)
    cache.bodies.commit()
    return dataclasses.replace(
        old, body_html=raw.body_html, body_key=raw.body_key, links=raw.links, body_digest=raw.body_digest
    )


def _link_problems(item: Item, site: LoadedSite) -> list[Problem]:
    return body_link_problems([item], SiteFiles((p.path for p in site.planned), site.config.base_path), site.resolver)


def _replanned(renderer: PageRenderer, edited: Item, site_digest: str) -> Planned:
    """The planned page of an edited item, with its new body."""
    return Planned.of(own_page(renderer, edited), site_digest)


@dataclass(frozen=True)
class EditedBodies:
    """A site made from the last build's with only some bodies read again, and its warnings."""

    site: LoadedSite
    warnings: tuple[Problem, ...]
    base_ns: int  #: the snapshot's build
    earlier: BodyEdits | None  #: the body edits of the builds since the snapshot
    changed: frozenset[str]  #: content-relative paths of the files edited now

    def edits(self, recorded_ns: int) -> BodyEdits:
        """All the body edits since the snapshot, up to this build's."""
        items: dict[str, Release | Page] = dict(self.earlier.items) if self.earlier else {}
        stats = dict(self.earlier.stats) if self.earlier else {}
        everything: list[Release | Page] = [*self.site.model.releases, *self.site.model.pages]
        items.update((item.relative, item) for item in everything if item.relative in self.changed)
        stats.update((path, self.site.stats[path]) for path in self.changed)
        return BodyEdits(self.base_ns, recorded_ns, items, stats)


@dataclass(frozen=True)
class _Base:
    """The last build of this output, its snapshot and the site folder now: all still matching."""

    last: LastBuild
    state: OutputState
    snapshot: Snapshot
    earlier: BodyEdits | None
    sources: SiteSources


def from_snapshot(
    options: BuildOptions, cache: BuildCache, walk: Future[dict[str, tuple[int, int]]] | None, frame: tuple[str, int]
) -> EditedBodies | None:
    """The last build's site with the bodies edited since, and the warnings, when nothing but
    bodies changed since that build (of this output, with these settings, templates and theme,
    the output as it left it); else None, and the whole site is loaded.

    `frame`: the signature of everything but content/ now, and its newest time."""
    base = _base(options, cache, walk, frame)
    if base is None:
        return None
    snapshot, sources = base.snapshot, base.sources
    changed = [f"content/{path}" for path, stat in sources.stats.items() if stat[4] != snapshot.stats[path][4]]
    site = _site(options, cache, base, changed)
    if site is None:
        return None
    result = edit_bodies(site, base.last.warnings, changed, options, cache)
    if result is None:
        return None
    base_ns = base.earlier.base_ns if base.earlier else snapshot.recorded_ns
    edited = frozenset(path.removeprefix("content/") for path in changed)
    return EditedBodies(*result, base_ns, base.earlier, edited)


def _base(
    options: BuildOptions, cache: BuildCache, walk: Future[dict[str, tuple[int, int]]] | None, frame: tuple[str, int]
) -> _Base | None:
    key = str(options.output_folder.resolve())
    last, state = cache.fast.get(key), cache.outputs.get(key)
    if not options.use_cache or not options.snapshot or last is None or state is None:
        return None
    if not last.built_at <= options.now.timestamp() < last.valid_until:
        return None  # another time: what is published may differ
    # Settings, site.toml, templates and theme as they were when the last build began, and
    # none changed too close to its end for their times to be trusted (as in the no-change check).
    if not trusted_since(frame[1], last.recorded_ns):
        return None
    found = load_snapshot(options.source, key, last.recorded_ns)
    if found is None or found[0].frame != frame[0]:
        return None
    if walk is None or walk.result() != last.output:
        return None  # files of the output were changed by hand: the full build puts them right
    snapshot, earlier = found
    sources = read_sources(options.source, options.shown_source, cache.known)
    if sources.stats.keys() != snapshot.stats.keys() or sources.problems != snapshot.source_problems:
        return None  # files added, removed or renamed; an entry that cannot be read
    return _Base(last, state, snapshot, earlier, sources)


def _site(options: BuildOptions, cache: BuildCache, base: _Base, changed: list[str]) -> LoadedSite | None:
    """The snapshot's site, its outputs planned by the fingerprints the last build recorded
    (all but the search bundles, which the search step plans); None if any of them cannot be
    kept so (a template changed since, or a body the search step needs is gone)."""
    snapshot, sources = base.snapshot, base.sources
    _read_results(cache, sources, snapshot, set(changed))
    model = dataclasses.replace(snapshot.model, now=options.now)
    templates = templates_of(options)
    bundles = search_bundles(snapshot.config, model, options)
    renderer = PageRenderer(templates, snapshot.config, model, body_of(cache, snapshot.resolver), bundles)
    # Each output must still be as recorded, templates included, for it is planned without a way to make it.
    digests = TemplateDigests(templates.digests())
    if any(record.template_digest != digests.of(record.templates) for record in base.state.current.values()):
        return None
    if bundles and not cache.bodies.has_all(r.body_key for r in model.releases):
        return None  # the search step needs every body of a shard; another build dropped some
    copied = {source.relative for source in sources.assets}
    planned = [
        Planned(Kept(path, record.fingerprint), record.fingerprint)
        for path, record in base.state.current.items()
        if not (bundles and path.startswith(BUNDLE) and path not in copied)
    ]
    hits = len(sources.releases) + len(sources.pages) - len(changed)
    return LoadedSite(
        snapshot.config, model, renderer, planned, snapshot.warnings, hits, sources.stats, snapshot.next_change,
        snapshot.resolver, snapshot.audit, sources.problems,
    )  # fmt: skip


def _read_results(cache: BuildCache, sources: SiteSources, snapshot: Snapshot, edited: set[str]) -> None:
    """Just the last results of the edited files are read from the cache (to compare with)."""
    settings = settings_key(snapshot.config)
    kinds: list[tuple[SourceFile, Kind]] = [(s, "release") for s in sources.releases]
    kinds += [(s, "page") for s in sources.pages]
    cache.read_results(
        [
            cache_key(dataclasses.replace(source, digest=snapshot.stats[source.relative][4]), kind, settings)
            for source, kind in kinds
            if f"content/{source.relative}" in edited
        ]
    )
