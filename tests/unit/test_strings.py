"""The interface words: every shipped table complete and well-formed, CLDR's plural rules and
dates through Babel, and a site's [strings] overrides checked at their site.toml line."""

from __future__ import annotations

import tomllib
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.config import load_config
from generator.dates import display_date
from generator.strings import LANGUAGES, Strings, load, locale_of, placeholders, shipped_table, table_of
from tests.unit.test_config import problems_of

REFERENCE = shipped_table("en")["words"]
MAY_2 = datetime.fromisoformat("2024-05-02T23:30:00-04:00")  # late in its own day: never shifted to May 3


def forms(value: str | dict[str, str]) -> dict[str, str]:
    return value if isinstance(value, dict) else {"other": value}


def test_the_list_of_languages_is_the_tables_in_the_package() -> None:
    files = sorted(p.name for p in resources.files("generator.strings").iterdir() if p.name.endswith(".toml"))
    assert files == [f"{language}.toml" for language in LANGUAGES]
    assert {"en", "fr", "es", "de", "pt", "ru", "ar", "zh"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_table_has_every_key_and_no_other(language: str) -> None:
    table = tomllib.loads(resources.files("generator.strings").joinpath(f"{language}.toml").read_text("utf-8"))
    assert set(table) == {"dates", "words"}
    assert set(table["dates"]) == {"format", "capitals"}
    missing = sorted(set(REFERENCE) - set(table["words"]))
    extra = sorted(set(table["words"]) - set(REFERENCE))
    assert (missing, extra) == ([], [])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_keeps_the_placeholders_of_the_english_one(language: str) -> None:
    wrong = []
    for key, value in shipped_table(language)["words"].items():
        english, translated = forms(REFERENCE[key]), forms(value)
        assert isinstance(value, dict) == isinstance(REFERENCE[key], dict), key
        allowed = placeholders(english["other"])
        if placeholders(translated["other"]) != allowed:
            wrong.append(key)
        # another form may leave the count out ("بيان صحفي واحد": one release), nothing else
        wrong += [f"{key}.{c}" for c, text in translated.items() if not allowed - {"count"} <= placeholders(text)]
        wrong += [f"{key}.{c}" for c, text in translated.items() if not placeholders(text) <= allowed]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_counted_words_have_the_plural_forms_cldr_gives_the_language(language: str) -> None:
    """Every form a count of 0 to 200 needs, by the language's CLDR rules, and no form it never uses."""
    rule = locale_of(language).plural_form
    needed = {rule(n) for n in range(201)}
    for key, value in shipped_table(language)["words"].items():
        if isinstance(value, dict):
            assert needed <= set(value) <= set(rule.tags) | {"other"}, (key, sorted(value))


def test_the_documentation_lists_every_word() -> None:
    documented = (Path(__file__).resolve().parents[2] / "docs/languages.md").read_text(encoding="utf-8")
    assert [key for key in REFERENCE if f"| `{key}` |" not in documented] == []


def test_no_word_is_named_like_a_method_of_the_strings() -> None:
    assert [key for key in REFERENCE if hasattr(Strings, key)] == []


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "MAY 2, 2024"),
        ("en-GB", "2 MAY 2024"),
        ("fr", "2 mai 2024"),
        ("es", "2 de mayo de 2024"),
        ("de", "2. Mai 2024"),
        ("pt", "2 de maio de 2024"),
        ("ru", "2 мая 2024\u202fг."),  # CLDR: a narrow no-break space before the abbreviation
        ("ar", "2 مايو 2024"),
        ("zh", "2024年5月2日"),
    ],
)
def test_dates_are_cldr_s_long_format_in_the_moment_s_own_offset(language: str, shown: str) -> None:
    assert display_date(MAY_2, load(language)) == shown


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", {0: "0 releases", 1: "1 release", 2: "2 releases"}),
        ("fr", {0: "0 communiqué", 1: "1 communiqué", 2: "2 communiqués"}),
        ("ru", {1: "1 пресс-релиз", 3: "3 пресс-релиза", 5: "5 пресс-релизов", 21: "21 пресс-релиз"}),
        (
            "ar",
            {
                0: "لا توجد بيانات صحفية",
                1: "بيان صحفي واحد",
                2: "بيانان صحفيان",
                3: "3 بيانات صحفية",
                11: "11 بيانًا صحفيًا",
                100: "100 بيان صحفي",
            },
        ),
        ("zh", {1: "1 篇新闻稿", 7: "7 篇新闻稿"}),
    ],
)
def test_a_count_takes_the_form_of_the_language_s_plural_rules(language: str, counts: dict[int, str]) -> None:
    strings = load(language)
    assert {n: str(strings.count("release_count", n)) for n in counts} == counts


def test_a_filled_word_is_escaped_html_that_keeps_the_markup_given_to_it() -> None:
    strings = load("en")
    filled = strings.fill("moved_to", link=Markup('<a href="/x/">X &amp; Y</a>'))
    assert filled == Markup('This release has moved to <a href="/x/">X &amp; Y</a>.')
    assert strings.fill("official_site", organization="<b>O'Neill & Co</b>") == Markup(
        "An official website of &lt;b&gt;O&#39;Neill &amp; Co&lt;/b&gt;"
    )
    assert strings.text("tag_heading", name="A & B") == "Tag: A & B"


