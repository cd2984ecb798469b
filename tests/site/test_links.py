"""Links in built sites: unsafe URLs, ids on a page, files next to releases, links to
what is not public yet. Real builds, read back with an HTML parser."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import Site, release

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
    from generator.markup import RESERVED_IDS

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
