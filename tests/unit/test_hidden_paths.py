"""Whole site paths (draft pages, aliases) in the leak audit, and which full URLs are this site's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.publish.audit import Hidden, LeakAudit
from generator.weburls import same_site

PAGE = Hidden(
    "content/pages/p.md", "merger-plans", "Qwzx Secret Plans", "is a draft", 3, 2, "merger-plans/", kind="page"
)
ALIAS = Hidden("content/releases/z.md", "zeta", "", "is a draft", 8, 2, "old/zeta/", "aliases")


def fields(data: str, path: str = "files/n.txt", base_path: str = "/") -> list[str]:
    return [leak.what for leak in LeakAudit([PAGE, ALIAS], [], base_path).scan(path, data.encode())]


def cases(text: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(text), max_size=len(text)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(text, upper, strict=True))
    )


@given(cases("https"), cases("press.example.org"), st.sampled_from(["", ":443", ":80"]))
def test_a_full_url_on_the_sites_host_is_the_site_in_any_case_and_default_port(
    scheme: str, host: str, port: str
) -> None:
    assert same_site(f"{scheme}://{host}{port}/x/", "https://press.example.org/")
    assert same_site(f"//{host}{port}/x/", "https://press.example.org/")


def test_other_hosts_ports_and_schemes_are_not_the_site() -> None:
    for url in (
        "https://press.example.org.evil/x",
        "https://evil.org/x",
        "https://press.example.org:8443/",
        "mailto:x@press.example.org",
        "/x/",
        "x/",
        "ftp://press.example.org/x",
    ):
        assert not same_site(url, "https://press.example.org/"), url
    assert not same_site("https://press.example.org/x", "/")


def test_a_draft_page_and_an_alias_are_found_as_whole_paths_only() -> None:
    assert fields('<a href="/merger-plans/">') == ["slug"]
    assert fields('<a href="/old/zeta/index.html">') == ["aliases"]
    assert fields('<a href="merger-plans/">', "index.html") == ["slug"]
    assert fields('<a href="zeta/">', "old/index.html") == ["aliases"]
    assert fields('<a href="/press/merger-plans/">', base_path="/press/") == ["slug"]
    assert fields('see "\\/old\\/zeta\\/"') == ["aliases"]
    for public in ("/blog/merger-plans/", "/merger-plans-2/", "/old/zeta-2/", "/new/old/zeta/", "merger-plans"):
        assert fields(f'<a href="{public}">x</a> {public}') == [], public
