"""The search page runs no script from content: a site whose release types, offices, tags,
titles, summaries, bodies and headings are hostile, built, served by a plain static server
and searched in Debian's chromium, with and without a query, every filter group open,
a filter chosen and more results loaded. Hooks in the page record any dialog, any
element with an on* attribute or a javascript: link, and any script, image, svg, frame
or <b> element inserted after the page loaded; the hostile strings must show as text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.sample import NOW, static_server
from tests.conftest import run_cli

IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(2)>'
SCRIPT = "</mark><script>alert(3)</script>"
ENTITY = "&lt;b&gt;"  # literal text: it must not become a <b> element, nor "<b>"
JS = "javascript:alert(4)"
TYPE = "<img src=x onerror=alert(10)>"

SITE_TOML = f"""
[[types]]
name = "hostile"
label = {json.dumps(TYPE)}
plural = {json.dumps(SVG + " types")}

[[types]]
name = "readout"
label = "Readout"
plural = "Readouts"
"""

BODY = (
    "Salmon quotas <img src=x onerror=alert(6)> and &amp;lt;b&amp;gt; and "
    "</mark><script>alert(7)</script> salmon javascript:alert(9).\n\n"
    "## Heading <svg onload=alert(8)> salmon\n\nMore salmon in the section.\n"
)
TITLES = [f"{IMG} salmon", f"{SVG} salmon", f"{SCRIPT} salmon", f"{ENTITY} salmon", f"{JS} salmon"]
TITLES += [f"Salmon notice {n}" for n in range(4)]  # more than one page of results


def release_file(n: int, title: str) -> str:
    hostile = n % 2 == 0
    lines = [
        "---",
        f"title: {json.dumps(title)}",
        f"type: {'hostile' if hostile else 'readout'}",
        f"office: {json.dumps(SVG if hostile else 'Office of the Spokesperson')}",
        f"date: 2024-05-{n + 1:02d}",
        f"tags: {json.dumps([SCRIPT, ENTITY, JS] if hostile else ['Fisheries'])}",
        f"summary: {json.dumps(IMG + ' summary ' + SCRIPT)}",
        "---",
    ]
    return "\n".join(lines) + "\n" + BODY


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    source = tmp_path_factory.mktemp("hostile-search") / "site-source"
    (source / "content/releases").mkdir(parents=True)
    (source / "site.toml").write_text(SITE_TOML)
    for n, title in enumerate(TITLES):
        (source / f"content/releases/r{n}.md").write_text(release_file(n, title))
    result = run_cli(["build", "--source", str(source), "--now", NOW, "--quiet"])
    assert result.code == 0, result.err
    with static_server(source / "site") as url:
        yield url


HOOKS = """
window.__xss = [];
const hit = (what) => window.__xss.push(what);
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (...args) => hit(name + "(" + args.join(",") + ")");
}
const inserted = /^(script|img|svg|iframe|frame|object|embed|b)$/i;
const inspect = (node) => {
  if (node.nodeType !== 1) return;
  for (const element of [node, ...node.querySelectorAll("*")]) {
    for (const attribute of element.attributes) {
      if (attribute.name.toLowerCase().startsWith("on")) hit(attribute.name + " on " + element.tagName);
      if (/^\\s*javascript:/i.test(attribute.value)) hit(attribute.name + "=javascript: on " + element.tagName);
    }
    if (document.readyState !== "loading" && inserted.test(element.tagName)) hit("inserted " + element.tagName);
  }
};
new MutationObserver((records) => {
  for (const record of records) {
    record.addedNodes.forEach(inspect);
    if (record.type === "attributes") inspect(record.target);
  }
}).observe(document, { childList: true, subtree: true, attributes: true });
"""


@pytest.fixture
def watched(browser: Any, hostile_url: str) -> Iterator[tuple[Any, list[str]]]:
    """A page with the hooks installed, and the list of what fired (dialogs, requests for `x`)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=hostile_url)
    context.add_init_script(HOOKS)
    page = context.new_page()
    fired: list[str] = []
    page.on("dialog", lambda dialog: (fired.append("dialog " + dialog.message), dialog.dismiss()))
    page.on("request", lambda request: request.url.endswith("/x") and fired.append("request " + request.url))
    yield page, fired
    context.close()


