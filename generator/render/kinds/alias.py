"""Redirect pages at a release's old URLs (its `aliases:`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from generator.digests import content_digest
from generator.model import Release
from generator.render.kinds.base import Kind, Output, Rendered, SiteInputs
from generator.render.pages import PageRenderer
from generator.weburls import served_file

ALIAS_TEMPLATE = "alias.html"


@dataclass(frozen=True, slots=True)
class AliasPage:
    """The redirect at one old URL of a release: it shows what other pages show of the release
    (it is given as "target", not "release": the redirect does not show the body)."""

    url: str  #: the alias's URL, e.g. "releases/old-name/" or "statements/old.html"
    target: Release

    parallel: ClassVar[bool] = True

    @property
    def path(self) -> str:
        return served_file(self.url)

    def fingerprint(self, site: str) -> str:
        return content_digest(site, self.url, ALIAS_TEMPLATE, self.target.digest)

    def render(self, renderer: PageRenderer) -> Rendered:
        return renderer.render_page(self.url, ALIAS_TEMPLATE, {"target": self.target})


def aliases(site: SiteInputs, before: Sequence[Output] = ()) -> Iterator[AliasPage]:
    for release in site.renderer.model.releases:
        for alias in release.aliases:
            yield AliasPage(alias.url, release)


#: Aliases take any path no other output takes (clashes are reported before anything is written).
ALIASES = Kind(frozenset(), aliases)
