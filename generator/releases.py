"""Front-matter entries -> validated release and page fields (bodies not yet rendered)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

import yaml

from generator.config import SiteConfig
from generator.errors import Problem
from generator.frontmatter_fields import FrontMatter, split
from generator.model import ReleaseType, SourceFile
from generator.slugs import is_slug, slugify
from generator.yamlnodes import Where, boolean, text, text_list, unknown_keys, when

RELEASE_KEYS = ("title", "type", "office", "date", "tags", "summary", "slug", "draft")
REQUIRED = ("title", "type", "office", "date")
PAGE_KEYS = ("title", "summary", "slug", "draft")
SLUG_EXPECTED = "lowercase letters, digits and single hyphens, e.g. us-czech-dialogue"


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


def _slug(front: FrontMatter, source: SourceFile, problems: list[Problem]) -> str | None:
    """The explicit slug if valid, else the file name through the slug rule."""
    if "slug" in front.entries:
        line, node = front.entries["slug"]
        value = text(node, "slug", front.where, problems)
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
        guess = difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.6)
        hint = f'; did you mean "{guess[0]}"?' if guess else ""
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


def parse_release(source: SourceFile, config: SiteConfig) -> tuple[ParsedRelease | None, list[Problem]]:
    """Validate one release file; return its fields, or None and every problem found."""
    front, problems = split(source)
    if front is None:
        return None, problems
    where, entries = front.where, front.entries
    problems += unknown_keys(entries, RELEASE_KEYS, where)
    for key in REQUIRED:
        if key not in entries:
            problems.append(Problem(source.shown, 1, key, "is missing", f'a "{key}:" line in the front matter'))
    title = text(entries["title"][1], "title", where, problems) if "title" in entries else None
    kind = _release_type(entries["type"][1], where, config, problems) if "type" in entries else None
    office = text(entries["office"][1], "office", where, problems) if "office" in entries else None
    moment = when(entries["date"][1], "date", where, config.zone, problems) if "date" in entries else None
    tags = text_list(entries["tags"][1], "tags", where, problems) if "tags" in entries else []
    summary = _optional_text(front, "summary", problems)
    draft = _draft(front, problems)
    slug = _slug(front, source, problems)
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
    )
    return release, problems


def parse_page(source: SourceFile) -> tuple[ParsedPage | None, list[Problem]]:
    """Validate one plain page (content/pages/): a title, optionally a slug and summary."""
    front, problems = split(source)
    if front is None:
        return None, problems
    problems += unknown_keys(front.entries, PAGE_KEYS, front.where)
    if "title" not in front.entries:
        problems.append(Problem(source.shown, 1, "title", "is missing", 'a "title:" line in the front matter'))
        title = None
    else:
        title = text(front.entries["title"][1], "title", front.where, problems)
    summary = _optional_text(front, "summary", problems)
    draft = _draft(front, problems)
    slug = _slug(front, source, problems)
    if any(p.severity == "error" for p in problems):
        return None, problems
    assert title and slug
    return ParsedPage(source.shown, source.relative, slug, title, summary, draft, front.body, front.body_line), problems
