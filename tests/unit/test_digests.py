"""What a release's two digests cover: a body edit changes only the body digest, anything
else other pages show changes the shown digest; and the cache format follows the fields."""

from __future__ import annotations

import dataclasses

from generator import __version__
from generator.config import SiteConfig
from generator.content.load import FileLoader, Loaded
from generator.digests import cached_fields, format_version, linked_body_digest, shown_digest, shown_fields
from generator.model import Page, Release, SourceFile

FRONT = """---
title: {title}
type: media note
office: Office of the Spokesperson
date: 2024-05-01
tags: [Norland]
---
"""


def loaded(title: str = "Talks", body: str = "Talks were held.\n\nIn Norland.") -> Release:
    text = FRONT.format(title=title) + body + "\n"
    source = SourceFile(shown="content/releases/a.md", relative="releases/a.md", data=text.encode())
    item = FileLoader(SiteConfig()).load(source, "release").item
    assert isinstance(item, Release)
    return item


def test_an_edited_body_changes_only_the_body_digest() -> None:
    before, after = loaded(), loaded(body="Talks were held.\n\nIn Norland, and went well.")
    assert after.body_html != before.body_html
    assert after.digest == before.digest
    assert after.body_digest != before.body_digest


def test_an_edited_title_changes_the_shown_digest() -> None:
    before, after = loaded(), loaded(title="Talks resumed")
    assert after.digest != before.digest


def test_every_field_but_the_body_and_the_digests_is_shown() -> None:
    hidden = {f.name for f in dataclasses.fields(Release)} - set(shown_fields(Release))
    assert hidden == {"body_html", "links", "digest", "body_digest", "body_key"}
    assert {f.name for f in dataclasses.fields(Page)} - set(shown_fields(Page)) == hidden


def test_each_shown_field_changes_the_shown_digest_and_body_fields_do_not() -> None:
    release = loaded()
    base = shown_digest(release, "settings")
    assert shown_digest(dataclasses.replace(release, body_html="<p>other</p>", body_key="k"), "settings") == base
    assert shown_digest(dataclasses.replace(release, summary="other"), "settings") != base
    assert shown_digest(dataclasses.replace(release, scheduled=True), "settings") != base
    assert shown_digest(release, "other settings") != base


def test_resolved_links_change_the_body_digest() -> None:
    assert linked_body_digest("d", ["/a/"]) != linked_body_digest("d", ["/b/"])
    assert linked_body_digest("d", ["/a/"]) == linked_body_digest("d", iter(["/a/"]))


def row_class(*inner_fields: tuple[str, type]) -> type:
    """A cached row class `Row(key, item: Inner | None)`: the same names every time, only
    the fields of `Inner` differ."""
    inner = dataclasses.make_dataclass("Inner", inner_fields, frozen=True)
    return dataclasses.make_dataclass("Row", [("key", str), ("item", inner | None)], frozen=True)


def test_the_format_version_follows_every_field_however_deep() -> None:
    one = format_version(1, __version__, row_class(("title", str)))
    assert format_version(1, __version__, row_class(("title", str))) == one
    assert format_version(1, __version__, row_class(("title", str), ("more", int))) != one  # a field more
    assert format_version(1, __version__, row_class(("title", bytes))) != one  # another type
    assert format_version(1, __version__, row_class(("name", str))) != one  # another name
    assert format_version(2, __version__, row_class(("title", str))) != one  # a behaviour change
    assert format_version(1, "0", row_class(("title", str))) != one  # another release of the generator


def test_the_cached_fields_reach_the_model_through_a_cached_result() -> None:
    fields = cached_fields(Loaded)
    assert "generator.content.load.Loaded.item: generator.model.Release | generator.model.Page | None" in fields
    assert "generator.model.Release.body_html: <class 'str'>" in fields
    assert "generator.model.Term.slug: <class 'str'>" in fields  # Release.tags: tuple[Term, ...]
    assert "generator.errors.Problem.line: <class 'int'>" in fields  # Loaded.problems
    assert cached_fields(Loaded, Release) == fields
