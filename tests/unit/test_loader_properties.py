"""Random front matter and bodies: the only outcomes are a release or clean problems."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig
from generator.content.fields import parse_page, parse_release
from generator.errors import Problem
from generator.model import SourceFile

KEYS = ["title", "type", "office", "date", "updated", "expires", "aliases"]
KEYS += ["tags", "summary", "slug", "draft", "tgas", "x"]
scalars = st.one_of(
    st.text(alphabet=string.printable, max_size=30),
    st.sampled_from(
        [
            "yes",
            "NO",
            "~",
            "null",
            "2023-02-30",
            "2024-05-01",
            "2024-05-01T09:00:00+02:00",
            "12:30",
            "01234",
            "1.10",
            "media note",
            "[a, b]",
            "{a: 1}",
            "'",
            '"',
            "- x",
            "*a",
            "&a x",
            "!!binary x",
            "/releases/old-name/",
            "old.html",
            "../x",
            "2024-05-01T09:00:00",
        ]
    ),
    st.integers(),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


def line(key: str, value: object) -> str:
    if isinstance(value, list):
        return f"{key}: [{', '.join(map(str, value))}]"
    return f"{key}: {value}"


front_matter = st.lists(st.tuples(st.sampled_from(KEYS), values), max_size=9).map(
    lambda pairs: "\n".join(line(k, v) for k, v in pairs)
)
bodies = st.text(max_size=200)


def outcome(data: bytes) -> None:
    release, problems = parse_release(
        SourceFile(shown="content/releases/p.md", relative="releases/p.md", data=data), SiteConfig()
    )
    assert all(isinstance(p, Problem) and p.path == "content/releases/p.md" for p in problems)
    errors = [p for p in problems if p.severity == "error"]
    assert (release is None) == bool(errors)
    for problem in problems:
        assert problem.line >= 1 and str(problem).startswith("content/releases/p.md:")
    page, page_problems = parse_page(
        SourceFile(shown="content/pages/p.md", relative="pages/p.md", data=data), SiteConfig().zone
    )
    assert (page is None) == any(p.severity == "error" for p in page_problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter, bodies)
def test_random_front_matter_gives_a_release_or_problems(block: str, body: str) -> None:
    outcome(f"---\n{block}\n---\n{body}".encode())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_a_release_or_problems(data: bytes) -> None:
    outcome(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text_after_a_boundary(text: str) -> None:
    outcome(("---\n" + text).encode())
