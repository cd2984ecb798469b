"""Ids in a body never collide: not headings with footnotes, nor with the templates' ids."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.markup import RESERVED_IDS, BodyRenderer

TEMPLATES = Path(__file__).parents[2] / "templates"
RENDERER = BodyRenderer(False)
HOSTILE = [
    "fn1",
    "fn2",
    "FN1",
    "fn 1",
    "fnref1",
    "fnref2",
    "fnref-1",
    "fnref1:1",
    "ｆｎ１",
    "fn1 section",
    "fn1-section",
    "fn1-section-1",
    "Key points",
    "Key points",
    "key points 1",
    "section",
    "",
    *sorted(RESERVED_IDS),
    "main section",
    "Main",
    "search_input",
]


def test_every_id_the_templates_use_is_reserved_for_them() -> None:
    found = set()
    for path in TEMPLATES.rglob("*.html"):
        found |= set(re.findall(r'\bid="([^"{]+)"', path.read_text(encoding="utf-8")))
    assert found and found <= RESERVED_IDS, found - RESERVED_IDS


def ids_and_fragments(html: str) -> tuple[list[str], list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    ids = [str(el["id"]) for el in soup.find_all(id=True)]
    hrefs = [str(a["href"])[1:] for a in soup.find_all("a", href=True) if str(a["href"]).startswith("#")]
    return ids, hrefs


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["##", "###", "####"]), st.sampled_from(HOSTILE)), max_size=10),
    st.lists(st.integers(1, 4), max_size=6),
)
def test_heading_ids_avoid_footnote_and_template_ids_and_each_other(
    headings: list[tuple[str, str]], refs: list[int]
) -> None:
    text = " ".join(f"Claim[^{n}]." for n in refs)
    notes = "\n\n".join(f"[^{n}]: Note {n}." for n in sorted(set(refs)))
    body = "\n\n".join([*(f"{level} {title}" for level, title in headings), text, notes])
    html = RENDERER.render(body).html
    ids, fragments = ids_and_fragments(html)
    assert len(ids) == len(set(ids)), html
    assert not set(ids) & RESERVED_IDS
    assert set(fragments) <= set(ids)
    soup = BeautifulSoup(html, "html.parser")
    for ref in soup.select("sup.footnote-ref a"):
        target = soup.find(id=str(ref["href"])[1:])
        assert target is not None and "footnote-item" in target.get("class", []), html
    for back in soup.select("a.footnote-backref"):
        target = soup.find(id=str(back["href"])[1:])
        assert target is not None and target.parent is not None and "footnote-ref" in target.parent.get("class", [])
    assert len(soup.find_all(["h2", "h3", "h4"], id=True)) == len(headings)
