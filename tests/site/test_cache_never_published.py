"""The build cache is never an output: it holds hidden releases' bodies (SQLite, pickles)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import NOW, Site, release, run_process

Tree = dict[str, bytes | None]


def tree(folder: Path) -> Tree:
    """Every entry under `folder` (files by bytes, folders and links as None)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() and not p.is_symlink() else None
        for p in sorted(folder.rglob("*"))
    }


def built_site(site: Callable[[dict[str, str]], Site]) -> Site:
    s = site(
        {
            "content/releases/public.md": release("Talks Continue", "2026-11-01"),
            "content/releases/embargoed.md": release("Quota Agreement Reached", "2026-12-01T09:00:00+00:00"),
        }
    )
    assert s.build().code == 0
    assert (s.root / ".cache").is_dir()
    return s


# Relative to the site folder, as an editor types them with `cd site-folder`.
REFUSED = [
    ".cache",
    ".cache/",
    "./.cache",
    ".cache/preview",
    ".cache/preview/",
    ".cache/preview/inner",
    ".cache/templates",
    ".cache/new-folder/deeper",
    "content/../.cache",
    "site/../.cache/preview",
    "LINK-TO-CACHE",
    "LINK-TO-CACHE/preview",
    ".",
    "..",
    "../..",
]


@pytest.mark.parametrize("output", REFUSED)
def test_the_cache_the_site_folder_and_its_parents_are_refused_as_output_and_nothing_is_written(
    site: Callable[[dict[str, str]], Site], output: str
) -> None:
    s = built_site(site)
    (s.root / "LINK-TO-CACHE").symlink_to(s.root / ".cache")
    before = tree(s.root.parent)
    result = run_process(["build", "--source", ".", "--now", NOW, "--output", output], cwd=s.root)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"error: {Path(output)}: refusing to use"), result.stderr
    assert "Traceback" not in result.stderr
    assert tree(s.root.parent) == before


def test_an_absolute_path_into_the_cache_is_refused_too(site: Callable[[dict[str, str]], Site]) -> None:
    s = built_site(site)
    before = tree(s.root.parent)
    for output in (s.root / ".cache", s.root / ".cache/preview", s.root / "site/../.cache/x"):
        result = s.build("--output", str(output))
        assert result.code == 1, result.err
        assert result.err.startswith(f"error: {output}: refusing to use the build cache {s.root.resolve()}/.cache")
        assert "Traceback" not in result.err
    result = s.build("--no-cache", "--output", str(s.root / ".cache"))
    assert result.code == 1 and "refusing" in result.err
    assert tree(s.root.parent) == before


def test_a_folder_named_like_the_cache_elsewhere_is_a_fine_output(
    site: Callable[[dict[str, str]], Site], tmp_path: Path
) -> None:
    s = built_site(site)
    assert s.build("--output", str(s.root / ".cache-public")).code == 0
    assert s.build("--output", str(tmp_path / "elsewhere/.cache")).code == 0
    assert (tmp_path / "elsewhere/.cache/releases/public/index.html").is_file()
