"""Warnings an editor needs before a release goes live: tags written without brackets, and an
automatic summary that would make a poor link preview (which skips a lead-in line)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import NOW, Site, release, run_cli

LONG_ENOUGH = "The Minister of Foreign Affairs will travel to Caldoria next week for talks on trade."
SUMMARY_EXPECTED = (
    '(expected a "summary:" line in the front matter: one or two sentences for listings and link previews)'
)


def warnings_of(result_err: str) -> list[str]:
    return [line for line in result_err.splitlines() if ": warning: " in line]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "Norland, Fisheries",
            '"Norland, Fisheries" is one tag; for 2 tags, write them as a list: tags: [Norland, Fisheries]',
        ),
        (
            "Côte d’Ivoire,O'Brien Fund , Fisheries",
            '"Côte d’Ivoire,O\'Brien Fund , Fisheries" is one tag; for 3 tags, write them as a list: '
            'tags: [Côte d’Ivoire, "O\'Brien Fund", Fisheries]',
        ),
    ],
    ids=["two names", "names that need quotes in a list"],
)
def test_tags_without_brackets_are_one_tag_with_a_warning(
    site: Callable[[dict[str, str]], Site], written: str, message: str
) -> None:
    text = release("Statement", body=LONG_ENOUGH).replace("---\n" + LONG_ENOUGH, f"tags: {written}\n---\n{LONG_ENOUGH}")
    s = site({"content/releases/2024/statement.md": text})
    result = s.build()
    assert result.code == 0, result.err
    assert warnings_of(result.err) == [f"{s.root}/content/releases/2024/statement.md:6: tags: warning: {message}"]
    tags = [a.get_text() for a in s.page("releases/statement/").select(".release-tags a")]
    assert tags == [written.strip()]  # still one tag, as YAML reads it
    fixed = text.replace(f"tags: {written}", "tags: [Norland, Fisheries]")
    s.write({"content/releases/2024/statement.md": fixed})
    again = s.build()
    assert warnings_of(again.err) == []
    assert [a.get_text() for a in s.page("releases/statement/").select(".release-tags a")] == ["Norland", "Fisheries"]


@pytest.mark.parametrize("tags", ['"Paris, France"', "[Norland, Fisheries]", "Fisheries", "[Norland]"])
def test_a_list_a_single_name_or_a_quoted_name_gets_no_warning(
    site: Callable[[dict[str, str]], Site], tags: str
) -> None:
    text = release("Statement", body=LONG_ENOUGH).replace("---\n" + LONG_ENOUGH, f"tags: {tags}\n---\n{LONG_ENOUGH}")
    s = site({"content/releases/2024/statement.md": text})
    result = s.build()
    assert result.code == 0 and warnings_of(result.err) == []


LEAD_IN = "The following is attributable to Spokesperson Ilse Varga:"
STATEMENT = "The Republic of Eskeland welcomes the reopening of the port of Halvik to civilian shipping."


def test_the_automatic_summary_skips_a_lead_in_line(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/2024/statement.md": release("Statement", body=f"{LEAD_IN}\n\n{STATEMENT}\n\nMore.")})
    result = s.build()
    assert result.code == 0 and warnings_of(result.err) == []
    home = s.page("")
    assert [p.get_text().strip() for p in home.select(".lead-summary, .release-summary")] == [STATEMENT]
    page = s.page("releases/statement/")
    assert page.select_one('meta[name="description"]')["content"] == STATEMENT
    assert page.select_one('meta[property="og:description"]')["content"] == STATEMENT
    body = page.select_one(".release-body") or page
    assert LEAD_IN in body.get_text()  # the body keeps it


def test_a_lead_in_with_no_paragraph_after_it_is_the_summary(site: Callable[[dict[str, str]], Site]) -> None:
    text = "The following statement was issued today by the Office of the Spokesperson of Eskeland:"
    table = "| a | b |\n| - | - |\n| 1 | 2 |"
    s = site({"content/releases/2024/statement.md": release("Statement", body=f"{text}\n\n{table}")})
    assert s.build().code == 0
    assert s.page("releases/statement/").select_one('meta[name="description"]')["content"] == text


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("Readout.", 7, 'the automatic summary: "Readout." has 1 word, too few for a link preview'),
        (
            f"{LEAD_IN}\n\nWe welcome the agreement.",
            9,
            'the automatic summary: "We welcome the agreement." has 4 words, too few for a link preview',
        ),
        (
            "| a | b |\n| - | - |\n| 1 | 2 |",
            6,
            "the automatic summary: the body has no paragraph, too few for a link preview",
        ),
        (
            "Word " * 61 + "end.",
            7,
            "the automatic summary is cut from a first paragraph of 309 characters (link previews show about 300)",
        ),
    ],
    ids=["one word", "short after a lead-in", "no paragraph", "too long"],
)
def test_a_poor_automatic_summary_is_a_warning_suggesting_summary(
    site: Callable[[dict[str, str]], Site], body: str, line: int, message: str
) -> None:
    s = site({"content/releases/2024/statement.md": release("Statement", body=body)})
    result = s.build()
    assert result.code == 0
    shown = f"{s.root}/content/releases/2024/statement.md"
    assert warnings_of(result.err) == [f"{shown}:{line}: summary: warning: {message} {SUMMARY_EXPECTED}"]
    assert s.build("--strict").code == 1


def test_a_written_summary_or_a_draft_gets_no_summary_warning(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/2024/written.md": release("Written", body="Readout.", summary="Readout."),
            "content/releases/2024/draft.md": release("Draft", body="Readout.", draft="true"),
            "content/releases/2024/eight.md": release("Eight", body="One two three four five six seven eight."),
        }
    )
    result = s.build()
    assert result.code == 0 and warnings_of(result.err) == []


def test_build_shows_twenty_warnings_of_a_kind_and_counts_the_rest_check_lists_all(
    site: Callable[[dict[str, str]], Site],
) -> None:
    files = {f"content/releases/r{n:02}.md": release(f"Readout {n}", "2024-05-01", body="Readout.") for n in range(23)}
    files["content/releases/map.md"] = release("Map", "2024-05-02", body=f"{LONG_ENOUGH}\n\n![Map](map.png)")
    s = site(files)
    built = s.build()
    assert built.code == 0
    lines = built.err.splitlines()
    assert sum(": summary: warning: " in line for line in lines) == 20
    assert sum('"map.png" leads to no file or page' in line for line in lines) == 1  # never buried
    assert lines[-1] == "... and 3 more summary warnings (generator check lists every one)"
    checked = run_cli(["check", "--source", str(s.root), "--now", NOW])
    assert sum(": summary: warning: " in line for line in checked.err.splitlines()) == 23
    assert "more summary warnings" not in checked.err