def test_search_gets_one_attribute_per_plural_form() -> None:
    assert str(load("en").data_attributes("results", "search_results")) == (
        'data-text-results="{count} results for “{query}”"\n  data-text-results-one="1 result for “{query}”"'
    )
    assert str(load("zh").data_attributes("filtered", "search_filtered")) == 'data-text-filtered="{count} 篇新闻稿"'
    assert str(load("ru").data_attributes("filtered", "search_filtered")).count("data-text-filtered") == 4


@pytest.mark.parametrize(
    ("tag", "table", "rtl"),
    [
        ("en", "en", False),
        ("pt-BR", "pt", False),
        ("zh-Hans-CN", "zh", False),
        ("ar", "ar", True),
        ("ar-EG", "ar", True),
        ("zh-Hant", None, False),
        ("zh-TW", None, False),
        ("nl", None, False),
    ],
)
def test_a_tag_maps_to_its_language_s_table(tag: str, table: str | None, rtl: bool) -> None:
    assert table_of(tag) == table
    if table:
        assert (load(tag).direction == "rtl") == rtl


def test_a_regional_tag_keeps_its_region_s_dates() -> None:
    assert (display_date(MAY_2, load("en-GB")), display_date(MAY_2, load("en-US"))) == ("2 MAY 2024", "MAY 2, 2024")


@given(st.from_regex(r"(en|fr|ar|pt|zh|ru|es|de)(-[A-Za-z0-9]{1,8}){0,3}", fullmatch=True))
def test_any_tag_the_settings_take_has_words_and_dates(tag: str) -> None:
    config, problems = load_config(f'language = "{tag}"\n', "site.toml")
    if not problems:
        assert config.strings.language == tag
        assert display_date(MAY_2, config.strings)
        assert config.strings.count("release_count", 3)


# -- a site's [strings] --------------------------------------------------------------------


def test_a_site_overrides_any_word_in_its_language() -> None:
    config, problems = load_config(
        'language = "fr"\n[strings]\nrelated_articles = "À lire aussi"\n'
        'release_count = { one = "{count} avis", other = "{count} avis" }\n',
        "site.toml",
    )
    assert problems == []
    assert config.strings.related_articles == "À lire aussi"
    assert str(config.strings.count("release_count", 4)) == "4 avis"
    assert config.strings.read_more == "Lire la suite"


def test_a_type_label_override_labels_the_default_type() -> None:
    config, _ = load_config('[strings]\ntype_readout = "Call Summary"\n', "site.toml")
    assert [t.label for t in config.types if t.name == "readout"] == ["Call Summary"]


def test_a_site_without_a_title_is_called_press_releases_in_its_language() -> None:
    assert [load_config(f'language = "{tag}"\n', "site.toml")[0].title for tag in ("en", "de", "zh")] == [
        "Press Releases",
        "Pressemitteilungen",
        "新闻稿",
    ]
    assert load_config('title = "Newsroom"\nlanguage = "de"\n', "site.toml")[0].title == "Newsroom"


def test_default_types_are_labelled_in_the_site_s_language() -> None:
    config, _ = load_config('language = "de"\n', "site.toml")
    assert [(t.name, t.label, t.plural, t.slug) for t in config.types][:2] == [
        ("press statement", "Presseerklärung", "Presseerklärungen", "press-statement"),
        ("media note", "Medienhinweis", "Medienhinweise", "media-note"),
    ]


def test_an_unknown_word_is_an_error_with_did_you_mean() -> None:
    assert problems_of('title = "x"\n\n[strings]\nread_mroe = "More"\n') == [
        'site.toml:4: strings.read_mroe: unknown interface word; did you mean "read_more"?'
        " (expected a key of docs/languages.md)"
    ]


def test_every_wrong_word_is_reported_at_its_line() -> None:
    text = (
        "[strings]\n"
        "read_more = 3\n"
        'release_count = "many releases"\n'
        'official_site = "Official site of {organisation}"\n'
        'related_articles = "Related {"\n'
        'search_results = { one = "one", few = "{count} few" }\n'
        'official_site_label = "{organization:>30}"\n'
        'official_run_text = "{organization!r}"\n'
    )
    assert problems_of(text) == [
        "site.toml:2: strings.read_more: is 3 (expected text)",
        "site.toml:3: strings.release_count: is 'many releases'"
        ' (expected a table of plural forms such as { one = "...", other = "..." })',
        "site.toml:4: strings.official_site: 'Official site of {organisation}' has the unknown placeholder"
        " {organisation} (expected {organization})",
        "site.toml:5: strings.related_articles: 'Related {' has a brace that does not pair up"
        " (expected {{ and }} for a literal brace)",
        'site.toml:6: strings.search_results: has the plural form "few" (expected the forms of en: one, other)',
        "site.toml:7: strings.official_site_label: '{organization:>30}' has the placeholder {organization:>30}, with a"
        " conversion or a format (expected plain {organization})",
        "site.toml:8: strings.official_run_text: '{organization!r}' has the placeholder {organization!r}, with a"
        " conversion or a format (expected plain {organization})",
    ]


def test_a_strings_setting_that_is_not_a_table_is_an_error() -> None:
    assert problems_of('strings = "fr"\n') == [
        "site.toml:1: strings: is 'fr' (expected a [strings] table of interface words)"
    ]


def test_doubled_braces_are_one_literal_brace_in_every_word() -> None:
    strings = load("en", {"live_now": "{{Live}}", "official_site": "{{Official}} {organization}"})
    assert strings.live_now == "{Live}"  # a word used as it is
    assert str(strings.fill("official_site", organization="the Ministry")) == "{Official} the Ministry"
