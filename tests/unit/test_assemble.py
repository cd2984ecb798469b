"""The assemble stage on values in memory: what is published and listed, canonical terms,
listings, year archives, duplicate URLs, the next scheduled change, the files published."""

from __future__ import annotations

import dataclasses

import pytest

from generator.model import Link, LiveEvent, SourceFile
from generator.render.plan import reserved_names
from generator.site.assemble import (
    Visibility,
    assemble,
    canonical,
    duplicate_slugs,
    listings,
    next_change,
    published_files,
    year_listings,
)
from tests.unit.model_values import CONFIG, NOW, READOUT, at, page, release, term

VISIBLE = Visibility(now=NOW)


@pytest.mark.parametrize(
    ("date", "fields", "visibility", "shown", "why"),
    [
        ("2026-11-28T12:00:00Z", {}, VISIBLE, True, None),  # dated the build's very moment
        ("2026-11-28T13:59:59+02:00", {}, VISIBLE, True, None),  # by the instant, not the wall clock
        ("2026-11-28T12:00:01Z", {}, VISIBLE, False, "scheduled for 2026-11-28T12:00:01+00:00"),
        ("2026-11-28T12:00:01Z", {}, Visibility(now=NOW, future=True), True, None),
        ("2024-01-01T00:00:00Z", {"draft": True}, VISIBLE, False, "a draft"),
        ("2024-01-01T00:00:00Z", {"draft": True}, Visibility(now=NOW, drafts=True), True, None),
        ("2027-01-01T00:00:00Z", {"draft": True}, Visibility(now=NOW, future=True), False, "a draft"),
    ],
)
def test_which_releases_a_build_publishes_and_why_not(
    date: str, fields: dict[str, bool], visibility: Visibility, shown: bool, why: str | None
) -> None:
    item = release("a", date, **fields)
    assert visibility.shows(item) is shown
    assert visibility.why_hidden(item) == why


def test_a_draft_page_is_hidden_unless_drafts_are_built() -> None:
    assert VISIBLE.why_hidden(page("about", draft=True)) == "a draft"
    assert VISIBLE.why_hidden(page("about")) is None
    assert Visibility(now=NOW, drafts=True).why_hidden(page("about", draft=True)) is None


def test_a_release_expires_at_its_expires_time_by_the_instant() -> None:
    assert not VISIBLE.expired(release("a"))
    assert VISIBLE.expired(release("a", expires=at("2026-11-28T14:00:00+02:00")))  # 12:00 UTC: now
    assert not VISIBLE.expired(release("a", expires=at("2026-11-28T12:00:01Z")))


def test_spellings_of_a_tag_become_its_most_used_one() -> None:
    releases = [
        release("a", tags=["Fisheries", "Norland"]),
        release("b", tags=["fisheries"]),
        release("c", tags=["Fisheries", "Norland"]),
    ]
    result, problems = canonical(releases, VISIBLE)
    assert [[t.name for t in r.tags] for r in result] == [
        ["Fisheries", "Norland"],
        ["Fisheries"],
        ["Fisheries", "Norland"],
    ]
    assert result[0] is releases[0]  # unchanged: the very value, its digest already right
    assert result[1].digest != releases[1].digest  # what its pages show changed
    assert [(p.path, p.field, p.severity) for p in problems] == [("content/releases/b.md", "tags", "warning")]
    assert problems[0].message == 'shown as "Fisheries", also written "fisheries" in content/releases/b.md'


def test_a_tie_between_spellings_goes_to_the_first_in_code_point_order() -> None:
    result, _ = canonical([release("a", tags=["norland"]), release("b", tags=["Norland"])], VISIBLE)
    assert {t.name for r in result for t in r.tags} == {"Norland"}


def test_a_tag_written_twice_in_one_release_is_listed_once() -> None:
    [result], _ = canonical([release("a", tags=["Norland", "NORLAND", "Trade"])], VISIBLE)
    assert [t.name for t in result.tags] == ["NORLAND", "Trade"]


def test_releases_not_yet_public_do_not_respell_a_public_office() -> None:
    public = release("a", office=term("Office of the Spokesperson"))
    later = [release(f"later-{n}", "2027-01-01T00:00:00Z", office=term("OFFICE OF THE SPOKESPERSON")) for n in range(3)]
    result, problems = canonical([public, *later], VISIBLE)
    assert {r.office.name for r in result} == {"Office of the Spokesperson"}
    assert [r.scheduled for r in result] == [False, True, True, True]
    assert [p.severity for p in problems] == ["warning"]


