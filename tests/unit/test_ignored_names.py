"""One ignore rule for every walk of the inputs and for serve's watcher."""

from __future__ import annotations

from pathlib import Path

from generator.commands import serve
from generator.content.walker import ignored_name, walk

GENERATOR = Path(__file__).resolve().parents[2] / "generator"


def test_hidden_and_editor_files_are_ignored() -> None:
    for name in [".hidden", ".x.md.swp", "x.md~", "#x.md#", "~x", "4913", "x.md.tmp", "x.md___jb_tmp___"]:
        assert ignored_name(name), name
    for name in ["a.md", "photo.jpg", "4914", "x.swp.md"]:
        assert not ignored_name(name), name


def test_a_walk_with_the_rule_skips_ignored_files_and_folders(tmp_path: Path) -> None:
    for name in ["a.md", ".a.md.swp", "a.md~", ".git/config", "b/c.md", "b/4913"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = walk(tmp_path, follow_links=True, ignored=ignored_name)
    assert [item.relative for item in found.found] == ["a.md", "b/c.md"]


def test_serve_watches_with_the_same_rule() -> None:
    assert serve.ignored_name is ignored_name


def test_no_other_module_spells_the_rule_out() -> None:
    offenders = [
        str(path.relative_to(GENERATOR))
        for path in sorted(GENERATOR.rglob("*.py"))
        if path.name != "walker.py" and "___jb_tmp___" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
