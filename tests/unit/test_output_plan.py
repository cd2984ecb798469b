"""The plan of outputs and the output kinds, on a small site model built in memory (no build):
which files a site has, that a fingerprint changes exactly when the bytes it stands for do,
the reserved top-level names, and a kind registered by a test."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

import pytest

from generator.config import SiteConfig
from generator.content.load import load_files
from generator.defaults import default_dir
from generator.model import Page, Release, SiteModel, SourceFile
from generator.publish.outputs import render_in_memory
from generator.render import sitemaps
from generator.render.kinds.base import Kind, Output, Rendered, SiteInputs
from generator.render.pages import PageRenderer
from generator.render.plan import KINDS, plan, reserved_names
from generator.render.planned import Planned
from generator.render.templates import Templates
from generator.site.assemble import Visibility, assemble
from tests.conftest import release

NOW = datetime.fromisoformat("2026-11-28T12:00:00+00:00")
ABSOLUTE = SiteConfig(base_url="https://press.example.org/")
ABOUT = "---\ntitle: About\n---\nWho we are.\n"
THEME = {"style.css": b"body { margin: 0 }\n"}
EXPECTED = "expected another slug, e.g. about or contact"
ASSET = SourceFile(shown="content/files/report.pdf", relative="files/report.pdf", data=b"%PDF-1.4")


def files(alpha: str = "Alpha", alpha_body: str = "A paragraph of text.") -> dict[str, str]:
    return {
        "releases/a.md": release(
            alpha,
            "2024-05-02",
            tags=["Norland", "Trade"],
            body=alpha_body,
            aliases='["/old-a/"]',
            summary="Alpha in short.",
        ),
        "releases/b.md": release("Beta", "2024-06-01", tags=["Norland"]),
        "pages/about.md": ABOUT,
    }


def model_of(
    contents: dict[str, str], config: SiteConfig = ABSOLUTE, reserved: frozenset[str] | None = None
) -> tuple[SiteModel, list[str]]:
    """The site model of these content files (paths under content/), and its problems as text."""
    sources = [
        (
            SourceFile(shown=f"content/{r}", relative=r, data=t.encode()),
            "release" if r.startswith("releases/") else "page",
        )
        for r, t in contents.items()
    ]
    results, _, _ = load_files(sources, config, {}, 1)
    assert all(not result.problems for result in results)
    items = [result.item for result in results]
    releases = [item for item in items if isinstance(item, Release)]
    pages = [item for item in items if isinstance(item, Page)]
    reserved = reserved_names() if reserved is None else reserved
    model, problems, _ = assemble(releases, pages, [], config, Visibility(NOW), reserved=reserved)
    return model, [str(problem) for problem in problems]


def renderer_of(model: SiteModel, config: SiteConfig = ABSOLUTE) -> PageRenderer:
    shipped = default_dir("templates")
    return PageRenderer(Templates([shipped], {shipped: "templates"}), config, model)


def planned(model: SiteModel, config: SiteConfig = ABSOLUTE) -> list[Planned]:
    return plan(renderer_of(model, config), THEME, [ASSET])


def test_every_output_of_a_small_site_is_planned_in_order() -> None:
    model, problems = model_of(files())
    assert problems == []
    paths = [item.path for item in planned(model)]
    assert paths == [
        "index.html",
        "releases/b/index.html",
        "releases/a/index.html",
        "releases/index.html",
        "tags/index.html",
        "offices/index.html",
        "types/index.html",
        "archive/index.html",
        "tags/norland/index.html",
        "tags/trade/index.html",
        "offices/office-of-the-spokesperson/index.html",
        "types/media-note/index.html",
        "archive/2024/index.html",
        "about/index.html",
        "search/index.html",
        "404.html",
        "old-a/index.html",
        "feed.xml",
        "tags/norland/feed.xml",
        "tags/trade/feed.xml",
        "offices/office-of-the-spokesperson/feed.xml",
        "types/media-note/feed.xml",
        "sitemap.xml",
        "releases.json",
        "live.json",
        "robots.txt",
        "theme/style.css",
        "files/report.pdf",
    ]


def test_without_an_absolute_base_url_there_are_no_feeds_sitemap_or_robots_txt() -> None:
    config = SiteConfig(base_url="/press/", search=False)
    model, _ = model_of(files(), config)
    paths = {item.path for item in planned(model, config)}
    assert not {path for path in paths if path.endswith(".xml")} and "robots.txt" not in paths
    assert "search/index.html" not in paths
    assert {"releases.json", "live.json", "index.html", "old-a/index.html"} <= paths


def test_a_large_site_gets_a_sitemap_index_over_its_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemaps, "SITEMAP_LIMIT", 5)
    model, _ = model_of(files())
    items = planned(model)
    parts = [item for item in items if item.path.startswith("sitemap")]
    assert [item.path for item in parts] == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = dict((f.path, f.data) for f in render_in_memory(renderer_of(model), parts))["sitemap.xml"]
    assert index.count(b"<sitemap><loc>https://press.example.org/sitemap-") == 3


def rendered(model: SiteModel) -> dict[str, tuple[str, bytes]]:
    """Each output's path -> (fingerprint, bytes)."""
    items = planned(model)
    data = {f.path: f.data for f in render_in_memory(renderer_of(model), items)}
    return {item.path: (item.fingerprint, data[item.path]) for item in items}


