import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.config import BASE_URL_EXPECTED, SiteConfig, load_config


def problems_of(text: str) -> list[str]:
    return [str(p) for p in load_config(text, "site.toml")[1]]


def test_no_file_means_all_defaults() -> None:
    config, problems = load_config(None, "site.toml")
    assert problems == [] and config == SiteConfig()
    assert [t.name for t in config.types][:2] == ["press statement", "media note"]
    assert config.per_page == 20 and config.related_count == 3 and config.timezone == "UTC"


def test_settings_are_read() -> None:
    config, problems = load_config(
        'title = "Press"\nbase_url = "https://example.org/press"\nper_page = 5\ntimezone = "Europe/Oslo"\n'
        '[[types]]\nname = "Statement"\nplural = "Statements"\n',
        "site.toml",
    )
    assert problems == []
    assert config.base_url == "https://example.org/press/" and config.base_path == "/press/"
    assert config.per_page == 5
    assert [(t.name, t.label, t.plural, t.slug) for t in config.types] == [
        ("statement", "Statement", "Statements", "statement")
    ]


def test_every_error_has_its_line() -> None:
    text = 'title = "Press"\nper_page = "ten"\ntimezone = "Mars/Olympus"\nrelated_cont = 4\n'
    assert problems_of(text) == [
        "site.toml:2: per_page: is 'ten' (expected a whole number)",
        'site.toml:4: related_cont: warning: unknown setting, ignored; did you mean "related_count"?',
        'site.toml:3: timezone: "Mars/Olympus" is not a known time zone (expected an IANA name such as "UTC" '
        'or "Europe/Oslo")',
    ]


def test_toml_syntax_error_has_its_line() -> None:
    assert problems_of('title = "Press"\nper_page = = 3\n')[0].startswith("site.toml:2: site.toml: TOML syntax error")


def test_bad_base_url() -> None:
    assert problems_of('base_url = "javascript:alert(1)"\n')[0].startswith('site.toml:1: base_url: "javascript')


def test_types_table_mistakes() -> None:
    assert problems_of("types = []\n") == ["site.toml:1: types: is empty (expected at least one [[types]] table)"]
    assert problems_of('[types]\nname = "x"\n') == [
        "site.toml:1: types: is a table (expected a list of [[types]] tables)"
    ]
    assert problems_of('[[types]]\nname = "x"\nlable = "X"\n') == [
        'site.toml:3: types.lable: warning: unknown key, ignored; did you mean "label"? (expected name, label, plural)'
    ]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/\\evil.example/", "has a backslash, white space or a control character"),
        ("//evil.example/", 'is not an http(s) URL or a path starting with a single "/"'),
        ("http:///press/", "has no host name"),
        ("/press me/", "has a backslash, white space or a control character"),
        ("/press/\x07", "has a backslash, white space or a control character"),
        ("/press/?a=1", "has a query or a fragment"),
        ("https://example.org/press/#top", "has a query or a fragment"),
        ("https://example.org:99999/", "is not a valid URL (Port out of range 0-65535)"),
        ("http://[oops/", "is not a valid URL (Invalid IPv6 URL)"),
        ("press/", 'is not an http(s) URL or a path starting with a single "/"'),
        ("ftp://example.org/", 'is not an http(s) URL or a path starting with a single "/"'),
    ],
)
def test_a_base_url_that_could_point_elsewhere_is_refused(url: str, reason: str) -> None:
    assert problems_of(f"base_url = {json.dumps(url)}\n") == [
        f'site.toml:1: base_url: "{url}" {reason} (expected {BASE_URL_EXPECTED})'
    ]


@pytest.mark.parametrize(
    "url", ["/", "/press/", "https://example.org", "http://[::1]:8080/press/", "https://ex.org/ö/"]
)
def test_good_base_urls_are_taken(url: str) -> None:
    assert problems_of(f"base_url = {json.dumps(url)}\n") == []


@pytest.mark.parametrize(
    "zone", ["localtime", "/etc/localtime", "posixrules", "right/UTC", "posix/UTC", "Europe", "../UTC", "zone.tab", ""]
)
def test_a_timezone_must_be_an_iana_name(zone: str) -> None:
    assert problems_of(f"timezone = {json.dumps(zone)}\n") == [
        f'site.toml:1: timezone: "{zone}" is not a known time zone (expected an IANA name such as "UTC" or '
        '"Europe/Oslo")'
    ]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Oslo", "America/Argentina/Salta", "Etc/GMT+5"])
def test_iana_timezones_are_taken(zone: str) -> None:
    assert problems_of(f"timezone = {json.dumps(zone)}\n") == []


LANGUAGE_EXPECTED = 'a BCP 47 language tag such as "en", "fr", "pt-BR" or "zh-Hant"'


@pytest.mark.parametrize(
    "tag",
    [
        "../../../x4",
        "/tmp/x",
        "en/../../x",
        "en onload=x",
        'en"',
        "",
        "e",
        "english language",
        "en_GB",
        "x" * 40,
        "en-",
    ],
)
def test_a_language_must_be_a_language_tag_so_it_names_no_path(tag: str) -> None:
    """The language names the search index's files: a path in it would write them anywhere."""
    assert problems_of(f"language = {json.dumps(tag)}\n") == [
        f'site.toml:1: language: "{tag}" is not a language tag (expected {LANGUAGE_EXPECTED})'
    ]


@given(st.text(max_size=40))
def test_any_accepted_language_is_a_plain_tag(tag: str) -> None:
    if not problems_of(f"language = {json.dumps(tag)}\n"):
        assert tag and all(part.isascii() and part.isalnum() for part in tag.split("-")), tag


@pytest.mark.parametrize(
    "tag",
    ["en", "fr", "en-GB", "pt-BR", "pt-PT", "zh-Hans", "zh-CN", "ar", "ar-EG", "es-419", "de-AT", "ru", "zh-hans"],
)
def test_language_tags_with_an_interface_table_are_taken(tag: str) -> None:
    assert problems_of(f"language = {json.dumps(tag)}\n") == []


AVAILABLE = "ar, de, en, es, fr, pt, ru, zh"


@pytest.mark.parametrize("tag", ["gsw", "nl", "it-IT", "xx-YY"])
def test_a_language_without_a_table_is_an_error_listing_the_available_ones(tag: str) -> None:
    assert problems_of(f'title = "x"\nlanguage = {json.dumps(tag)}\n') == [
        f'site.toml:2: language: "{tag}" has no table of interface words'
        f' (expected one of {AVAILABLE}, or a regional variant such as "pt-BR")'
    ]


@pytest.mark.parametrize("tag", ["zh-Hant", "zh-Hant-TW", "zh-TW", "zh-HK"])
def test_traditional_chinese_is_not_given_the_simplified_table(tag: str) -> None:
    assert problems_of(f"language = {json.dumps(tag)}\n") == [
        f'site.toml:1: language: "{tag}" has no table of interface words (the "zh" table is in Simplified'
        f" Chinese) (expected one of {AVAILABLE}, or a regional variant of one such as zh-CN or zh-Hans)"
    ]
