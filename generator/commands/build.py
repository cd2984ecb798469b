"""The build, stage by stage: read -> validate -> assemble -> render -> write.

Each stage is one call; only `read_sources`/`read_theme`, the cache and
`write_outputs` touch the disk.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import math
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from urllib.parse import quote

from generator.config import BASE_URL_EXPECTED, SiteConfig, base_url_problem, load_config
from generator.content.front_matter import decode
from generator.content.live import live_json, parse_live
from generator.content.load import ItemT, Kind, cache_key, load_files, settings_key
from generator.content.markup import LinkResolver, with_base
from generator.content.sources import FileStat, SiteSources, read_sources, read_theme, trusted_since
from generator.defaults import default_dir
from generator.digests import content_digest, linked_body_digest
from generator.errors import Problem, ProblemsFound, UsageError, errors_in
from generator.incremental.cache import (
    CACHE_FOLDER,
    BuildCache,
    cache_lock,
    load_cache,
    load_last_build,
    preview_folder,
    save_cache,
    writing_flag,
)
from generator.incremental.freshness import LastBuild, input_signature
from generator.incremental.snapshot import BodyEdits, Snapshot, load_snapshot, save_edits, save_snapshot
from generator.model import LiveEvent, OutputFile, Page, Release, SiteModel, SourceFile
from generator.progress import Progress, Silent
from generator.publish.audit import LeakAudit, hidden_items, leak_problems
from generator.publish.clashes import long_names, output_clashes
from generator.publish.linkcheck import SiteFiles, body_link_problems, page_link_problems
from generator.publish.outputs import TemplateDigests, plan, render_in_memory, write_outputs
from generator.publish.records import OutputState
from generator.publish.write import MARKER, check_output, file_states, output_lock
from generator.render.pages import PageRenderer, Templates
from generator.render.planned import Planned
from generator.render.sitemaps import robots_txt
from generator.search.bundles import BUNDLE, Shard, bundle_folders, document, indexer_version, plan_search, shards
from generator.search.indexer import Document, index, pagefind_binary
from generator.site.assemble import ScheduledChange, Visibility, assemble, next_change, published_files


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asked for."""

    source: Path  #: the site folder
    now: datetime  #: the build time; decides what is future and what is live
    output: Path | None = None  #: default: <source>/site
    base_url: str | None = None  #: overrides site.toml's
    drafts: bool = False
    future: bool = False
    strict: bool = False
    jobs: int = 1  #: processes for parsing, related articles and rendering
    trust_output: bool = False  #: skip checking the output folder for edits by hand (serve's own preview)
    use_cache: bool = True  #: read and write <source>/.cache
    search_index: bool = True  #: index for search (if site.toml does not turn search off)
    snapshot: bool = True  #: keep the site on disk for the next build's body-edit fast path (see snapshot.py)

    @property
    def shown_source(self) -> str:
        return str(self.source) if str(self.source) != "." else ""

    @property
    def output_folder(self) -> Path:
        return self.output if self.output is not None else self.source / "site"


@dataclass(frozen=True)
class LoadedSite:
    """A validated, assembled site with every output planned, and any warnings."""

    config: SiteConfig
    model: SiteModel
    renderer: PageRenderer
    planned: list[Planned]
    warnings: tuple[Problem, ...]
    cache_hits: int
    stats: dict[str, FileStat]  #: what was seen of each content file, for the cache
    next_change: ScheduledChange | None  #: the next time a build would change without any file changing
    resolver: LinkResolver  #: links between content files -> URLs
    audit: LeakAudit  #: searches what the build writes for releases it does not publish
    source_problems: tuple[Problem, ...] = ()  #: what reading the site folder found (entries it cannot read)


@dataclass(frozen=True)
class BuildReport:
    releases: int
    written: int
    unchanged: int
    cache_hits: int
    seconds: float
    warnings: tuple[Problem, ...]
    site: LoadedSite | None = field(default=None, repr=False, compare=False)  #: None after the no-change check
    next_change: ScheduledChange | None = None
    bodies_only: bool = False  #: only edited bodies were read again (the last build's site came from its snapshot)


