"""No input ends in a traceback: every problem is one `path:line: field: message` line,
all of them in one run, exit status 1, and an existing site/ left exactly as it was."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result, Site, release

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
