"""The live preview's fast path: edited bodies applied to the last built site.

When every changed file is a release or page whose front matter (and so
everything other pages show of it) is as before, only its own page can
change: the file is loaded again, its page planned again, and the output
brought up to date, without reading, assembling and planning the whole site.
Anything else returns None and the caller runs the full build, which gives
the same output (tests compare the two).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from pathlib import Path

from generator.commands.build import BuildOptions, BuildReport, LoadedSite, resolve_links, write_site
from generator.content.load import Kind, load_files
from generator.errors import Problem
from generator.incremental.cache import BuildCache
from generator.model import Page, Release, SourceFile
from generator.progress import Silent
from generator.publish.linkcheck import SiteFiles, body_link_problems
from generator.render.pages import PageRenderer, fingerprint
from generator.render.planned import Planned
from generator.site.assemble import linked_files
from generator.weburls import served_file

Item = Release | Page


def apply_body_edits(
    last: BuildReport, changed: Collection[str], options: BuildOptions, cache: BuildCache
) -> BuildReport | None:
    """Bring the output to the last build's site with the files `changed` (paths relative to
    the site folder) read again, if only their bodies changed; else None (nothing written).

    Call holding `build_locks`, with the cache the last build left."""
    if last.site is None:
        return None
    edited = edit_bodies(last.site, last.warnings, changed, options, cache)
    if edited is None:
        return None
    site, warnings = edited
    return write_site(site, warnings, options, cache, Silent())


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
    if loaded.problems or raw is None or type(raw) is not type(old):
        return None
    stale = [key for key, row in cache.files.items() if row.item and row.item.relative == old.relative]
    before = cache.files[stale[0]].item if stale else None
    if before is None or before.digest != raw.digest:
        return None  # front matter changed: listings, related articles, tags may all change
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
    spec = renderer.own_page(edited)
    return Planned(spec.path, fingerprint(spec, site_digest), spec=spec)
