"""A link to a release or page that is not public is written as its text alone, wherever
it stands and however it is written; every other link stays a link."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.markup import BodyRenderer, LinkResolver

RENDERER = BodyRenderer(False)
TARGETS = {
    "releases/2026/public.md": "/press/releases/public/",
    "releases/2026/later.md": "/press/releases/later/",
    "pages/draft.md": "/press/draft/",
    "releases/2026/chart.png": "/press/releases/2026/chart.png",
}
HIDDEN = {
    "releases/2026/later.md": "scheduled for 2026-12-01T09:00:00+00:00",
    "/press/releases/later/": "scheduled for 2026-12-01T09:00:00+00:00",
    "pages/draft.md": "a draft",
    "/press/draft/": "a draft",
}
RESOLVER = LinkResolver(TARGETS, "/press/", HIDDEN)
HIDDEN_WAYS = [
    "later.md",
    "./later.md#details",
    "../2026/later.md?x=1",
    "/releases/later/",
    "/releases/later",
    "/press/releases/later/#a",
    "../../pages/draft.md",
    "/draft/",
    "/press/draft",
]
PUBLIC_WAYS = ["public.md", "../2026/public.md#top", "chart.png", "/releases/public/", "https://example.org/"]


@st.composite
def piece(draw: st.DrawFn) -> tuple[str, bool]:
    """Markdown holding one link or image, and whether it leads to something hidden."""
    hidden = draw(st.booleans())
    target = draw(st.sampled_from(HIDDEN_WAYS if hidden else PUBLIC_WAYS))
    # (A footnote reference inside a link's text makes markdown-it read no link at all: after it.)
    text = draw(st.sampled_from(["the text", "*emphasis* and `code`", "![a chart](chart.png)"]))
    form = draw(st.sampled_from(["[{t}]({u})", '[{t}]({u} "A title")', "![{t}]({u})", "[{t}][r]\n\n[r]: {u}"]))
    if form.startswith("!") and "[" in text:
        text = "a picture"
    note = draw(st.sampled_from(["", " and a note[^1]."]))
    return form.format(t=text, u=target).replace("\n", note + "\n", 1) if "\n" in form else form.format(
        t=text, u=target
    ) + note, hidden


@settings(max_examples=300, deadline=None)
@given(st.lists(piece(), min_size=1, max_size=5))
def test_links_to_what_is_not_public_become_text_and_the_others_stay_links(pieces: list[tuple[str, bool]]) -> None:
    body = "\n\n".join(text.replace("[r]", f"[r{n}]") for n, (text, _) in enumerate(pieces)) + "\n\n[^1]: The note."
    rendered = RENDERER.render(body)
    html = RESOLVER.fix_html(rendered.html, "releases/2026/a.md")
    assert not any(c in html for c in "\ue000\ue001\ue002"), html
    assert "later" not in html.replace("later.md", "") and "draft" not in html, html
    soup = BeautifulSoup(html, "html.parser")
    urls = [str(el.get("href") or el.get("src")) for el in soup.find_all(["a", "img"])]
    public = sum(not hidden for _, hidden in pieces)
    assert len([u for u in urls if not u.startswith("#")]) >= public, html
    links = RESOLVER.fix_links(rendered.links, "releases/2026/a.md")
    reasons = [RESOLVER.not_public("releases/2026/a.md", link.target) for link in links]
    assert [link.href == "" for link in links] == [r is not None for r in reasons]
    assert sum(r is not None for r in reasons) == sum(hidden for _, hidden in pieces)
