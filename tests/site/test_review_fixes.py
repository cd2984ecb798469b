"""Edge cases found in review: collisions, base paths, leftovers, unique names, reserved ids."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Site, release, run_cli

NOW = "2026-11-28T12:00:00+00:00"


def test_content_files_may_not_replace_generated_files(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01", tags=["X"]),
            "content/tags/index.html": "<h1>hijack</h1>",
            "content/live.json": '{"events": []}',
        }
    )
    result = s.build()
    assert result.code == 1
    assert f"{s.root}/content/tags/index.html:1: file: would replace the generated file /tags/index.html" in result.err
    assert f"{s.root}/content/live.json:1: file: would replace the generated file /live.json" in result.err


def test_site_paths_get_the_base_path(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "site.toml": 'base_url = "https://example.org/press/"\n',
            "content/releases/a.md": release("A", "2024-01-01", body="[b](/releases/b/) [gone](/releases/gone/)"),
            "content/releases/b.md": release("B", "2024-01-02"),
            "content/live.yaml": '- title: "Briefing"\n  url: "/releases/a/"\n'
            "  starts: 2026-11-28T11:00:00Z\n  ends: 2026-11-28T13:00:00Z\n",
        }
    )
    result = s.build()
    assert result.code == 0
    page = s.page("releases/a/")
    assert [a["href"] for a in page.select(".release-body a")] == ["/press/releases/b/", "/press/releases/gone/"]
    assert page.select_one(".live-link")["href"] == "/press/releases/a/"
    assert "a.md:7: link: warning:" in result.err and '"/releases/gone/"' in result.err
    check = run_cli(["check", "--source", str(s.root), "--now", NOW])
    assert check.code == 1 and '"/releases/gone/" leads to no file or page' in check.err


def test_links_to_files_with_spaces_resolve(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01", body="[file](../files/my%20report%20%231.pdf)"),
            "content/files/my report #1.pdf": "pdf",
        }
    )
    check = run_cli(["check", "--source", str(s.root), "--now", NOW])
    assert check.code == 0, check.err
    assert s.build().code == 0
    assert s.page("releases/a/").select_one(".release-body a")["href"] == "/files/my%20report%20%231.pdf"


def test_folders_beside_the_output_that_are_not_ours_are_kept(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-01"), ".site.new/thesis.txt": "mine"})
    result = s.build()
    assert result.code == 1 and "did not write is in the way" in result.err
    assert (s.root / ".site.new/thesis.txt").read_text() == "mine"


def test_live_urls_that_browsers_read_as_other_hosts_are_refused(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01"),
            "content/live.yaml": '- title: "x"\n  url: "/\\\\evil.example/"\n  starts: 2026-11-28T11:00:00Z\n'
            "  ends: 2026-11-28T13:00:00Z\n",
        }
    )
    result = s.build()
    assert result.code == 1 and "live.yaml:2: url:" in result.err


def test_related_links_keep_unique_names_when_titles_repeat(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            f"content/releases/b{i}.md": release("Daily Press Briefing", f"2024-01-0{i}", tags=["Briefings"])
            for i in range(1, 5)
        }
    )
    assert s.build().code == 0
    aside = s.page("releases/b1/").select_one("aside")
    names = [" ".join(a.get_text().split()) for a in aside.select("a")]
    assert len(names) == 6 and len(set(names)) == 6, names
    assert "Daily Press Briefing (JANUARY 2, 2024)" in names


def test_heading_ids_do_not_take_template_ids(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-01", body="## Main\n\nText.")})
    assert s.build().code == 0
    page = s.page("releases/a/")
    assert len(page.select("#main")) == 1 and page.select_one("h2#main-section") is not None
