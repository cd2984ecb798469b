"""The configured Markdown renderer: CommonMark + tables, strikethrough,
footnotes and heading anchors; raw HTML escaped unless the site allows it.

A body is rendered on its own, without knowing the other files, so the result
can be cached by the file's content and rendered in parallel. Every relative
link is left as a placeholder; `LinkResolver` then turns the ones that name a
content file into that file's URL (`releases/2024/x.md` -> `/releases/<slug>/`)
and puts the others back as written. Every link is also collected, with its
line, so `check` can verify it.
"""

from __future__ import annotations

import itertools
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from generator.content.safelinks import is_safe_url
from generator.model import Link
from generator.slugs import slugify
from generator.weburls import same_site, served_file, url_path

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: never in output, removed from input
_END = "\ue002"  # after the </a> of a link with a placeholder, so the whole link can be found again
_PLACEHOLDER = re.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")
#: A link with a placeholder, as markdown-it writes it (attribute values escaped: no ">" or
#: '"' inside), up to its own </a> (local links never nest; a footnote's </a> has no _END).
_LOCAL_LINK = re.compile(f'<a href="{_OPEN}([^{_CLOSE}]*){_CLOSE}"([^>]*)>(.*?)</a>{_END}', re.DOTALL)
_LOCAL_IMAGE = re.compile(f'<img src="{_OPEN}([^{_CLOSE}]*){_CLOSE}" alt="([^"]*)"[^>]*>')


@dataclass(frozen=True, slots=True)
class RenderedBody:
    html: str  #: with relative links as placeholders until `LinkResolver.fix`
    #: The paragraph an automatic summary is made of, as plain text: the first one, or the
    #: second when the first is a lead-in ("The following is attributable to ...:"); "" if none.
    first_paragraph: str
    links: tuple[Link, ...]  #: every link and image, with its file line
    first_paragraph_line: int = 0  #: the file line `first_paragraph` starts on (0: no paragraph)


#: The footnotes plugin's ids: "fn1" on a note, "fnref1" (and "fnref1:2") on its references.
_FOOTNOTE_ID = re.compile(r"fn(?:ref)?[0-9]+")


def _heading_slug(text: str) -> str:
    """A heading's id: its slug, with "-section" added when that is an id the templates or
    the footnotes take (the anchors plugin then adds "-1", "-2" to repeats)."""
    slug = slugify(text) or "section"
    return f"{slug}-section" if slug in RESERVED_IDS or _FOOTNOTE_ID.fullmatch(slug) else slug


def _page_key(path: str) -> str:
    """A site path as a key for the page it serves: `/x/`, `/x` and `/x/index.html` are one."""
    path = path.removesuffix("index.html") if path.endswith("/index.html") else path
    return path.rstrip("/") or "/"


def _is_web(target: str) -> bool:
    """An http(s) or scheme-relative URL: one may lead to this site (LinkResolver checks)."""
    return target.lower().startswith(("http:", "https:", "//"))


