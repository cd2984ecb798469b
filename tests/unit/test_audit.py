"""The leak audit's matching: slugs as URL path segments, titles exactly, in each escaped form."""

from __future__ import annotations

import json

from markupsafe import escape

from generator.publish.audit import Hidden, LeakAudit

TITLE = 'Fish & "Chips" <Accord> – Norland’s Quotas'


def audit(*public: str) -> LeakAudit:
    hidden = Hidden("content/releases/x.md", "fish", TITLE, "is a draft", 1, 2)
    return LeakAudit([hidden], public)


def found(data: str, *public: str) -> list[str]:
    return [leak.what for leak in audit(*public).scan("page.html", data.encode())]


def test_slugs_match_only_as_a_whole_path_segment() -> None:
    assert found('<a href="/press/releases/fish/">') == ["slug"]
    assert found('{"url": "https://x.org/releases/fish"}') == ["slug"]
    assert found('<a href="/releases/fish-market/">') == []
    assert found('<a href="/releases/fishing/">') == []
    assert found("We like fish and releases.") == []


def test_titles_match_in_every_escaped_form() -> None:
    assert found(f"<h1>{escape(TITLE)}</h1>") == ["title"]
    assert found(json.dumps({"t": TITLE}, ensure_ascii=False)) == ["title"]
    assert found(json.dumps({"t": TITLE})) == ["title"]
    assert found('<title>Fish &amp; "Chips" &lt;Accord&gt; – Norland’s Quotas</title>') == ["title"]
    assert found(TITLE) == ["title"]
    assert found("Fish & Chips") == []


def test_titles_inside_public_names_and_one_word_titles_are_not_searched() -> None:
    assert found(TITLE, "Weekly: " + TITLE) == []
    one_word = LeakAudit([Hidden("x.md", "readout", "Readout", "is a draft", 1, 2)], [])
    assert one_word.scan("p.html", b"Readout") == []
    assert len(one_word.markers) == 1  # its slug
