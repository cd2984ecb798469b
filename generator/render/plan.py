"""Every output of a site, kind by kind. A new output format is a module in `render/kinds/`
(an output type and its planner, in a `Kind`) and one line in KINDS."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.model import SourceFile
from generator.render.kinds.alias import ALIASES
from generator.render.kinds.atom import FEEDS
from generator.render.kinds.base import Kind, Output, SiteInputs
from generator.render.kinds.files import CONTENT_FILES, THEME
from generator.render.kinds.html import PAGES
from generator.render.kinds.json_index import LIVE_JSON, RELEASES_JSON
from generator.render.kinds.search import SEARCH_BUNDLES
from generator.render.kinds.sitemap import ROBOTS, SITEMAPS
from generator.render.pages import PageRenderer
from generator.render.planned import Planned

#: Every kind of output, in the order they are planned (and written); the sitemap after the pages it lists.
KINDS: tuple[Kind, ...] = (
    PAGES,
    ALIASES,
    FEEDS,
    SITEMAPS,
    RELEASES_JSON,
    LIVE_JSON,
    ROBOTS,
    THEME,
    CONTENT_FILES,
    SEARCH_BUNDLES,
)


def reserved_names(kinds: Sequence[Kind] = KINDS) -> frozenset[str]:
    """The first path segments the generator writes at itself: no page may take them as its slug."""
    return frozenset(name for kind in kinds for name in kind.names)


def plan(
    renderer: PageRenderer,
    theme: Mapping[str, bytes],
    assets: Sequence[SourceFile] = (),
    kinds: Sequence[Kind] = KINDS,
) -> list[Planned]:
    """Every output of the site with its fingerprint, kind by kind, each in a fixed order."""
    site = SiteInputs(renderer, theme, assets)
    outputs: list[Output] = []
    for kind in kinds:
        outputs += list(kind.outputs(site, tuple(outputs)))
    digest = renderer.site_digest()
    return [Planned.of(output, digest) for output in outputs]
