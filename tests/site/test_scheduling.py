"""Embargoes (future dates), expiry, and the next scheduled change a build reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Site, release, texts

SETTINGS = 'base_url = "https://press.example.org/"\n'
AT = "2026-12-01T09:00:00+00:00"
SECOND_LATER = "2026-12-01T09:00:01+00:00"


def everything(out: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file())


def scheduled_site(site: Callable[[dict[str, str]], Site], date: str) -> Site:
    return site(
        {
            "site.toml": SETTINGS,
            "content/releases/public.md": release("Already Public", "2026-11-01", tags=["Norland"]),
            "content/releases/embargoed.md": release("Quota Agreement Reached", date, tags=["Norland"]),
        }
    )


def test_a_release_dated_exactly_now_is_public(site: Callable[[dict[str, str]], Site]) -> None:
    s = scheduled_site(site, AT)
    assert s.build(now=AT).code == 0
    assert (s.out / "releases/embargoed/index.html").is_file()
    assert texts(s.page("tags/norland/"), ".release-item-title") == ["Quota Agreement Reached", "Already Public"]
    assert b"releases/embargoed/" in (s.out / "feed.xml").read_bytes()
    assert b"releases/embargoed/" in (s.out / "sitemap.xml").read_bytes()


def test_one_second_before_its_date_nothing_shows_it(site: Callable[[dict[str, str]], Site]) -> None:
    s = scheduled_site(site, SECOND_LATER)
    result = s.build(now=AT)
    assert result.code == 0, result.err
    assert not (s.out / "releases/embargoed").exists()
    written = everything(s.out)
    assert b"Quota Agreement Reached" not in written and b"embargoed" not in written
    assert [r["title"] for r in json.loads((s.out / "releases.json").read_text())["releases"]] == ["Already Public"]
    assert f'Next scheduled change: {SECOND_LATER} (release "embargoed")' in result.out
    # The next build at or after its time publishes it, although no file changed.
    later = s.build(now=SECOND_LATER)
    assert later.code == 0 and (s.out / "releases/embargoed/index.html").is_file()
    assert "Next scheduled change" not in later.out


def test_the_next_change_is_reported_by_the_no_change_build_too(site: Callable[[dict[str, str]], Site]) -> None:
    s = scheduled_site(site, "2026-12-24T18:00:00+01:00")
    assert s.build(now=AT).code == 0
    again = s.build(now=AT)
    assert ": 0 files written" in again.out
    assert 'Next scheduled change: 2026-12-24T18:00:00+01:00 (release "embargoed")' in again.out
    assert s.build("--quiet", now=AT).out == ""


def test_drafts_are_not_scheduled_changes(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/d.md": release("Draft", "2027-01-01", draft="true")})
    result = s.build(now=AT)
    assert result.code == 0 and "Next scheduled change" not in result.out
    previewed = s.build("--drafts", now=AT)
    assert 'Next scheduled change: 2027-01-01T00:00:00+00:00 (release "d")' in previewed.out


def expiring_site(site: Callable[[dict[str, str]], Site]) -> Site:
    return site(
        {
            "site.toml": SETTINGS,
            "content/releases/public.md": release("Already Public", "2026-11-01", tags=["Norland"]),
            "content/releases/notice.md": release(
                "Road Closures for the Summit",
                "2026-11-20",
                "notice to the press",
                tags=["Norland", "Summit"],
                expires=AT,
            ),
        }
    )


def test_an_expired_release_leaves_listings_and_feeds_but_keeps_its_page(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = expiring_site(site)
    before = s.build(now="2026-12-01T08:59:59+00:00")
    assert before.code == 0
    assert f'Next scheduled change: {AT} (release "notice" expires)' in before.out
    assert "Road Closures" in s.page("").get_text()
    assert s.page("releases/notice/").select(".badge-archived") == []
    after = s.build(now=AT)  # nothing changed but the clock: the cache must not say "nothing to do"
    assert after.code == 0 and ": 0 files written" not in after.out
    page = s.page("releases/notice/")
    assert texts(page, ".badge") == ["ARCHIVED"] and page.select_one(".release-archived") is not None
    for listing in ("", "releases/", "tags/norland/", "tags/summit/", "types/notice-to-the-press/", "archive/2026/"):
        assert "Road Closures" not in s.page(listing).get_text(), listing
    for feed in ("feed.xml", "tags/norland/feed.xml", "tags/summit/feed.xml"):
        assert b"releases/notice/" not in (s.out / feed).read_bytes(), feed
    assert b"releases/notice/" in (s.out / "sitemap.xml").read_bytes()  # still a page, still indexed
    record = next(
        r for r in json.loads((s.out / "releases.json").read_text())["releases"] if r["title"].startswith("Road")
    )
    assert record["archived"] is True and record["expires"] == AT
    # Its tags' and type's pages stay (its links to them keep working), listing nothing current.
    assert texts(s.page("tags/summit/"), "main p")[-1] == "No current releases."
    assert "Summit" not in texts(s.page("tags/"), ".term-list a")


def test_expires_must_come_after_the_date(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2026-11-20", expires="2026-11-19")})
    result = s.build()
    assert result.code == 1
    assert (
        f'{s.root}/content/releases/a.md:6: expires: "2026-11-19" is before date (2026-11-20T00:00:00+00:00) '
        "(expected a time after the release's date)" in result.err
    )
