"""`generator check`: every validation plus every internal link, writing nothing."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Site, release, run_cli

NOW = "2026-11-28T12:00:00+00:00"


def check(s: Site, *args: str) -> tuple[int, str, str]:
    result = run_cli(["check", "--source", str(s.root), "--now", NOW, *args])
    return result.code, result.out, result.err


def test_a_clean_site_passes_and_nothing_is_written(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release(
                "A", "2024-01-01", tags=["X"], body="This release links to [B](b.md) and shows ![chart](chart.png)"
            ),
            "content/releases/b.md": release("B", "2024-01-02", tags=["X"]),
            "content/releases/chart.png": "not really a png",
        }
    )
    code, out, err = check(s)
    assert (code, err) == (0, "")
    assert "0 errors, 0 warnings" in out
    assert not (s.root / "site").exists()


def test_broken_links_are_errors_at_their_line(site: Callable[[dict[str, str]], Site]) -> None:
    body = (
        "An intro paragraph, long enough to be the summary.\n\nSee [the old statement](old-statement.md).\n\n"
        "And [a page](/releases/gone/) and [ok](b.md).\n"
    )
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01", body=body),
            "content/releases/b.md": release("B", "2024-01-02"),
        }
    )
    code, out, err = check(s)
    assert code == 1
    lines = err.splitlines()
    assert f'{s.root}/content/releases/a.md:9: link: "old-statement.md" leads to no file or page' in lines[0]
    assert f'{s.root}/content/releases/a.md:11: link: "/releases/gone/" leads to no file or page' in lines[1]
    assert "2 errors" in out
    build = run_cli(["build", "--source", str(s.root), "--now", NOW])
    assert build.code == 0 and "a.md:9: link: warning:" in build.err


def test_template_links_are_checked_on_the_pages(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01"),
            "templates/404.html": '{% extends "base.html" %}{% block main %}\n<a href="{{ url(\'nowhere/\') }}">x</a>'
            "{% endblock %}",
        }
    )
    code, _, err = check(s)
    assert code == 1
    assert err.startswith("/404.html:") and ': link: "/nowhere/" leads nowhere' in err


def test_links_to_unpublished_releases_are_reported(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01", body="[next](later.md)"),
            "content/releases/later.md": release("Later", "2027-01-01"),
        }
    )
    code, _, err = check(s)
    assert code == 1 and "a.md:7: link:" in err
    code, _, err = check(s, "--future")
    assert code == 0, err
