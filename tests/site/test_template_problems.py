"""Every problem in a site's own templates is reported in one run, each at its own file and line
(`templates/x.html:LINE: template: message`): syntax errors in several templates, files that
cannot be templates, and templates that fail while rendering (once per line, not per page)."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Site, release, run_cli
from tests.site.test_no_traceback import FAILING_TEMPLATES, snapshot

#: Syntax errors Jinja reports on the line they are on.
SYNTAX_ERRORS = [
    ("{{ foo( }}", "syntax error: unexpected '}', expected ')'"),
    ("{{ 1 }", "syntax error: unexpected '}'"),
    ("{% nosuchtag %}", "syntax error: Encountered unknown tag 'nosuchtag'."),
    ("{% endfor %}", "syntax error: Encountered unknown tag 'endfor'."),
    ("{{ x | }}", "syntax error: expected token 'name', got 'end of print statement'"),
]
#: Templates every site renders (with one release and one page), and what is before their block.
TEMPLATES = ["release.html", "listing.html", "home.html", "page.html", "terms.html", "404.html", "search.html"]
CONTENT = {
    "content/releases/a.md": release("A", "2024-01-01", tags=["Norland"]),
    "content/releases/b.md": release("B", "2024-01-02", tags=["Norland"]),
    "content/pages/about.md": "---\ntitle: About\n---\nText.\n",
    "site.toml": "search = false\n",
}
BAD_DATE = release("Bad", "2023-02-30")


def template(code: str, blank_lines: int) -> str:
    """A template extending base.html with `code` on line 3 + blank_lines."""
    return '{% extends "base.html" %}\n{% block main %}\n' + "\n" * blank_lines + code + "\n{% endblock %}\n"


def built(site: Callable[[dict[str, str | bytes]], Site]) -> tuple[Site, dict[str, bytes]]:
    s = site(CONTENT)
    result = s.build()
    assert result.code == 0, result.err
    return s, snapshot(s.out)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(TEMPLATES), st.sampled_from(SYNTAX_ERRORS), st.integers(0, 5)),
        min_size=1,
        max_size=5,
        unique_by=lambda t: t[0],
    )
)
def test_syntax_errors_in_several_templates_are_all_reported_at_their_lines(
    site: Callable[[dict[str, str | bytes]], Site], broken: list[tuple[str, tuple[str, str], int]]
) -> None:
    s = site({**CONTENT, "content/releases/bad.md": BAD_DATE})
    for name in TEMPLATES:
        (s.root / "templates" / name).unlink(missing_ok=True)
    s.write({f"templates/{name}": template(code, blank) for name, (code, _), blank in broken})
    result = s.build()
    assert result.code == 1 and "Traceback" not in result.err, result.err
    printed = result.err.splitlines()
    for name, (_, message), blank in broken:
        start = f"{s.root}/templates/{name}:{3 + blank}: template: {message}"
        assert any(p.startswith(start) and p.endswith("(expected valid Jinja syntax)") for p in printed), printed
    assert sum(": template: " in line for line in printed) == len(broken)
    assert any(line.startswith(f"{s.root}/content/releases/bad.md:5: date:") for line in printed)
    assert not s.out.exists()


def test_templates_that_cannot_be_read_are_reported_with_the_syntax_errors(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    s, before = built(site)
    s.write(
        {
            "templates/base.html": b"<!doctype html>\n<p>caf\xe9</p>\n",  # Latin-1, not UTF-8
            "templates/home.html": template("{{ foo( }}", 0),
            "templates/listing.html": template("{{ 1 }", 2),
            "content/releases/bad.md": BAD_DATE,
        }
    )
    os.symlink("nowhere.html", s.root / "templates/terms.html")  # shadows the shipped terms.html
    os.symlink("nowhere.html", s.root / "templates/extra.html")
    os.mkfifo(s.root / "templates/pipe.html")
    result = s.build()
    assert result.code == 1 and "Traceback" not in result.err, result.err
    printed = result.err.splitlines()
    t = f"{s.root}/templates"
    for line in [
        f"{t}/base.html:2: encoding: byte 0xe9 at byte offset 22 is not UTF-8 (expected a UTF-8 text file)",
        f"{t}/home.html:3: template: syntax error: unexpected '}}', expected ')' (expected valid Jinja syntax)",
        f"{t}/listing.html:5: template: syntax error: unexpected '}}' (expected valid Jinja syntax)",
        f"{t}/terms.html:1: file: broken symbolic link or unreadable entry",
        f"{t}/extra.html:1: file: broken symbolic link or unreadable entry",
        f"{t}/pipe.html:1: file: broken symbolic link or unreadable entry",
    ]:
        assert line in printed, (line, printed)
    assert any(line.startswith(f"{s.root}/content/releases/bad.md:5: date:") for line in printed)
    assert snapshot(s.out) == before


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_templates_failing_while_rendering_are_all_reported_once_per_line(
    site: Callable[[dict[str, str | bytes]], Site], command: str, jobs: str
) -> None:
    """Each failing template line once, with the first page it failed on and how many others."""
    s, before = built(site)
    failing = dict(zip(["release.html", "listing.html", "page.html", "home.html"], FAILING_TEMPLATES, strict=False))
    s.write({f"templates/{name}": template(code, n) for n, (name, (code, _)) in enumerate(failing.items())})
    s.write({"templates/terms.html": template("{{ 1/0 }}\n{{ 2/0 }}", 0)})
    result = run_cli([command, "--source", str(s.root), "--jobs", jobs, "--now", "2026-11-28T12:00:00+00:00"])
    assert result.code == 1 and "Traceback" not in result.err, result.err
    problems = [line for line in result.err.splitlines() if ": template: " in line]
    t = f"{s.root}/templates"
    expected_starts = {  # the first page of each: in the order pages are made (newest release first)
        f"{t}/release.html:3: template: {failing['release.html'][1]} (rendering /releases/b/ and 1 other page)",
        f"{t}/listing.html:4: template: {failing['listing.html'][1]} (rendering /",
        f"{t}/page.html:5: template: {failing['page.html'][1]} (rendering /about/)",
        f"{t}/home.html:6: template: {failing['home.html'][1]} (rendering /)",
        f"{t}/terms.html:3: template: ZeroDivisionError: division by zero (rendering /",
    }
    assert len(problems) == len(expected_starts), problems
    for start in expected_starts:
        assert sum(line.startswith(start) for line in problems) == 1, (start, problems)
    assert len(set(problems)) == len(problems)
    assert snapshot(s.out) == before