def _config(sources: SiteSources, options: BuildOptions) -> tuple[SiteConfig, list[Problem]]:
    text, problems = decode(sources.config) if sources.config else (None, [])
    config, found = load_config(text, sources.config.shown if sources.config else "site.toml")
    if options.base_url is not None:
        reason = base_url_problem(options.base_url)
        if reason:
            raise UsageError(f"--base-url: {reason} (expected {BASE_URL_EXPECTED})")
        config = dataclasses.replace(config, base_url=options.base_url.rstrip("/") + "/")
    return config, problems + found


def site_config(options: BuildOptions) -> SiteConfig:
    """Just the site's settings; raises ProblemsFound if site.toml has errors."""
    path = options.source / "site.toml"
    source = (
        SourceFile(
            shown=str(path) if options.shown_source else "site.toml", relative="site.toml", data=path.read_bytes()
        )
        if path.is_file()
        else None
    )
    sources = SiteSources(source, (), (), None, ())
    config, problems = _config(sources, options)
    if errors_in(problems):
        raise ProblemsFound(problems)
    return config


def _load_content(
    sources: SiteSources, config: SiteConfig, cache: BuildCache, jobs: int, progress: Progress
) -> tuple[list[Release], list[Page], list[Problem], int]:
    """Every release and page (from the cache where possible), links still placeholders."""
    files: list[tuple[SourceFile, Kind]] = [(s, "release") for s in sources.releases]
    files += [(s, "page") for s in sources.pages]
    progress.begin("Reading releases", len(files))
    cache.read_results()
    loaded, cache.files, hits = load_files(files, config, cache.files, jobs, progress.advance, cache.bodies.keep)
    cache.bodies.commit()
    progress.finish()
    problems = [p for result in loaded for p in result.problems]
    releases = [r.item for r in loaded if isinstance(r.item, Release)]
    pages = [r.item for r in loaded if isinstance(r.item, Page)]
    return releases, pages, problems, hits


def _link_targets(
    releases: Sequence[Release], pages: Sequence[Page], sources: SiteSources, config: SiteConfig
) -> dict[str, str]:
    """Content-relative path -> site path, for links between content files."""
    targets = {a.relative: config.base_path + quote(a.relative) for a in sources.assets}
    targets.update({r.relative: f"{config.base_path}releases/{r.slug}/" for r in releases})
    targets.update({p.relative: f"{config.base_path}{p.slug}/" for p in pages})
    return targets


def _not_public(unpublished: Sequence[Release | Page], visibility: Visibility, config: SiteConfig) -> dict[str, str]:
    """Content-relative path, site path and aliases of every release and page this build does
    not publish -> why (for links to them, which are written as plain text)."""
    hidden: dict[str, str] = {}
    for item in unpublished:
        reason = visibility.why_hidden(item) or ""
        hidden[item.relative] = hidden[config.base_path + item.url] = reason
        if isinstance(item, Release):
            hidden.update((config.base_path + alias.url, reason) for alias in item.aliases)
    return hidden


def resolve_links(items: Sequence[ItemT], resolver: LinkResolver) -> list[ItemT]:
    """Items with their links to other content files resolved (their HTML is fixed when rendered)."""
    result = []
    for item in items:
        links = resolver.fix_links(item.links, item.relative)
        if links is not item.links:
            digest = linked_body_digest(item.body_digest, (link.href for link in links))
            item = dataclasses.replace(item, links=links, body_digest=digest)
        result.append(item)
    return result


def _templates(source: Path, shown_source: str, compiled: Path | None) -> Templates:
    site_templates = source / "templates"
    defaults = default_dir("templates")
    folders = [site_templates, defaults] if site_templates.resolve() != defaults.resolve() else [defaults]
    prefix = f"{shown_source}/" if shown_source else ""
    shown = {site_templates.resolve(): f"{prefix}templates", defaults.resolve(): str(defaults)}
    if len(folders) == 1:
        shown[defaults.resolve()] = f"{prefix}templates"
    return Templates([f.resolve() for f in folders if f.is_dir()], shown, compiled)