def _is_relative(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and not target.startswith(("/", "#", "?"))


def is_site_path(target: str) -> bool:
    """A path on this site written from its root, e.g. "/releases/x/" (not "//host/...")."""
    return target.startswith("/") and not target.startswith(("//", "/\\"))


def with_base(base_path: str, target: str) -> str:
    """A site path as served under base_path: "/releases/x/" -> "/press/releases/x/"."""
    if not is_site_path(target) or base_path == "/" or target.startswith(base_path):
        return target
    if target == base_path.rstrip("/"):
        return target
    return base_path.rstrip("/") + target


#: Every id the shipped templates use: heading ids must not take them (a test reads templates/).
RESERVED_IDS = frozenset(
    {
        "main",
        "live-banner",
        "tags-heading",
        "related-heading",
        "latest-heading",
        "browse-heading",
        "search",
        "search-heading",
        "site-search-input",
        "search-input",
        "content",
    }
)


def _table_open(renderer: Any, tokens: list[Token], index: int, options: Any, env: dict[str, Any]) -> str:
    """A table in a box that scrolls sideways on narrow screens; keyboard users can focus the
    box to scroll it, and it is named so screen readers can tell the boxes apart."""
    env["tables"] = number = env.get("tables", 0) + 1
    box = f'<div class="table-scroll" role="region" aria-label="Table {number}" tabindex="0">\n'
    return box + str(renderer.renderToken(tokens, index, options, env))


def _link_close(renderer: Any, tokens: list[Token], index: int, options: Any, env: dict[str, Any]) -> str:
    end = _END if tokens[index].meta.get("local") else ""
    return str(renderer.renderToken(tokens, index, options, env)) + end


def _table_close(renderer: Any, tokens: list[Token], index: int, options: Any, env: dict[str, Any]) -> str:
    return str(renderer.renderToken(tokens, index, options, env)) + "</div>\n"


def normalized(text: str) -> str:
    """Line endings and NUL as CommonMark reads them: what markdown-it's "normalize" rule does."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


class _Markdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
        """Every link, image and autolink URL of a body passes here (entities already decoded)."""
        return is_safe_url(url)


class BodyRenderer:
    """Renders release and page bodies for one site (one per process)."""

    def __init__(self, allow_html: bool) -> None:
        self.md = (
            _Markdown("commonmark", {"html": allow_html})
            .enable(["table", "strikethrough"])
            .use(footnote_plugin)
            .use(anchors_plugin, min_level=2, max_level=4, slug_func=_heading_slug)
        )
        # markdown-it's own "normalize" rule rewrites every line ending with a regex, one match
        # per line (about 6% of its time); `render` does the same with str.replace.
        self.md.disable("normalize")
        if not allow_html:  # the raw HTML rules would only try each line and "<", and give up
            self.md.disable(["html_block", "html_inline"])
        self.md.core.ruler.push("content_links", self._collect_links)
        self.md.add_render_rule("table_open", _table_open)
        self.md.add_render_rule("table_close", _table_close)
        self.md.add_render_rule("link_close", _link_close)

    def _collect_links(self, state: StateCore) -> None:
        links: list[Link] = state.env.setdefault("links", [])
        first_line: int = state.env.get("first_line", 0)
        for token in state.tokens:
            line = first_line + (token.map[0] if token.map else 0)
            local_open = False
            for child in token.children or ():
                if child.type in ("softbreak", "hardbreak"):
                    line += 1  # a link on a paragraph's third line is reported there
                if child.type == "link_close" and local_open:
                    child.meta["local"], local_open = True, False
                attr = "href" if child.type == "link_open" else "src" if child.type == "image" else ""
                target = child.attrGet(attr) if attr else None
                if not isinstance(target, str):
                    continue
                local = _is_relative(target) or is_site_path(target)
                # A full URL stays as written, but may lead to an unpublished page of this site.
                held = local or _is_web(target)
                child.attrSet(attr, f"{_OPEN}{quote(target, safe='')}{_CLOSE}" if held else target)
                local_open = local_open or (held and child.type == "link_open")
                links.append(
                    Link(target=target, href=f"{_OPEN}{quote(target, safe='')}{_CLOSE}" if local else target, line=line)
                )

    def render(self, body: str, first_line: int = 0) -> RenderedBody:
        """Render a body that starts on `first_line` of its file."""
        body = normalized(body.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd").replace(_END, "\ufffd"))
        env: dict[str, object] = {"first_line": first_line}
        tokens = self.md.parse(body, env)
        html = self.md.renderer.render(tokens, self.md.options, env)
        found = env.get("links", [])
        text, line = _first_paragraph(tokens)
        links = tuple(found) if isinstance(found, list) else ()
        return RenderedBody(html, text, links, first_line + line if text else 0)


class LinkResolver:
    """Turns placeholders into URLs: `targets` maps content-relative paths
    ("releases/2024/a.md", "files/x.pdf") to site paths ("/press/releases/a/");
    site paths written from the root get the base path. `hidden` maps the content-relative
    paths and site paths of releases and pages the build does not publish to why
    ("scheduled for ...", "a draft"): a link to one is written as its text alone, an
    image as its description, so their URLs appear nowhere."""

    def __init__(
        self,
        targets: Mapping[str, str],
        base_path: str = "/",
        hidden: Mapping[str, str] | None = None,
        base_url: str = "/",
    ) -> None:
        self.targets = targets
        self.base_path = base_path
        self.base_url = base_url
        self.hidden = hidden or {}
        self._hidden_paths = {_page_key(k.lower()): v for k, v in self.hidden.items() if k.startswith("/")}
        self._resolved: dict[tuple[str, str], str] = {}  # (folder, target) -> URL: links repeat

    def not_public(self, source: str, target: str) -> str | None:
        """Why a link from content file `source` to `target` leads to something not public
        in this build, or None: a link to its content file, or to its URL or an alias however
        spelled (as the leak audit reads links: `leakmatch.url_path`), from the root, relative
        to the page, or in full on this site's base_url."""
        if not self.hidden:
            return None
        if _is_relative(target):
            path = unquote(urlsplit(target).path)
            reason = self.hidden.get(posixpath.normpath(posixpath.join(posixpath.dirname(source), path)))
            if reason is not None:
                return reason
        elif not is_site_path(target) and not same_site(target, self.base_url):
            return None
        page = served_file(self.targets.get(source, self.base_path))
        resolved = url_path(with_base(self.base_path, target), page)
        return None if resolved is None else self._hidden_paths.get(_page_key(resolved))

    def resolve(self, source: str, target: str) -> str:
        """The URL of a relative link from content file `source`, or the target as written."""
        key = (posixpath.dirname(source), target)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(source, target)
        return self._resolved[key]

    def _resolve(self, source: str, target: str) -> str:
        if is_site_path(target):
            return with_base(self.base_path, target)
        if not _is_relative(target):
            return target
        parts = urlsplit(target)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
        site_path = self.targets.get(path)
        if site_path is None:
            return target
        query = f"?{parts.query}" if parts.query else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return site_path + query + fragment

    def _final(self, source: str, href: str) -> str:
        if not href.startswith(_OPEN):
            return href
        match = _PLACEHOLDER.fullmatch(href)
        if not match:
            return href
        target = unquote(match.group(1))
        return "" if self.not_public(source, target) else self.resolve(source, target)

    def fix_links(self, links: tuple[Link, ...], source: str) -> tuple[Link, ...]:
        """The links of a body with every placeholder resolved."""
        if not any(_OPEN in link.href for link in links):
            return links
        return tuple(Link(target=k.target, href=self._final(source, k.href), line=k.line) for k in links)

    def fix_html(self, html: str, source: str) -> str:
        """A body's HTML with every placeholder resolved."""
        if _OPEN not in html:
            return html

        def link(match: re.Match[str]) -> str:
            target, attributes, inner = match.groups()
            if self.not_public(source, unquote(target)):
                return inner
            return f'<a href="{_OPEN}{target}{_CLOSE}"{attributes}>{inner}</a>'

        def image(match: re.Match[str]) -> str:
            return match.group(2) if self.not_public(source, unquote(match.group(1))) else match.group(0)

        def replace(match: re.Match[str]) -> str:
            resolved = self.resolve(source, unquote(match.group(1)))
            return resolved.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")

        if self.hidden:
            html = _LOCAL_IMAGE.sub(image, _LOCAL_LINK.sub(link, html))
        return _PLACEHOLDER.sub(replace, html).replace(_END, "")


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


def _first_paragraph(tokens: list[Token]) -> tuple[str, int]:
    """The summary's paragraph and its line in the body: the first paragraph with text, unless
    it is a lead-in line (it ends with a colon: "The following is attributable to ...:"), which
    says nothing of the release, and another paragraph follows it."""
    found = (
        (text, token.map[0] if token.map else 0)
        for index, token in enumerate(tokens)
        if token.type == "paragraph_open" and index + 1 < len(tokens)
        if (text := _plain(tokens[index + 1]).strip())
    )
    paragraphs = list(itertools.islice(found, 2))
    if len(paragraphs) > 1 and paragraphs[0][0].endswith(":"):
        return paragraphs[1]
    return paragraphs[0] if paragraphs else ("", 0)
