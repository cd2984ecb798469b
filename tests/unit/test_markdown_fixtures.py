"""Our Markdown rules as data: each case in tests/unit/fixtures/markdown/*.md is a title, the
body between "." lines, then the HTML a page carries of it (the format of markdown-it-py's
tests/test_port/fixtures, read with its `read_fixture_file`).

Every body is rendered as the build renders it: `BodyRenderer` with the site's `allow_html`
(on only in raw-html-allowed.md), then `LinkResolver.fix_html` for a release at
content/releases/2024/a.md of a site served at https://example.org/press/, whose other
content files and hidden releases are TARGETS and HIDDEN below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from generator.content.markup import BodyRenderer, LinkResolver

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
SOURCE = "releases/2024/a.md"
BASE_URL = "https://example.org/press/"
#: Content-relative path -> site path, as the build maps the files of a site.
TARGETS = {
    "releases/2024/b.md": "/press/releases/b/",
    "releases/2023/old.md": "/press/releases/old-name/",
    "releases/2024/later.md": "/press/releases/later/",
    "releases/2024/chart.png": "/press/releases/2024/chart.png",
    "files/my report #1.pdf": "/press/files/my%20report%20%231.pdf",
    "pages/about.md": "/press/about/",
    "pages/draft.md": "/press/draft/",
}
#: What the build does not publish (a release scheduled for later, a draft page), by content
#: path and by URL, with why.
HIDDEN = {
    "releases/2024/later.md": "scheduled for 2026-12-01T09:00:00+00:00",
    "/press/releases/later/": "scheduled for 2026-12-01T09:00:00+00:00",
    "pages/draft.md": "a draft",
    "/press/draft/": "a draft",
}
ALLOW_HTML = {"raw-html-allowed.md"}
CASES = [
    pytest.param(path.name, line, body, html, id=f"{path.stem}:{line}:{title}")
    for path in sorted(FIXTURES.glob("*.md"))
    for line, title, body, html in read_fixture_file(path)
]


def render(body: str, allow_html: bool) -> str:
    rendered = BodyRenderer(allow_html=allow_html).render(body)
    resolver = LinkResolver(targets=TARGETS, base_path="/press/", hidden=HIDDEN, base_url=BASE_URL)
    return resolver.fix_html(rendered.html, SOURCE)


TOPICS = {
    "headings.md",
    "links.md",
    "images.md",
    "unsafe-urls.md",
    "raw-html.md",
    "raw-html-allowed.md",
    "footnotes.md",
    "tables.md",
}


def test_each_topic_has_its_cases() -> None:
    """(A parametrised test over no cases would pass.)"""
    assert {path.name for path in FIXTURES.glob("*.md")} == TOPICS
    assert {name for name, *_ in (case.values for case in CASES)} == TOPICS


@pytest.mark.parametrize(("name", "line", "body", "html"), CASES)
def test_markdown_fixture(name: str, line: int, body: str, html: str) -> None:
    assert render(body, name in ALLOW_HTML) == html, f"{name}:{line + 1}"
