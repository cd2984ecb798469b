"""The stages, in order: read -> validate -> assemble -> render (plan) -> index -> write.

`load_site` reads, validates, assembles and plans; `index_search` plans the search bundles;
`write_site` brings the output folder to the plan. Each takes values and returns values; the
disk is touched only by reading (`content.sources`) and writing (`publish`). What a stage may
reuse from earlier builds comes in as a `Memo` (the build cache is one, an empty one serves a
build without cache); how builds are remembered is `generator.incremental`'s business.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from generator.config import BASE_URL_EXPECTED, SiteConfig, base_url_problem, load_config
from generator.content.front_matter import decode
from generator.content.live import parse_live
from generator.content.load import ItemT, Kind, Loaded, load_files
from generator.content.markup import BodyRenderer, LinkResolver, with_base
from generator.content.sources import FileStat, KnownFiles, SiteSources, read_sources, read_theme
from generator.content.vocabulary import parse_vocabulary
from generator.defaults import default_dir
from generator.digests import linked_body_digest
from generator.errors import Problem, ProblemsFound, UsageError, errors_in
from generator.model import NO_VOCABULARY, LiveEvent, Page, Release, SiteModel, SourceFile, Vocabulary
from generator.progress import Progress, Silent
from generator.publish.audit import LeakAudit, hidden_items
from generator.publish.clashes import long_names, output_clashes
from generator.publish.linkcheck import Linked, SiteFiles, body_link_problems
from generator.publish.outputs import write_outputs
from generator.publish.records import OutputState
from generator.render.pages import PageRenderer
from generator.render.plan import plan, reserved_names
from generator.render.planned import Planned
from generator.render.templates import Templates
from generator.search.bundles import Shard, ShardRecords, bundle_folders, document, indexer_version, plan_search, shards
from generator.search.indexer import Document, index, pagefind_binary
from generator.site.assemble import RelatedCache, ScheduledChange, Visibility, assemble, next_change, published_files

#: The site folder's own folder for what builds leave for later builds (never published).
CACHE_FOLDER = ".cache"


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asked for."""

    source: Path  #: the site folder
    now: datetime  #: the build time; decides what is future and what is live
    output: Path | None = None  #: default: <source>/site
    base_url: str | None = None  #: overrides site.toml's
    drafts: bool = False
    future: bool = False
    strict: bool = False  #: every warning is an error
    strict_links: bool = False  #: links and images in bodies that lead nowhere are errors (the publish workflow's)
    jobs: int = 1  #: processes for parsing, related articles and rendering
    trust_output: bool = False  #: skip checking the output folder for edits by hand (serve's own preview)
    use_cache: bool = True  #: read and write <source>/.cache
    search_index: bool = True  #: index for search (if site.toml does not turn search off)
    snapshot: bool = True  #: keep the site on disk for the next build's body-edit fast path (see incremental)

    @property
    def shown_source(self) -> str:
        return str(self.source) if str(self.source) != "." else ""

    @property
    def output_folder(self) -> Path:
        return self.output if self.output is not None else self.source / "site"

    @property
    def compiled_templates(self) -> Path | None:
        """Where Jinja keeps compiled templates between builds (with the cache only)."""
        return self.source / CACHE_FOLDER / "templates" if self.use_cache else None


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


class Bodies(Protocol):
    """Rendered bodies kept outside the results, by key (the cache's store)."""

    def keep(self, key: str, loaded: Loaded) -> Loaded: ...
    def commit(self) -> None: ...
    def get(self, key: str) -> str: ...


class Memo(Protocol):
    """What the stages reuse from earlier builds, and update for later ones."""

    files: dict[str, Loaded]  #: each content file's result, by `content.load.cache_key`
    related: RelatedCache | None
    search: ShardRecords

    @property
    def known(self) -> KnownFiles | None:
        """Files seen unchanged since they were read."""

    @property
    def bodies(self) -> Bodies: ...

    def read_results(self, keys: Collection[str] | None = None) -> None: ...


# -- read and validate ------------------------------------------------------------------


def read_config(
    sources: SiteSources, options: BuildOptions, content_read: bool = True
) -> tuple[SiteConfig, list[Problem]]:
    """site.toml as the command line amends it (`--base-url`), and its problems (the branding
    files are looked for among content/'s files when `content_read`)."""
    text, problems = decode(sources.config) if sources.config else (None, [])
    files = [asset.relative for asset in sources.assets] if content_read else None
    config, found = load_config(text, sources.config.shown if sources.config else "site.toml", files)
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
    config, problems = read_config(SiteSources(source, (), (), None, ()), options, content_read=False)
    if errors_in(problems):
        raise ProblemsFound(problems)
    return config


@dataclass(frozen=True)
class Content:
    """Every release, page and live event read and validated, links still placeholders."""

    releases: list[Release]
    pages: list[Page]
    events: list[LiveEvent]
    problems: list[Problem]
    cache_hits: int
    vocabulary: Vocabulary = NO_VOCABULARY  #: descriptions' links still placeholders


