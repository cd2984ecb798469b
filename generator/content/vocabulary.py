"""content/offices.yaml and content/tags.yaml -> the site's controlled vocabularies.

Both files are optional. When one exists, the assemble stage accepts only the offices (tags)
it lists, in its spelling; the office or tag pages show what it says of each. Descriptions
are Markdown, rendered here with relative links left as placeholders (resolved once the site
is known, so a link to a release that is not public yet becomes text).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TypeVar

import yaml

from generator.content.front_matter import decode
from generator.content.markup import BodyRenderer
from generator.content.yamlnodes import Where, compose, mapping_entries, text, unknown_keys
from generator.errors import Problem
from generator.lines import LineIndex
from generator.model import Contact, Link, Office, SourceFile, TagEntry, Vocabulary
from generator.slugs import fold, is_slug, slugify

OFFICE_KEYS = ("name", "slug", "description", "boilerplate", "contacts")
CONTACT_KEYS = ("name", "role", "email", "phone")
TAG_KEYS = ("name", "description")
OFFICES_EXPECTED = "a list of offices, each with a name: key"
TAGS_EXPECTED = "a list of tag names, or of entries with name: and description:"
CONTACTS_EXPECTED = "a list of contacts, each with a name: key and any of role:, email:, phone:"
SLUG_EXPECTED = "lower-case letters, digits and single hyphens, e.g. spokesperson"
EMAIL_EXPECTED = "an email address such as press@example.gov"
PHONE_EXPECTED = "a phone number of digits, spaces and + ( ) - . such as +47 555 0100"
#: The shape of an address a mailto: link can carry: one @, a dot in the domain, no spaces.
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\".]+(\.[^@\s<>\".]+)+")
_PHONE = re.compile(r"\+?[\d\s().\-/]*\d[\d\s().\-/]*")
T = TypeVar("T", Office, TagEntry)


def parse_vocabulary(
    offices: SourceFile | None, tags: SourceFile | None, renderer: Callable[[], BodyRenderer], content: str = "content/"
) -> tuple[Vocabulary, list[Problem]]:
    """The vocabularies the files list, and every problem in them. A vocabulary is None where its
    file does not exist or is not a list at all (a YAML syntax error): then its releases are not
    reported as well. So too an entry whose name is valid is kept even if another of its fields
    is not. `content`: the content folder as shown, for the names of files that do not exist."""
    problems: list[Problem] = []
    renderer = functools.cache(renderer)  # one Markdown renderer for every description
    listed_offices = _listed(offices, "offices.yaml", OFFICES_EXPECTED, _office, renderer, problems)
    listed_tags = _listed(tags, "tags.yaml", TAGS_EXPECTED, _tag, renderer, problems)
    vocabulary = Vocabulary(
        offices=listed_offices,
        tags=listed_tags,
        offices_file=offices.shown if offices else f"{content}offices.yaml",
        tags_file=tags.shown if tags else f"{content}tags.yaml",
    )
    return vocabulary, problems


def _listed(
    source: SourceFile | None,
    field: str,
    expected: str,
    entry: Callable[[tuple[yaml.Node, Where], Callable[[], BodyRenderer], list[Problem]], T | None],
    renderer: Callable[[], BodyRenderer],
    problems: list[Problem],
) -> tuple[T, ...] | None:
    """The entries of one vocabulary file, without repeats (None: no file, or no list)."""
    found = _entries(source, field, expected, problems) if source is not None else None
    if source is None or found is None:
        return None
    entries = [e for node in found if (e := entry(node, renderer, problems)) is not None]
    return tuple(_unique(entries, source, problems))


def _where(source: SourceFile, content: str) -> Where:
    return Where(source.shown, 1, LineIndex.of(content))


def _entries(
    source: SourceFile, field: str, expected: str, problems: list[Problem]
) -> list[tuple[yaml.Node, Where]] | None:
    """The nodes of the file's list (an empty file lists nothing); None if it cannot be read as a list."""
    content, found = decode(source)
    problems += found
    if content is None:
        return None
    where = _where(source, content)
    root, found = compose(content, where, field)
    problems += found
    if found:
        return None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        problems.append(where.problem(root, field, "is not a list", expected))
        return None
    return [(node, where) for node in root.value]


def _markdown(
    entries: dict[str, tuple[int, yaml.Node]],
    key: str,
    where: Where,
    renderer: Callable[[], BodyRenderer],
    problems: list[Problem],
) -> tuple[str, tuple[Link, ...]]:
    """The Markdown of `key` rendered, and its links (with their lines in the file)."""
    if key not in entries:
        return "", ()
    node = entries[key][1]
    value = text(node, key, where, problems)
    if value is None:
        return "", ()
    rendered = renderer().render(value, where.line_of(node))
    return rendered.html, rendered.links


def _office(
    item: tuple[yaml.Node, Where], renderer: Callable[[], BodyRenderer], problems: list[Problem]
) -> Office | None:
    node, where = item
    entries = _mapping(node, where, "office", OFFICES_EXPECTED, OFFICE_KEYS, problems)
    if entries is None:
        return None
    name = _name(node, entries, where, "office", problems)
    slug = _slug(entries, where, problems, name)
    contacts = _contacts(entries, where, problems)
    description, links = _markdown(entries, "description", where, renderer, problems)
    boilerplate, _ = _markdown(entries, "boilerplate", where, renderer, problems)  # not shown yet
    if name is None or slug is None:
        return None
    return Office(
        name=name,
        slug=slug,
        description_html=description,
        boilerplate_html=boilerplate,
        contacts=contacts,
        line=where.line_of(node),
        links=links,
    )


