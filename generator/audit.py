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
Pure: bytes in, problems out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.errors import Problem
from generator.leakmatch import (
    URL_SPELLINGS,
    path_pattern,
    plain_text,
    relative_start_pattern,
    titles_pattern,
    token_at,
    url_path,
    without_invisible,
)
from generator.model import Release, content_digest

LEAK_EXPECTED = "no trace of a release before it is public: a template, a link or an alias shows it"
#: Changes whenever what the audit finds changes: a file searched by another version is searched again.
AUDIT_FORMAT = "leak-audit 3"
MIN_TITLE_WORDS = 2
MIN_TITLE_CHARS = 12


@dataclass(frozen=True, slots=True)
class Hidden:
    """A release this build does not publish."""

    source: str
    slug: str
    title: str
    reason: str  #: e.g. "is not public until 2026-12-01T09:00:00+00:00"
    slug_line: int
    title_line: int


@dataclass(frozen=True, slots=True)
class Leak:
    hidden: Hidden
    what: str  #: "slug" or "title"
    path: str  #: the output file, relative to the output folder
    line: int
    written: str = ""  #: how a link that had to be decoded or resolved was written


def searched_title(title: str, public: str) -> bool:
    """Is a title distinctive enough to be searched for as text (see the module's docstring)?"""
    plain = plain_text(title)
    return len(plain.split()) >= MIN_TITLE_WORDS and len(plain) >= MIN_TITLE_CHARS and plain not in public


class LeakAudit:
    """Searches output files for the hidden releases' URLs and titles."""

    def __init__(self, hidden: Sequence[Hidden], public: Iterable[str]) -> None:
        public_text = plain_text("\x00".join(public))
        self._by_slug = {h.slug.lower(): h for h in hidden}
        slugs = sorted(self._by_slug)
        self._in_text = path_pattern(slugs, in_text=True)
        self._resolved = path_pattern(slugs, in_text=False)
        self._relative = relative_start_pattern(slugs)
        self._by_title = [h for h in hidden if searched_title(h.title, public_text)]
        self._titles = titles_pattern([h.title for h in self._by_title])
        #: What was searched for (digests): a file checked against these needs no new check
        #: while the markers of later builds are among them.
        self.markers = frozenset(content_digest(AUDIT_FORMAT, "slug", s) for s in slugs) | frozenset(
            content_digest(AUDIT_FORMAT, "title", plain_text(h.title)) for h in self._by_title
        )

    def scan(self, path: str, data: bytes) -> list[Leak]:
        """Every hidden release whose URL or title is in `data` (the first place, per release and kind)."""
        if self._in_text is None:
            return []
        lowered = data.lower()
        first: dict[tuple[str, str], tuple[int, int, str]] = {}

        def found(key: tuple[str, str], at: int, written: str = "", text: bytes = lowered) -> None:
            line = text.count(b"\n", 0, at) + 1
            if key not in first or (line, at) < first[key][:2]:
                first[key] = (line, at, written)

        for match in self._in_text.finditer(lowered):
            found((match.group(1).decode(), "slug"), match.start())
        for at, end in self._spelled_links(path, lowered).items():
            resolved = url_path(lowered[at:end].decode("utf-8", "replace"), "/" + path)
            if resolved is not None and (whole := self._resolved_path(resolved)):
                found((whole.group(1).decode(), "slug"), at, data[at:end].decode("utf-8", "replace"))
        if self._titles is not None:
            pattern, titles = self._titles
            visible = without_invisible(lowered)  # (line breaks kept, so lines are the file's)
            for match in pattern.finditer(visible):
                title = self._by_title[titles[(match.lastindex or 1) - 1]]
                found((title.slug.lower(), "title"), match.start(), text=visible)
        return [
            Leak(self._by_slug[slug], what, path, line, written)
            for (slug, what), (line, _, written) in sorted(first.items(), key=lambda item: item[1])
        ]

    def _resolved_path(self, resolved: str) -> re.Match[bytes] | None:
        assert self._resolved is not None
        return self._resolved.search(resolved.encode())

    def _spelled_links(self, path: str, lowered: bytes) -> dict[int, int]:
        """Where the tokens start and end that may be links the plain search cannot read."""
        spellings = list(URL_SPELLINGS)
        if path.rpartition("/")[0] == "releases" and self._relative is not None:
            spellings.append(self._relative)  # a relative link from releases/ itself: href="secret/"
        tokens = {}
        for spelling in spellings:
            for match in spelling.finditer(lowered):
                start, token = token_at(lowered, match.end() - 1)
                tokens[start] = start + len(token)
        return tokens


def hidden_releases(releases: Iterable[Release], shown: Iterable[Release]) -> list[Hidden]:
    """The releases not in `shown` (a build's published ones), with why they are not public."""
    public = {r.slug for r in shown}
    hidden = []
    for release in releases:
        if release.slug in public:
            continue
        reason = "is a draft" if release.draft else f"is not public until {release.date.isoformat()}"
        hidden.append(
            Hidden(release.source, release.slug, release.title, reason, release.line("slug"), release.line("title"))
        )
    return hidden


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
        value = f'"releases/{hidden.slug}"' if what == "slug" else f'"{hidden.title}"'
        if first.written:
            value += f" (as the link {first.written!r})"
        line = hidden.slug_line if what == "slug" else hidden.title_line
        message = f"{value} appears in /{first.path} line {first.line}{more}, but this release {hidden.reason}"
        problems.append(Problem(hidden.source, line, what, message, LEAK_EXPECTED))
    return problems
