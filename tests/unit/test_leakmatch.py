"""The leak audit's matching under every spelling: links as a browser follows them, titles as a reader sees them."""

from __future__ import annotations

import html
import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.publish.audit import Hidden, LeakAudit, searched_title
from generator.publish.leakmatch import plain_text
from generator.weburls import remove_dot_segments, url_path

SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
PAGES = st.sampled_from(
    [
        "index.html",
        "404.html",
        "releases/index.html",
        "releases/other-release/index.html",
        "releases/page/2/index.html",
        "tags/norland/page/3/index.html",
        "files/notes.txt",
        "feed.xml",
    ]
)


def audit_for(slug: str, title: str = "Quota Agreement Reached with Norland") -> LeakAudit:
    return LeakAudit([Hidden("content/releases/x.md", slug, title, "is a draft", 1, 2)], [])


def kinds(audit: LeakAudit, page: str, text: str) -> list[str]:
    return [leak.what for leak in audit.scan(page, text.encode())]


@st.composite
def spelled_link(draw: st.DrawFn, target: str, page: str) -> str:
    """`target` (a site path) written as a link on `page` in one of the many ways that lead there."""
    segments = target.strip("/").split("/")
    # Detours: ./ and x/../ segments.
    spelled: list[str] = []
    for segment in segments:
        spelled += draw(st.lists(st.sampled_from([".", "x/.."]), max_size=2))
        spelled.append(segment)
    path = "/".join(spelled) + ("/" if target.endswith("/") else "")
    form = draw(st.sampled_from(["absolute", "url", "relative"]))
    if form == "relative":
        folder = posixpath.dirname("/" + page)
        path = posixpath.relpath("/" + path, folder) + ("/" if path.endswith("/") else "")
    else:
        path = "/" + path
    # Letters in any case, percent-escaped or as character references; `/` as `\` or `//`.
    written = ""
    for char in path:
        way = draw(st.sampled_from(["as is", "as is", "upper", "percent", "reference", "slash"]))
        if way == "upper":
            written += char.upper()
        elif way == "percent" and char not in "./":
            written += draw(st.sampled_from(["%{:02x}", "%{:02X}"])).format(ord(char))
        elif way == "reference":
            written += draw(st.sampled_from(["&#{0};", "&#x{0:x};", "&#X{0:X};", "&#00{0};"])).format(ord(char))
        elif way == "slash" and char == "/" and written:
            written += draw(st.sampled_from(["\\", "//"]))
        else:
            written += char
    if form == "url":
        written = draw(st.sampled_from(["https://press.example.org", "http://Press.Example.Org:80", "//cdn"])) + written
    ending = draw(st.sampled_from(["", "", "index.html", "#top", "?utm=feed"]))
    if written.endswith("/") or not ending.startswith("i"):
        written += ending
    return written


@settings(max_examples=300, deadline=None)
@given(st.data(), SLUGS, PAGES)
def test_a_link_to_a_hidden_release_is_found_however_it_is_spelled(data: st.DataObject, slug: str, page: str) -> None:
    target = f"/releases/{slug}/"
    written = data.draw(spelled_link(target, page))
    assert url_path(html.unescape(written), "/" + page) in (target, target.rstrip("/"), target + "index.html")
    attribute = data.draw(st.sampled_from(['<a href="{}">more</a>', "<img src='{}'>", '<link href="{}"/>']))
    assert "slug" in kinds(audit_for(slug), page, f"<p>Intro</p>\n{attribute.format(written)}\n")


@settings(max_examples=300, deadline=None)
@given(st.data(), SLUGS, PAGES, st.sampled_from(["page/2/", "2/", "photo.jpg", "x/index.html"]))
def test_a_longer_path_under_a_hidden_release_is_not_its_url(
    data: st.DataObject, slug: str, page: str, deeper: str
) -> None:
    written = data.draw(spelled_link(f"/releases/{slug}/{deeper}", page))
    assert kinds(audit_for(slug), page, f'<a href="{written}">next</a>') == []


def test_a_scheduled_release_named_page_is_not_in_the_listing_pages_urls() -> None:
    audit = audit_for("page")
    for text in ('<a href="/releases/page/2/">2</a>', "/releases/page/12/", '"url": "/releases/page/3/"'):
        assert kinds(audit, "releases/index.html", text) == []
    assert kinds(audit, "index.html", '<a href="/releases/page/">') == ["slug"]
    assert kinds(audit, "index.html", '<a href="/releases/page">') == ["slug"]
    assert kinds(audit, "index.html", '<a href="/releases/page/index.html">') == ["slug"]
    assert kinds(audit, "releases/index.html", '<a href="page/">') == ["slug"]
    assert kinds(audit, "releases/index.html", '<a href="page/2/">') == []
    assert kinds(audit, "index.html", '<a href="/releases/pages/">') == []


