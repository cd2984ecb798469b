"""The one place that turns a site URL into the output file that serves it."""

from __future__ import annotations

from generator.model import Alias
from generator.weburls import served_file


def test_a_folder_url_is_served_by_its_index_html() -> None:
    assert served_file("releases/a/") == "releases/a/index.html"
    assert served_file("") == "index.html"  # the home page
    assert served_file("tags/norland/page/2/") == "tags/norland/page/2/index.html"


def test_a_file_url_is_the_file_itself() -> None:
    assert served_file("404.html") == "404.html"
    assert served_file("feed.xml") == "feed.xml"
    assert served_file("statements/old.html") == "statements/old.html"


def test_an_alias_is_written_where_its_url_is_served() -> None:
    assert Alias(url="releases/old-name/", written="/releases/old-name/", line=3).path == "releases/old-name/index.html"
    assert Alias(url="statements/old.html", written="old.html", line=3).path == "statements/old.html"
