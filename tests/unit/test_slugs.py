from hypothesis import given
from hypothesis import strategies as st

from generator.slugs import fold, is_slug, shorten, slugify


def test_examples_from_the_slug_rule() -> None:
    assert slugify("Côte d’Ivoire") == "cote-d-ivoire"
    assert slugify("Office of the Spokesperson") == "office-of-the-spokesperson"
    assert slugify("  C++  ") == "c"
    assert slugify("U.S.–Czech Strategic Dialogue") == "u-s-czech-strategic-dialogue"
    assert slugify("!!!") == ""


def test_fold_joins_case_space_and_accent_variants() -> None:
    assert fold("Côte des Pins") == fold("cote des  pins") == fold("COTE DES PINS")
    assert fold("C++") != fold("C")


@given(st.text())
def test_slugs_are_stable_and_clean(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert slug == "" or is_slug(slug)


def test_shorten_cuts_at_a_word() -> None:
    title = "Joint Statement on the Strategic Dialogue between Eskeland and Norland"
    cut = shorten(title, 50)
    assert cut == "Joint Statement on the Strategic Dialogue between…"
    assert shorten("Short title", 50) == "Short title"


def test_every_combining_mark_is_dropped() -> None:
    assert "-" not in slugify("हिंदी")
