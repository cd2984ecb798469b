"""Front-matter entries -> validated release and page fields (bodies not yet rendered)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

import yaml

from generator.config import SiteConfig
from generator.content.front_matter import FrontMatter, split
from generator.content.yamlhints import comma_tags
from generator.content.yamlnodes import HoldsBack, Where, boolean, text, text_list, unknown_keys, when
from generator.errors import Problem, did_you_mean
from generator.model import Alias, ReleaseType, SourceFile
from generator.slugs import ALIAS_MAX_BYTES, NAME_MAX_BYTES, SLUG_MAX_BYTES, is_slug, slugify, utf8_length

RELEASE_KEYS = (
    "title",
    "type",
    "office",
    "date",
    "updated",
    "expires",
    "tags",
    "summary",
    "slug",
    "aliases",
    "draft",
)
REQUIRED = ("title", "type", "office", "date")
PAGE_KEYS = ("title", "summary", "slug", "updated", "draft")
_WHEN = "YYYY-MM-DD or an ISO 8601 datetime"
#: The keys that hold a release back (a draft, a scheduled date, an expiry): misspelt, the
#: release would be published, so a near miss of one is an error, not an unknown key's warning.
RELEASE_HOLDS = {
    "draft": HoldsBack("a misspelt draft key would publish this file", "draft: true"),
    "date": HoldsBack("a misspelt date key would publish this file unscheduled", f"date: {_WHEN}"),
    "expires": HoldsBack("a misspelt expires key would keep this file published", f"expires: {_WHEN}"),
}
_PAGE_HELD = "draft: true to keep a page unpublished"
PAGE_HOLDS = {
    "draft": RELEASE_HOLDS["draft"],
    "date": HoldsBack("pages are not scheduled: a page is published as soon as it is built", _PAGE_HELD),
    "expires": HoldsBack("pages do not expire: a page stays published until it is removed", _PAGE_HELD),
}
SLUG_EXPECTED = "lowercase letters, digits and single hyphens, e.g. us-czech-dialogue"
ALIAS_EXPECTED = "a path on this site such as /releases/old-name/ or /statements/old.html"
_SEGMENT = re.compile(r"[\w.~-]+")


@dataclass(frozen=True, slots=True)
class ParsedRelease:
    """A release whose front matter is valid; its body is still Markdown."""

    source: str
    relative: str
    slug: str
    title: str
    type: ReleaseType
    office: str
    date: datetime
    date_only: bool
    tags: tuple[str, ...]
    summary: str | None
    draft: bool
    body: str
    body_line: int
    lines: tuple[tuple[str, int], ...]
    updated: tuple[datetime, bool] | None = None  #: (when, written without a time)
    expires: datetime | None = None
    aliases: tuple[Alias, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedPage:
    source: str
    relative: str
    slug: str
    title: str
    summary: str | None
    draft: bool
    body: str
    body_line: int
    updated: datetime | None = None
    lines: tuple[tuple[str, int], ...] = ()  #: front-matter key -> line in the file


def _slug(front: FrontMatter, source: SourceFile, problems: list[Problem]) -> str | None:
    """The explicit slug if valid, else the file name through the slug rule."""
    if "slug" in front.entries:
        line, node = front.entries["slug"]
        value = text(node, "slug", front.where, problems)
        if value is not None and utf8_length(value) > SLUG_MAX_BYTES:
            message = f"is {utf8_length(value)} bytes long in UTF-8"
            problems.append(Problem(source.shown, line, "slug", message, f"at most {SLUG_MAX_BYTES} bytes"))
            return None
        if value is not None and not is_slug(value):
            problems.append(Problem(source.shown, line, "slug", f'"{value}" is not a valid slug', SLUG_EXPECTED))
            return None
        return value
    stem = PurePosixPath(source.relative).stem
    slug = slugify(stem)
    if not slug:
        problems.append(
            Problem(
                source.shown,
                1,
                "slug",
                f'the file name "{stem}" has no letters or digits',
                "a file name with letters or digits, or a slug: key",
            )
        )
        return None
    return slug


def _release_type(node: yaml.Node, where: Where, config: SiteConfig, problems: list[Problem]) -> ReleaseType | None:
    name = text(node, "type", where, problems)
    if name is None:
        return None
    found = config.type_named(name)
    if found is None:
        names = [t.name for t in config.types]
        hint = did_you_mean(name.lower(), names)
        problems.append(
            where.problem(
                node, "type", f'"{name}" is not a release type of this site{hint}', "one of " + ", ".join(names)
            )
        )
    return found


def _optional_text(front: FrontMatter, key: str, problems: list[Problem]) -> str | None:
    if key not in front.entries:
        return None
    return text(front.entries[key][1], key, front.where, problems)


def _draft(front: FrontMatter, problems: list[Problem]) -> bool:
    if "draft" not in front.entries:
        return False
    return bool(boolean(front.entries["draft"][1], "draft", front.where, problems))


def alias_url(written: str) -> str:
    """The site-relative URL of an alias ("/releases/old/" -> "releases/old/"); raises ValueError
    saying why it cannot be one. A path without a file name extension is a folder."""
    if "://" in written or written.startswith("//"):
        raise ValueError(f'"{written}" is a full URL; write its path on this site')
    path = written.strip().lstrip("/")
    if not path:
        raise ValueError(f'"{written}" is the home page')
    segments = path.removesuffix("/").split("/")
    if any(s in (".", "..") or not _SEGMENT.fullmatch(s) for s in segments):
        raise ValueError(f'"{written}" is not a plain path (letters, digits, "-", "_", ".", "~" between slashes)')
    if long := [s for s in segments if utf8_length(s) > NAME_MAX_BYTES]:
        raise ValueError(
            f'"{written[:40]}…" has a part {utf8_length(long[0])} bytes long in UTF-8;'
            f" at most {NAME_MAX_BYTES} bytes between slashes (the longest name a file system takes)"
        )
    if utf8_length(path) > ALIAS_MAX_BYTES:
        raise ValueError(
            f'"{written[:40]}…" is {utf8_length(path)} bytes long in UTF-8; at most {ALIAS_MAX_BYTES} bytes'
        )
    if path.endswith("/") or "." not in segments[-1]:
        return "/".join(segments) + "/"
    if not segments[-1].endswith((".html", ".htm")):
        raise ValueError(f'"{written}" would not be served as a web page')
    return path


def _aliases(front: FrontMatter, problems: list[Problem]) -> tuple[Alias, ...]:
    if "aliases" not in front.entries:
        return ()
    node = front.entries["aliases"][1]
    if isinstance(node, yaml.MappingNode):
        problems.append(front.where.problem(node, "aliases", "is a mapping", "a list of " + ALIAS_EXPECTED))
        return ()
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    result = []
    for item in items:
        written = text(item, "aliases", front.where, problems)
        if written is None:
            continue
        try:
            result.append(Alias(url=alias_url(written), written=written, line=front.where.line_of(item)))
        except ValueError as reason:
            problems.append(front.where.problem(item, "aliases", str(reason), ALIAS_EXPECTED))
    return tuple(result)


def _after(
    front: FrontMatter, key: str, date: datetime | None, zone: ZoneInfo, problems: list[Problem], strictly: bool
) -> tuple[datetime, bool] | None:
    """An optional date or datetime that must come after the release's `date` (or at it)."""
    if key not in front.entries:
        return None
    node = front.entries[key][1]
    moment = when(node, key, front.where, zone, problems)
    if moment is None or date is None:
        return moment
    gap = moment[0].timestamp() - date.timestamp()
    if gap < 0 or (strictly and gap == 0):
        relation = "is before" if gap < 0 else "is the same time as"
        expected = "a time after the release's date" if strictly else "a time at or after the release's date"
        message = f'"{node.value.strip()}" {relation} date ({date.isoformat()})'
        problems.append(front.where.problem(node, key, message, expected))
        return None
    return moment


