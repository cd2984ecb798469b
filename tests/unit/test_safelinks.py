"""No javascript:, vbscript:, file: or data: URL becomes an href or src, however it is spelt."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.content.markup import BodyRenderer, LinkResolver
from generator.content.safelinks import UNSAFE_SCHEMES, is_safe_url

RENDERER = BodyRenderer(False)
#: Characters a browser drops inside a scheme (tab) or in front of it (controls, space), and
#: invisible ones a reader would not see.
HIDING = ["\t", "\x01", "\x1f", "\x7f", "\u200b", "\u00ad", "\ufeff", " "]


@st.composite
def spelt(draw: st.DrawFn, word: str) -> str:
    """`word` with each letter in either case, percent-escaped, or as a character reference,
    and characters that hide it put between letters."""
    out = []
    for letter in word:
        form = draw(st.sampled_from(["lower", "upper", "percent", "PERCENT", "decimal", "hex", "fullwidth"]))
        if form in ("lower", "upper"):
            out.append(letter.upper() if form == "upper" else letter)
        elif form in ("percent", "PERCENT"):
            code = f"%{ord(letter):02x}"
            out.append(code.upper() if form == "PERCENT" else code)
        elif form == "decimal":
            out.append(f"&#{ord(letter)};")
        elif form == "hex":
            out.append(f"&#x{ord(letter):X};")
        else:
            out.append(chr(ord(letter) - 0x61 + 0xFF41))
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(HIDING)))
    return "".join(out)


@st.composite
def hostile_urls(draw: st.DrawFn) -> str:
    scheme = draw(spelt(draw(st.sampled_from(UNSAFE_SCHEMES))))
    colon = draw(st.sampled_from([":", "%3a", "%3A", "&#58;", "&colon;", "&#x3a;"]))
    rest = draw(
        st.sampled_from(
            [
                "image/png;base64,iVBORw0KGgo=",
                "image/gif;base64,R0lGOD",
                "text/html,<b>x</b>",
                "alert(1)",
                "//etc/passwd",
            ]
        )
    )
    lead = draw(st.sampled_from(["", "\x01", "\x00", " ", "\u200b"]))
    return lead + scheme + colon + rest


FORMS = [
    "[a link]({u})",
    "[a link](<{u}>)",
    '[a link]({u} "a title")',
    "![an image]({u})",
    "![an image](<{u}>)",
    "<{u}>",
    "[a link][ref]\n\n[ref]: {u}",
    "![an image][ref]\n\n[ref]: <{u}>",
    "[ref]\n\n[ref]: {u}",
    "[![an image]({u})](https://example.org/)",
]


def links_and_images(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [str(el.get("href") or el.get("src") or "") for el in soup.find_all(["a", "img"])]


@settings(max_examples=400, deadline=None)
@given(hostile_urls(), st.sampled_from(FORMS))
@example("data:image/png;base64,iVBORw0KGgo=", "![an image]({u})")
@example("data:image/gif;base64,R0lGOD", "[a link]({u})")
@example("DATA:image/png;base64,x", "<{u}>")
@example("%64ata:image/png;base64,x", "[a link]({u})")
@example("&#100;ata:image/png;base64,x", "![an image]({u})")
@example("java\tscript:alert(1)", "[a link](<{u}>)")
@example("jav&#x09;ascript:alert(1)", "[a link]({u})")
@example("file:///etc/passwd", "[a link][ref]\n\n[ref]: {u}")
def test_no_unsafe_url_becomes_a_link_or_image_in_any_case_or_encoding(url: str, form: str) -> None:
    body = form.format(u=url)
    if "(" in url or ")" in url or " " in url:
        body = body.replace(f"({url})", f"(<{url}>)")
    rendered = RENDERER.render(body)
    html = LinkResolver({}).fix_html(rendered.html, "releases/a.md")
    targets = [t for t in links_and_images(html) if t != "https://example.org/"]
    assert targets == [], (body, html)
    assert all(link.href == "https://example.org/" for link in rendered.links)
    assert not is_safe_url(url)


@given(
    st.sampled_from(
        [
            "https://example.org/report.pdf",
            "http://example.org/",
            "mailto:press@example.org",
            "tel:+4712345678",
            "../2024/other.md",
            "/files/data.pdf",
            "files/javascript-guide.pdf",
            "#data",
            "data.csv",
            "database:notes.md",
        ]
    ),
    st.sampled_from(FORMS[:5]),
)
def test_ordinary_links_and_images_stay_links(url: str, form: str) -> None:
    html = LinkResolver({}).fix_html(RENDERER.render(form.format(u=url)).html, "releases/a.md")
    assert len(links_and_images(html)) == 1, html
    assert is_safe_url(url)


def test_a_url_encoded_too_deep_to_be_honest_is_refused() -> None:
    url = "data:x"
    for _ in range(10):
        url = url.replace("%", "%25").replace("d", "%64", 1) if "d" in url else url.replace("%", "%25")
    assert not is_safe_url(url)