def read_content(sources: SiteSources, config: SiteConfig, memo: Memo, jobs: int, progress: Progress) -> Content:
    """Each content file parsed (from `memo` where its bytes were seen before), live.yaml and
    the vocabularies (offices.yaml, tags.yaml)."""
    files: list[tuple[SourceFile, Kind]] = [(s, "release") for s in sources.releases]
    files += [(s, "page") for s in sources.pages]
    progress.begin("Reading releases", len(files))
    memo.read_results()
    loaded, memo.files, hits = load_files(files, config, memo.files, jobs, progress.advance, memo.bodies.keep)
    memo.bodies.commit()
    progress.finish()
    problems = [p for result in loaded for p in result.problems]
    events: list[LiveEvent] = []
    if sources.live is not None:
        events, found = parse_live(sources.live, config.zone, config.strings.live_now)
        events = [dataclasses.replace(e, url=with_base(config.base_path, e.url)) for e in events]
        problems += found
    vocabulary, found = parse_vocabulary(
        sources.offices, sources.tags, lambda: BodyRenderer(allow_html=False), sources.content_shown
    )
    problems += found
    releases = [r.item for r in loaded if isinstance(r.item, Release)]
    pages = [r.item for r in loaded if isinstance(r.item, Page)]
    return Content(releases, pages, events, problems, hits, vocabulary)


def templates_of(options: BuildOptions) -> Templates:
    """The site's templates over the default ones."""
    site_templates = options.source / "templates"
    defaults = default_dir("templates")
    folders = [site_templates, defaults] if site_templates.resolve() != defaults.resolve() else [defaults]
    prefix = f"{options.shown_source}/" if options.shown_source else ""
    shown = {site_templates.resolve(): f"{prefix}templates", defaults.resolve(): str(defaults)}
    if len(folders) == 1:
        shown[defaults.resolve()] = f"{prefix}templates"
    return Templates([f.resolve() for f in folders if f.is_dir()], shown, options.compiled_templates)


# -- links between content files ----------------------------------------------------------


def link_resolver(content: Content, sources: SiteSources, config: SiteConfig, visibility: Visibility) -> LinkResolver:
    """Content-relative paths -> site paths; links to what this build does not publish become text."""
    targets = {a.relative: config.base_path + quote(a.relative) for a in sources.assets}
    targets.update({r.relative: f"{config.base_path}releases/{r.slug}/" for r in content.releases})
    targets.update({p.relative: f"{config.base_path}{p.slug}/" for p in content.pages})
    hidden: dict[str, str] = {}
    everything: list[Release | Page] = [*content.releases, *content.pages]
    for item in everything:
        reason = visibility.why_hidden(item)
        if reason is None:
            continue
        hidden[item.relative] = hidden[config.base_path + item.url] = reason
        if isinstance(item, Release):
            hidden.update((config.base_path + alias.url, reason) for alias in item.aliases)
    return LinkResolver(targets, config.base_path, hidden, config.base_url)


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


def resolve_vocabulary(vocabulary: Vocabulary, resolver: LinkResolver) -> Vocabulary:
    """The vocabularies with the links of their descriptions resolved (from content/ itself)."""
    offices = tuple(
        dataclasses.replace(
            office,
            description_html=resolver.fix_html(office.description_html, "offices.yaml"),
            boilerplate_html=resolver.fix_html(office.boilerplate_html, "offices.yaml"),
            links=resolver.fix_links(office.links, "offices.yaml"),
        )
        for office in vocabulary.offices or ()
    )
    tags = tuple(
        dataclasses.replace(
            tag,
            description_html=resolver.fix_html(tag.description_html, "tags.yaml"),
            links=resolver.fix_links(tag.links, "tags.yaml"),
        )
        for tag in vocabulary.tags or ()
    )
    return dataclasses.replace(
        vocabulary,
        offices=offices if vocabulary.offices is not None else None,
        tags=tags if vocabulary.tags is not None else None,
    )


def body_of(memo: Memo, resolver: LinkResolver) -> Callable[[Release | Page], str]:
    """A release's or page's body HTML, final: from the memo's store unless it is still in the item."""

    def body(item: Release | Page) -> str:
        html = memo.bodies.get(item.body_key) if item.body_key else item.body_html
        return resolver.fix_html(html, item.relative)

    return body


# -- the whole site, planned ----------------------------------------------------------------


