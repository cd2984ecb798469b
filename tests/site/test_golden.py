"""The golden site: a small fixed site built and compared file by file.

After an intended change of output, regenerate and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/site/test_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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


def test_golden_site(tmp_path: Path) -> None:
    output = tmp_path / "site"
    result = run_cli(["build", "--source", str(GOLDEN / "input"), "--output", str(output), "--now", NOW, "--no-cache"])
    assert result.code == 0, result.err
    actual = built_files(output)
    expected_folder = GOLDEN / "expected"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(expected_folder, ignore_errors=True)
        for path, data in actual.items():
            (expected_folder / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_folder / path).write_bytes(data)
    expected = built_files(expected_folder)
    assert sorted(actual) == sorted(expected)
    for path in expected:
        assert actual[path].decode() == expected[path].decode(), path
