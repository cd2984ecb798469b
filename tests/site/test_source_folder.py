"""A folder that is not a site (no content/) is an error before anything is written anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import NOW, run_process

COMMANDS = {
    "build": ["build", "--now", NOW],
    "build --output": ["build", "--now", NOW, "--output", "{root}/elsewhere"],
    "check": ["check", "--now", NOW],
    "serve": ["serve", "--port", "0", "--now", NOW],
    "related": ["related", "some-slug", "--now", NOW],
    "new": ["new", "A Title", "--type", "media note", "--office", "Office of the Spokesperson"],
}


def tree(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file and folder under `folder` (itself too): its kind, size and mtime."""
    found = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        info = path.lstat()
        kind = "folder" if path.is_dir() else "file"
        found[path.relative_to(folder).as_posix()] = (kind, info.st_size if kind == "file" else 0, info.st_mtime_ns)
    return found


def not_a_site(root: Path, kind: str) -> Path:
    """A --source that is no site folder: mistyped, empty, a system folder's like, or content/ a file."""
    if kind == "mistyped":
        return root / "no" / "such" / "folder"
    source = root / "folder"
    source.mkdir()
    if kind == "etc-like":
        (source / "passwd").write_text("root:x:0:0\n")
        (source / "site.toml").write_text('title = "Not a site"\n')
        (source / "templates").mkdir()
    elif kind == "content-is-a-file":
        (source / "content").write_text("not a folder\n")
    return source


@pytest.mark.parametrize("kind", ["mistyped", "empty", "etc-like", "content-is-a-file"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_folder_without_content_is_an_error_that_writes_nothing_anywhere(
    command: str, kind: str, tmp_path: Path
) -> None:
    source = not_a_site(tmp_path, kind)
    args = [arg.format(root=tmp_path) for arg in COMMANDS[command]]
    os.utime(tmp_path, ns=(1, 1))  # a file made and removed again would change it
    before = tree(tmp_path)
    result = run_process([args[0], "--source", str(source), *args[1:]])
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{source}/content:1: content: folder not found "
        "(expected a site folder with content/releases/ in it; check --source)",
        "1 error; nothing was written",
    ]
    assert tree(tmp_path) == before


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_current_folder_without_content_is_an_error_that_writes_nothing(command: str, tmp_path: Path) -> None:
    source = not_a_site(tmp_path, "etc-like")
    args = [arg.format(root=tmp_path) for arg in COMMANDS[command]]
    os.utime(tmp_path, ns=(1, 1))
    before = tree(tmp_path)
    result = run_process(args, cwd=source)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("content:1: content: folder not found"), result.stderr
    assert tree(tmp_path) == before
