"""Links in built sites: unsafe URLs, ids on a page, files next to releases, links to
what is not public yet. Real builds, read back with an HTML parser."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import NOW, Site, release, run_cli

BAD_SCHEMES = ("javascript:", "vbscript:", "file:", "data:")


def html_pages(folder: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(folder).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(folder.rglob("*.html"))
    }


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def as_browser_reads(url: str) -> str:
    """The URL's start as a browser takes its scheme: controls and spaces around it and tabs
    and newlines anywhere dropped, any case."""
    return re.sub(r"[\t\n\r]", "", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x1f ").lower()


def test_no_unsafe_url_is_an_href_or_src_anywhere_in_a_built_site(site: Callable[[dict[str, str]], Site]) -> None:
    variants = [
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
        "DATA:image/png;base64,iVBORw0KGgo=",
        "%64ata:image/png;base64,iVBORw0KGgo=",
        "&#100;ata:image/png;base64,iVBORw0KGgo=",
        "&#x64;&#x61;ta:text/html,x",
        "jav&#x09;ascript:alert(1)",
        "<java\tscript:alert(1)>",
        "<\x01javascript:alert(1)>",
        "VBScript:msgbox",
        "file:///etc/passwd",
        "<fi\u200ble:///etc/passwd>",
    ]
    lines = []
    for n, url in enumerate(variants):
        lines += [
            f"[link {n}]({url}) ![image {n}]({url}) [ref {n}][r{n}] <{url.strip('<>')}>",
            "",
            f"[r{n}]: {url}",
            "",
        ]
    s = site(
        {
            "content/releases/hostile.md": release("Hostile Links", "2024-05-01", body="\n".join(lines)),
            "content/pages/about.md": "---\ntitle: About\n---\n" + "\n".join(lines),
        }
    )
    result = s.build()
    assert result.code == 0, result.err
    pages = html_pages(s.out)
    assert "releases/hostile/index.html" in pages and "about/index.html" in pages
    for path, soup in pages.items():
        for element in soup.find_all(True):
            for name in ("href", "src", "srcset", "action", "formaction", "poster", "data"):
                value = element.get(name)
                if isinstance(value, str):
                    assert not as_browser_reads(value).startswith(BAD_SCHEMES), (path, element)
    body = pages["releases/hostile/index.html"].select_one("main")
    assert body is not None and "link 0" in body.get_text() and "link 11" in body.get_text()


def test_ids_on_built_pages_are_unique_and_every_fragment_link_finds_its_target(
    site: Callable[[dict[str, str]], Site],
) -> None:
    from generator.content.markup import RESERVED_IDS

    headings = ["fn1", "fnref1", "fn2", "FN 1", "Main", "search input", "live banner", "related heading"]
    headings += ["tags heading", "fn1 section", "Key points", "Key points", *sorted(RESERVED_IDS)]
    body = "\n\n".join(
        [
            *(f"## {h}" for h in headings),
            "A claim[^1], another[^2] and the first again[^1].",
            "[^1]: One.",
            "[^2]: Two.",
        ]
    )
    s = site(
        {
            "site.toml": 'base_url = "https://press.example.org/"\n',
            "content/releases/notes.md": release("Notes", "2024-05-01", tags=["Norland"], body=body),
            "content/releases/other.md": release("Other Notes", "2024-05-02", tags=["Norland"]),
            "content/pages/about.md": "---\ntitle: About\n---\n" + body,
        }
    )
    result = s.build()
    assert result.code == 0, result.err
    for url in ("releases/notes/", "about/"):
        page = s.page(url)
        ids = [str(el["id"]) for el in page.find_all(id=True)]
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        # "#" alone is the top of the page (the hidden live banner's placeholder link).
        fragments = [str(a["href"]) for a in page.find_all("a", href=True) if str(a["href"]).startswith("#")]
        fragments = [f for f in fragments if f != "#"]
        assert fragments and all(page.find(id=f[1:]) is not None for f in fragments), fragments
        refs = page.select("sup.footnote-ref a")
        assert len(refs) == 3
        for ref in refs:
            note = page.find(id=str(ref["href"])[1:])
            assert note is not None and note.name == "li" and "footnote-item" in note["class"]
        assert len(page.select("main h2[id]")) >= len(headings)


def test_markdown_in_any_spelling_of_its_ending_is_a_release_or_page_never_a_copied_file(
    site: Callable[[dict[str, str]], Site],
) -> None:
    endings = [".md", ".MD", ".Md", ".markdown", ".Markdown", ".MARKDOWN"]
    files = {f"content/releases/r{n}{e}": release(f"Release {n}", "2024-05-01") for n, e in enumerate(endings)}
    files |= {f"content/pages/p{n}{e}": f"---\ntitle: Page {n}\n---\nText.\n" for n, e in enumerate(endings)}
    files["content/releases/later.MARKDOWN"] = release("Later Release", "2027-01-01")
    s = site(files)
    result = s.build()
    assert result.code == 0, result.err
    for n in range(len(endings)):
        assert (s.out / f"releases/r{n}/index.html").is_file() and (s.out / f"p{n}/index.html").is_file()
    written = snapshot(s.out)
    assert not [p for p in written if p.lower().endswith((".md", ".markdown"))]
    assert "later" not in " ".join(written) and b"Later Release" not in b"".join(written.values())


def next_to_releases(site: Callable[[dict[str, str | bytes]], Site]) -> Site:
    return site(
        {
            "site.toml": 'base_url = "https://press.example.org/"\n',
            "content/releases/2026/public.md": release(
                "Talks Continue",
                "2026-11-01",
                body="![A chart](img/chart.png)\n\n[The report](report.pdf) and [the map](/releases/2026/map.png).",
            ),
            "content/releases/2026/img/chart.png": b"\x89PNG public chart",
            "content/releases/2026/report.pdf": b"%PDF public report",
            "content/releases/2026/map.png": b"\x89PNG map",
            "content/releases/2026/secret.md": release(
                "Quota Agreement Reached", "2026-12-01T09:00:00+00:00", body="![Quotas](secret-chart.png)"
            ),
            "content/releases/2026/secret-chart.png": b"\x89PNG embargoed chart",
            "content/releases/2026/secret.md.orig": release("Quota Agreement Reached (old draft)", "2026-12-01"),
            "content/releases/notes.txt": "internal notes\n",
            "content/pages/about.md": "---\ntitle: About\n---\n![Team](team.jpg)\n",
            "content/pages/team.jpg": b"JPEG team",
            "content/pages/old-team.jpg": b"JPEG old team",
            "content/files/briefing.pdf": b"%PDF public on its own",
            "content/logo.svg": "<svg/>",
        }
    )


def test_files_next_to_releases_are_published_only_with_a_published_release_that_links_them(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    s = next_to_releases(site)
    result = s.build()
    assert result.code == 0, result.err
    written = snapshot(s.out)
    for public in ["releases/2026/img/chart.png", "releases/2026/report.pdf", "releases/2026/map.png"]:
        assert public in written
    assert {"pages/team.jpg", "files/briefing.pdf", "logo.svg"} <= written.keys()
    unpublished = [
        "releases/2026/secret-chart.png",
        "releases/2026/secret.md.orig",
        "releases/notes.txt",
        "pages/old-team.jpg",
    ]
    assert not set(unpublished) & written.keys()
    everything = b"".join(written.values())
    assert b"embargoed chart" not in everything and b"old draft" not in everything and b"secret" not in everything
    warnings = [line for line in result.err.splitlines() if "not published, as no release" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{s.root}/content:1: file: warning: 3 files next to releases or pages")
    # The embargoed release's chart waits for it, as it should: no warning about it.
    assert all(name in warnings[0] for name in unpublished if name != "releases/2026/secret-chart.png")
    assert "secret-chart.png" not in warnings[0]
    page = s.page("releases/public/")
    assert page.select_one('img[src="/releases/2026/img/chart.png"]') is not None
    assert page.select_one('a[href="/releases/2026/report.pdf"]') is not None

    strict = s.build("--strict")
    assert strict.code == 1 and "3 files next to releases or pages not published" in strict.err
    assert snapshot(s.out) == written


def test_an_embargoed_release_s_image_goes_public_with_it_and_cache_on_or_off_gives_the_same_bytes(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    s = next_to_releases(site)
    for now in ["2026-11-28T12:00:00+00:00", "2026-12-01T08:59:59+00:00", "2026-12-01T09:00:00+00:00"]:
        cached = s.build(now=now)
        assert cached.code == 0, cached.err
        incremental = snapshot(s.out)
        clean = s.build("--no-cache", "--output", str(s.root / f"clean-{now[:19]}"), now=now)
        assert clean.code == 0, clean.err
        assert snapshot(s.root / f"clean-{now[:19]}") == incremental
        public = now >= "2026-12-01T09:00:00"
        assert ("releases/2026/secret-chart.png" in incremental) is public
        assert ("releases/secret/index.html" in incremental) is public
        assert "releases/2026/secret.md.orig" not in incremental


def test_a_body_edit_that_links_or_unlinks_a_file_publishes_or_withdraws_it_as_a_clean_build_does(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    s = next_to_releases(site)
    first = "First paragraph.\n\n![A chart](img/chart.png)\n\n[The report](report.pdf) [map](/releases/2026/map.png)"
    s.write({"content/releases/2026/public.md": release("Talks Continue", "2026-11-01", body=first)})
    assert s.build().code == 0
    bodies = [
        "![A chart](img/chart.png) [Notes](../notes.txt)",  # links one more file
        "[Notes](../notes.txt)",  # and no longer the chart, the report or the map
        "Nothing linked.",
        "Nothing linked, still.",  # the same links: this edit takes the fast path
    ]
    fast = []
    for n, body in enumerate(bodies):
        # The same first paragraph (the summary): only the body changes, the fast path's case.
        text = "First paragraph.\n\n" + body
        s.write({"content/releases/2026/public.md": release("Talks Continue", "2026-11-01", body=text)})
        result = s.build()
        assert result.code == 0, result.err
        fast.append("(bodies only)" in result.out)
        clean = s.root / f"clean-{n}"
        assert s.build("--no-cache", "--output", str(clean)).code == 0
        assert snapshot(s.out) == snapshot(clean)
        assert ("releases/notes.txt" in snapshot(s.out)) is ("notes.txt" in body)
        assert ("releases/2026/img/chart.png" in snapshot(s.out)) is ("chart" in body)
    assert fast == [False, False, False, True]


def linking_site(site: Callable[[dict[str, str | bytes]], Site]) -> Site:
    body = "\n".join(
        [
            "An intro paragraph, long enough to be the summary.",
            "",
            "See [the quota deal](later.md#details).",  # line 9
            "And [the unfinished one](unfinished.md).",  # line 10
            "And [the page](../../pages/draft-page.md).",  # line 11
            "And [from the root](/releases/later/) and [its alias](/old/quota/).",  # line 12
            "And [the published one](public-too.md).",  # line 13
        ]
    )
    return site(
        {
            "site.toml": 'base_url = "https://press.example.org/"\n',
            "content/releases/2026/public.md": release("Talks Continue", "2026-11-01", body=body),
            "content/releases/2026/public-too.md": release("Also Public", "2026-11-02"),
            "content/releases/2026/later.md": release(
                "Quota Deal", "2026-12-01T09:00:00+00:00", aliases="[/old/quota/]"
            ),
            "content/releases/2026/unfinished.md": release("Unfinished", "2026-11-03", draft="true"),
            "content/pages/draft-page.md": "---\ntitle: Coming\ndraft: true\n---\nSoon.\n",
            "content/pages/about.md": "---\ntitle: About\n---\nSee [the page](draft-page.md).\n",
        }
    )


def test_a_link_to_anything_not_public_is_plain_text_with_a_warning_saying_why(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    s = linking_site(site)
    result = s.build()
    assert result.code == 0, result.err
    shown = f"{s.root}/content/releases/2026/public.md"
    scheduled = "is not public yet (scheduled for 2026-12-01T09:00:00+00:00)"
    expected = [
        f'{shown}:9: link: warning: "later.md#details" {scheduled}',
        f'{shown}:10: link: warning: "unfinished.md" is not public yet (a draft)',
        f'{shown}:11: link: warning: "../../pages/draft-page.md" is not public yet (a draft)',
        f'{shown}:12: link: warning: "/releases/later/" {scheduled}',
        f'{shown}:12: link: warning: "/old/quota/" {scheduled}',
        f'{s.root}/content/pages/about.md:4: link: warning: "draft-page.md" is not public yet (a draft)',
    ]
    lines = [line for line in result.err.splitlines() if "is not public yet" in line]
    assert [line.split(": its text")[0] for line in sorted(lines)] == sorted(expected)
    page = s.page("releases/public/")
    main = page.select_one("main")
    assert main is not None
    hrefs = [str(a["href"]) for a in main.find_all("a", href=True)]
    assert "/releases/public-too/" in hrefs
    for text in ["the quota deal", "the unfinished one", "the page", "from the root", "its alias"]:
        assert text in main.get_text() and not [a for a in main.find_all("a") if a.get_text() == text]
    everything = b"".join(snapshot(s.out).values())
    for secret in [b"releases/later", b"draft-page", b"releases/unfinished", b"old/quota", b"Quota Deal"]:
        assert secret not in everything

    before = snapshot(s.out)
    strict = s.build("--strict")
    assert strict.code == 1 and f'{shown}:9: link: "later.md#details" {scheduled}' in strict.err
    assert "Traceback" not in strict.err and snapshot(s.out) == before
    check = run_cli(["check", "--source", str(s.root), "--now", NOW])
    assert check.code == 1 and f'{shown}:11: link: "../../pages/draft-page.md" is not public yet' in check.err


def test_the_link_appears_when_its_target_goes_public_and_cache_on_or_off_gives_the_same_bytes(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    s = linking_site(site)
    for now in ["2026-11-28T12:00:00+00:00", "2026-12-01T09:00:00+00:00"]:
        cached = s.build(now=now)
        assert cached.code == 0, cached.err
        clean = s.root / f"clean-{now[:10]}"
        assert s.build("--no-cache", "--output", str(clean), now=now).code == 0
        assert snapshot(s.out) == snapshot(clean)
        main = s.page("releases/public/").select_one("main")
        assert main is not None
        hrefs = {str(a["href"]) for a in main.find_all("a", href=True)}
        public = now.startswith("2026-12-01")
        assert ("/releases/later/#details" in hrefs) is public and ("/old/quota/" in hrefs) is public
        assert "/draft-page/" not in hrefs and "/releases/unfinished/" not in hrefs
    preview = s.build("--drafts", "--future", "--output", str(s.root / "preview"))
    assert preview.code == 0 and "is not public yet" not in preview.err
    main = s.page("releases/public/", output="preview").select_one("main")
    assert main is not None
    assert {"/draft-page/", "/releases/unfinished/"} <= {str(a["href"]) for a in main.find_all("a", href=True)}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(["public", "draft", "scheduled"]), st.sets(st.integers(0, 3))), min_size=1, max_size=4
    )
)
def test_exactly_the_files_published_releases_link_to_are_published(
    tmp_path_factory: pytest.TempPathFactory, releases: list[tuple[str, set[int]]]
) -> None:
    names = ["chart.png", "sub/report.pdf", "old.md.orig", "Notes.TXT"]
    files: dict[str, str | bytes] = {
        f"content/releases/{n}": f"bytes of file {i}".encode() for i, n in enumerate(names)
    }
    files["site.toml"] = "search = false\n"  # (Pagefind would only make each example slower)
    for r, (state, linked) in enumerate(releases):
        extra = {"draft": "true"} if state == "draft" else {}
        date = "2027-01-01" if state == "scheduled" else "2024-01-01"
        body = "Text.\n\n" + " ".join(f"[file {i}]({names[i]})" for i in sorted(linked))
        files[f"content/releases/r{r}.md"] = release(f"Release {r}", date, body=body, **extra)
    s = Site(tmp_path_factory.mktemp("site")).write(files)
    result = s.build()
    assert result.code == 0, result.err
    public = {i for state, linked in releases if state == "public" for i in linked}
    written = snapshot(s.out)
    assert {n for n in names if f"releases/{n}" in written} == {names[i] for i in public}
    everything = b"".join(written.values())
    for i in set(range(len(names))) - public:
        assert f"bytes of file {i}".encode() not in everything
    warnings = [line for line in result.err.splitlines() if "not published, as no release" in line]
    linked_by_any = {i for _, linked in releases for i in linked}
    assert len(warnings) == (1 if len(linked_by_any) < len(names) else 0)
    # A file that only a draft or scheduled release links to waits for it without a warning.
    for i in linked_by_any - public:
        assert not any(names[i] in w for w in warnings)


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
