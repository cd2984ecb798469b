"""Do the links resolve? Checked on rendered output in memory, never on disk.

Body links are reported at their file and line; links that templates
write are reported at the page (and template-made link) that carries them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from generator.content.markup import LinkResolver
from generator.errors import Problem
from generator.model import Link, OutputFile, Page, Release
from generator.weburls import served_file

LINK_EXPECTED = "a relative path to a file under content/, a page of this site, or a full URL"
NOT_PUBLIC_EXPECTED = "a link to a published release or page; add this one when it is public"
_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}


class SiteFiles:
    """The set of output paths, answering whether a site path leads somewhere."""

    def __init__(self, paths: Iterable[str], base_path: str) -> None:
        self.paths = frozenset(paths)
        self.base_path = base_path

    def is_checked(self, href: str) -> bool:
        """Only links into this site are checked: not full URLs, mailto:, fragments alone."""
        if href.startswith(("https:", "http:", "mailto:", "#")):
            return False
        parts = urlsplit(href)
        return not parts.scheme and not parts.netloc and bool(parts.path)

    def resolves(self, href: str, page: str = "") -> bool:
        path = unquote(urlsplit(href).path)
        if not path.startswith("/"):
            path = "/" + _join(page, path)
        if not path.startswith(self.base_path):
            return False  # outside the site: no page of ours is there
        inside = path[len(self.base_path) :]
        # A folder's URL written without its "/" leads to its page too.
        return served_file(inside) in self.paths or served_file(f"{inside}/") in self.paths


def _join(page: str, relative: str) -> str:
    folder = posixpath.dirname(page)
    return posixpath.normpath(posixpath.join(folder, relative)).lstrip("/")


@dataclass(frozen=True, slots=True)
class Linked:
    """Text with links, from a content file: a release's or page's body, an office's description."""

    source: str  #: the file as shown in messages
    relative: str  #: the file relative to content/ (relative links start from its folder)
    links: tuple[Link, ...]


def body_link_problems(
    items: Sequence[Release | Page | Linked], files: SiteFiles, resolver: LinkResolver | None = None
) -> list[Problem]:
    """A problem for every link or image in a body that leads nowhere, or to a release or
    page that is not public yet (written as plain text)."""
    problems = []
    for item in items:
        for link in item.links:
            reason = resolver.not_public(item.relative, link.target) if resolver else None
            if reason is not None:
                message = f'"{link.target}" is not public yet ({reason}): its text is shown without the link'
                problems.append(Problem(item.source, link.line, "link", message, NOT_PUBLIC_EXPECTED))
            elif files.is_checked(link.href) and not _body_link_ok(link, files):
                problems.append(
                    Problem(item.source, link.line, "link", f'"{link.target}" leads to no file or page', LINK_EXPECTED)
                )
    return problems


def leads_nowhere(problem: Problem) -> bool:
    """Is this one of `body_link_problems`' links or images that lead to no file or page (not
    one to a release that is not public yet, which is shown as plain text)?"""
    return problem.field == "link" and problem.expected == LINK_EXPECTED


def _body_link_ok(link: Link, files: SiteFiles) -> bool:
    # A relative link that was not rewritten names no content file.
    return link.href.startswith("/") and files.resolves(link.href)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = _ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.found.append((value, self.getpos()[0]))


def page_links(file: OutputFile) -> list[tuple[str, int]]:
    """(target, line) of every a/link/img/script/source/iframe reference in an HTML file."""
    collector = _Collector()
    collector.feed(file.data.decode("utf-8", "replace"))
    collector.close()
    return collector.found


def page_link_problems(files: Sequence[OutputFile], site: SiteFiles, known: Iterable[str] = ()) -> list[Problem]:
    """A problem for every target that templates link to and that leads nowhere, once per target."""
    skip = set(known)
    pages_of: dict[str, list[tuple[str, int]]] = {}
    for file in files:
        if not file.path.endswith(".html"):
            continue
        for target, line in page_links(file):
            if target in skip or not site.is_checked(target) or site.resolves(target, file.path):
                continue
            pages_of.setdefault(target, []).append((file.path, line))
    problems = []
    for target, pages in sorted(pages_of.items()):
        page, line = pages[0]
        more = f" (and on {len(pages) - 1} other pages)" if len(pages) > 1 else ""
        problems.append(
            Problem(f"{site.base_path}{page}", line, "link", f'"{target}" leads nowhere{more}', LINK_EXPECTED)
        )
    return problems
