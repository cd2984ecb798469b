"""JSON indexes: /releases.json (every published release as data) and /live.json (the live
events the theme's banner script shows on the visitor's clock)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from generator.content.live import live_json
from generator.digests import content_digest
from generator.model import LiveEvent, Release
from generator.render.kinds.base import Kind, Output, Rendered, SiteInputs
from generator.render.pages import PageRenderer
from generator.render.release_index import releases_json


@dataclass(frozen=True, slots=True)
class ReleasesJson:
    """/releases.json: what other pages show of each published release (no bodies)."""

    releases: tuple[Release, ...]

    parallel: ClassVar[bool] = True

    @property
    def url(self) -> str:
        return "releases.json"

    @property
    def path(self) -> str:
        return "releases.json"

    def fingerprint(self, site: str) -> str:
        return content_digest(site, self.url, ",".join(release.digest for release in self.releases))

    def render(self, renderer: PageRenderer) -> Rendered:
        return releases_json(self.releases, renderer.config, renderer.absolute_url), frozenset()


def releases_index(site: SiteInputs, before: Sequence[Output] = ()) -> Iterator[ReleasesJson]:
    yield ReleasesJson(site.renderer.model.releases)


@dataclass(frozen=True, slots=True)
class LiveJson:
    """/live.json: the current and upcoming live events at the build time."""

    events: tuple[LiveEvent, ...]
    now: datetime

    parallel: ClassVar[bool] = False

    @property
    def url(self) -> str:
        return "live.json"

    @property
    def path(self) -> str:
        return "live.json"

    def fingerprint(self, site: str) -> str:
        return content_digest(live_json(self.events, self.now))  # small: its bytes are what it depends on

    def render(self, renderer: PageRenderer) -> Rendered:
        return live_json(self.events, self.now), frozenset()


def live_index(site: SiteInputs, before: Sequence[Output] = ()) -> Iterator[LiveJson]:
    yield LiveJson(site.renderer.model.live_events, site.renderer.now)


RELEASES_JSON = Kind(frozenset({"releases.json"}), releases_index)
LIVE_JSON = Kind(frozenset({"live.json"}), live_index)
