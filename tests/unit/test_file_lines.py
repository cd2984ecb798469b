"""Reported lines are the file's own lines as an editor counts them: `\\n`, `\\r\\n` and `\\r`
end a line; NEL (U+0085), LS (U+2028), PS (U+2029), form feeds and the like do not,
though YAML and Python's `str.splitlines` break lines at some of them."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig, load_config
from generator.content.fields import parse_release
from generator.content.live import parse_live
from generator.errors import Problem
from generator.lines import LineIndex, split_lines
from generator.model import SourceFile

#: What YAML (and str.splitlines) take for a line break and an editor does not.
YAML_BREAKS = ["\x85", "\u2028", "\u2029"]
LINE_ENDS = ["\n", "\r\n", "\r"]

words = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=12)


@st.composite
def value_with_breaks(draw: st.DrawFn) -> str:
    """A text with NEL, LS or PS at random places."""
    parts = draw(st.lists(words, min_size=1, max_size=5))
    breaks = draw(st.lists(st.sampled_from(YAML_BREAKS), min_size=len(parts) - 1, max_size=len(parts) - 1))
    text = parts[0] + "".join(b + p for b, p in zip(breaks, parts[1:], strict=True))
    return draw(st.sampled_from(YAML_BREAKS)) + text if draw(st.booleans()) else text


def quoted(value: str, style: str) -> str:
    """A YAML quoted scalar holding the break characters raw (as an editor's paste leaves them)."""
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def problems_of(text: str) -> list[Problem]:
    data = text.encode()
    return parse_release(SourceFile(shown="content/releases/x.md", relative="releases/x.md", data=data), SiteConfig())[
        1
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(value_with_breaks(), st.sampled_from(["double", "single"])), min_size=1, max_size=4),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(LINE_ENDS),
    st.booleans(),
)
def test_breaks_yaml_sees_in_values_do_not_move_the_lines_of_later_fields(
    values: list[tuple[str, str]], bad_at: int, end: str, in_a_list: bool
) -> None:
    """The bad date (and an unknown key after it) are reported on their own file lines,
    whatever NEL/LS/PS the quoted values before them hold, with any line ends."""
    fields = ["title: A title", "type: media note", "office: Office"]
    for number, (value, style) in enumerate(values):
        if in_a_list:
            fields.append(
                f"tags: [{quoted(value, style)}, Plain]" if number == 0 else f"k{number}: {quoted(value, style)}"
            )
        else:
            fields.append(f"summary: {quoted(value, style)}" if number == 0 else f"k{number}: {quoted(value, style)}")
    bad = min(bad_at, len(fields))
    fields[bad:bad] = ["date: 2023-02-30"]
    fields.append("tgas: [late]")
    text = end.join(["---", *fields, "---", "Body."]) + end
    date_line = 2 + bad  # line 1 is the opening "---"
    reported = {(p.field, p.line) for p in problems_of(text) if p.field in ("date", "tgas")}
    assert reported == {("date", date_line), ("tgas", 2 + len(fields) - 1)}


@settings(max_examples=100, deadline=None)
@given(st.lists(value_with_breaks(), min_size=1, max_size=3), st.sampled_from(LINE_ENDS))
def test_a_yaml_syntax_error_after_breaks_in_values_is_at_its_own_line(values: list[str], end: str) -> None:
    fields = ["title: A title", *(f"k{n}: {quoted(v, 'double')}" for n, v in enumerate(values)), "tags: [a, b"]
    text = end.join(["---", *fields, "---", "Body."]) + end
    (problem,) = problems_of(text)
    assert "YAML syntax error" in problem.message
    assert problem.line == 1 + len(fields)  # the line where the unclosed list starts


@settings(max_examples=100, deadline=None)
@given(st.lists(value_with_breaks(), min_size=1, max_size=3), st.sampled_from(LINE_ENDS))
def test_live_yaml_lines_are_the_files_own(titles: list[str], end: str) -> None:
    events = [
        [f"- title: {quoted(t, 'double')}", "  url: /live/", "  starts: 2024-01-01", "  ends: 2024-01-02"]
        for t in titles
    ]
    events[-1][1] = "  url: javascript:alert(1)"
    text = end.join(line for event in events for line in event) + end
    _, problems = parse_live(
        SourceFile(shown="content/live.yaml", relative="live.yaml", data=text.encode()), SiteConfig().zone
    )
    assert [(p.field, p.line) for p in problems] == [("url", 4 * len(titles) - 2)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(YAML_BREAKS), min_size=1, max_size=4), st.sampled_from(["\n", "\r\n"]))
def test_site_toml_lines_are_the_files_own(inside: list[str], end: str) -> None:
    """TOML allows NEL, LS and PS raw in strings and comments (not form feeds and other controls)."""
    title = "Press" + "".join(f"{c}x" for c in inside)
    lines = [f"title = {json.dumps(title, ensure_ascii=False)}", f"# a comment {''.join(inside)} here", "per_page = 0"]
    _, problems = load_config(end.join(lines) + end, "site.toml")
    assert [(p.field, p.line) for p in problems] == [("per_page", 3)]


def test_a_byte_that_is_not_utf8_is_on_its_own_line_whatever_the_line_ends() -> None:
    for end in LINE_ENDS:
        data = end.join(["---", "title: A\u2028B", "office: X"]).encode() + end.encode() + b"type: \xff\n"
        problems = parse_release(SourceFile(shown="x.md", relative="x.md", data=data), SiteConfig())[1]
        assert [(p.field, p.line) for p in problems] == [("encoding", 4)], end


@given(st.lists(st.text(st.characters(exclude_characters="\r\n")), min_size=1), st.sampled_from(LINE_ENDS))
def test_split_lines_and_line_index_count_only_real_line_ends(lines: list[str], end: str) -> None:
    text = end.join(lines)
    assert split_lines(text) == lines
    index = LineIndex.of(text)
    position = 0
    for number, line in enumerate(lines):
        for offset in range(len(line) + len(end)):
            assert index.line_at(position + offset) == min(number, len(lines) - 1)
        position += len(line) + len(end)