def _tag(
    item: tuple[yaml.Node, Where], renderer: Callable[[], BodyRenderer], problems: list[Problem]
) -> TagEntry | None:
    node, where = item
    links: tuple[Link, ...]
    if isinstance(node, yaml.ScalarNode):
        name = text(node, "name", where, problems)
        description, links = "", ()
    else:
        entries = _mapping(node, where, "tag", TAGS_EXPECTED, TAG_KEYS, problems)
        if entries is None:
            return None
        name = _name(node, entries, where, "tag", problems)
        description, links = _markdown(entries, "description", where, renderer, problems)
    if name is None:
        return None
    slug = slugify(name)
    if not slug:
        problems.append(
            where.problem(node, "name", f'"{name}" has no letters or digits', "a name with letters or digits")
        )
        return None
    return TagEntry(name=name, slug=slug, description_html=description, line=where.line_of(node), links=links)


def _mapping(
    node: yaml.Node, where: Where, what: str, expected: str, keys: tuple[str, ...], problems: list[Problem]
) -> dict[str, tuple[int, yaml.Node]] | None:
    if not isinstance(node, yaml.MappingNode):
        problems.append(where.problem(node, what, "is not a set of keys", expected))
        return None
    entries, found = mapping_entries(node, where)
    problems += found + unknown_keys(entries, keys, where)
    return entries


def _name(
    node: yaml.Node, entries: dict[str, tuple[int, yaml.Node]], where: Where, what: str, problems: list[Problem]
) -> str | None:
    if "name" not in entries:
        problems.append(where.problem(node, "name", "is missing", f"a name: key in each {what}"))
        return None
    return text(entries["name"][1], "name", where, problems)


def _slug(
    entries: dict[str, tuple[int, yaml.Node]], where: Where, problems: list[Problem], name: str | None
) -> str | None:
    """The listed slug if valid, else the name's (the error reported: the office stays known,
    so its releases are not reported too); None when neither is."""
    if "slug" in entries:
        node = entries["slug"][1]
        slug = text(node, "slug", where, problems)
        if slug is not None and is_slug(slug):
            return slug
        if slug is not None:
            problems.append(where.problem(node, "slug", f'"{slug}" is not a slug', SLUG_EXPECTED))
    if name is None:
        return None
    if not slugify(name):
        problems.append(
            where.problem(
                entries["name"][1], "name", f'"{name}" has no letters or digits', "a name with letters or digits"
            )
        )
        return None
    return slugify(name)


def _contacts(entries: dict[str, tuple[int, yaml.Node]], where: Where, problems: list[Problem]) -> tuple[Contact, ...]:
    if "contacts" not in entries:
        return ()
    node = entries["contacts"][1]
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.append(where.problem(node, "contacts", "is not a list", CONTACTS_EXPECTED))
        return ()
    contacts = [c for item in node.value if (c := _contact(item, where, problems)) is not None]
    return tuple(contacts)


def _contact(node: yaml.Node, where: Where, problems: list[Problem]) -> Contact | None:
    entries = _mapping(node, where, "contact", CONTACTS_EXPECTED, CONTACT_KEYS, problems)
    if entries is None:
        return None
    name = _name(node, entries, where, "contact", problems)
    values = {k: text(entries[k][1], k, where, problems) for k in ("role", "email", "phone") if k in entries}
    email, phone = values.get("email"), values.get("phone")
    if email is not None and not _EMAIL.fullmatch(email):
        problems.append(
            where.problem(entries["email"][1], "email", f'"{email}" is not an email address', EMAIL_EXPECTED)
        )
        email = None
    if phone is not None and not _PHONE.fullmatch(phone):
        problems.append(where.problem(entries["phone"][1], "phone", f'"{phone}" is not a phone number', PHONE_EXPECTED))
        phone = None
    if name is None:
        return None
    return Contact(name=name, role=values.get("role") or "", email=email or "", phone=phone or "")


def _unique(entries: list[T], source: SourceFile, problems: list[Problem]) -> list[T]:
    """The entries without repeats: an error for a name listed twice (in any case, spacing or
    accents) and for a slug two entries would share."""
    names: dict[str, T] = {}
    slugs: dict[str, T] = {}
    kept = []
    for entry in entries:
        first = names.get(fold(entry.name))
        if first is not None:
            problems.append(
                Problem(
                    source.shown,
                    entry.line,
                    "name",
                    f'"{entry.name}" is listed twice (first as "{first.name}" on line {first.line})',
                    "each name once",
                )
            )
            continue
        taken = slugs.get(entry.slug)
        if taken is not None:
            problems.append(
                Problem(
                    source.shown,
                    entry.line,
                    "slug",
                    f'"{entry.name}" would share the URL slug "{entry.slug}" with "{taken.name}" (line {taken.line})',
                    "names that differ in more than punctuation, or a slug: of its own",
                )
            )
            continue
        names[fold(entry.name)] = slugs[entry.slug] = entry
        kept.append(entry)
    return kept
