"""No input ends in a traceback: every problem is one `path:line: field: message` line,
all of them in one run, exit status 1, and an existing site/ left exactly as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result, Site, release, run_process

GOOD = release("A Good Release", "2024-01-01", tags=["Norland"])
BAD_DATE = release("Bad", "2023-02-30")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(site: Callable[[dict[str, str | bytes]], Site]) -> tuple[Site, dict[str, bytes]]:
    """A site with one good release, built, and its output's bytes."""
    s = site({"content/releases/good.md": GOOD})
    assert s.build().code == 0, "the good site must build"
    return s, snapshot(s.out)


def assert_failed_cleanly(result: Result, s: Site, before: dict[str, bytes], *lines: str) -> None:
    """Exit 1, each expected line printed exactly, no traceback, the bad date of the same run
    reported too, and the output unchanged."""
    assert result.code == 1, result.err
    assert "Traceback" not in result.err, result.err
    printed = result.err.splitlines()
    for line in lines:
        assert line in printed, (line, printed)
    assert any(line.startswith(f"{s.root}/content/releases/bad-date.md:5: date:") for line in printed), printed
    assert snapshot(s.out) == before


def test_problems_without_a_line_print_line_1_and_field_file(site: Callable[[dict[str, str | bytes]], Site]) -> None:
    s, before = built(site)
    s.write({"content/releases/bad-date.md": BAD_DATE})
    os.symlink("nowhere.md", s.root / "content/releases/dangling.md")
    os.mkfifo(s.root / "content/releases/pipe.md")
    result = s.build()
    assert_failed_cleanly(
        result,
        s,
        before,
        f"{s.root}/content/releases/dangling.md:1: file: broken symbolic link or unreadable entry",
        f"{s.root}/content/releases/pipe.md:1: file: broken symbolic link or unreadable entry",
    )


def test_malformed_urls_are_problems_at_their_lines(site: Callable[[dict[str, str | bytes]], Site]) -> None:
    s, before = built(site)
    s.write(
        {
            "content/releases/bad-date.md": BAD_DATE,
            "site.toml": 'title = "Press"\nbase_url = "http://[oops/"\n',
            "content/live.yaml": '- title: x\n  url: "http://[oops/"\n  starts: 2024-01-01\n  ends: 2024-01-02\n',
        }
    )
    assert_failed_cleanly(
        s.build(),
        s,
        before,
        f'{s.root}/site.toml:2: base_url: "http://[oops/" is not a valid URL (Invalid IPv6 URL) (expected an '
        'http(s) URL such as "https://example.org/press/" or a path such as "/press/")',
        f'{s.root}/content/live.yaml:2: url: "http://[oops/" is not a valid URL (Invalid IPv6 URL) (expected an '
        "http(s) URL or a site path starting with /)",
    )


def test_a_malformed_base_url_on_the_command_line_is_a_clear_error(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    s, before = built(site)
    for url in ("http://[oops/", "/\\evil.example/", "//evil.example/"):
        result = s.build("--base-url", url)
        assert result.code == 1, result.err
        assert result.err.startswith(f'error: --base-url: "{url}" '), result.err
        assert "Traceback" not in result.err
    assert snapshot(s.out) == before


def test_site_toml_nested_thousands_deep_is_a_problem(site: Callable[[dict[str, str | bytes]], Site]) -> None:
    s, before = built(site)
    s.write(
        {
            "content/releases/bad-date.md": BAD_DATE,
            "site.toml": 'title = "Press"\nx = ' + "[" * 5000 + "]" * 5000 + "\n",
        }
    )
    assert_failed_cleanly(
        s.build(), s, before, f"{s.root}/site.toml:2: site.toml: nested too deeply to read (expected valid TOML)"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "99999"], "argument --port: '99999' is not a port (expected a whole number from 0 to 65535)"),
        (["--port", "-1"], "argument --port: '-1' is not a port (expected a whole number from 0 to 65535)"),
        (["--host", "bad host"], "argument --host: 'bad host' is not an address"),
    ],
)
def test_serve_refuses_a_port_or_host_it_cannot_listen_on(args: list[str], message: str, tmp_path: Path) -> None:
    process = run_process(["serve", "--source", str(tmp_path), *args])
    assert process.returncode == 2
    assert message in process.stderr
    assert "Traceback" not in process.stderr and "Serving" not in process.stdout


MANY = {f"content/releases/r{i:03}.md": release(f"Release {i}", f"2024-01-{i % 28 + 1:02}") for i in range(80)}
FAILING_TEMPLATES = [
    ("{{ 1/0 }}", "ZeroDivisionError: division by zero"),
    ('{{ "%d" % "x" }}', "TypeError: %d format: a real number is required, not str"),
    ("{{ 1 + none }}", "TypeError: unsupported operand type(s) for +: 'int' and 'NoneType'"),
    ('{{ "{:q}".format(1) }}', "ValueError: Unknown format code 'q' for object of type 'int'"),
    (
        "{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}",
        "calls itself without end (a macro, include or extends), RecursionError",
    ),
    ('{% include "release.html" %}', "calls itself without end (a macro, include or extends), RecursionError"),
    ("{{ release.no_such_field }}", "'generator.model.Release object' has no attribute 'no_such_field'"),
    ('{% include "partials/missing.html" %}', "'partials/missing.html' not found in search paths"),
]


