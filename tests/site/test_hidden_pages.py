"""Draft pages, hidden releases and their aliases: a link to one, however spelled, is written
as its text with a `link:` warning; any trace the links cannot remove (a template, a copied
file, a title) fails the build naming the file; publishing makes the links links again."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Site, release
from tests.site.test_leak_audit import snapshot

PAGE = "---\ntitle: Qwzx Secret Plans Page\nslug: merger-plans\ndraft: true\n---\nThe plans.\n"
HIDDEN = release("Zeta Secret Release", "2026-11-02", slug="zeta-secret", draft="true", aliases="[/old/zeta/]")
#: The hidden things' site paths, and what must appear in no public file.
TARGETS = {"page": "merger-plans/", "release": "releases/zeta-secret/", "alias": "old/zeta/"}
SECRETS = (b"merger-plans", b"zeta-secret", b"old/zeta")


def spellings(path: str) -> list[str]:
    """Every way a body link from /releases/a/ may lead to the site path `path`."""
    first, rest = path[0], path[1:]
    return [
        f"https://press.example.org/{path}",
        f"HTTPS://Press.Example.ORG:443/{path}",
        f"http://press.example.org:80/{path}",
        f"//press.example.org/{path}",
        f"/{path}",
        f"/{path}index.html",
        f"/{path.rstrip('/')}",
        f"/./{path}",
        f"/releases/../{path}",
        f"/{path.upper()}",
        f"/%{ord(first):02X}{rest}",
        f"../../{path}",
        f"https://press.example.org/{path}?ref=x#top",
    ]


CASES = [(kind, spelled) for kind, path in TARGETS.items() for spelled in spellings(path)]


def hidden_site(site: Callable[[dict[str, str]], Site], body: str) -> Site:
    return site(
        {
            "site.toml": 'base_url = "https://press.example.org/"\n',
            "content/pages/secret.md": PAGE,
            "content/releases/zeta.md": HIDDEN,
            "content/releases/a.md": release("Talks Continue", "2026-11-01", slug="a", body=body),
        }
    )


def leaked(folder: Path) -> list[str]:
    return [path for path, data in snapshot(folder).items() if any(s in data.lower() for s in SECRETS)]


@pytest.mark.parametrize(("kind", "spelled"), CASES)
def test_every_spelling_of_a_link_to_a_hidden_page_release_or_alias_becomes_its_text(
    site: Callable[[dict[str, str]], Site], kind: str, spelled: str
) -> None:
    s = hidden_site(site, f"Before [the plans]({spelled}) after.")
    result = s.build()
    assert result.code == 0, result.err
    article = s.page("releases/a/").select_one("main")
    assert article is not None
    assert "Before the plans after." in " ".join(article.get_text().split())
    assert [a for a in article.find_all("a") if a.get_text() == "the plans"] == []
    assert f'content/releases/a.md:8: link: warning: "{spelled}" is not public yet' in result.err
    assert leaked(s.out) == []


@pytest.mark.parametrize(("kind", "spelled"), [c for c in CASES if "%" not in c[1] and c[1] != c[1].upper()])
def test_publishing_makes_them_links_again_with_the_same_bytes_cached_or_not(
    site: Callable[[dict[str, str]], Site], tmp_path: Path, kind: str, spelled: str
) -> None:
    s = hidden_site(site, f"Before [the plans]({spelled}) after.")
    assert s.build().code == 0
    s.write({"content/pages/secret.md": PAGE.replace("draft: true\n", "")})
    s.write({"content/releases/zeta.md": HIDDEN.replace("draft: true\n", "")})
    result = s.build()
    assert result.code == 0, result.err
    assert "is not public yet" not in result.err
    links = [a["href"] for a in s.page("releases/a/").find_all("a") if a.get_text() == "the plans"]
    assert links == [spelled]
    fresh = tmp_path / "fresh"
    shutil.copytree(s.root / "content", fresh / "content")
    shutil.copy(s.root / "site.toml", fresh / "site.toml")
    clean = Site(fresh)
    assert clean.build("--no-cache").code == 0
    assert snapshot(clean.out) == snapshot(s.out)


AUDITED: list[Callable[[str], str]] = [
    lambda p: f"https://press.example.org/{p}",
    lambda p: f"HTTPS://PRESS.EXAMPLE.ORG/{p}index.html",
    lambda p: f"/{p}",
    lambda p: f"/{p.upper()}",
    lambda p: f"/./{p}",
    lambda p: f"../{p}",
    lambda p: f"/%{ord(p[0]):02X}{p[1:]}",
    lambda p: f"/{p.replace('/', '%2F')}",
    lambda p: f"&#47;{p}",
    lambda p: '{"url": "https:\\/\\/press.example.org\\/' + p.replace("/", "\\/") + '"}',
]


@pytest.mark.parametrize("written", AUDITED)
@pytest.mark.parametrize(
    ("path", "source", "field"),
    [
        ("merger-plans/", "content/pages/secret.md:3: slug", "page"),
        ("old/zeta/", "content/releases/zeta.md:8: aliases", "release"),
    ],
)
def test_a_hidden_page_or_alias_url_in_a_copied_file_fails_the_build_naming_the_file(
    site: Callable[[dict[str, str]], Site], written: Callable[[str], str], path: str, source: str, field: str
) -> None:
    s = hidden_site(site, "Nothing hidden here.")
    assert s.build().code == 0
    before = snapshot(s.out)
    text = written(path)
    s.write({"content/files/notes.txt": f"Notes\nsee {text} soon\n"})
    result = s.build()
    assert result.code == 1, text
    assert f"{s.root}/{source}: " in result.err and "appears in /files/notes.txt line 2" in result.err, result.err
    assert f"but this {field} is a draft" in result.err
    assert "Traceback" not in result.err
    assert snapshot(s.out) == before


def test_a_draft_page_title_in_a_public_release_fails_the_build(site: Callable[[dict[str, str]], Site]) -> None:
    s = hidden_site(site, "Nothing hidden here.")
    assert s.build().code == 0
    before = snapshot(s.out)
    s.write(
        {"content/releases/a.md": release("Talks Continue", "2026-11-01", slug="a", body="Qwzx Secret Plans Page.")}
    )
    result = s.build()
    assert result.code == 1
    assert f'{s.root}/content/pages/secret.md:2: title: "Qwzx Secret Plans Page" appears in' in result.err
    assert "but this page is a draft" in result.err
    assert snapshot(s.out) == before
    assert s.build("--drafts", "--output", str(s.root / "preview")).code == 0


def test_other_paths_that_end_alike_are_no_alarm(site: Callable[[dict[str, str]], Site]) -> None:
    body = "See [a](https://news.example/blog/merger-plans/), [b](/blog/old/zeta/) and [c](/merger-plans-2/)."
    s = hidden_site(site, body)
    s.write({"content/files/notes.txt": "/archive/merger-plans/ and /new/old/zeta/ and merger-plans\n"})
    result = s.build()
    assert result.code == 0, result.err
    hrefs = [a["href"] for a in s.page("releases/a/").select("main a") if a.get_text() in "abc"]
    assert hrefs == ["https://news.example/blog/merger-plans/", "/blog/old/zeta/", "/merger-plans-2/"]


def test_a_draft_page_s_path_on_another_host_is_a_link_elsewhere_not_a_leak(
    site: Callable[[dict[str, str]], Site],
) -> None:
    """A draft page's URL is often as plain as /contact/: another site's /contact/ in a public
    release, a template or a copied file must not fail every build (base_url names the host)."""
    elsewhere = ["https://trade.example.org/merger-plans/", "//cdn.example.net/old/zeta/index.html"]
    body = f"See [a]({elsewhere[0]}) and [b]({elsewhere[1]})."
    s = hidden_site(site, body)
    s.write({"content/files/notes.html": f'<a href="{elsewhere[0]}">x</a> <a href="{elsewhere[1]}">y</a>\n'})
    result = s.build()
    assert result.code == 0, result.err
    hrefs = [a["href"] for a in s.page("releases/a/").select("main a") if a.get_text() in "ab"]
    assert hrefs == elsewhere
    # The same path on the site's own host is still a trace.
    s.write({"content/files/notes.html": '<a href="HTTPS://press.example.org/merger-plans/">x</a>\n'})
    result = s.build()
    assert result.code == 1 and 'content/pages/secret.md:3: slug: "merger-plans"' in result.err, result.err


@pytest.mark.parametrize(
    ("shown", "error"),
    [
        ('<a href="https://press.example.org/merger-plans/">x</a>', 'content/pages/secret.md:3: slug: "merger-plans"'),
        ("Coming: Qwzx Secret Plans Page", 'content/pages/secret.md:2: title: "Qwzx Secret Plans Page"'),
        ('<a href="/old/zeta/index.html">x</a>', 'content/releases/zeta.md:8: aliases: "old/zeta"'),
    ],
)
def test_a_template_that_shows_a_draft_page_or_a_hidden_alias_fails_the_build(
    site: Callable[[dict[str, str]], Site], shown: str, error: str
) -> None:
    s = hidden_site(site, "Nothing hidden here.")
    assert s.build().code == 0
    before = snapshot(s.out)
    base = (Path(__file__).parents[2] / "templates/404.html").read_text()
    s.write({"templates/404.html": base.replace("</ul>", f"<li>{shown}</li>\n</ul>")})
    result = s.build()
    assert result.code == 1
    assert f"{s.root}/{error}" in result.err and "appears in /404.html line " in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(s.out) == before
