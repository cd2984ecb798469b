from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.normalize import normalize

from generator.content.load import summarize
from generator.content.markup import BodyRenderer, LinkResolver, normalized


def render(body: str, allow_html: bool = False, targets: dict[str, str] | None = None) -> str:
    rendered = BodyRenderer(allow_html).render(body)
    return LinkResolver(targets or {}).fix_html(rendered.html, "releases/2024/a.md")


def test_raw_html_is_escaped_unless_allowed() -> None:
    body = "Hello <script>alert(1)</script> <img src=x onerror=alert(1)>"
    assert "<script>" not in render(body) and "&lt;script&gt;" in render(body)
    assert "<script>" in render(body, allow_html=True)


def test_dangerous_links_are_not_links() -> None:
    html = render("[a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x)")
    assert "href" not in html


def test_tables_strikethrough_footnotes_and_anchors() -> None:
    html = render("## Key Points\n\n|a|b|\n|-|-|\n|1|2|\n\n~~old~~ new[^1]\n\n[^1]: A note.\n")
    assert '<h2 id="key-points">' in html
    assert "<table>" in html and "<s>old</s>" in html
    assert 'class="footnotes"' in html


def test_each_table_is_in_a_named_box_that_keyboard_users_can_scroll() -> None:
    html = render("|a|b|\n|-|-|\n|1|2|\n\nText.\n\n|c|\n|-|\n|3|\n")
    assert html.count('<div class="table-scroll" role="region" aria-label="Table 1" tabindex="0">\n<table>') == 1
    assert html.count('aria-label="Table 2"') == 1
    assert html.count("</table>\n</div>") == 2


def test_links_between_content_files_become_page_urls() -> None:
    targets = {"releases/2023/b.md": "/press/releases/b/", "files/my report.pdf": "/press/files/my%20report.pdf"}
    html = render(
        "[b](../2023/b.md#details) [r](../../files/my%20report.pdf) [x](missing.md) [w](https://e.org/)",
        targets=targets,
    )
    assert 'href="/press/releases/b/#details"' in html
    assert 'href="/press/files/my%20report.pdf"' in html
    assert 'href="missing.md"' in html and 'href="https://e.org/"' in html
    assert "\ue000" not in html


def test_link_lines_are_file_lines() -> None:
    rendered = BodyRenderer(False).render("\nIntro.\n\nSee [b](b.md).\n", first_line=7)
    assert [(link.target, link.line) for link in rendered.links] == [("b.md", 10)]


def test_placeholder_characters_in_the_input_are_neutralised() -> None:
    html = render("A \ue000x\ue001 trick [b](b.md)", targets={"releases/2024/b.md": "/releases/b/"})
    assert "\ue000" not in html and 'href="/releases/b/"' in html


def test_summary_is_the_first_paragraph_cut_near_200() -> None:
    body = BodyRenderer(False).render("## Heading\n\n" + "word " * 100 + "\n\nSecond.")
    summary = summarize(body.first_paragraph)
    assert summary.endswith("…") and 150 < len(summary) <= 201
    assert "Heading" not in summary


LINE_TEXT = st.text(alphabet="ab #*-|>`[]()\r\n\0\t1.", max_size=60)


@settings(max_examples=300)
@given(text=LINE_TEXT)
def test_line_endings_and_nul_as_markdown_it_reads_them(text: str) -> None:
    """The renderer's own normalisation (markdown-it's "normalize" rule is off) is that rule's."""
    state = StateCore(text, MarkdownIt(), {})
    normalize(state)
    assert normalized(text) == state.src


def test_a_body_with_other_line_endings_renders_as_with_unix_ones() -> None:
    body = "## Title\r\n\r\nOne [link](x.md)\rtwo\0\r\n\r\n- a\r- b\n"
    unix = BodyRenderer(False).render("## Title\n\nOne [link](x.md)\ntwo\ufffd\n\n- a\n- b\n", 3)
    assert BodyRenderer(False).render(body, 3) == unix


HTML_TEXT = st.text(alphabet="ab <>/!-?&;#x1\n*`[]()", max_size=60)


@settings(max_examples=300)
@given(body=HTML_TEXT, allow_html=st.booleans())
def test_raw_html_rules_are_off_only_where_they_would_do_nothing(body: str, allow_html: bool) -> None:
    """Without raw HTML the renderer drops markdown-it's HTML rules: the same output as with them."""
    ours = BodyRenderer(allow_html)
    theirs = BodyRenderer(allow_html)
    theirs.md.enable(["html_block", "html_inline"])
    assert ours.render(body, 3) == theirs.render(body, 3)


def test_a_link_on_a_later_line_of_a_paragraph_is_reported_at_that_line() -> None:
    body = "Intro.\n\nFirst line,\nsecond [b](b.md),  \nthird [c](c.md) and\n![d](d.png) [e][e]\n\n[e]: e.md\n"
    rendered = BodyRenderer(False).render(body, first_line=7)
    assert [(link.target, link.line) for link in rendered.links] == [
        ("b.md", 10),
        ("c.md", 11),
        ("d.png", 12),
        ("e.md", 12),
    ]