@pytest.mark.parametrize(
    ("code", "message", "jobs"),
    [(code, message, "1") for code, message in FAILING_TEMPLATES]
    + [(code, message, "2") for code, message in FAILING_TEMPLATES[::4]],
)
def test_a_template_that_fails_while_rendering_is_a_problem_at_its_line(
    code: str, message: str, jobs: str, site: Callable[[dict[str, str | bytes]], Site]
) -> None:
    """In this process and in forked workers (81 releases, 2 jobs), the error comes back as
    the template's own file and line; the build neither crashes nor hangs."""
    many = MANY if jobs != "1" else {}
    s = site({"content/releases/good.md": GOOD, **many, "site.toml": "search = false\n"})
    assert s.build().code == 0
    before = snapshot(s.out)
    s.write({"templates/release.html": '{% extends "base.html" %}\n{% block main %}\n' + code + "\n{% endblock %}\n"})
    process = run_process(["build", "--source", str(s.root), "--jobs", jobs, "--now", "2026-11-28T12:00:00+00:00"])
    assert process.returncode == 1, process.stderr
    assert "Traceback" not in process.stderr, process.stderr
    first = process.stderr.splitlines()[0]
    assert first.startswith(f"{s.root}/templates/release.html:3: template: {message}"), first
    assert first.endswith(")") and "(rendering /releases/" in first
    assert snapshot(s.out) == before


def build_within(s: Site, seconds: float) -> subprocess.CompletedProcess[str]:
    """A real build process that must finish in time (a hang fails the test, not the suite)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--source", str(s.root), "--now", "2026-11-28T12:00:00+00:00"],
        capture_output=True,
        text=True,
        timeout=seconds,
    )


@pytest.mark.parametrize("loops", [2, 3])
def test_symlink_loops_are_reported_and_never_hang_the_build(
    loops: int, site: Callable[[dict[str, str | bytes]], Site]
) -> None:
    s, before = built(site)
    s.write({"content/releases/bad-date.md": BAD_DATE, "content/releases/2024/a/b/deep.md": GOOD})
    targets = ["..", "../..", "../../.."][:loops]
    for number, target in enumerate(targets):
        os.symlink(target, s.root / f"content/releases/2024/a/b/loop{number}")
    for attempt in range(2):  # the second build reads the cache the first one wrote
        process = build_within(s, 60)
        assert process.returncode == 1, (attempt, process.stderr)
        assert "Traceback" not in process.stderr
        for number in range(loops):
            line = (
                f"{s.root}/content/releases/2024/a/b/loop{number}:1: file: symbolic link loop, not followed "
                "(expected links that do not lead back to a folder above them)"
            )
            assert line in process.stderr.splitlines(), process.stderr
        assert f"{s.root}/content/releases/bad-date.md:5: date:" in process.stderr
        assert snapshot(s.out) == before


def test_a_loop_through_the_output_folder_never_hangs_the_build(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    s, _ = built(site)
    s.write({"content/files/report.txt": "a report\n"})
    os.symlink("../../site", s.root / "content/files/out")  # content -> the output ...
    os.symlink("../content", s.root / "site/back")  # ... -> content again, by hand
    os.symlink(".", s.root / "site/self")  # and a loop inside the output itself
    for _ in range(2):
        process = build_within(s, 60)
        assert "Traceback" not in process.stderr
        assert f"{s.root}/content/files/out/back:1: file: symbolic link loop, not followed" in process.stderr
        assert process.returncode == 1


def test_names_that_are_not_utf8_are_reported_with_every_other_problem(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    s, before = built(site)
    s.write(
        {
            "content/releases/bad-date.md": BAD_DATE,
            "templates/partials/ok.html": "fine\n",
            "theme/ok.css": "body {}\n",
        }
    )
    root = os.fsencode(s.root)
    for name in (b"content/releases/caf\xe9.md", b"content/files/d\xe9/a.pdf", b"content/files/d\xe9/b.pdf"):
        os.makedirs(os.path.dirname(root + b"/" + name), exist_ok=True)
        with open(root + b"/" + name, "wb") as stream:
            stream.write(GOOD.encode())
    for name in (b"templates/x\xff.html", b"theme/t\xff.css"):
        with open(root + b"/" + name, "wb") as stream:
            stream.write(b"x\n")
    expected = "name is not valid UTF-8, not read (expected a UTF-8 file name)"
    for _ in range(2):  # the second build with the cache the first one left
        result = s.build()
        assert_failed_cleanly(
            result,
            s,
            before,
            f"{s.root}/content/releases/caf\\xe9.md:1: file: {expected}",
            f"{s.root}/content/files/d\\xe9:1: file: {expected}",  # the folder, once
            f"{s.root}/templates/x\\xff.html:1: file: {expected}",
            f"{s.root}/theme/t\\xff.css:1: file: {expected}",
        )
        assert result.err.count("d\\xe9") == 1


def test_a_language_that_is_a_path_writes_nothing_anywhere(tmp_path: Path) -> None:
    """site.toml's language names the search index's files: "../../x" once made Pagefind write
    them outside the output (even when the build then failed). It is a problem at its line."""
    s = Site(tmp_path / "a" / "b" / "press").write(
        {
            "site.toml": 'title = "Press"\nlanguage = "../../../x4"\n',
            "content/releases/good.md": GOOD,
            "content/releases/bad-date.md": BAD_DATE,
        }
    )
    before = {p for p in tmp_path.rglob("*")}
    result = s.build()
    assert result.code == 1 and "Traceback" not in result.err
    assert f'{s.root}/site.toml:2: language: "../../../x4" is not a language tag' in result.err
    assert any(line.startswith(f"{s.root}/content/releases/bad-date.md:5: date:") for line in result.err.splitlines())
    made = {p for p in tmp_path.rglob("*")} - before
    assert not [p for p in made if "x4" in p.name or p.suffix.startswith(".pf_")], made
    assert not s.out.exists()
