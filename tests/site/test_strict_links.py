"""`generator build --strict-links`, the publish workflow's build: a link or image that leads
nowhere fails the build and writes nothing; everything else stays a warning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Site, release

LINK_EXPECTED = "expected a relative path to a file under content/, a page of this site, or a full URL"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_missing_image_and_a_broken_link_fail_the_build_and_leave_the_site_as_it_was(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = site({"content/releases/a.md": release("Alpha", body="A good first paragraph of the release.")})
    assert s.build().code == 0
    before = snapshot(s.out)
    s.write({"content/releases/a.md": release("Alpha", body="Text.\n\n![Map](map.png)\n\nSee [the notice](gone.md).")})
    result = s.build("--strict-links")
    shown = f"{s.root}/content/releases/a.md"
    assert result.code == 1
    assert f'{shown}:9: link: "map.png" leads to no file or page ({LINK_EXPECTED})' in result.err
    assert f'{shown}:11: link: "gone.md" leads to no file or page ({LINK_EXPECTED})' in result.err
    assert "2 errors; nothing was written" in result.err
    assert "Traceback" not in result.err
    assert snapshot(s.out) == before


def test_without_the_flag_they_are_warnings_and_the_build_succeeds(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("Alpha", body="Text.\n\n![Map](map.png)")})
    result = s.build()
    assert result.code == 0
    assert f'{s.root}/content/releases/a.md:9: link: warning: "map.png" leads to no file or page' in result.err


def test_the_flag_fails_even_when_nothing_changed_since_a_lax_build(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("Alpha", body="Text.\n\n![Map](map.png)")})
    assert s.build().code == 0
    assert s.build("--strict-links").code == 1


def test_other_warnings_and_links_to_scheduled_releases_do_not_fail_it(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("Alpha", tgas="x", body="See [the next one](b.md)."),
            "content/releases/b.md": release("Beta", date="2030-01-01"),
        }
    )
    result = s.build("--strict-links")
    assert result.code == 0, result.err
    shown = f"{s.root}/content/releases/a.md"
    assert f'{shown}:6: tgas: warning: unknown key, ignored; did you mean "tags"?' in result.err
    assert f'{shown}:8: link: warning: "b.md" is not public yet' in result.err
    assert (s.out / "releases/a/index.html").is_file()


def test_a_fixed_link_builds_again(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("Alpha", body="![Map](map.png)")})
    assert s.build("--strict-links").code == 1
    s.write({"content/releases/map.png": "not really a png"})
    result = s.build("--strict-links")
    assert result.code == 0, result.err
    assert (s.out / "releases/a/index.html").is_file()
