"""Tags and offices: one term per folded name, in its most used public spelling; clashes of
slugs and names without letters reported where they are written."""

from __future__ import annotations

from generator.model import Term
from generator.site.taxonomy import Mention, canonical_terms


def mention(name: str, path: str = "content/releases/a.md", line: int = 6, hidden: bool = False) -> Mention:
    return Mention(name=name, path=path, line=line, hidden=hidden)


def test_spellings_that_differ_in_case_space_or_accents_are_one_term() -> None:
    terms, problems = canonical_terms(
        [mention("Côte des Pins"), mention("cote des  pins", "content/releases/b.md"), mention("Côte des Pins")],
        "tags",
    )
    assert terms == {"cotedespins": Term(name="Côte des Pins", slug="cote-des-pins")}
    assert [str(p) for p in problems] == [
        'content/releases/b.md:6: tags: warning: shown as "Côte des Pins", also written "cote des  pins" in '
        "content/releases/b.md"
    ]


def test_only_published_releases_choose_the_spelling() -> None:
    hidden = [mention("NORLAND", f"content/releases/later-{n}.md", hidden=True) for n in range(5)]
    terms, _ = canonical_terms([mention("Norland"), *hidden], "tags")
    assert terms["norland"] == Term(name="Norland", slug="norland")


def test_a_name_only_hidden_releases_use_is_spelt_as_they_write_it() -> None:
    terms, problems = canonical_terms([mention("Summit", hidden=True)], "tags")
    assert terms == {"summit": Term(name="Summit", slug="summit")} and problems == []


def test_a_name_without_letters_or_digits_is_an_error_and_no_term() -> None:
    terms, problems = canonical_terms([mention("???", line=4), mention("Trade")], "office")
    assert list(terms) == ["trade"]
    assert [str(p) for p in problems] == [
        'content/releases/a.md:4: office: "???" has no letters or digits (expected a name with letters or digits)'
    ]


def test_names_that_share_a_slug_are_an_error_naming_both() -> None:
    terms, problems = canonical_terms([mention("C++", line=7), mention("C", "content/releases/b.md", 6)], "tags")
    assert [(t.name, t.slug) for t in terms.values()] == [("C", "c"), ("C++", "c")]
    assert [str(p) for p in problems] == [
        'content/releases/a.md:7: tags: "C" (content/releases/b.md) and "C++" (content/releases/a.md) would share '
        'the URL slug "c" (expected names that differ in more than punctuation)'
    ]


def test_a_clash_with_a_name_only_hidden_releases_use_is_a_warning_until_they_are_published() -> None:
    _, problems = canonical_terms([mention("C++"), mention("C", "content/releases/later.md", hidden=True)], "tags")
    assert [(p.severity, p.message) for p in problems] == [
        (
            "warning",
            '"C" (content/releases/later.md) and "C++" (content/releases/a.md) would share the URL slug "c" '
            "once the releases not yet published are",
        )
    ]


def test_long_names_that_differ_only_after_the_slug_limit_clash_and_say_so() -> None:
    stem = "fisheries " * 25
    _, problems = canonical_terms([mention(stem + "north"), mention(stem + "south")], "tags")
    [problem] = problems
    assert problem.severity == "error"
    assert problem.expected == "names that differ in more than punctuation within their first 200 bytes"
