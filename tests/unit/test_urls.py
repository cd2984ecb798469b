"""Absolute URLs: the fast join gives exactly what urljoin gives, for any path."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.render.pages import url_joiner
from generator.render.xmltext import encoded_uri, uri

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


URLS = st.one_of(
    st.text(alphabet="ab/.?#%;:@&=+-_~ é[]!*'()$,\t", max_size=20),
    st.builds(
        lambda scheme, rest: scheme + rest,
        st.sampled_from(["https://", "http://", "HTTP://", "foo://", "https:", "//", "/", ""]),
        st.text(alphabet="ab/.?#%;:@&=+-_~ é[]!*'()$,", max_size=20),
    ),
)


@given(url=URLS)
def test_a_url_needing_nothing_is_given_back_as_the_long_way_gives_it(url: str) -> None:
    try:
        expected = encoded_uri(url)
    except ValueError:  # not a URL ("https://[")
        with pytest.raises(ValueError):
            uri(url)
        return
    assert uri(url) == expected


def test_urls_are_percent_encoded_where_needed() -> None:
    assert uri("https://example.org/press/releases/a/") == "https://example.org/press/releases/a/"
    assert uri("https://example.org/press/releases/été/") == "https://example.org/press/releases/%C3%A9t%C3%A9/"
    assert uri("/press/tags/a b/") == "/press/tags/a%20b/"
