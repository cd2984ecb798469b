"""A build that fails after rendering (the leak audit, a failing template) keeps the site it
rejected nowhere: not in site/, not in the spare beside it (.site.prev), and the next good
build is byte for byte a clean one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Site, release

HIDDEN = release("Zyxwv Embargoed Accord Text", "2024-06-01", draft="true")
LEAKING = release("Public Note", "2024-05-02", body="Tomorrow: Zyxwv Embargoed Accord Text.")
FAILING = '{% extends "base.html" %}\n{% block main %}\n{{ 1/0 }}\n{% endblock %}\n'


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def traces(root: Path, text: bytes) -> list[str]:
    """Files anywhere in the site folder but its inputs (and the cache of what was read from them)
    that hold `text`."""
    inputs = ("content", "templates", ".cache")
    return [
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] not in inputs and text in p.read_bytes()
    ]


@pytest.mark.parametrize("cause", ["leak", "template"])
def test_a_first_build_that_fails_after_rendering_leaves_no_site_and_no_spare(
    cause: str, site: Callable[[dict[str, str | bytes]], Site]
) -> None:
    inputs: dict[str, str | bytes] = {"content/releases/hidden.md": HIDDEN, "content/releases/note.md": LEAKING}
    if cause == "template":
        inputs = {"content/releases/note.md": release("Public Note"), "templates/release.html": FAILING}
    s = site(inputs)
    result = s.build()
    assert result.code == 1, result.err
    assert not s.out.exists()
    assert not (s.root / ".site.prev").exists()


def test_a_rejected_site_leaves_no_trace_of_a_hidden_release_beside_the_output(
    site: Callable[[dict[str, str | bytes]], Site], tmp_path: Path
) -> None:
    s = site({"content/releases/note.md": release("Public Note"), "content/releases/other.md": release("Other")})
    assert s.build().code == 0
    assert s.build().code == 0  # now the spare holds the previous site
    before = files(s.out)
    s.write({"content/releases/hidden.md": HIDDEN, "content/releases/note.md": LEAKING})
    result = s.build()
    assert result.code == 1 and "Zyxwv Embargoed Accord Text" in result.err, result.err
    assert files(s.out) == before
    assert traces(s.root, b"Zyxwv Embargoed") == []
    s.write({"content/releases/note.md": release("Public Note", body="Fixed.")})
    assert s.build().code == 0
    clean = Site(tmp_path / "clean").write(
        {
            "content/releases/hidden.md": HIDDEN,
            "content/releases/note.md": release("Public Note", body="Fixed."),
            "content/releases/other.md": release("Other"),
        }
    )
    assert clean.build("--no-cache").code == 0
    assert files(s.out) == files(clean.out)