def parse_release(source: SourceFile, config: SiteConfig) -> tuple[ParsedRelease | None, list[Problem]]:
    """Validate one release file; return its fields, or None and every problem found."""
    front, problems = split(source)
    if front is None:
        return None, problems
    where, entries = front.where, front.entries
    problems += unknown_keys(entries, RELEASE_KEYS, where, RELEASE_HOLDS)
    for key in REQUIRED:
        if key not in entries:
            problems.append(Problem(source.shown, 1, key, "is missing", f'a "{key}:" line in the front matter'))
    title = text(entries["title"][1], "title", where, problems) if "title" in entries else None
    kind = _release_type(entries["type"][1], where, config, problems) if "type" in entries else None
    office = text(entries["office"][1], "office", where, problems) if "office" in entries else None
    moment = when(entries["date"][1], "date", where, config.zone, problems) if "date" in entries else None
    tags = text_list(entries["tags"][1], "tags", where, problems) if "tags" in entries else []
    if "tags" in entries and (comma := comma_tags(entries["tags"][1])):
        problems.append(where.problem(entries["tags"][1], "tags", comma).as_warning())
    summary = _optional_text(front, "summary", problems)
    draft = _draft(front, problems)
    slug = _slug(front, source, problems)
    date = moment[0] if moment else None
    updated = _after(front, "updated", date, config.zone, problems, strictly=False)
    expires = _after(front, "expires", date, config.zone, problems, strictly=True)
    aliases = _aliases(front, problems)
    if any(p.severity == "error" for p in problems):
        return None, problems
    assert title and kind and office and moment and tags is not None and slug
    lines = tuple((key, line) for key, (line, _) in entries.items())
    release = ParsedRelease(
        source.shown,
        source.relative,
        slug,
        title,
        kind,
        office,
        moment[0],
        moment[1],
        tuple(tags),
        summary,
        draft,
        front.body,
        front.body_line,
        lines,
        updated,
        expires[0] if expires else None,
        aliases,
    )
    return release, problems


def parse_page(source: SourceFile, zone: ZoneInfo) -> tuple[ParsedPage | None, list[Problem]]:
    """Validate one plain page (content/pages/): a title, optionally a slug, summary and updated."""
    front, problems = split(source)
    if front is None:
        return None, problems
    problems += unknown_keys(front.entries, PAGE_KEYS, front.where, PAGE_HOLDS)
    if "title" not in front.entries:
        problems.append(Problem(source.shown, 1, "title", "is missing", 'a "title:" line in the front matter'))
        title = None
    else:
        title = text(front.entries["title"][1], "title", front.where, problems)
    summary = _optional_text(front, "summary", problems)
    draft = _draft(front, problems)
    slug = _slug(front, source, problems)
    updated = _after(front, "updated", None, zone, problems, strictly=False)
    if any(p.severity == "error" for p in problems):
        return None, problems
    assert title and slug
    page = ParsedPage(
        source.shown,
        source.relative,
        slug,
        title,
        summary,
        draft,
        front.body,
        front.body_line,
        updated[0] if updated else None,
        tuple((key, line) for key, (line, _) in front.entries.items()),
    )
    return page, problems
