import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.commands.new import _quoted
from generator.slugs import SLUG_MAX_BYTES, cut_slug, fold, is_slug, shorten, slugify, whole_slug


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


#: Any text, and long texts of many words (where cutting happens).
LONG_TEXTS = st.text(max_size=600) | st.lists(st.text(min_size=1, max_size=20), min_size=10, max_size=80).map(" ".join)


@given(LONG_TEXTS)
def test_a_derived_slug_is_within_the_limit_and_is_the_start_of_the_whole_slug(text: str) -> None:
    slug = slugify(text)
    whole = whole_slug(text)
    assert len(slug.encode()) <= SLUG_MAX_BYTES
    assert whole.startswith(slug)
    assert is_slug(slug) or slug == ""
    if slug != whole:
        rest = whole[len(slug) :]
        # cut at a "-" (the next character is one) whenever a "-" lies in the second half of the limit
        head = whole.encode()[:SLUG_MAX_BYTES].decode("utf-8", "ignore")
        if "-" in head[:-1] and len(head[: head.rfind("-")].encode()) > SLUG_MAX_BYTES // 2:
            assert rest.startswith("-")
        assert slug, "a long slug is never cut to nothing"


def test_cut_examples() -> None:
    assert cut_slug("ab-" * 100) == "ab-" * 66 + "ab"  # the 201st byte is a "-"
    assert cut_slug("a-" + "b" * 300) == "a-" + "b" * 198  # the only "-" is too early to cut at
    assert cut_slug("é" * 300, 201) == "é" * 100  # never half a character
    assert cut_slug("漢" * 100) == "漢" * 66
    assert cut_slug("short") == "short"


@given(st.text())
def test_new_writes_any_text_so_yaml_reads_it_back_exactly(value: str) -> None:
    assert yaml.safe_load(f"key: {_quoted(value)}")["key"] == value
