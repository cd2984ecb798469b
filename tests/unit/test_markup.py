"""The Markdown renderer beyond input -> output (that is in fixtures/markdown, run by
test_markdown_fixtures.py): link lines, placeholders, summaries, line endings, raw HTML rules."""

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


def test_summary_paragraph_skips_a_lead_in_line_and_says_its_file_line() -> None:
    lead_in = "The following is attributable to Spokesperson Ilse Varga:"
    body = BodyRenderer(False).render(f"\n{lead_in}\n\nEskeland welcomes the talks.\n\nMore.\n", first_line=7)
    assert (body.first_paragraph, body.first_paragraph_line) == ("Eskeland welcomes the talks.", 10)
    alone = BodyRenderer(False).render(f"\n{lead_in}\n\n| a |\n| - |\n| 1 |\n", first_line=7)
    assert (alone.first_paragraph, alone.first_paragraph_line) == (lead_in, 8)
    middle = BodyRenderer(False).render("\nEskeland welcomes:\n\nthe talks, says: this.\n", first_line=7)
    assert middle.first_paragraph == "the talks, says: this."
    plain = BodyRenderer(False).render("\nNo colon at the end.\n\nSecond.\n", first_line=7)
    assert (plain.first_paragraph, plain.first_paragraph_line) == ("No colon at the end.", 8)
    empty = BodyRenderer(False).render("\n## Only a heading\n", first_line=7)
    assert (empty.first_paragraph, empty.first_paragraph_line) == ("", 0)


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
@given(body=HTML_TEXT)
def test_raw_html_rules_are_off_only_where_they_would_do_nothing(body: str) -> None:
    """Without raw HTML the renderer drops markdown-it's HTML rules: the same output as with them
    (each of them returns at once when the "html" option is off)."""
    ours = BodyRenderer(False)
    theirs = BodyRenderer(False)
    theirs.md.enable(["html_block", "html_inline"])
    assert "html_block" not in ours.md.get_active_rules()["block"]
    assert "html_block" in theirs.md.get_active_rules()["block"]
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
