"""`generator check`: every validation of a build, and every internal link, without writing."""

from __future__ import annotations

import contextlib

from generator.errors import Problem
from generator.incremental.cache import BuildCache, cache_lock, load_cache
from generator.model import Page, Release
from generator.pipeline import BuildOptions, body_link_warnings, load_site
from generator.publish.audit import leak_problems
from generator.publish.linkcheck import SiteFiles, page_link_problems
from generator.publish.outputs import render_in_memory


def check(options: BuildOptions) -> list[Problem]:
    """Every problem a build would meet, plus broken links (errors here) in bodies and in
    every rendered page, and any trace of a hidden release; raises ProblemsFound like `load_site`."""
    with cache_lock(options.source) if options.use_cache else contextlib.nullcontext():
        cache = load_cache(options.source) if options.use_cache else BuildCache()
        site = load_site(options, cache)
        files = render_in_memory(site.renderer, site.planned)
    body = [p.as_error() for p in body_link_warnings(site)]
    on_site = SiteFiles((f.path for f in files), site.config.base_path)
    items: list[Release | Page] = [*site.model.releases, *site.model.pages]
    known = {link.href for item in items for link in item.links}
    leaks = leak_problems([leak for f in files for leak in site.audit.scan(f.path, f.data)])
    return [*site.warnings, *body, *page_link_problems(files, on_site, known), *leaks]
