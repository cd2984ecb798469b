"""The configured Markdown renderer: CommonMark + tables, strikethrough,
footnotes and heading anchors; raw HTML escaped unless the site allows it.

Relative links between content files are rewritten to the pages they become
(`releases/2024/x.md` -> `/releases/<slug>/`), and every link target is
collected so `check` can verify them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from generator.model import Link
from generator.slugs import shorten, slugify

SUMMARY_LENGTH = 200


@dataclass(frozen=True, slots=True)
class RenderedBody:
    html: str
    first_paragraph: str  #: plain text, "" if the body has no paragraph
    links: tuple[Link, ...]  #: every link and image; lines counted from the body's first line (0)


def _heading_slug(text: str) -> str:
    return slugify(text) or "section"


def _is_relative(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and not target.startswith(("/", "#", "?"))


class BodyRenderer:
    """Renders release and page bodies for one site.

    `targets` maps content-relative paths ("releases/2024/a.md", "files/x.pdf")
    to site paths (with the base path, e.g. "/press/releases/a/").
    """

    def __init__(self, allow_html: bool, targets: Mapping[str, str]) -> None:
        self.targets = targets
        self.md = (
            MarkdownIt("commonmark", {"html": allow_html})
            .enable(["table", "strikethrough"])
            .use(footnote_plugin)
            .use(anchors_plugin, min_level=2, max_level=4, slug_func=_heading_slug)
        )
        self.md.core.ruler.push("content_links", self._rewrite_links)

    def _rewrite_links(self, state: StateCore) -> None:
        source: str = state.env.get("source", "")
        links: list[Link] = state.env.setdefault("links", [])
        for token in state.tokens:
            line = token.map[0] if token.map else 0
            for child in token.children or ():
                attr = "href" if child.type == "link_open" else "src" if child.type == "image" else ""
                target = child.attrGet(attr) if attr else None
                if not isinstance(target, str):
                    continue
                resolved = self.resolve(source, target)
                if resolved is not None:
                    child.attrSet(attr, resolved)
                links.append(Link(target, resolved or target, line))

    def resolve(self, source: str, target: str) -> str | None:
        """The site path of a relative link from content file `source`, if it names a content file."""
        if not _is_relative(target):
            return None
        parts = urlsplit(target)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
        site_path = self.targets.get(path)
        if site_path is None:
            return None
        return site_path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")

    def render(self, body: str, source: str, first_line: int = 0) -> RenderedBody:
        """Render the body of content file `source`; `first_line` is the file line the body starts on."""
        env: dict[str, object] = {"source": source}
        tokens = self.md.parse(body, env)
        html = self.md.renderer.render(tokens, self.md.options, env)
        found = env.get("links", [])
        links = tuple(Link(k.target, k.href, k.line + first_line) for k in found) if isinstance(found, list) else ()
        return RenderedBody(html, _first_paragraph(tokens), links)


def _plain(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _first_paragraph(tokens: list[Token]) -> str:
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and index + 1 < len(tokens):
            text = _plain(tokens[index + 1]).strip()
            if text:
                return text
    return ""


def summarize(text: str) -> str:
    """The default summary: plain text cut at a word near SUMMARY_LENGTH characters."""
    return shorten(text, SUMMARY_LENGTH)