def changes(before: dict[str, tuple[str, bytes]], after: dict[str, tuple[str, bytes]]) -> tuple[set[str], set[str]]:
    """(paths whose fingerprint changed, paths whose bytes changed)."""
    assert before.keys() == after.keys()
    return (
        {path for path in before if before[path][0] != after[path][0]},
        {path for path in before if before[path][1] != after[path][1]},
    )


def test_a_body_edit_changes_the_fingerprint_of_its_own_page_alone() -> None:
    model, _ = model_of(files())
    edited, _ = model_of(files(alpha_body="Another paragraph, corrected."))
    fingerprints, data = changes(rendered(model), rendered(edited))
    assert fingerprints == data == {"releases/a/index.html"}


def test_a_title_change_changes_the_fingerprint_of_every_output_that_shows_it_and_no_other() -> None:
    before, after = rendered(model_of(files())[0]), rendered(model_of(files(alpha="Alpha, corrected"))[0])
    fingerprints, data = changes(before, after)
    assert fingerprints == data
    assert {"releases/a/index.html", "index.html", "old-a/index.html", "feed.xml", "releases.json"} <= data
    assert "sitemap.xml" not in data and "tags/index.html" not in data and "404.html" not in data


def test_a_setting_every_page_shows_changes_every_page() -> None:
    model, _ = model_of(files())
    retitled = dataclasses.replace(ABSOLUTE, title="Another Ministry")
    before = {item.path: item.fingerprint for item in planned(model)}
    after = {item.path: item.fingerprint for item in planned(model, retitled)}
    pages = {path for path in before if path.endswith(".html")}
    assert pages and all(before[path] != after[path] for path in pages)
    assert (
        before["theme/style.css"] == after["theme/style.css"]
        and before["files/report.pdf"] == after["files/report.pdf"]
    )


def test_the_reserved_names_are_the_first_segments_the_kinds_write_at() -> None:
    assert reserved_names() == {
        "releases", "tags", "offices", "types", "archive", "search", "404.html", "feed.xml",
        "sitemap.xml", "robots.txt", "releases.json", "live.json", "theme", "pagefind",
    }  # fmt: skip
    model, _ = model_of(files())
    own = {page.slug for page in model.pages} | {"index.html", "old-a", ASSET.relative.split("/")[0]}
    firsts = {item.path.split("/")[0] for item in planned(model)}
    assert firsts - own <= reserved_names()


def test_a_page_may_not_take_a_reserved_name_as_its_slug() -> None:
    _, problems = model_of({"pages/tags.md": ABOUT})
    assert problems == [f'content/pages/tags.md:1: slug: "tags" is a URL the generator uses itself ({EXPECTED})']


@dataclass(frozen=True, slots=True)
class Colophon:
    """A kind of output only this test knows: /colophon/, listing the site's release titles."""

    titles: tuple[str, ...]

    parallel: ClassVar[bool] = True

    @property
    def url(self) -> str:
        return "colophon/"

    @property
    def path(self) -> str:
        return "colophon/index.html"

    def fingerprint(self, site: str) -> str:
        return "\n".join((site, *self.titles))

    def render(self, renderer: PageRenderer) -> Rendered:
        return ("\n".join(self.titles) + "\n").encode(), frozenset()


def colophons(site: SiteInputs, before: Sequence[Output]) -> Iterator[Colophon]:
    yield Colophon(tuple(release.title for release in site.renderer.model.releases))


COLOPHON = Kind(frozenset({"colophon"}), colophons)


def test_a_kind_registered_in_a_tuple_of_kinds_is_planned_rendered_and_reserved() -> None:
    kinds = (*KINDS, COLOPHON)
    model, _ = model_of(files())
    renderer = renderer_of(model)
    items = plan(renderer, THEME, [ASSET], kinds)
    assert items[-1].path == "colophon/index.html"
    assert [item.path for item in items[:-1]] == [item.path for item in planned(model)]
    written = {f.path: f.data for f in render_in_memory(renderer, items)}
    assert written["colophon/index.html"] == b"Beta\nAlpha\n"
    _, problems = model_of({**files(), "pages/colophon.md": ABOUT}, reserved=reserved_names(kinds))
    assert problems == [
        f'content/pages/colophon.md:1: slug: "colophon" is a URL the generator uses itself ({EXPECTED})'
    ]