def test_scheduled_and_archived_are_marked_and_change_the_digest() -> None:
    plain = release("a")
    later = release("b", "2027-01-01T00:00:00Z")
    expired = release("c", expires=at("2026-01-01T00:00:00Z"))
    result, _ = canonical([plain, later, expired], VISIBLE)
    assert [(r.scheduled, r.archived) for r in result] == [(False, False), (True, False), (False, True)]
    assert result[1].digest != later.digest and result[2].digest != expired.digest


def test_listings_by_tag_office_and_type_sorted_by_name_newest_release_first() -> None:
    newer = release("newer", "2026-05-03T09:00:00Z", tags=["trade", "Norland"], type=READOUT)
    older = release("older", "2026-05-01T09:00:00Z", tags=["Norland"], office=term("Press Office"))
    tags, offices, types = listings((newer, older))
    assert [(t.kind, t.title, t.url, t.slug) for t in tags] == [
        ("tag", "Norland", "tags/norland/", "norland"),
        ("tag", "trade", "tags/trade/", "trade"),  # by the folded name: case does not sort
    ]
    assert [r.slug for r in tags[0].releases] == ["newer", "older"]
    assert [(o.title, o.url) for o in offices] == [
        ("Office of the Spokesperson", "offices/office-of-the-spokesperson/"),
        ("Press Office", "offices/press-office/"),
    ]
    assert [(t.title, t.url, [r.slug for r in t.releases]) for t in types] == [
        ("Media Notes", "types/media-note/", ["older"]),
        ("Readouts", "types/readout/", ["newer"]),
    ]
    assert all(listing.last_modified is None for listing in (*tags, *offices, *types))


def test_a_listing_whose_releases_are_all_archived_stays_empty_dated_by_its_newest_change() -> None:
    gone = release("gone", "2026-01-01T09:00:00Z", tags=["Summit"], archived=True, updated=at("2026-02-01T09:00:00Z"))
    older = release("older", "2025-01-01T09:00:00Z", tags=["Summit"], archived=True)
    live = release("live", "2026-03-01T09:00:00Z", tags=["Trade"])
    tags, _, _ = listings((live, gone, older))
    summit, trade = tags
    assert (summit.title, summit.releases, summit.last_modified) == ("Summit", (), at("2026-02-01T09:00:00Z"))
    assert [r.slug for r in trade.releases] == ["live"] and trade.last_modified is None


def test_year_archives_by_the_year_the_date_was_written_in_newest_first() -> None:
    new_year = release("new-year", "2025-01-01T00:30:00+02:00")  # still 2024 in UTC
    old = release("old", "2023-06-01T09:00:00Z")
    years = year_listings((new_year, old))
    assert [(y.kind, y.title, y.url, y.slug, [r.slug for r in y.releases]) for y in years] == [
        ("year", "2025", "archive/2025/", "2025", ["new-year"]),
        ("year", "2023", "archive/2023/", "2023", ["old"]),
    ]


def test_two_files_with_one_url_name_both_and_reserved_page_slugs_are_refused() -> None:
    first = release("talks", lines=(("slug", 6),))
    second = dataclasses.replace(release("talks", lines=(("slug", 7),)), source="content/releases/2024/talks.md")
    pages = [page("about"), page("about", source="content/pages/about-us.md"), page("tags")]
    problems = duplicate_slugs([first, second], pages, reserved_names())
    assert [str(p) for p in problems] == [
        'content/releases/2024/talks.md:7: slug: "talks" gives the URL /releases/talks/ that '
        "content/releases/talks.md already has (expected a slug no other release or page uses)",
        'content/pages/about-us.md:1: slug: "about" gives the URL /about/ that content/pages/about.md already has '
        "(expected a slug no other release or page uses)",
        'content/pages/tags.md:1: slug: "tags" is a URL the generator uses itself (expected another slug, e.g. about '
        "or contact)",
    ]
    assert duplicate_slugs([first], [page("about")], reserved_names()) == []


def event(title: str, starts: str, ends: str) -> LiveEvent:
    return LiveEvent(title=title, url="/live/", starts=at(starts), ends=at(ends))


