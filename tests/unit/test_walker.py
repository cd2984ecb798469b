"""One walker for every walk of the inputs and the output."""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.content.walker import walk

GENERATOR = Path(__file__).resolve().parents[2] / "generator"


def test_no_module_but_the_walker_lists_folders() -> None:
    listing = re.compile(r"\bos\.(scandir|walk|listdir)\b|\.rglob\(|\.glob\(|\.iterdir\(\)")
    offenders = [
        f"{path.relative_to(GENERATOR)}:{number}"
        for path in sorted(GENERATOR.rglob("*.py"))
        if path.name != "walker.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if listing.search(line) and "in folder.iterdir() if not" not in line  # write.check_output: is it empty?
    ]
    assert offenders == []


def test_three_loops_are_each_met_once_and_the_files_found(tmp_path: Path) -> None:
    (tmp_path / "a/b").mkdir(parents=True)
    (tmp_path / "a/b/x.md").write_text("x")
    for number, target in enumerate(["..", "../..", "."]):
        os.symlink(target, tmp_path / f"a/b/loop{number}")
    found = walk(tmp_path, follow_links=True)
    assert [item.relative for item in found.found] == ["a/b/x.md"]
    assert sorted((Path(t.path).name, t.reason) for t in found.troubles) == [
        ("loop0", "loop"),
        ("loop1", "loop"),
        ("loop2", "loop"),
    ]
    unfollowed = walk(tmp_path, follow_links=False)
    assert [item.relative for item in unfollowed.found] == ["a/b/loop0", "a/b/loop1", "a/b/loop2", "a/b/x.md"]
    assert unfollowed.troubles == []
