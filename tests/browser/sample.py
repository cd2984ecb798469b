"""The sample site, built and served over HTTP, for the browser tests and the screenshots."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import SAMPLE_SITE, run_cli

ROOT = Path(__file__).resolve().parents[2]
#: The build time, and the visitor's clock: the sample's ocean-governance conference is live.
NOW = "2026-11-28T12:00:00+00:00"


def build_sample(folder: Path, sample: Path = SAMPLE_SITE) -> Path:
    """Build a copy of `sample` (its content/ and site.toml; by default the tests' fixed copy,
    tests/sample-site) under `folder`; return its output."""
    source = folder / "sample"
    shutil.copytree(sample / "content", source / "content")
    shutil.copy(sample / "site.toml", source / "site.toml")
    result = run_cli(["build", "--source", str(source), "--now", NOW, "--strict", "--quiet"])
    assert result.code == 0, result.err
    return source / "site"


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """A plain static web server (python -m http.server) over `folder`; yields its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"port (\d+)", line)
        assert match, f"http.server said: {line!r}"
        yield f"http://127.0.0.1:{match.group(1)}/"
    finally:
        process.kill()
        process.wait()
