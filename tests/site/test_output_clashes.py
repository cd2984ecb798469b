"""No output needs a folder where another output is a file: every such clash between the
planned outputs is reported at once, naming both parties, before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Site, release

SETTINGS = 'base_url = "https://press.example.org/"\n'
GOOD = {
    "site.toml": SETTINGS,
    "content/releases/b.md": release("B", "2024-01-02", tags=["Norland"]),
    "content/releases/later.md": release("Later", "2030-01-01"),
}
FREE = "(expected an old path that no page, file or other alias of the site has)"
UNDER_CONTENT = "(expected another file name or folder under content/)"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(site: Callable[[dict[str, str]], Site]) -> tuple[Site, dict[str, bytes]]:
    s = site(GOOD)
    assert s.build().code == 0
    return s, snapshot(s.out)


#: An alias through each kind of generated file, and what the file in the way is called.
THROUGH_GENERATED = {
    "/feed.xml/x/": "the generated file /feed.xml",
    "/releases.json/x/": "the generated file /releases.json",
    "/sitemap.xml/x.html": "the generated file /sitemap.xml",
    "/robots.txt/x/": "the generated file /robots.txt",
    "/live.json/x/": "the generated file /live.json",
    "/404.html/x/": "the generated file /404.html",
    "/index.html/x/": "the generated file /index.html",
    "/search/index.html/x/": "the generated file /search/index.html",
    "/tags/norland/index.html/x/": "the generated file /tags/norland/index.html",
    "/tags/norland/feed.xml/x/": "the generated file /tags/norland/feed.xml",
    "/theme/style.css/x/": "the generated file /theme/style.css",
    "/.press-generator-output/": "the file /.press-generator-output the generator marks its output with",
    "/releases/b/index.html/y/": "the page /releases/b/index.html of {root}/content/releases/b.md",
    # A scheduled release's page: publishing it must not make a scheduled build fail.
    "/releases/later/index.html/y/": "the page /releases/later/index.html of {root}/content/releases/later.md",
}


@pytest.mark.parametrize("alias", sorted(THROUGH_GENERATED))
def test_an_alias_through_a_generated_file_is_an_error_naming_both(
    alias: str, site: Callable[[dict[str, str]], Site]
) -> None:
    s, before = built(site)
    s.write({"content/releases/a.md": release("A", "2024-01-01", aliases=f'["{alias}"]')})
    result = s.build()
    folder = alias.strip("/").rsplit("/", 1)[0]
    other = THROUGH_GENERATED[alias].format(root=s.root)
    at = f"{s.root}/content/releases/a.md:6: aliases:"
    expected = f'{at} "{alias}" needs /{folder} to be a folder, but that is {other} {FREE}'
    assert result.code == 1
    assert result.err.splitlines() == [expected, "1 error; nothing was written"]
    assert snapshot(s.out) == before
    assert not (s.root / ".site.prev").exists()


@pytest.mark.parametrize("alias", ["/pagefind/pagefind.js/x/", "/pagefind/", "/pagefind/shard-1/old.html"])
@pytest.mark.parametrize("owner", ["a", "later"])
def test_no_alias_goes_into_the_search_index_folder_even_of_a_scheduled_release(
    alias: str, owner: str, site: Callable[[dict[str, str]], Site]
) -> None:
    """The index's files are known only once Pagefind has run; an alias among them (or one a
    scheduled release will bring) is refused up front, so publishing never breaks a build."""
    s, before = built(site)
    date = "2030-01-01" if owner == "later" else "2024-01-01"
    s.write({f"content/releases/{owner}.md": release(owner.title(), date, aliases=f'["{alias}"]')})
    result = s.build()
    expected = (
        f'{s.root}/content/releases/{owner}.md:6: aliases: "{alias}" is inside /pagefind/, which the generator '
        f"fills (the search index) {FREE}"
    )
    assert result.code == 1
    assert result.err.splitlines() == [expected, "1 error; nothing was written"]
    assert snapshot(s.out) == before


def test_every_clash_of_a_run_is_reported_at_once(site: Callable[[dict[str, str]], Site]) -> None:
    s, before = built(site)
    aliases = '["/feed.xml/x/", "/files/x.pdf/old/", "/q/.index.html.tmp/", "/old.html"]'
    s.write(
        {
            "content/releases/a.md": release("A", "2024-01-01", aliases=aliases),
            "content/releases.json/x.pdf": "pdf",
            "content/files/x.pdf": "pdf",
            "content/tags": "a file where the tags' folder goes",
            "content/old.html/y.pdf": "pdf",
            "content/releases/b/index.html/photo.jpg": "jpg",  # published: b links to it
            "content/releases/b.md": release(
                "B",
                "2024-01-02",
                tags=["Norland"],
                body="A photo of the signing in Breimark ![x](b/index.html/photo.jpg)",
            ),
        }
    )
    result = s.build()
    root, a = s.root, f"{s.root}/content/releases/a.md:6: aliases:"
    assert result.code == 1
    assert sorted(result.err.splitlines()) == sorted(
        [
            f"{root}/content/tags:1: file: /tags would be a file, but the generated file /tags/index.html "
            f"needs /tags to be a folder {UNDER_CONTENT}",
            f'{a} "/feed.xml/x/" needs /feed.xml to be a folder, but that is the generated file /feed.xml {FREE}',
            f'{a} "/files/x.pdf/old/" needs /files/x.pdf to be a folder, but that is /files/x.pdf from '
            f"{root}/content/files/x.pdf {FREE}",
            f'{a} "/q/.index.html.tmp/" has a name starting with "." (kept for the generator\'s own files) {FREE}',
            f"{root}/content/releases.json/x.pdf:1: file: /releases.json/x.pdf needs /releases.json to be a "
            f"folder, but that is the generated file /releases.json {UNDER_CONTENT}",
            f"{root}/content/old.html/y.pdf:1: file: /old.html/y.pdf needs /old.html to be a folder, but that is "
            f'the alias "/old.html" ({root}/content/releases/a.md:6) {UNDER_CONTENT}',
            f"{root}/content/releases/b/index.html/photo.jpg:1: file: /releases/b/index.html/photo.jpg needs "
            f"/releases/b/index.html to be a folder, but that is the page /releases/b/index.html of "
            f"{root}/content/releases/b.md {UNDER_CONTENT}",
            "7 errors; nothing was written",
        ]
    )
    assert "Traceback" not in result.err
    assert snapshot(s.out) == before


SEGMENTS = ["feed.xml", "releases.json", "releases", "b", "index.html", "tags", "norland", "x", "y.html"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    aliases=st.lists(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=4), min_size=1, max_size=4),
    files=st.lists(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=4), max_size=3),
)
def test_any_aliases_and_files_build_or_fail_cleanly_without_a_traceback(
    aliases: list[list[str]], files: list[list[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever paths aliases and content files take, the build either writes them all or
    exits 1 with only `path:line: field:` lines and the old site untouched."""
    root = tmp_path_factory.mktemp("press")
    s = Site(root).write(GOOD)
    assert s.build().code == 0
    before = snapshot(s.out)
    written = ", ".join('"/' + "/".join(parts) + '/"' for parts in aliases)
    content = {f"content/files/{'/'.join(parts)}.pdf": "pdf" for parts in files}
    if any(f"{a}/" in b for a in content for b in content if a != b):
        return  # not a tree a folder can hold
    s.write({"content/releases/a.md": release("A", "2024-01-01", aliases=f"[{written}]"), **content})
    result = s.build()
    assert "Traceback" not in result.err
    if result.code == 0:
        for parts in aliases:
            assert (s.out / "/".join(parts) / "index.html").is_file()
        for name in content:
            assert (s.out / name.removeprefix("content/")).is_file()
        return
    assert result.code == 1
    *lines, summary = result.err.splitlines()
    assert summary.endswith("; nothing was written")
    assert lines and all(line.startswith(f"{root}/content/") for line in lines), lines
    assert snapshot(s.out) == before


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
