"""Compact pickling of keyword-only model values: what loads is what was dumped."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from generator.model import Alias, Link, Release, ReleaseType, Term
from generator.pickling import compact_pickle


def release(slug: str) -> Release:
    return Release(
        source=f"content/releases/{slug}.md",
        relative=f"releases/{slug}.md",
        slug=slug,
        title="Talks",
        type=ReleaseType(name="media note", label="Media Note", plural="Media Notes", slug="media-notes"),
        office=Term(name="Office", slug="office"),
        date=datetime(2024, 5, 1, 9, tzinfo=timezone(timedelta(hours=2))),
        date_only=False,
        tags=(Term(name="Norland", slug="norland"),),
        summary="Talks were held.",
        body_html="<p>Talks were held.</p>",
        links=(Link(target="b.md", href="/releases/b/", line=9),),
        aliases=(Alias(url="old/", written="/old/", line=4),),
        digest="d",
        body_digest="b",
    )


def test_a_release_loads_equal_with_every_field() -> None:
    values = [release("a"), release("b")]
    loaded = pickle.loads(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded == values
    assert [r.date.utcoffset() for r in loaded] == [timedelta(hours=2)] * 2


def test_equal_terms_load_as_one_object() -> None:
    first, second = pickle.loads(pickle.dumps([release("a"), release("b")], protocol=pickle.HIGHEST_PROTOCOL))
    assert first.tags[0] is second.tags[0]
    assert first.type is second.type


def test_positional_construction_is_refused() -> None:
    with pytest.raises(TypeError):
        Term("Norland", "norland")  # type: ignore[misc]


def test_a_class_that_needs_its_constructor_is_refused() -> None:
    @dataclass(frozen=True, slots=True, kw_only=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            assert self.value >= 0

    with pytest.raises(TypeError, match="__post_init__"):
        compact_pickle(Checked)
