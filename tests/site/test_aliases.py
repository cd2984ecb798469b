"""Renamed releases: redirect pages at their old paths, and aliases that would take another's place."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Site, release, run_cli

SETTINGS = 'base_url = "https://press.example.org/news/"\n'
NOW = "2026-11-28T12:00:00+00:00"


def test_each_alias_is_a_redirect_to_the_release(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "site.toml": SETTINGS,
            "content/releases/new-name.md": release(
                "Fisheries Talks & Quotas", "2024-01-01", aliases="[/releases/old-name/, statements/2019/talks.html]"
            ),
        }
    )
    assert s.build().code == 0
    for old in ("releases/old-name/", "statements/2019/talks.html"):
        page = s.page(old)
        refresh = page.select_one('meta[http-equiv="refresh"]')
        assert refresh is not None and refresh["content"] == "0; url=/news/releases/new-name/"
        assert page.select_one('link[rel="canonical"]')["href"] == "https://press.example.org/news/releases/new-name/"
        link = page.select_one("body a")
        assert link["href"] == "/news/releases/new-name/" and link.get_text() == "Fisheries Talks & Quotas"
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert b"old-name" not in (s.out / "sitemap.xml").read_bytes()
    check = run_cli(["check", "--source", str(s.root), "--now", NOW])
    assert check.code == 0, check.err


def test_an_alias_may_not_take_a_real_page(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release(
                "A", "2024-01-01", aliases="[/releases/b/, /about/, /tags/, /files/x.html]"
            ),
            "content/releases/b.md": release("B", "2024-01-02"),
            "content/pages/about.md": "---\ntitle: About\n---\nUs.\n",
            "content/files/x.html": "<p>x</p>\n",
            "content/releases/c.md": release("C", "2024-01-03", aliases="/releases/c/"),
        }
    )
    result = s.build()
    assert result.code == 1
    a, expected = (
        f"{s.root}/content/releases/a.md:6: aliases:",
        "(expected an old path that no page, file or other alias of the site has)",
    )
    assert f'{a} "/releases/b/" is the URL of {s.root}/content/releases/b.md {expected}' in result.err
    assert f'{a} "/about/" is the URL of {s.root}/content/pages/about.md {expected}' in result.err
    assert f'{a} "/tags/" is the URL of a page the generator makes (/tags/index.html) {expected}' in result.err
    assert f'{a} "/files/x.html" is the URL of {s.root}/content/files/x.html {expected}' in result.err
    assert f'{s.root}/content/releases/c.md:6: aliases: "/releases/c/" is the URL of this release itself' in result.err
    assert not (s.root / "site").exists()


def test_two_releases_may_not_share_an_alias(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01", aliases="/old/"),
            "content/releases/b.md": release("B", "2024-01-02", aliases="[/other/, old]"),
        }
    )
    result = s.build()
    assert result.code == 1
    assert (
        f'{s.root}/content/releases/b.md:6: aliases: "old" is already an alias in {s.root}/content/releases/a.md:6'
        in result.err
    )


def test_unpublished_releases_get_no_redirects_but_their_aliases_are_checked(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01"),
            "content/releases/later.md": release("Later", "2030-01-01", aliases="/releases/early-name/"),
        }
    )
    assert s.build().code == 0
    assert not (s.out / "releases/early-name").exists()
    s.write({"content/releases/later.md": release("Later", "2030-01-01", aliases="/releases/a/")})
    result = s.build()
    assert result.code == 1 and f'"/releases/a/" is the URL of {s.root}/content/releases/a.md' in result.err


def test_bad_aliases_are_reported_at_their_line(site: Callable[[dict[str, str]], Site]) -> None:
    aliases = '\n  - "/ok/"\n  - "../etc/passwd"\n  - "https://other.example/x/"\n  - "/report.pdf"'
    s = site({"content/releases/a.md": release("A", "2024-01-01", aliases=aliases)})
    result = s.build()
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if "aliases:" in line]
    assert [line.split(": aliases: ")[0].rsplit(":", 1)[1] for line in lines] == ["8", "9", "10"]
    assert '"../etc/passwd" is not a plain path' in lines[0]
    assert '"https://other.example/x/" is a full URL' in lines[1]
    assert '"/report.pdf" would not be served as a web page' in lines[2]