def load_site(
    options: BuildOptions, cache: BuildCache | None = None, progress: Progress | None = None
) -> tuple[LoadedSite, BuildCache]:
    """Read and validate everything and assemble the site model.

    Returns the site and the cache updated for it. Raises ProblemsFound with
    every problem of the run when any is an error (or any warning, with
    options.strict)."""
    cache = cache if cache is not None else BuildCache()
    progress = progress or Silent()
    sources = read_sources(options.source, options.shown_source, cache.known)
    config, problems = _config(sources, options)
    problems = list(sources.problems) + problems
    releases, pages, found, hits = _load_content(sources, config, cache, options.jobs, progress)
    problems += found
    events: list[LiveEvent] = []
    if sources.live is not None:
        events, found = parse_live(sources.live, config.zone)
        events = [dataclasses.replace(e, url=with_base(config.base_path, e.url)) for e in events]
        problems += found
    visibility = Visibility(options.now, options.drafts, options.future)
    everything: list[Release | Page] = [*releases, *pages]
    unpublished = [item for item in everything if visibility.why_hidden(item)]
    hidden = _not_public(unpublished, visibility, config)
    resolver = LinkResolver(_link_targets(releases, pages, sources, config), config.base_path, hidden, config.base_url)
    releases, pages = resolve_links(releases, resolver), resolve_links(pages, resolver)
    unpublished = resolve_links(unpublished, resolver)  # for the files they link to
    model, found, cache.related = assemble(releases, pages, events, config, visibility, cache.related, options.jobs)
    problems += found
    assets, found = published_files(sources.assets, model, unpublished, config.base_path)
    problems += found
    compiled = options.source / CACHE_FOLDER / "templates" if options.use_cache else None
    templates = _templates(options.source, options.shown_source, compiled)
    problems += templates.check()
    theme = read_theme([default_dir("theme"), options.source / "theme"], problems)
    if options.strict:
        problems = [p.as_error() for p in problems]
    if errors_in(problems):
        raise ProblemsFound(problems)

    renderer = PageRenderer(templates, config, model, _body_of(cache, resolver), _bundles(config, model, options))
    files = [OutputFile(path="live.json", data=live_json(model.live_events, renderer.now))]
    if config.absolute:
        files.append(OutputFile(path="robots.txt", data=robots_txt(renderer.absolute_url("sitemap.xml"))))
    files += [OutputFile(path=f"theme/{path}", data=data) for path, data in theme.items()]
    planned = plan(renderer, files, assets)
    shown = {a.relative: a.shown for a in assets}
    if found := [*output_clashes(planned, shown, releases, renderer.search_bundles[:1]), *long_names(planned)]:
        raise ProblemsFound([*problems, *found])
    site = LoadedSite(
        config,
        model,
        renderer,
        planned,
        tuple(problems),
        hits,
        sources.stats,
        next_change(releases, events, visibility),
        resolver,
        LeakAudit(hidden_items(unpublished), _public_texts(config, model), config.base_path, config.base_url),
        sources.problems,
    )
    return site, cache


def _body_of(cache: BuildCache, resolver: LinkResolver) -> Callable[[Release | Page], str]:
    """A release's or page's body HTML, final: from the cache's store unless it is still in the item."""

    def body_of(item: Release | Page) -> str:
        html = cache.bodies.get(item.body_key) if item.body_key else item.body_html
        return resolver.fix_html(html, item.relative)

    return body_of


def _bundles(config: SiteConfig, model: SiteModel, options: BuildOptions) -> tuple[str, ...]:
    return bundle_folders(len(model.releases)) if config.search and options.search_index else ()


def _public_texts(config: SiteConfig, model: SiteModel) -> list[str]:
    """Everything the site shows by name: a hidden release's title inside one of these cannot be a leak."""
    texts = [config.title, config.description, config.organization]
    texts += [release.title for release in model.releases] + [page.title for page in model.pages]
    texts += [listing.title for listing in (*model.tags, *model.offices, *model.types)]
    return texts


