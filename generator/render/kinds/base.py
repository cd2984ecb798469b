"""What every kind of output is: a file of the site that renders itself and names what its
fingerprint depends on; and what a kind is: the outputs of that kind a site has."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from generator.model import SourceFile
from generator.render.pages import PageRenderer

#: An output's bytes and the names of the templates it used (empty for outputs made without one).
Rendered = tuple[bytes, frozenset[str]]


class Output(Protocol):
    """One file of the built site."""

    #: Rendered by the forked workers (CPU work from the site model); False: made in the build's
    #: own process (bytes known or copied, or made by Pagefind, which must run once).
    parallel: ClassVar[bool]

    @property
    def url(self) -> str:
        """Where it is on the site, as a link names it: "releases/x/", "feed.xml"."""

    @property
    def path(self) -> str:
        """Its file under the output folder: "releases/x/index.html", "feed.xml"."""

    def fingerprint(self, site: str) -> str:
        """A digest of everything its bytes depend on but the template files (`site`: what every
        page shows, `PageRenderer.site_digest`): equal fingerprints, equal bytes."""

    def render(self, renderer: PageRenderer) -> Rendered:
        """Its bytes and the templates they came from; a template's error raises ProblemsFound."""


@dataclass(frozen=True)
class SiteInputs:
    """What the outputs of a site are made from."""

    renderer: PageRenderer  #: the site model, its settings and templates
    theme: Mapping[str, bytes]  #: theme files by path under theme/
    assets: Sequence[SourceFile]  #: the files under content/ the build copies


#: The outputs of one kind a site has, given the outputs of the kinds planned before it
#: (the sitemap lists the pages), in a fixed order.
Planner = Callable[[SiteInputs, Sequence[Output]], Iterable[Output]]


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of output: the top-level names of the site its outputs take, and its planner."""

    names: frozenset[str]  #: first path segments it writes at ("feed.xml", "tags"): no page may take them
    outputs: Planner