def no_script_ran(page: Any, fired: list[str]) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") == [] and fired == []


def texts(page: Any, selector: str) -> list[str]:
    return [str(t) for t in page.eval_on_selector_all(selector, "nodes => nodes.map(n => n.textContent)")]


def open_every_filter_group(page: Any) -> list[str]:
    """Opens each filter group; returns the values offered (their labels without the counts)."""
    page.locator(".search-filter").first.wait_for(timeout=15_000)
    for summary in page.locator(".search-filter-name").all():
        summary.click()
    assert page.locator(".search-filter[open]").count() == 4  # type, office, tags, year
    labels = page.eval_on_selector_all(".search-filter-label", "nodes => nodes.map(n => n.firstChild.textContent)")
    return [str(label) for label in labels]


def settled(page: Any, count: int) -> None:
    page.wait_for_function(
        "(count) => document.querySelectorAll('.search-result').length === count"
        " && !/…/.test(document.querySelector('.search-status').textContent)",
        arg=count,
        timeout=15_000,
    )


def test_the_search_page_without_a_query_runs_no_script_from_filters(watched: tuple[Any, list[str]]) -> None:
    page, fired = watched
    page.goto("/search/")
    no_script_ran(page, fired)
    labels = open_every_filter_group(page)
    assert {TYPE, "Readout", SVG, SCRIPT, ENTITY, JS, "Fisheries", "2024"} <= set(labels)
    page.check(f'.search-filter-value:has(label:text-is("{ENTITY}")) input')  # a filter, no query
    settled(page, 5)  # the releases with the hostile tags: 0, 2, 4, 6, 8
    assert texts(page, ".search-status") == ["5 releases"]
    assert set(texts(page, ".search-result-link")) == {TITLES[0], TITLES[2], TITLES[4], TITLES[6], TITLES[8]}
    no_script_ran(page, fired)


def test_results_show_hostile_titles_metadata_excerpts_and_headings_as_text(watched: tuple[Any, list[str]]) -> None:
    page, fired = watched
    page.goto("/search/?q=salmon")
    no_script_ran(page, fired)
    settled(page, 5)
    assert texts(page, ".search-status") == [f"{len(TITLES)} results for “salmon”"]
    page.click(".search-more")  # load more
    settled(page, len(TITLES))
    assert page.is_hidden(".search-more")
    assert sorted(texts(page, ".search-result-link")) == sorted(TITLES)
    hrefs = page.eval_on_selector_all("#search a", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(href.startswith("/releases/r") for href in hrefs)
    facts = texts(page, ".search-result-fact")
    assert f"Type: {TYPE}" in facts and "Type: Readout" in facts
    excerpts = texts(page, ".search-result > .search-result-excerpt")
    for hostile in ("<img src=x onerror=alert(6)>", ENTITY, "</mark><script>alert(7)</script>", "javascript:alert(9)"):
        assert all(hostile in excerpt for excerpt in excerpts), hostile
    assert "salmon" in [mark.lower() for mark in texts(page, ".search-result-excerpt mark")]
    headings = texts(page, ".search-subresult-link")
    assert headings and set(headings) == {"Heading <svg onload=alert(8)> salmon"}
    subresult = page.get_attribute(".search-subresult-link", "href")
    assert subresult.endswith("#heading-svg-onload-alert-8-salmon")
    open_every_filter_group(page)
    no_script_ran(page, fired)


@pytest.mark.parametrize("query", ["onerror", "script", "lt", "javascript"])
def test_a_query_for_hostile_words_marks_them_as_text(watched: tuple[Any, list[str]], query: str) -> None:
    page, fired = watched
    page.goto(f"/search/?q={query}")
    no_script_ran(page, fired)
    page.locator(".search-result").first.wait_for(timeout=15_000)
    marks = texts(page, ".search-result-excerpt mark")
    assert marks and all(query in mark.lower() for mark in marks)
    no_script_ran(page, fired)