def _with_search_index(site: LoadedSite, cache: BuildCache, jobs: int, progress: Progress) -> LoadedSite:
    """The site with its search bundles' files planned; Pagefind indexes the shards whose releases changed."""
    if not site.renderer.search_bundles:
        return site
    binary = pagefind_binary()
    site_shards = shards(site.model.releases, site.config, indexer_version(binary))

    def documents(shard: Shard) -> list[Document]:
        return [document(r, site.renderer.body_of(r), site.config) for r in shard.releases]

    progress.begin("Indexing for search", 1)
    planned, cache.search = plan_search(site_shards, cache.search, documents, partial(index, binary=binary), jobs)
    progress.finish()
    shown = {item.path: item.source.shown for item in site.planned if item.source is not None}
    if found := [*output_clashes([*planned, *site.planned], shown, ()), *long_names(planned)]:
        raise ProblemsFound(found)
    return dataclasses.replace(site, planned=[*site.planned, *planned])


def _body_links(site: LoadedSite) -> list[Problem]:
    on_site = SiteFiles((item.path for item in site.planned), site.config.base_path)
    return body_link_problems([*site.model.releases, *site.model.pages], on_site, site.resolver)


def _signatures(options: BuildOptions) -> tuple[tuple[str, int], tuple[str, int]]:
    """The digests of the build's inputs, and their newest times: of all of them, and of all
    but content/ (the frame: settings, site.toml, templates, theme). Each file is stat'ed once."""
    settings = repr(
        (
            str(options.source.resolve()),
            str(options.output_folder.resolve()),
            options.base_url,
            options.drafts,
            options.future,
            options.strict,
        )
    )
    source = options.source
    folders = [source / "templates", source / "theme", default_dir("templates"), default_dir("theme")]
    frame, frame_newest = input_signature(settings, [source / "site.toml"], folders)
    content, content_newest = input_signature("", [], [source / "content"])
    return (content_digest(frame, content), max(frame_newest, content_newest)), (frame, frame_newest)


def _output_intact(output: Path, last: LastBuild) -> bool:
    """The output is exactly as the last build left it (nobody edited, added or removed a file)."""
    return (output / MARKER).exists() and file_states(output) == last.output


def build(
    options: BuildOptions, progress: Progress | None = None, cache: BuildCache | None = None, shortcut: bool = True
) -> BuildReport:
    """Build the site into the output folder; raise ProblemsFound on bad input.

    `cache`: a cache kept in memory between builds (by `serve`) instead of read from disk
    each time (it is still saved). `shortcut`: when the inputs and output are as the last
    build left them, return at once (the report then has no `site`). Broken links in bodies
    are warnings here (errors with --strict and in `check`)."""
    started = time.perf_counter()
    progress = progress or Silent()
    output = options.output_folder
    preview = preview_folder(options.source) if options.trust_output else None
    check_output(output, options.source, options.source / CACHE_FOLDER, preview)
    key = str(output.resolve())
    # Present while an output is being changed. A --no-cache build leaves it behind on
    # purpose: the cache's records of that output are then out of date.
    writing = writing_flag(options.source, key)
    # Only the cache keeps them. The frame (everything but content/), as it is before any of it
    # is read, is what a snapshot is made from.
    (signature, newest), frame = _signatures(options) if options.use_cache else (("", 0), ("", 0))
    last = load_last_build(options.source, key) if options.use_cache and shortcut else None
    interrupted = writing.exists()
    if last and not interrupted and last.still_current(signature, newest, options.now) and _output_intact(output, last):
        seconds = time.perf_counter() - started
        return BuildReport(last.releases, 0, last.files, last.releases, seconds, last.warnings, None, last.next_change)
    with build_locks(options), ThreadPoolExecutor(1) as walker:
        interrupted = writing.exists()  # checked again under the lock: an earlier build may have died
        # The output is walked (to see what is still as written) while the site loads.
        walk = walker.submit(file_states, output) if output.exists() and not options.trust_output else None
        with _long_lived():
            cache = cache if cache is not None else load_cache(options.source) if options.use_cache else BuildCache()
            edited = None if interrupted else _bodies_edited(options, cache, walk, frame)
            if edited is not None:
                site, warnings = edited.site, edited.warnings
            else:
                site, cache = load_site(options, cache, progress)
                warnings = (*site.warnings, *(p.as_warning() for p in _body_links(site)))
        if options.strict and len(warnings) > len(site.warnings):
            raise ProblemsFound([p.as_error() for p in warnings])
        site = _with_search_index(site, cache, options.jobs, progress)
        on_disk = walk.result() if walk else None
        report = write_site(site, warnings, options, cache, progress, interrupted, on_disk)
        if options.use_cache:
            recorded_ns = time.time_ns()
            cache.fast[key] = LastBuild(
                signature,
                recorded_ns,
                options.now.timestamp(),
                site.next_change.at.timestamp() if site.next_change else math.inf,
                len(site.model.releases),
                len(site.planned),
                warnings,
                {path: (r.size, r.mtime_ns) for path, r in cache.outputs[key].current.items()},
                site.next_change,
            )
            saved = save_cache(options.source, cache, site.stats)
            if edited is not None:
                save_edits(options.source, key, edited.edits(recorded_ns))
            elif options.snapshot:
                save_snapshot(options.source, key, _snapshot(site, recorded_ns, frame[0]))
            if saved:  # else the cache's records of this output are out of date: the flag says so
                writing.unlink(missing_ok=True)
    return dataclasses.replace(report, seconds=time.perf_counter() - started, bodies_only=edited is not None)