def test_links_that_lead_elsewhere_are_no_leak() -> None:
    audit = audit_for("secret")
    for text in (
        '<a href="../secret/">',  # from the home page: /secret/
        '<a href="secret/">',  # from /tags/x/: /tags/x/secret/
        '<a href="/releases/secret-plan/">',
        '<a href="/releases/%2573ecret/">',  # decoded once: /releases/%73ecret/
    ):
        assert kinds(audit, "tags/x/index.html", text) == [], text


@st.composite
def rendered_title(draw: st.DrawFn, title: str) -> str:
    """The title as some page shows it: any case, markup and whitespace between words, references."""
    words = []
    for word in title.split():
        chars = ""
        for char in draw(st.sampled_from([str, str.upper, str.lower, str.title]))(word):
            if char.isascii() and char.isalnum():
                chars += char
            else:
                forms = [char, f"&#{ord(char)};", f"&#x{ord(char):x};", html.escape(char)]
                chars += draw(st.sampled_from(forms))
            # What does not show, inside a word: a soft hyphen (Word pastes them), zero-width characters.
            chars += draw(
                st.sampled_from(["", "", "", "", "\u00ad", "&shy;", "&#173;", "\u200b", "&#x200B;", "\u2060"])
            )
        words.append(chars)
    gaps = st.sampled_from([" ", "  ", "\n", "&nbsp;", "\u00a0", "</strong> ", " <em>", "** ", "<br>", " \n  "])
    shown = words[0]
    for word in words[1:]:
        shown += draw(gaps) + word
    return shown


TITLES = st.lists(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éüøñç’'&-:–"), min_size=1),
    min_size=2,
    max_size=6,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.data(), TITLES)
def test_a_hidden_title_is_found_whatever_markup_case_spacing_and_invisible_characters_a_page_gives_it(
    data: st.DataObject, title: str
) -> None:
    audit = audit_for("x", title)
    if not searched_title(title, ""):
        assert kinds(audit, "index.html", title) == []
        return
    shown = data.draw(rendered_title(title))
    assert kinds(audit, "index.html", f"<p>Read: <strong>{shown}</strong>.</p>") == ["title"], shown


@settings(max_examples=200, deadline=None)
@given(TITLES)
def test_a_title_with_a_word_missing_is_no_leak(title: str) -> None:
    words = title.split()
    shorter = " ".join(words[:-1])
    if searched_title(title, "") and not plain_text(shorter).endswith(plain_text(words[-1])):
        assert kinds(audit_for("x", title), "index.html", f"<p>{html.escape(shorter)} today</p>") == []


def test_short_titles_and_titles_inside_public_names_are_left_to_the_url() -> None:
    assert not searched_title("Readout", "")
    assert not searched_title("New CEO", "")  # under 12 characters: too common to tell
    assert searched_title("Secret Fisheries Plan", "")
    assert not searched_title("Secret  Fisheries\u00a0plan", plain_text("Weekly: secret fisheries plan"))


@given(st.lists(st.sampled_from(["a", "b", ".", "..", ""]), max_size=8))
def test_dot_segments_are_removed_as_rfc_3986_says(segments: list[str]) -> None:
    path = "/" + "/".join(segments)
    result = remove_dot_segments(path)
    assert result.startswith("/")
    assert "." not in result.split("/") and ".." not in result.split("/")
    assert remove_dot_segments(result) == result
    collapsed = "/" + "/".join(s for s in segments if s)
    assert posixpath.normpath(remove_dot_segments(collapsed)) == posixpath.normpath(collapsed)


@given(st.text(), PAGES)
def test_any_text_as_a_link_gives_a_path_or_none_and_never_an_error(written: str, page: str) -> None:
    resolved = url_path(written, "/" + page)
    assert resolved is None or (resolved.startswith("/") and resolved == resolved.lower())


@settings(deadline=None)
@given(st.binary(), st.sampled_from(["releases/index.html", "files/photo.jpg"]))
def test_any_bytes_are_searched_without_an_error_and_a_link_among_them_is_found(data: bytes, path: str) -> None:
    leaks = audit_for("secret").scan(path, data + b' <a href="/releases/%73ecret/">')
    assert "slug" in [leak.what for leak in leaks]
