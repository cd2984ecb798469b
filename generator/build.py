"""The build, stage by stage: read -> validate -> assemble -> render -> write.

Each stage is one call; only `read_sources`/`read_theme` and `write_site`
touch the disk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.assemble import Visibility, assemble
from generator.config import BASE_URL_EXPECTED, SiteConfig, base_url_problem, load_config
from generator.defaults import default_dir
from generator.errors import Problem, ProblemsFound, UsageError, errors_in
from generator.frontmatter_fields import decode
from generator.linkcheck import SiteFiles, body_link_problems, page_link_problems
from generator.live import live_json, parse_live
from generator.markup import BodyRenderer, summarize
from generator.model import LiveEvent, OutputFile, Page, Release, SiteModel, Term
from generator.releases import ParsedPage, ParsedRelease, parse_page, parse_release
from generator.render import PageRenderer, Templates
from generator.sources import SiteSources, read_sources, read_theme
from generator.write import check_output, output_lock, write_site


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

    @property
    def shown_source(self) -> str:
        return str(self.source) if str(self.source) != "." else ""

    @property
    def output_folder(self) -> Path:
        return self.output if self.output is not None else self.source / "site"


@dataclass(frozen=True)
class LoadedSite:
    """A validated, assembled site, ready to render, with any warnings."""

    config: SiteConfig
    model: SiteModel
    theme: dict[str, bytes]
    assets: tuple[tuple[str, bytes], ...]
    templates: Templates
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class BuildReport:
    releases: int
    files: int
    warnings: tuple[Problem, ...]


def _config(sources: SiteSources, options: BuildOptions) -> tuple[SiteConfig, list[Problem]]:
    text, problems = decode(sources.config) if sources.config else (None, [])
    config, found = load_config(text, sources.config.shown if sources.config else "site.toml")
    if options.base_url is not None:
        reason = base_url_problem(options.base_url)
        if reason:
            raise UsageError(f"--base-url: {reason} (expected {BASE_URL_EXPECTED})")
        config = dataclasses.replace(config, base_url=options.base_url.rstrip("/") + "/")
    return config, problems + found


def _parse(
    sources: SiteSources, config: SiteConfig
) -> tuple[list[ParsedRelease], list[ParsedPage], list[LiveEvent], list[Problem]]:
    problems: list[Problem] = []
    releases, pages = [], []
    for source in sources.releases:
        release, found = parse_release(source, config)
        problems += found
        if release:
            releases.append(release)
    for source in sources.pages:
        page, found = parse_page(source)
        problems += found
        if page:
            pages.append(page)
    events: list[LiveEvent] = []
    if sources.live is not None:
        events, found = parse_live(sources.live, config.zone)
        problems += found
    return releases, pages, events, problems


def _link_targets(
    releases: Sequence[ParsedRelease], pages: Sequence[ParsedPage], sources: SiteSources, config: SiteConfig
) -> dict[str, str]:
    """Content-relative path -> site path, for rewriting links between content files."""
    targets = {a.relative: config.base_path + a.relative for a in sources.assets}
    targets.update({r.relative: f"{config.base_path}releases/{r.slug}/" for r in releases})
    targets.update({p.relative: f"{config.base_path}{p.slug}/" for p in pages})
    return targets


def _render_bodies(
    releases: Sequence[ParsedRelease], pages: Sequence[ParsedPage], renderer: BodyRenderer
) -> tuple[list[Release], list[Page]]:
    rendered_releases = []
    for r in releases:
        body = renderer.render(r.body, r.relative, r.body_line)
        rendered_releases.append(
            Release(
                r.source,
                r.relative,
                r.slug,
                r.title,
                r.type,
                Term(r.office, ""),
                r.date,
                r.date_only,
                tuple(Term(t, "") for t in r.tags),
                r.summary or summarize(body.first_paragraph),
                body.html,
                r.draft,
                body.links,
                r.lines,
            )
        )
    rendered_pages = []
    for p in pages:
        body = renderer.render(p.body, p.relative, p.body_line)
        rendered_pages.append(
            Page(
                p.source,
                p.relative,
                p.slug,
                p.title,
                body.html,
                p.summary or summarize(body.first_paragraph),
                p.draft,
                body.links,
            )
        )
    return rendered_releases, rendered_pages


def _templates(source: Path, shown_source: str) -> Templates:
    site_templates = source / "templates"
    defaults = default_dir("templates")
    folders = [site_templates, defaults] if site_templates.resolve() != defaults.resolve() else [defaults]
    prefix = f"{shown_source}/" if shown_source else ""
    shown = {site_templates.resolve(): f"{prefix}templates", defaults.resolve(): str(defaults)}
    if len(folders) == 1:
        shown[defaults.resolve()] = f"{prefix}templates"
    return Templates([f.resolve() for f in folders if f.is_dir()], shown)


def load_site(options: BuildOptions) -> LoadedSite:
    """Read and validate everything and assemble the site model.

    Raises ProblemsFound with every problem of the run when any is an error
    (or any warning, with options.strict)."""
    sources = read_sources(options.source, options.shown_source)
    config, problems = _config(sources, options)
    problems = list(sources.problems) + problems
    parsed_releases, parsed_pages, events, found = _parse(sources, config)
    problems += found
    renderer = BodyRenderer(config.allow_html, _link_targets(parsed_releases, parsed_pages, sources, config))
    releases, pages = _render_bodies(parsed_releases, parsed_pages, renderer)
    visibility = Visibility(options.now, options.drafts, options.future)
    model, found = assemble(releases, pages, events, config, visibility)
    problems += found
    templates = _templates(options.source, options.shown_source)
    problems += templates.check()
    if options.strict:
        problems = [p.as_error() for p in problems]
    if errors_in(problems):
        raise ProblemsFound(problems)
    theme = read_theme([default_dir("theme"), options.source / "theme"])
    assets = tuple((a.relative, a.data) for a in sources.assets)
    return LoadedSite(config, model, theme, assets, templates, tuple(problems))


def render_site(site: LoadedSite) -> Iterator[OutputFile]:
    """Every output file of the site."""
    pages = PageRenderer(site.templates, site.config, site.model)
    yield from pages.all_pages()
    yield OutputFile("live.json", live_json(site.model.live_events, pages.now))
    for path, data in site.theme.items():
        yield OutputFile(f"theme/{path}", data)
    for path, data in site.assets:
        yield OutputFile(path, data)


def _rendered(site: LoadedSite) -> list[OutputFile]:
    """Render all pages first, so a template error leaves the output untouched."""
    try:
        return list(render_site(site))
    except ProblemsFound as found:
        raise ProblemsFound([*site.warnings, *found.problems]) from None


def _body_links(site: LoadedSite, files: Sequence[OutputFile]) -> list[Problem]:
    on_site = SiteFiles((f.path for f in files), site.config.base_path)
    return body_link_problems([*site.model.releases, *site.model.pages], on_site)


def build(options: BuildOptions) -> BuildReport:
    """Build the site into the output folder; raise ProblemsFound on bad input.

    Broken links in bodies are warnings here (errors with --strict and in `check`)."""
    output = options.output_folder
    check_output(output, options.source)
    site = load_site(options)
    files = _rendered(site)
    warnings = [*site.warnings, *(p.as_warning() for p in _body_links(site, files))]
    if options.strict and len(warnings) > len(site.warnings):
        raise ProblemsFound([p.as_error() for p in warnings])
    with output_lock(output, [f"waiting for another build of {output} to finish..."]):
        count = write_site(files, output)
    return BuildReport(len(site.model.releases), count, tuple(warnings))


def check(options: BuildOptions) -> list[Problem]:
    """Every validation of a build plus every internal link and image, without writing anything.

    Returns the problems (broken links are errors); raises ProblemsFound like `load_site`."""
    site = load_site(options)
    files = _rendered(site)
    body = [p.as_error() for p in _body_links(site, files)]
    on_site = SiteFiles((f.path for f in files), site.config.base_path)
    items: list[Release | Page] = [*site.model.releases, *site.model.pages]
    known = {link.href for item in items for link in item.links}
    return [*site.warnings, *body, *page_link_problems(files, on_site, known)]