def test_the_next_change_is_the_first_moment_after_now_that_changes_the_site() -> None:
    releases = [
        release("past", "2026-01-01T00:00:00Z", expires=at("2026-12-31T00:00:00Z")),
        release("later", "2026-12-01T09:00:00Z"),
        release("draft", "2026-11-29T00:00:00Z", draft=True),  # no build publishes it without a file changing
    ]
    events = [event("Briefing", "2026-11-28T11:00:00Z", "2026-11-30T00:00:00Z")]
    change = next_change(releases, events, VISIBLE)
    assert str(change) == '2026-11-30T00:00:00+00:00 (live event "Briefing" ends)'
    change = next_change(releases, [], VISIBLE)
    assert str(change) == '2026-12-01T09:00:00+00:00 (release "later")'
    change = next_change(releases, [], Visibility(now=NOW, drafts=True))
    assert str(change) == '2026-11-29T00:00:00+00:00 (release "draft")'
    change = next_change(releases[:1], [], VISIBLE)
    assert str(change) == '2026-12-31T00:00:00+00:00 (release "past" expires)'
    assert next_change(releases[:1], [], Visibility(now=at("2027-01-01T00:00:00Z"))) is None


def test_at_the_same_moment_the_next_change_is_named_in_a_fixed_order() -> None:
    releases = [release("b", "2026-12-01T09:00:00Z"), release("a", "2026-12-01T10:00:00+01:00")]
    assert str(next_change(releases, [], VISIBLE)) == '2026-12-01T10:00:00+01:00 (release "a")'


def asset(relative: str) -> SourceFile:
    return SourceFile(shown=f"content/{relative}", relative=relative, data=b"bytes")


def test_files_next_to_releases_are_published_only_with_a_published_release_linking_them() -> None:
    def links(*hrefs: str) -> tuple[Link, ...]:
        return tuple(Link(target=h, href=h, line=9) for h in hrefs)

    public = release("a", links=links("/press/releases/2026/chart.png", "/press/releases/b/", "https://x.org/y.png"))
    later = release("later", "2027-01-01T00:00:00Z", links=links("/press/releases/2026/embargoed.png"))
    names = ["releases/2026/chart.png", "releases/2026/embargoed.png", "releases/2026/a.md.orig", "files/x.pdf"]
    names += ["pages/team.jpg", "logo.svg"]
    model, _, _ = assemble([public, later], [], [], CONFIG, VISIBLE, reserved=reserved_names())
    kept, problems = published_files([asset(n) for n in names], model, [later], "/press/")
    assert [a.relative for a in kept] == ["releases/2026/chart.png", "files/x.pdf", "logo.svg"]
    assert [str(p) for p in problems] == [
        "content:1: file: warning: 2 files next to releases or pages not published, as no release or page links to "
        "them: releases/2026/a.md.orig, pages/team.jpg (expected a link from a published release or page to "
        "each; files public on their own go in content/files/)"
    ]
    kept, problems = published_files([asset("releases/2026/chart.png")], model, [], "/press/")
    assert len(kept) == 1 and problems == []


def test_the_model_holds_what_is_published_newest_first_and_lists_what_is_not_archived() -> None:
    releases = [
        release("old", "2025-03-01T09:00:00Z", tags=["Norland"]),
        release("gone", "2026-02-01T09:00:00Z", tags=["Norland"], expires=at("2026-06-01T00:00:00Z")),
        release("new", "2026-05-01T09:00:00Z", tags=["norland"]),
        release("later", "2027-01-01T00:00:00Z", tags=["Norland"]),
        release("draft", "2026-01-01T00:00:00Z", draft=True),
    ]
    events = [
        event("B", "2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z"),
        event("A", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"),
    ]
    pages = [page("about"), page("plans", draft=True)]
    model, problems, _ = assemble(releases, pages, events, CONFIG, VISIBLE, reserved=reserved_names())
    assert [r.slug for r in model.releases] == ["new", "gone", "old"]
    assert [r.slug for r in model.listed] == ["new", "old"]
    assert [(t.title, [r.slug for r in t.releases]) for t in model.tags] == [("Norland", ["new", "old"])]
    assert [y.title for y in model.years] == ["2026", "2025"]
    assert [p.slug for p in model.pages] == ["about"]
    assert [e.title for e in model.live_events] == ["A", "B"]
    assert model.now == NOW
    assert model.related is not None and model.related.releases_of("new") == (model.releases[2],)
    assert model.related.releases_of("gone") == ()  # archived: none of its own, nor suggested
    assert [p.severity for p in problems] == ["warning"]  # "norland" also written
