"""The progress line: on a terminal, after SHOW_AFTER seconds, "stage: n/total" redrawn in
place and cleared at the end; nothing at all when stderr is not a terminal (CI, a pipe, a
log file) or with --quiet."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable

import pytest

from generator import progress as progress_module
from generator.cli import main
from generator.progress import Progress, counted
from tests.conftest import NOW, Site, release

CLEAR = "\r\x1b[K"  # back to the start of the line, and erase it


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def late(bar: Progress) -> Progress:
    """The bar as it is SHOW_AFTER seconds into a build."""
    bar.started -= progress_module.SHOW_AFTER + 1
    return bar


def test_a_line_on_a_terminal_after_two_seconds() -> None:
    stream = Terminal()
    bar = Progress(stream)
    bar.begin("Rendering pages", 10_000)
    bar.advance(10)
    bar.finish()
    assert stream.getvalue() == ""  # short builds print nothing, and clear nothing
    late(bar).begin("Rendering pages", 10_000)
    bar.advance(5_000)
    assert stream.getvalue() == f"{CLEAR}Rendering pages: 0/10,000{CLEAR}Rendering pages: 5,000/10,000"
    bar.finish()
    bar.finish()
    assert stream.getvalue().endswith(f"5,000/10,000{CLEAR}")  # cleared once


def test_each_stage_starts_from_zero_and_never_counts_past_its_total() -> None:
    stream = Terminal()
    bar = late(Progress(stream))
    bar.begin("Reading releases", 3)
    bar.advance(5)
    bar.begin("Indexing for search", 1)
    assert stream.getvalue().split(CLEAR)[1:] == [
        "Reading releases: 0/3",
        "Reading releases: 3/3",
        "Indexing for search: 0/1",
    ]


@pytest.mark.parametrize(
    "stream, enabled", [(io.StringIO(), True), (Terminal(), False)], ids=["not-a-terminal", "quiet"]
)
def test_silent_when_not_a_terminal_or_quiet(stream: io.StringIO, enabled: bool) -> None:
    bar = late(Progress(stream, enabled=enabled))
    bar.begin("Reading releases", 3)
    bar.advance(3)
    bar.finish()
    assert stream.getvalue() == ""


def build_with_stderr(s: Site, stderr: io.StringIO, *args: str) -> str:
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", "--source", str(s.root), "--now", NOW, "--no-cache", *args]) == 0
    return stderr.getvalue()


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build as long as one that shows its progress."""
    monkeypatch.setattr(progress_module, "SHOW_AFTER", 0.0)


@pytest.mark.usefixtures("slow")
def test_a_long_build_on_a_terminal_shows_its_stages(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A"), "content/releases/b.md": release("B")})
    printed = build_with_stderr(s, Terminal(), "--jobs", "1")
    assert printed.startswith(f"{CLEAR}Reading releases: 0/2{CLEAR}Reading releases: 2/2{CLEAR}")
    lines = [line for line in printed.split(CLEAR) if line]
    assert {line.split(": ")[0] for line in lines} == {
        "Reading releases",
        "Updating unchanged files",
        "Rendering pages",
        "Indexing for search",
    }
    done, total = lines[-1].removeprefix("Rendering pages: ").split("/")
    assert done == total and int(total) > 10, lines  # every page of the site, counted
    assert printed.endswith(CLEAR)  # the last line is cleared: the summary goes on a clean line


@pytest.mark.usefixtures("slow")
@pytest.mark.parametrize(("stderr", "args"), [(io.StringIO(), ()), (Terminal(), ("--quiet",))], ids=["ci", "quiet"])
def test_a_long_build_shows_no_progress_when_stderr_is_not_a_terminal_or_quiet(
    site: Callable[[dict[str, str]], Site], stderr: io.StringIO, args: tuple[str, ...]
) -> None:
    s = site({"content/releases/a.md": release("A"), "content/releases/b.md": release("B")})
    assert build_with_stderr(s, stderr, *args) == ""


def test_counted_is_singular_for_one_only() -> None:
    assert [counted(n, "release") for n in (0, 1, 2, 12345)] == [
        "0 releases",
        "1 release",
        "2 releases",
        "12,345 releases",
    ]
