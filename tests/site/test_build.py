"""Whole builds of scratch sites: URLs, visibility, overrides, live banner, determinism."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import NOW, Site, release, run_cli, texts

LIVE = """\
- title: "Daily Press Briefing"
  url: "https://video.example.org/briefing"
  starts: 2026-11-28T11:00:00+00:00
  ends: 2026-11-28T13:00:00+00:00
- title: "Ministerial Conference"
  url: "/live/conference/"
  label: "Watch live"
  starts: 2026-12-01T09:00:00+00:00
  ends: 2026-12-01T17:00:00+00:00
- title: "Old Briefing"
  url: "https://video.example.org/old"
  starts: 2025-01-01T09:00:00+00:00
  ends: 2025-01-01T10:00:00+00:00
"""


def basic() -> dict[str, str]:
    return {
        "content/releases/a.md": release(
            "Alpha", "2024-01-01", tags=["Norland"], body="See [beta](b.md) and [the report](../files/report.txt)."
        ),
        "content/releases/b.md": release("Beta", "2024-01-02", tags=["Norland"]),
        "content/files/report.txt": "report\n",
        "content/pages/about.md": "---\ntitle: About Us\n---\nWe are a press office.\n",
        "content/live.yaml": LIVE,
    }


def all_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_url_of_the_map_exists(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(basic())
    assert s.build().code == 0
    for path in [
        "index.html",
        "releases/a/index.html",
        "releases/index.html",
        "tags/index.html",
        "tags/norland/index.html",
        "offices/index.html",
        "offices/office-of-the-spokesperson/index.html",
        "types/index.html",
        "types/media-note/index.html",
        "about/index.html",
        "404.html",
        "theme/style.css",
        "theme/live.js",
        "live.json",
        "files/report.txt",
    ]:
        assert (s.out / path).is_file(), path
    assert texts(s.page("about/"), "h1") == ["About Us"]
    assert texts(s.page("404.html"), "h1") == ["Page not found"]


def test_links_between_releases_and_files_are_rewritten(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(basic())
    assert s.build("--base-url", "https://example.org/press/").code == 0
    hrefs = [a["href"] for a in s.page("releases/a/").select(".release-body a")]
    assert hrefs == ["/press/releases/b/", "/press/files/report.txt"]


def test_base_url_path_prefixes_every_internal_link(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({**basic(), "site.toml": 'base_url = "https://example.org/press/"\n'})
    assert s.build().code == 0
    checked = 0
    for html in s.out.rglob("*.html"):
        page = (
            s.page(html.relative_to(s.out).as_posix().removesuffix("index.html") or "/")
            if html.name == "index.html"
            else s.page(html.relative_to(s.out).as_posix())
        )
        for element in page.select("a[href], link[href], script[src]"):
            target = element.get("href") or element.get("src")
            assert target.startswith(("/press/", "https://", "#")), (html, target)
            checked += 1
    assert checked > 100  # (a loop over no pages or no links would pass)
    banner = s.page("").select_one("#live-banner")
    assert banner is not None and banner["data-live-src"] == "/press/live.json"


def test_drafts_and_future_releases_are_not_published(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/now.md": release("Published", "2026-11-28", tags=["X"]),
            "content/releases/draft.md": release("Secret Draft", "2026-01-01", tags=["X"], draft="true"),
            "content/releases/later.md": release("Embargoed", "2026-11-28T12:00:01+00:00", tags=["X"]),
        }
    )
    assert s.build().code == 0
    assert not (s.out / "releases/draft").exists() and not (s.out / "releases/later").exists()
    everything = b"".join(all_files(s.out).values())
    assert b"Secret Draft" not in everything and b"Embargoed" not in everything
    assert texts(s.page("tags/x/"), ".release-item-title") == ["Published"]

    assert s.build("--drafts", "--future").code == 0
    assert texts(s.page("releases/draft/"), ".badge") == ["DRAFT"]
    assert texts(s.page("releases/later/"), ".badge") == ["SCHEDULED"]
    assert texts(s.page("tags/x/"), ".release-item-title") == ["Embargoed", "Published", "Secret Draft"]
    assert s.build(now="2026-11-28T12:00:01+00:00").code == 0
    assert (s.out / "releases/later/index.html").exists()


def test_live_banner_follows_the_build_time(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(basic())
    assert s.build().code == 0
    banner = s.page("releases/a/").select_one("#live-banner")
    assert banner is not None and not banner.has_attr("hidden")
    assert texts(banner, ".live-label") == ["Live Now"]
    assert banner.select_one("a")["href"] == "https://video.example.org/briefing"
    events = json.loads((s.out / "live.json").read_text())["events"]
    assert [e["title"] for e in events] == ["Daily Press Briefing", "Ministerial Conference"]
    assert events[1]["label"] == "Watch live"

    assert s.build(now="2026-11-28T13:00:00+00:00").code == 0
    banner = s.page("releases/a/").select_one("#live-banner")
    assert banner is not None and banner.has_attr("hidden")
    assert texts(banner, ".live-link") == [""]


def test_site_templates_and_theme_override_file_by_file(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            **basic(),
            "templates/404.html": '{% extends "base.html" %}{% block main %}<h1>Lost at sea</h1>{% endblock %}',
            "theme/style.css": "body { color: navy; }\n",
        }
    )
    assert s.build().code == 0
    assert texts(s.page("404.html"), "h1") == ["Lost at sea"]
    assert texts(s.page("releases/a/"), "h1") == ["Alpha"]
    assert (s.out / "theme/style.css").read_text() == "body { color: navy; }\n"
    assert "fetch" in (s.out / "theme/live.js").read_text()


def test_same_input_same_bytes(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    s = site(basic())
    assert s.build("--output", str(tmp_path / "one")).code == 0
    assert s.build("--output", str(tmp_path / "two")).code == 0
    assert all_files(tmp_path / "one") == all_files(tmp_path / "two")


def test_output_and_source_options(site: Callable[[dict[str, str]], Site], tmp_path: Path) -> None:
    s = site(basic())
    result = run_cli(
        ["build", "--source", str(s.root), "--output", str(tmp_path / "www"), "--now", "2026-11-28T12:00:00Z"]
    )
    assert result.code == 0 and "Built 2 releases" in result.out
    assert (tmp_path / "www/releases/a/index.html").exists()
    assert not (s.root / "site").exists()


def test_now_without_an_offset_is_in_the_site_time_zone(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "site.toml": 'timezone = "Asia/Tokyo"\n',
            "content/releases/a.md": release("Morning", "2024-05-02T08:00:00+09:00"),
        }
    )
    assert s.build(now="2024-05-02T07:59").code == 0
    assert not (s.out / "releases/a").exists()
    assert s.build(now="2024-05-02T08:00").code == 0
    assert (s.out / "releases/a/index.html").exists()


def test_counts_are_singular_for_one(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A")})
    assert s.build().out.startswith("Built 1 release: ")
    again = s.build()
    assert again.out.startswith("Built 1 release: 0 files written, ") and ", 1 cache hit, " in again.out
    check = run_cli(["check", "--source", str(s.root), "--now", NOW])
    assert check.out == "0 errors, 0 warnings\n"
    s.write({"content/releases/b.md": "---\ntitle: B\n---\n"})
    broken = s.build()
    assert broken.err.splitlines()[-1] == "3 errors; nothing was written"
    s.write({"content/releases/b.md": release("B", subtitle="x")})
    assert run_cli(["check", "--source", str(s.root), "--now", NOW]).out == "0 errors, 1 warning\n"
