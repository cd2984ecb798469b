"""Related articles: the spec's exact score, and the fast walk equals comparing all pairs."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig
from generator.model import Release, Term
from generator.site.related import related_articles, related_brute_force

START = datetime(2024, 1, 1, tzinfo=UTC)
KIND = SiteConfig().types[0]


def make(slug: str, days: float, tags: list[str], title: str = "") -> Release:
    return Release(
        source=f"content/releases/{slug}.md",
        relative=f"releases/{slug}.md",
        slug=slug,
        title=title or slug,
        type=KIND,
        office=Term(name="Office", slug="office"),
        date=START + timedelta(days=days),
        date_only=False,
        tags=tuple(Term(name=t.title(), slug=t) for t in tags),
        summary="",
        body_html="",
    )


def slugs(items: tuple) -> list[str]:  # type: ignore[type-arg]
    return [i.release.slug for i in items]


def test_score_follows_the_formula() -> None:
    releases = [make("a", 0, ["x", "y"]), make("b", 15, ["x", "y"]), make("c", 3, ["y"]), make("d", 1, ["z"])]
    related = related_articles(releases, 3)
    n = 4
    idf_x, idf_y = math.log(1 + n / 2), math.log(1 + n / 3)
    top = related["a"]
    assert slugs(top) == ["b", "c"]  # d shares no tag
    assert math.isclose(top[0].score, (idf_x + idf_y) / (1 + 15 / 30))
    assert math.isclose(top[1].score, idf_y / (1 + 3 / 30))
    assert [(t.slug, round(v, 6)) for t, v in top[0].shared] == [("x", round(idf_x, 6)), ("y", round(idf_y, 6))]
    assert top[0].days == 15


def test_ties_go_to_the_smaller_gap_then_the_newer_then_the_slug() -> None:
    releases = [
        make("a", 10, ["x"]),
        make("early", 5, ["x"]),
        make("late", 15, ["x"]),
        make("b-same", 20, ["x"]),
        make("a-same", 20, ["x"]),
    ]
    assert slugs(related_articles(releases, 4)["a"]) == ["late", "early", "a-same", "b-same"]


def test_newer_releases_count_as_much_as_older() -> None:
    releases = [make("a", 100, ["x"]), make("before", 90, ["x"]), make("after", 109, ["x"])]
    assert slugs(related_articles(releases, 1)["a"]) == ["after"]


tags = st.lists(st.sampled_from(["t1", "t2", "t3", "t4", "t5", "t6", "t7"]), min_size=0, max_size=4, unique=True)
corpus = st.lists(st.tuples(st.integers(0, 400), tags), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(corpus, st.integers(1, 5))
def test_fast_walk_equals_all_pairs(items: list[tuple[int, list[str]]], count: int) -> None:
    releases = [make(f"r{i:02d}", days, t) for i, (days, t) in enumerate(items)]
    fast = related_articles(releases, count)
    slow = related_brute_force(releases, count)
    assert {k: slugs(v) for k, v in fast.items()} == {k: slugs(v) for k, v in slow.items()}
