"""Files whose bytes are not rendered: theme files, files copied from content/, and an output
of the last build known only by its record."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from generator.digests import content_digest
from generator.model import SourceFile
from generator.render.kinds.base import Kind, Output, Rendered, SiteInputs
from generator.render.pages import PageRenderer


@dataclass(frozen=True, slots=True)
class KnownFile:
    """A file whose bytes are known: a theme file, a search bundle's file just made."""

    url: str
    data: bytes

    parallel: ClassVar[bool] = False

    @property
    def path(self) -> str:
        return self.url

    def fingerprint(self, site: str) -> str:
        return content_digest(self.data)

    def render(self, renderer: PageRenderer) -> Rendered:
        return self.data, frozenset()


@dataclass(frozen=True, slots=True)
class CopiedFile:
    """A file under content/, copied as it is (read only if it must be written)."""

    url: str  #: its content-relative path, e.g. "files/report.pdf"
    source: SourceFile

    parallel: ClassVar[bool] = False

    @property
    def path(self) -> str:
        return self.url

    def fingerprint(self, site: str) -> str:
        return self.source.digest

    def render(self, renderer: PageRenderer) -> Rendered:
        return self.source.read(), frozenset()


@dataclass(frozen=True, slots=True)
class Kept:
    """An output of the last build, known only by its record: the body-edit fast path plans
    every output but the edited pages so, after checking each is still as recorded."""

    url: str
    recorded: str  #: its fingerprint in the last build

    parallel: ClassVar[bool] = False

    @property
    def path(self) -> str:
        return self.url

    def fingerprint(self, site: str) -> str:
        return self.recorded

    def render(self, renderer: PageRenderer) -> Rendered:
        raise AssertionError(f"/{self.url} was planned as kept from the last build, not to be made")


#: The stylesheet made from site.toml's [colors], loaded after the theme's own.
COLORS_CSS = "theme/site-colors.css"


def theme_files(site: SiteInputs, before: Sequence[Output] = ()) -> Iterator[KnownFile]:
    for path, data in site.theme.items():
        yield KnownFile(f"theme/{path}", data)
    colors = site.renderer.config.colors
    if colors and COLORS_CSS.removeprefix("theme/") not in site.theme:  # a site's own file wins
        yield KnownFile(COLORS_CSS, colors.css().encode())


def content_files(site: SiteInputs, before: Sequence[Output] = ()) -> Iterator[CopiedFile]:
    for asset in site.assets:
        yield CopiedFile(asset.relative, asset)


THEME = Kind(frozenset({"theme"}), theme_files)
#: Content files keep their place under content/: a clash with another output is reported at them.
CONTENT_FILES = Kind(frozenset(), content_files)
