"""The leak audit: no trace of a release that is not public may be in what a build writes.

A release is not public in a build when it is dated after the build time (embargoed) or
is a draft, unless --future / --drafts show it. Every file a build writes (pages, feeds,
JSON, the sitemap, copied files) is searched, before the new output is switched in, for
- `releases/<slug>` of each such release, as a whole URL path segment (`releases/<slug>`
  followed by anything but a letter, digit or "-"), and
- its title, exactly, as text and as HTML, XML and JSON write it (escaped),
  unless the title is one word, or is part of something public (a published release's or
  page's title, a tag, office or type name, the site's title or description): then only
  the slug can tell.
Pure: bytes in, problems out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import escape as html_escape

from generator.errors import Problem
from generator.model import Release, content_digest
from generator.xmltext import attribute, text

LEAK_EXPECTED = "no trace of a release before it is public: a template, a link or an alias shows it"


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


def title_forms(title: str) -> set[bytes]:
    """The title as each of our outputs may write it: raw, HTML-, XML- and JSON-escaped."""
    dumped = json.dumps(title, ensure_ascii=False)[1:-1]
    forms = {
        title,
        str(html_escape(title)),
        text(title),
        attribute(title)[1:-1],
        dumped,
        json.dumps(title)[1:-1],
        dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"),
    }
    return {form.encode() for form in forms}


class LeakAudit:
    """Searches output files for the hidden releases' slugs and titles."""

    def __init__(self, hidden: Sequence[Hidden], public: Iterable[str]) -> None:
        public_text = "\x00".join(public)
        self._by_slug = {h.slug.encode(): h for h in hidden}
        self._by_title: dict[bytes, Hidden] = {}
        for h in hidden:
            if len(h.title.split()) > 1 and h.title not in public_text:
                self._by_title.update((form, h) for form in title_forms(h.title))
        slugs = b"|".join(re.escape(slug) for slug in sorted(self._by_slug))
        self._slugs = re.compile(rb"releases/(" + slugs + rb")(?![a-z0-9-])") if slugs else None
        # Longest first, so a title that contains another is reported as itself.
        titles = b"|".join(re.escape(t) for t in sorted(self._by_title, key=lambda t: (-len(t), t)))
        self._titles = re.compile(titles) if titles else None
        #: What was searched for (digests): a file checked against these needs no new check
        #: while the markers of later builds are among them.
        self.markers = frozenset(content_digest("slug", s.decode()) for s in self._by_slug) | frozenset(
            content_digest("title", t.decode()) for t in self._by_title
        )

    def scan(self, path: str, data: bytes) -> list[Leak]:
        """Every hidden release whose slug or title is in `data` (once per release and kind)."""
        leaks = []
        for pattern, what, table in ((self._slugs, "slug", self._by_slug), (self._titles, "title", self._by_title)):
            if pattern is None:
                continue
            seen = set()
            for match in pattern.finditer(data):
                hidden = table[match.group(1) if what == "slug" else match.group(0)]
                if hidden.slug not in seen:
                    seen.add(hidden.slug)
                    leaks.append(Leak(hidden, what, path, data.count(b"\n", 0, match.start()) + 1))
        return leaks


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
        line = hidden.slug_line if what == "slug" else hidden.title_line
        message = f"{value} appears in /{first.path} line {first.line}{more}, but this release {hidden.reason}"
        problems.append(Problem(hidden.source, line, what, message, LEAK_EXPECTED))
    return problems
