"""The leak audit: no trace of a release that is not public may be in what a build writes.

A release is not public in a build when it is dated after the build time (embargoed) or
is a draft, unless --future / --drafts show it. Every file of the new output (pages, feeds,
JSON, the sitemap, files copied from content/, the search bundle) is searched by its bytes,
before the new output is switched in, for
- the release's URL as a whole path (`releases/page` is not in `/releases/page/2/`), in any
  case: as written, and as a browser follows a link spelled with percent-escapes, character
  references, dot segments, backslashes or relative to the page (see `leakmatch.url_path`);
- its title as visible text (any case, whitespace, no-break spaces, inline markup between
  words, character references), unless the title is short (fewer than MIN_TITLE_WORDS words
  or MIN_TITLE_CHARS characters) or part of something public (a published release's or
  page's title, a tag, office or type name, the site's title or description): then only
  the URL can tell.
Draft pages are searched for the same way (their URL as a whole path: `/merger-plans/`,
not `/blog/merger-plans/`), and so is every alias of a hidden release.
Pure: bytes in, problems out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.digests import content_digest
from generator.errors import Problem
from generator.model import Page, Release
from generator.publish.leakmatch import (
    URL_SPELLINGS,
    path_pattern,
    path_start,
    plain_text,
    relative_start_pattern,
    standalone,
    titles_pattern,
    token_at,
    whole_paths_patterns,
    without_invisible,
)
from generator.weburls import link_value, same_site, url_path

LEAK_EXPECTED = "no trace of a release before it is public: a template, a link or an alias shows it"
#: Changes whenever what the audit finds changes: a file searched by another version is searched again.
AUDIT_FORMAT = "leak-audit 4"
MIN_TITLE_WORDS = 2
MIN_TITLE_CHARS = 12


@dataclass(frozen=True, slots=True)
class Hidden:
    """A release this build does not publish."""

    source: str
    slug: str
    title: str
    reason: str  #: e.g. "is not public until 2026-12-01T09:00:00+00:00"
    slug_line: int  #: the line of `field`
    title_line: int
    path: str = ""  #: for a page or an alias: its site path without the base path ("merger-plans/"); else ""
    field: str = "slug"  #: the front-matter key that names the URL: "slug", or "aliases"
    kind: str = "release"  #: "release" or "page"

    @property
    def shown_url(self) -> str:
        return self.path.strip("/") if self.path else f"releases/{self.slug}"


@dataclass(frozen=True, slots=True)
class Leak:
    hidden: Hidden
    what: str  #: the hidden item's URL field ("slug", "aliases") or "title"
    path: str  #: the output file, relative to the output folder
    line: int
    written: str = ""  #: how a link that had to be decoded or resolved was written


def searched_title(title: str, public: str) -> bool:
    """Is a title distinctive enough to be searched for as text (see the module's docstring)?"""
    plain = plain_text(title)
    return len(plain.split()) >= MIN_TITLE_WORDS and len(plain) >= MIN_TITLE_CHARS and plain not in public


class LeakAudit:
    """Searches output files for the hidden releases' URLs and titles."""

    def __init__(
        self, hidden: Sequence[Hidden], public: Iterable[str], base_path: str = "/", base_url: str = ""
    ) -> None:
        public_text = plain_text("\x00".join(public))
        #: The site's own host, where base_url names one: a hidden page's or alias's path (as
        #: plain as `/contact/`) on another host is a link elsewhere, not a trace.
        self._base_url = base_url if urlsplit(base_url).netloc else ""
        self._hidden = list(hidden)
        self._by_slug = {h.slug.lower(): i for i, h in enumerate(hidden) if h.slug and not h.path}
        self._by_path = {h.path.strip("/").lower(): i for i, h in enumerate(hidden) if h.path}
        slugs = sorted(self._by_slug)
        self._in_text = path_pattern(slugs, in_text=True)
        self._resolved = path_pattern(slugs, in_text=False)
        self._relative = relative_start_pattern(slugs)
        self._paths = whole_paths_patterns(sorted(self._by_path), base_path)
        self._by_title = [i for i, h in enumerate(hidden) if searched_title(h.title, public_text)]
        self._titles = titles_pattern([hidden[i].title for i in self._by_title])
        #: What was searched for (digests): a file checked against these needs no new check
        #: while the markers of later builds are among them.
        self.markers = (
            frozenset(content_digest(AUDIT_FORMAT, "slug", s) for s in slugs)
            | frozenset(content_digest(AUDIT_FORMAT, "path", p) for p in self._by_path)
            | frozenset(content_digest(AUDIT_FORMAT, "title", plain_text(hidden[i].title)) for i in self._by_title)
        )

    def scan(self, path: str, data: bytes) -> list[Leak]:
        """Every hidden item whose URL or title is in `data` (the first place, per item and kind)."""
        if not self._hidden:
            return []
        lowered = data.lower()
        first: dict[tuple[int, str], tuple[int, int, str]] = {}

        def found(index: int, what: str, at: int, written: str = "", text: bytes = lowered) -> None:
            key, line = (index, what), text.count(b"\n", 0, at) + 1
            if key not in first or (line, at) < first[key][:2]:
                first[key] = (line, at, written)

        for match in self._in_text.finditer(lowered) if self._in_text else ():
            found(self._by_slug[match.group(1).decode()], "url", match.start())
        tokens = self._spelled_links(path, lowered)
        for match in self._paths.in_text.finditer(lowered) if self._paths else ():
            if (at := path_start(lowered, match.start())) is None:
                continue
            if standalone(lowered, at):
                found(self._by_path[re.sub(rb"[/\\]+", b"/", match.group(1)).decode()], "url", at)
            else:
                start, token = token_at(lowered, at)
                tokens[start] = start + len(token)
        for at, end in tokens.items():
            written = lowered[at:end].replace(b"\\/", b"/").decode("utf-8", "replace")
            resolved = url_path(written, "/" + path)
            if resolved is not None and (index := self._resolved_path(resolved)) is not None:
                if self._hidden[index].path and not self._on_this_site(written):
                    continue
                found(index, "url", at, data[at:end].decode("utf-8", "replace"))
        if self._titles is not None:
            pattern, titles = self._titles
            visible = without_invisible(lowered)  # (line breaks kept, so lines are the file's)
            for match in pattern.finditer(visible):
                found(self._by_title[titles[(match.lastindex or 1) - 1]], "title", match.start(), text=visible)
        return [
            Leak(self._hidden[index], self._hidden[index].field if what == "url" else what, path, line, written)
            for (index, what), (line, _, written) in sorted(first.items(), key=lambda item: item[1])
        ]

    def _resolved_path(self, resolved: str) -> int | None:
        """The hidden item a link that leads to the site path `resolved` names, or None."""
        if self._resolved is not None and (match := self._resolved.search(resolved.encode())):
            return self._by_slug[match.group(1).decode()]
        if self._paths is not None and (match := self._paths.exact.search(resolved.encode())):
            return self._by_path[match.group(1).decode()]
        return None

    def _on_this_site(self, written: str) -> bool:
        """Does a link lead to this site: a path, or a URL on its host (any host where base_url has none)?"""
        if not self._base_url:
            return True
        value = link_value(written)
        return not re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", value) or same_site(value, self._base_url)

    def _spelled_links(self, path: str, lowered: bytes) -> dict[int, int]:
        """Where the tokens start and end that may be links the plain search cannot read."""
        spellings = list(URL_SPELLINGS)
        if path.rpartition("/")[0] == "releases" and self._relative is not None:
            spellings.append(self._relative)  # a relative link from releases/ itself: href="secret/"
        if self._paths is not None and (relative := self._paths.relative.get(path.rpartition("/")[0])):
            spellings.append(relative)  # href="merger-plans/" from the home page
        tokens = {}
        for spelling in spellings:
            for match in spelling.finditer(lowered):
                start, token = token_at(lowered, match.end() - 1)
                tokens[start] = start + len(token)
        return tokens


def hidden_items(unpublished: Iterable[Release | Page]) -> list[Hidden]:
    """What the audit searches for of the releases and pages a build does not publish: a
    release's slug, a page's URL, every alias (each with the line that names it), their titles."""
    hidden = []
    for item in unpublished:
        reason = _reason(item)
        slug_line, title_line = item.line("slug"), item.line("title")
        if isinstance(item, Page):
            hidden.append(
                Hidden(item.source, item.slug, item.title, reason, slug_line, title_line, item.url, kind="page")
            )
            continue
        hidden.append(Hidden(item.source, item.slug, item.title, reason, slug_line, title_line))
        for alias in item.aliases:
            hidden.append(Hidden(item.source, item.slug, "", reason, alias.line, title_line, alias.url, "aliases"))
    return hidden


def _reason(item: Release | Page) -> str:
    if item.draft or isinstance(item, Page):
        return "is a draft"
    return f"is not public until {item.date.isoformat()}"


def leak_problems(leaks: Sequence[Leak]) -> list[Problem]:
    """One error per hidden release and kind of trace, naming the first file and counting the others."""
    grouped: dict[tuple[str, str], list[Leak]] = {}
    for leak in leaks:
        grouped.setdefault((leak.hidden.source, leak.what), []).append(leak)
    problems = []
    for (_, what), found in sorted(grouped.items()):
        found.sort(key=lambda leak: leak.path)
        first, hidden = found[0], found[0].hidden
        more = f" (and in {len(found) - 1} other files)" if len(found) > 1 else ""
        value = f'"{hidden.title}"' if what == "title" else f'"{hidden.shown_url}"'
        if first.written:
            value += f" (as the link {first.written!r})"
        line = hidden.title_line if what == "title" else hidden.slug_line
        message = f"{value} appears in /{first.path} line {first.line}{more}, but this {hidden.kind} {hidden.reason}"
        problems.append(Problem(hidden.source, line, what, message, LEAK_EXPECTED))
    return problems
