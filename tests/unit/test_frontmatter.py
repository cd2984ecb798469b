"""Front matter -> release fields, and every error with its file line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from generator.config import SiteConfig
from generator.content.fields import ParsedRelease, parse_release
from generator.model import SourceFile

GOOD = """---
title: "Joint Statement on the Maritime Dialogue"
type: media note
office: Office of the Spokesperson
date: 2023-05-02
tags: [Norland, Fisheries]
---
Body text.
"""


def parse(text: str | bytes, config: SiteConfig | None = None) -> tuple[ParsedRelease | None, list[str]]:
    data = text.encode() if isinstance(text, str) else text
    release, problems = parse_release(
        SourceFile(shown="content/releases/x.md", relative="releases/x.md", data=data), config or SiteConfig()
    )
    return release, [str(p) for p in problems]


def test_a_good_release() -> None:
    release, problems = parse(GOOD)
    assert problems == []
    assert release is not None
    assert release.title == "Joint Statement on the Maritime Dialogue"
    assert release.type.label == "Media Note"
    assert release.tags == ("Norland", "Fisheries")
    assert release.date == datetime(2023, 5, 2, tzinfo=SiteConfig().zone)
    assert release.date_only
    assert release.slug == "x"
    assert release.body == "\nBody text.\n"
    assert release.body_line == 7


def test_bom_and_crlf_are_accepted() -> None:
    release, problems = parse(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    assert problems == [] and release is not None and release.title.startswith("Joint")


def test_datetime_keeps_its_offset() -> None:
    release, _ = parse(GOOD.replace("2023-05-02", "2023-05-02T14:30:00-04:00"))
    assert release is not None and not release.date_only
    assert release.date.utcoffset() == timedelta(hours=-4)
    assert release.date.hour == 14


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("date: 2023-05-02", "date: 2023-02-30"), 'content/releases/x.md:5: date: "2023-02-30" is not a real date'),
        (("date: 2023-05-02", "date: 2023-13-01"), 'content/releases/x.md:5: date: "2023-13-01" is not a real date'),
        (
            ("date: 2023-05-02", "date: next tuesday"),
            'content/releases/x.md:5: date: "next tuesday" is not a date or datetime',
        ),
        (
            ("type: media note", "type: media nite"),
            'content/releases/x.md:3: type: "media nite" is not a release type of this site; '
            'did you mean "media note"?',
        ),
        (
            ("tags: [Norland, Fisheries]", "tags: 42"),
            "content/releases/x.md:6: tags: is a number (42) (expected a list of names)",
        ),
        (
            ('title: "Joint Statement on the Maritime Dialogue"', "title: [a, b]"),
            "content/releases/x.md:2: title: is a list (expected text)",
        ),
        (
            ("office: Office of the Spokesperson\n", ""),
            'content/releases/x.md:1: office: is missing (expected a "office:" line in the front matter)',
        ),
        (
            ("tags: [Norland, Fisheries]", "tags: [Norland, Fisheries"),
            "content/releases/x.md:6: front matter: YAML syntax error: did not find expected ',' or ']'",
        ),
    ],
)
def test_errors_name_the_line_and_field(change: tuple[str, str], message: str) -> None:
    release, problems = parse(GOOD.replace(*change))
    assert release is None
    assert any(p.startswith(message) for p in problems), problems


def test_every_problem_of_a_file_is_reported() -> None:
    text = GOOD.replace("date: 2023-05-02", "date: 2023-02-30").replace("type: media note", "type: memo")
    _, problems = parse(text)
    assert [p.split(":")[2].strip() for p in problems] == ["type", "date"]


def test_unknown_key_is_a_warning_with_a_guess() -> None:
    release, problems = parse(GOOD.replace("tags:", "tgas:"))
    assert release is not None
    assert problems == [
        'content/releases/x.md:6: tgas: warning: unknown key, ignored; did you mean "tags"? '
        "(expected one of aliases, date, draft, expires, office, slug, summary, tags, title, type, updated)"
    ]


def test_yaml_11_surprises_keep_the_editors_text() -> None:
    text = (
        GOOD.replace("tags: [Norland, Fisheries]", "tags: [Norway, NO, 01234]")
        .replace('title: "Joint Statement on the Maritime Dialogue"', "title: yes")
        .replace("office: Office of the Spokesperson", "office: 1234")
    )
    release, problems = parse(text)
    assert problems == []
    assert release is not None
    assert release.tags == ("Norway", "NO", "01234")
    assert release.title == "yes" and release.office == "1234"


def test_single_tag_string_is_one_tag() -> None:
    release, _ = parse(GOOD.replace("tags: [Norland, Fisheries]", "tags: Norland"))
    assert release is not None and release.tags == ("Norland",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "content/releases/x.md:1: front matter: the file is empty"),
        ("Just a body\n", "content/releases/x.md:1: front matter: the file does not start with front matter"),
        ("---\ntitle: x\n", "content/releases/x.md:2: front matter: the front matter is never closed"),
        ("---\n- a\n- b\n---\nbody", "content/releases/x.md:2: front matter: is not a set of keys"),
    ],
)
def test_missing_or_broken_front_matter(text: str, message: str) -> None:
    release, problems = parse(text)
    assert release is None and problems[0].startswith(message)


def test_duplicate_keys_are_an_error() -> None:
    _, problems = parse(GOOD.replace("date: 2023-05-02", "date: 2023-05-02\ntitle: again"))
    assert problems[0].startswith("content/releases/x.md:6: title: appears twice (first on line 2)")


def test_non_utf8_names_the_byte_offset() -> None:
    data = GOOD.encode().replace(b"Body text.", b"Body \xff text.")
    _, problems = parse(data)
    offset = GOOD.encode().index(b"Body text.") + 5
    assert problems == [
        f"content/releases/x.md:8: encoding: byte 0xff at byte offset {offset} is not UTF-8 "
        "(expected a UTF-8 text file)"
    ]


def test_explicit_slug_must_follow_the_rule() -> None:
    release, _ = parse(GOOD.replace("tags:", "slug: norland-dialogue\ntags:"))
    assert release is not None and release.slug == "norland-dialogue"
    for bad in ("../etc", "a/b", "Norland Dialogue", "x--y"):
        _, problems = parse(GOOD.replace("tags:", f"slug: {bad}\ntags:"))
        assert problems and problems[0].startswith(f'content/releases/x.md:6: slug: "{bad}" is not a valid slug')


def test_naive_datetime_is_in_the_site_timezone() -> None:
    config = SiteConfig(timezone="Europe/Oslo")
    release, _ = parse(GOOD.replace("2023-05-02", "2023-05-02T09:00"), config)
    assert release is not None
    assert release.date.astimezone(UTC).hour == 7


def test_updated_expires_and_aliases() -> None:
    added = "updated: 2023-05-03T10:00:00+02:00\nexpires: 2023-06-01\naliases: [/releases/old/, old.html, x]\n"
    text = GOOD.replace("tags:", added + "tags:")
    release, problems = parse(text)
    assert problems == [] and release is not None
    assert release.updated == (datetime(2023, 5, 3, 10, tzinfo=timezone(timedelta(hours=2))), False)
    assert release.expires == datetime(2023, 6, 1, tzinfo=SiteConfig().zone)
    assert [(a.url, a.path, a.line) for a in release.aliases] == [
        ("releases/old/", "releases/old/index.html", 8),
        ("old.html", "old.html", 8),
        ("x/", "x/index.html", 8),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("updated: 2023-05-01", 'x.md:6: updated: "2023-05-01" is before date (2023-05-02T00:00:00+00:00)'),
        ("updated: soon", 'x.md:6: updated: "soon" is not a date or datetime'),
        ("expires: 2023-05-02", 'x.md:6: expires: "2023-05-02" is the same time as date'),
        ("aliases: {a: 1}", "x.md:6: aliases: is a mapping"),
        ("aliases: [/a b/]", 'x.md:6: aliases: "/a b/" is not a plain path'),
        ("aliases: [/x/./y/]", 'x.md:6: aliases: "/x/./y/" is not a plain path'),
        ("aliases: [//host/x/]", 'x.md:6: aliases: "//host/x/" is a full URL'),
    ],
)
def test_bad_updated_expires_and_aliases(line: str, message: str) -> None:
    release, problems = parse(GOOD.replace("tags:", line + "\ntags:"))
    assert release is None
    assert problems[0].startswith("content/releases/" + message), problems
