"""Shared fixtures: scratch sites written from dicts, built by the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main

NOW = "2026-11-28T12:00:00+00:00"
#: A fixed copy of the repository's sample site (its content/ and site.toml) for the tests that
#: build a whole realistic site: a release an editor adds to or removes from content/ breaks none.
SAMPLE_SITE = Path(__file__).resolve().parent / "sample-site"


def release(
    title: str,
    date: str = "2024-05-02",
    type: str = "media note",
    office: str = "Office of the Spokesperson",
    tags: list[str] | None = None,
    body: str = "A paragraph of text.",
    **extra: str,
) -> str:
    """The text of a release file with the given front matter."""
    lines = ["---", f"title: {json.dumps(title)}", f"type: {type}", f"office: {office}", f"date: {date}"]
    if tags is not None:
        lines.append("tags: [" + ", ".join(tags) + "]")
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n---\n" + body + "\n"


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Site:
    """A scratch site folder under tmp_path."""

    root: Path

    def write(self, files: dict[str, str | bytes]) -> Site:
        for name, data in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(textwrap.dedent(data) if data.startswith("\n") else data, encoding="utf-8")
        return self

    def build(self, *args: str, now: str = NOW) -> Result:
        return run_cli(["build", "--source", str(self.root), "--now", now, *args])

    def page(self, url: str, output: str = "site") -> BeautifulSoup:
        path = (
            self.root / output / url.strip("/") / "index.html"
            if not url.endswith(".html")
            else self.root / output / url.strip("/")
        )
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    @property
    def out(self) -> Path:
        return self.root / "site"


def run_cli(args: list[str]) -> Result:
    """Run the real command line in this process, capturing its output."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return Result(code, out.getvalue(), err.getvalue())


def run_process(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def site(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Site]:
    def make(files: dict[str, str | bytes]) -> Site:
        return Site(tmp_path / "press").write(files)

    return make


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(el.get_text().split()) for el in soup.select(selector)]
