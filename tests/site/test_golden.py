"""The golden site: a small fixed site built and compared file by file, built every way a
build can go (no cache, forked workers, a cold cache, a warm one): the same bytes each time.

After an intended change of output, regenerate and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/site/test_golden.py
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator import parallel
from tests.conftest import run_cli

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
NOW = "2024-06-01T10:00:00+00:00"  # during the live event, before nothing else


def built_files(folder: Path) -> dict[str, bytes]:
    """Everything but the theme's files, the search index (Pagefind's own files and data:
    tests/site/test_search.py) and the output marker."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(("theme/", "pagefind/", ".press"))
    }


def build(source: Path, output: Path, *args: str) -> str:
    """Build the site into `output`; return what the build printed."""
    result = run_cli(["build", "--source", str(source), "--output", str(output), "--now", NOW, *args])
    assert result.code == 0, result.err
    return result.out


def cache_hits(printed: str) -> int:
    match = re.search(r"([0-9,]+) cache hits?\b", printed)
    assert match, printed
    return int(match.group(1).replace(",", ""))


def assert_golden(output: Path) -> None:
    actual = built_files(output)
    expected = built_files(GOLDEN / "expected")
    assert sorted(actual) == sorted(expected)
    for path in expected:
        assert actual[path].decode() == expected[path].decode(), path


def test_golden_site(tmp_path: Path) -> None:
    output = tmp_path / "site"
    build(GOLDEN / "input", output, "--no-cache", "--jobs", "1")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_folder = GOLDEN / "expected"
        shutil.rmtree(expected_folder, ignore_errors=True)
        for path, data in built_files(output).items():
            (expected_folder / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_folder / path).write_bytes(data)
    assert_golden(output)


def test_golden_site_through_forked_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --jobs 2, files are read and pages rendered in forked workers. The golden site is
    too small for that (under `process_chunks`' minimum), so the minimum is lowered to one."""
    pools: list[int] = []

    class CountedPool(parallel.ProcessPoolExecutor):
        def __init__(self, workers: int, **kwargs: object) -> None:
            pools.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(parallel.process_chunks, "__defaults__", (1,))
    build(GOLDEN / "input", tmp_path / "site", "--no-cache", "--jobs", "2")
    assert len(pools) >= 2 and set(pools) == {2}  # reading and rendering both forked
    assert_golden(tmp_path / "site")


def test_golden_site_through_the_cache(tmp_path: Path) -> None:
    """A cold cache, a warm one into a new output folder, a touched file and no change at all."""
    source = tmp_path / "input"
    shutil.copytree(GOLDEN / "input", source)
    assert cache_hits(build(source, tmp_path / "cold")) == 0
    assert_golden(tmp_path / "cold")
    assert cache_hits(build(source, tmp_path / "warm")) > 0
    assert_golden(tmp_path / "warm")
    for release in (source / "content/releases").iterdir():
        os.utime(release, (1_700_000_000, 1_700_000_000))  # same bytes, another mtime: read again
    assert cache_hits(build(source, tmp_path / "warm")) > 0
    assert_golden(tmp_path / "warm")
    printed = build(source, tmp_path / "warm")
    assert " 0 files written" in printed, printed
    assert_golden(tmp_path / "warm")