def load_site(options: BuildOptions, memo: Memo, progress: Progress | None = None) -> LoadedSite:
    """Read and validate everything, assemble the site model and plan every output.

    `memo` is updated for the site. Raises ProblemsFound with every problem of the run when
    any is an error (or any warning, with options.strict)."""
    progress = progress or Silent()
    sources = read_sources(options.source, options.shown_source, memo.known)
    config, problems = read_config(sources, options)
    content = read_content(sources, config, memo, options.jobs, progress)
    problems = [*sources.problems, *problems, *content.problems]
    visibility = Visibility(options.now, options.drafts, options.future)
    resolver = link_resolver(content, sources, config, visibility)
    releases, pages = resolve_links(content.releases, resolver), resolve_links(content.pages, resolver)
    vocabulary = resolve_vocabulary(content.vocabulary, resolver)
    model, found, memo.related = assemble(
        releases, pages, content.events, config, visibility, memo.related, options.jobs,
        reserved=reserved_names(), vocabulary=vocabulary,
    )  # fmt: skip
    everything: list[Release | Page] = [*releases, *pages]
    unpublished = [item for item in everything if visibility.why_hidden(item)]
    assets, linked = published_files(sources.assets, model, unpublished, config.base_path)
    templates = templates_of(options)
    problems += [*found, *linked, *templates.check()]
    theme = read_theme([default_dir("theme"), options.source / "theme"], problems)
    if options.strict:
        problems = [p.as_error() for p in problems]
    if errors_in(problems):
        raise ProblemsFound(problems)
    renderer = PageRenderer(templates, config, model, body_of(memo, resolver), search_bundles(config, model, options))
    planned = plan_outputs(renderer, theme, assets, releases, problems)
    audit = LeakAudit(hidden_items(unpublished), public_texts(config, model), config.base_path, config.base_url)
    when = next_change(releases, content.events, visibility)
    return LoadedSite(
        config, model, renderer, planned, tuple(problems), content.cache_hits, sources.stats, when, resolver, audit,
        sources.problems,
    )  # fmt: skip


def plan_outputs(
    renderer: PageRenderer,
    theme: dict[str, bytes],
    assets: Sequence[SourceFile],
    releases: Sequence[Release],
    problems: Sequence[Problem],
) -> list[Planned]:
    """Every output but the search bundles; raises ProblemsFound if two claim one path."""
    planned = plan(renderer, theme, assets)
    shown = {a.relative: a.shown for a in assets}
    if found := [*output_clashes(planned, shown, releases, renderer.search_bundles[:1]), *long_names(planned)]:
        raise ProblemsFound([*problems, *found])
    return planned


def search_bundles(config: SiteConfig, model: SiteModel, options: BuildOptions) -> tuple[str, ...]:
    return bundle_folders(len(model.releases)) if config.search and options.search_index else ()


def public_texts(config: SiteConfig, model: SiteModel) -> list[str]:
    """Everything the site shows by name: a hidden release's title inside one of these cannot be a leak."""
    texts = [config.title, config.description, config.organization]
    texts += [release.title for release in model.releases] + [page.title for page in model.pages]
    texts += [listing.title for listing in (*model.tags, *model.offices, *model.types)]
    return texts


def body_link_warnings(site: LoadedSite) -> list[Problem]:
    """Links and images in bodies, and in the offices' and tags' descriptions, that lead nowhere
    on the site (or to a release that is not public yet)."""
    on_site = SiteFiles((item.path for item in site.planned), site.config.base_path)
    vocabulary = site.model.vocabulary
    described = [
        *(Linked(vocabulary.offices_file, "offices.yaml", office.links) for office in vocabulary.offices or ()),
        *(Linked(vocabulary.tags_file, "tags.yaml", tag.links) for tag in vocabulary.tags or ()),
    ]
    return body_link_problems([*site.model.releases, *site.model.pages, *described], on_site, site.resolver)


# -- index and write ------------------------------------------------------------------------


def index_search(site: LoadedSite, memo: Memo, jobs: int, progress: Progress) -> LoadedSite:
    """The site with its search bundles' files planned; Pagefind indexes the shards whose releases changed."""
    if not site.renderer.search_bundles:
        return site
    binary = pagefind_binary()
    site_shards = shards(site.model.releases, site.config, indexer_version(binary))

    def documents(shard: Shard) -> list[Document]:
        return [document(r, site.renderer.body_of(r), site.config) for r in shard.releases]

    progress.begin("Indexing for search", 1)
    planned, memo.search = plan_search(site_shards, memo.search, documents, partial(index, binary=binary), jobs)
    progress.advance()
    progress.finish()
    shown = {item.path: item.source.shown for item in site.planned if item.source is not None}
    if found := [*output_clashes([*planned, *site.planned], shown, ()), *long_names(planned)]:
        raise ProblemsFound(found)
    return dataclasses.replace(site, planned=[*site.planned, *planned])


def write_site(
    site: LoadedSite,
    warnings: tuple[Problem, ...],
    options: BuildOptions,
    state: OutputState,
    progress: Progress,
    on_disk: dict[str, tuple[int, int]] | None = None,
) -> tuple[BuildReport, OutputState]:
    """Bring the output folder to `site`: the report, and what the folder now holds.

    `state`: what it held as far as known; `on_disk`: its files' states, if already walked.
    Raises ProblemsFound (with `warnings`) when a template fails or a file would leak."""
    try:
        state, report = write_outputs(
            site.renderer, site.planned, options.output_folder, state, options.jobs, progress, on_disk, site.audit
        )
    except ProblemsFound as found:
        raise ProblemsFound([*warnings, *found.problems]) from None
    releases = len(site.model.releases)
    built = BuildReport(
        releases, report.written, report.unchanged, site.cache_hits, 0.0, warnings, site, site.next_change
    )
    return built, state