@dataclass(frozen=True)
class _EditedBodies:
    """A site made from the last build's snapshot with only some bodies read again."""

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


def _snapshot(site: LoadedSite, recorded_ns: int, frame: str) -> Snapshot:
    return Snapshot(
        recorded_ns,
        frame,
        site.config,
        site.model,
        site.warnings,
        site.stats,
        site.next_change,
        site.resolver,
        site.audit,
        site.source_problems,
    )


def _bodies_edited(
    options: BuildOptions, cache: BuildCache, walk: Future[dict[str, tuple[int, int]]] | None, frame: tuple[str, int]
) -> _EditedBodies | None:
    """The last build's site with the bodies edited since, and the warnings, when nothing but
    bodies changed since that build (of this output, with these settings, templates and theme,
    the output as it left it); else None, and the whole site is loaded."""
    key = str(options.output_folder.resolve())
    last = cache.fast.get(key)
    state = cache.outputs.get(key)
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
    snapshot, earlier = found
    if walk is None or walk.result() != last.output:
        return None  # files of the output were changed by hand: the full build puts them right
    sources = read_sources(options.source, options.shown_source, cache.known)
    if sources.stats.keys() != snapshot.stats.keys() or sources.problems != snapshot.source_problems:
        return None  # files added, removed or renamed; an entry that cannot be read
    changed = [f"content/{path}" for path, stat in sources.stats.items() if stat[4] != snapshot.stats[path][4]]
    edited = set(changed)
    # Just the last results of the edited files are read from the cache (to compare with).
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
    model = dataclasses.replace(snapshot.model, now=options.now)
    templates = _templates(options.source, options.shown_source, options.source / CACHE_FOLDER / "templates")
    renderer = PageRenderer(
        templates, snapshot.config, model, _body_of(cache, snapshot.resolver), _bundles(snapshot.config, model, options)
    )
    # The outputs as the last build left them, known by their fingerprints: only the edited
    # pages are planned anew (and the search bundles, which the search step plans). Each must
    # still be as recorded, templates included, for it is planned without a way to make it.
    digests = TemplateDigests(templates.digests())
    if any(record.template_digest != digests.of(record.templates) for record in state.current.values()):
        return None
    searched = bool(renderer.search_bundles)
    if searched and not cache.bodies.has_all(r.body_key for r in model.releases):
        return None  # the search step needs every body of a shard; another build dropped some
    copied = {source.relative for source in sources.assets}
    planned = [
        Planned(path, record.fingerprint)
        for path, record in state.current.items()
        if not (searched and path.startswith(BUNDLE) and path not in copied)
    ]
    site = LoadedSite(
        snapshot.config,
        model,
        renderer,
        planned,
        snapshot.warnings,
        len(sources.releases) + len(sources.pages) - len(changed),
        sources.stats,
        snapshot.next_change,
        snapshot.resolver,
        snapshot.audit,
        sources.problems,
    )
    from generator.incremental.body_edits import edit_bodies  # which builds on this module

    result = edit_bodies(site, last.warnings, changed, options, cache)
    if result is None:
        return None
    base_ns = earlier.base_ns if earlier else snapshot.recorded_ns
    return _EditedBodies(*result, base_ns, earlier, frozenset(path.removeprefix("content/") for path in changed))


