"""Absolute URLs: the fast join gives exactly what urljoin gives, for any path."""

from __future__ import annotations

from urllib.parse import urljoin

from hypothesis import given
from hypothesis import strategies as st

from generator.render import url_joiner

BASES = ["/", "/press/", "https://example.org/", "https://example.org/press/", "http://example.org:8080/a/b/"]
# Characters urljoin treats specially, and plain ones, so that the shortcut's edges are hit.
PATHS = st.text(alphabet="ab/.?#%;:@&=+-_~ \\é", max_size=16)


@given(base=st.sampled_from(BASES), path=PATHS)
def test_the_join_is_urljoin(base: str, path: str) -> None:
    assert url_joiner(base)("/" + path) == urljoin(base, "/" + path)
    assert url_joiner(base)(path) == urljoin(base, path)


def test_a_plain_site_path_gets_the_origin() -> None:
    assert url_joiner("https://example.org/press/")("/press/releases/a/") == "https://example.org/press/releases/a/"
    assert url_joiner("/press/")("/press/releases/a/") == "/press/releases/a/"
