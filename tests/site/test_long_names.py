"""Names longer than a file system takes: derived slugs are cut to SLUG_MAX_BYTES at a "-",
explicit ones too long are an error at their line, and no output name is ever over 255 bytes."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from generator.model import SourceFile
from generator.publish.clashes import long_names
from generator.render.kinds.files import CopiedFile, KnownFile
from generator.render.planned import Planned
from generator.slugs import ALIAS_MAX_BYTES, NAME_MAX_BYTES, PATH_MAX_BYTES, SLUG_MAX_BYTES, slugify
from tests.conftest import Site, release, run_cli, run_process
from tests.site.test_incremental import clean_build, snapshot
from tests.unit.test_slugs import LONG_TEXTS

ASCII_TITLE = " ".join(f"word{i}" for i in range(50))  # 344 characters
CJK_TITLE = "漢" * 100  # 300 bytes in UTF-8, no "-" to cut at
#: Titles and the slugs they get: the longest start within SLUG_MAX_BYTES ending at a whole word,
#: or, without a "-" to cut at, at a whole character.
LONG_TITLES = {
    "ascii-words": (ASCII_TITLE, "-".join(f"word{i}" for i in range(30))),  # 199 bytes; a 31st word: 206
    "ascii-one-word": ("x" * 300, "x" * 200),
    "cjk": (CJK_TITLE, "漢" * 66),  # 198 bytes; a 67th character: 201
    "accents": ("Déclaration conjointe " * 15, "-".join(["declaration-conjointe"] * 9)),  # 197 bytes
    "cjk-words": ("漢字 " * 60, "-".join(["漢字"] * 28)),  # 195 bytes
}


def utf8(text: str) -> int:
    return len(text.encode())


def every_name(folder: Path) -> list[str]:
    """Every file and folder name under `folder`."""
    return [name for _, folders, files in os.walk(folder) for name in (*folders, *files)]


def new(s: Site, title: str, *args: str) -> tuple[int, str, str]:
    # After "--": a title may start with "-" (as "-A" does), which would read as an option.
    result = run_cli(["new", "--type", "media note", "--office", "Office", *args, "--source", str(s.root), "--", title])
    return result.code, (result.out.splitlines() or [""])[0], result.err


@pytest.mark.parametrize(("title", "slug"), LONG_TITLES.values(), ids=LONG_TITLES.keys())
def test_new_with_a_very_long_title_writes_a_shortened_file_name_that_builds(
    site: Callable[[dict[str, str]], Site], title: str, slug: str
) -> None:
    s = site({"content/pages/about.md": "---\ntitle: About\n---\n"})
    code, out, err = new(s, title, "--date", "2024-05-02T10:00:00+02:00")
    assert code == 0, err
    assert Path(out) == s.root / "content/releases/2024" / f"{slug}.md"
    assert utf8(slug) <= SLUG_MAX_BYTES
    built = s.build("--drafts")
    assert built.code == 0, built.err
    page = s.page(f"releases/{slug}/")
    assert page.select_one("h1").get_text() == title.strip()
    assert max(map(utf8, every_name(s.out))) <= NAME_MAX_BYTES


def test_new_with_a_very_long_title_never_ends_in_a_traceback_in_a_real_process(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    for title in (ASCII_TITLE * 3, CJK_TITLE * 3):
        done = run_process(["new", title, "--type", "media note", "--office", "Office", "--source", str(tmp_path)])
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert utf8(Path(done.stdout.splitlines()[0]).name) <= SLUG_MAX_BYTES + len(".md")


def test_new_says_so_when_the_releases_folder_cannot_be_made(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases": "a file where the folder should be"})
    code, _, err = new(s, ASCII_TITLE, "--date", "2024-05-02")
    assert code == 1 and "Traceback" not in err
    assert err == (
        "error: the release cannot be written: cannot make the folder "
        f"{s.root}/content/releases/2024 (Not a directory)\n"
    )
    assert (s.root / "content/releases").read_text().startswith("a file")


LONG_TAG = "Strategic " * 30  # 300 characters
CJK_TAG = "漢" * 100
LONG_OFFICE = "Office of the Special Envoy for " + "Very Long Names " * 20


def long_named_site(site: Callable[[dict[str, str]], Site]) -> Site:
    return site(
        {
            "content/releases/one.md": release(
                ASCII_TITLE, "2024-05-02", office=json.dumps(LONG_OFFICE), tags=[json.dumps(LONG_TAG), CJK_TAG]
            ),
            "content/releases/two.md": release("Two", "2024-05-03", office=json.dumps(LONG_OFFICE), tags=[CJK_TAG]),
            f"content/releases/{'a-' * 120}b.md": release("Long file name", "2024-05-04"),
            f"content/releases/{'漢' * 80}.md": release("CJK file name", "2024-05-05"),
            f"content/pages/{'p' * 240}.md": "---\ntitle: Long page\n---\nText.\n",
            f"content/files/{'f' * 251}.pdf": "%PDF a file whose name is 255 bytes\n",
        }
    )


def test_long_tags_offices_and_file_names_build_with_listing_pages_within_the_limit(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = long_named_site(site)
    result = s.build()
    assert result.code == 0, result.err
    assert max(map(utf8, every_name(s.out))) <= NAME_MAX_BYTES
    release_page = s.page("releases/one/")
    tag_links = {a.get_text(strip=True): a["href"] for a in release_page.select(".release-tags a")}
    assert set(tag_links) == {LONG_TAG.strip(), CJK_TAG}
    for name, href in tag_links.items():
        slug = href.rstrip("/").rsplit("/", 1)[-1]
        assert utf8(slug) <= SLUG_MAX_BYTES and slugify(name) == slug
        listing = s.page(href.removeprefix("/"))
        assert ASCII_TITLE in listing.get_text()
    office = "office-of-the-special-envoy-for" + "-very-long-names" * 10 + "-very"  # 196 bytes; "-long": 201
    assert {"Two", ASCII_TITLE} <= {a.get_text(strip=True) for a in s.page(f"offices/{office}/").select("a")}
    assert s.page(f"releases/{'a-' * 99}a/").select_one("h1").get_text() == "Long file name"
    assert s.page(f"releases/{'漢' * 66}/").select_one("h1").get_text() == "CJK file name"
    assert s.page(f"{'p' * 200}/").select_one("h1").get_text() == "Long page"
    assert (s.out / "files" / f"{'f' * 251}.pdf").read_bytes().startswith(b"%PDF")


def test_long_names_build_incrementally_to_the_same_bytes_as_a_clean_build(
    site: Callable[[dict[str, str]], Site], tmp_path: Path
) -> None:
    s = long_named_site(site)
    assert s.build().code == 0
    s.write({"content/releases/two.md": release("Two, corrected", "2024-05-03", tags=[json.dumps(LONG_TAG)])})
    s.write({f"content/files/{'f' * 251}.pdf": "%PDF changed: written beside itself first\n"})
    result = s.build()
    assert result.code == 0, result.err
    assert snapshot(s.out) == clean_build(s, tmp_path, 1)


def test_an_explicit_slug_too_long_is_an_error_at_its_line_and_the_site_stays(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = site({"content/releases/good.md": release("Good", "2024-01-01")})
    assert s.build().code == 0
    before = snapshot(s.out)
    ascii_slug, cjk_slug = "a" * (SLUG_MAX_BYTES + 1), "漢" * 67  # 201 bytes each
    s.write(
        {
            "content/releases/a.md": release("A", "2024-01-02", slug=ascii_slug),
            "content/releases/b.md": release("B", "2024-01-02", tags=["X"], slug=cjk_slug),
            "content/pages/c.md": f"---\ntitle: C\nslug: {'c' * 300}\n---\n",
            "content/releases/fits.md": release("Fits", "2024-01-02", slug="f" * SLUG_MAX_BYTES),
        }
    )
    result = s.build()
    assert result.code == 1 and "Traceback" not in result.err
    printed = result.err.splitlines()
    expected = f"(expected at most {SLUG_MAX_BYTES} bytes)"
    assert f"{s.root}/content/releases/a.md:6: slug: is 201 bytes long in UTF-8 {expected}" in printed
    assert f"{s.root}/content/releases/b.md:7: slug: is 201 bytes long in UTF-8 {expected}" in printed
    assert f"{s.root}/content/pages/c.md:3: slug: is 300 bytes long in UTF-8 {expected}" in printed
    assert not any("fits.md" in line for line in printed)
    assert snapshot(s.out) == before


@pytest.mark.parametrize(
    ("alias", "rule"),
    [
        ("/old/" + "a" * 256 + "/", f"at most {NAME_MAX_BYTES} bytes between slashes"),
        ("/" + "b" * 252 + ".html", f"at most {NAME_MAX_BYTES} bytes between slashes"),
        ("/" + "漢" * 86 + "/x/", f"at most {NAME_MAX_BYTES} bytes between slashes"),
        # Every name short, the whole too long (4,096 bytes with the output's own path).
        ("/" + "ab/" * 400, f"bytes long in UTF-8; at most {ALIAS_MAX_BYTES} bytes"),
        ("/" + "ab/" * 3000, f"bytes long in UTF-8; at most {ALIAS_MAX_BYTES} bytes"),
    ],
    ids=lambda value: str(len(value)),
)
def test_an_alias_too_long_for_the_file_system_is_an_error_at_its_line(
    site: Callable[[dict[str, str]], Site], alias: str, rule: str
) -> None:
    s = site({"content/releases/a.md": release("A", "2024-01-02", aliases=f'["/fine/", "{alias}"]')})
    result = s.build()
    assert result.code == 1 and "Traceback" not in result.err
    (line,) = [line for line in result.err.splitlines() if "aliases:" in line]
    assert line.startswith(f"{s.root}/content/releases/a.md:6: aliases: ")
    assert rule in line
    assert not s.out.exists()


def test_any_output_path_too_long_in_all_is_an_error_naming_its_source() -> None:
    asset = SourceFile(shown="content/files/deep.pdf", relative="files/deep.pdf", data=b"%PDF")
    planned = [
        Planned(CopiedFile("files/" + "abcdefgh/" * 400 + "deep.pdf", asset), ""),
        Planned(KnownFile("files/ok.pdf", b""), ""),
    ]
    (problem,) = long_names(planned)
    assert problem.path == "content/files/deep.pdf" and f"at most {PATH_MAX_BYTES} bytes in all" in str(problem)


def test_an_alias_of_the_longest_name_a_file_system_takes_builds_again_and_again(
    site: Callable[[dict[str, str]], Site], tmp_path: Path
) -> None:
    longest = "/old/" + "a" * (NAME_MAX_BYTES - len(".html")) + ".html"
    s = site({"content/releases/a.md": release("A", "2024-01-02", aliases=f'["{longest}"]')})
    assert s.build().code == 0
    for step, title in enumerate(["A, corrected", "A, corrected again"]):
        s.write({"content/releases/a.md": release(title, "2024-01-02", aliases=f'["{longest}"]')})
        result = s.build()
        assert result.code == 0, result.err
        assert snapshot(s.out) == clean_build(s, tmp_path, step)
    assert (s.out / longest.lstrip("/")).is_file()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LONG_TEXTS)
def test_any_title_through_new_gives_a_file_name_within_the_limit_that_builds_also_as_a_tag(title: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        s = Site(Path(folder))
        (s.root / "content").mkdir()
        code, out, err = new(s, title, "--date", "2024-05-02T10:00:00+02:00", "--tags=" + title.replace(",", " "))
        assert "Traceback" not in err
        if not slugify(title):
            assert code == 1 and "no letters or digits" in err
            return
        assert code == 0, err
        slug = Path(out).stem
        assert slug == slugify(title) and 0 < utf8(slug) <= SLUG_MAX_BYTES
        built = s.build("--drafts")
        assert built.code == 0, built.err
        assert (s.out / "releases" / slug / "index.html").is_file()
        assert max(map(utf8, every_name(s.out))) <= NAME_MAX_BYTES


def test_any_output_name_over_255_bytes_is_an_error_naming_its_source() -> None:
    """The last guard, behind the slug and alias rules: whatever made the path, a name too long
    for the file system is a problem naming the file it comes from, not an OSError."""
    asset = SourceFile(shown="content/files/x.pdf", relative="files/x.pdf", data=b"%PDF")
    fits = "a" * NAME_MAX_BYTES
    planned = [
        Planned(CopiedFile(f"files/{'x' * 256}.pdf", asset), ""),
        Planned(KnownFile(f"tags/{'漢' * 86}/index.html", b""), ""),
        Planned(KnownFile(f"files/{fits}", b""), ""),
    ]
    problems = long_names(planned)
    assert [(p.path, p.severity) for p in problems] == [("content/files/x.pdf", "error"), (problems[1].path, "error")]
    assert problems[1].path.startswith("a page the generator makes (/tags/")
    assert ["260 bytes long" in problems[0].message, "258 bytes long" in problems[1].message] == [True, True]
    assert all(str(p).count(":") >= 2 and "at most 255 bytes between slashes" in str(p) for p in problems)


def test_long_tags_that_differ_only_after_the_cut_are_a_clash_that_says_so(
    site: Callable[[dict[str, str]], Site],
) -> None:
    one, two = "Fisheries " * 25 + "North", "Fisheries " * 25 + "South"
    s = site(
        {
            "content/releases/a.md": release("A", "2024-01-01", tags=[json.dumps(one)]),
            "content/releases/b.md": release("B", "2024-01-02", tags=[json.dumps(two)]),
        }
    )
    result = s.build()
    assert result.code == 1 and "Traceback" not in result.err
    (line,) = [line for line in result.err.splitlines() if "would share the URL slug" in line]
    assert line.startswith(f"{s.root}/content/releases/a.md:6: tags: ")
    assert line.endswith(
        f"(expected names that differ in more than punctuation within their first {SLUG_MAX_BYTES} bytes)"
    )
