"""The search index's bundle files (Pagefind's), planned by `search.bundles` once the shards
are indexed: one whose shard did not change is made again only if it must be written."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from generator.render.kinds.base import Kind, Output, Rendered, SiteInputs
from generator.render.pages import PageRenderer

BUNDLE = "pagefind/"  #: the main bundle's folder in the site


@dataclass(frozen=True, slots=True)
class BundleFile:
    """A file of an unchanged shard's bundle, as the cache recorded it: remade on demand."""

    url: str
    digest: str  #: of its bytes, as recorded
    made: Callable[[], bytes]

    parallel: ClassVar[bool] = False  #: Pagefind runs once per shard, in the build's process

    @property
    def path(self) -> str:
        return self.url

    def fingerprint(self, site: str) -> str:
        return self.digest

    def render(self, renderer: PageRenderer) -> Rendered:
        return self.made(), frozenset()


def bundle_files(site: SiteInputs, before: Sequence[Output] = ()) -> Iterator[Output]:
    """None here: the search step plans them after indexing (`search.bundles.plan_search`)."""
    return iter(())


SEARCH_BUNDLES = Kind(frozenset({BUNDLE.rstrip("/")}), bundle_files)
