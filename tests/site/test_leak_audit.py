"""The leak audit: a build that would publish a trace of an unpublished release fails, site/ untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.publish import outputs
from generator.publish.audit import LeakAudit
from tests.conftest import Site, release, run_cli

NOW = "2026-11-28T12:00:00+00:00"
SECRET = "Quota Agreement Reached with Norland"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def embargoed_site(site: Callable[[dict[str, str]], Site]) -> Site:
    s = site(
        {
            "site.toml": 'base_url = "https://press.example.org/"\n',
            "content/releases/public.md": release("Talks Continue", "2026-11-01", tags=["Norland"]),
            "content/releases/embargoed.md": release(SECRET, "2026-12-01T09:00:00+00:00", tags=["Norland"]),
            "content/releases/draft.md": release("Unfinished Statement on Trade", "2026-11-02", draft="true"),
        }
    )
    assert s.build().code == 0
    return s


def test_a_template_that_shows_a_hidden_release_fails_the_build(site: Callable[[dict[str, str]], Site]) -> None:
    s = embargoed_site(site)
    before = snapshot(s.out)
    base = (Path(__file__).parents[2] / "templates/404.html").read_text()
    s.write({"templates/404.html": base.replace("</ul>", f"<li>Coming soon: {SECRET}</li>\n</ul>")})
    # With --future the release is shown on purpose: no audit failure there.
    assert s.build("--future", "--output", str(s.root / "preview")).code == 0
    line = (s.root / "preview/404.html").read_text().splitlines().index(f"<li>Coming soon: {SECRET}</li>") + 1
    result = s.build()
    assert result.code == 1
    assert result.err.splitlines() == [
        f'{s.root}/content/releases/embargoed.md:2: title: "{SECRET}" appears in /404.html line {line}, but this '
        "release is not public until 2026-12-01T09:00:00+00:00 (expected no trace of a release before it is "
        "public: a template, a link or an alias shows it)",
        "1 error; nothing was written",
    ]
    assert "Traceback" not in result.err
    assert snapshot(s.out) == before


def test_a_full_url_to_an_embargoed_release_in_a_copied_file_is_a_leak_of_its_slug(
    site: Callable[[dict[str, str]], Site],
) -> None:
    # (A body link to its file, site path or full URL is written as plain text: see
    # tests/site/test_links.py and tests/site/test_hidden_pages.py.)
    s = embargoed_site(site)
    before = snapshot(s.out)
    s.write({"content/files/links.txt": "Next: https://press.example.org/releases/embargoed/\n"})
    result = s.build()
    assert result.code == 1
    assert (
        f'{s.root}/content/releases/embargoed.md:1: slug: "releases/embargoed" appears in /files/links.txt line 1'
        in result.err
    )
    assert snapshot(s.out) == before
    check = run_cli(["check", "--source", str(s.root), "--now", NOW])
    assert check.code == 1 and 'slug: "releases/embargoed" appears in' in check.err


def test_drafts_count_as_hidden_and_copied_files_are_searched(site: Callable[[dict[str, str]], Site]) -> None:
    s = embargoed_site(site)
    s.write({"content/files/briefing-notes.txt": "Draft: Unfinished Statement on Trade\n"})
    result = s.build()
    assert result.code == 1
    assert (
        'draft.md:2: title: "Unfinished Statement on Trade" appears in /files/briefing-notes.txt line 1' in result.err
    )
    assert "but this release is a draft" in result.err
    assert s.build("--drafts").code == 0


def test_no_false_alarms(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("Daily Press Briefing", "2026-11-27", body="See releases/fish-market/."),
            "content/releases/b.md": release("Daily Press Briefing", "2026-11-29"),  # the same title tomorrow
            "content/releases/fish.md": release("Readout", "2026-11-30", slug="fish"),  # one word: not searched
            "content/releases/c.md": release("Remarks", "2026-11-20", body="A readout of the meeting follows."),
        }
    )
    result = s.build()
    assert result.code == 0, result.err


def record_scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the leak audit reads from now on (in this process: build with --jobs 1 to see all)."""
    scanned: list[str] = []
    original = LeakAudit.scan

    def recording(self: LeakAudit, path: str, data: bytes) -> list[object]:
        scanned.append(path)
        return original(self, path, data)  # type: ignore[return-value]

    monkeypatch.setattr(outputs.LeakAudit, "scan", recording)
    return scanned


