"""offices.yaml and tags.yaml as strings in, vocabularies and problems out."""

from __future__ import annotations

from generator.content.markup import BodyRenderer
from generator.content.vocabulary import parse_vocabulary
from generator.model import Contact, SourceFile


def _file(name: str, text: str) -> SourceFile:
    return SourceFile(shown=f"content/{name}", relative=name, data=text.encode())


def test_entries_with_their_slugs_descriptions_and_contacts() -> None:
    made: list[BodyRenderer] = []

    def renderer() -> BodyRenderer:
        made.append(BodyRenderer(allow_html=False))
        return made[-1]

    offices = _file(
        "offices.yaml",
        "- name: Office of the Spokesperson\n  slug: spokesperson\n  description: One *two*.\n"
        "  boilerplate: About **us**.\n  contacts:\n    - name: Ilse Varga\n      phone: +47 555 0100\n"
        "- name: Bureau of Trade\n  slug: Bad Slug\n",
    )
    tags = _file("tags.yaml", "- Fisheries\n- name: Norland\n  description: Ports.\n")
    vocabulary, problems = parse_vocabulary(offices, tags, renderer)
    assert [str(p) for p in problems] == [
        'content/offices.yaml:9: slug: "Bad Slug" is not a slug '
        "(expected lower-case letters, digits and single hyphens, e.g. spokesperson)"
    ]
    assert vocabulary.offices is not None and vocabulary.tags is not None
    spokesperson, trade = vocabulary.offices
    assert (spokesperson.slug, trade.slug) == ("spokesperson", "bureau-of-trade")  # a bad slug: the name's
    assert spokesperson.description_html == "<p>One <em>two</em>.</p>\n"
    assert spokesperson.boilerplate_html == "<p>About <strong>us</strong>.</p>\n"
    assert spokesperson.contacts == (Contact(name="Ilse Varga", phone="+47 555 0100"),)
    assert spokesperson.contacts[0].tel == "tel:+475550100"
    assert [(t.name, t.slug, t.description_html) for t in vocabulary.tags] == [
        ("Fisheries", "fisheries", ""),
        ("Norland", "norland", "<p>Ports.</p>\n"),
    ]
    assert len(made) == 1  # one renderer for every description
    assert vocabulary.about("office", "spokesperson") is spokesperson
    assert vocabulary.about("tag", "norland") is vocabulary.tags[1]
    assert vocabulary.about("type", "norland") is None


def test_no_files_no_vocabularies() -> None:
    vocabulary, problems = parse_vocabulary(None, None, lambda: BodyRenderer(allow_html=False), "site/content/")
    assert problems == [] and vocabulary.offices is None and vocabulary.tags is None
    assert (vocabulary.offices_file, vocabulary.tags_file) == ("site/content/offices.yaml", "site/content/tags.yaml")


def test_an_empty_file_lists_nothing() -> None:
    vocabulary, problems = parse_vocabulary(_file("offices.yaml", ""), None, lambda: BodyRenderer(allow_html=False))
    assert problems == [] and vocabulary.offices == ()