@contextlib.contextmanager
def _long_lived() -> Iterator[None]:
    """What is loaded here (the cache, the site) lives until the build ends: the garbage
    collector would only scan it again and again as it grows (about 0.5 s of CPU in an
    edit build of 10,000 releases), so it is paused, and what was loaded is then spared
    from every later collection (forked workers share it too)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@contextlib.contextmanager
def build_locks(options: BuildOptions) -> Iterator[None]:
    """Hold the site's cache (one build at a time per site folder) and the output folder."""
    output = options.output_folder
    waiting = [f"waiting for another build of {output} to finish..."]
    with cache_lock(options.source) if options.use_cache else contextlib.nullcontext(), output_lock(output, waiting):
        yield


def write_site(
    site: LoadedSite,
    warnings: tuple[Problem, ...],
    options: BuildOptions,
    cache: BuildCache,
    progress: Progress,
    interrupted: bool = False,
    on_disk: dict[str, tuple[int, int]] | None = None,
) -> BuildReport:
    """Bring the output to `site` and keep its state in `cache`; call holding `build_locks`.

    The cache is not saved: while the writing flag stays, its records of the output on disk
    are not trusted. `interrupted`: an earlier build stopped while writing this output.
    `on_disk`: the output's file states, if already walked."""
    output = options.output_folder
    key = str(output.resolve())
    state = cache.outputs.get(key, OutputState())
    if interrupted:
        state = OutputState(state.current, None)  # an earlier build stopped while writing
    try:
        writing = writing_flag(options.source, key)
        if writing.parent.is_dir() or options.use_cache:
            with contextlib.suppress(OSError):  # a site folder that cannot hold a cache
                writing.parent.mkdir(parents=True, exist_ok=True)
                writing.touch()
        if options.trust_output and not interrupted:
            on_disk = {path: (record.size, record.mtime_ns) for path, record in state.current.items()}
        state, report = write_outputs(
            site.renderer, site.planned, output, state, options.jobs, progress, on_disk, site.audit
        )
    except ProblemsFound as found:
        raise ProblemsFound([*warnings, *found.problems]) from None
    cache.outputs[key] = state
    cache.fast.pop(key, None)  # until the caller records this build
    releases = len(site.model.releases)
    return BuildReport(
        releases, report.written, report.unchanged, site.cache_hits, 0.0, warnings, site, site.next_change
    )


def check(options: BuildOptions) -> list[Problem]:
    """Every validation of a build plus every internal link and image, without writing anything.

    Returns the problems (broken links are errors); raises ProblemsFound like `load_site`."""
    with cache_lock(options.source) if options.use_cache else contextlib.nullcontext():
        cache = load_cache(options.source) if options.use_cache else BuildCache()
        site, _ = load_site(options, cache)
        files = render_in_memory(site.renderer, site.planned)
    body = [p.as_error() for p in _body_links(site)]
    on_site = SiteFiles((f.path for f in files), site.config.base_path)
    items: list[Release | Page] = [*site.model.releases, *site.model.pages]
    known = {link.href for item in items for link in item.links}
    leaks = leak_problems([leak for f in files for leak in site.audit.scan(f.path, f.data)])
    return [*site.warnings, *body, *page_link_problems(files, on_site, known), *leaks]
