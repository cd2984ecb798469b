"""`generator build`: the stages in order, with what earlier builds left.

read, validate, assemble, plan (`pipeline.load_site`) -> index for search -> write; the
`BuildMemory` answers whether anything changed, supplies the last site when only bodies
were edited, and records this build for the next.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import time
from collections.abc import Iterator

from generator.errors import Problem, ProblemsFound
from generator.incremental.cache import BuildCache, preview_folder
from generator.incremental.memory import BuildMemory
from generator.pipeline import (
    CACHE_FOLDER,
    BuildOptions,
    BuildReport,
    LoadedSite,
    body_link_warnings,
    index_search,
    load_site,
    write_site,
)
from generator.progress import Progress, Silent
from generator.publish.linkcheck import leads_nowhere
from generator.publish.write import check_output


def build(options: BuildOptions, progress: Progress | None = None, memory: BuildMemory | None = None) -> BuildReport:
    """Build the site into the output folder; raise ProblemsFound on bad input.

    `memory`: what earlier builds left (serve keeps one; else the cache on disk). The report
    has no `site` when nothing changed since the last build. Broken links in bodies are
    warnings here (errors with --strict and in `check`)."""
    started = time.perf_counter()
    progress = progress or Silent()
    preview = preview_folder(options.source) if options.trust_output else None
    check_output(options.output_folder, options.source, options.source / CACHE_FOLDER, preview)
    memory = memory or BuildMemory(options)
    if (unchanged := memory.unchanged()) is not None:
        return dataclasses.replace(unchanged, seconds=time.perf_counter() - started)
    with memory.hold():
        with _long_lived():
            cache = memory.loaded_cache()
            edited = memory.edited()
            site, warnings = (edited.site, edited.warnings) if edited else _load(options, cache, progress)
        site = index_search(site, cache, options.jobs, progress)
        report, state = write_site(site, warnings, options, memory.output_state(), progress, memory.on_disk())
        memory.record(site, warnings, state)
    seconds = time.perf_counter() - started
    return dataclasses.replace(report, seconds=seconds, bodies_only=edited is not None)


def _load(options: BuildOptions, cache: BuildCache, progress: Progress) -> tuple[LoadedSite, tuple[Problem, ...]]:
    """The whole site loaded, and its warnings with the broken links in bodies (errors with
    --strict; with --strict-links, those that lead nowhere are)."""
    site = load_site(options, cache, progress)
    links = body_link_warnings(site)
    if options.strict and links:
        raise ProblemsFound([p.as_error() for p in (*site.warnings, *links)])
    if options.strict_links and any(leads_nowhere(p) for p in links):
        shown = [p.as_error() if leads_nowhere(p) else p.as_warning() for p in links]
        raise ProblemsFound([*site.warnings, *shown])
    return site, (*site.warnings, *(p.as_warning() for p in links))


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
