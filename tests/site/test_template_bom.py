"""A template saved by an editor that writes a BOM (and CRLF) renders as if it had none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Site, release, texts

SHIPPED = Path(__file__).resolve().parents[2] / "templates"
BOM = b"\xef\xbb\xbf"


def test_a_template_saved_with_a_bom_and_crlf_puts_no_bom_in_any_page(
    site: Callable[[dict[str, str | bytes]], Site],
) -> None:
    child = '{% extends "base.html" %}\r\n{% block main %}\r\n<h1>{{ release.title }}</h1>\r\n{% endblock %}\r\n'
    s = site(
        {
            "content/releases/good.md": release("A Good Release", "2024-01-01", tags=["Norland"]),
            "templates/release.html": BOM + child.encode(),
            "templates/base.html": BOM + (SHIPPED / "base.html").read_bytes().replace(b"\n", b"\r\n"),
            "templates/partials/pager.html": BOM + (SHIPPED / "partials/pager.html").read_bytes(),
        }
    )
    result = s.build()
    assert result.code == 0, result.err
    pages = sorted(s.out.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        data = page.read_bytes()
        assert data.startswith(b"<!DOCTYPE html>"), page
        assert "\ufeff".encode() not in data, page
    assert texts(s.page("releases/good/"), "h1") == ["A Good Release"]