def test_kept_files_are_searched_again_only_for_new_hidden_releases(
    site: Callable[[dict[str, str]], Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    s = embargoed_site(site)
    s.write({"content/releases/public.md": release("Talks Continue", "2026-11-01", body="The Norland Fishing Accord.")})
    scanned = record_scans(monkeypatch)
    assert s.build().code == 0
    total = len(list(s.out.rglob("*")))
    assert 0 < len(scanned) < total / 2  # the pages that changed, not the whole site
    scanned.clear()
    # A new hidden release whose title is already in a kept page: every kept file is searched again.
    s.write({"content/releases/accord.md": release("The Norland Fishing Accord", "2027-01-01")})
    result = s.build()
    assert result.code == 1
    # Its summary is on every listing that shows it; the first file (by path) is named.
    assert 'accord.md:2: title: "The Norland Fishing Accord" appears in /archive/2026/index.html line' in result.err
    assert "(and in 9 other files)" in result.err
    assert len(scanned) > total / 2


LINK_SPELLINGS = [
    ("templates", "/releases/./embargoed/"),
    ("templates", "/releases/%65mbargoed/"),
    ("templates", "/releases/&#101;mbargoed/"),
    ("templates", "/RELEASES/Embargoed/index.html"),
    ("templates", "\\releases\\embargoed\\"),
    ("templates", "/releases//embargoed/#details"),
    ("templates", "https://press.example.org/releases/%65mbargoed"),
    ("templates", "/tags/../releases/x/../embargoed/"),
    ("body", "../embargoed/"),
    ("body", "/releases/%65mbargoed/"),
    ("body", "./../embargoed/?utm=1"),
    ("body", "https://press.example.org/releases/./embargoed/"),
    ("files", "https://press.example.org/releases/%65mbargoed/"),
    ("files", "/releases/embargoed"),
]


def leak_through(s: Site, route: str, html: str, body: str, file: bytes) -> None:
    """Put a trace into the site the way an editor might: its own template, a public release's
    body, a file under content/files."""
    if route == "templates":
        base = (Path(__file__).parents[2] / "templates/404.html").read_text()
        s.write({"templates/404.html": base.replace("</ul>", f"<li>{html}</li>\n</ul>")})
    elif route == "body":
        s.write({"content/releases/public.md": release("Talks Continue", "2026-11-01", body=body)})
    else:
        s.write({"content/files/notes.bin": file})


def fails_naming(s: Site, expected: str) -> None:
    """The build fails with `expected` in its report, no traceback, the site untouched."""
    before = snapshot(s.out)
    result = s.build()
    assert result.code == 1, result.err
    assert expected in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(s.out) == before


@pytest.mark.parametrize(("route", "link"), LINK_SPELLINGS)
def test_a_link_to_a_hidden_release_fails_the_build_however_it_is_spelled(
    site: Callable[[dict[str, str]], Site], route: str, link: str
) -> None:
    s = embargoed_site(site)
    pdf = b"%PDF-1.4\x00\xff\x01 /URI (" + link.encode() + b")\x00"
    leak_through(s, route, f'<a href="{link}">Soon</a>', f"See [next]({link}).", pdf)
    first = s.build() if route == "body" else None
    if first is not None and first.code == 0:
        # The body's link was recognised and written as its text alone: no trace anywhere then.
        assert "is not public yet" in first.err
        assert not any(b"mbargoed" in data for data in snapshot(s.out).values())
        return
    where = {"templates": "/404.html", "body": "/releases/public/index.html", "files": "/files/notes.bin"}[route]
    fails_naming(s, f'{s.root}/content/releases/embargoed.md:1: slug: "releases/embargoed"')
    fails_naming(s, f"appears in {where} line")


TITLE_SPELLINGS = [
    ("body", "Read it: **Quota** Agreement Reached with Norland."),
    ("body", "Read it: Quota Agreement\nReached with Norland."),
    ("body", "Read it: Quota  Agreement Reached&nbsp;with Norland."),
    ("body", "Read it: QUOTA AGREEMENT REACHED WITH NORLAND."),
    ("body", "Read it: *Quota Agreement* Reached with `Norland`."),
    ("templates", "<em>Quota</em> agreement <span>reached</span>\n  with&#160;Norland"),
    ("templates", "Quota&#32;Agreement Reached with Norland"),
    ("files", "**Quota**  Agreement\nReached with Norland"),
    ("body", "Read it: Quo\u00adta Agree\u200bment Reached with Nor\u00adland."),  # pasted from Word
    ("templates", "Quo&shy;ta Agreement Reached with Nor&#x200B;land"),
]


@pytest.mark.parametrize(("route", "text"), TITLE_SPELLINGS)
def test_a_hidden_title_fails_the_build_whatever_its_case_spacing_markup_and_invisible_characters(
    site: Callable[[dict[str, str]], Site], route: str, text: str
) -> None:
    s = embargoed_site(site)
    leak_through(s, route, text, text, text.encode())
    # From a body, the first (by path) of the pages that show the public release's text.
    where = {"templates": "/404.html", "body": "/archive/2026/index.html", "files": "/files/notes.bin"}[route]
    fails_naming(s, f'{s.root}/content/releases/embargoed.md:2: title: "{SECRET}" appears in {where} line')


def test_a_scheduled_release_named_page_does_not_fail_a_paginated_site(
    site: Callable[[dict[str, str]], Site],
) -> None:
    files = {"site.toml": "per_page = 2\n"}
    files |= {f"content/releases/r{i}.md": release(f"Statement {i}", f"2026-11-0{i}") for i in range(1, 8)}
    files["content/releases/paging.md"] = release("Paging Policy Review", "2026-12-01", slug="page")
    s = site(files)
    result = s.build()
    assert result.code == 0, result.err
    assert (s.out / "releases/page/2/index.html").is_file()
    assert not (s.out / "releases/page/index.html").exists()
    hrefs = {a["href"] for a in s.page("/releases/").select("a[href]")}
    assert "/releases/page/2/" in hrefs
    # The release itself, linked, is still a leak.
    base = (Path(__file__).parents[2] / "templates/404.html").read_text()
    s.write({"templates/404.html": base.replace("</ul>", '<li><a href="/releases/page/">Soon</a></li>\n</ul>')})
    result = s.build()
    assert result.code == 1 and 'paging.md:6: slug: "releases/page" appears in /404.html' in result.err


def test_a_file_slipped_into_the_spare_folder_is_searched_before_it_is_published(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = embargoed_site(site)
    s.write({"content/releases/public.md": release("Talks Continue", "2026-11-01", body="Second version.")})
    assert s.build().code == 0  # now the spare (.site.prev) holds the first site
    spare = s.root / ".site.prev"
    assert spare.is_dir()
    (spare / "stray.html").write_text(f"<p>{SECRET}</p>")
    s.write({"content/releases/public.md": release("Talks Continue", "2026-11-01", body="Third version.")})
    before = snapshot(s.out)
    result = s.build()
    assert result.code == 1, result.err
    assert f'"{SECRET}" appears in /stray.html line 1' in result.err
    assert snapshot(s.out) == before


def test_every_file_of_the_output_is_read_by_the_audit(
    site: Callable[[dict[str, str]], Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    s = site(
        {
            "site.toml": 'base_url = "https://press.example.org/"\n',
            "content/releases/public.md": release("Talks Continue", "2026-11-01", tags=["Norland"]),
            "content/releases/embargoed.md": release(SECRET, "2026-12-01T09:00:00+00:00"),
            "content/files/photo.jpg": b"\xff\xd8\xff\xe0 not really a photo",
            "content/files/notes.txt": "Public notes.\n",
        }
    )
    read = record_scans(monkeypatch)
    assert s.build("--jobs", "1").code == 0
    files = {p.relative_to(s.out).as_posix() for p in s.out.rglob("*") if p.is_file()} - {".press-generator-output"}
    assert any(path.startswith("pagefind") for path in files)  # the search bundle is there, and read
    assert {"files/photo.jpg", "files/notes.txt"} <= files
    assert set(read) == files
